package adoption

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestActionDefinition checks action.yml's metadata: a composite action
// whose inputs and outputs are described, whose outputs name steps that set
// them, and whose uses: steps are the actions and versions meant.
func TestActionDefinition(t *testing.T) {
	a := loadAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	if a.Name == "" || a.Description == "" || a.Branding.Icon == "" || a.Branding.Color == "" {
		t.Errorf("name %q, description %q, branding %+v: want all set (the Marketplace shows them)", a.Name, a.Description, a.Branding)
	}
	for name, in := range a.Inputs {
		if in.Description == "" || (in.Default == nil && !in.Required) {
			t.Errorf("input %s: want a description and, when optional, a default", name)
		}
	}
	src, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for name := range a.Inputs {
		if !strings.Contains(string(src), "inputs."+name+" ") {
			t.Errorf("input %s: no step reads ${{ inputs.%s }}", name, name)
		}
	}
	ids := map[string]bool{}
	for _, s := range a.Runs.Steps {
		if s.ID != "" {
			ids[s.ID] = true
		}
		if (s.Uses == "") == (s.Run == "") {
			t.Errorf("step %q: want exactly one of uses and run", s.Name)
		}
		if s.Uses != "" {
			if _, ok := knownActions[s.Uses]; !ok {
				t.Errorf("step %q uses %s, not one of the actions and versions meant (knownActions)", s.Name, s.Uses)
			}
		}
	}
	for name, o := range a.Outputs {
		var parts []string
		if m := exprRef.FindStringSubmatch(o.Value); m != nil && m[0] == o.Value {
			parts = strings.Split(m[1], ".")
		}
		if o.Description == "" || len(parts) != 4 || parts[0] != "steps" || !ids[parts[1]] || parts[2] != "outputs" {
			t.Errorf("output %s = %q: want a description and the value ${{ steps.ID.outputs.NAME }} of a step of the action", name, o.Value)
		}
	}
}

