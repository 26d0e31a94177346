package api_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/api"
)

// BenchmarkLintCode lints a repository of infrastructure code as `iamsim
// lint DIR` does: 100 CloudFormation templates, each with a role (trust
// policy, two inline policies, a permissions boundary) and a bucket
// policy, and 20 Terraform modules of 5 .tf files each, each file with
// five policies: 200 files, 1,000 policies. Issue 16's target is 1 s for
// 200 files and 1,000 policies; the figure is in docs/performance.md.
func BenchmarkLintCode(b *testing.B) {
	dir := b.TempDir()
	const templates, modules, filesPerModule = 100, 20, 5
	for i := range templates {
		writeBench(b, filepath.Join(dir, "cfn", fmt.Sprintf("stack%03d", i), "template.yaml"), benchTemplate, i)
	}
	for m := range modules {
		for f := range filesPerModule {
			writeBench(b, filepath.Join(dir, "tf", fmt.Sprintf("module%02d", m), fmt.Sprintf("app%d.tf", f)), benchModule, m*filesPerModule+f)
		}
	}
	want := 5 * (templates + modules*filesPerModule)
	e := api.Engine{}
	b.ResetTimer()
	for b.Loop() {
		report, err := e.Lint(api.LintOptions{Paths: []string{dir}})
		if err != nil {
			b.Fatal(err)
		}
		for _, in := range report.Inputs {
			if in.Err != nil {
				b.Fatal(in.Err)
			}
		}
		if len(report.Files) != want {
			b.Fatalf("linted %d policies, want %d", len(report.Files), want)
		}
	}
}

// writeBench writes a benchmark file from a pattern whose NN is i.
func writeBench(tb testing.TB, path, pattern string, i int) {
	tb.Helper()
	src := strings.NewReplacer("NN", fmt.Sprint(i)).Replace(pattern)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// benchModule is one .tf file of a module with five policies: a role's
// trust policy and inline policy from aws_iam_policy_document (each
// linted once, where the data source stands), a boundary written as a
// heredoc, an attached policy and a bucket policy in jsonencode.
const benchModule = `data "aws_iam_policy_document" "trustNN" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "readNN" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::data-NN", "arn:aws:s3:::data-NN/reports/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["reports"]
    }
  }
}

resource "aws_iam_policy" "boundaryNN" {
  name   = "boundary-NN"
  policy = <<DOC
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "sqs:SendMessage"], "Resource": "*"}]
}
DOC
}

resource "aws_iam_policy" "queueNN" {
  name = "queue-NN"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:us-east-1:111122223333:jobs-NN" }]
  })
}

resource "aws_iam_role" "appNN" {
  name                 = "app-NN"
  assume_role_policy   = data.aws_iam_policy_document.trustNN.json
  permissions_boundary = aws_iam_policy.boundaryNN.arn
  inline_policy {
    name   = "read"
    policy = data.aws_iam_policy_document.readNN.json
  }
}

resource "aws_iam_role_policy_attachment" "queueNN" {
  role       = aws_iam_role.appNN.name
  policy_arn = aws_iam_policy.queueNN.arn
}

resource "aws_s3_bucket_policy" "dataNN" {
  bucket = "data-NN"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::data-NN", "arn:aws:s3:::data-NN/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
  })
}
`

const benchTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: prod}
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${Env}-data-NN"
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/*"]
            Condition: {Bool: {aws:SecureTransport: false}}
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ["s3:Get*", "s3:List*", "sqs:SendMessage"]
            Resource: "*"
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub "${Env}-app-NN"
      PermissionsBoundary: !Ref Boundary
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:ListBucket]
                Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/reports/*"]
                Condition: {StringEquals: {aws:PrincipalTag/team: reports}}
        - PolicyName: queue
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: !Sub "arn:aws:sqs:us-east-1:111122223333:jobs-NN"
`
