package evaluator_test

import (
	"slices"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// TestAWSOwnedResource checks that an AWS managed policy's ARN
// (arn:aws:iam::aws:policy/NAME, "created and administered by AWS":
// iam-user-guide access_policies_managed-vs-inline.md) has the resource
// account "aws", is not decided as cross-account (IAM has no
// resource-based policy to consult: reference_policies_evaluation-logic-cross-account.md),
// and is decided by the caller's identity-based policies, with a note
// (docs/evaluation-logic.md, AWS-owned resources).
func TestAWSOwnedResource(t *testing.T) {
	t.Parallel()
	doc, err := policy.Parse("read.json", []byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:GetPolicy", "Resource": "*"}}`), policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		p    evaluator.Policies
		want evaluator.Decision
	}{
		{name: "identity policy allows", p: evaluator.Policies{Identity: []*policy.Document{doc}}, want: evaluator.Allowed},
		{name: "no policy", want: evaluator.ImplicitDeny},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := &evaluator.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "iam:GetPolicy",
				Resource: "arn:aws:iam::aws:policy/AdministratorAccess"}
			prep, err := evaluator.Prepare(req)
			if err != nil {
				t.Fatal(err)
			}
			if account, from := prep.ResourceAccount(); account != "aws" || from != "resource ARN" || !prep.IsAWSOwned() {
				t.Errorf("ResourceAccount() = %q, %q, IsAWSOwned %v; want aws, resource ARN, true", account, from, prep.IsAWSOwned())
			}
			set, err := evaluator.Compile(tt.p, evaluator.Organization{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := set.Evaluate(req, evaluator.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Decision != tt.want {
				t.Errorf("decision %s, want %s (%s)", res.Decision, tt.want, res.Summary())
			}
			if !slices.ContainsFunc(res.Notes, evaluator.Note{Code: evaluator.NoteAWSOwned}.Equal) ||
				slices.ContainsFunc(res.Notes, evaluator.Note{Code: evaluator.NoteCrossAccount}.Equal) {
				t.Errorf("notes %q: want the AWS-owned note and no cross-account one", res.Notes)
			}
		})
	}
}
