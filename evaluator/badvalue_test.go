package evaluator

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestBadValues checks issue 8's rule for request values of the wrong
// type (docs/limits.md "Bad values"): in an Allow statement they keep the
// statement from matching and are reported; in a Deny statement that
// they keep from applying, the result is unreliable unless something else
// denies.
func TestBadValues(t *testing.T) {
	t.Parallel()
	const (
		allowAll = `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`
		denyIP   = `{"Sid": "OfficeOnly", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "198.51.100.0/24"}}}`
		denyAll  = `{"Sid": "Everything", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}`
		allowNot = `{"Sid": "NotFromThere", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "198.51.100.0/24"}}}`
	)
	tests := []struct {
		name       string
		statements string
		sourceIP   string
		want       Decision
		unreliable bool
		bad        []BadValue
	}{
		{
			name: "a Deny kept from applying by a bad value is unreliable", statements: allowAll + "," + denyIP, sourceIP: "not-an-ip",
			want: Allowed, unreliable: true,
			bad: []BadValue{{Statement: StatementRef{Layer: LayerIdentity, Policy: "p.json", Sid: "OfficeOnly", Index: 1, Effect: policy.Deny}, Operator: "IpAddress", Key: "aws:SourceIp", Value: "not-an-ip", Want: "an IP address"}},
		},
		{
			name: "a well-formed value is reliable", statements: allowAll + "," + denyIP, sourceIP: "203.0.113.9",
			want: Allowed,
		},
		{
			name: "another Deny decides: reliable", statements: allowAll + "," + denyIP + "," + denyAll, sourceIP: "not-an-ip",
			want: ExplicitDeny,
			bad:  []BadValue{{Statement: StatementRef{Layer: LayerIdentity, Policy: "p.json", Sid: "OfficeOnly", Index: 1, Effect: policy.Deny}, Operator: "IpAddress", Key: "aws:SourceIp", Value: "not-an-ip", Want: "an IP address"}},
		},
		{
			name: "an Allow under a negated operator does not match on a bad value", statements: allowNot, sourceIP: "not-an-ip",
			want: ImplicitDeny,
			bad:  []BadValue{{Statement: StatementRef{Layer: LayerIdentity, Policy: "p.json", Sid: "NotFromThere", Effect: policy.Allow}, Operator: "NotIpAddress", Key: "aws:SourceIp", Value: "not-an-ip", Want: "an IP address"}},
		},
		{
			name: "an Allow under a negated operator matches a well-formed value", statements: allowNot, sourceIP: "203.0.113.9",
			want: Allowed,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			set := identitySet(t, tt.statements)
			req := &Request{Principal: "arn:aws:iam::111122223333:user/a", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Context: Context{}}
			req.Context.Set("aws:SourceIp", tt.sourceIP)
			for _, trace := range []bool{false, true} {
				res, err := set.Evaluate(req, Options{Trace: trace})
				if err != nil {
					t.Fatal(err)
				}
				if res.Decision != tt.want || res.Unreliable != tt.unreliable {
					t.Errorf("trace %v: got %s, unreliable %v; want %s, unreliable %v", trace, res.Decision, res.Unreliable, tt.want, tt.unreliable)
				}
				ignorePositions := cmp.Transformer("noPos", func(r StatementRef) StatementRef { r.Pos, r.End = policy.Pos{}, policy.Pos{}; return r })
				if diff := cmp.Diff(tt.bad, res.BadValues, ignorePositions); diff != "" {
					t.Errorf("trace %v: bad values mismatch (-want +got):\n%s", trace, diff)
				}
			}
		})
	}
}
