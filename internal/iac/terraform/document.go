package terraform

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// The AWS provider's data source aws_iam_policy_document renders its
// document by rules this file follows
// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document):
// source_policy_documents are merged first, in order, and must not
// repeat a Sid; then the statement blocks; then each of
// override_policy_documents. A statement with a Sid replaces the one
// merged before it with the same Sid, and any other is appended. Within
// a statement, actions, resources and principal identifiers are sets:
// written once each, a single one as a string, several sorted in
// reverse order; condition values keep their order, a single one as a
// string; "&{" in resources, identifiers and condition values becomes
// "${"; a lone principal of type "*" with identifier "*" is written "*".

// A document is a policy document as the provider models it.
type document struct {
	at          loc
	version, id *node
	stmts       []*statement
}

// A statement is one statement of a document.
type statement struct {
	at                                       loc
	sid, effect                              *node
	action, notAction, resource, notResource *node // a string or a tuple
	principal, notPrincipal                  []principalEntry
	condition                                []conditionEntry
}

type principalEntry struct{ typ, ids *node }

type conditionEntry struct {
	test, variable *node
	values         []*node
}

func (st *statement) sidText() string {
	if st.sid == nil {
		return ""
	}
	s, _ := st.sid.text()
	return s
}

// merge merges d into the document, as the provider's Merge does.
func (doc *document) merge(d *document) {
	if d.id != nil && d.id.str != "" {
		doc.id = d.id
	}
	if d.version != nil && (doc.version == nil || d.version.str > doc.version.str) {
		doc.version = d.version
	}
	for _, st := range d.stmts {
		sid := st.sidText()
		replaced := false
		if sid != "" {
			for i, old := range doc.stmts {
				if old.sidText() == sid {
					doc.stmts[i], replaced = st, true
					break
				}
			}
		}
		if !replaced {
			doc.stmts = append(doc.stmts, st)
		}
	}
}

// renderDocument renders an aws_iam_policy_document block.
func (sc *scope) renderDocument(b *block, addr string) (*node, error) {
	at := rangeLoc(b.def)
	merged := &document{at: at}
	if a := b.body.Attributes["source_policy_documents"]; a != nil {
		docs, err := sc.documents(a.Expr)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, d := range docs {
			for _, st := range d.stmts {
				if sid := st.sidText(); sid != "" {
					if seen[sid] {
						return nil, errAt(a.Expr.Range(), "duplicate Sid %q in source_policy_documents", sid)
					}
					seen[sid] = true
				}
			}
			merged.merge(d)
		}
	}
	doc := &document{at: at, version: stringNode("2012-10-17", at, false)}
	if a := b.body.Attributes["version"]; a != nil {
		v, err := sc.eval(a.Expr)
		if err != nil {
			return nil, err
		}
		if v.kind != kNull {
			doc.version = v
		}
	}
	if a := b.body.Attributes["policy_id"]; a != nil {
		v, err := sc.eval(a.Expr)
		if err != nil {
			return nil, err
		}
		if v.kind == kString {
			doc.id = v
		}
	}
	blocks, err := sc.blocks(b.body, "statement")
	if err != nil {
		return nil, err
	}
	sids := map[string]bool{}
	for _, bl := range blocks {
		st, err := bl.sc.hclStatement(bl.body, bl.at)
		if err != nil {
			return nil, err
		}
		if sid := st.sidText(); sid != "" {
			if sids[sid] {
				return nil, &evalError{at: st.sid.at, msg: "duplicate Sid " + strconv.Quote(sid) + ": the provider refuses it"}
			}
			sids[sid] = true
		}
		doc.stmts = append(doc.stmts, st)
	}
	merged.merge(doc)
	if a := b.body.Attributes["override_policy_documents"]; a != nil {
		docs, err := sc.documents(a.Expr)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			merged.merge(d)
		}
	}
	return &node{kind: kJSON, at: at, indent: true, source: addr, elems: []*node{merged.render()}}, nil
}

// render writes the document as the provider writes its JSON.
func (doc *document) render() *node {
	n := &node{kind: kObject, at: doc.at}
	add := func(k string, at loc, v *node) {
		n.keys, n.keyAt, n.elems = append(n.keys, k), append(n.keyAt, at), append(n.elems, v)
	}
	if doc.version != nil && doc.version.str != "" {
		add("Version", doc.version.at, doc.version)
	}
	if doc.id != nil {
		add("Id", doc.id.at, doc.id)
	}
	if len(doc.stmts) > 0 {
		list := &node{kind: kTuple, at: doc.stmts[0].at}
		for _, st := range doc.stmts {
			list.elems = append(list.elems, st.render())
		}
		add("Statement", list.at, list)
	}
	return n
}

