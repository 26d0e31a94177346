package diff

import (
	"slices"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// inexact says why the universe does not stand exactly for a statement's
// requests, or "": a shape of its own (a CanonicalUser principal, a
// condition comparing with a policy variable) or of a key it reads.
func (u *universe) inexact(st *policy.Statement) string {
	f := u.stmts[st]
	if f.inexact != "" {
		return f.inexact
	}
	for _, k := range f.keys {
		if kv := u.keys[k]; kv.inexact != "" {
			return kv.inexact + " (" + kv.name + ")"
		}
	}
	return ""
}

// hasTwin reports whether a document of a side has a statement that says
// the same as st: same effect, principal, actions, resources and
// conditions, in any order and, where AWS ignores it, any case.
func (u *universe) hasTwin(side []*policy.Document, st *policy.Statement) bool {
	if u.twins == nil {
		u.twins = map[*policy.Document]map[string]bool{}
		for _, doc := range u.docs {
			keys := map[string]bool{}
			for _, o := range doc.Statements {
				keys[statementKey(o)] = true
			}
			u.twins[doc] = keys
		}
	}
	key := statementKey(st)
	for _, d := range side {
		if u.twins[d][key] {
			return true
		}
	}
	return false
}

// statementKey writes a statement's meaning as a string, its lists
// sorted.
func statementKey(st *policy.Statement) string {
	var b strings.Builder
	b.WriteString(st.Effect.String())
	list := func(name string, l *policy.List, fold bool) {
		if l == nil {
			return
		}
		var items []string
		for _, it := range l.Items {
			t := it.Text
			if fold {
				t = strings.ToLower(t)
			}
			items = append(items, t)
		}
		slices.Sort(items)
		b.WriteString("|" + name)
		if l.Not {
			b.WriteString("!")
		}
		b.WriteString(strings.Join(items, ","))
	}
	list("A", st.Action, true)
	list("R", st.Resource, false)
	if p := st.Principal; p != nil {
		var items []string
		for _, e := range p.Entries {
			items = append(items, string(e.Type)+"="+e.Text)
		}
		slices.Sort(items)
		b.WriteString("|P")
		if p.Not {
			b.WriteString("!")
		}
		if p.Any {
			b.WriteString("*")
		}
		b.WriteString(strings.Join(items, ","))
	}
	var conds []string
	for _, c := range st.Conditions {
		var vals []string
		for _, v := range c.Values {
			vals = append(vals, v.Text)
		}
		slices.Sort(vals)
		conds = append(conds, c.Operator.Text+"/"+strings.ToLower(c.Key.Text)+"="+strings.Join(vals, ","))
	}
	slices.Sort(conds)
	b.WriteString("|C" + strings.Join(conds, ";"))
	return b.String()
}

// Fingerprint writes what a set of policies says, without where: two
// sets with one fingerprint allow and deny the same requests, so a
// comparison of them can be skipped. Statement order and repeats do not
// count; each statement's policy Version does.
func Fingerprint(docs []*policy.Document) string {
	keys := map[string]bool{}
	for _, d := range unique(docs) {
		for _, st := range d.Statements {
			keys[d.Version.Text+"\x01"+statementKey(st)] = true
		}
	}
	out := make([]string, 0, len(keys))
	for k := range keys {
		out = append(out, k)
	}
	slices.Sort(out)
	return strings.Join(out, "\x00")
}
