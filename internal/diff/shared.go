package diff

import "github.com/iamsim/iamsim/policy"

// Shared is one principal of a shared change: its identity policies
// and boundary on each side, which differ only in the one policy that
// changed.
type Shared struct {
	Old, New Capped
}

// CompareShared compares, for principals whose policies differ only in
// one policy that changed from old to new (a customer managed policy
// attached to each), what each principal's policies allow within its
// boundary: the reports CompareCapped gives for each, in order, with the
// changed policy searched once.
//
// The policy is compared alone first. When neither version has a Deny
// statement, a request that a principal's policies allow under NEW and
// not under OLD is one that new allows and old does not, alone: the
// principal's other policies and boundary are the same on both sides,
// so they neither deny it (NEW allows it) nor grant it (OLD does not).
// So the principal's widenings are among the policy's, action by
// action, and each of the policy's witnesses is decided again with the
// principal's policies: confirmed, it is the principal's, with its
// causes. The same holds for narrowings. A principal for whom a witness
// is not confirmed (another of its policies already grants it, or its
// boundary stops it), and every principal when the policy has a Deny
// statement or the comparison alone reports a possible widening, is
// compared on its own with CompareCapped.
func CompareShared(old, new *policy.Document, principals []Shared, opts Options) ([]*Report, error) {
	out := make([]*Report, len(principals))
	var alone *Report
	if !hasDeny(old) && !hasDeny(new) {
		var err error
		alone, err = CompareCapped(Capped{Identity: one(old)}, Capped{Identity: one(new)}, opts)
		if err != nil {
			return nil, err
		}
		if len(alone.Possible) > 0 {
			alone = nil
		}
	}
	for i, p := range principals {
		if alone != nil {
			r, ok, err := fanOut(alone, p, opts)
			if err != nil {
				return nil, err
			}
			if ok {
				out[i] = r
				continue
			}
		}
		r, err := CompareCapped(p.Old, p.New, opts)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

// hasDeny reports whether a policy has a Deny statement.
func hasDeny(d *policy.Document) bool {
	if d == nil {
		return false
	}
	for _, st := range d.Statements {
		if st.Effect == policy.Deny {
			return true
		}
	}
	return false
}

// fanOut decides the findings of a policy compared alone with one
// principal's policies, and returns the principal's report; false when
// a finding is not confirmed.
func fanOut(alone *Report, p Shared, opts Options) (*Report, bool, error) {
	o, err := scenarioSide(p.Old.scenario())
	if err != nil {
		return nil, false, err
	}
	n, err := scenarioSide(p.New.scenario())
	if err != nil {
		return nil, false, err
	}
	u := &universe{docs: append(append([]*policy.Document{}, o.all...), n.all...)}
	d := NewDecider(Layer(policy.Identity))
	d.whole = true
	r := &Report{Kind: policy.Identity, Evaluations: alone.Evaluations}
	confirm := func(found []Finding, from, to side) ([]Finding, bool) {
		s := &search{u: u, from: from, to: to, d: d}
		var out []Finding
		for _, f := range found {
			if _, ok := s.changed(f.Witness); !ok {
				r.Evaluations += s.evaluations
				return nil, false
			}
			g := Finding{Witness: f.Witness, AccessLevels: f.AccessLevels}
			s.blame(&g)
			out = append(out, g)
		}
		r.Evaluations += s.evaluations
		return out, true
	}
	var ok bool
	if r.Widenings, ok = confirm(alone.Widenings, n, o); !ok {
		return nil, false, nil
	}
	if opts.Narrowings {
		if r.Narrowings, ok = confirm(alone.Narrowings, o, n); !ok {
			return nil, false, nil
		}
	}
	r.Changes = append(changes(r.Widenings, false), changes(r.Narrowings, true)...)
	return r, true, nil
}
