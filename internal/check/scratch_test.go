package check

import (
	"fmt"
	"os"
	"testing"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

func TestScratch(t *testing.T) {
	cat, _ := catalog.Load()
	for _, c := range []struct {
		file string
		acc  Access
	}{
		{"s3-write.json", Access{Actions: []string{"s3:PutObject"}}},
		{"s3-write.json", Access{Actions: []string{"s3:DeleteObject"}}},
		{"s3-write.json", Access{Resources: []string{"arn:aws:s3:::reports/private/*"}}},
		{"admin-deny-iam.json", Access{Actions: []string{"iam:PassRole"}}},
		{"admin-deny-iam.json", Access{Actions: []string{"iam:PassRole", "s3:GetObject"}}},
		{"mfa-delete.json", Access{Actions: []string{"s3:DeleteObject"}}},
		{"not-action.json", Access{Actions: []string{"iam:CreateUser"}}},
		{"not-action.json", Access{Actions: []string{"ec2:*"}}},
	} {
		src, _ := os.ReadFile("../../testdata/checks/" + c.file)
		doc, err := policy.Parse(c.file, src, policy.Identity)
		if err != nil {
			t.Fatal(err)
		}
		q, err := NewAccessQuery(cat, c.acc)
		if err != nil {
			t.Fatal(err)
		}
		r := q.Check(doc)
		fmt.Printf("%s %v: %s %s\n", c.file, c.acc, r.Result, r.Message)
		for _, rs := range r.Reasons {
			fmt.Printf("   %s %s | %+v | %s\n", rs.Pos, rs.Description, rs.Witness, rs.Note)
		}
	}
}

func TestScratchPublic(t *testing.T) {
	cat, _ := catalog.Load()
	for _, c := range []struct{ file, typ string }{
		{"bucket-public.json", "AWS::S3::Bucket"},
		{"bucket-public.json", "AWS::SQS::Queue"},
		{"bucket-org.json", "AWS::S3::Bucket"},
		{"bucket-org-like.json", "AWS::S3::Bucket"},
		{"queue-deny-outside-vpce.json", "AWS::SQS::Queue"},
		{"key-via-service.json", "AWS::KMS::Key"},
	} {
		src, _ := os.ReadFile("../../testdata/checks/" + c.file)
		doc, err := policy.Parse(c.file, src, policy.Resource)
		if err != nil { t.Fatal(err) }
		r, err := NoPublicAccess(cat, doc, c.typ)
		if err != nil { t.Fatal(err) }
		fmt.Printf("%s %v: %s %s\n", c.file, c.typ, r.Result, r.Message)
		for _, rs := range r.Reasons {
			fmt.Printf("   %s %s | %+v | %s\n", rs.Pos, rs.Description, rs.Witness, rs.Note)
		}
	}
}
