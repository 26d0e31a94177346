package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// search looks for requests that one side (from) allows and the other
// (to) does not.
type search struct {
	u           *universe
	from, to    side
	d           *Decider
	budget      int
	evaluations int
}

// outcome is how the search of one class ended.
type outcome int

const (
	searched  outcome = iota // every request of the class was tried
	truncated                // too many context combinations
	exhausted                // the budget ran out
)

// run searches every class that an Allow statement of from covers, and
// returns the findings, and the statements it could not settle.
func (s *search) run(narrowing bool) ([]Finding, []Possible) {
	var found []Finding
	why := map[*policy.Statement]string{}
	gave := map[*policy.Statement]bool{}
	for _, c := range s.u.classes {
		covering := s.allows(c.lower)
		if len(covering) == 0 && !(s.d.whole && noPermission[c.lower]) {
			continue
		}
		w, ref, how := s.searchAction(c, c.actions[0])
		if how != searched {
			reason := fmt.Sprintf("more than %d combinations of context values for %s", maxContexts, c.actions[0].name)
			if how == exhausted {
				reason = fmt.Sprintf("the search budget of %d evaluations ran out before %s was searched", s.budget, c.actions[0].name)
			}
			for _, st := range covering {
				if why[st] == "" {
					why[st] = reason
				}
			}
		}
		if w == nil {
			continue
		}
		for _, a := range c.actions {
			f, ok := s.confirm(*w, a)
			if !ok {
				// The class did not stand for a: search it alone.
				aw, aref, _ := s.searchAction(c, a)
				if aw == nil {
					continue
				}
				f = s.finding(*aw, a, aref)
			} else if a.name == c.actions[0].name && !s.d.whole {
				f.Statement = ref
			}
			found = append(found, f)
			gave[s.statementOf(f.Statement)] = true
			if f.Grant != nil {
				gave[s.statementOf(*f.Grant)] = true
			}
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.Statement.Index != b.Statement.Index {
			return a.Statement.Index < b.Statement.Index
		}
		return strings.ToLower(a.Witness.Action) < strings.ToLower(b.Witness.Action)
	})
	return found, s.possible(why, gave, narrowing)
}

// noPermission are the actions AWS allows without a policy's grant
// (evaluator/evaluate.go, noPermissionNeeded): a whole comparison
// searches them even when no grant covers them.
var noPermission = map[string]bool{"sts:getcalleridentity": true, "sts:getsessiontoken": true}

// allows lists the Allow statements of from that cover a lower-case
// action.
func (s *search) allows(l string) []*policy.Statement {
	var out []*policy.Statement
	for _, d := range s.from.grant {
		for _, st := range d.Statements {
			if st.Effect == policy.Allow && s.u.stmts[st].covers(l) {
				out = append(out, st)
			}
		}
	}
	return out
}

// statementOf finds the statement of from a reference names.
func (s *search) statementOf(ref evaluator.StatementRef) *policy.Statement {
	for _, d := range s.from.all {
		if ref.Index >= 0 && ref.Index < len(d.Statements) && d.Statements[ref.Index].Pos == ref.Pos {
			return d.Statements[ref.Index]
		}
	}
	return nil
}

// searchAction tries every request of the universe for one action, and
// returns the first that from allows and to does not, with the statement
// of from that allows it.
func (s *search) searchAction(c *class, a action) (*Witness, evaluator.StatementRef, outcome) {
	values := make([][]*evaluator.ContextValue, len(c.keys))
	combos := 1
	for i, k := range c.keys {
		values[i] = s.u.reps[k]
		combos *= len(values[i])
		if combos > maxContexts {
			combos = maxContexts + 1
		}
	}
	how := searched
	if combos > maxContexts {
		how, combos = truncated, maxContexts
	}
	resources := s.u.resourcesFor(c, a)
	idx := make([]int, len(c.keys))
	for _, p := range s.u.principals {
		for _, r := range resources {
			clear(idx)
			for n := 0; n < combos; n++ {
				if s.evaluations >= s.budget {
					return nil, evaluator.StatementRef{}, exhausted
				}
				w := Witness{Principal: p.arn, RoleARN: p.role, Action: a.name, Resource: r, Context: context(c.keys, values, idx)}
				if ref, ok := s.changed(w); ok {
					w.Context, w.Absent = s.u.spell(w.Context, c.keys)
					return &w, ref, how
				}
				next(idx, values)
			}
		}
	}
	return nil, evaluator.StatementRef{}, how
}

