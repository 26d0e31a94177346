package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// A scope is where an expression is evaluated: its module, and the
// count or for_each instance of its block.
type scope struct {
	r     *reader
	m     *module // nil in a .tfvars file
	count *node   // count.index, or nil
	each  *node   // an object {key, value}, or nil
	// tvars are the variables of a templatefile template, which sees
	// nothing else.
	tvars *node
	// iters bind the iterators of the dynamic blocks around.
	iters map[string]*node
}

// An evalError is a problem at a place in a file.
type evalError struct {
	at  loc
	msg string
}

func (e *evalError) Error() string { return e.msg }

func errAt(r hcl.Range, format string, args ...any) error {
	return &evalError{at: rangeLoc(r), msg: fmt.Sprintf(format, args...)}
}

func rangeLoc(r hcl.Range) loc { return loc{file: r.Filename, off: r.Start.Byte} }

// eval evaluates an expression to a node that keeps, for every value,
// where it was written: structure, strings and references are followed
// here, and anything else is evaluated by HCL with Terraform's
// functions, its result placed at the expression.
func (sc *scope) eval(expr hcl.Expression) (*node, error) {
	if sc.r.depth >= maxExprDepth {
		return nil, errAt(expr.Range(), "expressions and references nested more than %d deep", maxExprDepth)
	}
	sc.r.depth++
	defer func() { sc.r.depth-- }()
	if sc.r.nodes++; sc.r.nodes > maxNodes {
		return nil, errAt(expr.Range(), "the configuration builds more than %d values", int(maxNodes))
	}
	at := rangeLoc(expr.Range())
	switch e := expr.(type) {
	case *hclsyntax.TemplateWrapExpr:
		return sc.eval(e.Wrapped)
	case *hclsyntax.ParenthesesExpr:
		return sc.eval(e.Expression)
	case *hclsyntax.TemplateExpr:
		return sc.template(e)
	case *hclsyntax.ObjectConsExpr:
		return sc.object(e)
	case *hclsyntax.TupleConsExpr:
		n := &node{kind: kTuple, at: at}
		for _, x := range e.Exprs {
			v, err := sc.eval(x)
			if err != nil {
				return nil, err
			}
			n.elems = append(n.elems, v)
		}
		return n, nil
	case *hclsyntax.ScopeTraversalExpr:
		n, err := sc.lookup(e.Traversal, e.SrcRange)
		if err != nil {
			return nil, err
		}
		return n.withVia(at), nil
	case *hclsyntax.RelativeTraversalExpr:
		src, err := sc.eval(e.Source)
		if err != nil {
			return nil, err
		}
		return sc.steps(src, e.Traversal, e.SrcRange, func() string { return sc.address(sc.r.exprText(e)) })
	case *hclsyntax.IndexExpr:
		return sc.index(e)
	case *hclsyntax.ConditionalExpr:
		cond, unknown, err := sc.value(e.Condition)
		if err != nil {
			return nil, err
		}
		if unknown {
			return placeholderNode(sc.address(sc.r.exprText(e)), at), nil
		}
		if cond, err = convert.Convert(cond, cty.Bool); err != nil || cond.IsNull() {
			return nil, errAt(e.Condition.Range(), "the condition must be true or false")
		}
		if cond.True() {
			return sc.eval(e.TrueResult)
		}
		return sc.eval(e.FalseResult)
	case *hclsyntax.FunctionCallExpr:
		if n, ok, err := sc.call(e); ok {
			return n, err
		}
	}
	v, unknown, err := sc.value(expr)
	if err != nil {
		return nil, err
	}
	if unknown {
		return placeholderNode(sc.address(sc.r.exprText(expr)), at), nil
	}
	return fromValue(v, at), nil
}

