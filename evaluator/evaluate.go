package evaluator

import (
	"strings"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// Options control an evaluation.
type Options struct {
	// Trace records how every statement of every policy was evaluated in
	// Result.Trace. Without it evaluation allocates nothing.
	Trace bool
}

// Evaluate prepares and decides one request.
func (s *PolicySet) Evaluate(req *Request, opts Options) (*Result, error) {
	p, err := Prepare(req)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	s.EvaluatePrepared(p, opts, res)
	return res, nil
}

// EvaluatePrepared decides a prepared request into res, reusing its
// storage: with a reused Result and no trace it does not allocate.
func (s *PolicySet) EvaluatePrepared(p *Prepared, opts Options, res *Result) {
	res.reset()
	if res.memo == nil {
		res.memo = new(matcher.Memo)
	}
	res.memo.Reset(p.ctx)
	res.Caller, res.CrossAccount = p.principal.kind, p.crossAccount()
	e := evaluation{set: s, req: p, ctx: res.memo, res: res, trace: opts.Trace}
	e.run()
	e.addMissing()
	e.checkReliable()
}

// crossAccount reports whether the caller belongs to an account other
// than the resource's (Result.CrossAccount).
func (p *Prepared) crossAccount() bool {
	c := &p.principal
	return c.hasAccount() && !p.awsOwned && p.resourceAccount != c.account
}

// addMissing lists the condition keys of the policies that the request
// does not supply; those met in statements whose action, resource and
// principal matched were already added as relevant.
func (e *evaluation) addMissing() {
	for _, k := range e.set.keys {
		if _, _, ok := e.ctx.LookupKey(k.key); ok {
			continue
		}
		known := false
		for i := range e.res.Missing {
			if strings.EqualFold(e.res.Missing[i].Key, k.name) {
				known = true
				break
			}
		}
		if !known {
			e.res.Missing = append(e.res.Missing, MissingKey{Key: k.name})
		}
	}
}

// evaluation is the state of deciding one request.
type evaluation struct {
	set *PolicySet
	req *Prepared
	// ctx is the request's context as conditions and variables read it:
	// through a Memo, so that a key read again is not looked up again.
	ctx   *matcher.Memo
	res   *Result
	trace bool
	// resourceGrant is the strongest way an Allow statement of the
	// resource-based policy named the caller.
	resourceGrant principalMatch
	// verdicts holds the verdict of each single layer (the last level's
	// of a chain); silent, for each layer, 1 + the index in Result.Layers
	// of its first level that stayed silent, or 0.
	verdicts [LayerSession + 1]Verdict
	silent   [LayerSession + 1]int
	// bad is the condition that last kept a statement from applying on a
	// request value of the wrong type, and that value; the layer records
	// it with the statement's policy.
	bad      *matcher.Condition
	badValue string
}

func (e *evaluation) run() {
	r, c := e.req, &e.req.principal
	if r.service == "sts" && (r.name == "getcalleridentity" || r.name == "getsessiontoken") {
		e.noPermissionNeeded()
		return
	}
	// 0. Service rules: a request the service refuses whatever the
	// policies say. The layers are still evaluated, to be shown.
	refused := e.checkServiceRules()
	rcpWhy, scpWhy := e.rcpExemption(), e.scpExemption()
	e.chain(LayerRCP, e.set.rcps, rcpWhy, message(msg.WhyNoRCPs))
	e.chain(LayerSCP, e.set.scps, scpWhy, message(msg.WhyNoSCPs))
	e.single(LayerEndpoint, e.set.endpoint, Message{}, message(msg.WhyNoEndpoint))
	if e.set.endpoint != nil {
		if _, _, ok := e.ctx.Lookup("aws:sourcevpce"); !ok {
			e.note(NoteNoSourceVpce)
		}
	}
	e.single(LayerResource, e.set.resource, e.resourceExemption(), e.noResourcePolicyWhy())
	e.layer(LayerIdentity, 0, e.set.identity, e.identityExemption(), message(msg.WhyNoIdentity))
	e.single(LayerBoundary, e.set.boundary, e.boundaryExemption(), message(msg.WhyNoBoundary))
	e.single(LayerSession, e.set.session, e.sessionExemption(), message(msg.WhyNoSession))

	if refused != nil {
		e.res.ServiceRule = refused
		e.decide(ImplicitDeny, reasonServiceRule)
		return
	}
	// 1. An explicit deny in any policy that applies wins
	// (reference_policies_evaluation-logic_policy-eval-denyallow.md).
	if e.collect(Denies) {
		e.decide(ExplicitDeny, reasonExplicitDeny)
		return
	}
	// 2-3. Every RCP and SCP level must allow; so must an endpoint policy.
	for _, gate := range []Layer{LayerRCP, LayerSCP, LayerEndpoint} {
		if lr := e.silentLayer(gate); lr != nil {
			e.res.gateLevel = lr.Level
			if gate != LayerEndpoint {
				e.note(NoteFullAccessMissing)
			}
			e.decide(ImplicitDeny, gateReasons[gate])
			return
		}
	}
	boundaryOK := e.verdict(LayerBoundary) != Silent
	sessionOK, sessionReason := e.sessionCheck()
	identityAllows := e.verdict(LayerIdentity) == Allows
	grant := e.resourceGrant
	switch {
	case !c.hasAccount():
		// Anonymous, service and federated callers have no account: only
		// the resource's account evaluates
		// (reference_policies_evaluation-logic-cross-account.md;
		// id_roles_create_for-idp_oidc.md).
		if grant.kind != MatchNone {
			e.grantFromResource()
			e.decide(Allowed, reasonResourceGrant)
			return
		}
		e.decide(ImplicitDeny, reasonNoResourceGrant)
	case r.awsOwned:
		// An AWS managed policy has no resource-based policy (IAM's only
		// one is a role's trust policy) and is readable from every
		// account: the caller's side alone decides
		// (docs/evaluation-logic.md, "AWS-owned resources").
		e.note(NoteAWSOwned)
		e.sameAccount(grant, identityAllows, boundaryOK, sessionOK, sessionReason)
	case e.res.CrossAccount:
		e.crossAccount(grant, identityAllows, boundaryOK, sessionOK, sessionReason)
	case r.trust || r.key:
		e.trustOrKey(grant, identityAllows, boundaryOK, sessionOK, sessionReason)
	default:
		e.sameAccount(grant, identityAllows, boundaryOK, sessionOK, sessionReason)
	}
}

// noPermissionNeeded decides sts:GetCallerIdentity and sts:GetSessionToken,
// which need no permission and work even when a policy denies them (STS
// API Reference GetCallerIdentity: "No permissions are required to perform
// this operation"; id_credentials_temp_control-access_getsessiontoken.md:
// "No permissions are required for a user to get a session token ... You
// cannot use policies to control authentication operations"). Only the
// policy of a VPC endpoint the request came through can block them
// (reference_sts_vpc_endpoint_policies.md, "Restrict to specific AWS STS
// actions": "This policy blocks other AWS STS actions such as
// GetCallerIdentity, GetSessionToken ... through this endpoint").
func (e *evaluation) noPermissionNeeded() {
	e.single(LayerEndpoint, e.set.endpoint, Message{}, message(msg.WhyNoEndpoint))
	switch e.verdict(LayerEndpoint) {
	case Denies:
		e.collect(Denies)
		e.decide(ExplicitDeny, reasonExplicitDeny)
	case Silent:
		e.decide(ImplicitDeny, reasonEndpointGate)
	default:
		e.decide(Allowed, reasonCallerIdentity)
	}
}

// sameAccount combines the policies of a same-account request
// (reference_policies_evaluation-logic_policy-eval-denyallow.md).
func (e *evaluation) sameAccount(grant principalMatch, identityAllows, boundaryOK, sessionOK bool, sessionReason reason) {
	c := &e.req.principal
	switch {
	case grant.kind == MatchDirect:
		// A grant naming the caller itself is not limited by a silent
		// boundary or session policy.
		e.grantFromResource()
		if grant.isAny() && (!boundaryOK || !sessionOK) {
			e.note(NoteStarGrantDirect)
		}
		e.decide(Allowed, reasonDirectGrant)
	case c.kind == PrincipalRoot:
		e.decide(Allowed, reasonRoot)
	case (grant.kind == MatchRole || grant.kind == MatchParent) && boundaryOK && sessionOK:
		e.grantFromResource()
		e.decide(Allowed, reasonRoleGrant)
	case identityAllows && boundaryOK && sessionOK:
		e.collect(Allows, LayerIdentity)
		e.decide(Allowed, reasonIdentityAllow)
	case (identityAllows || grant.kind == MatchRole || grant.kind == MatchParent) && !boundaryOK:
		e.decide(ImplicitDeny, reasonBoundarySilent)
	case identityAllows || grant.kind == MatchRole || grant.kind == MatchParent:
		e.decide(ImplicitDeny, sessionReason)
	case grant.kind == MatchAccount:
		e.decide(ImplicitDeny, reasonAccountOnly)
	default:
		e.decide(ImplicitDeny, reasonNoAllow)
	}
}

// trustOrKey combines a same-account request whose resource-based policy
// is a role trust policy or KMS key policy: that policy must allow, even in
// the same account
// (reference_policies_evaluation-logic_policy-eval-denyallow.md).
func (e *evaluation) trustOrKey(grant principalMatch, identityAllows, boundaryOK, sessionOK bool, sessionReason reason) {
	switch {
	case e.set.resource == nil:
		e.decide(ImplicitDeny, e.pick(reasonNoTrustPolicy, reasonNoKeyPolicy))
	case grant.kind == MatchDirect:
		e.grantFromResource()
		e.decide(Allowed, reasonDirectGrant)
	case grant.kind == MatchRole || grant.kind == MatchParent:
		if !boundaryOK {
			e.decide(ImplicitDeny, reasonBoundarySilent)
			return
		}
		if !sessionOK {
			e.decide(ImplicitDeny, sessionReason)
			return
		}
		e.grantFromResource()
		e.decide(Allowed, reasonRoleGrant)
	case grant.kind == MatchAccount:
		switch {
		case !identityAllows:
			e.grantFromResource()
			e.decide(ImplicitDeny, e.pick(reasonTrustAccountNoIdentity, reasonKeyAccountNoIdentity))
		case !boundaryOK:
			e.decide(ImplicitDeny, reasonBoundarySilent)
		case !sessionOK:
			e.decide(ImplicitDeny, sessionReason)
		default:
			e.grantFromResource()
			e.collect(Allows, LayerIdentity)
			e.decide(Allowed, e.pick(reasonTrustAccountAndIdentity, reasonKeyAccountAndIdentity))
		}
	default:
		e.decide(ImplicitDeny, e.pick(reasonTrustNoMatch, reasonKeyNoMatch))
	}
}

// crossAccount combines a request whose resource belongs to another (or
// an unknown) account: both accounts must allow
// (reference_policies_evaluation-logic-cross-account.md).
func (e *evaluation) crossAccount(grant principalMatch, identityAllows, boundaryOK, sessionOK bool, sessionReason reason) {
	c := &e.req.principal
	e.note(NoteCrossAccount)
	if e.req.resourceAccount == "" {
		e.note(NoteAccountUnknown)
	}
	principalSide := c.kind == PrincipalRoot || identityAllows && boundaryOK && sessionOK
	switch {
	case e.set.resource == nil:
		e.decide(ImplicitDeny, reasonCrossNoResourcePolicy)
	case grant.kind == MatchNone:
		e.decide(ImplicitDeny, reasonCrossNoResourceGrant)
	case !principalSide:
		e.grantFromResource()
		switch {
		case !identityAllows:
			e.decide(ImplicitDeny, reasonCrossNoIdentity)
		case !boundaryOK:
			e.decide(ImplicitDeny, reasonBoundarySilent)
		default:
			e.decide(ImplicitDeny, sessionReason)
		}
	default:
		e.grantFromResource()
		e.collect(Allows, LayerIdentity)
		e.decide(Allowed, reasonCrossBoth)
	}
}

// sessionCheck applies the session policy rule (access_policies.md,
// "Session policies"): role sessions are limited by a session policy when
// one was passed; federated users need one that allows (STS API
// Reference, GetFederationToken; iamsim's choice, docs/evaluation-logic.md
// "Choices iamsim makes").
func (e *evaluation) sessionCheck() (bool, reason) {
	switch e.req.principal.kind {
	case PrincipalFederatedUser:
		if e.set.session == nil {
			return false, reasonFederatedNoSession
		}
	case PrincipalRoleSession, PrincipalRole:
		if e.set.session == nil {
			return true, 0
		}
	default:
		return true, 0
	}
	return e.verdict(LayerSession) == Allows, reasonSessionSilent
}

// decide sets the decision and the reason for it.
func (e *evaluation) decide(d Decision, why reason) {
	e.res.Decision, e.res.reason = d, why
}

// pick chooses the trust-policy or key-policy variant of a reason.
func (e *evaluation) pick(trust, key reason) reason {
	if e.req.trust {
		return trust
	}
	return key
}

// grantFromResource records the resource-based policy's Allow statements
// as deciding.
func (e *evaluation) grantFromResource() { e.collect(Allows, LayerResource) }

// collect appends to Deciding the statements with the given effect from
// the given layers (all layers when none are named), and reports whether
// there were any.
func (e *evaluation) collect(v Verdict, layers ...Layer) bool {
	found := false
	for i := range e.res.Layers {
		lr := &e.res.Layers[i]
		if lr.Verdict != v || len(layers) > 0 && !hasLayer(layers, lr.Layer) {
			continue
		}
		for _, st := range lr.Statements {
			if v == Denies && st.Effect != policy.Deny || v == Allows && st.Effect != policy.Allow {
				continue
			}
			e.res.Deciding = append(e.res.Deciding, st)
			found = true
		}
	}
	return found
}

func hasLayer(layers []Layer, l Layer) bool {
	for _, x := range layers {
		if x == l {
			return true
		}
	}
	return false
}

// verdict returns the verdict of a single layer.
func (e *evaluation) verdict(l Layer) Verdict { return e.verdicts[l] }

// silentLayer returns the first applicable level of a gate layer that no
// Allow statement passed.
func (e *evaluation) silentLayer(l Layer) *LayerResult {
	if i := e.silent[l]; i > 0 {
		return &e.res.Layers[i-1]
	}
	return nil
}

// note records a note once.
func (e *evaluation) note(code NoteCode) {
	for _, x := range e.res.Notes {
		if x.Code == code {
			return
		}
	}
	e.res.Notes = append(e.res.Notes, Note{Code: code})
}

// chain evaluates every level of an SCP or RCP chain.
func (e *evaluation) chain(l Layer, levels [][]*matcher.Policy, why, absent Message) {
	if len(levels) == 0 {
		e.addLayer(l, 0, absent)
		return
	}
	for i, level := range levels {
		e.layer(l, i+1, level, why, Message{})
	}
}

// single evaluates a layer of at most one policy.
func (e *evaluation) single(l Layer, p *matcher.Policy, why, absent Message) {
	if p == nil {
		e.addLayer(l, 0, absent)
		return
	}
	e.layer(l, 0, []*matcher.Policy{p}, why, absent)
}

// addLayer appends a layer result, reusing the storage of an earlier
// result's statements.
func (e *evaluation) addLayer(l Layer, level int, why Message) *LayerResult {
	if ls := e.res.Layers; len(ls) < cap(ls) {
		e.res.Layers = ls[:len(ls)+1]
	} else {
		e.res.Layers = append(ls, LayerResult{})
	}
	// Set field by field: the Go compiler builds a composite literal on
	// the stack and copies it, which stalls on store forwarding.
	lr := &e.res.Layers[len(e.res.Layers)-1]
	lr.Layer, lr.Level, lr.Verdict, lr.Why, lr.Statements = l, level, NotApplicable, why, lr.Statements[:0]
	return lr
}

// layer evaluates the policies of one layer (or one SCP/RCP level). why,
// when set, says why the layer does not apply; its statements are then
// only traced as skipped.
func (e *evaluation) layer(l Layer, level int, pols []*matcher.Policy, why, absent Message) {
	if len(pols) == 0 {
		e.addLayer(l, level, absent)
		return
	}
	lr := e.addLayer(l, level, why)
	if !why.IsZero() {
		if e.trace {
			for _, p := range pols {
				for _, st := range p.Statements {
					step := e.addStep()
					step.StatementRef.set(l, level, p, st, MatchNone)
					step.Skipped = why
				}
			}
		}
		return
	}
	lr.Verdict = Silent
	for _, p := range pols {
		if e.trace {
			e.tracePolicy(lr, level, p)
			continue
		}
		// Without a trace only the statements that can cover the action
		// matter.
		for _, st := range p.Candidates(e.req.serviceKey) {
			if ok, pm := e.statement(l, st); ok {
				e.apply(lr, level, p, st, pm)
			} else if e.bad != nil {
				e.addBadValue(lr.Layer, level, p, st)
			}
		}
	}
	e.verdicts[l] = lr.Verdict
	if lr.Verdict == Silent && e.silent[l] == 0 {
		e.silent[l] = len(e.res.Layers) // lr is the last
	}
}

// set makes r the reference of statement st of policy p. (Field by
// field, as in addLayer.)
func (r *StatementRef) set(l Layer, level int, p *matcher.Policy, st *matcher.Statement, m MatchKind) {
	r.Layer, r.Level, r.Policy, r.Sid, r.Index = l, level, p.Doc.Name, st.Source.Sid.Text, st.Source.Index
	r.Pos, r.End, r.Effect, r.Match = st.Source.Pos, st.Source.End, st.Effect, m
}

// tracePolicy evaluates every statement of a policy of layer lr and
// records how.
func (e *evaluation) tracePolicy(lr *LayerResult, level int, p *matcher.Policy) {
	candidates := p.Candidates(e.req.serviceKey)
	for _, st := range p.Statements {
		// The candidates are in policy order: st is the next or none.
		candidate := len(candidates) > 0 && candidates[0] == st
		if candidate {
			candidates = candidates[1:]
		}
		if ok, pm := e.tracedStatement(lr.Layer, level, p, st, candidate); ok {
			e.apply(lr, level, p, st, pm)
		}
	}
}

// apply adds a statement that applies to the request to its layer.
func (e *evaluation) apply(lr *LayerResult, level int, p *matcher.Policy, st *matcher.Statement, pm principalMatch) {
	lr.Statements = append(lr.Statements, StatementRef{})
	lr.Statements[len(lr.Statements)-1].set(lr.Layer, level, p, st, pm.kind)
	switch {
	case st.Effect == policy.Deny:
		lr.Verdict = Denies
	case lr.Verdict == Silent:
		lr.Verdict = Allows
	}
	if st.Effect == policy.Allow && lr.Layer == LayerResource && pm.kind > e.resourceGrant.kind {
		e.resourceGrant = pm
	}
}

// statement reports whether a statement applies to the request: its
// action, resource, principal and every condition match.
func (e *evaluation) statement(l Layer, st *matcher.Statement) (bool, principalMatch) {
	r := e.req
	if !st.Action.Match(r.service, r.name) {
		return false, principalMatch{}
	}
	if !st.Resource.Match(r.Request.Resource, e.ctx) {
		e.noteUnsubstituted(st)
		return false, principalMatch{}
	}
	pm, ok := e.principal(st, l)
	if !ok {
		return false, pm
	}
	for _, cond := range st.Conditions {
		holds, given := cond.EvalGiven(e.ctx, st.Effect)
		if !given {
			e.addRelevant(cond)
		}
		if !holds {
			e.checkBadValue(cond)
			return false, pm
		}
	}
	return true, pm
}

// tracedStatement is statement under a trace: every part and condition
// is evaluated, whether or not an earlier one failed, and recorded. A
// statement that is no candidate of the policy's index cannot cover the
// action.
func (e *evaluation) tracedStatement(l Layer, level int, p *matcher.Policy, st *matcher.Statement, candidate bool) (bool, principalMatch) {
	r := e.req
	actionOK, action := false, -1 // no entry covers the action
	if candidate {
		actionOK, action = st.Action.MatchEntry(r.service, r.name)
	}
	resourceOK, resource := st.Resource.MatchEntry(r.Request.Resource, e.ctx)
	if actionOK && !resourceOK {
		e.noteUnsubstituted(st)
	}
	pm, principalOK := e.principal(st, l)
	matched := actionOK && resourceOK && principalOK
	condOK := true
	first := len(e.res.outcomes)
	for _, cond := range st.Conditions {
		o := cond.Evaluate(e.ctx, st.Effect)
		e.res.outcomes = append(e.res.outcomes, o)
		if matched && !o.Given {
			e.addRelevant(cond)
		}
		if matched && condOK && !o.Result {
			// As statement does: the first condition that fails.
			e.checkBadValue(cond)
		}
		condOK = condOK && o.Result
	}
	n := len(e.res.outcomes)
	e.traceStatement(l, level, p, st, action, resource, actionOK, resourceOK, pm, e.res.outcomes[first:n:n], matched && condOK)
	if e.bad != nil {
		e.addBadValue(l, level, p, st)
	}
	return matched && condOK, pm
}

// noteUnsubstituted notes, for a statement that covers the action but
// not the resource, that one of its Resource entries has a variable
// before the fifth colon, left literal as the guide says
// (reference_policies_variables.md, "Resource element"): the answer
// would differ if AWS substituted it, as some AWS managed policies
// assume.
func (e *evaluation) noteUnsubstituted(st *matcher.Statement) {
	if st.Resource.Unsubstituted {
		e.note(NoteUnsubstituted)
	}
}

// principal says how the statement's Principal or NotPrincipal names the
// caller, and whether it matches; a statement without either matches.
func (e *evaluation) principal(st *matcher.Statement, l Layer) (principalMatch, bool) {
	pr := st.Source.Principal
	switch {
	case pr == nil:
		return principalMatch{}, true
	case pr.Not:
		// Deny with NotPrincipal applies to every caller not exempted;
		// Allow with NotPrincipal never grants (iamsim's choice,
		// docs/evaluation-logic.md "Choices iamsim makes").
		if st.Effect == policy.Deny && !e.exemptByNotPrincipal(pr) {
			return principalMatch{kind: MatchDirect}, true
		}
		return principalMatch{}, false
	}
	pm := e.matchPrincipal(st, l)
	return pm, pm.kind != MatchNone
}

// addRelevant records the key of a condition of a matching statement as
// missing and relevant; the request did not supply it.
func (e *evaluation) addRelevant(cond *matcher.Condition) {
	name := cond.Source.Key.Text
	for i := range e.res.Missing {
		if strings.EqualFold(e.res.Missing[i].Key, name) {
			return
		}
	}
	e.res.Missing = append(e.res.Missing, MissingKey{Key: name, Relevant: true})
	switch cond.Key() {
	case "aws:securetransport":
		e.note(NoteSecureTransport)
	case "aws:currenttime", "aws:epochtime":
		e.note(NoteTimeAbsent)
	}
}