func (st *statement) render() *node {
	n := &node{kind: kObject, at: st.at}
	add := func(k string, v *node) {
		if v != nil {
			n.keys, n.keyAt, n.elems = append(n.keys, k), append(n.keyAt, v.at), append(n.elems, v)
		}
	}
	if st.sidText() != "" {
		add("Sid", st.sid)
	}
	if st.effect != nil && st.effect.str != "" {
		add("Effect", st.effect)
	}
	add("Action", st.action)
	add("NotAction", st.notAction)
	add("Resource", st.resource)
	add("NotResource", st.notResource)
	add("Principal", principalsNode(st.principal))
	add("NotPrincipal", principalsNode(st.notPrincipal))
	add("Condition", conditionsNode(st.condition))
	return n
}

// principalsNode writes principals by type, as the provider does.
func principalsNode(ps []principalEntry) *node {
	if len(ps) == 0 {
		return nil
	}
	if len(ps) == 1 && ps[0].typ.str == "*" {
		ids := ps[0].ids
		if ids.kind == kTuple && len(ids.elems) == 1 {
			ids = ids.elems[0]
		}
		if ids.kind == kString && ids.str == "*" {
			return ids
		}
	}
	type acc struct {
		at   loc
		list *node // kTuple once there are several
		one  *node
	}
	byType := map[string]*acc{}
	for _, p := range ps {
		a := byType[p.typ.str]
		if a == nil {
			a = &acc{at: p.typ.at}
			byType[p.typ.str] = a
		}
		if p.ids.kind == kTuple {
			if a.list == nil {
				a.list = &node{kind: kTuple, at: p.ids.at}
				if a.one != nil {
					a.list.elems = append(a.list.elems, a.one)
				}
			}
			a.list.elems = append(a.list.elems, reverseSorted(p.ids.elems)...)
			continue
		}
		switch {
		case a.list != nil:
			a.list.elems = append(a.list.elems, p.ids)
		case a.one != nil:
			a.list = &node{kind: kTuple, at: a.one.at, elems: []*node{a.one, p.ids}}
		default:
			a.one = p.ids
		}
	}
	n := &node{kind: kObject, at: ps[0].typ.at}
	for _, k := range sortedKeys(byType) {
		a := byType[k]
		v := a.one
		if a.list != nil {
			v = a.list
		}
		n.keys, n.keyAt, n.elems = append(n.keys, k), append(n.keyAt, a.at), append(n.elems, v)
	}
	return n
}

// conditionsNode writes conditions by operator and key, as the provider
// does: the values of one operator and key together, a single one as a
// string.
func conditionsNode(cs []conditionEntry) *node {
	if len(cs) == 0 {
		return nil
	}
	type key struct{ test, variable string }
	vals := map[key][]*node{}
	testAt, varAt := map[string]loc{}, map[key]loc{}
	for _, c := range cs {
		k := key{c.test.str, c.variable.str}
		if _, ok := testAt[k.test]; !ok {
			testAt[k.test] = c.test.at
		}
		if _, ok := varAt[k]; !ok {
			varAt[k] = c.variable.at
		}
		vals[k] = append(vals[k], c.values...)
	}
	n := &node{kind: kObject, at: cs[0].test.at}
	for _, t := range sortedKeys(testAt) {
		inner := &node{kind: kObject, at: testAt[t]}
		var vars []string
		for k := range vals {
			if k.test == t {
				vars = append(vars, k.variable)
			}
		}
		sort.Strings(vars)
		for _, v := range vars {
			k := key{t, v}
			var val *node
			if len(vals[k]) == 1 {
				val = vals[k][0]
			} else {
				val = &node{kind: kTuple, at: varAt[k], elems: vals[k]}
			}
			inner.keys, inner.keyAt, inner.elems = append(inner.keys, v), append(inner.keyAt, varAt[k]), append(inner.elems, val)
		}
		n.keys, n.keyAt, n.elems = append(n.keys, t), append(n.keyAt, testAt[t]), append(n.elems, inner)
	}
	return n
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// reverseSorted returns strings sorted in reverse order, as the provider
// writes a set of several.
func reverseSorted(elems []*node) []*node {
	out := append([]*node(nil), elems...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].str > out[j].str })
	return out
}

// hclStatement reads a statement block.
func (sc *scope) hclStatement(body *hclsyntax.Body, at loc) (*statement, error) {
	st := &statement{at: at, effect: stringNode("Allow", at, false)}
	var err error
	if a := body.Attributes["sid"]; a != nil {
		if st.sid, err = sc.stringAttr(a); err != nil {
			return nil, err
		}
	}
	if a := body.Attributes["effect"]; a != nil {
		e, err := sc.stringAttr(a)
		if err != nil {
			return nil, err
		}
		if e != nil {
			st.effect = e
		}
	}
	for _, f := range []struct {
		name     string
		dst      **node
		replaces bool
	}{
		{"actions", &st.action, false}, {"not_actions", &st.notAction, false},
		{"resources", &st.resource, true}, {"not_resources", &st.notResource, true},
	} {
		if a := body.Attributes[f.name]; a != nil {
			set, err := sc.stringSet(a.Expr, f.replaces, true)
			if err != nil {
				return nil, err
			}
			if *f.dst = oneOrList(set, rangeLoc(a.Expr.Range())); *f.dst != nil && len(set) > 1 {
				(*f.dst).elems = reverseSorted(set)
			}
		}
	}
	for _, f := range []struct {
		name string
		dst  *[]principalEntry
	}{{"principals", &st.principal}, {"not_principals", &st.notPrincipal}} {
		blocks, err := sc.blocks(body, f.name)
		if err != nil {
			return nil, err
		}
		for _, bl := range blocks {
			p, err := bl.sc.principal(bl.body, bl.at)
			if err != nil {
				return nil, err
			}
			*f.dst = append(*f.dst, p)
		}
	}
	blocks, err := sc.blocks(body, "condition")
	if err != nil {
		return nil, err
	}
	for _, bl := range blocks {
		c, err := bl.sc.condition(bl.body, bl.at)
		if err != nil {
			return nil, err
		}
		st.condition = append(st.condition, c)
	}
	return st, nil
}

