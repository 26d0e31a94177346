package explain

import (
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// layer writes one step: the layer's verdict (per level for SCPs and
// RCPs) and its matching statements, or every statement when verbose.
func (p *printer) layer(n int, l evaluator.Layer, title string, res *evaluator.Result, verbose bool) {
	var lrs []evaluator.LayerResult
	for _, lr := range res.Layers {
		if lr.Layer == l {
			lrs = append(lrs, lr)
		}
	}
	if len(lrs) == 1 && lrs[0].Level == 0 {
		p.step(n, title, p.verdict(lrs[0], res.Decision))
		p.statements(res, lrs[0], verbose)
		return
	}
	p.step(n, title, p.text(msg.ExplainPerLevel))
	for _, lr := range lrs {
		p.linef("       %s", p.text(msg.ExplainLevel, lr.Level, p.verdict(lr, res.Decision)))
		p.statements(res, lr, verbose)
	}
}

// verdict renders a layer's verdict. A silent layer is an implicit deny
// only when the request is denied implicitly: when another policy
// grants (an identity policy in the resource's own account, say), its
// silence decides nothing.
func (p *printer) verdict(lr evaluator.LayerResult, d evaluator.Decision) string {
	switch lr.Verdict {
	case evaluator.NotApplicable:
		return p.dim(p.text(msg.ExplainNotApplicable, p.render(lr.Why)))
	case evaluator.Allows:
		return p.green(p.text(msg.ExplainAllows))
	case evaluator.Denies:
		return p.red(p.text(msg.ExplainDenies))
	}
	switch d {
	case evaluator.ImplicitDeny:
		return p.yellow(p.text(msg.ExplainSilentImplicit))
	case evaluator.Allowed:
		return p.dim(p.text(msg.ExplainSilentGranted))
	}
	return p.dim(p.text(msg.ExplainSilent))
}

// statements writes the statements of a layer result: those that matched;
// for a silent layer, the near misses (the action matched, something else
// did not), so that a reader sees why nothing allowed; or all of them
// when verbose.
func (p *printer) statements(res *evaluator.Result, lr evaluator.LayerResult, verbose bool) {
	// A layer or level that denies names its Deny statements first
	// (shown in full under the explicit deny check).
	for _, st := range res.Trace {
		if st.Layer == lr.Layer && st.Level == lr.Level && st.Skipped.IsZero() && st.Matched && st.Effect == policy.Deny {
			p.statementLine(st, p.text(msg.ExplainSeeStep1))
		}
	}
	for _, st := range res.Trace {
		if st.Layer != lr.Layer || st.Level != lr.Level || !st.Skipped.IsZero() || st.Matched && st.Effect == policy.Deny {
			continue
		}
		nearMiss := lr.Verdict == evaluator.Silent && st.Action().Matched
		if st.Matched || nearMiss || verbose {
			p.statement(st)
		}
	}
}

// statement writes one statement with how each part matched.
func (p *printer) statement(st evaluator.Step) {
	p.statementLine(st, "")
	action, resource := st.Action(), st.Resource()
	p.part(msg.ExplainPartAction, action.Matched, p.render(action.Detail))
	p.part(msg.ExplainPartResource, resource.Matched, p.render(resource.Detail))
	if principal := st.Principal(); principal != nil {
		p.part(msg.ExplainPartPrincipal, principal.Matched, p.render(principal.Detail))
	}
	for _, c := range st.Conditions() {
		p.part(msg.ExplainPartCondition, c.Result, p.condition(c))
	}
}

// statementLine writes a statement's first line: whether it matched, its
// effect, position, Sid and source, then suffix.
func (p *printer) statementLine(st evaluator.Step, suffix string) {
	mark := p.green("✓")
	if !st.Matched {
		mark = p.dim("✗")
	}
	origin := ""
	if st.Policy != "" && st.Policy != st.Pos.File {
		origin = p.text(msg.ExplainOrigin, st.Policy) // a policy of account data, named by its source
	}
	p.linef("       %s %s %s%s%s%s", mark, st.Effect, st.Pos, p.sidSuffix(st.Sid), origin, suffix)
}

// part writes how one part of a statement (message what) matched.
func (p *printer) part(what msg.ID, ok bool, detail string) {
	result := p.green(p.text(msg.ExplainYes))
	if !ok {
		result = p.red(p.text(msg.ExplainNo))
	}
	p.linef("           %-9s %s: %s", p.text(what), result, detail)
}

// condition renders one condition: operator, key, request and policy
// values, and why.
func (p *printer) condition(c *evaluator.ConditionTrace) string {
	req := p.text(msg.ExplainAbsent)
	if c.Present {
		req = quoteList(c.RequestValues)
	}
	s := p.text(msg.ExplainCondition, c.Operator, c.Key, req, quoteList(c.PolicyValues))
	var extra []string
	if !c.Reason.IsZero() {
		extra = append(extra, p.render(c.Reason))
	}
	if len(c.Unresolved) > 0 {
		extra = append(extra, p.text(msg.ExplainUnresolved, strings.Join(c.Unresolved, ", ")))
	}
	if len(c.Malformed) > 0 {
		extra = append(extra, p.text(msg.ExplainMalformed, strings.Join(c.Malformed, ", ")))
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, "; ") + ")"
	}
	return s
}
