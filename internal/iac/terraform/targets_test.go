package terraform_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/internal/iac/terraform"
)

// A resource policy knows the resource it is attached to when the code
// determines it; an attribute known only after apply is left out.
func TestTargets(t *testing.T) {
	src := `locals {
  doc = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }] })
}
resource "aws_s3_bucket" "b" { bucket = "my-b" }
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.bucket
  policy = local.doc
}
resource "aws_sqs_queue_policy" "q" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"
  policy    = local.doc
}
resource "aws_sns_topic" "t" { name = "news" }
resource "aws_sns_topic_policy" "t" {
  arn    = aws_sns_topic.t.arn
  policy = local.doc
}`
	set, err := terraform.ReadFile("main.tf", []byte(src), testOptions(nil))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, p := range set.Policies {
		got[p.Name()] = p.Targets
	}
	want := map[string][]string{
		"aws_s3_bucket_policy.b": {"arn:aws:s3:::my-b"},
		"aws_sqs_queue_policy.q": {"arn:aws:sqs:eu-west-1:111122223333:jobs"},
		"aws_sns_topic_policy.t": nil,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
