package evaluator

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/policy"
)

// traceStatement records how a statement was evaluated.
func (e *evaluation) traceStatement(l Layer, level int, p *matcher.Policy, st *matcher.Statement, actionOK, resourceOK bool, pm principalMatch, matched bool) {
	r := e.req
	step := Step{StatementRef: ref(l, level, p, st, pm.kind), Matched: matched}
	step.Action = e.traceAction(st, actionOK)
	step.Resource = e.traceResource(st, resourceOK)
	if pr := st.Source.Principal; pr != nil {
		pt := PartTrace{Matched: pm.kind != MatchNone}
		switch {
		case pr.Not && pm.kind != MatchNone:
			pt.Detail = "NotPrincipal does not exempt the caller, so the Deny applies"
		case pr.Not && st.Effect == policy.Allow:
			pt.Detail = "Allow with NotPrincipal never grants (SPEC §8 D5)"
		case pr.Not:
			pt.Detail = "NotPrincipal exempts the caller"
		default:
			pt.Detail = pm.describe()
		}
		step.Principal = &pt
	}
	for _, cond := range st.Conditions {
		step.Conditions = append(step.Conditions, cond.Explain(r.ctx, st.Effect))
	}
	e.res.Trace = append(e.res.Trace, step)
}

func (e *evaluation) traceAction(st *matcher.Statement, ok bool) PartTrace {
	action := e.req.Request.Action
	items := st.Source.Action
	listed := make([]string, len(items.Items))
	for i, it := range items.Items {
		listed[i] = it.Text
	}
	pattern, found := st.ActionPattern(e.req.service, e.req.name)
	var detail string
	switch {
	case items.Not && found:
		detail = fmt.Sprintf("NotAction lists %s, which covers %s", pattern, action)
	case items.Not:
		detail = fmt.Sprintf("NotAction [%s] does not cover %s", strings.Join(listed, ", "), action)
	case found:
		detail = fmt.Sprintf("%s matches %s", action, pattern)
	default:
		detail = fmt.Sprintf("%s matches none of [%s]", action, strings.Join(listed, ", "))
	}
	return PartTrace{Matched: ok, Detail: detail}
}

func (e *evaluation) traceResource(st *matcher.Statement, ok bool) PartTrace {
	resource := e.req.Request.Resource
	if st.Resource.Absent {
		return PartTrace{Matched: ok, Detail: "no Resource element: the statement covers the resource its policy is attached to"}
	}
	entries := st.ResourceEntries(e.req.ctx)
	pattern, found := st.ResourcePattern(resource, e.req.ctx)
	var detail string
	switch {
	case st.Resource.Not && found:
		detail = fmt.Sprintf("NotResource lists %s, which covers %s", pattern, resource)
	case st.Resource.Not:
		detail = fmt.Sprintf("NotResource [%s] does not cover %s", strings.Join(entries, ", "), resource)
	case found:
		detail = fmt.Sprintf("%s matches %s", resource, pattern)
	default:
		detail = fmt.Sprintf("%s matches none of [%s]", resource, strings.Join(entries, ", "))
	}
	return PartTrace{Matched: ok, Detail: detail}
}
