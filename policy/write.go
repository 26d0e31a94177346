package policy

import (
	"bytes"
	"io"
	"sort"
	"strconv"
	"unicode/utf8"
)

// WriteOptions adjusts what Write prints.
type WriteOptions struct {
	// SpellAction, when not nil, returns the spelling to print for one
	// Action or NotAction entry, such as the service catalog's
	// s3:GetObject for s3:getobject; action names ignore case
	// (reference_policies_elements_action.md), so a respelling keeps the
	// meaning. The catalog lives above this package, which it imports, so
	// it is passed in: internal/catalog's (*Catalog).SpellAction fits.
	SpellAction func(action string) string
}

// Write prints d as canonical policy JSON, indented by four spaces and
// ended by a newline. Parsing what Write prints gives d back, positions
// aside, and two documents that differ only in the order of their
// condition operators, condition keys or principal types print the same:
//
//   - the elements stand in a fixed order: Version, Id, Statement; in a
//     statement Sid, Effect, Principal or NotPrincipal, Action or
//     NotAction, Resource or NotResource, Condition. An element the
//     document does not have is left out; Statement is always a list;
//   - Action, Resource and principal values keep their order; one value
//     is printed as a string, none or several as a list (the model does
//     not record which form the source used, and AWS reads both alike);
//   - principal types and condition operators are sorted by name, and the
//     keys under one operator by name; a condition key keeps the form of
//     its source, a list or a single value (Condition.List);
//   - every condition value is printed as a string: the model keeps
//     numbers and booleans as their text, and AWS compares that text.
//
// Write does not validate d: a Document that Parse rejected prints as
// far as the model holds it. A document larger than the parser's limits
// (Limits) may print beyond them, since indentation adds bytes.
func Write(w io.Writer, d *Document, opts WriteOptions) error {
	_, err := w.Write(Marshal(d, opts))
	return err
}

// Marshal returns what Write prints for d.
func Marshal(d *Document, opts WriteOptions) []byte {
	pw := &printer{opts: opts}
	pw.document(d)
	pw.buf.WriteByte('\n')
	return pw.buf.Bytes()
}

// printer builds canonical JSON one member at a time. Each object or list
// is opened with open, given members with key or item, and closed with
// close, which writes [] or {} for an empty one.
type printer struct {
	buf   bytes.Buffer
	opts  WriteOptions
	depth int
	// first is set after an open until the first member is written.
	first bool
}

func (pw *printer) open(c byte) {
	pw.buf.WriteByte(c)
	pw.depth++
	pw.first = true
}

func (pw *printer) close(c byte) {
	pw.depth--
	if !pw.first {
		pw.newline()
	}
	pw.first = false
	pw.buf.WriteByte(c)
}

// item starts the next member of a list.
func (pw *printer) item() {
	if !pw.first {
		pw.buf.WriteByte(',')
	}
	pw.first = false
	pw.newline()
}

// key starts the next member of an object.
func (pw *printer) key(k string) {
	pw.item()
	pw.quote(k)
	pw.buf.WriteString(": ")
}

func (pw *printer) newline() {
	pw.buf.WriteByte('\n')
	for range pw.depth {
		pw.buf.WriteString("    ")
	}
}

func (pw *printer) document(d *Document) {
	pw.open('{')
	if d.Version.Text != "" || d.Version.Pos.IsValid() {
		pw.key("Version")
		pw.quote(d.Version.Text)
	}
	if d.ID.Text != "" || d.ID.Pos.IsValid() {
		pw.key("Id")
		pw.quote(d.ID.Text)
	}
	pw.key("Statement")
	pw.open('[')
	for _, st := range d.Statements {
		pw.item()
		pw.statement(st)
	}
	pw.close(']')
	pw.close('}')
}

func (pw *printer) statement(st *Statement) {
	pw.open('{')
	if st.Sid.Text != "" || st.Sid.Pos.IsValid() {
		pw.key("Sid")
		pw.quote(st.Sid.Text)
	}
	if st.Effect == Allow || st.Effect == Deny {
		pw.key("Effect")
		pw.quote(st.Effect.String())
	}
	if pr := st.Principal; pr != nil {
		pw.key(notName(pr.Not, "Principal"))
		pw.principal(pr)
	}
	if l := st.Action; l != nil {
		pw.key(notName(l.Not, "Action"))
		pw.values(l.Items, false, pw.opts.SpellAction)
	}
	if l := st.Resource; l != nil {
		pw.key(notName(l.Not, "Resource"))
		pw.values(l.Items, false, nil)
	}
	if len(st.Conditions) > 0 {
		pw.key("Condition")
		pw.conditions(st.Conditions)
	}
	pw.close('}')
}

// notName returns base or, for a Not element, Not followed by base.
func notName(not bool, base string) string {
	if not {
		return "Not" + base
	}
	return base
}

// principal prints "*" or a map from principal type to values, the types
// sorted by name and the values of each type in their order.
func (pw *printer) principal(pr *Principal) {
	if pr.Any {
		pw.quote("*")
		return
	}
	byType := map[PrincipalType][]Value{}
	var types []string
	for _, e := range pr.Entries {
		if _, ok := byType[e.Type]; !ok {
			types = append(types, string(e.Type))
		}
		byType[e.Type] = append(byType[e.Type], e.Value)
	}
	sort.Strings(types)
	pw.open('{')
	for _, t := range types {
		pw.key(t)
		pw.values(byType[PrincipalType(t)], false, nil)
	}
	pw.close('}')
}

// conditions prints a Condition block: operators sorted by name, then
// their keys sorted by name. Keys that repeat under one operator, which
// Parse never returns, are printed in their order.
func (pw *printer) conditions(cs []*Condition) {
	byOp := map[string][]*Condition{}
	var ops []string
	for _, c := range cs {
		if _, ok := byOp[c.Operator.Text]; !ok {
			ops = append(ops, c.Operator.Text)
		}
		byOp[c.Operator.Text] = append(byOp[c.Operator.Text], c)
	}
	sort.Strings(ops)
	pw.open('{')
	for _, op := range ops {
		keys := byOp[op]
		sort.SliceStable(keys, func(i, j int) bool { return keys[i].Key.Text < keys[j].Key.Text })
		pw.key(op)
		pw.open('{')
		for _, c := range keys {
			pw.key(c.Key.Text)
			pw.values(c.Values, c.List, nil)
		}
		pw.close('}')
	}
	pw.close('}')
}

// values prints one value as a string, and none or several, or any
// number when list is set, as a list. spell, when not nil, respells each.
func (pw *printer) values(vs []Value, list bool, spell func(string) string) {
	text := func(v Value) string {
		if spell != nil {
			return spell(v.Text)
		}
		return v.Text
	}
	if len(vs) == 1 && !list {
		pw.quote(text(vs[0]))
		return
	}
	pw.open('[')
	for _, v := range vs {
		pw.item()
		pw.quote(text(v))
	}
	pw.close(']')
}

// quote writes s as a JSON string. Only what JSON requires is escaped,
// so that <, > and & stay readable in conditions; bytes that are not
// UTF-8 become U+FFFD, as in encoding/json.
func (pw *printer) quote(s string) {
	b := &pw.buf
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b.WriteString(`\ufffd`)
			} else {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 0x20 {
				b.WriteString(`\u00`)
				hex := strconv.FormatUint(uint64(c), 16)
				if len(hex) == 1 {
					b.WriteByte('0')
				}
				b.WriteString(hex)
			} else {
				b.WriteByte(c)
			}
		}
		i++
	}
	b.WriteByte('"')
}
