package evaluator

import (
	"testing"

	"github.com/iamsim/iamsim/policy"
)

const adminPolicy = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`

// TestRCPNoResource checks that an action with no resource type
// (s3:ListAllMyBuckets, resource "*") is subject to the RCPs of the
// calling principal's account (Organizations User Guide,
// orgs_manage_policies_rcps.md, "RCP effects on permissions"), and that
// the result says whose chain applied.
func TestRCPNoResource(t *testing.T) {
	t.Parallel()
	const mgmt, member, outside = "999999999999", "111122223333", "444455556666"
	deny := mustParse(t, "deny-list.json", `{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
		{"Effect": "Deny", "Principal": "*", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}`, policy.RCP)
	admin := mustParse(t, "admin.json", adminPolicy, policy.Identity)
	tests := []struct {
		name      string
		principal string
		action    string
		want      Decision
		applies   bool
	}{
		{name: "member account's user", principal: "arn:aws:iam::" + member + ":user/alice", action: "s3:ListAllMyBuckets", want: ExplicitDeny, applies: true},
		{name: "member account's root", principal: "arn:aws:iam::" + member + ":root", action: "s3:ListAllMyBuckets", want: ExplicitDeny, applies: true},
		{name: "management account's user", principal: "arn:aws:iam::" + mgmt + ":user/admin", action: "s3:ListAllMyBuckets", want: Allowed},
		{name: "account outside the organization", principal: "arn:aws:iam::" + outside + ":user/carol", action: "s3:ListAllMyBuckets", want: Allowed},
		{name: "service without RCPs", principal: "arn:aws:iam::" + member + ":user/alice", action: "ec2:DescribeInstances", want: Allowed},
	}
	set, err := Compile(Policies{Identity: []*policy.Document{admin}, RCPs: [][]*policy.Document{{deny}}}, Organization{ManagementAccount: mgmt, Members: []string{member}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := set.Evaluate(&Request{Principal: tt.principal, Action: tt.action, Resource: "*"}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Decision != tt.want {
				t.Fatalf("got %s (%s), want %s", res.Decision, res.Summary(), tt.want)
			}
			applied := res.Layers[0].Layer == LayerRCP && res.Layers[0].Verdict != NotApplicable
			if applied != tt.applies || hasNote(res, NoteRCPCallerAccount) != tt.applies {
				t.Errorf("RCP layer %+v, notes %q: want applied %v, with the note saying whose chain", res.Layers[0], res.Notes, tt.applies)
			}
			if !tt.applies && res.Layers[0].Why.IsZero() {
				t.Errorf("no reason given: %+v", res.Layers[0])
			}
		})
	}
}
