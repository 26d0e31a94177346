package terraform

import (
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/zclconf/go-cty/cty"
)

// value evaluates an expression with HCL and Terraform's functions.
// Every reference is bound to what it refers to, a resource's attribute
// to its placeholder. unknown reports a result computed from a
// placeholder (length(aws_s3_bucket.b.arn)), which would be a wrong
// value: the caller names it by its expression instead.
func (sc *scope) value(expr hcl.Expression) (v cty.Value, unknown bool, err error) {
	vars := map[string]any{}
	for _, tr := range expr.Variables() {
		path, n, err := sc.bind(tr)
		if err != nil {
			return cty.NilVal, false, err
		}
		setPath(vars, path, n)
	}
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: sc.r.funcs}
	var inputs []string
	for k, x := range vars {
		ctx.Variables[k] = toValue(x)
		inputs = appendPlaceholders(inputs, ctx.Variables[k])
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		if len(inputs) > 0 && !unknownFunction(diags) {
			return cty.NilVal, true, nil
		}
		return cty.NilVal, false, diagError(diags, expr.Range())
	}
	if !v.IsWhollyKnown() {
		return cty.NilVal, true, nil
	}
	out := appendPlaceholders(nil, v)
	if len(inputs) > 0 && len(out) == 0 {
		return cty.NilVal, true, nil
	}
	for _, name := range out {
		if !contains(inputs, name) {
			return cty.NilVal, true, nil
		}
	}
	return v, false, nil
}

// unknownFunction reports whether diags call a function iamsim does not
// evaluate: an error whatever the arguments.
func unknownFunction(diags hcl.Diagnostics) bool {
	for _, d := range diags {
		if d.Severity == hcl.DiagError && d.Summary == "Call to unknown function" {
			return true
		}
	}
	return false
}

// bind returns where a reference's value goes in the evaluation
// context's variables, and the value: a node, or a placeholder.
func (sc *scope) bind(tr hcl.Traversal) ([]string, any, error) {
	root := tr.RootName()
	if it := sc.iters[root]; it != nil {
		return []string{root}, it, nil
	}
	switch root {
	case "var", "local", "module", "count", "each", "path", "terraform":
		if sc.tvars != nil {
			break
		}
		name, ok := stepAttr(tr, 1)
		if !ok {
			return nil, nil, errAt(tr.SourceRange(), "a reference to %s needs an attribute", root)
		}
		n, err := sc.lookup(tr[:2], tr.SourceRange())
		if err != nil {
			return nil, nil, err
		}
		return []string{root, name}, n, nil
	case "data":
		if len(tr) >= 3 && sc.m != nil && sc.tvars == nil {
			typ, _ := stepAttr(tr, 1)
			name, _ := stepAttr(tr, 2)
			if typ == "aws_iam_policy_document" && sc.m.cfg.docs[name] != nil {
				n, err := sc.lookup(tr[:3], tr.SourceRange())
				if err != nil {
					return nil, nil, err
				}
				return []string{"data", typ, name}, n, nil
			}
		}
	}
	if sc.tvars != nil {
		n, err := sc.lookup(tr[:1], tr.SourceRange())
		if err != nil {
			return nil, nil, err
		}
		return []string{root}, n, nil
	}
	// A resource's argument the code sets; else a resource, another data
	// source, self: a tree of placeholders as deep as the reference.
	if n, steps, ok := sc.resourceArg(tr); ok {
		var path []string
		for i := range tr[:steps] {
			path = append(path, stepKey(tr[i]))
		}
		n, err := sc.steps(n, tr[steps:], tr.SourceRange(), func() string { return sc.address(traversalText(tr)) })
		return path, n, err
	}
	var path []string
	for i := range tr {
		path = append(path, stepKey(tr[i]))
	}
	return path, sc.placeholder(sc.address(traversalText(tr))), nil
}

// A pathKey marks a step of a path that indexes by number.
const indexMark = "\x00"

