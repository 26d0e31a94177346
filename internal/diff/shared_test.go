package diff

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestSoundnessShared checks CompareShared against the enumeration and
// against CompareCapped: generated policy pairs shared by three
// principals, each with an identity policy of its own and, for two of
// them, a boundary; the same actions widen and narrow for each principal
// whether the pair is compared once or with each principal's policies.
func TestSoundnessShared(t *testing.T) {
	cat, pairs, r := soundnessRun(t, 100, 19)
	fanned := 0
	for i := 0; i < pairs && !t.Failed(); i++ {
		conds := []string{pick(r, genConditions), pick(r, genConditions)}
		var srcs []string
		gen := func(kind policy.Kind, name string) *policy.Document {
			src := genPolicy(r, policy.Identity, conds)
			d, err := policy.Parse(name, []byte(src), kind)
			if err != nil {
				return nil
			}
			srcs = append(srcs, src)
			return d
		}
		old, new := gen(policy.Identity, "old-shared.json"), gen(policy.Identity, "new-shared.json")
		if old == nil || new == nil {
			continue
		}
		var principals []Shared
		for j := 0; j < 3; j++ {
			own := gen(policy.Identity, fmt.Sprintf("own%d.json", j))
			var boundary *policy.Document
			if j > 0 {
				boundary = gen(policy.Boundary, fmt.Sprintf("boundary%d.json", j))
			}
			if own == nil {
				continue
			}
			principals = append(principals, Shared{
				Old: Capped{Identity: []*policy.Document{own, old}, Boundary: boundary},
				New: Capped{Identity: []*policy.Document{own, new}, Boundary: boundary},
			})
		}
		opts := Options{Narrowings: true, Actions: smallActions}
		reps, err := CompareShared(old, new, principals, opts)
		if err != nil {
			t.Fatal(err)
		}
		alone, err := CompareCapped(Capped{Identity: one(old)}, Capped{Identity: one(new)}, opts)
		if err != nil {
			t.Fatal(err)
		}
		for j, p := range principals {
			if !hasDeny(old) && !hasDeny(new) && len(alone.Possible) == 0 {
				if _, ok, _ := fanOut(alone, p, opts); ok {
					fanned++
				}
			}
			each, err := CompareCapped(p.Old, p.New, opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(actionsOf(each), actionsOf(reps[j])); diff != "" {
				t.Errorf("principal %d: CompareShared and CompareCapped disagree (-capped +shared):\n%s", j, diff)
			}
			o, err := scenarioSide(p.Old.scenario())
			if err != nil {
				t.Fatal(err)
			}
			n, err := scenarioSide(p.New.scenario())
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(srcs, "\n")
			checkReport(t, cat, policy.Identity, true, reps[j], o.set, n.set, enumContexts(all, all), all, "(the same policies)")
		}
	}
	if fanned == 0 {
		t.Errorf("no principal's report was fanned out from the shared policy's")
	}
	t.Logf("%d principals' reports fanned out", fanned)
}

// actionsOf lists the actions a report widens and narrows, whether it
// reports a possible one.
func actionsOf(r *Report) [3][]string {
	var out [3][]string
	for _, f := range r.Widenings {
		out[0] = append(out[0], f.Witness.Action)
	}
	for _, f := range r.Narrowings {
		out[1] = append(out[1], f.Witness.Action)
	}
	if len(r.Possible) > 0 {
		out[2] = []string{"possible"}
	}
	slices.Sort(out[0])
	slices.Sort(out[1])
	return out
}
