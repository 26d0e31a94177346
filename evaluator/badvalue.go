package evaluator

import (
	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// Bad values (issue 8, docs/limits.md "Bad values"): a request value of
// the wrong type for a condition's operator matches no policy value. The
// matcher keeps an Allow from matching on one even under a negated
// operator; the evaluation records every bad value that kept a statement
// whose action, resource and principal match from applying, and marks
// the result unreliable when that statement was a Deny.

// checkReliable marks the result unreliable when a Deny statement failed
// on a bad value and nothing else denied.
func (e *evaluation) checkReliable() {
	if e.res.Decision == ExplicitDeny {
		return
	}
	for i := range e.res.BadValues {
		if e.res.BadValues[i].Statement.Effect == policy.Deny {
			e.res.Unreliable = true
			return
		}
	}
}

// checkBadValue notes in e.bad the condition that kept a statement whose
// action, resource and principal match from applying, if it failed on a
// request value of the wrong type.
func (e *evaluation) checkBadValue(cond *matcher.Condition) {
	if v, bad := cond.FirstMalformed(e.ctx); bad {
		e.bad, e.badValue = cond, v
	}
}

// addBadValue records the bad value noted by checkBadValue for statement
// st of policy p.
func (e *evaluation) addBadValue(l Layer, level int, p *matcher.Policy, st *matcher.Statement) {
	e.res.BadValues = append(e.res.BadValues, BadValue{
		Operator: e.bad.Source.Operator.Text, Key: e.bad.Source.Key.Text, Value: e.badValue, Want: typeNoun(e.bad.Operator().Family),
	})
	e.res.BadValues[len(e.res.BadValues)-1].Statement.set(l, level, p, st, MatchNone)
	e.bad = nil
}

// typeNoun names the type of value the operators of a family compare,
// in English.
func typeNoun(f policy.Family) string {
	if id := typeNouns[f]; id != "" {
		return msg.English[id]
	}
	return f.String()
}

// typeNouns are the messages that name the types of value the operator
// families compare.
var typeNouns = map[policy.Family]msg.ID{
	policy.FamilyNumeric: msg.TypeNumber,
	policy.FamilyDate:    msg.TypeDate,
	policy.FamilyBool:    msg.TypeBool,
	policy.FamilyBinary:  msg.TypeBinary,
	policy.FamilyIP:      msg.TypeIP,
	policy.FamilyARN:     msg.TypeARN,
}

// WantMessage names the type the operator compares, as Want does.
func (b BadValue) WantMessage() Message {
	op, err := policy.ParseOperator(b.Operator)
	if id := typeNouns[op.Family]; err == nil && id != "" {
		return message(id)
	}
	return Message{Args: []any{b.Want}}
}
