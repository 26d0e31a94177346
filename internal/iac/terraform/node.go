package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/zclconf/go-cty/cty"
)

// A loc is a byte offset in one of the files a reader read, named as
// positions name it. The zero loc is nowhere.
type loc struct {
	file string
	off  int
}

// A kind is the shape of a node.
type kind uint8

const (
	kString kind = iota
	kNumber
	kBool
	kNull
	kObject
	kTuple
	// kJSON is a string that holds a JSON document whose structure is
	// known: jsonencode's result, an aws_iam_policy_document's json.
	kJSON
)

// A piece places the bytes of a string from start (up to the next
// piece's start) in a file: exact when they stand there one for one.
type piece struct {
	start int
	at    loc
	exact bool
}

// A node is a value with the places it was read from: what an
// expression evaluates to, structure and all, so that a document
// written from it maps each value back to its expression.
type node struct {
	kind kind
	at   loc
	// via is where a reference to the value stands, when it was reached
	// through one (var.x, local.y): a document written in another file
	// places the value there.
	via    loc
	str    string  // kString
	pieces []piece // kString, at least one
	lit    string  // kNumber and kBool: the JSON text
	keys   []string
	keyAt  []loc
	elems  []*node // kObject's values (one per key), kTuple's elements, kJSON's document
	// indent is set for a kJSON written indented, as the provider writes
	// an aws_iam_policy_document's json.
	indent bool
	// source is, for the kJSON of an aws_iam_policy_document, its address.
	source string
}

func stringNode(s string, at loc, exact bool) *node {
	return &node{kind: kString, at: at, str: s, pieces: []piece{{at: at, exact: exact}}}
}

func placeholderNode(name string, at loc) *node {
	return stringNode(placeholderText(name), at, false)
}

// withVia returns n as reached through a reference at via.
func (n *node) withVia(via loc) *node {
	c := *n
	c.via = via
	return &c
}

// attr returns the value of key k of an object, or nil.
func (n *node) attr(k string) *node {
	if n == nil || n.kind != kObject {
		return nil
	}
	for i, key := range n.keys {
		if key == k {
			return n.elems[i]
		}
	}
	return nil
}

// index returns the element of n that key picks: a tuple's by number,
// an object's by string.
func (n *node) index(key cty.Value) (*node, error) {
	if key.IsNull() || !key.IsKnown() {
		return nil, fmt.Errorf("an index must be known and not null")
	}
	switch n.kind {
	case kTuple:
		if key.Type() == cty.String {
			var err error
			if key, err = cty.ParseNumberVal(key.AsString()); err != nil {
				return nil, fmt.Errorf("a list index must be a number")
			}
		}
		if key.Type() != cty.Number {
			return nil, fmt.Errorf("a list index must be a number")
		}
		i, acc := key.AsBigFloat().Int64()
		if acc != big.Exact || i < 0 || i >= int64(len(n.elems)) {
			return nil, fmt.Errorf("index %s out of range for a list of %d elements", key.AsBigFloat().Text('f', -1), len(n.elems))
		}
		return n.elems[i], nil
	case kObject:
		if key.Type() != cty.String {
			return nil, fmt.Errorf("an object key must be a string")
		}
		if v := n.attr(key.AsString()); v != nil {
			return v, nil
		}
		return nil, fmt.Errorf("no element %q", key.AsString())
	}
	return nil, fmt.Errorf("cannot index a %s", n.kindName())
}

func (n *node) kindName() string {
	switch n.kind {
	case kString, kJSON:
		return "string"
	case kNumber:
		return "number"
	case kBool:
		return "bool"
	case kNull:
		return "null"
	case kObject:
		return "object"
	}
	return "list"
}

// text returns a primitive node as the string HCL converts it to.
func (n *node) text() (string, bool) {
	switch n.kind {
	case kString:
		return n.str, true
	case kNumber, kBool:
		return n.lit, true
	case kJSON:
		return string(n.render()), true
	}
	return "", false
}