// template evaluates a string template, keeping where each of its
// characters was written.
func (sc *scope) template(e *hclsyntax.TemplateExpr) (*node, error) {
	at := rangeLoc(e.Range())
	quoted := isTerraformFile(at.file) && sc.r.byteAt(at) == '"'
	n := &node{kind: kString, at: at}
	for _, part := range e.Parts {
		if lit, ok := part.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String {
			n.appendLiteral(lit.Val.AsString(), sc.r.source(lit.SrcRange), rangeLoc(lit.SrcRange), quoted)
			continue
		}
		v, err := sc.eval(part)
		if err != nil {
			return nil, err
		}
		s, ok := v.text()
		if !ok {
			if v.kind == kNull {
				return nil, errAt(part.Range(), "a template cannot interpolate null")
			}
			return nil, errAt(part.Range(), "a template cannot interpolate a %s", v.kindName())
		}
		pat := rangeLoc(part.Range())
		if v.kind == kString && sameFile(v.pieces, pat.file) {
			for _, p := range v.pieces {
				n.pieces = append(n.pieces, piece{start: len(n.str) + p.start, at: p.at, exact: p.exact})
			}
		} else {
			n.pieces = append(n.pieces, piece{start: len(n.str), at: pat})
		}
		n.str += s
	}
	if len(n.pieces) == 0 {
		n.pieces = []piece{{at: at}}
	}
	if len(n.str) > maxFileBytes {
		return nil, errAt(e.Range(), "a string longer than %d bytes", int(maxFileBytes))
	}
	return n, nil
}

func sameFile(ps []piece, file string) bool {
	for _, p := range ps {
		if p.at.file != file {
			return false
		}
	}
	return true
}

// appendLiteral appends a template's literal text, val, written as raw
// at at: runs that stand in raw one for one are exact, and an escape
// (\", $${, a heredoc's stripped indentation) breaks a run.
func (n *node) appendLiteral(val string, raw []byte, at loc, quoted bool) {
	base := len(n.str)
	n.str += val
	i, j := 0, 0
	run := -1 // start in val of the current exact run
	flush := func() { run = -1 }
	for j < len(val) {
		if i >= len(raw) {
			n.pieces = append(n.pieces, piece{start: base + j, at: loc{at.file, at.off + len(raw)}})
			return
		}
		c := raw[i]
		switch {
		case quoted && c == '\\':
			flush()
			w := escapeWidth(raw[i:])
			n.pieces = append(n.pieces, piece{start: base + j, at: loc{at.file, at.off + i}})
			i += w
			j += decodedWidth(raw[i-w : i])
			continue
		case (c == '$' || c == '%') && i+2 < len(raw) && raw[i+1] == c && raw[i+2] == '{':
			flush()
			n.pieces = append(n.pieces, piece{start: base + j, at: loc{at.file, at.off + i}})
			i += 2
			j++
			continue
		case c == val[j]:
			if run < 0 {
				run = j
				n.pieces = append(n.pieces, piece{start: base + j, at: loc{at.file, at.off + i}, exact: true})
			}
			i++
			j++
			continue
		case c == ' ' || c == '\t':
			flush()
			i++
			continue
		}
		n.pieces = append(n.pieces, piece{start: base + j, at: loc{at.file, at.off + i}})
		return
	}
}

// escapeWidth is the length of the escape sequence at the start of b.
func escapeWidth(b []byte) int {
	if len(b) < 2 {
		return len(b)
	}
	switch b[1] {
	case 'u':
		return min(6, len(b))
	case 'U':
		return min(10, len(b))
	}
	return 2
}

// decodedWidth is the length in UTF-8 of what an escape stands for.
func decodedWidth(esc []byte) int {
	if len(esc) > 2 && (esc[1] == 'u' || esc[1] == 'U') {
		var r rune
		fmt.Sscanf(string(esc[2:]), "%x", &r)
		return len(string(r))
	}
	return 1
}

