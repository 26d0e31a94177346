package batch

import (
	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/jsonappend"
)

// The result lines are written by appending to a reused buffer
// (jsonappend): no reflection, no allocation per line.

// appendDeciding appends ,"decision":...,"deciding":[...]: the decision
// and the statements that made it, in evaluator's compact form
// (StatementRef.AppendCompactJSON). A statement recently rendered is
// recalled.
func (w *worker) appendDeciding(b []byte, res *evaluator.Result) []byte {
	b = jsonappend.Field(b, "decision", res.Decision.String())
	b = jsonappend.Key(b, "deciding")
	b = append(b, '[')
	for i := range res.Deciding {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, w.statementJSON(&res.Deciding[i])...)
	}
	return append(b, ']')
}

// appendBadValues appends ,"unreliable":true when the result is, and
// ,"badValues":[...] when a request value of the wrong type kept a
// statement from applying (docs/limits.md, "Bad values").
func appendBadValues(b []byte, res *evaluator.Result) []byte {
	if res.Unreliable {
		b = jsonappend.Key(b, "unreliable")
		b = append(b, "true"...)
	}
	if len(res.BadValues) == 0 {
		return b
	}
	b = jsonappend.Key(b, "badValues")
	b = append(b, '[')
	for i := range res.BadValues {
		v := &res.BadValues[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"statement":`...)
		b = v.Statement.AppendCompactJSON(b)
		b = jsonappend.Field(b, "operator", v.Operator)
		b = jsonappend.Field(b, "key", v.Key)
		b = jsonappend.Field(b, "value", v.Value)
		b = jsonappend.Field(b, "want", v.Want)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendStrings appends ,"name":[...] unless list is empty.
func appendStrings(b []byte, name string, list []string) []byte {
	if len(list) == 0 {
		return b
	}
	b = jsonappend.Key(b, name)
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonappend.String(b, s)
	}
	return append(b, ']')
}

// renderedStatement is a deciding statement and its JSON.
type renderedStatement struct {
	ref  evaluator.StatementRef
	json []byte
}

// statementJSON returns a deciding statement's compact JSON form. The
// last few rendered are kept: a batch is mostly decided by a few
// statements, and comparing with them (their strings are the policy's,
// so equal pointers) costs less than hashing them.
func (w *worker) statementJSON(s *evaluator.StatementRef) []byte {
	for i := range w.rendered {
		if r := &w.rendered[i]; r.json != nil && r.ref == *s {
			return r.json
		}
	}
	r := &w.rendered[w.nextRendered%len(w.rendered)]
	w.nextRendered++
	r.ref, r.json = *s, s.AppendCompactJSON(r.json[:0])
	return r.json
}

// appendResult appends ,"result":{...}: the full result, trace included,
// as eval's --format json writes it.
func appendResult(b []byte, res *evaluator.Result) ([]byte, error) {
	full, err := res.MarshalJSON()
	if err != nil {
		return b, err
	}
	b = jsonappend.Key(b, "result")
	return append(b, full...), nil
}
