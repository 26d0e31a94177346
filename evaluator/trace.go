package evaluator

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// traceStatement records how a statement was evaluated: which parts
// matched and the outcome of each condition, without rendering them.
func (e *evaluation) traceStatement(l Layer, level int, p *matcher.Policy, st *matcher.Statement, action, resource int, actionOK, resourceOK bool, pm principalMatch, outcomes []matcher.Outcome, matched bool) {
	s := e.addStep()
	s.StatementRef.set(l, level, p, st, pm.kind)
	s.Matched, s.statement, s.request = matched, st, e.req
	s.action, s.resource, s.actionOK, s.resourceOK = action, resource, actionOK, resourceOK
	s.principal, s.conditions = pm, outcomes
	s.variables = p.Doc != nil && p.Doc.HasVariables()
}

// addStep appends an empty step to the trace.
func (e *evaluation) addStep() *Step {
	e.res.Trace = append(e.res.Trace, Step{})
	return &e.res.Trace[len(e.res.Trace)-1]
}

// MarshalJSON writes the statement's reference, whether it was skipped
// or matched, and the rendered details: how Action, Resource and
// Principal matched and each condition's outcome. (The embedded
// StatementRef's MarshalJSON would otherwise take over and drop the
// rest.)
func (s Step) MarshalJSON() ([]byte, error) {
	out := struct {
		refJSON
		Skipped    Message           `json:"skipped,omitzero"`
		Matched    bool              `json:"matched"`
		Action     *PartTrace        `json:"action,omitempty"`
		Resource   *PartTrace        `json:"resource,omitempty"`
		Principal  *PartTrace        `json:"principal,omitempty"`
		Conditions []*ConditionTrace `json:"conditions,omitempty"`
	}{refJSON: s.StatementRef.jsonFields(), Skipped: s.Skipped, Matched: s.Matched}
	if s.statement != nil {
		action, resource := s.Action(), s.Resource()
		out.Action, out.Resource, out.Principal, out.Conditions = &action, &resource, s.Principal(), s.Conditions()
	}
	return json.Marshal(out)
}

// Action says whether the statement's Action or NotAction element covers
// the request's action, and how.
func (s Step) Action() PartTrace {
	if s.statement == nil {
		return PartTrace{}
	}
	items := s.statement.Source.Action
	return PartTrace{Matched: s.actionOK, Detail: describeMatch("NotAction", items.Not, s.request.Request.Action, entryText(items, s.action), s.action >= 0, written(items))}
}

// Resource says whether the statement's Resource or NotResource element
// covers the request's resource, and how.
func (s Step) Resource() PartTrace {
	if s.statement == nil {
		return PartTrace{}
	}
	st := s.statement
	if st.Resource.Absent {
		return PartTrace{Matched: s.resourceOK, Detail: message(msg.MatchNoResource)}
	}
	resource, items := s.request.Request.Resource, st.Source.Resource
	detail := describeMatch("NotResource", st.Resource.Not, resource, entryText(items, s.resource), s.resource >= 0, written(items))
	if vars := s.request.ctx.variables(items, s.variables); vars != nil {
		detail = Message{Args: []any{detail, message(msg.MatchVariables, Message{Args: vars})}}
	}
	return PartTrace{Matched: s.resourceOK, Detail: detail}
}

// written returns the entries of a list as the policy writes them.
func written(l *policy.List) []string {
	out := make([]string, len(l.Items))
	for i, it := range l.Items {
		out[i] = it.Text
	}
	return out
}

// variables says which values the policy variables of a list's entries
// take in the request, the same whether an entry matched or not, each
// after a separator but the first ("${aws:username} → alice"); nil
// without variables (or in a policy whose Version substitutes none). A
// key given no single value takes its default, if written, when it is
// absent; otherwise the entry matches nothing (as the matcher
// substitutes them).
func (c *requestContext) variables(l *policy.List, substitutes bool) []any {
	var parts []any
	seen := map[string]bool{}
	for _, it := range l.Items {
		t, err := policy.ParseTemplate(it.Text, substitutes)
		if err != nil {
			continue
		}
		_, literal := policy.VariableBeforeResource(it.Text)
		for _, seg := range t {
			if seg.Kind != policy.SegmentVariable {
				continue
			}
			written := "${" + seg.Text + "}"
			if seg.HasDefault {
				written = "${" + seg.Text + ", '" + seg.Default + "'}"
			}
			if seen[written] {
				continue
			}
			seen[written] = true
			if len(parts) > 0 {
				parts = append(parts, message(msg.MatchVariableSep))
			}
			values, multi, ok := c.Lookup(CanonicalKey(seg.Text))
			switch {
			case literal:
				parts = append(parts, message(msg.MatchVariableLiteral, written))
			case ok && !multi && len(values) == 1:
				parts = append(parts, message(msg.MatchVariableValue, written, values[0]))
			case !ok && seg.HasDefault:
				parts = append(parts, message(msg.MatchVariableDefault, written, seg.Default))
			default:
				parts = append(parts, message(msg.MatchVariableNone, written))
			}
		}
	}
	return parts
}