func stepKey(s hcl.Traverser) string {
	switch s := s.(type) {
	case hcl.TraverseRoot:
		return s.Name
	case hcl.TraverseAttr:
		return s.Name
	case hcl.TraverseIndex:
		if s.Key.Type() == cty.Number {
			return indexMark + s.Key.AsBigFloat().Text('f', -1)
		}
		if s.Key.Type() == cty.String {
			return s.Key.AsString()
		}
	}
	return "?"
}

// setPath places x at path in a tree of maps; a value already there
// and a deeper one keep the deeper.
func setPath(m map[string]any, path []string, x any) {
	for i, k := range path {
		if i == len(path)-1 {
			if _, ok := m[k].(map[string]any); !ok {
				m[k] = x
			}
			return
		}
		sub, ok := m[k].(map[string]any)
		if !ok {
			sub = map[string]any{}
			m[k] = sub
		}
		m = sub
	}
}

// toValue turns a tree of maps, nodes and placeholder texts into a cty
// value; a map whose keys are all numeric indexes becomes a tuple.
func toValue(x any) cty.Value {
	switch x := x.(type) {
	case *node:
		return x.value()
	case string:
		return cty.StringVal(x)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if len(keys) > 0 && strings.HasPrefix(keys[0], indexMark) {
			last := -1
			byIndex := map[int]cty.Value{}
			for _, k := range keys {
				i, err := strconv.Atoi(strings.TrimPrefix(k, indexMark))
				if err != nil || i < 0 || i >= maxInstances {
					continue
				}
				byIndex[i] = toValue(x[k])
				last = max(last, i)
			}
			vals := make([]cty.Value, last+1)
			for i := range vals {
				if v, ok := byIndex[i]; ok {
					vals[i] = v
				} else {
					vals[i] = cty.StringVal(placeholderText("unknown"))
				}
			}
			if len(vals) == 0 {
				return cty.EmptyTupleVal
			}
			return cty.TupleVal(vals)
		}
		m := map[string]cty.Value{}
		for _, k := range keys {
			m[k] = toValue(x[k])
		}
		return cty.ObjectVal(m)
	}
	return cty.NullVal(cty.DynamicPseudoType)
}

// appendPlaceholders appends the names of the placeholders in v's
// strings.
func appendPlaceholders(names []string, v cty.Value) []string {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() {
		return names
	}
	switch t := v.Type(); {
	case t == cty.String:
		return append(names, policydoc.PlaceholderNames(v.AsString())...)
	case t.IsObjectType() || t.IsMapType() || t.IsListType() || t.IsSetType() || t.IsTupleType():
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			names = appendPlaceholders(names, e)
		}
	}
	return names
}

func contains(list []string, s string) bool { return indexOf(list, s) >= 0 }

// traversalText writes a reference as the code writes it:
// aws_s3_bucket.b.arn, aws_iam_role.r[0].name, x["k"].
func traversalText(tr hcl.Traversal) string {
	var b strings.Builder
	for _, s := range tr {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			b.WriteString(indexText(s.Key))
		default:
			b.WriteString("[*]")
		}
	}
	return b.String()
}

// indexText writes an index as Terraform writes it in an address: [0],
// ["key"].
func indexText(k cty.Value) string {
	if !k.IsKnown() || k.IsNull() {
		return "[?]"
	}
	if k.Type() == cty.Number {
		return "[" + k.AsBigFloat().Text('f', -1) + "]"
	}
	if k.Type() == cty.String {
		return "[" + strconv.Quote(k.AsString()) + "]"
	}
	return "[?]"
}

// address prefixes a reference to a resource with its module's address,
// so that a placeholder names the resource wherever it is.
func (sc *scope) address(ref string) string {
	if sc.m == nil {
		return ref
	}
	return sc.m.prefix + ref
}

// placeholderName returns the name of the placeholder a node is, when
// it is one and nothing else.
func placeholderName(n *node) (string, bool) {
	if n.kind != kString {
		return "", false
	}
	names := policydoc.PlaceholderNames(n.str)
	if len(names) != 1 || n.str != placeholderText(names[0]) {
		return "", false
	}
	return names[0], true
}

// placeholder is the value of a name unknown until apply: the value
// Options.Values binds to it, or its placeholder.
func (sc *scope) placeholder(name string) string {
	if v, ok := sc.r.opts.Values[name]; ok {
		return v
	}
	return placeholderText(name)
}

