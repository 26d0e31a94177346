package cfn

import (
	"strings"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
)

// kind is the type of a resolved template value.
type kind uint8

const (
	kNull kind = iota
	kString
	kNumber // s holds its JSON text
	kBool   // s holds "true" or "false"
	kList
	kMap
	kNoValue // Ref AWS::NoValue: the property or item is removed
)

// A val is a template value with every intrinsic function resolved that
// could be, and where each part of it stands in the template.
type val struct {
	kind kind
	// at is the offset in the template of the node the value was read
	// or computed from.
	at int
	s  string
	// pieces place the parts of a string: the bytes of s from off come
	// from the template from at (character for character when the
	// template's bytes there are the same). Nil means all of s is at at.
	pieces []piece
	items  []*val // a list's items, a map's values
	keys   []mapKey
	// unknown names, for a list unknown until deploy (a list parameter
	// without a value, the Fn::Split of a placeholder), what it stands
	// for; its items are then that placeholder alone.
	unknown string
}

// A piece places the bytes of a string value from off in the template.
type piece struct{ off, at int }

// A mapKey is a map's key and where it stands.
type mapKey struct {
	name string
	at   int
}

func strVal(s string, at int) *val { return &val{kind: kString, s: s, at: at} }

// valueOf returns the value Options gives the name of a value unknown
// until deploy ("Bucket.Arn", "AWS::AccountId"), else its placeholder.
func (t *template) valueOf(name string) string {
	if v, ok := t.opts.Values[name]; ok {
		return v
	}
	return policydoc.Placeholder(name)
}

// placeholderVal is the value of name, unknown until deploy.
func placeholderVal(name string, at int) *val {
	return strVal(policydoc.Placeholder(name), at)
}

// get returns the value of key k of a map, or nil.
func (v *val) get(k string) *val {
	if v == nil || v.kind != kMap {
		return nil
	}
	for i, key := range v.keys {
		if key.name == k {
			return v.items[i]
		}
	}
	return nil
}

// str returns the value as a string: a string, number or boolean's text.
func (v *val) str() (string, bool) {
	if v == nil {
		return "", false
	}
	switch v.kind {
	case kString, kNumber, kBool:
		return v.s, true
	}
	return "", false
}

// piecesOf returns where the parts of a scalar's text stand.
func (v *val) piecesOf() []piece {
	if v.pieces != nil {
		return v.pieces
	}
	return []piece{{0, v.at}}
}

// concat builds a string from parts, keeping where each stands.
type concat struct {
	b      strings.Builder
	pieces []piece
}

// add appends a scalar value's text.
func (c *concat) add(v *val) {
	base := c.b.Len()
	for _, p := range v.piecesOf() {
		c.pieces = append(c.pieces, piece{base + p.off, p.at})
	}
	c.b.WriteString(v.s)
}

// addAt appends text that stands at offset at.
func (c *concat) addAt(s string, at int) {
	if s == "" {
		return
	}
	c.pieces = append(c.pieces, piece{c.b.Len(), at})
	c.b.WriteString(s)
}

func (c *concat) len() int { return c.b.Len() }

// val returns the string built, at offset at.
func (c *concat) val(at int) *val {
	return &val{kind: kString, s: c.b.String(), at: at, pieces: c.pieces}
}
