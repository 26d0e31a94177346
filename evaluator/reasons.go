package evaluator

import (
	"fmt"
	"strings"
)

// reason identifies the rule that decided a request.
type reason int

const (
	reasonNone reason = iota
	reasonCallerIdentity
	reasonExplicitDeny
	reasonRCPGate
	reasonSCPGate
	reasonEndpointGate
	reasonResourceGrant
	reasonNoResourceGrant
	reasonDirectGrant
	reasonRoot
	reasonRoleGrant
	reasonIdentityAllow
	reasonBoundarySilent
	reasonSessionSilent
	reasonFederatedNoSession
	reasonAccountOnly
	reasonNoAllow
	reasonNoTrustPolicy
	reasonNoKeyPolicy
	reasonTrustNoMatch
	reasonKeyNoMatch
	reasonTrustAccountNoIdentity
	reasonKeyAccountNoIdentity
	reasonTrustAccountAndIdentity
	reasonKeyAccountAndIdentity
	reasonCrossNoResourcePolicy
	reasonCrossNoResourceGrant
	reasonCrossNoIdentity
	reasonCrossBoth
	reasonServiceRule
)

var gateReasons = map[Layer]reason{LayerRCP: reasonRCPGate, LayerSCP: reasonSCPGate, LayerEndpoint: reasonEndpointGate}

// Notes that explain a rule or choice behind a decision.
const (
	noteFullAccessMissing = "a level of an SCP or RCP chain without an Allow denies implicitly; AWS attaches FullAWSAccess / RCPFullAWSAccess to every level by default (docs/evaluation-logic.md#scp-and-rcp-levels)"
	noteStarDirect        = `a grant to "*" without an aws:PrincipalArn condition is read as a direct grant, not limited by the boundary or session policy (an inference: docs/evaluation-logic.md#grants-to-everyone)`
	noteAWSOwned          = "the resource belongs to AWS, not to an account (an AWS managed policy, arn:aws:iam::aws:policy/...): it has no resource-based policy, and the caller's own policies decide, as in the caller's account (docs/evaluation-logic.md#aws-owned-resources)"
	noteCrossAccount      = "cross-account request: the caller's account and the resource's account must both allow (docs/evaluation-logic.md#cross-account-requests)"
	noteAccountUnknown    = "the resource's account is unknown: the request is treated as cross-account; give the resource account to decide it as same-account"
	noteSessionNotGiven   = "a statement names a session of the caller's role, but the request gives the role without a session name, so it cannot match"
	noteSecureTransport   = "aws:SecureTransport is absent, but AWS sends it with every request: supply it (true for HTTPS)"
	noteTimeAbsent        = "aws:CurrentTime and aws:EpochTime are never invented: without them a Date condition sees an absent key; supply them (or use --now) for a time-dependent answer"
	noteNoSourceVpce      = "a VPC endpoint policy is given but the request has no aws:SourceVpce: requests through an endpoint carry it (and no aws:SourceIp)"
	noteUnsubstituted     = "a statement that covers the action has a Resource entry with a policy variable before the fifth colon: AWS's guide says such a variable is not substituted, so iamsim matches the entry as literal text, and it covers no resource; some AWS managed policies are written that way all the same (docs/evaluation-logic.md#policy-variables-in-resource-arns)"
)

