package evaluator

import (
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestTrustPolicyOnlyForItsRole checks that a role trust policy, which
// says only who may assume its role (IAM User Guide,
// id_roles_terms-and-concepts.md, "Role trust policy"), decides no
// request but an STS call on a role: given as the resource-based policy
// of an S3 request, it grants nothing.
func TestTrustPolicyOnlyForItsRole(t *testing.T) {
	t.Parallel()
	trust := mustParse(t, "trust.json", `{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}, "Action": ["sts:AssumeRole", "s3:GetObject"]}]}`, policy.Trust)
	set, err := Compile(Policies{Resource: trust}, Organization{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, action, resource string
		want                   Decision
	}{
		{name: "assuming the role", action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/deploy", want: Allowed},
		{name: "an S3 read", action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key", want: ImplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, trace := range []bool{false, true} {
				res, err := set.Evaluate(&Request{Principal: "arn:aws:iam::111122223333:role/ci", Action: tt.action, Resource: tt.resource,
					ResourceAccount: "111122223333"}, Options{Trace: trace})
				if err != nil {
					t.Fatal(err)
				}
				if res.Decision != tt.want {
					t.Errorf("trace %v: got %s (%s), want %s", trace, res.Decision, res.Summary(), tt.want)
				}
			}
		})
	}
}
