package evaluator

import (
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestServiceRules checks step 0: requests AWS refuses whatever the
// policies say, each from the AWS page its rule cites, decide
// implicitDeny with the rule in the result even when an identity policy
// allows everything (and the root user, who needs no policy). Requests
// next to them that no rule covers are decided by the policies.
func TestServiceRules(t *testing.T) {
	t.Parallel()
	const (
		user  = "arn:aws:iam::111122223333:user/admin"
		root  = "arn:aws:iam::111122223333:root"
		other = "arn:aws:iam::444455556666:root"
	)
	trust := mustParse(t, "trust.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["111122223333", "444455556666"]}, "Action": "sts:AssumeRole"}]}`, policy.Trust)
	tests := []struct {
		name      string
		principal string
		action    string
		resource  string
		managed   bool   // an AWS managed KMS key
		rule      string // "" when no rule refuses
		want      Decision
	}{
		// IAM User Guide, access_policies_manage-edit.md: "AWS managed
		// policies cannot be edited".
		{name: "delete AWS managed policy", principal: user, action: "iam:DeletePolicy", resource: "arn:aws:iam::aws:policy/AdministratorAccess", rule: "aws-managed-policy"},
		{name: "new version of AWS managed policy", principal: user, action: "iam:CreatePolicyVersion", resource: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", rule: "aws-managed-policy"},
		{name: "root deletes AWS managed policy", principal: root, action: "iam:DeletePolicy", resource: "arn:aws:iam::aws:policy/ReadOnlyAccess", rule: "aws-managed-policy"},
		{name: "delete customer managed policy", principal: user, action: "iam:DeletePolicy", resource: "arn:aws:iam::111122223333:policy/mine", want: Allowed},
		{name: "attach AWS managed policy", principal: user, action: "iam:GetPolicy", resource: "arn:aws:iam::aws:policy/ReadOnlyAccess", want: Allowed},
		// troubleshoot_roles.md, "I can't edit or delete a role in my
		// AWS account": "You cannot delete or edit the permissions for a
		// service-linked role in IAM".
		{name: "DeleteRole on service-linked role", principal: user, action: "iam:DeleteRole", resource: "arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", rule: "service-linked-role"},
		{name: "edit trust of service-linked role", principal: user, action: "iam:UpdateAssumeRolePolicy", resource: "arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", rule: "service-linked-role"},
		{name: "DeleteServiceLinkedRole", principal: user, action: "iam:DeleteServiceLinkedRole", resource: "arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", want: Allowed},
		{name: "DeleteRole on a role", principal: user, action: "iam:DeleteRole", resource: "arn:aws:iam::111122223333:role/dev", want: Allowed},
		// IAM Identity Center roles: noted, decided by the policies.
		{name: "DeleteRole under aws-reserved", principal: user, action: "iam:DeleteRole", resource: "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef", want: Allowed},
		// KMS Developer Guide, "Create aliases": "The alias/aws/ prefix
		// is reserved for AWS managed key".
		{name: "create alias/aws/", principal: user, action: "kms:CreateAlias", resource: "arn:aws:kms:us-east-1:111122223333:alias/aws/s3", rule: "reserved-kms-alias"},
		{name: "delete alias/aws/", principal: user, action: "kms:DeleteAlias", resource: "arn:aws:kms:us-east-1:111122223333:alias/aws/ebs", rule: "reserved-kms-alias"},
		{name: "create own alias", principal: user, action: "kms:CreateAlias", resource: "arn:aws:kms:us-east-1:111122223333:alias/app", want: Allowed},
		// KMS Developer Guide, "Editing keys": "You cannot edit any
		// properties of AWS managed keys".
		{name: "key policy of AWS managed key", principal: user, action: "kms:PutKeyPolicy", resource: "arn:aws:kms:us-east-1:111122223333:key/k1", managed: true, rule: "aws-managed-kms-key"},
		{name: "key policy of customer managed key", principal: user, action: "kms:PutKeyPolicy", resource: "arn:aws:kms:us-east-1:111122223333:key/k1", want: ImplicitDeny}, // no key policy supplied
		// STS API Reference, AssumeRole: "You cannot use AWS account
		// root user credentials to call AssumeRole".
		{name: "root assumes role, same account", principal: root, action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/dev", rule: "root-assume-role"},
		{name: "root assumes role, cross account", principal: other, action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/dev", rule: "root-assume-role"},
		{name: "root tags session", principal: root, action: "sts:TagSession", resource: "arn:aws:iam::111122223333:role/dev", want: ImplicitDeny}, // by the trust policy
		{name: "user assumes role", principal: user, action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/dev", want: Allowed},
	}
	admin := mustParse(t, "admin.json", adminPolicy, policy.Identity)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := Policies{Identity: []*policy.Document{admin}}
			if strings.HasPrefix(tt.action, "sts:") {
				p.Resource = trust
			}
			set, err := Compile(p, Organization{})
			if err != nil {
				t.Fatal(err)
			}
			for _, trace := range []bool{false, true} {
				res, err := set.Evaluate(&Request{Principal: tt.principal, Action: tt.action, Resource: tt.resource, AWSManagedKey: tt.managed}, Options{Trace: trace})
				if err != nil {
					t.Fatal(err)
				}
				rule := ""
				if res.ServiceRule != nil {
					rule = res.ServiceRule.Name
				}
				want := tt.want
				if tt.rule != "" {
					want = ImplicitDeny
				}
				if res.Decision != want || rule != tt.rule {
					t.Fatalf("trace %v: got %s by rule %q (%s), want %s by rule %q", trace, res.Decision, rule, res.Summary(), want, tt.rule)
				}
				if tt.rule != "" && (len(res.Deciding) != 0 || !strings.Contains(res.Summary(), res.ServiceRule.Doc)) {
					t.Errorf("deciding %v, summary %q: want no deciding statement and the rule's page cited", res.Deciding, res.Summary())
				}
			}
		})
	}
}

// TestServiceRuleNoteOnly checks that a rule the docs do not state well
// enough to decide on (IAM Identity Center's /aws-reserved/ roles) adds
// a note and leaves the decision to the policies.
func TestServiceRuleNoteOnly(t *testing.T) {
	t.Parallel()
	set, err := Compile(Policies{Identity: []*policy.Document{mustParse(t, "admin.json", adminPolicy, policy.Identity)}}, Organization{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := set.Evaluate(&Request{Principal: "arn:aws:iam::111122223333:user/admin", Action: "iam:AttachRolePolicy", Resource: "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Decision != Allowed || res.ServiceRule != nil || !hasNote(res, NoteReservedIAMRole) {
		t.Errorf("got %s, rule %v, notes %q; want allowed with the reserved-iam-role note", res.Decision, res.ServiceRule, res.Notes)
	}
}
