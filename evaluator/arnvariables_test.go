package evaluator

import (
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestVariableBeforeFifthColon checks that a policy variable in the
// partition, service, Region or account of a Resource ARN is not
// substituted: "You can't use a variable to replace parts of the ARN
// before the fifth colon, such as the service or account" (IAM User
// Guide, reference_policies_variables.md, "Where you can use policy
// variables", "Resource element"). The entry is literal text that
// no request's ARN matches, so an Allow written that way grants nothing
// and a Deny written that way denies nothing (docs/evaluation-logic.md,
// "Policy variables in Resource ARNs"). The same variable after the fifth
// colon is substituted.
func TestVariableBeforeFifthColon(t *testing.T) {
	t.Parallel()
	const queue = "arn:aws:sqs:us-east-1:111122223333:orders"
	allowAll := `{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}`
	tests := []struct {
		name       string
		statements string
		want       Decision
		// noted: the result says the entry was left literal.
		noted bool
	}{
		{name: "Allow, account variable", statements: `{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders"}`, want: ImplicitDeny, noted: true},
		{name: "Allow, Region variable", statements: `{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:${aws:RequestedRegion}:111122223333:orders"}`, want: ImplicitDeny, noted: true},
		{name: "Allow, variable after the fifth colon", statements: `{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:${aws:username}"}`, want: Allowed},
		{name: "Deny, account variable", statements: allowAll + `, {"Effect": "Deny", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders"}`, want: Allowed, noted: true},
		{name: "Deny, variable after the fifth colon", statements: allowAll + `, {"Effect": "Deny", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:${aws:username}"}`, want: ExplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			set := identitySet(t, tt.statements)
			for _, trace := range []bool{false, true} {
				res, err := set.Evaluate(&Request{Principal: "arn:aws:iam::111122223333:user/orders", Action: "sqs:SendMessage", Resource: queue,
					Context: Context{"aws:RequestedRegion": {Values: []string{"us-east-1"}}}}, Options{Trace: trace})
				if err != nil {
					t.Fatal(err)
				}
				if res.Decision != tt.want {
					t.Errorf("trace %v: got %s (%s), want %s", trace, res.Decision, res.Summary(), tt.want)
				}
				if noted := hasNote(res, NoteUnsubstituted); noted != tt.noted {
					t.Errorf("trace %v: note that the entry is literal: %v, want %v (notes %q)", trace, noted, tt.noted, res.Notes)
				}
				for _, step := range res.Trace {
					d := step.Resource().Detail.String()
					if tt.noted && strings.Contains(d, "${") && !strings.Contains(d, "not substituted") {
						t.Errorf("the trace shows the variable as substituted: %s", d)
					}
				}
			}
		})
	}
}

// identitySet compiles one identity-based policy made of the statements
// (JSON objects, comma-separated).
func identitySet(t *testing.T, statements string) *PolicySet {
	t.Helper()
	doc := mustParse(t, "p.json", `{"Version": "2012-10-17", "Statement": [`+statements+`]}`, policy.Identity)
	set, err := Compile(Policies{Identity: []*policy.Document{doc}}, Organization{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}
