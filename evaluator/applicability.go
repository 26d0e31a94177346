package evaluator

import (
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// rcpExemption says why RCPs do not apply to the request, or nothing when they
// do (Organizations User Guide, orgs_manage_policies_rcps.md: "RCP
// effects on permissions", "Resources and entities not restricted by
// RCPs", and the list of services that support RCPs).
func (e *evaluation) rcpExemption() Message {
	if len(e.set.rcps) == 0 {
		return Message{}
	}
	why := e.rcpAccountExemption()
	if why.IsZero() {
		why = e.rcpRequestExemption()
	}
	if why.IsZero() && e.req.Request.Resource == "*" {
		e.note(NoteRCPCallerAccount)
	}
	return why
}

// rcpAccountExemption says why the account whose RCPs would apply is not
// restricted by them, or nothing. That account is the resource's, except for
// an action that names no resource (resource "*", such as
// s3:ListAllMyBuckets): AWS then applies the RCPs of the calling
// principal's account ("RCP effects on permissions"), and the supplied
// chain is taken to be that account's.
func (e *evaluation) rcpAccountExemption() Message {
	r, c := e.req, &e.req.principal
	if r.Request.Resource == "*" {
		switch {
		case !c.hasAccount():
			return message(msg.WhyRCPCallerNoAccount)
		case c.account == e.set.org.ManagementAccount:
			return message(msg.WhyRCPCallerManagement)
		case e.set.members != nil && !e.set.members[c.account]:
			return message(msg.WhyRCPCallerNotMember)
		}
		return Message{}
	}
	switch {
	case r.awsOwned:
		return message(msg.WhyRCPAWSOwned)
	case r.resourceAccount == "":
		return message(msg.WhyRCPAccountUnknown)
	case r.resourceAccount == e.set.org.ManagementAccount:
		return message(msg.WhyRCPManagement)
	case e.set.members != nil && !e.set.members[r.resourceAccount]:
		return message(msg.WhyRCPNotMember)
	}
	return Message{}
}

// rcpRequestExemption says why RCPs do not restrict the request whatever
// the account, or nothing.
func (e *evaluation) rcpRequestExemption() Message {
	r, c := e.req, &e.req.principal
	switch {
	case c.slr:
		return message(msg.WhyRCPLinkedCaller)
	case r.slrResource:
		return message(msg.WhyRCPLinkedResource)
	case r.Request.AWSManagedKey:
		return message(msg.WhyRCPManagedKey)
	case !r.rcpService:
		return r.rcpUnsupported
	case r.service == "kms" && r.name == "retiregrant":
		return message(msg.WhyRCPRetireGrant)
	}
	return Message{}
}

// scpExemption says why SCPs do not apply to the caller, or nothing when they
// do (Organizations User Guide, orgs_manage_policies_scps.md, "Tasks and
// entities not restricted by SCPs").
func (e *evaluation) scpExemption() Message {
	c := &e.req.principal
	switch {
	case len(e.set.scps) == 0:
		return Message{}
	case c.kind == PrincipalService:
		return message(msg.WhySCPService)
	case c.kind == PrincipalAnonymous:
		return message(msg.WhySCPAnonymous)
	case c.kind == PrincipalSAML || c.kind == PrincipalOIDC:
		return message(msg.WhySCPFederated)
	case c.slr:
		return message(msg.WhySCPLinkedRole)
	case c.account == e.set.org.ManagementAccount:
		return message(msg.WhySCPManagement)
	case e.set.members != nil && !e.set.members[c.account]:
		return message(msg.WhySCPNotMember)
	}
	return Message{}
}

// identityExemption says why identity-based policies do not apply to the
// caller, or nothing.
func (e *evaluation) identityExemption() Message {
	switch e.req.principal.kind {
	case PrincipalRoot:
		return message(msg.WhyIdentityRoot)
	case PrincipalService, PrincipalAnonymous:
		return message(msg.WhyIdentityNone)
	case PrincipalSAML, PrincipalOIDC:
		return message(msg.WhyIdentityFederated)
	}
	return Message{}
}

// boundaryExemption says why a permissions boundary does not apply, or nothing.
func (e *evaluation) boundaryExemption() Message {
	c := &e.req.principal
	switch {
	case !c.isIAM():
		return message(msg.WhyBoundaryNotIAM)
	case c.slr:
		return message(msg.WhyBoundaryLinkedRole)
	}
	return Message{}
}

// sessionExemption says why a session policy does not apply, or nothing.
func (e *evaluation) sessionExemption() Message {
	switch e.req.principal.kind {
	case PrincipalRoleSession, PrincipalRole, PrincipalFederatedUser:
		return Message{}
	}
	return message(msg.WhySessionKind)
}

// resourceExemption says why the resource-based policy does not apply, or
// nothing: a role trust policy is the resource-based policy of a role, which
// says only who may assume it (id_roles_terms-and-concepts.md, "Role
// trust policy": "the principals that you trust to assume the role"), so
// it has no say in a request that is not an STS call on a role.
func (e *evaluation) resourceExemption() Message {
	if p := e.set.resource; p != nil && p.Doc.Kind == policy.Trust && !e.req.trust {
		return message(msg.WhyResourceTrust)
	}
	return Message{}
}

// noResourcePolicyWhy says what a missing resource-based policy means.
func (e *evaluation) noResourcePolicyWhy() Message {
	switch {
	case e.req.trust:
		return message(msg.WhyNoTrustPolicy)
	case e.req.key:
		return message(msg.WhyNoKeyPolicy)
	}
	return message(msg.WhyNoResourcePolicy)
}
