package diff

import (
	"sort"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// maxContexts is the most combinations of context values tried for one
// action; beyond it the statements that cover the action are reported as
// possible.
const maxContexts = 4096

// noneResource is a resource no policy names.
const noneResource = "arn:aws:iamsim:us-east-1:" + HomeAccount + ":none"

// universe is the finite set of representative requests of a comparison:
// the action classes, resources, principals and context values built
// from both policies (docs/diff.md).
type universe struct {
	cat   *catalog.Catalog
	kind  policy.Kind
	docs  []*policy.Document
	items []*wildcard.Pattern // every Action and NotAction entry, lower case
	// stmts are the statements of both policies, each with its facts.
	stmts      map[*policy.Statement]*stmtFacts
	classes    []*class
	principals []principal
	keys       map[string]*keyValues
	// reps are each key's representatives (keyValues.values).
	reps map[string][]*evaluator.ContextValue
	// resourceCache holds fitPatterns's answers by the patterns and the
	// ARN format.
	resourceCache map[string][]string
	formats       map[string]catalog.ARNFormat
	// fitting remembers fits's answers.
	fitting map[[2]string]bool
	// twins holds each document's statement keys, for hasTwin.
	twins map[*policy.Document]map[string]bool
}

// stmtFacts are what the universe knows of one statement.
type stmtFacts struct {
	actions []*wildcard.Pattern
	not     bool
	keys    []string // lower-case condition and variable keys
	// patterns are its Resource or NotResource entries, variables
	// replaced by variableToken; reps are strings they match.
	patterns [][]tok
	texts    []string // the entries as written
	reps     []string
	// inexact says why the statement's shape is not represented
	// exactly, or "".
	inexact string
}

// covers reports whether the statement's Action or NotAction covers a
// lower-case action.
func (f *stmtFacts) covers(action string) bool {
	for _, p := range f.actions {
		if p.Match(action) {
			return !f.not
		}
	}
	return f.not
}

// class is a set of actions that no Action or NotAction entry of either
// policy tells apart, of one service, with the same resource types.
type class struct {
	actions []action
	lower   string // the first action, lower case
	// keys are the context keys of the statements that cover it.
	keys []string
	// patterns and reps are the Resource entries of the statements that
	// cover it, and strings they match.
	patterns [][]tok
	reps     []string
	// patternKey names the patterns, for resourceCache.
	patternKey string
}

// action is one action of the universe: a catalog action, or a literal
// the catalog does not know, as written.
type action struct {
	name string
	cat  *catalog.Action
}

// principal is a caller of the universe, with its role for a session.
type principal struct {
	arn, role string
}

// newUniverse builds the universe of the documents of two sides.
func newUniverse(cat *catalog.Catalog, old, new []*policy.Document, opts Options) *universe {
	u := &universe{cat: cat, kind: opts.Kind, stmts: map[*policy.Statement]*stmtFacts{}, keys: map[string]*keyValues{}, formats: map[string]catalog.ARNFormat{}, fitting: map[[2]string]bool{}, resourceCache: map[string][]string{}}
	u.docs = append(append(u.docs, old...), new...)
	principals := map[principal]bool{}
	for _, d := range u.docs {
		for _, st := range d.Statements {
			f := u.readStatement(d, st)
			u.stmts[st] = f
			for _, p := range u.statementPrincipals(st, f) {
				principals[p] = true
			}
		}
	}
	u.principals = u.callers(principals)
	u.classes = u.actionClasses(opts.Actions)
	u.reps = map[string][]*evaluator.ContextValue{}
	for k, kv := range u.keys {
		u.reps[k] = kv.values()
	}
	return u
}

// readStatement records a statement's actions, resources, keys and
// condition values.
func (u *universe) readStatement(d *policy.Document, st *policy.Statement) *stmtFacts {
	f := &stmtFacts{}
	vars := d.HasVariables()
	if st.Action != nil {
		f.not = st.Action.Not
		for _, it := range st.Action.Items {
			p := wildcard.Compile(strings.ToLower(it.Text))
			f.actions = append(f.actions, p)
			u.items = append(u.items, p)
		}
	}
	if st.Resource != nil {
		for _, it := range st.Resource.Items {
			reps, keys := instantiate(it.Text, vars, true)
			f.reps = append(f.reps, reps...)
			f.patterns = append(f.patterns, templateGlob(it.Text, vars))
			f.texts = append(f.texts, it.Text)
			f.keys = append(f.keys, u.variableKeys(keys)...)
		}
	}
	for _, c := range st.Conditions {
		lk := strings.ToLower(c.Key.Text)
		kv := u.key(c.Key.Text)
		keys := kv.addCondition(c, vars)
		f.keys = append(f.keys, lk)
		if len(keys) > 0 && f.inexact == "" {
			f.inexact = "condition " + c.Operator.Text + " on " + c.Key.Text + " compares with a policy variable"
		}
		f.keys = append(f.keys, u.variableKeys(keys)...)
		if ck, ok := u.cat.ConditionKey(c.Key.Text); ok && ck.IsMultiValued() {
			kv.multi = true
		}
	}
	return f
}

// key returns the values of a condition key, made on first use.
func (u *universe) key(name string) *keyValues {
	lk := strings.ToLower(name)
	kv, ok := u.keys[lk]
	if !ok {
		kv = &keyValues{name: name, seen: map[string]bool{}}
		u.keys[lk] = kv
	}
	return kv
}

// variableKeys gives each variable key variableToken among its values,
// and returns the keys in lower case.
func (u *universe) variableKeys(keys []string) []string {
	var out []string
	for _, k := range keys {
		u.key(k).add(variableToken)
		out = append(out, strings.ToLower(k))
	}
	return out
}

// actionClasses lists the actions of the universe, grouped into classes:
// the catalog actions (or only), each an Action entry of either policy
// names, every one for a NotAction, and literal actions the catalog does
// not know, as written.
func (u *universe) actionClasses(only []string) []*class {
	notAction := false
	for _, f := range u.stmts {
		notAction = notAction || f.not
	}
	picked := map[string]action{}
	if notAction || only != nil {
		for _, a := range u.allActions(only) {
			if l := strings.ToLower(a.name); notAction || u.named(l) {
				picked[l] = a
			}
		}
	} else {
		for _, p := range u.items {
			for _, ca := range u.cat.MatchActions(p.String()) {
				picked[strings.ToLower(ca.FullName())] = action{name: ca.FullName(), cat: ca}
			}
		}
	}
	for _, d := range u.docs {
		for _, st := range d.Statements {
			if st.Action == nil {
				continue
			}
			for _, it := range st.Action.Items {
				l := strings.ToLower(it.Text)
				if _, ok := picked[l]; ok || wildcard.HasWildcard(l) {
					continue
				}
				picked[l] = action{name: it.Text}
				if ca, ok := u.cat.Action(l); ok {
					picked[l] = action{name: ca.FullName(), cat: ca}
				}
			}
		}
	}
	names := make([]string, 0, len(picked))
	for l := range picked {
		names = append(names, l)
	}
	sort.Strings(names)
	byKey := map[string]*class{}
	var classes []*class
	for _, l := range names {
		key := u.classKey(l, picked[l])
		c, ok := byKey[key]
		if !ok {
			c = u.newClass(l)
			byKey[key] = c
			classes = append(classes, c)
		}
		c.actions = append(c.actions, picked[l])
	}
	return classes
}

// allActions is the universe's actions before the policies pick: only's,
// or the whole catalog's.
func (u *universe) allActions(only []string) []action {
	var out []action
	if only != nil {
		for _, n := range only {
			a := action{name: n}
			if ca, ok := u.cat.Action(n); ok {
				a = action{name: ca.FullName(), cat: ca}
			}
			out = append(out, a)
		}
		return out
	}
	for _, s := range u.cat.Services() {
		for _, ca := range s.Actions {
			out = append(out, action{name: ca.FullName(), cat: ca})
		}
	}
	return out
}

// named reports whether an Action or NotAction entry matches a
// lower-case action.
func (u *universe) named(l string) bool {
	for _, p := range u.items {
		if p.Match(l) {
			return true
		}
	}
	return false
}

// classKey is what an action shares with the others of its class: its
// service, its resource types, and which entries match it. STS actions
// and kms:RetireGrant, which the evaluator treats apart, are classes of
// their own.
func (u *universe) classKey(l string, a action) string {
	var b strings.Builder
	svc, name, _ := strings.Cut(l, ":")
	b.WriteString(svc)
	b.WriteByte('|')
	if svc == "sts" || l == "kms:retiregrant" {
		b.WriteString(name)
	}
	b.WriteByte('|')
	if a.cat == nil {
		b.WriteString("?" + l)
	} else {
		b.WriteString(resourceTypes(a.cat))
	}
	b.WriteByte('|')
	for _, p := range u.items {
		if p.Match(l) {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}

// resourceTypes names an action's resource types' ARN formats.
func resourceTypes(a *catalog.Action) string {
	var parts []string
	add := func(rs []catalog.ActionResource) {
		for _, r := range rs {
			if r.ResourceType != nil {
				parts = append(parts, r.ResourceType.ARN)
			} else {
				parts = append(parts, "?")
			}
		}
	}
	add(a.Resources)
	for _, sc := range a.Scenarios {
		add(sc.Resources)
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

// newClass starts the class of a lower-case action with what the
// statements that cover it read: context keys and Resource entries.
func (u *universe) newClass(l string) *class {
	c := &class{lower: l}
	keys, pats := map[string]bool{}, map[string]bool{}
	for _, d := range u.docs {
		for _, st := range d.Statements {
			f := u.stmts[st]
			if !f.covers(l) {
				continue
			}
			for _, k := range f.keys {
				if !keys[k] {
					keys[k] = true
					c.keys = append(c.keys, k)
				}
			}
			for i, p := range f.patterns {
				if !pats[f.texts[i]] {
					pats[f.texts[i]] = true
					c.patterns = append(c.patterns, p)
					c.patternKey += f.texts[i] + "\x00"
				}
			}
			c.reps = append(c.reps, f.reps...)
		}
	}
	sort.Strings(c.keys)
	return c
}

// resourcesFor lists the resources to try an action of a class on
// (docs/diff.md, "Resources"): for a trust policy the role it belongs
// to; for an action without resource types "*"; else strings that the
// Resource entries of the statements that cover the class match, alone
// and two by two, each fitted to the ARN format of each of the action's
// resource types (or, for an action the catalog does not know, as they
// are, and "*"), and each format filled in.
func (u *universe) resourcesFor(c *class, a action) []string {
	switch {
	case u.kind == policy.Trust:
		return []string{trustTarget}
	case a.cat == nil:
		out := newSet()
		for _, r := range c.reps {
			out.add(r)
		}
		u.fitPatterns(c, "", out)
		out.add(noneResource)
		out.add("*")
		return out.list
	case len(a.cat.Resources) == 0 && len(a.cat.Scenarios) == 0:
		return []string{"*"}
	}
	out := newSet()
	for _, r := range c.reps {
		if u.actsOn(a.cat, r) {
			out.add(r)
		}
	}
	formats := func(rs []catalog.ActionResource) {
		for _, r := range rs {
			format := ""
			if r.ResourceType != nil {
				format = r.ResourceType.ARN
			}
			u.fitPatterns(c, format, out)
		}
	}
	formats(a.cat.Resources)
	for _, sc := range a.cat.Scenarios {
		formats(sc.Resources)
	}
	// The action's own service's resources first: its witness reads best.
	own := "arn:aws:" + a.cat.Service + ":"
	sort.SliceStable(out.list, func(i, j int) bool {
		return strings.HasPrefix(out.list[i], own) && !strings.HasPrefix(out.list[j], own)
	})
	return out.list
}

// fitPatterns adds to out the strings that the class's Resource entries,
// alone and two by two, match together with an ARN format (any string
// for ""), and the format filled in. They depend only on the entries and
// the format, and are kept in resourceCache.
func (u *universe) fitPatterns(c *class, format string, out *set) {
	key := c.patternKey + "|" + format
	list, ok := u.resourceCache[key]
	if !ok {
		var extra [][]tok
		found := newSet()
		if format != "" {
			extra = [][]tok{formatGlob(format)}
			found.add(instantiateFormat(format))
		}
		fit := func(globs ...[]tok) {
			for _, fill := range []bool{true, false} {
				if s, ok := intersect(append(globs, extra...), fill); ok && (format == "" || u.fits(s, format)) {
					found.add(s)
				}
			}
		}
		for i, p := range c.patterns {
			fit(p)
			for _, q := range c.patterns[i+1:] {
				fit(p, q)
			}
		}
		list = found.list
		u.resourceCache[key] = list
	}
	for _, s := range list {
		out.add(s)
	}
}

// fits reports whether a resource fits an ARN format.
func (u *universe) fits(resource, format string) bool {
	k := [2]string{resource, format}
	if v, ok := u.fitting[k]; ok {
		return v
	}
	f, ok := u.formats[format]
	if !ok {
		f = u.cat.CompileARNFormat(format)
		u.formats[format] = f
	}
	v := catalog.LiteralARN(resource).Fits(f)
	u.fitting[k] = v
	return v
}

// actsOn reports whether an action can act on a resource, by the ARN
// formats of its resource types.
func (u *universe) actsOn(a *catalog.Action, resource string) bool {
	return a.ActsOn(func(format string) bool { return u.fits(resource, format) })
}

// set is an ordered set of strings.
type set struct {
	list []string
	seen map[string]bool
}

func newSet() *set { return &set{seen: map[string]bool{}} }

func (s *set) add(v string) {
	if !s.seen[v] {
		s.seen[v] = true
		s.list = append(s.list, v)
	}
}
