package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	diffOld         = "testdata/diff-examples/old.json"
	diffNew         = "testdata/diff-examples/new.json"
	diffPossibleOld = "testdata/diff-examples/possible/old.json"
	diffPossibleNew = "testdata/diff-examples/possible/new.json"
	diffScenarioOld = "testdata/diff-examples/scenarios/old.yaml"
	diffScenarioNew = "testdata/diff-examples/scenarios/new.yaml"
	diffExportOld   = "testdata/diff-examples/exports/old.json"
	diffExportNew   = "testdata/diff-examples/exports/new.json"
)

func TestDiffGolden(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     []string
		wantCode int
	}{
		{"diff-text.golden", []string{"diff", "--type", "identity", "--narrowings", diffOld, diffNew}, ExitFindings},
		{"diff-json.golden", []string{"diff", "--narrowings", "--format", "json", diffOld, diffNew}, ExitFindings},
		{"diff-possible.golden", []string{"diff", "--narrowings", diffPossibleOld, diffPossibleNew}, ExitOK},
		{"diff-markdown.golden", []string{"diff", "--narrowings", "--format", "markdown", diffOld, diffNew}, ExitFindings},
		{"diff-github.golden", []string{"diff", "--narrowings", "--format", "github", diffOld, diffNew}, ExitFindings},
		{"diff-possible-github.golden", []string{"diff", "--narrowings", "--format", "github", diffPossibleOld, diffPossibleNew}, ExitOK},
		{"diff-possible-markdown.golden", []string{"diff", "--narrowings", "--format", "markdown", diffPossibleOld, diffPossibleNew}, ExitOK},
		{"diff-scenarios-text.golden", []string{"diff", "--narrowings", diffScenarioOld, diffScenarioNew}, ExitFindings},
		{"diff-scenarios-json.golden", []string{"diff", "--format", "json", diffScenarioOld, diffScenarioNew}, ExitFindings},
		{"diff-exports-text.golden", []string{"diff", "--narrowings", diffExportOld, diffExportNew}, ExitFindings},
		{"diff-exports-json.golden", []string{"diff", "--format", "json", diffExportOld, diffExportNew}, ExitFindings},
		{"diff-exports-sarif.golden", []string{"diff", "--format", "sarif", diffExportOld, diffExportNew}, ExitFindings},
		{"diff-exports-github.golden", []string{"diff", "--narrowings", "--format", "github", diffExportOld, diffExportNew}, ExitFindings},
		{"diff-exports-markdown.golden", []string{"diff", "--narrowings", "--format", "markdown", diffExportOld, diffExportNew}, ExitFindings},
		{"diff-scenarios-sarif.golden", []string{"diff", "--format", "sarif", diffScenarioOld, diffScenarioNew}, ExitFindings},
		{"diff-scenarios-github.golden", []string{"diff", "--format", "github", diffScenarioOld, diffScenarioNew}, ExitFindings},
		{"diff-scenarios-markdown.golden", []string{"diff", "--format", "markdown", diffScenarioOld, diffScenarioNew}, ExitFindings},
		{"diff-sarif.golden", []string{"diff", "--narrowings", "--format", "sarif", diffOld, diffNew}, ExitFindings},
		{"diff-possible-sarif.golden", []string{"diff", "--format", "sarif", diffPossibleOld, diffPossibleNew}, ExitOK},
		{"diff-deny-removed-sarif.golden", []string{"diff", "--format", "sarif", "testdata/checks/no-new-access/deny-old.json", "testdata/checks/no-new-access/deny-new.json"}, ExitFindings},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", tc.args...)
			if code != tc.wantCode || stderr != "" {
				t.Fatalf("exit %d, want %d; stderr %q", code, tc.wantCode, stderr)
			}
			golden(t, tc.name, stdout)
		})
	}
}

