package api

import (
	"slices"
	"testing"

	"github.com/iamsim/iamsim/internal/diffcorpus"
)

// TestDiffCorpus runs Diff on every pair of testdata/diff (two policies
// of the case's kind, or two scenario files compared as a whole) and checks
// what its expect.yaml says: whether NEW widens and narrows, whether the
// case is one an exact analysis cannot settle (a possible widening), and
// the actions that must and must not be among the widenings.
func TestDiffCorpus(t *testing.T) {
	t.Chdir("../..")
	cases, err := diffcorpus.Load("testdata/diff")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			opts := DiffOptions{Old: c.Old, New: c.New, Narrowings: true}
			if !c.Expect.Scenario {
				kind := c.Kind
				opts.Kind = &kind
			}
			r, err := Engine{}.Diff(opts)
			if err != nil {
				t.Fatal(err)
			}
			p := r.Pairs[0]
			var widened []string
			for _, f := range p.Widenings {
				widened = append(widened, f.Witness.Action)
			}
			possible := r.PossibleWidenings() > 0
			if got := len(p.Widenings) > 0; got != c.Expect.Widens && !(c.Expect.Widens && possible) {
				t.Errorf("widens %v, want %v (widened %v)", got, c.Expect.Widens, widened)
			}
			if got := len(p.Narrowings) > 0; got != c.Expect.Narrows {
				t.Errorf("narrows %v, want %v", got, c.Expect.Narrows)
			}
			if possible != c.Expect.Possible {
				t.Errorf("possible widening %v, want %v: %v", possible, c.Expect.Possible, p.Possible)
			}
			for _, a := range c.Expect.Widened {
				if !slices.Contains(widened, a) {
					t.Errorf("%s is not among the widenings %v", a, widened)
				}
			}
			for _, a := range c.Expect.NotWidened {
				if slices.Contains(widened, a) {
					t.Errorf("%s is among the widenings", a)
				}
			}
			if t.Failed() {
				t.Logf("why: %s", c.Expect.Why)
			}
		})
	}
}
