package evaluator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// benchShape is what the statements of a benchmark's policies hold.
type benchShape struct {
	// filler renders statement i of the n-1 that do not match the
	// request; principal is the Principal member of a resource policy.
	filler func(i int, principal string) string
	// identity, boundary, scp and resource are the last statement of each
	// policy: only the identity policy's allows the request.
	identity, boundary, scp, resource string
}

// plainShape is the benchmark shape: wildcard actions, static
// resources, two conditions per statement.
var plainShape = benchShape{
	filler: func(i int, principal string) string {
		return fmt.Sprintf(`{"Sid": "S%d", "Effect": "Allow", %s "Action": ["svc%d:Get*", "svc%d:List*"], "Resource": "arn:aws:svc%d:::thing-%d/*",
			"Condition": {"StringEquals": {"aws:PrincipalTag/team": "t%d"}, "IpAddress": {"aws:SourceIp": "10.%d.0.0/16"}}}`, i, principal, i, i, i, i, i, i%250)
	},
	identity: `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}`,
	boundary: `{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}`,
	scp:      `{"Effect": "Allow", "Action": "*", "Resource": "*"}`,
	resource: `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::bucket/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}`,
}

// sameServiceShape is plainShape with every filler statement about S3
// too, so that the service index cannot skip them: each one is matched
// against the request's action and resource.
var sameServiceShape = benchShape{
	filler: func(i int, principal string) string {
		return fmt.Sprintf(`{"Sid": "S%d", "Effect": "Allow", %s "Action": ["s3:Get*", "s3:List*"], "Resource": "arn:aws:s3:::thing-%d/*",
			"Condition": {"StringEquals": {"aws:PrincipalTag/team": "t%d"}, "IpAddress": {"aws:SourceIp": "10.%d.0.0/16"}}}`, i, principal, i, i, i%250)
	},
	identity: plainShape.identity,
	boundary: plainShape.boundary,
	scp:      plainShape.scp,
	resource: plainShape.resource,
}

// variablesShape is plainShape with ${aws:username} in every Resource and
// five condition keys in every statement with conditions, one of them
// with a variable in its value.
var variablesShape = benchShape{
	filler: func(i int, principal string) string {
		return fmt.Sprintf(`{"Sid": "S%d", "Effect": "Allow", %s "Action": ["svc%d:Get*", "svc%d:List*"], "Resource": "arn:aws:svc%d:::thing-%d/${aws:username}/*",
			"Condition": {"StringEquals": {"aws:PrincipalTag/team": "t%d", "s3:ExistingObjectTag/owner": "${aws:username}"}, "IpAddress": {"aws:SourceIp": "10.%d.0.0/16"},
				"Bool": {"aws:SecureTransport": "true"}, "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}}`, i, principal, i, i, i, i, i, i%250)
	},
	identity: `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/${aws:username}/*",
		"Condition": {"Bool": {"aws:SecureTransport": "true"}, "StringEquals": {"aws:PrincipalTag/team": "blue", "s3:ExistingObjectTag/owner": "${aws:username}"},
			"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}}`,
	boundary: `{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::bucket/${aws:username}/*"}`,
	scp:      `{"Effect": "Allow", "Action": "*", "Resource": "*"}`,
	resource: `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::bucket/${aws:username}/*",
		"Condition": {"StringEquals": {"aws:PrincipalTag/team": "blue", "s3:ExistingObjectTag/owner": "${aws:username}"}, "IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
			"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}, "Bool": {"aws:SecureTransport": "false"}}}`,
}

// benchPolicies builds an identity policy, a boundary, one SCP level and
// a resource policy with conditions, each of n statements of the given
// shape, where only the last identity statement allows the request.
func benchPolicies(b *testing.B, n int, shape benchShape) *PolicySet {
	b.Helper()
	statements := func(kind policy.Kind, last string) string {
		var sts []string
		for i := 0; i < n-1; i++ {
			principal := ""
			if kind == policy.Resource {
				principal = `"Principal": {"AWS": "arn:aws:iam::444455556666:root"},`
			}
			sts = append(sts, shape.filler(i, principal))
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
	set, err := Compile(Policies{
		Identity: []*policy.Document{parse("identity.json", statements(policy.Identity, shape.identity), policy.Identity)},
		Boundary: parse("boundary.json", statements(policy.Boundary, shape.boundary), policy.Boundary),
		SCPs:     [][]*policy.Document{{parse("scp.json", statements(policy.SCP, shape.scp), policy.SCP)}},
		Resource: parse("bucket.json", statements(policy.Resource, shape.resource), policy.Resource),
	}, Organization{})
	if err != nil {
		b.Fatal(err)
	}
	return set
}

// benchRequest is alice reading an object of her own prefix over HTTPS;
// variables adds the keys of variablesShape's conditions.
func benchRequest(b *testing.B, variables bool) *Prepared {
	b.Helper()
	req := &Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/alice/notes.txt", Context: Context{}}
	req.Context.Set("aws:SecureTransport", "true")
	req.Context.Set("aws:SourceIp", "203.0.113.7")
	req.Context.Set("aws:PrincipalTag/team", "blue")
	if variables {
		req.Context.Set("aws:CurrentTime", "2026-03-01T12:00:00Z")
		req.Context.Set("s3:ExistingObjectTag/owner", "alice")
	}
	p, err := Prepare(req)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// benchEvaluate decides the request of benchRequest against the policies
// of benchPolicies.
func benchEvaluate(b *testing.B, n int, trace bool, shape benchShape, variables bool) {
	set, p := benchPolicies(b, n, shape), benchRequest(b, variables)
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
}

// BenchmarkEvaluate decides one prepared request against an identity
// policy, a boundary, one SCP level and a resource policy with conditions,
// of 1, 10 and 100 statements each, with and without a trace.
func BenchmarkEvaluate(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		for _, trace := range []bool{false, true} {
			b.Run(fmt.Sprintf("statements=%d/trace=%v", n, trace), func(b *testing.B) {
				benchEvaluate(b, n, trace, plainShape, false)
			})
		}
	}
}

// BenchmarkEvaluateSameService is BenchmarkEvaluate with every statement
// about the request's service: the worst case for the service index.
func BenchmarkEvaluateSameService(b *testing.B) {
	for _, n := range []int{10, 100} {
		for _, trace := range []bool{false, true} {
			b.Run(fmt.Sprintf("statements=%d/trace=%v", n, trace), func(b *testing.B) {
				benchEvaluate(b, n, trace, sameServiceShape, false)
			})
		}
	}
}

// BenchmarkEvaluateVariables is BenchmarkEvaluate with ${aws:username} in
// every Resource and five condition keys per statement: it should stay
// within twice the time of the plain case.
func BenchmarkEvaluateVariables(b *testing.B) {
	for _, n := range []int{10, 100} {
		for _, trace := range []bool{false, true} {
			b.Run(fmt.Sprintf("statements=%d/trace=%v", n, trace), func(b *testing.B) {
				benchEvaluate(b, n, trace, variablesShape, true)
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
