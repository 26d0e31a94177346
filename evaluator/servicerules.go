package evaluator

import (
	"slices"
	"strings"

	"github.com/iamsim/iamsim/internal/msg"
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
	// note is set for a rule that only notes: the docs say the service
	// manages such resources but not that it refuses requests.
	note NoteCode
}

// refusal is the ServiceRule named id, with its text from the message
// catalog and doc, the page that states it.
func refusal(id msg.ID, doc string) ServiceRule {
	return ServiceRule{Name: string(id), Text: msg.English.Text(id), Doc: doc}
}

// roleChanges are the IAM actions that delete a role or change its trust
// or permissions policies.
var roleChanges = []string{"deleterole", "updateassumerolepolicy", "putrolepolicy", "deleterolepolicy", "attachrolepolicy", "detachrolepolicy", "putrolepermissionsboundary"}

// serviceRules are the documented refusals, checked before the
// policies (docs/evaluation-logic.md, "0. Service rules").
var serviceRules = []serviceRule{
	{
		ServiceRule: refusal(msg.RuleAWSManagedPolicy,
			`IAM User Guide, access_policies_manage-edit.md: "AWS managed policies cannot be edited"; access_policies_managed-vs-inline.md, "AWS managed policies"`),
		service: "iam",
		actions: []string{"createpolicyversion", "deletepolicy", "deletepolicyversion", "setdefaultpolicyversion", "tagpolicy", "untagpolicy"},
		covers: func(_ *Prepared, f *[policy.ARNFields]string, ok bool) bool {
			return ok && f[2] == "iam" && f[4] == "aws" && strings.HasPrefix(f[5], "policy/")
		},
	},
	{
		ServiceRule: refusal(msg.RuleServiceLinkedRole,
			`IAM User Guide, troubleshoot_roles.md, "I can't edit or delete a role in my AWS account": "You cannot delete or edit the permissions for a service-linked role in IAM"; using-service-linked-roles.md, "Deleting a service-linked role"`),
		service: "iam",
		actions: roleChanges,
		covers: func(_ *Prepared, f *[policy.ARNFields]string, ok bool) bool {
			return ok && f[2] == "iam" && strings.HasPrefix(f[5], "role/aws-service-role/")
		},
	},
	{
		ServiceRule: ServiceRule{Name: "reserved-iam-role"},
		service:     "iam",
		actions:     append(slices.Clip(roleChanges), "updaterole"),
		covers: func(_ *Prepared, f *[policy.ARNFields]string, ok bool) bool {
			return ok && f[2] == "iam" && strings.HasPrefix(f[5], "role/aws-reserved/")
		},
		note: NoteReservedIAMRole,
	},
	{
		ServiceRule: refusal(msg.RuleReservedKMSAlias,
			`AWS KMS Developer Guide, "Create aliases" (alias-create.md): "The alias name for a customer managed key cannot begin with alias/aws/. The alias/aws/ prefix is reserved for AWS managed key"`),
		service: "kms",
		actions: []string{"createalias", "updatealias", "deletealias"},
		covers: func(_ *Prepared, f *[policy.ARNFields]string, ok bool) bool {
			return ok && f[2] == "kms" && strings.HasPrefix(f[5], "alias/aws/")
		},
	},
	{
		ServiceRule: refusal(msg.RuleAWSManagedKMSKey,
			`AWS KMS Developer Guide, "Editing keys" (editing-keys.md): "You cannot edit any properties of AWS managed keys or AWS owned keys"`),
		service: "kms",
		actions: []string{"updatekeydescription", "putkeypolicy", "tagresource", "untagresource", "enablekey", "disablekey", "enablekeyrotation", "disablekeyrotation"},
		covers: func(p *Prepared, _ *[policy.ARNFields]string, _ bool) bool {
			return p.Request.AWSManagedKey
		},
	},
	{
		ServiceRule: refusal(msg.RuleRootAssumeRole,
			`AWS STS API Reference, AssumeRole: "You cannot use AWS account root user credentials to call AssumeRole"; AssumeRoot: "You cannot use root user credentials to make this call"`),
		service: "sts",
		actions: []string{"assumerole", "assumeroot"},
		covers: func(p *Prepared, _ *[policy.ARNFields]string, _ bool) bool {
			return p.principal.kind == PrincipalRoot
		},
	},
}

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
		if sr.note == "" {
			return &sr.ServiceRule
		}
		e.note(sr.note)
	}
	return nil
}
