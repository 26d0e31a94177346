package cfn

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/source"
)

// A scope is what a node is evaluated in beyond the template: the names
// a Ref finds first (a SAM policy template's parameters), and, for
// nodes read from data embedded in iamsim rather than the template, the
// one offset every value read from them is placed at.
type scope struct {
	refs  map[string]*val
	fixed int // -1 for nodes of the template
}

var top = &scope{fixed: -1}

// at returns where the value of node n is placed.
func (t *template) at(n *yaml.Node, sc *scope) int {
	if sc.fixed >= 0 {
		return sc.fixed
	}
	return t.offset(n)
}

// fail records a problem at node n and returns the failed result.
func (t *template) fail(n *yaml.Node, sc *scope, format string, args ...any) (*val, bool) {
	return t.failAt(t.at(n, sc), format, args...)
}

// failAt records a problem at offset at and returns the failed result.
func (t *template) failAt(at int, format string, args ...any) (*val, bool) {
	t.errs = append(t.errs, t.errAt(at, fmt.Sprintf(format, args...)))
	return nil, false
}

// eval resolves node n: every intrinsic function is applied, and
// Ref AWS::NoValue removes the entry that holds it. It reports false
// when it recorded a problem.
func (t *template) eval(n *yaml.Node, sc *scope, depth int) (*val, bool) {
	n = deref(n)
	if t.steps++; t.steps > maxSteps {
		if t.steps == maxSteps+1 {
			return t.fail(n, sc, "the template needs more than %d steps to resolve", maxSteps)
		}
		return nil, false
	}
	if depth > maxDepth {
		return t.fail(n, sc, "values nested more than %d deep", maxDepth)
	}
	if fn, arg := intrinsic(n); fn != "" {
		return t.call(fn, n, arg, sc, depth+1)
	}
	switch n.Kind {
	case yaml.MappingNode:
		v := &val{kind: kMap, at: t.at(n, sc)}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := deref(n.Content[i])
			item, ok := t.eval(n.Content[i+1], sc, depth+1)
			if !ok {
				return nil, false
			}
			if item.kind == kNoValue {
				continue
			}
			v.keys = append(v.keys, mapKey{k.Value, t.keyAt(k, sc)})
			v.items = append(v.items, item)
		}
		return v, true
	case yaml.SequenceNode:
		v := &val{kind: kList, at: t.at(n, sc)}
		for _, c := range n.Content {
			item, ok := t.eval(c, sc, depth+1)
			if !ok {
				return nil, false
			}
			if item.kind != kNoValue {
				v.items = append(v.items, item)
			}
		}
		return v, true
	}
	return t.scalar(n, sc), true
}

// keyAt returns where a mapping's key stands.
func (t *template) keyAt(k *yaml.Node, sc *scope) int {
	if sc.fixed >= 0 {
		return sc.fixed
	}
	return t.content(k)
}

// intrinsic returns the function node n calls, in its long form
// ("Fn::Sub", "Ref"), and the node of its argument; "" for a value.
func intrinsic(n *yaml.Node) (string, *yaml.Node) {
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		arg := *n
		arg.Tag = map[yaml.Kind]string{yaml.ScalarNode: "!!str", yaml.SequenceNode: "!!seq", yaml.MappingNode: "!!map"}[n.Kind]
		arg.Style &^= yaml.TaggedStyle
		name := n.Tag[1:]
		if name != "Ref" && name != "Condition" {
			name = "Fn::" + name
		}
		return name, &arg
	}
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 {
		k := deref(n.Content[0]).Value
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return k, deref(n.Content[1])
		}
	}
	return "", nil
}

// scalar converts a plain value. A string keeps where its characters
// stand: a block scalar line by line.
func (t *template) scalar(n *yaml.Node, sc *scope) *val {
	at := t.at(n, sc)
	switch n.Tag {
	case "!!null":
		return &val{kind: kNull, at: at}
	case "!!bool":
		return &val{kind: kBool, s: strings.ToLower(n.Value), at: at}
	case "!!int", "!!float":
		if isJSONNumber(n.Value) {
			return &val{kind: kNumber, s: n.Value, at: at}
		}
	}
	if sc.fixed >= 0 {
		return strVal(n.Value, at)
	}
	v := strVal(n.Value, t.content(n))
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		v.at = t.offset(n)
		v.pieces = t.blockPieces(n)
	case n.Style&yaml.DoubleQuotedStyle != 0 && !t.verbatim(n.Value, v.at):
		v.pieces = t.escapedPieces(n.Value, v.at)
	}
	return v
}

