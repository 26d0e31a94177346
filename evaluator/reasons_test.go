package evaluator_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// TestSummaryAgreement checks that the summary of an explicit deny agrees
// in number: one deciding statement "denies", several "deny", listed
// "A, B and C".
func TestSummaryAgreement(t *testing.T) {
	t.Parallel()
	parse := func(name, src string, kind policy.Kind) *policy.Document {
		d, err := policy.Parse(name, []byte(src), kind)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	const deny = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}`
	const rcp = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}`
	const allow = `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`
	tests := []struct {
		name string
		p    evaluator.Policies
		want string
	}{
		{name: "one", p: evaluator.Policies{Identity: []*policy.Document{parse("id.json", deny, policy.Identity)}},
			want: "explicitDeny: identity policy id.json:1:94 denies, and an explicit deny always wins"},
		{name: "two", p: evaluator.Policies{Identity: []*policy.Document{parse("id.json", allow, policy.Identity)},
			RCPs: [][]*policy.Document{{parse("rcp.json", rcp, policy.RCP)}}, SCPs: [][]*policy.Document{{parse("scp.json", deny, policy.SCP)}}},
			want: "explicitDeny: RCP rcp.json:1:112 and SCP scp.json:1:94 deny, and an explicit deny always wins"},
		{name: "three", p: evaluator.Policies{Identity: []*policy.Document{parse("id.json", deny, policy.Identity)},
			RCPs: [][]*policy.Document{{parse("rcp.json", rcp, policy.RCP)}}, SCPs: [][]*policy.Document{{parse("scp.json", deny, policy.SCP)}}},
			want: "explicitDeny: RCP rcp.json:1:112, SCP scp.json:1:94 and identity policy id.json:1:94 deny, and an explicit deny always wins"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			set, err := evaluator.Compile(tt.p, evaluator.Organization{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := set.Evaluate(&evaluator.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject",
				Resource: "arn:aws:s3:::mybucket/k", ResourceAccount: "111122223333"}, evaluator.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Summary(); got != tt.want {
				t.Errorf("Summary() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLayerNames checks the three names of each layer, in AWS's order:
// the short name of JSON output, the step's title and one policy's noun.
func TestLayerNames(t *testing.T) {
	t.Parallel()
	type names struct{ String, Title, Noun string }
	want := []names{
		{"rcp", "resource control policies", "RCP"},
		{"scp", "service control policies", "SCP"},
		{"endpoint", "VPC endpoint policy", "endpoint policy"},
		{"resource", "resource-based policy", "resource policy"},
		{"identity", "identity-based policies", "identity policy"},
		{"boundary", "permissions boundary", "permissions boundary"},
		{"session", "session policy", "session policy"},
	}
	var got []names
	for l := evaluator.LayerRCP; l <= evaluator.LayerSession; l++ {
		got = append(got, names{l.String(), l.Title().String(), l.Noun()})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if got := evaluator.Layer(0).Noun(); got != "policy" {
		t.Errorf("Layer(0).Noun() = %q, want %q", got, "policy")
	}
}
