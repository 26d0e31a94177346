package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkBatchAccounts decides a batch with account data (eval
// --requests with --account-details, --org and --resource-policies):
// 100,000 requests of the test accounts' users and roles, every tenth
// overriding a context key the organization derives, so that the
// account resolver's policy sets, principals and context notes are
// measured with the batch around them.
func BenchmarkBatchAccounts(b *testing.B) {
	b.Chdir(repoRoot)
	principals := []string{
		"arn:aws:iam::222222222222:user/alice", "arn:aws:iam::222222222222:user/bob",
		"arn:aws:iam::222222222222:role/deploy", "arn:aws:sts::222222222222:assumed-role/app-runtime/i-1",
		"arn:aws:iam::333333333333:user/ops", "arn:aws:iam::333333333333:role/data-reader",
	}
	requests := []struct{ action, resource string }{
		{"s3:GetObject", "arn:aws:s3:::acme-dev-data/home/alice/notes.txt"},
		{"s3:ListBucket", "arn:aws:s3:::acme-prod-data"},
		{"s3:GetObject", "arn:aws:s3:::acme-prod-data/releases/v1.zip"},
		{"sqs:SendMessage", "arn:aws:sqs:eu-west-1:333333333333:order-events"},
		{"dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:222222222222:table/orders"},
	}
	var lines strings.Builder
	for i := 0; i < 100000; i++ {
		r := requests[i%len(requests)]
		ctx := `"aws:RequestedRegion": "eu-west-1", "aws:SecureTransport": "true"`
		if i%10 == 0 {
			ctx += `, "aws:principalorgid": "o-other"`
		}
		fmt.Fprintf(&lines, `{"principal": %q, "action": %q, "resource": %q, "context": {%s}}`+"\n", principals[i%len(principals)], r.action, r.resource, ctx)
	}
	file := filepath.Join(b.TempDir(), "requests.jsonl")
	if err := os.WriteFile(file, []byte(lines.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	args := append([]string{"eval", "--requests", file}, accountFlags...)
	b.ReportAllocs()
	b.SetBytes(int64(lines.Len()))
	for i := 0; i < b.N; i++ {
		if code := Main(args, strings.NewReader(""), io.Discard, io.Discard); code > 1 {
			b.Fatalf("exit %d", code)
		}
	}
}
