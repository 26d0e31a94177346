package evaluator

import (
	"encoding/json"
	"strconv"

	"github.com/iamsim/iamsim/internal/jsonappend"
)

// A deciding statement is printed in three JSON forms, one per kind of
// output, and each is written here:
//
//   - the full form, StatementRef's MarshalJSON: a Result's deciding
//     statements, layers, bad values and trace steps, as eval --format
//     json prints them, and eval --requests --trace in each line's result;
//   - the compact form, AppendCompactJSON: the deciding statements and bad
//     values of each result line of eval --requests;
//   - the located form, LocatedStatement: the statements that allow or deny
//     in can and who-can --format json.

// MarshalJSON writes the full form: the fields of StatementRef that
// have a JSON name, the effect as text, and the positions of the
// statement's opening brace and just past its closing one.
//
//	{"layer":"identity","policy":"p.json","sid":"S","index":0,"effect":"Allow","line":3,"column":5,"endLine":8,"endColumn":6}
func (s StatementRef) MarshalJSON() ([]byte, error) { return json.Marshal(s.jsonFields()) }

// plainRef is StatementRef without its MarshalJSON method.
type plainRef StatementRef

// refJSON is the full form of a StatementRef; Step embeds it too.
type refJSON struct {
	plainRef
	Effect    string `json:"effect"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
}

func (s StatementRef) jsonFields() refJSON {
	end := s.EndAfter()
	return refJSON{plainRef(s), s.Effect.String(), s.Pos.Line, s.Pos.Col, end.Line, end.Col}
}

// AppendCompactJSON appends the compact form to b and returns it: the
// layer, the level (left out when 0), the policy, the Sid (left out when
// empty), the effect, and the position of the opening brace as one
// string, file:line:col (:col left out when 0).
//
//	{"layer":"scp","level":2,"policy":"deny.json","sid":"NoS3","effect":"Deny","at":"deny.json:4:5"}
//
// Strings are escaped as jsonappend.String escapes them. Appending to a
// slice with room does not allocate.
func (s StatementRef) AppendCompactJSON(b []byte) []byte {
	b = append(b, '{')
	b = jsonappend.Field(b, "layer", s.Layer.String())
	if s.Level > 0 {
		b = jsonappend.IntField(b, "level", s.Level)
	}
	b = jsonappend.Field(b, "policy", s.Policy)
	if s.Sid != "" {
		b = jsonappend.Field(b, "sid", s.Sid)
	}
	b = jsonappend.Field(b, "effect", s.Effect.String())
	b = jsonappend.Key(b, "at")
	b = jsonappend.String(b, s.Pos.File)
	b = b[:len(b)-1] // reopen the string
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(s.Pos.Line), 10)
	if s.Pos.Col > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(s.Pos.Col), 10)
	}
	b = append(b, '"')
	return append(b, '}')
}

// LocatedStatement is the located form of a deciding statement: its
// layer, the policy's origin, and where its opening brace is.
//
//	{"layer":"identity","policy":"p.json","sid":"S","effect":"Allow","file":"p.json","line":3,"column":5}
type LocatedStatement struct {
	Layer  Layer  `json:"layer"`
	Level  int    `json:"level,omitempty"` // SCP/RCP level, from 1 at the root
	Policy string `json:"policy"`
	Sid    string `json:"sid,omitempty"`
	Effect string `json:"effect"` // Allow or Deny
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// Located returns the statement in its located form.
func (s StatementRef) Located() LocatedStatement {
	return LocatedStatement{Layer: s.Layer, Level: s.Level, Policy: s.Policy, Sid: s.Sid, Effect: s.Effect.String(),
		File: s.Pos.File, Line: s.Pos.Line, Column: s.Pos.Col}
}
