package diff

import (
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// The requests the soundness test enumerates: every principal, resource
// and value below, beside the actions of smallActions. Each list holds
// the values the generator's policies name and values in every cell
// between them; a fresh value (one no policy names) is any string, and
// the test uses the ones Compare fills patterns with.
var (
	enumPrincipals = []principal{
		{arn: homeUser},
		{arn: "arn:aws:iam::111122223333:root"},
		{arn: "arn:aws:iam::444455556666:role/r1"},
		{arn: "arn:aws:sts::444455556666:assumed-role/r1/s", role: "arn:aws:iam::444455556666:role/r1"},
		{arn: "arn:aws:iam::444455556666:user/bob"},
		{arn: "*"},
		{arn: "s3.amazonaws.com"},
	}
	enumResources = []string{
		"*", "arn:aws:s3:::b1/k1", "arn:aws:s3:::b1/k2", "arn:aws:s3:::b2/k1", "arn:aws:s3:::bq/k1", "arn:aws:s3:::b1x1/k1",
		"arn:aws:s3:::b1", "arn:aws:s3:::b2", "arn:aws:s3:::b1x1", "arn:aws:s3:::bq",
		"arn:aws:iam::111122223333:role/r1", "arn:aws:iam::111122223333:role/r2", noneResource,
		"arn:aws:s3:::x/x", "arn:aws:s3:::x", "arn:aws:iam::111122223333:role/x",
	}
	enumValues = map[string][]string{
		"aws:SourceIp":               {"10.0.0.0", "10.1.0.0", "10.2.0.0", "9.255.255.255", "11.0.0.0", otherIPv6},
		"aws:RequestTag/team":        {"a", "A", "ax1", "b", "bx1", "BX1", otherString},
		"aws:MultiFactorAuthPresent": {"true", "false"},
		"s3:max-keys":                {"4", "5", "7", "10", "11"},
		"aws:CurrentTime":            {"2023-01-01T00:00:00Z", "2023-06-01T00:00:00Z", "2023-09-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-06-01T00:00:00Z"},
		"aws:SourceArn":              {"arn:aws:s3:::b1", "arn:aws:s3:::b1x1", "arn:aws:s3:::b2", otherARN},
		"aws:TagKeys":                {"a", "b", "bx1", otherString},
	}
)

// enumContexts lists every context over the keys the policies mention:
// each key absent or holding each value (every set of values for
// aws:TagKeys).
func enumContexts(srcs ...string) []evaluator.Context {
	ctxs := []evaluator.Context{{}}
	keys := make([]string, 0, len(enumValues))
	for k := range enumValues {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !strings.Contains(srcs[0], `"`+k+`"`) && !strings.Contains(srcs[1], `"`+k+`"`) {
			continue
		}
		var vals []*evaluator.ContextValue
		vals = append(vals, nil)
		vs := enumValues[k]
		for _, v := range vs {
			vals = append(vals, &evaluator.ContextValue{Values: []string{v}})
		}
		if k == "aws:TagKeys" {
			for mask := 0; mask < 1<<len(vs); mask++ {
				set := []string{}
				for i, v := range vs {
					if mask&(1<<i) != 0 {
						set = append(set, v)
					}
				}
				vals = append(vals, &evaluator.ContextValue{Values: set, Multi: true})
			}
		}
		var next []evaluator.Context
		for _, c := range ctxs {
			for _, v := range vals {
				n := evaluator.Context{}
				for kk, vv := range c {
					n[kk] = vv
				}
				if v != nil {
					n[strings.ToLower(k)] = *v // as Compare does, for speed
				}
				next = append(next, n)
			}
		}
		ctxs = next
	}
	return ctxs
}

// enumChanged returns the actions of the universe for which some request
// is allowed by from and not by to; whole decides with the evaluator's
// decision on the whole set (callers then are scenarioPrincipals).
func enumChanged(t testing.TB, cat *catalog.Catalog, kind policy.Kind, whole bool, from, to *evaluator.PolicySet, ctxs []evaluator.Context) []string {
	principals := enumPrincipals[:1]
	switch {
	case whole:
		principals = scenarioPrincipals
	case kind == policy.Resource:
		principals = enumPrincipals
	}
	d := NewDecider(Layer(kind))
	d.whole = whole
	var out []string
	for _, a := range smallActions {
		found := false
		for _, p := range principals {
			for _, r := range enumResources {
				if found || !actsOn(cat, a, r) {
					continue
				}
				for _, c := range ctxs {
					req := &evaluator.Request{Principal: p.arn, RoleARN: p.role, Action: a, Resource: r, ResourceAccount: HomeAccount, Context: c}
					if err := d.Prepare(req); err != nil {
						t.Fatal(err)
					}
					if ok, _ := d.Allows(from); ok {
						if other, _ := d.Allows(to); !other {
							found = true
							break
						}
					}
				}
			}
		}
		if found {
			out = append(out, a)
		}
	}
	return out
}

// checkPair compares one generated pair with Compare and with the
// enumeration, both ways, and reports every disagreement.
func checkPair(t testing.TB, cat *catalog.Catalog, kind policy.Kind, oldSrc, newSrc string) {
	checkSets(t, cat, kind, []string{oldSrc}, []string{newSrc})
}

// checkSets is checkPair for two sets of policies that one layer
// evaluates together, compared with CompareSets.
func checkSets(t testing.TB, cat *catalog.Catalog, kind policy.Kind, oldSrcs, newSrcs []string) {
	parse := func(side string, srcs []string) ([]*policy.Document, bool) {
		var docs []*policy.Document
		for i, src := range srcs {
			d, err := policy.Parse(fmt.Sprintf("%s%d.json", side, i), []byte(src), kind)
			if err != nil {
				return nil, false // the generator wrote a policy the kind forbids
			}
			docs = append(docs, d)
		}
		return docs, true
	}
	old, ok := parse("old", oldSrcs)
	if !ok {
		return
	}
	new, ok := parse("new", newSrcs)
	if !ok {
		return
	}
	rep, err := CompareSets(old, new, Options{Kind: kind, Narrowings: true, Actions: smallActions})
	if err != nil {
		t.Fatal(err)
	}
	oldSet, _ := CompileSet(old, kind)
	newSet, _ := CompileSet(new, kind)
	oldSrc, newSrc := strings.Join(oldSrcs, "\n"), strings.Join(newSrcs, "\n")
	ctxs := enumContexts(oldSrc, newSrc)
	checkReport(t, cat, kind, false, rep, oldSet, newSet, ctxs, oldSrc, newSrc)
}

// checkReport checks a comparison's report both ways against the
// enumeration: every witness is decided again under both sides, and the
// actions found are those the enumeration finds (or fewer, when a
// possible one is reported). whole decides with the evaluator's decision
// on each side's policies together, as CompareScenarios does.
func checkReport(t testing.TB, cat *catalog.Catalog, kind policy.Kind, whole bool, rep *Report, oldSet, newSet *evaluator.PolicySet, ctxs []evaluator.Context, oldSrc, newSrc string) {
	allows := func(set *evaluator.PolicySet, req *evaluator.Request) bool {
		if whole {
			return allowsWhole(set, req)
		}
		return allowsAlone(set, Layer(kind), req)
	}
	dir := func(name string, found []Finding, narrowing bool, from, to *evaluator.PolicySet) {
		for _, f := range found {
			ok, other := allows(from, f.Witness.Request()), allows(to, f.Witness.Request())
			if !ok || other {
				t.Errorf("%s witness %+v does not re-evaluate (from %v, to %v)\nold: %s\nnew: %s", name, f.Witness, ok, other, oldSrc, newSrc)
			}
		}
		possible := false
		for _, p := range rep.Possible {
			possible = possible || p.Narrowing == narrowing
		}
		want := enumChanged(t, cat, kind, whole, from, to, ctxs)
		var got []string
		for _, f := range found {
			if slices.Contains(smallActions, f.Witness.Action) {
				got = append(got, f.Witness.Action)
			}
		}
		sort.Strings(want)
		sort.Strings(got)
		if possible && len(got) <= len(want) {
			return
		}
		if !slices.Equal(want, got) {
			t.Errorf("%s of %s policies: enumeration finds %v, diff %v (possible: %v)\nold: %s\nnew: %s\nreport: %s", name, kind, want, got, rep.Possible, oldSrc, newSrc, describe(found))
		}
	}
	dir("widening", rep.Widenings, false, newSet, oldSet)
	dir("narrowing", rep.Narrowings, true, oldSet, newSet)
}

// actsOnMemo remembers actsOn's answers for the universe's actions and
// resources.
var actsOnMemo = map[[2]string]bool{}

// actsOn reports whether an action can act on a resource, as Compare
// reads the catalog: "*" for an action without resource types, a
// resource that fits the ARN format of one of its resource types
// otherwise. The enumeration skips the other requests, as Compare does.
func actsOn(cat *catalog.Catalog, name, resource string) bool {
	k := [2]string{name, resource}
	v, ok := actsOnMemo[k]
	if !ok {
		a, _ := cat.Action(name)
		if len(a.Resources) == 0 && len(a.Scenarios) == 0 {
			v = resource == "*"
		} else {
			u := &universe{cat: cat, formats: map[string]catalog.ARNFormat{}, fitting: map[[2]string]bool{}}
			v = u.actsOn(a, resource)
		}
		actsOnMemo[k] = v
	}
	return v
}

// allowsAlone decides a request afresh, without a Decider: whether the
// set's layer allows it.
func allowsAlone(set *evaluator.PolicySet, l evaluator.Layer, req *evaluator.Request) bool {
	res, err := set.Evaluate(req, evaluator.Options{})
	return err == nil && res.Verdict(l) == evaluator.Allows
}

func describe(found []Finding) string {
	var b strings.Builder
	for _, f := range found {
		fmt.Fprintf(&b, "\n  %+v", f.Witness)
	}
	return b.String()
}

// soundnessRun loads the catalog and returns it, the number of pairs a
// soundness test checks (a tenth with -short) and its random source.
func soundnessRun(t *testing.T, pairs int, seed int64) (*catalog.Catalog, int, randChooser) {
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		pairs /= 10
	}
	return cat, pairs, randChooser{rand.New(rand.NewSource(seed))}
}

