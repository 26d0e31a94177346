package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	diffScenarioOld = "testdata/diff-examples/scenarios/old.yaml"
	diffScenarioNew = "testdata/diff-examples/scenarios/new.yaml"
	diffExportOld   = "testdata/diff-examples/exports/old.json"
	diffExportNew   = "testdata/diff-examples/exports/new.json"
)

// TestDiffFormsGolden compares two scenarios and two account exports,
// in text and JSON.
func TestDiffFormsGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"diff-scenarios-text.golden", []string{"diff", "--narrowings", diffScenarioOld, diffScenarioNew}},
		{"diff-scenarios-json.golden", []string{"diff", "--format", "json", diffScenarioOld, diffScenarioNew}},
		{"diff-exports-text.golden", []string{"diff", "--narrowings", diffExportOld, diffExportNew}},
		{"diff-exports-json.golden", []string{"diff", "--format", "json", diffExportOld, diffExportNew}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", tc.args...)
			if code != ExitFindings || stderr != "" {
				t.Fatalf("exit %d, want %d; stderr %q", code, ExitFindings, stderr)
			}
			golden(t, tc.name, stdout)
		})
	}
}

// TestDiffFormsExitStatus checks the exit status of scenario and export
// comparisons, and that a malformed one gets one positioned error.
func TestDiffFormsExitStatus(t *testing.T) {
	dir := t.TempDir()
	badExport := filepath.Join(dir, "export.json")
	badScenario := filepath.Join(dir, "scenario.yaml")
	for path, src := range map[string]string{
		badExport:   `{"UserDetailList": [{"UserName": 3, "Arn": 4}]}`,
		badScenario: "policies:\n  identity:\n    - {Version: \"2012-10-17\", Statement: [{Effect: Alow, Action: s3:GetObject, Resource: \"*\"}]}\n  bogus: 1\n",
	} {
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"same scenario", []string{"diff", diffScenarioOld, diffScenarioOld}, ExitOK, ""},
		{"same export", []string{"diff", diffExportNew, diffExportNew}, ExitOK, ""},
		{"narrowing only", []string{"diff", diffScenarioNew, diffScenarioOld}, ExitOK, ""},
		{"malformed export", []string{"diff", diffExportOld, badExport}, ExitInput, badExport + ":1:34: "},
		{"malformed scenario", []string{"diff", badScenario, diffScenarioNew}, ExitInput, badScenario + ":3:"},
		{"scenario and export", []string{"diff", diffScenarioOld, diffExportNew}, ExitInput, "is a scenario and " + diffExportNew + " is an account export"},
		{"--type on scenarios", []string{"diff", "--type", "identity", diffScenarioOld, diffScenarioNew}, ExitInput, "--type sets the kind of policy files"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(t, "", tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d; stderr %q", code, tc.wantCode, stderr)
			}
			if tc.wantStderr == "" && stderr != "" || !strings.Contains(stderr, tc.wantStderr) {
				t.Errorf("stderr %q, want it to hold %q", stderr, tc.wantStderr)
			}
			if tc.wantCode == ExitInput && strings.Count(strings.TrimSpace(stderr), "\n") > 2 {
				t.Errorf("stderr has more than one problem: %q", stderr)
			}
		})
	}
}