func TestDiffExitStatus(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	badExport := filepath.Join(dir, "export.json")
	badScenario := filepath.Join(dir, "scenario.yaml")
	for path, src := range map[string]string{
		bad:         `{"Version": "2012-10-17", "Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}, {"Effect": "Allow"}]}`,
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
		{"no change", []string{"diff", diffOld, diffOld}, ExitOK, ""},
		{"narrowing only", []string{"diff", diffNew, diffOld}, ExitOK, ""},
		{"possible passes by default", []string{"diff", diffPossibleOld, diffPossibleNew}, ExitOK, ""},
		{"possible fails on request", []string{"diff", "--fail-on", "possible", diffPossibleOld, diffPossibleNew}, ExitFindings, ""},
		{"malformed NEW: one positioned error", []string{"diff", diffOld, bad}, ExitInput, bad + ":1:52: "},
		{"missing OLD", []string{"diff", "nosuch.json", diffNew}, ExitInput, "nosuch.json: no such file or directory"},
		{"one argument", []string{"diff", diffOld}, ExitInput, "diff needs two arguments"},
		{"file and directory", []string{"diff", diffOld, "testdata/diff-examples"}, ExitInput, "both be files or both be directories"},
		{"bad --fail-on", []string{"diff", "--fail-on", "error", diffOld, diffNew}, ExitInput, `--fail-on "error"`},
		{"bad --type", []string{"diff", "--type", "user", diffOld, diffNew}, ExitInput, `--type "user"`},
		{"same scenario", []string{"diff", diffScenarioOld, diffScenarioOld}, ExitOK, ""},
		{"same export", []string{"diff", diffExportNew, diffExportNew}, ExitOK, ""},
		{"scenario narrowing only", []string{"diff", diffScenarioNew, diffScenarioOld}, ExitOK, ""},
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

// TestDiffDirectories pairs the files of two directories by relative
// path: a file on one side only is compared with no policy.
func TestDiffDirectories(t *testing.T) {
	old, new := t.TempDir(), t.TempDir()
	src, err := os.ReadFile(filepath.Join(repoRoot, diffOld))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(old, "users", "alice.json"), filepath.Join(new, "users", "alice.json"), filepath.Join(new, "added.json")} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := run(t, "", "diff", "--format", "json", old, new)
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr %q", code, ExitFindings, stderr)
	}
	var got struct {
		SchemaVersion int `json:"schemaVersion"`
		Pairs         []struct {
			Old       string            `json:"old"`
			New       string            `json:"new"`
			Widenings []json.RawMessage `json:"widenings"`
		} `json:"pairs"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if got.SchemaVersion != 1 || len(got.Pairs) != 2 {
		t.Fatalf("schemaVersion %d, %d pairs; want 1 and 2:\n%s", got.SchemaVersion, len(got.Pairs), stdout)
	}
	added, same := got.Pairs[0], got.Pairs[1]
	if added.Old != "" || len(added.Widenings) != 1 {
		t.Errorf("added.json: old %q, %d widenings; want none and 1 (s3:GetObject)", added.Old, len(added.Widenings))
	}
	if same.Old == "" || len(same.Widenings) != 0 {
		t.Errorf("users/alice.json: old %q, %d widenings; want a file and none", same.Old, len(same.Widenings))
	}
}

// TestDiffSARIFFingerprintsSurviveEdits inserts a statement above the
// others in NEW: the widenings that were there move down and keep their
// fingerprints.
func TestDiffSARIFFingerprintsSurviveEdits(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot, diffNew))
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), `"Statement": [`, `"Statement": [
    {"Sid": "Queues", "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"},`, 1)
	// The same path for both versions, as in a repository.
	newPath := filepath.Join(t.TempDir(), "new.json")
	oldAbs := filepath.Join(repoRoot, diffOld)
	type result struct {
		fingerprint string
		line        int
	}
	results := func(text string) map[string]result {
		if err := os.WriteFile(newPath, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stdout, stderr := run(t, "", "diff", "--format", "sarif", oldAbs, newPath)
		var log struct {
			Runs []struct {
				Results []struct {
					Message   struct{ Text string }
					Locations []struct {
						PhysicalLocation struct{ Region struct{ StartLine int } }
					}
					PartialFingerprints map[string]string
				}
			}
		}
		if err := json.Unmarshal([]byte(stdout), &log); err != nil {
			t.Fatalf("%v: %s%s", err, stdout, stderr)
		}
		byAction := map[string]result{}
		for _, r := range log.Runs[0].Results {
			action := strings.Fields(strings.SplitN(r.Message.Text, "newly allows ", 2)[1])[0]
			byAction[action] = result{r.PartialFingerprints["primaryLocationLineHash"], r.Locations[0].PhysicalLocation.Region.StartLine}
		}
		return byAction
	}
	before, after := results(string(src)), results(edited)
	if len(before) == 0 {
		t.Fatal("no widenings")
	}
	for action, b := range before {
		a := after[action]
		if a.line == b.line {
			t.Errorf("%s: the edit did not move it (line %d)", action, b.line)
		}
		if a.fingerprint != b.fingerprint {
			t.Errorf("%s: fingerprint %s became %s", action, b.fingerprint, a.fingerprint)
		}
	}
}
