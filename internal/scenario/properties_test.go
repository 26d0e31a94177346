package scenario

import (
	"math/rand/v2"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/policytest"
	"github.com/iamsim/iamsim/policy"
)

// forEachCase calls fn for every request of every corpus scenario.
func forEachCase(t *testing.T, fn func(t *testing.T, s *Scenario, c Case, base evaluator.Decision)) {
	for _, file := range corpusFiles(t) {
		s, set := loadCompiled(t, file)
		for _, c := range s.Requests {
			res, err := set.Evaluate(&c.Request, evaluator.Options{})
			if err != nil {
				t.Fatalf("%s: %v", c.Pos, err)
			}
			fn(t, s, c, res.Decision)
		}
	}
}

func decide(t *testing.T, p evaluator.Policies, s *Scenario, c Case) evaluator.Decision {
	t.Helper()
	set, err := evaluator.Compile(p, s.Organization)
	if err != nil {
		t.Fatal(err)
	}
	res, err := set.Evaluate(&c.Request, evaluator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Decision
}

// TestOrderNeverMatters shuffles the statements of every policy and the
// policies of every list: the decision stays the same (access_policies.md
// "Overview of JSON policies": statements and policies are OR'ed).
func TestOrderNeverMatters(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	forEachCase(t, func(t *testing.T, s *Scenario, c Case, base evaluator.Decision) {
		for range 3 {
			p := policytest.MapDocs(s.Policies, func(d *policy.Document) *policy.Document {
				sts := append([]*policy.Statement(nil), d.Statements...)
				rng.Shuffle(len(sts), func(i, j int) { sts[i], sts[j] = sts[j], sts[i] })
				return policytest.WithStatements(d, sts)
			})
			rng.Shuffle(len(p.Identity), func(i, j int) { p.Identity[i], p.Identity[j] = p.Identity[j], p.Identity[i] })
			for _, l := range append(p.SCPs, p.RCPs...) {
				rng.Shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })
			}
			if got := decide(t, p, s, c); got != base {
				t.Errorf("%s %s: shuffled order gives %s, not %s", c.Pos, c.Name, got, base)
			}
		}
	})
}

// TestRemovingAnAllowNeverGrants removes each Allow statement in turn: a
// request that was not allowed stays not allowed.
func TestRemovingAnAllowNeverGrants(t *testing.T) {
	forEachCase(t, func(t *testing.T, s *Scenario, c Case, base evaluator.Decision) {
		if base == evaluator.Allowed {
			return
		}
		var targets []*policy.Statement
		policytest.MapDocs(s.Policies, func(d *policy.Document) *policy.Document {
			for _, st := range d.Statements {
				if st.Effect == policy.Allow {
					targets = append(targets, st)
				}
			}
			return d
		})
		for _, target := range targets {
			p := policytest.MapDocs(s.Policies, func(d *policy.Document) *policy.Document {
				var sts []*policy.Statement
				for _, st := range d.Statements {
					if st != target {
						sts = append(sts, st)
					}
				}
				return policytest.WithStatements(d, sts)
			})
			if got := decide(t, p, s, c); got == evaluator.Allowed {
				t.Errorf("%s %s: removing the Allow at %s turns %s into allowed", c.Pos, c.Name, target.Pos, base)
			}
		}
	})
}

// TestAddingADenyNeverGrants adds a Deny of the request's action to each
// policy in turn: a request that was not allowed stays not allowed, and
// one that matches the new Deny is denied explicitly.
func TestAddingADenyNeverGrants(t *testing.T) {
	forEachCase(t, func(t *testing.T, s *Scenario, c Case, base evaluator.Decision) {
		deny := func(kind policy.Kind) *policy.Statement {
			src := `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "` + c.Request.Action + `", "Resource": "*"}]}`
			if kind.HasPrincipal() {
				src = `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "` + c.Request.Action + `", "Resource": "*"}]}`
			}
			if kind == policy.Trust {
				src = `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "` + c.Request.Action + `"}]}`
			}
			d, err := policy.Parse("deny.json", []byte(src), kind)
			if err != nil {
				t.Fatal(err)
			}
			return d.Statements[0]
		}
		var docs []*policy.Document
		policytest.MapDocs(s.Policies, func(d *policy.Document) *policy.Document { docs = append(docs, d); return d })
		for _, target := range docs {
			p := policytest.MapDocs(s.Policies, func(d *policy.Document) *policy.Document {
				if d != target {
					return d
				}
				return policytest.WithStatements(d, append(append([]*policy.Statement(nil), d.Statements...), deny(d.Kind)))
			})
			got := decide(t, p, s, c)
			if base != evaluator.Allowed && got == evaluator.Allowed {
				t.Errorf("%s %s: adding a Deny to %s turns %s into allowed", c.Pos, c.Name, target.Name, base)
			}
		}
	})
}
