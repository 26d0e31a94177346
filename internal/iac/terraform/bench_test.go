package terraform_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/iac/terraform"
)

// writeModule writes a module of n blocks (resources and data sources)
// that hold or make policies: roles
// with trust documents and inline jsonencode policies, policies from
// aws_iam_policy_document, attachments and bucket policies with
// references.
func writeModule(b *testing.B, dir string, n int) {
	b.Helper()
	var src strings.Builder
	src.WriteString("variable \"account\" { default = \"111122223333\" }\nlocals { prefix = \"bench\" }\n")
	for i := 0; i < n/5; i++ {
		fmt.Fprintf(&src, `
data "aws_iam_policy_document" "d%[1]d" {
  statement {
    sid       = "Read%[1]d"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::${local.prefix}-%[1]d", "arn:aws:s3:::${local.prefix}-%[1]d/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalAccount"
      values   = [var.account]
    }
  }
}
resource "aws_iam_policy" "p%[1]d" {
  name   = "${local.prefix}-%[1]d"
  policy = data.aws_iam_policy_document.d%[1]d.json
}
resource "aws_iam_role" "r%[1]d" {
  name = "${local.prefix}-role-%[1]d"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}
resource "aws_iam_role_policy_attachment" "a%[1]d" {
  role       = aws_iam_role.r%[1]d.name
  policy_arn = aws_iam_policy.p%[1]d.arn
}
resource "aws_s3_bucket_policy" "b%[1]d" {
  bucket = aws_s3_bucket.b%[1]d.id
  policy = <<EOT
{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "${aws_s3_bucket.b%[1]d.arn}/*"}]}
EOT
}
`, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src.String()), 0o644); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkReadModule(b *testing.B) {
	dir := b.TempDir()
	writeModule(b, dir, 100)
	b.ReportAllocs()
	for b.Loop() {
		set, err := terraform.ReadModule(dir, terraform.Options{})
		if err != nil || len(set.Policies) != 80 {
			b.Fatalf("%d policies, %v", len(set.Policies), err)
		}
	}
}
