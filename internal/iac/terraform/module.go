package terraform

import (
	"path"
	"sort"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// A module is one instance of a module: the root, or a child that a
// module block reads from a local directory.
type module struct {
	r          *reader
	cfg        *config
	prefix     string // the address prefix: "module.net." with its key; "" at the root
	pathModule string // path.module: "." at the root
	depth      int
	dirs       []string // the directories of it and its callers, to refuse a cycle
	inputs     map[string]*node
	locals     map[string]*node
	docs       map[string]*node
	docInst    map[string][]docInstance
	children   map[string][]*module
	childInsts map[string][]instance
	values     map[string]*node // module values, by call name; nil for one not read
	active     map[string]bool
}

// A docInstance is one rendered instance of an aws_iam_policy_document.
type docInstance struct {
	address string
	doc     *node
}

// An instance is one count or for_each instance of a block.
type instance struct {
	key   string // the address's key: "", "[0]", `["a"]`
	count *node
	each  *node
}

func newModule(r *reader, cfg *config, prefix, pathModule string, depth int, dirs []string, inputs map[string]*node) *module {
	return &module{
		r: r, cfg: cfg, prefix: prefix, pathModule: pathModule, depth: depth, dirs: dirs, inputs: inputs,
		locals: map[string]*node{}, docs: map[string]*node{}, docInst: map[string][]docInstance{},
		children: map[string][]*module{}, childInsts: map[string][]instance{}, values: map[string]*node{}, active: map[string]bool{},
	}
}

func (m *module) scope() *scope { return &scope{r: m.r, m: m} }

// enter marks key as being evaluated, refusing a cycle.
func (m *module) enter(key string, rng hcl.Range) error {
	if m.active[key] {
		return errAt(rng, "%s refers to itself", key)
	}
	m.active[key] = true
	return nil
}

// variable returns the value of an input variable: the one given (by a
// module block, -var or a .tfvars file), else its default, else a
// placeholder.
func (m *module) variable(name string, rng hcl.Range) (*node, error) {
	if n, ok := m.inputs[name]; ok {
		return n, nil
	}
	v := m.cfg.variables[name]
	if v == nil && m.r.partial {
		return placeholderNode("var."+name, rangeLoc(rng)), nil
	}
	if v == nil {
		return nil, errAt(rng, "no variable %q is declared", name)
	}
	if err := m.enter("var."+name, rng); err != nil {
		return nil, err
	}
	defer delete(m.active, "var."+name)
	var n *node
	if v.defaults != nil {
		var err error
		if n, err = m.scope().eval(v.defaults); err != nil {
			return nil, err
		}
	} else {
		n = placeholderNode(m.prefix+"var."+name, rangeLoc(v.def))
	}
	m.inputs[name] = n
	return n, nil
}

// local returns the value of a local value.
func (m *module) local(name string, rng hcl.Range) (*node, error) {
	if n, ok := m.locals[name]; ok {
		return n, nil
	}
	a := m.cfg.locals[name]
	if a == nil && m.r.partial {
		return placeholderNode("local."+name, rangeLoc(rng)), nil
	}
	if a == nil {
		return nil, errAt(rng, "no local value %q is declared", name)
	}
	if err := m.enter("local."+name, rng); err != nil {
		return nil, err
	}
	defer delete(m.active, "local."+name)
	n, err := m.scope().eval(a.Expr)
	if err != nil {
		return nil, err
	}
	m.locals[name] = n
	return n, nil
}

// docValue returns the value of an aws_iam_policy_document data source:
// an object with json and minified_json, one per instance.
func (m *module) docValue(name string, rng hcl.Range) (*node, error) {
	if n, ok := m.docs[name]; ok {
		return n, nil
	}
	b := m.cfg.docs[name]
	key := "data.aws_iam_policy_document." + name
	if err := m.enter(key, rng); err != nil {
		return nil, err
	}
	defer delete(m.active, key)
	insts, err := m.instances(m.scope(), b.count, b.forEach)
	if err != nil {
		return nil, err
	}
	var vals []*node
	for _, in := range insts {
		sc := &scope{r: m.r, m: m, count: in.count, each: in.each}
		addr := m.prefix + b.address() + in.key
		doc, err := sc.renderDocument(b, addr)
		if err != nil {
			return nil, err
		}
		m.docInst[name] = append(m.docInst[name], docInstance{address: addr, doc: doc})
		at := rangeLoc(b.def)
		compact := *doc
		compact.indent = false
		vals = append(vals, &node{kind: kObject, at: at,
			keys:  []string{"id", "json", "minified_json"},
			keyAt: []loc{at, at, at},
			elems: []*node{placeholderNode(addr+".id", at), doc, &compact}})
	}
	n := combine(insts, b.count != nil, vals, rangeLoc(b.def))
	m.docs[name] = n
	return n, nil
}

// combine makes the value of a block from its instances' values: the
// value itself, a list by count, an object by for_each.
func combine(insts []instance, byCount bool, vals []*node, at loc) *node {
	if len(insts) == 1 && insts[0].key == "" {
		return vals[0]
	}
	if byCount {
		return &node{kind: kTuple, at: at, elems: vals}
	}
	n := &node{kind: kObject, at: at}
	for i, in := range insts {
		k, _ := strconv.Unquote(in.key[1 : len(in.key)-1])
		n.keys = append(n.keys, k)
		n.keyAt = append(n.keyAt, at)
		n.elems = append(n.elems, vals[i])
	}
	return n
}

// instances evaluates a block's count or for_each. A collection unknown
// until apply gives one instance without a key, whose count.index,
// each.key and each.value are placeholders.
func (m *module) instances(sc *scope, count, forEach hcl.Expression) ([]instance, error) {
	switch {
	case count != nil:
		v, unknown, err := sc.value(count)
		if err != nil {
			return nil, err
		}
		if unknown {
			return []instance{{count: placeholderNode("count.index", rangeLoc(count.Range()))}}, nil
		}
		if v.IsNull() || v.Type() != cty.Number {
			return nil, errAt(count.Range(), "count must be a whole number")
		}
		n, acc := v.AsBigFloat().Int64()
		if acc != 0 || n < 0 {
			return nil, errAt(count.Range(), "count must be a whole number, not %s", v.AsBigFloat().Text('f', -1))
		}
		if n > maxInstances {
			return nil, errAt(count.Range(), "count is %d, more than the %d instances iamsim reads", n, maxInstances)
		}
		insts := make([]instance, n)
		for i := range insts {
			s := strconv.Itoa(i)
			insts[i] = instance{key: "[" + s + "]", count: &node{kind: kNumber, at: rangeLoc(count.Range()), lit: s}}
		}
		return insts, nil
	case forEach != nil:
		n, err := sc.eval(forEach)
		if err != nil {
			return nil, err
		}
		at := rangeLoc(forEach.Range())
		var keys []string
		var vals []*node
		switch n.kind {
		case kObject:
			keys, vals = n.keys, n.elems
		case kTuple:
			for _, e := range n.elems {
				s, ok := e.text()
				if !ok || e.kind != kString {
					return nil, errAt(forEach.Range(), "for_each must be a map or a set of strings")
				}
				keys, vals = append(keys, s), append(vals, e)
			}
		case kString:
			if hasPlaceholder(n) {
				each := &node{kind: kObject, at: at, keys: []string{"key", "value"}, keyAt: []loc{at, at},
					elems: []*node{placeholderNode("each.key", at), placeholderNode("each.value", at)}}
				return []instance{{each: each}}, nil
			}
			return nil, errAt(forEach.Range(), "for_each must be a map or a set of strings")
		default:
			return nil, errAt(forEach.Range(), "for_each must be a map or a set of strings")
		}
		if len(keys) > maxInstances {
			return nil, errAt(forEach.Range(), "for_each has %d elements, more than the %d instances iamsim reads", len(keys), maxInstances)
		}
		idx := make([]int, len(keys))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return keys[idx[a]] < keys[idx[b]] })
		var insts []instance
		for _, i := range idx {
			if len(insts) > 0 && insts[len(insts)-1].key == "["+strconv.Quote(keys[i])+"]" {
				continue
			}
			each := &node{kind: kObject, at: at, keys: []string{"key", "value"}, keyAt: []loc{at, at},
				elems: []*node{stringNode(keys[i], at, false), vals[i]}}
			insts = append(insts, instance{key: "[" + strconv.Quote(keys[i]) + "]", each: each})
		}
		return insts, nil
	}
	return []instance{{}}, nil
}

