package terraform_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// aws_iam_policy_document is rendered as the AWS provider renders it.
func TestPolicyDocument(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want string
	}{
		{"sets, single values, variables", `data "aws_iam_policy_document" "d" {
  policy_id = "P1"
  statement {
    sid         = "S1"
    effect      = "Deny"
    not_actions = ["s3:GetObject", "iam:PassRole", "s3:GetObject"]
    resources   = ["arn:aws:s3:::b/&{aws:username}"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"]
    }
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "aws:PrincipalTag/team"
      values   = ["a", "&{aws:username}"]
    }
    condition {
      test     = "StringLike"
      variable = "aws:PrincipalTag/team"
      values   = ["z"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }
  }
}`, `{"Version":"2012-10-17","Id":"P1","Statement":[{"Sid":"S1","Effect":"Deny","NotAction":["s3:GetObject","iam:PassRole"],"Resource":"arn:aws:s3:::b/${aws:username}","Principal":{"AWS":["arn:aws:iam::444455556666:root","arn:aws:iam::111122223333:root"],"Service":"ec2.amazonaws.com"},"Condition":{"Bool":{"aws:SecureTransport":"true"},"StringLike":{"aws:PrincipalTag/team":["a","${aws:username}","z"]}}}]}`},
		{"anyone", `data "aws_iam_policy_document" "d" {
  statement {
    actions       = ["s3:GetObject"]
    not_resources = ["arn:aws:s3:::private/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
  statement {
    actions = ["s3:ListBucket"]
    not_principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}`, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::private/*","Principal":"*"},{"Effect":"Allow","Action":"s3:ListBucket","NotPrincipal":{"AWS":"*"}}]}`},
		{"source and override by Sid", `data "aws_iam_policy_document" "base" {
  version = "2008-10-17"
  statement {
    sid       = "A"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "d" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [jsonencode({
    Statement = [{ Sid = "B", Effect = "Deny", Action = "s3:*", Resource = "*", Principal = { AWS = ["b", "a"] } }]
  })]
  statement {
    sid       = "A"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
  statement {
    sid       = "B"
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
  }
}`, `{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:PutObject","Resource":"*"},{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"},{"Sid":"B","Effect":"Deny","Action":"s3:*","Resource":"*","Principal":{"AWS":["b","a"]}}]}`},
		{"dynamic statements", `variable "grants" {
  default = {
    read  = ["s3:GetObject"]
    write = ["s3:PutObject", "s3:DeleteObject"]
  }
}
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = var.grants
    iterator = g
    content {
      sid       = g.key
      actions   = g.value
      resources = ["arn:aws:s3:::b/${g.key}/*"]
    }
  }
}`, `{"Version":"2012-10-17","Statement":[{"Sid":"read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/read/*"},{"Sid":"write","Effect":"Allow","Action":["s3:PutObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::b/write/*"}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := readOne(t, tc.src, nil)
			p, ok := got["data.aws_iam_policy_document.d"]
			if !ok {
				t.Fatalf("no document in %v", got)
			}
			if diff := cmp.Diff(tc.want, compact(t, p.Doc)); diff != "" {
				t.Errorf("document mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