// Summary explains the decision in one sentence.
func (r *Result) Summary() string {
	d := r.Decision.String()
	first := ""
	if len(r.Deciding) > 0 {
		s := r.Deciding[0]
		first = fmt.Sprintf("%s %s", s.Layer.Noun(), s.Where())
	}
	switch r.reason {
	case reasonCallerIdentity:
		return d + ": sts:GetCallerIdentity and sts:GetSessionToken need no permission, and only a VPC endpoint policy can deny them"
	case reasonExplicitDeny:
		verb := "denies"
		if len(r.Deciding) > 1 {
			verb = "deny"
		}
		return fmt.Sprintf("%s: %s %s, and an explicit deny always wins", d, r.listDeciding(), verb)
	case reasonRCPGate:
		return fmt.Sprintf("%s: no resource control policy at level %d allows the request", d, r.gateLevel)
	case reasonSCPGate:
		return fmt.Sprintf("%s: no service control policy at level %d allows the request", d, r.gateLevel)
	case reasonEndpointGate:
		return d + ": the VPC endpoint policy does not allow the request"
	case reasonResourceGrant:
		return fmt.Sprintf("%s: %s allows the caller and no guardrail blocks", d, first)
	case reasonNoResourceGrant:
		return d + ": the caller has no account, so only a resource-based policy can allow, and none does"
	case reasonDirectGrant:
		return fmt.Sprintf("%s: %s names the caller directly and no guardrail blocks", d, first)
	case reasonRoot:
		return d + ": the root user has full access to its own account's resources and no guardrail blocks"
	case reasonRoleGrant:
		return fmt.Sprintf("%s: %s names the caller's role%s", d, first, r.limitsPhrase())
	case reasonIdentityAllow:
		return fmt.Sprintf("%s: %s allows and no guardrail blocks", d, first)
	case reasonBoundarySilent:
		return d + ": a policy allows, but the permissions boundary does not"
	case reasonSessionSilent:
		return d + ": a policy allows, but the session policy does not"
	case reasonFederatedNoSession:
		return d + ": a federated user has no permissions without a session policy that allows"
	case reasonAccountOnly:
		return d + ": the resource-based policy names only the caller's account, which delegates to the caller's identity-based policies, and none allows"
	case reasonNoAllow:
		return d + ": no identity-based or resource-based policy allows the request"
	case reasonNoTrustPolicy:
		return d + ": assuming a role needs its trust policy to allow, and none was supplied"
	case reasonNoKeyPolicy:
		return d + ": using a KMS key needs its key policy to allow, and none was supplied"
	case reasonTrustNoMatch:
		return d + ": the role's trust policy does not allow the caller, and an identity-based policy alone cannot"
	case reasonKeyNoMatch:
		return d + ": the key policy does not allow the caller or its account, and an identity-based policy alone cannot"
	case reasonTrustAccountNoIdentity:
		return d + ": the trust policy allows the caller's account, which delegates to the caller's identity-based policies, and none allows"
	case reasonKeyAccountNoIdentity:
		return d + ": the key policy allows the account, which delegates to the caller's identity-based policies, and none allows"
	case reasonTrustAccountAndIdentity:
		return fmt.Sprintf("%s: the trust policy allows the caller's account and %s", d, r.identityPhrase())
	case reasonKeyAccountAndIdentity:
		return fmt.Sprintf("%s: the key policy allows the caller's account and %s", d, r.identityPhrase())
	case reasonCrossNoResourcePolicy:
		return d + ": cross-account access needs a resource-based policy in the resource's account, and none was supplied"
	case reasonCrossNoResourceGrant:
		return d + ": cross-account access needs the resource-based policy to allow the caller, and it does not"
	case reasonCrossNoIdentity:
		return d + ": the resource-based policy allows, but cross-account access also needs the caller's identity-based policies to allow, and none does"
	case reasonCrossBoth:
		return fmt.Sprintf("%s: cross-account, and both sides allow: %s", d, r.listDeciding())
	case reasonServiceRule:
		return serviceRuleSummary(d, r.ServiceRule)
	}
	return d
}

// limitsPhrase says that the permissions boundary and the session policy
// allow, naming only those that apply: "" when neither does.
func (r *Result) limitsPhrase() string {
	var applied []string
	for _, lr := range r.Layers {
		if (lr.Layer == LayerBoundary || lr.Layer == LayerSession) && lr.Verdict != NotApplicable {
			applied = append(applied, lr.Layer.Title())
		}
	}
	switch len(applied) {
	case 0:
		return " and no guardrail blocks"
	case 1:
		return " and the " + applied[0] + " allows"
	}
	return " and the permissions boundary and session policy allow"
}

// identityPhrase names the identity policy statement that allowed.
func (r *Result) identityPhrase() string {
	for _, s := range r.Deciding {
		if s.Layer == LayerIdentity {
			return fmt.Sprintf("identity policy %s allows", s.Where())
		}
	}
	return "an identity-based policy allows"
}

// listDeciding names the deciding statements: "A", "A and B", "A, B
// and C".
func (r *Result) listDeciding() string {
	parts := make([]string, 0, len(r.Deciding))
	for _, s := range r.Deciding {
		parts = append(parts, s.Layer.Noun()+" "+s.Where())
	}
	if len(parts) <= 2 {
		return strings.Join(parts, " and ")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
