package evaluator

import (
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestCallerAndCrossAccount checks the facts a result records for its
// renderers: the caller's kind, and whether the caller's account differs
// from the resource's (reference_policies_evaluation-logic-cross-account.md).
func TestCallerAndCrossAccount(t *testing.T) {
	t.Parallel()
	set, err := Compile(Policies{}, Organization{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		req       Request
		wantKind  PrincipalKind
		wantCross bool
	}{
		{name: "a user on a bucket of its account, which the ARN does not name",
			req:      Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"},
			wantKind: PrincipalUser},
		{name: "a user on a bucket of another account",
			req:      Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "444455556666"},
			wantKind: PrincipalUser, wantCross: true},
		{name: "a role session on a queue the ARN places in another account",
			req:      Request{Principal: "arn:aws:sts::111122223333:assumed-role/app/s", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:eu-west-1:444455556666:q"},
			wantKind: PrincipalRoleSession, wantCross: true},
		{name: "a role on a role of its account",
			req:      Request{Principal: "arn:aws:iam::111122223333:role/app", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/other"},
			wantKind: PrincipalRole},
		{name: "a root user across accounts",
			req:      Request{Principal: "arn:aws:iam::111122223333:root", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "444455556666"},
			wantKind: PrincipalRoot, wantCross: true},
		{name: "a federated user",
			req:      Request{Principal: "arn:aws:sts::111122223333:federated-user/bob", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"},
			wantKind: PrincipalFederatedUser},
		{name: "a service has no account",
			req:      Request{Principal: "cloudtrail.amazonaws.com", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "444455556666"},
			wantKind: PrincipalService},
		{name: "an anonymous caller has no account",
			req:      Request{Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "444455556666"},
			wantKind: PrincipalAnonymous},
		{name: "a resource AWS owns is decided in the caller's account",
			req:      Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "iam:GetPolicy", Resource: "arn:aws:iam::aws:policy/ReadOnlyAccess"},
			wantKind: PrincipalUser},
		{name: "an action that needs no permission is still across accounts",
			req:      Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "sts:GetCallerIdentity", Resource: "*", ResourceAccount: "444455556666"},
			wantKind: PrincipalUser, wantCross: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := set.Evaluate(&tt.req, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Caller != tt.wantKind || res.CrossAccount != tt.wantCross {
				t.Errorf("Caller, CrossAccount = %s, %t; want %s, %t", res.Caller, res.CrossAccount, tt.wantKind, tt.wantCross)
			}
		})
	}
}

// TestVerdict checks a layer's verdict, over the levels of a chain: a
// level that denies outweighs one that stays silent, which outweighs one
// that allows.
func TestVerdict(t *testing.T) {
	t.Parallel()
	allowAll := mustParse(t, "full.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`, policy.SCP)
	allowEC2 := mustParse(t, "ec2.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}`, policy.SCP)
	denyS3 := mustParse(t, "nos3.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}`, policy.SCP)
	identity := mustParse(t, "id.json", `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`, policy.Identity)
	tests := []struct {
		name string
		scps [][]*policy.Document
		want Verdict
	}{
		{name: "no SCPs", want: NotApplicable},
		{name: "every level allows", scps: [][]*policy.Document{{allowAll}, {allowAll}}, want: Allows},
		{name: "a level stays silent", scps: [][]*policy.Document{{allowAll}, {allowEC2}, {allowAll}}, want: Silent},
		{name: "a level denies, another stays silent", scps: [][]*policy.Document{{allowEC2}, {allowAll, denyS3}}, want: Denies},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			set, err := Compile(Policies{Identity: []*policy.Document{identity}, SCPs: tt.scps}, Organization{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := set.Evaluate(&Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Verdict(LayerSCP); got != tt.want {
				t.Errorf("Verdict(scp) = %s, want %s", got, tt.want)
			}
			if got := res.Verdict(LayerIdentity); got != Allows {
				t.Errorf("Verdict(identity) = %s, want allows", got)
			}
		})
	}
}