// moduleValue returns the value of a module call: its outputs, one
// object per instance; nil for a module that is not read here.
func (m *module) moduleValue(name string, rng hcl.Range) (*node, error) {
	if n, ok := m.values[name]; ok {
		return n, nil
	}
	call := m.cfg.calls[name]
	if call == nil && m.r.partial {
		return nil, nil
	}
	if call == nil {
		return nil, errAt(rng, "no module %q is declared", name)
	}
	key := "module." + name
	if err := m.enter(key, rng); err != nil {
		return nil, err
	}
	defer delete(m.active, key)
	kids, insts, err := m.child(call)
	if err != nil || kids == nil {
		m.values[name] = nil
		return nil, err
	}
	var vals []*node
	for _, k := range kids {
		out := &node{kind: kObject, at: rangeLoc(call.def)}
		for _, o := range sortedKeys(k.cfg.outputs) {
			a := k.cfg.outputs[o]
			v, err := k.scope().eval(a.Expr)
			if err != nil {
				return nil, err
			}
			out.keys = append(out.keys, o)
			out.keyAt = append(out.keyAt, rangeLoc(a.NameRange))
			out.elems = append(out.elems, v)
		}
		vals = append(vals, out)
	}
	if len(vals) == 0 {
		m.values[name] = &node{kind: kTuple, at: rangeLoc(call.def)}
		return m.values[name], nil
	}
	n := combine(insts, call.count != nil, vals, rangeLoc(call.def))
	m.values[name] = n
	return n, nil
}

