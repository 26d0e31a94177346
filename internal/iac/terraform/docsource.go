package terraform

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tidwall/gjson"
)

// documents evaluates source_policy_documents or
// override_policy_documents: a list of JSON documents, each read as the
// provider reads one.
func (sc *scope) documents(expr hcl.Expression) ([]*document, error) {
	n, err := sc.eval(expr)
	if err != nil {
		return nil, err
	}
	if n.kind == kNull {
		return nil, nil
	}
	if n.kind != kTuple {
		return nil, errAt(expr.Range(), "a list of JSON documents is required, not a %s", n.kindName())
	}
	var docs []*document
	for _, e := range n.elems {
		if e.kind == kNull {
			continue
		}
		obj, err := jsonObject(e, expr.Range())
		if err != nil {
			return nil, err
		}
		d, err := documentFromJSON(obj, expr.Range())
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// jsonObject returns the structure of a JSON document: a jsonencode or
// another document's json as it is, a string parsed.
func jsonObject(n *node, rng hcl.Range) (*node, error) {
	switch n.kind {
	case kJSON:
		return n.elems[0], nil
	case kString:
		if strings.HasPrefix(strings.TrimSpace(n.str), "{{") {
			return nil, errAt(rng, "a policy document here is unknown until apply: %s", strings.TrimSpace(n.str))
		}
		if !gjson.Valid(n.str) {
			return nil, &evalError{at: n.locAt(0), msg: "the policy document is not valid JSON"}
		}
		return parseJSON(n, gjson.Parse(n.str)), nil
	}
	return nil, errAt(rng, "a JSON document is required, not a %s", n.kindName())
}

// parseJSON turns a JSON value read from a string node into nodes,
// each at the place in the file its text came from.
// A value read from another file than the document's is placed where
// the string was referred to (a file() call).
func parseJSON(s *node, r gjson.Result) *node {
	at := s.locAt(r.Index)
	switch r.Type {
	case gjson.String:
		n := stringNode(r.Str, s.locAt(r.Index+1), false)
		n.via = s.via
		if len(r.Raw) == len(r.Str)+2 && s.exactRun(r.Index, r.Index+len(r.Raw)) {
			n.pieces[0].exact = true
		}
		return n
	case gjson.Number:
		return &node{kind: kNumber, at: at, via: s.via, lit: r.Raw}
	case gjson.True, gjson.False:
		return &node{kind: kBool, at: at, via: s.via, lit: r.Raw}
	case gjson.Null:
		return &node{kind: kNull, at: at, via: s.via, lit: "null"}
	}
	n := &node{kind: kTuple, at: at, via: s.via}
	if r.IsObject() {
		n.kind = kObject
	}
	r.ForEach(func(k, v gjson.Result) bool {
		if n.kind == kObject {
			n.keys = append(n.keys, k.Str)
			n.keyAt = append(n.keyAt, s.locAt(k.Index))
		}
		n.elems = append(n.elems, parseJSON(s, v))
		return true
	})
	return n
}

// field returns the member of a JSON object the provider's model reads
// for name: encoding/json matches names without regard to case, and the
// last of several wins.
func field(obj *node, name string) *node {
	var v *node
	for i, k := range obj.keys {
		if strings.EqualFold(k, name) {
			v = obj.elems[i]
		}
	}
	return v
}

// documentFromJSON reads a JSON document into the provider's model.
func documentFromJSON(obj *node, rng hcl.Range) (*document, error) {
	if obj.kind != kObject {
		return nil, errAt(rng, "a policy document must be a JSON object")
	}
	d := &document{at: obj.at}
	if v := field(obj, "Version"); v != nil && v.kind == kString {
		d.version = v
	}
	if v := field(obj, "Id"); v != nil && v.kind == kString {
		d.id = v
	}
	stmts := field(obj, "Statement")
	if stmts == nil || stmts.kind == kNull {
		return d, nil
	}
	if stmts.kind != kTuple {
		return nil, &evalError{at: stmts.at, msg: "the provider reads Statement only as a list of statements"}
	}
	for _, s := range stmts.elems {
		st, err := statementFromJSON(s)
		if err != nil {
			return nil, err
		}
		d.stmts = append(d.stmts, st)
	}
	return d, nil
}

func statementFromJSON(s *node) (*statement, error) {
	if s.kind != kObject {
		return nil, &evalError{at: s.at, msg: "a statement must be a JSON object"}
	}
	st := &statement{at: s.at}
	strField := func(name string) (*node, error) {
		v := field(s, name)
		if v == nil || v.kind == kNull {
			return nil, nil
		}
		if v.kind != kString {
			return nil, &evalError{at: v.at, msg: name + " must be a string"}
		}
		return v, nil
	}
	var err error
	if st.sid, err = strField("Sid"); err != nil {
		return nil, err
	}
	if st.effect, err = strField("Effect"); err != nil {
		return nil, err
	}
	st.action, st.notAction = field(s, "Action"), field(s, "NotAction")
	st.resource, st.notResource = field(s, "Resource"), field(s, "NotResource")
	if st.principal, err = principalsFromJSON(field(s, "Principal")); err != nil {
		return nil, err
	}
	if st.notPrincipal, err = principalsFromJSON(field(s, "NotPrincipal")); err != nil {
		return nil, err
	}
	if c := field(s, "Condition"); c != nil && c.kind != kNull {
		if c.kind != kObject {
			return nil, &evalError{at: c.at, msg: "Condition must be an object"}
		}
		for i, test := range c.keys {
			vars := c.elems[i]
			if vars.kind != kObject {
				return nil, &evalError{at: vars.at, msg: "a condition operator must map keys to values"}
			}
			for j, v := range vars.keys {
				entry := conditionEntry{test: stringNode(test, c.keyAt[i], false), variable: stringNode(v, vars.keyAt[j], false)}
				switch vals := vars.elems[j]; vals.kind {
				case kString:
					entry.values = []*node{vals}
				case kBool:
					entry.values = []*node{stringNode(vals.lit, vals.at, false)}
				case kTuple:
					for _, e := range vals.elems {
						if e.kind != kString {
							return nil, &evalError{at: e.at, msg: "a condition value must be a string"}
						}
					}
					entry.values = vals.elems
				}
				st.condition = append(st.condition, entry)
			}
		}
	}
	return st, nil
}

// principalsFromJSON reads a Principal as the provider does: "*" is
// type "*", identifier "*".
func principalsFromJSON(p *node) ([]principalEntry, error) {
	if p == nil || p.kind == kNull {
		return nil, nil
	}
	switch p.kind {
	case kString:
		star := stringNode("*", p.at, false)
		return []principalEntry{{typ: star, ids: &node{kind: kTuple, at: p.at, elems: []*node{star}}}}, nil
	case kObject:
		var out []principalEntry
		for i, k := range p.keys {
			typ := stringNode(k, p.keyAt[i], false)
			ids := p.elems[i]
			switch ids.kind {
			case kString:
			case kTuple:
				for _, e := range ids.elems {
					if e.kind != kString {
						return nil, &evalError{at: e.at, msg: "a principal identifier must be a string"}
					}
				}
			default:
				return nil, &evalError{at: ids.at, msg: "principal identifiers must be a string or a list"}
			}
			out = append(out, principalEntry{typ: typ, ids: ids})
		}
		return out, nil
	}
	return nil, &evalError{at: p.at, msg: "Principal must be \"*\" or an object"}
}

// A blockInst is a block to read, static or made by a dynamic block,
// with the scope its content is evaluated in.
type blockInst struct {
	body *hclsyntax.Body
	sc   *scope
	at   loc
}

// blocks returns the blocks of a type in body, in order, dynamic ones
// expanded: for_each's elements bind the iterator (named by iterator,
// else by the block type) to each key and value.
func (sc *scope) blocks(body *hclsyntax.Body, typ string) ([]blockInst, error) {
	var out []blockInst
	for _, b := range body.Blocks {
		if b.Type == typ {
			out = append(out, blockInst{b.Body, sc, rangeLoc(b.DefRange())})
			continue
		}
		if b.Type != "dynamic" || len(b.Labels) != 1 || b.Labels[0] != typ {
			continue
		}
		var content *hclsyntax.Block
		for _, c := range b.Body.Blocks {
			if c.Type == "content" {
				content = c
			}
		}
		fe := b.Body.Attributes["for_each"]
		if content == nil || fe == nil {
			return nil, errAt(b.DefRange(), "a dynamic block needs for_each and content")
		}
		name := typ
		if it := b.Body.Attributes["iterator"]; it != nil {
			name = hcl.ExprAsKeyword(it.Expr)
		}
		coll, err := sc.eval(fe.Expr)
		if err != nil {
			return nil, err
		}
		at := rangeLoc(content.DefRange())
		var keys []*node
		var vals []*node
		switch coll.kind {
		case kNull:
		case kObject:
			for i, k := range coll.keys {
				keys, vals = append(keys, stringNode(k, coll.keyAt[i], false)), append(vals, coll.elems[i])
			}
		case kTuple:
			for i, e := range coll.elems {
				keys, vals = append(keys, &node{kind: kNumber, at: e.at, lit: strconv.Itoa(i)}), append(vals, e)
			}
		default:
			if !hasPlaceholder(coll) {
				return nil, errAt(fe.Expr.Range(), "for_each must be a collection, not a %s", coll.kindName())
			}
			keys, vals = []*node{placeholderNode(name+".key", at)}, []*node{placeholderNode(name+".value", at)}
		}
		if len(keys) > maxInstances {
			return nil, errAt(fe.Expr.Range(), "for_each has %d elements, more than %d", len(keys), maxInstances)
		}
		for i := range keys {
			child := *sc
			child.iters = map[string]*node{}
			for k, v := range sc.iters {
				child.iters[k] = v
			}
			child.iters[name] = &node{kind: kObject, at: at, keys: []string{"key", "value"}, keyAt: []loc{at, at}, elems: []*node{keys[i], vals[i]}}
			out = append(out, blockInst{content.Body, &child, at})
		}
	}
	return out, nil
}
