package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/managedpolicies"
	"github.com/iamsim/iamsim/policy"
)

var (
	managedDir         = filepath.Join("..", "..", "testdata", "managed-policies")
	managedPolicyTotal int
	managedOnce        sync.Once
	managedSnapshot    *managedpolicies.Snapshot
	managedErr         error
)

func loadManaged(tb testing.TB) *managedpolicies.Snapshot {
	tb.Helper()
	managedOnce.Do(func() {
		managedSnapshot, managedErr = managedpolicies.Load(filepath.Join(managedDir, "latest.json.gz"))
		if managedErr == nil {
			managedPolicyTotal = len(managedSnapshot.Policies)
		}
	})
	if managedErr != nil {
		tb.Fatal(managedErr)
	}
	return managedSnapshot
}

// lintManaged lints every AWS managed policy as an identity-based policy,
// which is how AWS attaches them, and returns one line per finding:
// "PolicyName:line:col: severity rule-id: message".
func lintManaged(tb testing.TB) (lines []string, byRule map[*Rule]int) {
	snap := loadManaged(tb)
	l := New(catalog.Default())
	byRule = map[*Rule]int{}
	for _, p := range snap.Policies {
		seen := map[*Rule]bool{}
		for _, f := range l.Lint(p.Name, p.Document, policy.Identity) {
			lines = append(lines, fmt.Sprintf("%s: %s %s: %s", f.Pos, f.Level, f.Rule.ID, f.Message))
			if !seen[f.Rule] {
				seen[f.Rule] = true
				byRule[f.Rule]++
			}
		}
	}
	return lines, byRule
}

func managedPolicyCounts(t *testing.T) map[*Rule]int {
	_, counts := lintManaged(t)
	return counts
}

// TestManagedPolicies lints every AWS managed policy and compares the
// findings with testdata/managed-policies/findings.txt, so that every
// change in what the linter reports on real policies is reviewed (run go
// test ./internal/lint -update to accept a change).
func TestManagedPolicies(t *testing.T) {
	lines, _ := lintManaged(t)
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join(managedDir, "findings.txt")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/lint -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("findings on the AWS managed policies changed; review, then run go test ./internal/lint -update (-want +got):\n%s", diff)
	}
}

// BenchmarkLintManagedPolicies lints all AWS managed policies with a new
// Linter each time, as one `iamsim lint` run does. Catalog decoding is
// measured on its own by BenchmarkLoad in internal/catalog.
func BenchmarkLintManagedPolicies(b *testing.B) {
	snap := loadManaged(b)
	cat := catalog.Default()
	b.ReportAllocs()
	for b.Loop() {
		l := New(cat)
		for _, p := range snap.Policies {
			l.Lint(p.Name, p.Document, policy.Identity)
		}
	}
}
