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
// lint DIR` does: 200 CloudFormation templates, each with a role (trust
// policy, two inline policies, a permissions boundary) and a bucket
// policy, 1,000 policies in all. Issue 16's target is 1 s for 200 files
// and 1,000 policies; the figure is in docs/performance.md.
func BenchmarkLintCode(b *testing.B) {
	dir := b.TempDir()
	const templates = 200
	for i := range templates {
		writeTemplate(b, filepath.Join(dir, fmt.Sprintf("stack%03d", i), "template.yaml"), i)
	}
	e := api.Engine{}
	b.ResetTimer()
	for b.Loop() {
		report, err := e.Lint(api.LintOptions{Paths: []string{dir}})
		if err != nil {
			b.Fatal(err)
		}
		if len(report.Files) != 5*templates {
			b.Fatalf("linted %d policies, want %d", len(report.Files), 5*templates)
		}
	}
}

func writeTemplate(tb testing.TB, path string, i int) {
	tb.Helper()
	src := strings.NewReplacer("NN", fmt.Sprint(i)).Replace(benchTemplate)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		tb.Fatal(err)
	}
}

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
