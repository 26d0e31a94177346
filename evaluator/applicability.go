package evaluator

import "github.com/iamsim/iamsim/policy"

// rcpExemption says why RCPs do not apply to the request, or "" when they
// do (Organizations User Guide, orgs_manage_policies_rcps.md: "RCP
// effects on permissions", "Resources and entities not restricted by
// RCPs", and the list of services that support RCPs).
func (e *evaluation) rcpExemption() string {
	if len(e.set.rcps) == 0 {
		return ""
	}
	why := e.rcpAccountExemption()
	if why == "" {
		why = e.rcpRequestExemption()
	}
	if why == "" && e.req.Request.Resource == "*" {
		e.note(NoteRCPCallerAccount)
	}
	return why
}

// rcpAccountExemption says why the account whose RCPs would apply is not
// restricted by them, or "". That account is the resource's, except for
// an action that names no resource (resource "*", such as
// s3:ListAllMyBuckets): AWS then applies the RCPs of the calling
// principal's account ("RCP effects on permissions"), and the supplied
// chain is taken to be that account's.
func (e *evaluation) rcpAccountExemption() string {
	r, c := e.req, &e.req.principal
	if r.Request.Resource == "*" {
		switch {
		case !c.hasAccount():
			return "the action has no resource type, so only the caller's account's RCPs could apply, and the caller has no account"
		case c.account == e.set.org.ManagementAccount:
			return "the action has no resource type, so the caller's account's RCPs apply, and the management account is not restricted by RCPs"
		case e.set.members != nil && !e.set.members[c.account]:
			return "the action has no resource type, so the caller's account's RCPs apply, and it is not a member of the organization"
		}
		return ""
	}
	switch {
	case r.awsOwned:
		return "the resource belongs to AWS, not to an account of the organization"
	case r.resourceAccount == "":
		return "the resource's account is unknown"
	case r.resourceAccount == e.set.org.ManagementAccount:
		return "resources of the management account are not restricted by RCPs"
	case e.set.members != nil && !e.set.members[r.resourceAccount]:
		return "the resource's account is not a member of the organization"
	}
	return ""
}

// rcpRequestExemption says why RCPs do not restrict the request whatever
// the account, or "".
func (e *evaluation) rcpRequestExemption() string {
	r, c := e.req, &e.req.principal
	switch {
	case c.slr:
		return "service-linked roles are not restricted by RCPs"
	case r.slrResource:
		return "RCPs never stop a service from assuming its service-linked role"
	case r.Request.AWSManagedKey:
		return "AWS managed KMS keys are not restricted by RCPs"
	case !r.rcpService:
		return r.service + " does not support RCPs"
	case r.service == "kms" && r.name == "retiregrant":
		return "kms:RetireGrant is not restricted by RCPs"
	}
	return ""
}

// scpExemption says why SCPs do not apply to the caller, or "" when they
// do (Organizations User Guide, orgs_manage_policies_scps.md, "Tasks and
// entities not restricted by SCPs").
func (e *evaluation) scpExemption() string {
	c := &e.req.principal
	switch {
	case len(e.set.scps) == 0:
		return ""
	case c.kind == PrincipalService:
		return "AWS service principals are not restricted by SCPs"
	case c.kind == PrincipalAnonymous:
		return "anonymous callers belong to no account, so no SCPs apply"
	case c.kind == PrincipalSAML || c.kind == PrincipalOIDC:
		return "federated callers have no AWS identity yet, so no SCPs apply"
	case c.slr:
		return "service-linked roles are not restricted by SCPs"
	case c.account == e.set.org.ManagementAccount:
		return "principals of the management account are not restricted by SCPs"
	case e.set.members != nil && !e.set.members[c.account]:
		return "the caller's account is not a member of the organization"
	}
	return ""
}

// identityExemption says why identity-based policies do not apply to the
// caller, or "".
func (e *evaluation) identityExemption() string {
	switch e.req.principal.kind {
	case PrincipalRoot:
		return "policies cannot be attached to the root user"
	case PrincipalService, PrincipalAnonymous:
		return "the caller has no identity-based policies"
	case PrincipalSAML, PrincipalOIDC:
		return "federated callers are authenticated by their identity provider: only the role's trust policy can allow"
	}
	return ""
}

// boundaryExemption says why a permissions boundary does not apply, or "".
func (e *evaluation) boundaryExemption() string {
	c := &e.req.principal
	switch {
	case !c.isIAM():
		return "permissions boundaries apply to IAM users and roles only"
	case c.slr:
		return "service-linked roles have no permissions boundary"
	}
	return ""
}

// sessionExemption says why a session policy does not apply, or "".
func (e *evaluation) sessionExemption() string {
	switch e.req.principal.kind {
	case PrincipalRoleSession, PrincipalRole, PrincipalFederatedUser:
		return ""
	}
	return "session policies apply to role sessions and federated users only"
}

// resourceExemption says why the resource-based policy does not apply, or
// "": a role trust policy is the resource-based policy of a role, which
// says only who may assume it (id_roles_terms-and-concepts.md, "Role
// trust policy": "the principals that you trust to assume the role"), so
// it has no say in a request that is not an STS call on a role.
func (e *evaluation) resourceExemption() string {
	if p := e.set.resource; p != nil && p.Doc.Kind == policy.Trust && !e.req.trust {
		return "a role trust policy decides only STS calls on its role (sts:AssumeRole*, sts:TagSession...)"
	}
	return ""
}

// noResourcePolicyWhy says what a missing resource-based policy means.
func (e *evaluation) noResourcePolicyWhy() string {
	switch {
	case e.req.trust:
		return "no trust policy supplied for the role"
	case e.req.key:
		return "no key policy supplied for the KMS key"
	}
	return "no resource-based policy supplied"
}
