package api

import (
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestDiffKind checks that a detected kind is said, and a given one is
// not: an answer that rests on a guess says so.
func TestDiffKind(t *testing.T) {
	t.Chdir("../..")
	old, new := "testdata/diff-examples/old.json", "testdata/diff-examples/new.json"
	r, err := Engine{}.Diff(DiffOptions{Old: old, New: new})
	if err != nil {
		t.Fatal(err)
	}
	if p := r.Pairs[0]; p.Kind != policy.Identity || !strings.Contains(p.Detected, "no Principal") {
		t.Errorf("detected: kind %s, %q; want identity, from no Principal", p.Kind, p.Detected)
	}
	scp := policy.SCP
	r, err = Engine{}.Diff(DiffOptions{Old: old, New: new, Kind: &scp})
	if err != nil {
		t.Fatal(err)
	}
	if p := r.Pairs[0]; p.Kind != policy.SCP || p.Detected != "" || r.Widenings() == 0 {
		t.Errorf("given: kind %s, detected %q, %d widenings; want scp, none said, some", p.Kind, p.Detected, r.Widenings())
	}
}