// Principal says whether the statement's Principal or NotPrincipal names
// the caller, and how; nil when the statement has neither.
func (s Step) Principal() *PartTrace {
	if s.statement == nil || s.statement.Source.Principal == nil {
		return nil
	}
	pr, pm := s.statement.Source.Principal, s.principal
	pt := PartTrace{Matched: pm.kind != MatchNone}
	switch {
	case pr.Not && pm.kind != MatchNone:
		pt.Detail = message(msg.MatchNotPrincipalDeny)
	case pr.Not && s.statement.Effect == policy.Allow:
		pt.Detail = message(msg.MatchNotPrincipalAll)
	case pr.Not:
		pt.Detail = message(msg.MatchNotPrincipalExem)
	default:
		pt.Detail = pm.describe()
	}
	return &pt
}

// Conditions says how each condition of the statement was evaluated, one
// entry per operator and key.
func (s Step) Conditions() []*ConditionTrace {
	if s.statement == nil || len(s.statement.Conditions) == 0 {
		return nil
	}
	out := make([]*ConditionTrace, len(s.statement.Conditions))
	for i, c := range s.statement.Conditions {
		o := s.conditions[i]
		t := c.Trace(s.request.ctx, o)
		out[i] = &ConditionTrace{Operator: t.Operator, Key: t.Key, Pos: t.Pos, Present: t.Present, RequestValues: t.RequestValues,
			PolicyValues: t.PolicyValues, Unresolved: t.Unresolved, Malformed: t.Malformed, Result: t.Result}
		if id := conditionRules[o.Rule]; id != "" {
			out[i].Reason = message(id)
		}
	}
	return out
}

// conditionRules are the messages of the rules of condition evaluation
// that decide an outcome; none for the single request value compared.
var conditionRules = [...]msg.ID{
	matcher.RuleNullPresent:     msg.CondNullPresent,
	matcher.RuleNullAbsent:      msg.CondNullAbsent,
	matcher.RuleAbsentIfExists:  msg.CondAbsentIfExists,
	matcher.RuleAbsentForAll:    msg.CondAbsentForAll,
	matcher.RuleAbsentForAny:    msg.CondAbsentForAny,
	matcher.RuleAbsentNegated:   msg.CondAbsentNegated,
	matcher.RuleAbsent:          msg.CondAbsent,
	matcher.RuleForAllFails:     msg.CondForAllFails,
	matcher.RuleForAllHolds:     msg.CondForAllHolds,
	matcher.RuleForAnyHolds:     msg.CondForAnyHolds,
	matcher.RuleForAnyFails:     msg.CondForAnyFails,
	matcher.RuleSeveralAllow:    msg.CondSeveralAllow,
	matcher.RuleSeveralDeny:     msg.CondSeveralDeny,
	matcher.RuleSeveralAnyHolds: msg.CondSeveralAnyHolds,
	matcher.RuleSeveralAnyFails: msg.CondSeveralAnyFails,
	matcher.RuleMalformedAllow:  msg.CondMalformedAllow,
}

// ConditionTrace records how one condition of a statement was evaluated
// for a request.
type ConditionTrace struct {
	Operator string     `json:"operator"` // as written, e.g. StringEquals or ForAnyValue:StringLike
	Key      string     `json:"key"`      // the condition key as written
	Pos      policy.Pos `json:"-"`        // the key's position in the policy
	// Present is false when the request did not supply the key (or gave
	// an empty list).
	Present       bool     `json:"present"`
	RequestValues []string `json:"requestValues,omitempty"`
	// PolicyValues are the policy's values with variables filled in.
	PolicyValues []string `json:"policyValues"`
	// Unresolved lists policy values whose variables had no value: they
	// match nothing.
	Unresolved []string `json:"unresolved,omitempty"`
	// Malformed lists request values that are not of the operator's type
	// (a number, date, IP address, ARN...): they match nothing.
	Malformed []string `json:"malformed,omitempty"`
	Result    bool     `json:"result"` // whether the condition holds
	// Reason says which rule decided, in a few words (nothing when the
	// single request value was compared).
	Reason Message `json:"reason,omitzero"`
}

// Equal reports whether two steps record the same: the same statement,
// outcome and details. (go-cmp compares Steps with it.)
func (s Step) Equal(o Step) bool {
	type details struct {
		Action, Resource PartTrace
		Principal        *PartTrace
		Conditions       []*ConditionTrace
	}
	render := func(s Step) details { return details{s.Action(), s.Resource(), s.Principal(), s.Conditions()} }
	return s.StatementRef == o.StatementRef && reflect.DeepEqual(s.Skipped, o.Skipped) && s.Matched == o.Matched && reflect.DeepEqual(render(s), render(o))
}

// entryText returns entry i of a list as written, or "" for -1.
func entryText(l *policy.List, i int) string {
	if i < 0 {
		return ""
	}
	return l.Items[i].Text
}

// describeMatch says how subject (the request's action or resource)
// met an Action/Resource list or its Not form: pattern is the entry that
// covers it, if found; listed are all entries.
func describeMatch(notElement string, not bool, subject, pattern string, found bool, listed []string) Message {
	switch {
	case not && found:
		return message(msg.MatchNotCovers, notElement, pattern, subject)
	case not:
		return message(msg.MatchNotMisses, notElement, strings.Join(listed, ", "), subject)
	case found:
		return message(msg.MatchFound, subject, pattern)
	}
	return message(msg.MatchNoneOf, subject, strings.Join(listed, ", "))
}
