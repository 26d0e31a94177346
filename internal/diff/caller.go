package diff

import (
	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// NameCaller rewrites the witnesses of a capped comparison so that they
// name a principal of the account compared: principal (a role session,
// with role its role's ARN, or a user with role ""). A rewritten witness
// is kept only where the evaluator still decides it as the comparison
// found (NEW allows it and OLD does not, or the other way for a
// narrowing); a finding whose decision rests on the caller keeps the
// witness the search found.
func NameCaller(r *Report, old, new Capped, principal, role string) error {
	o, err := scenarioSide(old.scenario())
	if err != nil {
		return err
	}
	n, err := scenarioSide(new.scenario())
	if err != nil {
		return err
	}
	oldSet, newSet := o.set, n.set
	d := NewDecider(Layer(policy.Identity))
	d.whole = true
	rename := func(found []Finding, from, to *evaluator.PolicySet) {
		for i := range found {
			w := found[i].Witness
			w.Principal, w.RoleARN = principal, role
			if d.Prepare(w.Request()) != nil {
				continue // a request the evaluator refuses keeps the witness found
			}
			if ok, _ := d.Allows(from); !ok {
				continue
			}
			if other, _ := d.Allows(to); !other {
				found[i].Witness = w
			}
		}
	}
	rename(r.Widenings, newSet, oldSet)
	rename(r.Narrowings, oldSet, newSet)
	return nil
}
