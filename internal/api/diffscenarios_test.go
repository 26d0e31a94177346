package api

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestDiffScenarioLayerRemoved checks that a boundary and an endpoint
// policy that NEW drops stand as policies that allow everything: their
// removal widens, it does not narrow.
func TestDiffScenarioLayerRemoved(t *testing.T) {
	dir := t.TempDir()
	old, new := filepath.Join(dir, "old.yaml"), filepath.Join(dir, "new.yaml")
	const identity = "policies:\n  identity:\n    - {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: \"s3:GetObject\", Resource: \"*\"}]}\n"
	oldSrc := identity +
		"  boundary: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: \"s3:GetObject\", Resource: \"*\"}]}\n" +
		"  endpoint: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Principal: \"*\", Action: \"s3:GetObject\", Resource: \"*\"}]}\n"
	for path, src := range map[string]string{old: oldSrc, new: identity} {
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Engine{}.Diff(DiffOptions{Old: old, New: new, Narrowings: true})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[policy.Kind]bool{}
	for _, p := range r.Pairs {
		kinds[p.Kind] = true
		switch p.Kind {
		case policy.Identity:
			if len(p.Widenings)+len(p.Narrowings) != 0 {
				t.Errorf("identity policies unchanged, yet %d widenings and %d narrowings", len(p.Widenings), len(p.Narrowings))
			}
		default:
			if len(p.Widenings) == 0 || len(p.Narrowings) != 0 {
				t.Errorf("%s removed: %d widenings, %d narrowings; want some and none", p.Subject, len(p.Widenings), len(p.Narrowings))
			} else if w := p.Widenings[0]; w.Statement.Policy != unlimitedName {
				t.Errorf("%s removed: widening by %q, want %q", p.Subject, w.Statement.Policy, unlimitedName)
			}
		}
	}
	if len(r.Pairs) != 3 || !kinds[policy.Boundary] || !kinds[policy.Endpoint] {
		t.Errorf("compared %d layers (%v), want identity, boundary and endpoint", len(r.Pairs), kinds)
	}
}
