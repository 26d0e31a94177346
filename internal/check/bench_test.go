package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// benchPolicy is an identity policy of n statements, each granting a few
// actions of one service on its own bucket prefix, with a Deny every
// tenth statement.
func benchPolicy(n int) string {
	services := []string{"s3", "ec2", "iam", "sqs", "kms", "lambda", "dynamodb", "sns"}
	var sts []string
	for i := range n {
		effect := "Allow"
		if i%10 == 9 {
			effect = "Deny"
		}
		svc := services[i%len(services)]
		sts = append(sts, fmt.Sprintf(`{"Effect": %q, "Action": ["%s:Get*", "%s:List*", "%s:Put*"], "Resource": "arn:aws:s3:::bucket-%d/*"}`, effect, svc, svc, svc, i))
	}
	return identity(sts...)
}

// BenchmarkAccessNotGranted checks a 100-statement identity policy, the
// catalog loaded once: by actions (a wildcard over one service), and by
// resource only, which quantifies over every action of the catalog.
func BenchmarkAccessNotGranted(b *testing.B) {
	cat := testCatalog(b)
	doc := parse(b, policy.Identity, benchPolicy(100))
	for _, bc := range []struct {
		name   string
		access Access
	}{
		{"actions", Access{Actions: []string{"s3:*", "iam:PassRole"}}},
		{"resource", Access{Resources: []string{"arn:aws:s3:::bucket-4*"}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			q, err := NewAccessQuery(cat, bc.access)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				q.Check(doc)
			}
		})
	}
}

// BenchmarkNoPublicAccess checks a bucket policy of 100 statements open to
// "*" under conditions of every kind.
func BenchmarkNoPublicAccess(b *testing.B) {
	cat := testCatalog(b)
	conds := []string{
		`{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`,
		`{"StringLike": {"aws:PrincipalOrgID": "*"}}`,
		`{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}`,
		`{"Bool": {"aws:SecureTransport": "true"}}`,
	}
	var sts []string
	for i := range 100 {
		sts = append(sts, fmt.Sprintf(`{"Effect": "Allow", "Principal": "*", "Action": "s3:Get*", "Resource": "arn:aws:s3:::bucket-%d/*", "Condition": %s}`, i, conds[i%len(conds)]))
	}
	doc := parse(b, policy.Resource, `{"Version": "2012-10-17", "Statement": [`+strings.Join(sts, ",")+`]}`)
	for b.Loop() {
		if _, err := NoPublicAccess(cat, doc, "AWS::S3::Bucket"); err != nil {
			b.Fatal(err)
		}
	}
}
