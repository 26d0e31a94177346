data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = var.trusted_services
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

data "aws_iam_policy_document" "base" {
  statement {
    sid       = "ReadData"
    actions   = local.read_actions
    resources = ["arn:aws:s3:::${var.bucket_name}", "arn:aws:s3:::${var.bucket_name}/*"]
  }

  statement {
    sid       = "OwnPrefix"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::${var.bucket_name}/home/&{aws:username}/*"]
  }
}

data "aws_iam_policy_document" "app" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [file("${path.module}/policies/override.json")]

  statement {
    sid       = "Queues"
    actions   = ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:SendMessage"]
    resources = module.storage.queue_arns
  }
}

resource "aws_iam_policy" "app" {
  name   = "${local.name_prefix}-policy"
  policy = data.aws_iam_policy_document.app.json
}

resource "aws_iam_policy" "boundary" {
  name = "${local.name_prefix}-boundary"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:*", "sqs:*", "logs:*"],
      "Resource": "*"
    },
    {
      "Effect": "Deny",
      "Action": "iam:*",
      "Resource": "arn:aws:iam::${data.aws_caller_identity.current.account_id}:*"
    }
  ]
}
EOF
}

resource "aws_iam_policy" "logs" {
  name = "${local.name_prefix}-logs"
  policy = templatefile("${path.module}/policies/logs.json.tpl", {
    log_group = local.log_group
  })
}