// diagError turns HCL's diagnostics into a positioned error: the first
// error's, at its subject.
func diagError(diags hcl.Diagnostics, fallback hcl.Range) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		rng := fallback
		if d.Subject != nil {
			rng = *d.Subject
		}
		return errAt(rng, "%s", diagMessage(d))
	}
	return errAt(fallback, "invalid expression")
}

// diagMessage words a diagnostic in the house style: lower case, no
// trailing period.
func diagMessage(d *hcl.Diagnostic) string {
	msg := lowerFirst(d.Summary)
	if d.Detail != "" {
		msg += ": " + lowerFirst(d.Detail)
	}
	msg = strings.TrimSuffix(strings.TrimSpace(msg), ".")
	return strings.Join(strings.Fields(msg), " ")
}

// lowerFirst lower-cases a sentence's first letter.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// lookup resolves a reference to a node.
func (sc *scope) lookup(tr hcl.Traversal, rng hcl.Range) (*node, error) {
	root := tr.RootName()
	at := rangeLoc(rng)
	name, _ := stepAttr(tr, 1)
	text := func() string { return traversalText(tr) }
	if it := sc.iters[root]; it != nil {
		return sc.steps(it, tr[1:], rng, text)
	}
	if sc.tvars != nil {
		n := sc.tvars.attr(root)
		if n == nil {
			return nil, errAt(tr[0].SourceRange(), "the template refers to %q, which its variables do not give", root)
		}
		return sc.steps(n, tr[1:], rng, text)
	}
	switch root {
	case "var", "local":
		if sc.m == nil {
			return nil, errAt(rng, "a variables file cannot refer to %s", root)
		}
		if name == "" {
			return nil, errAt(rng, "a reference to %s needs a name", root)
		}
		var n *node
		var err error
		if root == "var" {
			n, err = sc.m.variable(name, rng)
		} else {
			n, err = sc.m.local(name, rng)
		}
		if err != nil {
			return nil, err
		}
		return sc.steps(n, tr[2:], rng, text)
	case "count":
		if sc.count == nil {
			return nil, errAt(rng, "count is only available in a block with count")
		}
		if name != "index" {
			return nil, errAt(rng, "count has only the attribute index")
		}
		return sc.count, nil
	case "each":
		if sc.each == nil {
			return nil, errAt(rng, "each is only available in a block with for_each")
		}
		return sc.steps(sc.each, tr[1:], rng, text)
	case "path":
		if sc.m == nil {
			return stringNode(".", at, false), nil
		}
		switch name {
		case "module":
			return stringNode(sc.m.pathModule, at, false), nil
		case "root", "cwd":
			return stringNode(".", at, false), nil
		}
		return nil, errAt(rng, "path has no attribute %q", name)
	case "terraform":
		if name == "workspace" {
			return stringNode("default", at, false), nil
		}
		return placeholderNode(text(), at), nil
	case "module":
		if sc.m != nil && name != "" {
			n, err := sc.m.moduleValue(name, rng)
			if err != nil {
				return nil, err
			}
			if n != nil {
				return sc.steps(n, tr[2:], rng, text)
			}
		}
	case "data":
		if len(tr) >= 3 && sc.m != nil {
			typ, _ := stepAttr(tr, 1)
			if name, _ := stepAttr(tr, 2); typ == "aws_iam_policy_document" && sc.m.cfg.docs[name] != nil {
				n, err := sc.m.docValue(name, rng)
				if err != nil {
					return nil, err
				}
				return sc.steps(n, tr[3:], rng, text)
			}
		}
	}
	if n, steps, ok := sc.resourceArg(tr); ok {
		return sc.steps(n.withVia(at), tr[steps:], rng, text)
	}
	return stringNode(sc.placeholder(sc.address(text())), at, false), nil
}

// stepAttr returns the name of step i of a reference when it is an
// attribute.
func stepAttr(tr hcl.Traversal, i int) (string, bool) {
	if i < len(tr) {
		if a, ok := tr[i].(hcl.TraverseAttr); ok {
			return a.Name, true
		}
	}
	return "", false
}
