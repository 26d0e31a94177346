{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "logs:DescribeLogStreams",
      "Resource": "${log_group}:*"
    }
  ]
}
