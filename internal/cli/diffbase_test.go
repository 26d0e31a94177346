package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffBase compares the working tree's policies with a commit's,
// read with git show: a file changed, one added, and a bad revision.
func TestDiffBase(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=iamsim", "-c", "user.email=iamsim@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	copyFile := func(from, to string) {
		t.Helper()
		src, err := os.ReadFile(filepath.Join(repoRoot, from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	policies := filepath.Join(repo, "policies")
	copyFile(diffOld, filepath.Join(policies, "alice.json"))
	gitRun("init", "-q")
	gitRun("add", ".")
	gitRun("commit", "-q", "-m", "old")
	copyFile(diffNew, filepath.Join(policies, "alice.json"))
	copyFile(diffPossibleNew, filepath.Join(policies, "team.json"))

	code, stdout, stderr := run(t, "", "diff", "--base", "HEAD", policies)
	if code != ExitFindings || stderr != "" {
		t.Fatalf("exit %d, want %d; stderr %q", code, ExitFindings, stderr)
	}
	for _, want := range []string{
		"HEAD:" + filepath.Join(policies, "alice.json") + " -> " + filepath.Join(policies, "alice.json"),
		`statement "WriteOwnReports": 9 actions newly allowed`,
		"(none) -> " + filepath.Join(policies, "team.json"),
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	code, _, stderr = run(t, "", "diff", "--base", "HEAD", filepath.Join(policies, "alice.json"))
	if code != ExitFindings {
		t.Errorf("one file: exit %d, want %d; stderr %q", code, ExitFindings, stderr)
	}
	code, _, stderr = run(t, "", "diff", "--base", "no-such-revision", policies)
	if code != ExitInput || !strings.Contains(stderr, "--base no-such-revision: not a git revision") {
		t.Errorf("bad revision: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = run(t, "", "diff", "--base", "HEAD", policies, policies)
	if code != ExitInput || !strings.Contains(stderr, "needs one argument") {
		t.Errorf("two arguments: exit %d, stderr %q", code, stderr)
	}
}
