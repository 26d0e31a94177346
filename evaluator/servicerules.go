package evaluator

import (
	"slices"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// ServiceRule is a rule an AWS service applies before any policy is
// evaluated: a request it covers is refused (or, for a rule the docs
// describe too loosely to decide on, only noted) whatever the policies
// say. docs/evaluation-logic.md, "0. Service rules", lists them.
type ServiceRule struct {
	// Name identifies the rule: aws-managed-policy, service-linked-role,
	// aws-managed-kms-key, reserved-kms-alias, root-assume-role.
	Name string `json:"name"`
	// Text says what the service refuses, in one sentence.
	Text string `json:"text"`
	// Doc cites the AWS page the rule comes from.
	Doc string `json:"doc"`
}

// serviceRule is a ServiceRule with what it covers: the actions of one
// service (lower case), and a test of the request.
type serviceRule struct {
	ServiceRule
	service string
	actions []string
	// covers reports whether the rule covers a request for one of its
	// actions; f are the resource ARN's fields (ok false for "*").
	covers func(p *Prepared, f *[policy.ARNFields]string, ok bool) bool
	// refuses is false for a rule that is only noted: the docs say the
	// service manages such resources but not that it refuses requests.
	refuses bool
}

// roleChanges are the IAM actions that delete a role or change its trust
// or permissions policies.
var roleChanges = []string{"deleterole", "updateassumerolepolicy", "putrolepolicy", "deleterolepolicy", "attachrolepolicy", "detachrolepolicy", "putrolepermissionsboundary"}

// serviceRules are the documented refusals, checked before the
// policies (docs/evaluation-logic.md, "0. Service rules").
var serviceRules = []serviceRule{
	{
		ServiceRule: ServiceRule{
			Name: "aws-managed-policy",
			Text: "AWS managed policies (arn:aws:iam::aws:policy/...) cannot be changed or deleted: AWS maintains them",
			Doc:  `IAM User Guide, access_policies_manage-edit.md: "AWS managed policies cannot be edited"; access_policies_managed-vs-inline.md, "AWS managed policies"`,
		},
		service: "iam",
		actions: []string{"createpolicyversion", "deletepolicy", "deletepolicyversion", "setdefaultpolicyversion", "tagpolicy", "untagpolicy"},
		covers: func(_ *Prepared, f *[policy.ARNFields]string, ok bool) bool {
			return ok && f[2] == "iam" && f[4] == "aws" && strings.HasPrefix(f[5], "policy/")
		},
		refuses: true,
	},
	{
		ServiceRule: ServiceRule{
			Name: "service-linked-role",
			Text: "a service-linked role cannot be deleted with iam:DeleteRole (iam:DeleteServiceLinkedRole deletes it), and its trust and permissions policies cannot be edited in IAM",
			Doc:  `IAM User Guide, troubleshoot_roles.md, "I can't edit or delete a role in my AWS account": "You cannot delete or edit the permissions for a service-linked role in IAM"; using-service-linked-roles.md, "Deleting a service-linked role"`,
		},
		service: "iam",
		actions: roleChanges,
		covers: func(_ *Prepared, f *[policy.ARNFields]string, ok bool) bool {
			return ok && f[2] == "iam" && strings.HasPrefix(f[5], "role/aws-service-role/")
		},
		refuses: true,
	},
	{
		ServiceRule: ServiceRule{
			Name: "reserved-iam-role",
			Text: "roles under the /aws-reserved/ path are created and managed by IAM Identity Center; AWS may refuse to change or delete them in IAM, but the IAM User Guide states no such rule, so iamsim decides by the policies",
			Doc:  "IAM Identity Center User Guide, permission sets (roles AWSReservedSSO_* under /aws-reserved/sso.amazonaws.com/)",
		},
		service: "iam",
		actions: append(slices.Clip(roleChanges), "updaterole"),
		covers: func(_ *Prepared, f *[policy.ARNFields]string, ok bool) bool {
			return ok && f[2] == "iam" && strings.HasPrefix(f[5], "role/aws-reserved/")
		},
	},
	{
		ServiceRule: ServiceRule{
			Name: "reserved-kms-alias",
			Text: "aliases beginning with alias/aws/ are reserved for AWS managed keys: they cannot be created, changed or deleted",
			Doc:  `AWS KMS Developer Guide, "Create aliases" (alias-create.md): "The alias name for a customer managed key cannot begin with alias/aws/. The alias/aws/ prefix is reserved for AWS managed key"`,
		},
		service: "kms",
		actions: []string{"createalias", "updatealias", "deletealias"},
		covers: func(_ *Prepared, f *[policy.ARNFields]string, ok bool) bool {
			return ok && f[2] == "kms" && strings.HasPrefix(f[5], "alias/aws/")
		},
		refuses: true,
	},
	{
		ServiceRule: ServiceRule{
			Name: "aws-managed-kms-key",
			Text: "the properties of an AWS managed KMS key (description, key policy, tags, enabled state, automatic rotation) cannot be edited: the AWS service that created it manages it",
			Doc:  `AWS KMS Developer Guide, "Editing keys" (editing-keys.md): "You cannot edit any properties of AWS managed keys or AWS owned keys"`,
		},
		service: "kms",
		actions: []string{"updatekeydescription", "putkeypolicy", "tagresource", "untagresource", "enablekey", "disablekey", "enablekeyrotation", "disablekeyrotation"},
		covers: func(p *Prepared, _ *[policy.ARNFields]string, _ bool) bool {
			return p.Request.AWSManagedKey
		},
		refuses: true,
	},
	{
		ServiceRule: ServiceRule{
			Name: "root-assume-role",
			Text: "the root user cannot assume a role: AWS refuses sts:AssumeRole (and sts:AssumeRoot) with root user credentials, in the same account and across accounts",
			Doc:  `AWS STS API Reference, AssumeRole: "You cannot use AWS account root user credentials to call AssumeRole"; AssumeRoot: "You cannot use root user credentials to make this call"`,
		},
		service: "sts",
		actions: []string{"assumerole", "assumeroot"},
		covers: func(p *Prepared, _ *[policy.ARNFields]string, _ bool) bool {
			return p.principal.kind == PrincipalRoot
		},
		refuses: true,
	},
}

// serviceRuleNotes are the notes of the rules that only note, one per
// rule, made once so that the hot path does not build them.
var serviceRuleNotes = func() map[string]string {
	m := map[string]string{}
	for _, r := range serviceRules {
		m[r.Name] = "service rule " + r.Name + ": " + r.Text + " (" + r.Doc + ")"
	}
	return m
}()

// checkServiceRules applies the service rules (step 0): it returns the
// rule that refuses the request, or nil, and notes a rule that only
// notes. It does not allocate.
func (e *evaluation) checkServiceRules() *ServiceRule {
	r := e.req
	if r.service != "iam" && r.service != "kms" && r.service != "sts" {
		return nil
	}
	f, ok := policy.SplitARN(r.Request.Resource)
	for i := range serviceRules {
		sr := &serviceRules[i]
		if sr.service != r.service || !slices.Contains(sr.actions, r.name) || !sr.covers(r, &f, ok) {
			continue
		}
		if sr.refuses {
			return &sr.ServiceRule
		}
		e.note(serviceRuleNotes[sr.Name])
	}
	return nil
}

// serviceRuleSummary explains a refusal by a service rule.
func serviceRuleSummary(d string, sr *ServiceRule) string {
	return d + ": AWS refuses the request before evaluating any policy, so no policy can allow it: " + sr.Text + " (" + sr.Doc + ")"
}
