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
	cat, pairs, r := soundnessRun(t, 60, 19)
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

// sharedBench builds 125 principals, each with an inline policy of its
// own (two actions on its own prefix) beside one managed policy whose
// new version reads a wider queue pattern, as BenchmarkDiffExportsManaged
// in internal/api has them.
func sharedBench(b *testing.B) (*policy.Document, *policy.Document, []Shared) {
	parse := func(name, src string) *policy.Document {
		d, err := policy.Parse(name, []byte(src), policy.Identity)
		if err != nil {
			b.Fatal(err)
		}
		return d
	}
	managed := func(name, queue string) *policy.Document {
		return parse(name, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"], "Resource": "arn:aws:sqs:us-east-1:111122223333:`+queue+`"}]}`)
	}
	old, new := managed("old.json", "team-3-jobs"), managed("new.json", "team-3-*")
	var principals []Shared
	for i := 0; i < 125; i++ {
		own := parse(fmt.Sprintf("own%d.json", i), fmt.Sprintf(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::data/p%04d/*"}]}`, i))
		principals = append(principals, Shared{Old: Capped{Identity: []*policy.Document{own, old}}, New: Capped{Identity: []*policy.Document{own, new}}})
	}
	return old, new, principals
}

// BenchmarkShared compares one managed policy change shared by 125
// principals: once=true with CompareShared, once=false with CompareCapped
// for each principal.
func BenchmarkShared(b *testing.B) {
	old, new, principals := sharedBench(b)
	for _, once := range []bool{false, true} {
		b.Run(fmt.Sprintf("once=%v", once), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if once {
					if _, err := CompareShared(old, new, principals, Options{}); err != nil {
						b.Fatal(err)
					}
					continue
				}
				for _, p := range principals {
					if _, err := CompareCapped(p.Old, p.New, Options{}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
