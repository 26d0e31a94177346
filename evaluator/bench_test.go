package evaluator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// benchPolicies builds the benchmark shape: an identity policy, a
// boundary, one SCP level and a resource policy with conditions, each of
// n statements, where only the last identity statement allows the
// request.
func benchPolicies(b *testing.B, n int) *PolicySet {
	b.Helper()
	statements := func(kind policy.Kind, last string) string {
		var sts []string
		for i := 0; i < n-1; i++ {
			principal := ""
			if kind == policy.Resource {
				principal = `"Principal": {"AWS": "arn:aws:iam::444455556666:root"},`
			}
			sts = append(sts, fmt.Sprintf(`{"Sid": "S%d", "Effect": "Allow", %s "Action": ["svc%d:Get*", "svc%d:List*"], "Resource": "arn:aws:svc%d:::thing-%d/*",
				"Condition": {"StringEquals": {"aws:PrincipalTag/team": "t%d"}, "IpAddress": {"aws:SourceIp": "10.%d.0.0/16"}}}`, i, principal, i, i, i, i, i, i%250))
		}
		sts = append(sts, last)
		return `{"Version": "2012-10-17", "Statement": [` + strings.Join(sts, ",") + `]}`
	}
	parse := func(name, src string, kind policy.Kind) *policy.Document {
		d, err := policy.Parse(name, []byte(src), kind)
		if err != nil {
			b.Fatalf("%s: %v\n%s", name, err, src)
		}
		return d
	}
	allow := `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}`
	set, err := Compile(Policies{
		Identity: []*policy.Document{parse("identity.json", statements(policy.Identity, allow), policy.Identity)},
		Boundary: parse("boundary.json", statements(policy.Boundary, `{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}`), policy.Boundary),
		SCPs:     [][]*policy.Document{{parse("scp.json", statements(policy.SCP, `{"Effect": "Allow", "Action": "*", "Resource": "*"}`), policy.SCP)}},
		Resource: parse("bucket.json", statements(policy.Resource, `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::bucket/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}`), policy.Resource),
	}, Organization{})
	if err != nil {
		b.Fatal(err)
	}
	return set
}

func benchRequest(b *testing.B) *Prepared {
	b.Helper()
	req := &Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/alice/notes.txt", Context: Context{}}
	req.Context.Set("aws:SecureTransport", "true")
	req.Context.Set("aws:SourceIp", "203.0.113.7")
	req.Context.Set("aws:PrincipalTag/team", "blue")
	p, err := Prepare(req)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkEvaluate decides one prepared request against an identity
// policy, a boundary, one SCP level and a resource policy with conditions,
// of 1, 10 and 100 statements each, with and without a trace.
func BenchmarkEvaluate(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		for _, trace := range []bool{false, true} {
			b.Run(fmt.Sprintf("statements=%d/trace=%v", n, trace), func(b *testing.B) {
				set, p := benchPolicies(b, n), benchRequest(b)
				var res Result
				set.EvaluatePrepared(p, Options{Trace: trace}, &res)
				if res.Decision != Allowed {
					b.Fatalf("decision %s: %s", res.Decision, res.Summary())
				}
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					set.EvaluatePrepared(p, Options{Trace: trace}, &res)
				}
			})
		}
	}
}

// BenchmarkPrepare measures checking a request and deriving its context.
func BenchmarkPrepare(b *testing.B) {
	req := &Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/alice/notes.txt", Context: Context{}}
	req.Context.Set("aws:SecureTransport", "true")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Prepare(req); err != nil {
			b.Fatal(err)
		}
	}
}
