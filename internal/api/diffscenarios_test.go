package api

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
)

// TestDiffScenarioLayerRemoved checks that a scenario is compared as a
// whole: a boundary and an endpoint policy that NEW drops widen only what
// the identity policies grant beyond them, and the widening is blamed on
// the policy removed, where it stood in OLD.
func TestDiffScenarioLayerRemoved(t *testing.T) {
	dir := t.TempDir()
	old, new := filepath.Join(dir, "old.yaml"), filepath.Join(dir, "new.yaml")
	const identity = "policies:\n  identity:\n    - {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: [\"s3:GetObject\", \"s3:PutObject\"], Resource: \"*\"}]}\n"
	oldSrc := identity +
		"  boundary: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: \"s3:GetObject\", Resource: \"*\"}]}\n" +
		"  endpoint: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Principal: \"*\", Action: \"s3:*\", Resource: \"*\"}]}\n"
	for path, src := range map[string]string{old: oldSrc, new: identity} {
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Engine{}.Diff(DiffOptions{Old: old, New: new, Narrowings: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pairs) != 1 {
		t.Fatalf("%d pairs, want the scenario as one", len(r.Pairs))
	}
	type finding struct {
		Action  string
		Removed bool
		Layer   evaluator.Layer
		File    string
	}
	var got []finding
	for _, f := range r.Pairs[0].Widenings {
		got = append(got, finding{f.Witness.Action, f.Removed, f.Statement.Layer, f.Statement.Pos.File})
	}
	want := []finding{{"s3:PutObject", true, evaluator.LayerBoundary, old}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if n := len(r.Pairs[0].Narrowings); n != 0 {
		t.Errorf("%d narrowings, want none", n)
	}
}