// object evaluates an object constructor; keys are sorted, as Terraform
// orders an object's attributes.
func (sc *scope) object(e *hclsyntax.ObjectConsExpr) (*node, error) {
	type item struct {
		key string
		at  loc
		val *node
	}
	var items []item
	for _, it := range e.Items {
		k, unknown, err := sc.value(it.KeyExpr)
		if err != nil {
			return nil, err
		}
		if unknown {
			return nil, errAt(it.KeyExpr.Range(), "an object key must be known before apply")
		}
		if k, err = convert.Convert(k, cty.String); err != nil || k.IsNull() {
			return nil, errAt(it.KeyExpr.Range(), "an object key must be a string")
		}
		v, err := sc.eval(it.ValueExpr)
		if err != nil {
			return nil, err
		}
		items = append(items, item{k.AsString(), rangeLoc(it.KeyExpr.Range()), v})
	}
	n := &node{kind: kObject, at: rangeLoc(e.Range())}
	sort.SliceStable(items, func(i, j int) bool { return items[i].key < items[j].key })
	for _, it := range items {
		if i := indexOf(n.keys, it.key); i >= 0 {
			n.keyAt[i], n.elems[i] = it.at, it.val
			continue
		}
		n.keys = append(n.keys, it.key)
		n.keyAt = append(n.keyAt, it.at)
		n.elems = append(n.elems, it.val)
	}
	return n, nil
}

// index evaluates coll[key].
func (sc *scope) index(e *hclsyntax.IndexExpr) (*node, error) {
	coll, err := sc.eval(e.Collection)
	if err != nil {
		return nil, err
	}
	key, unknown, err := sc.value(e.Key)
	if err != nil {
		return nil, err
	}
	if name, ok := placeholderName(coll); ok && !unknown {
		return stringNode(sc.placeholder(name+indexText(key)), rangeLoc(e.Range()), false), nil
	}
	if unknown || (coll.kind == kString && hasPlaceholder(coll)) {
		return placeholderNode(sc.address(sc.r.exprText(e)), rangeLoc(e.Range())), nil
	}
	v, err := coll.index(key)
	if err != nil {
		return nil, errAt(e.Key.Range(), "%v", err)
	}
	return v.withVia(rangeLoc(e.Range())), nil
}

// steps applies attribute and index steps to a node; a step into a
// placeholder makes a placeholder named by the whole expression.
func (sc *scope) steps(n *node, tr hcl.Traversal, rng hcl.Range, name func() string) (*node, error) {
	for i, step := range tr {
		if p, ok := placeholderName(n); ok {
			return stringNode(sc.placeholder(p+traversalText(tr[i:])), rangeLoc(rng), false), nil
		}
		if n.kind == kString && hasPlaceholder(n) {
			return placeholderNode(name(), rangeLoc(rng)), nil
		}
		switch s := step.(type) {
		case hcl.TraverseAttr:
			v := n.attr(s.Name)
			if v == nil {
				return nil, errAt(s.SrcRange, "unsupported attribute %q of a %s", s.Name, n.kindName())
			}
			n = v
		case hcl.TraverseIndex:
			v, err := n.index(s.Key)
			if err != nil {
				return nil, errAt(s.SrcRange, "%v", err)
			}
			n = v
		default:
			return nil, errAt(rng, "unsupported traversal")
		}
	}
	return n, nil
}

// hasPlaceholder reports whether a node holds a placeholder.
func hasPlaceholder(n *node) bool {
	switch n.kind {
	case kString:
		return strings.Contains(n.str, "{{")
	case kObject, kTuple, kJSON:
		for _, e := range n.elems {
			if hasPlaceholder(e) {
				return true
			}
		}
	}
	return false
}

// exprText names an expression by its source text, white space
// collapsed and bounded, as a placeholder's name.
func (r *reader) exprText(e hcl.Expression) string {
	rng := e.Range()
	if src := r.files[rng.Filename]; src != nil && rng.End.Byte <= len(src) && rng.Start.Byte <= rng.End.Byte {
		s := strings.Join(strings.Fields(string(src[rng.Start.Byte:rng.End.Byte])), " ")
		s = strings.ReplaceAll(strings.ReplaceAll(s, "{{", "{"), "}}", "}")
		if len(s) > 120 {
			s = s[:117] + "..."
		}
		return s
	}
	return "expression"
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
