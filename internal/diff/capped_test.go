package diff

import (
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// allowsWhole decides a request afresh, without a Decider: whether the
// evaluator's decision on the whole set is Allowed.
func allowsWhole(set *evaluator.PolicySet, req *evaluator.Request) bool {
	res, err := set.Evaluate(req, evaluator.Options{})
	return err == nil && res.Decision == evaluator.Allowed
}

// checkCapped compares two generated principals (identity policies and
// an optional boundary) with CompareCapped and with the enumeration.
func checkCapped(t testing.TB, cat *catalog.Catalog, oldSrcs, newSrcs []string, oldB, newB string) {
	parse := func(name, src string, kind policy.Kind) (*policy.Document, bool) {
		if src == "" {
			return nil, true
		}
		d, err := policy.Parse(name, []byte(src), kind)
		return d, err == nil
	}
	side := func(name string, srcs []string, b string) (Capped, bool) {
		var c Capped
		for i, src := range srcs {
			d, ok := parse(name+string(rune('0'+i))+".json", src, policy.Identity)
			if !ok {
				return c, false
			}
			c.Identity = append(c.Identity, d)
		}
		var ok bool
		c.Boundary, ok = parse(name+"-boundary.json", b, policy.Boundary)
		return c, ok
	}
	old, ok1 := side("old", oldSrcs, oldB)
	new, ok2 := side("new", newSrcs, newB)
	if !ok1 || !ok2 {
		return
	}
	rep, err := CompareCapped(old, new, Options{Narrowings: true, Actions: smallActions})
	if err != nil {
		t.Fatal(err)
	}
	o, err := scenarioSide(old.scenario())
	if err != nil {
		t.Fatal(err)
	}
	n, err := scenarioSide(new.scenario())
	if err != nil {
		t.Fatal(err)
	}
	oldSet, newSet := o.set, n.set
	oldSrc := strings.Join(append(append([]string{}, oldSrcs...), "boundary: "+oldB), "\n")
	newSrc := strings.Join(append(append([]string{}, newSrcs...), "boundary: "+newB), "\n")
	checkReport(t, cat, policy.Identity, true, rep, oldSet, newSet, enumContexts(oldSrc, newSrc), oldSrc, newSrc)
}

// TestSoundnessCapped checks CompareCapped against the enumeration on
// generated principals: two identity policies each, and a boundary on
// one side, both or neither.
func TestSoundnessCapped(t *testing.T) {
	cat, pairs, r := soundnessRun(t, 600, 17)
	for i := 0; i < pairs && !t.Failed(); i++ {
		conds := []string{pick(r, genConditions), pick(r, genConditions)}
		gen := func() string { return genPolicy(r, policy.Identity, conds) }
		oldB, newB := "", ""
		if i%4 != 0 {
			oldB = gen()
		}
		if i%4 != 1 {
			newB = gen()
		}
		checkCapped(t, cat, []string{gen(), gen()}, []string{gen(), gen()}, oldB, newB)
	}
}
