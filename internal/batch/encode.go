package batch

import (
	"strconv"
	"unicode/utf8"

	"github.com/iamsim/iamsim/evaluator"
)

// The result lines are written by appending to a reused buffer: no
// reflection, no allocation per line.

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD,
// as encoding/json writes it.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendField appends ,"name":"value" (or "name":"value" first in the
// object, when b ends with '{').
func appendField(b []byte, name, value string) []byte {
	b = appendKey(b, name)
	return appendString(b, value)
}

// appendIntField appends ,"name":n.
func appendIntField(b []byte, name string, n int) []byte {
	b = appendKey(b, name)
	return strconv.AppendInt(b, int64(n), 10)
}

// appendKey appends the separator and a key known to need no escaping.
func appendKey(b []byte, name string) []byte {
	if len(b) > 0 && b[len(b)-1] != '{' && b[len(b)-1] != '[' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

// appendDeciding appends ,"decision":...,"deciding":[...]: the decision
// and the statements that made it, each with its position. A statement
// recently rendered is recalled.
func (w *worker) appendDeciding(b []byte, res *evaluator.Result) []byte {
	b = appendField(b, "decision", res.Decision.String())
	b = appendKey(b, "deciding")
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
		b = appendKey(b, "unreliable")
		b = append(b, "true"...)
	}
	if len(res.BadValues) == 0 {
		return b
	}
	b = appendKey(b, "badValues")
	b = append(b, '[')
	for i := range res.BadValues {
		v := &res.BadValues[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"statement":`...)
		b = appendStatement(b, &v.Statement)
		b = appendField(b, "operator", v.Operator)
		b = appendField(b, "key", v.Key)
		b = appendField(b, "value", v.Value)
		b = appendField(b, "want", v.Want)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendStrings appends ,"name":[...] unless list is empty.
func appendStrings(b []byte, name string, list []string) []byte {
	if len(list) == 0 {
		return b
	}
	b = appendKey(b, name)
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// renderedStatement is a deciding statement and its JSON.
type renderedStatement struct {
	ref  evaluator.StatementRef
	json []byte
}

// statementJSON returns a deciding statement as a JSON object. The last
// few rendered are kept: a batch is mostly decided by a few statements,
// and comparing with them (their strings are the policy's, so equal
// pointers) costs less than hashing them.
func (w *worker) statementJSON(s *evaluator.StatementRef) []byte {
	for i := range w.rendered {
		if r := &w.rendered[i]; r.json != nil && r.ref == *s {
			return r.json
		}
	}
	r := &w.rendered[w.nextRendered%len(w.rendered)]
	w.nextRendered++
	r.ref, r.json = *s, appendStatement(r.json[:0], s)
	return r.json
}

// appendStatement appends a deciding statement as an object.
func appendStatement(b []byte, s *evaluator.StatementRef) []byte {
	b = append(b, '{')
	b = appendField(b, "layer", s.Layer.String())
	if s.Level > 0 {
		b = appendIntField(b, "level", s.Level)
	}
	b = appendField(b, "policy", s.Policy)
	if s.Sid != "" {
		b = appendField(b, "sid", s.Sid)
	}
	b = appendField(b, "effect", s.Effect.String())
	b = appendKey(b, "at")
	b = appendPos(b, s.Pos.File, s.Pos.Line, s.Pos.Col)
	return append(b, '}')
}

// appendPos appends "file:line:col" as a JSON string; col 0 is left out.
func appendPos(b []byte, file string, line, col int) []byte {
	b = appendString(b, file)
	b = b[:len(b)-1] // reopen the string
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(line), 10)
	if col > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(col), 10)
	}
	return append(b, '"')
}