// context builds the context of one combination of key values, its
// keys in lower case (which the evaluator reads fastest).
func context(keys []string, values [][]*evaluator.ContextValue, idx []int) evaluator.Context {
	ctx := make(evaluator.Context, len(keys))
	for i, k := range keys {
		if v := values[i][idx[i]]; v != nil {
			ctx[k] = *v
		}
	}
	return ctx
}

// principalKeys are the keys the evaluator sets from the principal when
// a request leaves them out (docs/evaluation-logic.md): not absent.
var principalKeys = map[string]bool{
	"aws:username": true, "aws:userid": true, "aws:principalarn": true, "aws:principaltype": true,
	"aws:principalaccount": true, "aws:principalisawsservice": true, "aws:principalservicename": true,
}

// spell renames the lower-case keys of a context as the policies first
// wrote them, and lists the keys it leaves out.
func (u *universe) spell(ctx evaluator.Context, keys []string) (evaluator.Context, []string) {
	out := make(evaluator.Context, len(ctx))
	var absent []string
	for _, k := range keys {
		if v, ok := ctx[k]; ok {
			out[u.keys[k].name] = v
		} else if !principalKeys[k] {
			absent = append(absent, u.keys[k].name)
		}
	}
	return out, absent
}

// next advances an odometer over the combinations of values.
func next(idx []int, values [][]*evaluator.ContextValue) {
	for i := range idx {
		idx[i]++
		if idx[i] < len(values[i]) {
			return
		}
		idx[i] = 0
	}
}

// changed decides a witness under both sides: whether from allows it
// and to does not, with the statement of from that allows it. A request
// the evaluator refuses is allowed by neither.
func (s *search) changed(w Witness) (evaluator.StatementRef, bool) {
	s.evaluations++
	if s.d.Prepare(w.Request()) != nil {
		return evaluator.StatementRef{}, false
	}
	ok, ref := s.d.Allows(s.from.set)
	if !ok {
		return evaluator.StatementRef{}, false
	}
	s.evaluations++
	if other, _ := s.d.Allows(s.to.set); other {
		return evaluator.StatementRef{}, false
	}
	return ref, true
}

// confirm re-evaluates a class's witness for another action of it.
func (s *search) confirm(w Witness, a action) (Finding, bool) {
	w.Action = a.name
	ref, ok := s.changed(w)
	if !ok {
		return Finding{}, false
	}
	if a.cat != nil && !s.u.actsOn(a.cat, w.Resource) && w.Resource != "*" {
		return Finding{}, false
	}
	return s.finding(w, a, ref), true
}

// finding is the finding of a witness: with the statement that allows
// it, or in a whole comparison with the changes blame finds.
func (s *search) finding(w Witness, a action, ref evaluator.StatementRef) Finding {
	f := Finding{Witness: w, AccessLevels: levels(a), Cause: Cause{Statement: ref}}
	if s.d.whole {
		s.blame(&f)
	}
	return f
}

// levels are an action's access levels.
func levels(a action) []string {
	if a.cat == nil {
		return nil
	}
	return a.cat.AccessLevels
}

// possible lists the statements the search could not settle: those
// where it stopped (why), and those of a shape it does not represent
// exactly that have no identical twin on the other side: an Allow of
// from that gave no finding, or a Deny of to (whose removal or change
// could widen).
func (s *search) possible(why map[*policy.Statement]string, gave map[*policy.Statement]bool, narrowing bool) []Possible {
	var out []Possible
	add := func(sd side, d *policy.Document, st *policy.Statement, reason string, old bool) {
		r := ref(d, st)
		r.Layer = s.d.layer
		if s.d.whole {
			k := sd.layerOf(d)
			r.Layer, r.Level = k.layer, k.level
		}
		out = append(out, Possible{Statement: r, Old: old, Why: reason, Narrowing: narrowing})
	}
	for _, d := range s.from.all {
		for _, st := range d.Statements {
			reason := why[st]
			if reason == "" && st.Effect == policy.Allow && !gave[st] && !s.u.hasTwin(s.to.all, st) {
				reason = s.u.inexact(st)
			}
			if reason != "" {
				add(s.from, d, st, reason, narrowing)
			}
		}
	}
	for _, d := range s.to.all {
		for _, st := range d.Statements {
			if st.Effect != policy.Deny || s.u.hasTwin(s.from.all, st) {
				continue
			}
			if reason := s.u.inexact(st); reason != "" {
				add(s.to, d, st, reason, !narrowing)
			}
		}
	}
	return out
}

// ref is the reference to a statement of a document, as the evaluator
// gives it.
func ref(d *policy.Document, st *policy.Statement) evaluator.StatementRef {
	return evaluator.StatementRef{Policy: d.Name, Sid: st.Sid.Text, Index: st.Index, Pos: st.Pos, End: st.End, Effect: st.Effect}
}
