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
	items := st.Source.Action
	listed := make([]string, len(items.Items))
	for i, it := range items.Items {
		listed[i] = it.Text
	}
	pattern, found := st.ActionPattern(e.req.service, e.req.name)
	return PartTrace{Matched: ok, Detail: describeMatch("NotAction", items.Not, e.req.Request.Action, pattern, found, listed)}
}

func (e *evaluation) traceResource(st *matcher.Statement, ok bool) PartTrace {
	if st.Resource.Absent {
		return PartTrace{Matched: ok, Detail: "no Resource element: the statement covers the resource its policy is attached to"}
	}
	resource := e.req.Request.Resource
	pattern, found := st.ResourcePattern(resource, e.req.ctx)
	return PartTrace{Matched: ok, Detail: describeMatch("NotResource", st.Resource.Not, resource, pattern, found, st.ResourceEntries(e.req.ctx))}
}

// describeMatch explains how subject (the request's action or resource)
// met an Action/Resource list or its Not form: pattern is the entry that
// covers it, if found; listed are all entries.
func describeMatch(notElement string, not bool, subject, pattern string, found bool, listed []string) string {
	switch {
	case not && found:
		return fmt.Sprintf("%s lists %s, which covers %s", notElement, pattern, subject)
	case not:
		return fmt.Sprintf("%s [%s] does not cover %s", notElement, strings.Join(listed, ", "), subject)
	case found:
		return fmt.Sprintf("%s matches %s", subject, pattern)
	}
	return fmt.Sprintf("%s matches none of [%s]", subject, strings.Join(listed, ", "))
}
