package evaluator

import "github.com/iamsim/iamsim/internal/msg"

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

// Summary explains the decision in one sentence, in English.
func (r *Result) Summary() string {
	c, d := msg.English, r.Decision.String()
	first := ""
	if len(r.Deciding) > 0 {
		first = statementRef(c, r.Deciding[0])
	}
	switch r.reason {
	case reasonCallerIdentity:
		return c.Text(msg.SummaryCallerIdentity, d)
	case reasonExplicitDeny:
		if len(r.Deciding) > 1 {
			return c.Text(msg.SummaryExplicitDenyMany, d, r.listDeciding(c))
		}
		return c.Text(msg.SummaryExplicitDenyOne, d, r.listDeciding(c))
	case reasonRCPGate:
		return c.Text(msg.SummaryRCPGate, d, r.gateLevel)
	case reasonSCPGate:
		return c.Text(msg.SummarySCPGate, d, r.gateLevel)
	case reasonEndpointGate:
		return c.Text(msg.SummaryEndpointGate, d)
	case reasonResourceGrant:
		return c.Text(msg.SummaryResourceGrant, d, first)
	case reasonNoResourceGrant:
		return c.Text(msg.SummaryNoResourceGrant, d)
	case reasonDirectGrant:
		return c.Text(msg.SummaryDirectGrant, d, first)
	case reasonRoot:
		return c.Text(msg.SummaryRoot, d)
	case reasonRoleGrant:
		return c.Text(msg.SummaryRoleGrant, d, first, r.limitsPhrase(c))
	case reasonIdentityAllow:
		return c.Text(msg.SummaryIdentityAllow, d, first)
	case reasonBoundarySilent:
		return c.Text(msg.SummaryBoundarySilent, d)
	case reasonSessionSilent:
		return c.Text(msg.SummarySessionSilent, d)
	case reasonFederatedNoSession:
		return c.Text(msg.SummaryFederatedNoSession, d)
	case reasonAccountOnly:
		return c.Text(msg.SummaryAccountOnly, d)
	case reasonNoAllow:
		return c.Text(msg.SummaryNoAllow, d)
	case reasonNoTrustPolicy:
		return c.Text(msg.SummaryNoTrustPolicy, d)
	case reasonNoKeyPolicy:
		return c.Text(msg.SummaryNoKeyPolicy, d)
	case reasonTrustNoMatch:
		return c.Text(msg.SummaryTrustNoMatch, d)
	case reasonKeyNoMatch:
		return c.Text(msg.SummaryKeyNoMatch, d)
	case reasonTrustAccountNoIdentity:
		return c.Text(msg.SummaryTrustAccountNoIdentity, d)
	case reasonKeyAccountNoIdentity:
		return c.Text(msg.SummaryKeyAccountNoIdentity, d)
	case reasonTrustAccountAndIdentity:
		return c.Text(msg.SummaryTrustAccountIdentity, d, r.identityPhrase(c))
	case reasonKeyAccountAndIdentity:
		return c.Text(msg.SummaryKeyAccountIdentity, d, r.identityPhrase(c))
	case reasonCrossNoResourcePolicy:
		return c.Text(msg.SummaryCrossNoResourcePolicy, d)
	case reasonCrossNoResourceGrant:
		return c.Text(msg.SummaryCrossNoResourceGrant, d)
	case reasonCrossNoIdentity:
		return c.Text(msg.SummaryCrossNoIdentity, d)
	case reasonCrossBoth:
		return c.Text(msg.SummaryCrossBoth, d, r.listDeciding(c))
	case reasonServiceRule:
		return c.Text(msg.SummaryServiceRule, d, r.ServiceRule.Text, r.ServiceRule.Doc)
	}
	return d
}

// statementRef names a statement in a sentence: its policy's noun and
// its position.
func statementRef(c msg.Catalog, s StatementRef) string {
	return c.Text(msg.StatementRef, s.Layer.Noun(), s.Where())
}

// limitsPhrase says that the permissions boundary and the session policy
// allow, naming only those that apply: "" when neither does.
func (r *Result) limitsPhrase(c msg.Catalog) string {
	var applied []string
	for _, lr := range r.Layers {
		if (lr.Layer == LayerBoundary || lr.Layer == LayerSession) && lr.Verdict != NotApplicable {
			applied = append(applied, lr.Layer.Title())
		}
	}
	switch len(applied) {
	case 0:
		return c.Text(msg.LimitsNone)
	case 1:
		return c.Text(msg.LimitsOne, applied[0])
	}
	return c.Text(msg.LimitsBoth)
}

// identityPhrase names the identity policy statement that allowed.
func (r *Result) identityPhrase(c msg.Catalog) string {
	for _, s := range r.Deciding {
		if s.Layer == LayerIdentity {
			return c.Text(msg.IdentityStatementAllows, s.Where())
		}
	}
	return c.Text(msg.IdentityPolicyAllows)
}

// listDeciding names the deciding statements: "A", "A and B", "A, B
// and C".
func (r *Result) listDeciding(c msg.Catalog) string {
	list := ""
	for i, s := range r.Deciding {
		switch {
		case i == 0:
		case i == len(r.Deciding)-1:
			list += c.Text(msg.ListLast)
		default:
			list += c.Text(msg.ListComma)
		}
		list += statementRef(c, s)
	}
	return list
}
