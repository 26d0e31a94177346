locals {
  name_prefix = "${var.environment}-app"
  queue_names = ["orders", "invoices"]
  log_group   = "arn:aws:logs:us-east-1:${var.account_id}:log-group:/app/${var.environment}"
  read_actions = [
    "s3:GetObject",
    "s3:ListBucket",
  ]
}