func (sc *scope) principal(body *hclsyntax.Body, at loc) (principalEntry, error) {
	typ, err := sc.required(body, "type", at)
	if err != nil {
		return principalEntry{}, err
	}
	a := body.Attributes["identifiers"]
	if a == nil {
		return principalEntry{}, &evalError{at: at, msg: "principals needs identifiers"}
	}
	set, err := sc.stringSet(a.Expr, true, true)
	if err != nil {
		return principalEntry{}, err
	}
	ids := oneOrList(set, rangeLoc(a.Expr.Range()))
	if ids == nil {
		ids = &node{kind: kTuple, at: rangeLoc(a.Expr.Range())}
	}
	return principalEntry{typ: typ, ids: ids}, nil
}

func (sc *scope) condition(body *hclsyntax.Body, at loc) (conditionEntry, error) {
	test, err := sc.required(body, "test", at)
	if err != nil {
		return conditionEntry{}, err
	}
	variable, err := sc.required(body, "variable", at)
	if err != nil {
		return conditionEntry{}, err
	}
	a := body.Attributes["values"]
	if a == nil {
		return conditionEntry{}, &evalError{at: at, msg: "condition needs values"}
	}
	values, err := sc.stringSet(a.Expr, true, false)
	if err != nil {
		return conditionEntry{}, err
	}
	return conditionEntry{test: test, variable: variable, values: values}, nil
}

// required evaluates a string attribute a block must have.
func (sc *scope) required(body *hclsyntax.Body, name string, at loc) (*node, error) {
	a := body.Attributes[name]
	if a == nil {
		return nil, &evalError{at: at, msg: "the block needs " + name}
	}
	n, err := sc.stringAttr(a)
	if err == nil && n == nil {
		return nil, errAt(a.Expr.Range(), "%s must not be null", name)
	}
	return n, err
}

// stringAttr evaluates an attribute that holds a string; nil when null.
func (sc *scope) stringAttr(a *hclsyntax.Attribute) (*node, error) {
	n, err := sc.eval(a.Expr)
	if err != nil {
		return nil, err
	}
	switch n.kind {
	case kNull:
		return nil, nil
	case kString:
		return n, nil
	case kNumber, kBool:
		return stringNode(n.lit, n.at, false).withVia(n.via), nil
	}
	return nil, errAt(a.Expr.Range(), "%s must be a string, not a %s", a.Name, n.kindName())
}

// stringSet evaluates a list or set of strings: once each when set, and
// with "&{" written "${" when replaces. A placeholder for the whole list
// is one element.
func (sc *scope) stringSet(expr hcl.Expression, replaces, set bool) ([]*node, error) {
	n, err := sc.eval(expr)
	if err != nil {
		return nil, err
	}
	var elems []*node
	switch {
	case n.kind == kNull:
		return nil, nil
	case n.kind == kTuple:
		elems = n.elems
	case n.kind == kString && hasPlaceholder(n):
		elems = []*node{n}
	default:
		return nil, errAt(expr.Range(), "a list of strings is required, not a %s", n.kindName())
	}
	var out []*node
	seen := map[string]bool{}
	for _, e := range elems {
		s, ok := e.text()
		if !ok || e.kind == kJSON {
			return nil, errAt(expr.Range(), "a list of strings is required: an element is a %s", e.kindName())
		}
		if set && seen[s] {
			continue
		}
		seen[s] = true
		if e.kind != kString {
			e = stringNode(s, e.at, false).withVia(e.via)
		}
		if replaces && strings.Contains(s, "&{") {
			c := *e
			c.str = strings.ReplaceAll(s, "&{", "${")
			e = &c
		}
		out = append(out, e)
	}
	return out, nil
}

// oneOrList is a set as the provider writes it: nil when empty, its
// element when alone, else a list.
func oneOrList(set []*node, at loc) *node {
	switch len(set) {
	case 0:
		return nil
	case 1:
		return set[0]
	}
	return &node{kind: kTuple, at: at, elems: set}
}
