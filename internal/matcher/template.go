package matcher

import (
	"strings"
	"unicode/utf8"

	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// template is a compiled policy string: either static (no variables), or
// a list of segments whose variables are filled in per request.
type template struct {
	text   string            // as written
	static *wildcard.Pattern // set when there are no variables
	// rest is set for a static template with a wildcard: the text from
	// the first wildcard on, compiled; the text before it is a prefix.
	rest     *wildcard.Pattern
	segments []segment // set when there are variables
	// head is how many segments, from the first, hold no wildcard: a
	// string that matches begins with their text, variables filled in.
	// A pattern segment is split where its first wildcard is.
	head int
	// tail is the segments after head compiled, when they are all
	// policy text (no variables).
	tail *wildcard.Pattern
}

type segment struct {
	kind       policy.SegmentKind
	text       string // text of a pattern or literal segment
	key        Key    // variable key, lower case
	def        string
	hasDefault bool
}

// maxPieces is how many pieces a template may resolve to on the stack;
// longer templates still work, with one allocation.
const maxPieces = 16

func compileTemplate(text string, variables bool) template {
	if !variables || !strings.Contains(text, "${") {
		return newStatic(text) // what ParseTemplate would make of it
	}
	t, terr := policy.ParseTemplate(text, variables)
	if terr != nil {
		// A malformed variable is a parse error: Parse reports it and such
		// a policy is never evaluated. Here the text is taken literally.
		t = policy.Template{{Kind: policy.SegmentPattern, Text: text}}
	}
	return newTemplate(text, t)
}

// newTemplate compiles parsed segments; text is what they were parsed from.
func newTemplate(text string, t policy.Template) template {
	if len(t) == 0 || len(t) == 1 && t[0].Kind == policy.SegmentPattern {
		return newStatic(text)
	}
	ct := template{text: text, head: -1}
	for _, s := range t {
		seg := segment{kind: s.Kind, text: s.Text, def: s.Default, hasDefault: s.HasDefault}
		if s.Kind == policy.SegmentVariable {
			seg.key = compiledKey(strings.ToLower(s.Text))
		}
		if i := strings.IndexAny(s.Text, "*?"); ct.head < 0 && s.Kind == policy.SegmentPattern && i >= 0 {
			if i > 0 {
				ct.segments = append(ct.segments, segment{kind: s.Kind, text: s.Text[:i]})
				seg.text = s.Text[i:]
			}
			ct.head = len(ct.segments)
		}
		ct.segments = append(ct.segments, seg)
	}
	if ct.head < 0 {
		ct.head = len(ct.segments)
	}
	var tail strings.Builder
	for _, s := range ct.segments[ct.head:] {
		if s.kind != policy.SegmentPattern {
			return ct
		}
		tail.WriteString(s.text)
	}
	ct.tail = wildcard.Compile(tail.String())
	return ct
}

// newStatic compiles a template without variables.
func newStatic(text string) template {
	ct := template{text: text, static: wildcard.Compile(text)}
	if i := strings.IndexAny(text, "*?"); i >= 0 {
		ct.rest = wildcard.Compile(text[i:])
	}
	return ct
}

// value returns the segment's text, or a variable's value (ok is false
// when it has none).
func (s *segment) value(ctx Context) (string, bool) {
	if s.kind == policy.SegmentVariable {
		return variableValue(ctx, s)
	}
	return s.text, true
}

// resolve fills the template's variables from ctx into pieces. ok is false
// when a variable has no value and no default: the template then matches
// nothing (reference_policies_variables.md).
func (t *template) resolve(ctx Context, buf []wildcard.Piece) ([]wildcard.Piece, bool) {
	return resolveSegments(t.segments, ctx, buf)
}

// resolveSegments is resolve for some of a template's segments.
func resolveSegments(segments []segment, ctx Context, buf []wildcard.Piece) ([]wildcard.Piece, bool) {
	pieces := buf[:0]
	for i := range segments {
		s := &segments[i]
		switch s.kind {
		case policy.SegmentPattern:
			pieces = append(pieces, wildcard.Piece{Text: s.text})
		case policy.SegmentLiteral:
			pieces = append(pieces, wildcard.Piece{Text: s.text, Literal: true})
		case policy.SegmentVariable:
			v, ok := variableValue(ctx, s)
			if !ok {
				return nil, false
			}
			pieces = append(pieces, wildcard.Piece{Text: v, Literal: true})
		}
	}
	return pieces, true
}

// variableValue returns the value substituted for a variable: the key's
// single value, else its default. A key given as a list is multi-valued
// and cannot be a variable (reference_policies_variables.md).
func variableValue(ctx Context, s *segment) (string, bool) {
	vals, multi, ok, _ := lookup(ctx, s.key)
	switch {
	case ok && !multi && len(vals) == 1:
		return vals[0], true
	case !ok && s.hasDefault:
		return s.def, true
	}
	return "", false
}

// matchLike reports whether s matches the template as a wildcard pattern.
func (t *template) matchLike(ctx Context, s string) bool {
	if t.rest != nil {
		prefix := t.text[:len(t.text)-len(t.rest.String())]
		return strings.HasPrefix(s, prefix) && t.rest.Match(s[len(prefix):])
	}
	if t.static != nil {
		return t.static.Match(s)
	}
	// The segments before the first wildcard are a prefix to compare.
	for i := range t.segments[:t.head] {
		text, ok := t.segments[i].value(ctx)
		if !ok || !strings.HasPrefix(s, text) {
			return false
		}
		s = s[len(text):]
	}
	if t.tail != nil {
		return t.tail.Match(s)
	}
	var buf [maxPieces]wildcard.Piece
	pieces, ok := resolveSegments(t.segments[t.head:], ctx, buf[:])
	return ok && wildcard.MatchPieces(pieces, s)
}

// equals reports whether s equals the template's text with variables
// filled in; * and ? are plain characters.
func (t *template) equals(ctx Context, s string, ignoreCase bool) bool {
	if t.static != nil {
		if ignoreCase {
			return strings.EqualFold(s, t.static.String())
		}
		return s == t.static.String()
	}
	if ignoreCase {
		var buf [maxPieces]wildcard.Piece
		pieces, ok := t.resolve(ctx, buf[:])
		return ok && equalFoldPieces(pieces, s)
	}
	for i := range t.segments {
		text, ok := t.segments[i].value(ctx)
		if !ok || !strings.HasPrefix(s, text) {
			return false
		}
		s = s[len(text):]
	}
	return s == ""
}

// equalFoldPieces reports whether the pieces, joined, equal s under
// simple Unicode case folding, as strings.EqualFold does, without joining
// them (no allocation). Pieces split at rune boundaries.
func equalFoldPieces(pieces []wildcard.Piece, s string) bool {
	for _, p := range pieces {
		t := p.Text
		for t != "" {
			if s == "" {
				return false
			}
			_, n := utf8.DecodeRuneInString(s)
			_, m := utf8.DecodeRuneInString(t)
			if !strings.EqualFold(s[:n], t[:m]) {
				return false
			}
			s, t = s[n:], t[m:]
		}
	}
	return s == ""
}

func joinPieces(pieces []wildcard.Piece) string {
	var b strings.Builder
	for _, p := range pieces {
		b.WriteString(p.Text)
	}
	return b.String()
}

// render returns the template with variables filled in, for traces; an
// unresolved variable is shown as written.
func (t *template) render(ctx Context) (string, bool) {
	if t.static != nil {
		return t.text, true
	}
	var buf [maxPieces]wildcard.Piece
	pieces, ok := t.resolve(ctx, buf[:])
	if !ok {
		return t.text, false
	}
	return joinPieces(pieces), true
}
