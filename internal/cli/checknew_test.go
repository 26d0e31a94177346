package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	nnaOld      = "testdata/checks/no-new-access/old.json"
	nnaNew      = "testdata/checks/no-new-access/new.json"
	nnaNarrower = "testdata/checks/no-new-access/narrower.json"
)

func TestCheckNoNewAccess(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}, {"Effect": "Allow"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	runCases(t, []cliCase{
		{
			name:     "a widening fails with its witness",
			args:     []string{"check", "no-new-access", "--base", nnaOld, nnaNew},
			wantCode: ExitFindings, golden: "check-new-access.golden",
		},
		{
			name:     "a narrowing passes",
			args:     []string{"check", "no-new-access", "--base", nnaOld, nnaNarrower},
			wantCode: ExitOK, golden: "check-new-access-pass.golden",
		},
		{
			name:     "a possible widening fails",
			args:     []string{"check", "no-new-access", "--base", diffPossibleOld, diffPossibleNew},
			wantCode: ExitFindings, golden: "check-new-access-possible.golden",
		},
		{
			name:     "a Deny removed: a widening, and a possible widening at the OLD statement",
			args:     []string{"check", "no-new-access", "--base", "testdata/checks/no-new-access/deny-old.json", "testdata/checks/no-new-access/deny-new.json"},
			wantCode: ExitFindings, golden: "check-new-access-deny-removed.golden",
		},
		{
			name:     "directories, paired by relative path: a policy added fails",
			args:     []string{"check", "no-new-access", "--base", "testdata/checks/no-new-access/dir-old", "testdata/checks/no-new-access/dir-new"},
			wantCode: ExitFindings, golden: "check-new-access-dirs.golden",
		},
		{
			name:     "as JSON, with --type",
			args:     []string{"check", "no-new-access", "--type", "identity", "--format", "json", "--base", nnaOld, nnaNew},
			wantCode: ExitFindings, golden: "check-new-access.json.golden",
		},
		{
			name: "without --base", args: []string{"check", "no-new-access", nnaNew},
			wantCode: ExitInput, wantStderr: "iamsim: no-new-access needs --base OLD\n",
		},
		{
			name: "without NEW", args: []string{"check", "no-new-access", "--base", nnaOld},
			wantCode: ExitInput, wantStderr: "iamsim: no-new-access needs NEW\n",
		},
		{
			name: "two NEW", args: []string{"check", "no-new-access", "--base", nnaOld, nnaNew, nnaNarrower},
			wantCode: ExitInput, wantStderr: "iamsim: no-new-access compares one NEW policy with --base OLD, not 2\n",
		},
		{
			name: "a bad --type", args: []string{"check", "no-new-access", "--type", "identiy", "--base", nnaOld, nnaNew},
			wantCode: ExitInput, wantStderr: "iamsim: --type \"identiy\": want identity, resource, trust, boundary, session, scp, rcp or endpoint\n",
		},
	})
	for _, tc := range []struct{ name, old, new string }{{"malformed OLD", bad, nnaNew}, {"malformed NEW", nnaOld, bad}} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", "check", "no-new-access", "--base", tc.old, tc.new)
			if code != ExitInput || stdout != "" {
				t.Fatalf("exit %d, stdout %q, want exit 2 and none", code, stdout)
			}
			if !strings.HasPrefix(stderr, "iamsim: "+bad+":1:52: ") || strings.Count(stderr, bad+":") != 1 {
				t.Errorf("stderr %q: want one error at %s:1:52", stderr, bad)
			}
		})
	}
}

// TestCheckNoNewAccessWitnessesRun runs the eval command of every witness
// no-new-access prints: NEW must allow it, and OLD (the same command with
// the existing policy in place of NEW) must not.
func TestCheckNoNewAccessWitnessesRun(t *testing.T) {
	for _, pair := range [][2]string{{nnaOld, nnaNew}, {diffOld, diffNew}, {"testdata/checks/no-new-access/deny-old.json", "testdata/checks/no-new-access/deny-new.json"}} {
		_, stdout, _ := run(t, "", "check", "no-new-access", "--base", pair[0], pair[1])
		n := runNoNewAccessWitnesses(t, stdout, pair)
		if n == 0 {
			t.Errorf("%v shows no witness:\n%s", pair, stdout)
		}
	}
}

// TestCheckNoNewAccessCorpusWitnesses runs no-new-access on every pair of
// identity, resource and trust policies of the diff corpus, and each
// witness it prints against NEW, which must allow it, and OLD, which must
// not.
func TestCheckNoNewAccessCorpusWitnesses(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "diff", "*", "expect.yaml"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	witnesses := 0
	for _, expect := range dirs {
		src, err := os.ReadFile(expect)
		if err != nil {
			t.Fatal(err)
		}
		kind := ""
		for _, line := range strings.Split(string(src), "\n") {
			if k, ok := strings.CutPrefix(line, "kind: "); ok {
				kind = strings.TrimSpace(k)
			}
		}
		if kind != "identity" && kind != "resource" && kind != "trust" {
			continue
		}
		rel, _ := filepath.Rel(repoRoot, filepath.Dir(expect))
		pair := [2]string{filepath.Join(rel, "old.json"), filepath.Join(rel, "new.json")}
		_, stdout, stderr := run(t, "", "check", "no-new-access", "--type", kind, "--base", pair[0], pair[1])
		if stderr != "" {
			t.Errorf("%s: %s", rel, stderr)
		}
		witnesses += runNoNewAccessWitnesses(t, stdout, pair)
	}
	if witnesses == 0 {
		t.Error("the corpus gave no witness")
	}
}

// runNoNewAccessWitnesses runs every witness command of a no-new-access
// output against NEW and OLD, and counts them.
func runNoNewAccessWitnesses(t *testing.T, stdout string, pair [2]string) int {
	t.Helper()
	cmds := witnessCommands(t, stdout)
	for _, words := range cmds {
		if code, out, stderr := run(t, "", words...); code != ExitOK || !strings.Contains(out, "\nDecision: allowed\n") {
			t.Errorf("NEW: iamsim %s: exit %d, %s%s", strings.Join(words, " "), code, out, stderr)
		}
		for i, w := range words {
			if w == pair[1] {
				words[i] = pair[0]
			}
		}
		if code, out, stderr := run(t, "", words...); code != ExitOK || strings.Contains(out, "\nDecision: allowed\n") {
			t.Errorf("OLD: iamsim %s: exit %d, %s%s", strings.Join(words, " "), code, out, stderr)
		}
	}
	return len(cmds)
}