// value returns n as a cty value, to evaluate expressions that use it.
func (n *node) value() cty.Value {
	switch n.kind {
	case kString:
		return cty.StringVal(n.str)
	case kJSON:
		return cty.StringVal(string(n.render()))
	case kNumber:
		v, err := cty.ParseNumberVal(n.lit)
		if err != nil {
			return cty.NullVal(cty.Number)
		}
		return v
	case kBool:
		return cty.BoolVal(n.lit == "true")
	case kNull:
		return cty.NullVal(cty.DynamicPseudoType)
	case kObject:
		if len(n.keys) == 0 {
			return cty.EmptyObjectVal
		}
		m := make(map[string]cty.Value, len(n.keys))
		for i, k := range n.keys {
			m[k] = n.elems[i].value()
		}
		return cty.ObjectVal(m)
	}
	if len(n.elems) == 0 {
		return cty.EmptyTupleVal
	}
	vals := make([]cty.Value, len(n.elems))
	for i, e := range n.elems {
		vals[i] = e.value()
	}
	return cty.TupleVal(vals)
}

// fromValue returns a cty value as a node, every part of it at at.
func fromValue(v cty.Value, at loc) *node {
	v, _ = v.Unmark()
	switch {
	case !v.IsKnown():
		return placeholderNode("unknown", at)
	case v.IsNull():
		return &node{kind: kNull, at: at, lit: "null"}
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return stringNode(v.AsString(), at, false)
	case t == cty.Number:
		return &node{kind: kNumber, at: at, lit: v.AsBigFloat().Text('f', -1)}
	case t == cty.Bool:
		lit := "false"
		if v.True() {
			lit = "true"
		}
		return &node{kind: kBool, at: at, lit: lit}
	case t.IsObjectType() || t.IsMapType():
		n := &node{kind: kObject, at: at}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			n.keys = append(n.keys, k.AsString())
			n.keyAt = append(n.keyAt, at)
			n.elems = append(n.elems, fromValue(e, at))
		}
		return n
	case t.IsListType() || t.IsSetType() || t.IsTupleType():
		n := &node{kind: kTuple, at: at}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			n.elems = append(n.elems, fromValue(e, at))
		}
		return n
	}
	return placeholderNode("unknown", at)
}

// render writes a node as JSON, as Terraform's jsonencode writes it (or,
// for an aws_iam_policy_document, as the provider writes its json).
func (n *node) render() []byte {
	var b bytes.Buffer
	n.appendJSON(&b)
	if n.kind == kJSON && n.indent {
		var out bytes.Buffer
		if json.Indent(&out, b.Bytes(), "", "  ") == nil {
			return out.Bytes()
		}
	}
	return b.Bytes()
}

func (n *node) appendJSON(b *bytes.Buffer) {
	switch n.kind {
	case kJSON:
		n.elems[0].appendJSON(b)
	case kString:
		s, _ := json.Marshal(n.str)
		b.Write(s)
	case kNumber, kBool:
		b.WriteString(n.lit)
	case kNull:
		b.WriteString("null")
	case kObject:
		b.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			s, _ := json.Marshal(k)
			b.Write(s)
			b.WriteByte(':')
			n.elems[i].appendJSON(b)
		}
		b.WriteByte('}')
	case kTuple:
		b.WriteByte('[')
		for i, e := range n.elems {
			if i > 0 {
				b.WriteByte(',')
			}
			e.appendJSON(b)
		}
		b.WriteByte(']')
	}
}

// locAt returns where byte i of a string node stands.
func (n *node) locAt(i int) loc {
	p := n.pieces[0]
	for _, q := range n.pieces[1:] {
		if q.start > i {
			break
		}
		p = q
	}
	at := p.at
	if p.exact {
		at.off += i - p.start
	}
	return at
}

// exactRun reports whether bytes [i, j) of a string node stand one for
// one in a single file.
func (n *node) exactRun(i, j int) bool {
	for k, p := range n.pieces {
		end := len(n.str)
		if k+1 < len(n.pieces) {
			end = n.pieces[k+1].start
		}
		if p.start <= i && j <= end {
			return p.exact
		}
	}
	return false
}