// A placer says where each byte of a string value stands in the
// template: inside a piece whose bytes stand as they are, at the byte
// itself; elsewhere at its piece's start. Whether each piece stands as
// it is is found once, so placing every byte of a long string stays
// linear.
type placer struct {
	v      *val
	pieces []piece
	exact  []bool
}

func (t *template) placer(v *val) *placer {
	ps := v.piecesOf()
	pl := &placer{v: v, pieces: ps, exact: make([]bool, len(ps))}
	for k, p := range ps {
		end := len(v.s)
		if k+1 < len(ps) {
			end = ps[k+1].off
		}
		pl.exact[k] = p.off <= end && end <= len(v.s) && t.verbatim(v.s[p.off:end], p.at)
	}
	return pl
}

// at returns where byte i of the string stands.
func (pl *placer) at(i int) int {
	k := max(0, sort.Search(len(pl.pieces), func(k int) bool { return pl.pieces[k].off > i })-1)
	p := pl.pieces[k]
	if pl.exact[k] && i >= p.off {
		return p.at + i - p.off
	}
	return p.at
}

// slice returns bytes i to j of the string, keeping where each of its
// pieces stands.
func (pl *placer) slice(i, j int) *val {
	at := pl.at(i)
	v := &val{kind: kString, s: pl.v.s[i:j], at: at, pieces: []piece{{0, at}}}
	k := sort.Search(len(pl.pieces), func(k int) bool { return pl.pieces[k].off > i })
	for ; k < len(pl.pieces) && pl.pieces[k].off < j; k++ {
		v.pieces = append(v.pieces, piece{pl.pieces[k].off - i, pl.pieces[k].at})
	}
	return v
}

// isJSONNumber reports whether s is a number as JSON writes one.
func isJSONNumber(s string) bool {
	if s == "" {
		return false
	}
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		return false
	}
	i := 0
	if s[0] == '-' {
		i++
	}
	if i >= len(s) || s[i] < '0' || s[i] > '9' || (s[i] == '0' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9') {
		return false
	}
	for ; i < len(s); i++ {
		if !strings.ContainsRune("0123456789.eE+-", rune(s[i])) {
			return false
		}
	}
	return !strings.HasSuffix(s, ".") && !strings.Contains(s, ".e") && !strings.Contains(s, ".E")
}

// evalString resolves n to a string (a number or boolean's text too).
func (t *template) evalString(n *yaml.Node, sc *scope, depth int, what string) (*val, bool) {
	v, ok := t.eval(n, sc, depth)
	if !ok {
		return nil, false
	}
	if _, isStr := v.str(); !isStr {
		return t.fail(n, sc, "%s should be a string, not %s", what, describe(v))
	}
	return v, true
}

// evalList resolves n to a list.
func (t *template) evalList(n *yaml.Node, sc *scope, depth int, what string) (*val, bool) {
	v, ok := t.eval(n, sc, depth)
	if !ok {
		return nil, false
	}
	if v.kind != kList {
		return t.fail(n, sc, "%s should be a list, not %s", what, describe(v))
	}
	return v, true
}

// args returns the items of a function's list argument, which must have
// between lo and hi of them.
func (t *template) args(fn string, arg *yaml.Node, sc *scope, lo, hi int) ([]*yaml.Node, bool) {
	if arg.Kind != yaml.SequenceNode || len(arg.Content) < lo || len(arg.Content) > hi {
		want := fmt.Sprintf("%d", lo)
		if hi > lo {
			want = fmt.Sprintf("%d to %d", lo, hi)
		}
		got := source.NodeKind(arg)
		if arg.Kind == yaml.SequenceNode {
			got = fmt.Sprintf("%d", len(arg.Content))
		}
		t.fail(arg, sc, "%s takes a list of %s arguments, not %s", fn, want, got)
		return nil, false
	}
	items := make([]*yaml.Node, len(arg.Content))
	for i, c := range arg.Content {
		items[i] = deref(c)
	}
	return items, true
}

// describe names a value's type for messages.
func describe(v *val) string {
	switch v.kind {
	case kNull:
		return "an empty value"
	case kList:
		return "a list"
	case kMap:
		return "a mapping"
	case kNoValue:
		return "AWS::NoValue"
	}
	return fmt.Sprintf("%q", v.s)
}