// child reads the instances of a module call from its local directory;
// nil for a module from elsewhere (a registry, git), which is not read.
func (m *module) child(call *moduleCall) ([]*module, []instance, error) {
	if !isLocalSource(call.source) {
		return nil, nil, nil
	}
	if kids, ok := m.children[call.name]; ok {
		return kids, m.childInsts[call.name], nil
	}
	m.children[call.name] = nil
	if m.depth+1 > maxModuleDepth {
		return nil, nil, errAt(call.def, "modules nested more than %d deep", maxModuleDepth)
	}
	dir := modulePath(m.cfg.dir, call.source)
	for _, d := range m.dirs {
		if d == dir {
			return nil, nil, errAt(call.def, "module %q calls itself: %s is already being read", call.name, call.source)
		}
	}
	cfg, err := m.r.config(dir)
	if err != nil {
		return nil, nil, errAt(call.def, "module %q: %v", call.name, err)
	}
	sc := m.scope()
	insts, err := m.instances(sc, call.count, call.forEach)
	if err != nil {
		return nil, nil, err
	}
	var kids []*module
	for _, in := range insts {
		if m.r.modules++; m.r.modules > maxModules {
			return nil, nil, errAt(call.def, "more than %d module instances", maxModules)
		}
		isc := &scope{r: m.r, m: m, count: in.count, each: in.each}
		inputs := map[string]*node{}
		for name, a := range call.body.Attributes {
			switch name {
			case "source", "version", "providers", "count", "for_each", "depends_on":
				continue
			}
			v, err := isc.eval(a.Expr)
			if err != nil {
				return nil, nil, err
			}
			inputs[name] = v
		}
		prefix := m.prefix + "module." + call.name + in.key + "."
		kid := newModule(m.r, cfg, prefix, path.Clean(path.Join(m.pathModule, call.source)), m.depth+1, append(append([]string(nil), m.dirs...), dir), inputs)
		kids = append(kids, kid)
	}
	m.children[call.name] = kids
	m.childInsts[call.name] = insts
	return kids, insts, nil
}
