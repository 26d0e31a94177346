output "bucket_arn" {
  value = aws_s3_bucket.this.arn
}

output "queue_arns" {
  value = aws_sqs_queue.q[*].arn
}