// TestActionRuns runs the action's steps against the repository's test
// data, with a stand-in for GitHub's runner, and checks the step's outcome,
// its outputs, its annotations, the job summary and the SARIF uploads.
func TestActionRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds iamsim with the action's go build: run without -short")
	}
	head := gitHead(t)
	tests := []struct {
		name    string
		inputs  map[string]string
		failed  int               // the exit status the step fails with, 0 if it passes
		outputs map[string]string // outputs to check
		uploads []string          // SARIF categories uploaded
		stdout  string            // a line that must be printed
		summary bool              // whether the job summary must hold something
		needGit bool
	}{
		{
			name:    "lint findings: annotations, summary, SARIF, failure",
			inputs:  map[string]string{"lint": "testdata/scenarios/policies", "sarif": "true"},
			failed:  1,
			outputs: map[string]string{"exit-code": "1", "lint-exit-code": "1", "lint-errors": "2", "lint-warnings": "9", "lint-notes": "1"},
			uploads: []string{"iamsim/lint"},
			stdout:  "::error file=testdata/scenarios/policies/identity-administrator-access.json,",
			summary: true,
		},
		{
			name:    "report only: fail false",
			inputs:  map[string]string{"lint": "testdata/scenarios/policies", "fail": "false", "summary": "false", "annotations": "false"},
			outputs: map[string]string{"exit-code": "1", "lint-exit-code": "1"},
			stdout:  "testdata/scenarios/policies/identity-administrator-access.json:7:23: error admin-star: ",
		},
		{
			name:    "a glob and a type",
			inputs:  map[string]string{"lint": "testdata/scenarios/policies/scp-*.json", "lint-type": "scp", "annotations": "false", "summary": "false"},
			outputs: map[string]string{"exit-code": "0", "lint-exit-code": "0"},
		},
		{
			name:    "failing and broken scenarios",
			inputs:  map[string]string{"test": "testdata/golden/inputs/test-broken", "summary": "false"},
			failed:  2,
			outputs: map[string]string{"exit-code": "2", "test-exit-code": "2", "test-failures": "4"},
			stdout:  "::error file=testdata/golden/inputs/test-broken/e-fails.yaml,",
		},
		{
			name:    "scenario tests pass",
			inputs:  map[string]string{"test": "testdata/scenarios"},
			outputs: map[string]string{"exit-code": "0", "test-exit-code": "0", "test-failures": "0"},
			summary: true,
		},
		{
			name:    "diff of two paths: widenings",
			inputs:  map[string]string{"diff-old": "testdata/diff-examples/old.json", "diff": "testdata/diff-examples/new.json", "sarif": "true"},
			failed:  1,
			outputs: map[string]string{"exit-code": "1", "diff-exit-code": "1", "diff-widenings": "10", "diff-possible": "0"},
			uploads: []string{"iamsim/diff"},
			stdout:  "::error file=testdata/diff-examples/new.json,",
			summary: true,
		},
		{
			name:    "diff against the base revision",
			inputs:  map[string]string{"diff-base": head, "diff": "testdata/diff-examples/new.json", "sarif-category": "policies"},
			outputs: map[string]string{"exit-code": "0", "diff-exit-code": "0", "diff-widenings": "0"},
			summary: true,
			needGit: true,
		},
		{
			name:    "diff without a base or OLD",
			inputs:  map[string]string{"diff": "testdata/diff-examples/new.json", "fail": "false"},
			failed:  2,
			outputs: map[string]string{"exit-code": "2", "diff-exit-code": "2"},
			stdout:  "::error title=iamsim diff::give diff-base (a git revision) or diff-old (a path) with diff",
		},
		{
			name:    "a path that does not exist fails even with fail false",
			inputs:  map[string]string{"test": "testdata/no-such-dir", "fail": "false"},
			failed:  2,
			outputs: map[string]string{"exit-code": "2", "test-exit-code": "2"},
		},
		{
			name:   "nothing to run",
			inputs: map[string]string{},
			failed: 2,
			stdout: "::error title=iamsim::give the action lint, test or diff paths (docs/ci.md)",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.needGit && head == "HEAD" {
				t.Skip("not a git checkout with a commit: diff --base has no revision to read")
			}
			r := runAction(t, tc.inputs, nil, repoRoot)
			if r.output(t, "iamsim-path") != "" && !strings.Contains(r.stdout.String(), "iamsim "+actionRef+"\n") {
				t.Errorf("the build does not print the action's ref as its version; stdout:\n%s", r.stdout.String())
			}
			if r.failed != tc.failed {
				t.Errorf("the step failed with %d, want %d\nstdout:\n%s", r.failed, tc.failed, r.stdout.String())
			}
			var got map[string]string
			for k := range tc.outputs {
				if got == nil {
					got = map[string]string{}
				}
				got[k] = r.output(t, k)
			}
			if diff := cmp.Diff(tc.outputs, got); diff != "" {
				t.Errorf("outputs mismatch (-want +got):\n%s\nstdout:\n%s", diff, r.stdout.String())
			}
			if diff := cmp.Diff(tc.uploads, r.uploads); diff != "" {
				t.Errorf("SARIF uploads mismatch (-want +got):\n%s", diff)
			}
			r.annotations(t)
			if tc.stdout != "" && !strings.Contains(r.stdout.String(), "\n"+tc.stdout) && !strings.HasPrefix(r.stdout.String(), tc.stdout) {
				t.Errorf("the step did not print a line starting %q; stdout:\n%s", tc.stdout, r.stdout.String())
			}
			if tc.summary && strings.TrimSpace(r.summary) == "" {
				t.Errorf("the job summary is empty")
			}
			if !tc.summary && r.summary != "" && r.inputs["summary"] == "false" {
				t.Errorf("summary false, but the job summary holds:\n%s", r.summary)
			}
		})
	}
}

// gitHead returns the commit checked out, or "HEAD" outside a git checkout.
func gitHead(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("git", "-C", repoRoot, "rev-parse", "HEAD").Output()
	if err != nil {
		return "HEAD"
	}
	return strings.TrimSpace(string(out))
}