// TestSoundness checks Compare against the enumeration of every request
// of a small universe, on generated policy pairs (docs/diff.md,
// "How it is tested").
func TestSoundness(t *testing.T) {
	cat, pairs, r := soundnessRun(t, 2000, 15)
	for i := 0; i < pairs && !t.Failed(); i++ {
		kind, oldSrc, newSrc := genPair(r)
		checkPair(t, cat, kind, oldSrc, newSrc)
	}
}

// TestSoundnessSets checks CompareSets against the enumeration on sets
// of two identity-based policies, as a principal has them, and of two
// SCPs of one level.
func TestSoundnessSets(t *testing.T) {
	cat, pairs, r := soundnessRun(t, 600, 16)
	for i := 0; i < pairs && !t.Failed(); i++ {
		kind := policy.Identity
		if i%3 == 2 {
			kind = policy.SCP
		}
		conds := []string{pick(r, genConditions), pick(r, genConditions)}
		gen := func() string { return genPolicy(r, kind, conds) }
		checkSets(t, cat, kind, []string{gen(), gen()}, []string{gen(), gen()})
	}
}

// FuzzDiff is TestSoundness on pairs the fuzzer's bytes choose.
func FuzzDiff(f *testing.F) {
	cat, err := catalog.Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{1, 7, 7, 0, 3, 1, 9, 2, 2, 5, 1, 0, 4})
	f.Add([]byte{2, 0, 3, 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5})
	f.Fuzz(func(t *testing.T, b []byte) {
		kind, oldSrc, newSrc := genPair(&byteChooser{b})
		checkPair(t, cat, kind, oldSrc, newSrc)
	})
}
