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
func (r *Result) Summary() string { return r.SummaryMessage().String() }

// SummaryMessage explains the decision in one sentence.
func (r *Result) SummaryMessage() Message {
	d := r.Decision.String()
	var first Message
	if len(r.Deciding) > 0 {
		first = statementRef(r.Deciding[0])
	}
	switch r.reason {
	case reasonCallerIdentity:
		return message(msg.SummaryCallerIdentity, d)
	case reasonExplicitDeny:
		if len(r.Deciding) > 1 {
			return message(msg.SummaryExplicitDenyMany, d, r.listDeciding())
		}
		return message(msg.SummaryExplicitDenyOne, d, r.listDeciding())
	case reasonRCPGate:
		return message(msg.SummaryRCPGate, d, r.gateLevel)
	case reasonSCPGate:
		return message(msg.SummarySCPGate, d, r.gateLevel)
	case reasonEndpointGate:
		return message(msg.SummaryEndpointGate, d)
	case reasonResourceGrant:
		return message(msg.SummaryResourceGrant, d, first)
	case reasonNoResourceGrant:
		return message(msg.SummaryNoResourceGrant, d)
	case reasonDirectGrant:
		return message(msg.SummaryDirectGrant, d, first)
	case reasonRoot:
		return message(msg.SummaryRoot, d)
	case reasonRoleGrant:
		return message(msg.SummaryRoleGrant, d, first, r.limitsPhrase())
	case reasonIdentityAllow:
		return message(msg.SummaryIdentityAllow, d, first)
	case reasonBoundarySilent:
		return message(msg.SummaryBoundarySilent, d)
	case reasonSessionSilent:
		return message(msg.SummarySessionSilent, d)
	case reasonFederatedNoSession:
		return message(msg.SummaryFederatedNoSession, d)
	case reasonAccountOnly:
		return message(msg.SummaryAccountOnly, d)
	case reasonNoAllow:
		return message(msg.SummaryNoAllow, d)
	case reasonNoTrustPolicy:
		return message(msg.SummaryNoTrustPolicy, d)
	case reasonNoKeyPolicy:
		return message(msg.SummaryNoKeyPolicy, d)
	case reasonTrustNoMatch:
		return message(msg.SummaryTrustNoMatch, d)
	case reasonKeyNoMatch:
		return message(msg.SummaryKeyNoMatch, d)
	case reasonTrustAccountNoIdentity:
		return message(msg.SummaryTrustAccountNoIdentity, d)
	case reasonKeyAccountNoIdentity:
		return message(msg.SummaryKeyAccountNoIdentity, d)
	case reasonTrustAccountAndIdentity:
		return message(msg.SummaryTrustAccountIdentity, d, r.identityPhrase())
	case reasonKeyAccountAndIdentity:
		return message(msg.SummaryKeyAccountIdentity, d, r.identityPhrase())
	case reasonCrossNoResourcePolicy:
		return message(msg.SummaryCrossNoResourcePolicy, d)
	case reasonCrossNoResourceGrant:
		return message(msg.SummaryCrossNoResourceGrant, d)
	case reasonCrossNoIdentity:
		return message(msg.SummaryCrossNoIdentity, d)
	case reasonCrossBoth:
		return message(msg.SummaryCrossBoth, d, r.listDeciding())
	case reasonServiceRule:
		return message(msg.SummaryServiceRule, d, message(msg.ID(r.ServiceRule.Name)), r.ServiceRule.Doc)
	}
	return Message{Args: []any{d}}
}

// statementRef names a statement in a sentence: its policy's noun and
// its position.
func statementRef(s StatementRef) Message {
	return message(msg.StatementRef, s.Layer.noun(), s.Where())
}

// limitsPhrase says that the permissions boundary and the session policy
// allow, naming only those that apply, or that no guardrail blocks when
// neither does.
func (r *Result) limitsPhrase() Message {
	var applied []Message
	for _, lr := range r.Layers {
		if (lr.Layer == LayerBoundary || lr.Layer == LayerSession) && lr.Verdict != NotApplicable {
			applied = append(applied, lr.Layer.Title())
		}
	}
	switch len(applied) {
	case 0:
		return message(msg.LimitsNone)
	case 1:
		return message(msg.LimitsOne, applied[0])
	}
	return message(msg.LimitsBoth)
}

// identityPhrase names the identity policy statement that allowed.
func (r *Result) identityPhrase() Message {
	for _, s := range r.Deciding {
		if s.Layer == LayerIdentity {
			return message(msg.IdentityStatementAllows, s.Where())
		}
	}
	return message(msg.IdentityPolicyAllows)
}

// listDeciding names the deciding statements: "A", "A and B", "A, B
// and C".
func (r *Result) listDeciding() Message {
	var list []any
	for i, s := range r.Deciding {
		switch {
		case i == 0:
		case i == len(r.Deciding)-1:
			list = append(list, message(msg.ListLast))
		default:
			list = append(list, message(msg.ListComma))
		}
		list = append(list, statementRef(s))
	}
	return Message{Args: list}
}
