package lint

import (
	"fmt"
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
		managedSnapshot, managedErr = managedpolicies.Embedded()
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
	checkGolden(t, filepath.Join(managedDir, "findings.txt"), strings.Join(lines, "\n")+"\n",
		"findings on the AWS managed policies changed; review, then run go test ./internal/lint -update")
}

// BenchmarkLintManagedPolicies lints all AWS managed policies. cold uses
// a new Linter each time, as one `iamsim lint` run does, so it includes
// building the Linter's catalog indexes and filling its caches; warm
// reuses one Linter, as a long-running program would. Catalog decoding is
// measured on its own by BenchmarkLoad in internal/catalog.
func BenchmarkLintManagedPolicies(b *testing.B) {
	snap := loadManaged(b)
	cat := catalog.Default()
	lintAll := func(l *Linter) {
		for _, p := range snap.Policies {
			l.Lint(p.Name, p.Document, policy.Identity)
		}
	}
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			lintAll(New(cat))
		}
	})
	// detected is cold without --type: each policy's kind is detected,
	// and the kinds that look the same are checked for other findings.
	b.Run("detected", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l := New(cat)
			for _, p := range snap.Policies {
				l.LintDetected(p.Name, p.Document, Error)
			}
		}
	})
	b.Run("warm", func(b *testing.B) {
		l := New(cat)
		lintAll(l)
		b.ReportAllocs()
		for b.Loop() {
			lintAll(l)
		}
	})
}

// TestLinterConcurrent lints AWS managed policies from several goroutines
// with one new Linter, so that its caches and catalog indexes are filled
// concurrently (go test -race checks the locking), and wants the findings
// one goroutine alone gets.
func TestLinterConcurrent(t *testing.T) {
	t.Parallel()
	policies := loadManaged(t).Policies
	policies = policies[:min(len(policies), 300)]
	lint := func(l *Linter) [][]Finding {
		out := make([][]Finding, len(policies))
		for i, p := range policies {
			out[i] = l.Lint(p.Name, p.Document, policy.Identity)
		}
		return out
	}
	want := lint(New(catalog.Default()))
	shared := New(catalog.Default())
	got := make([][][]Finding, 4)
	var wg sync.WaitGroup
	for g := range got {
		wg.Go(func() { got[g] = lint(shared) })
	}
	wg.Wait()
	sameRule := cmp.Comparer(func(a, b *Rule) bool { return a == b })
	for g := range got {
		if diff := cmp.Diff(want, got[g], sameRule); diff != "" {
			t.Errorf("goroutine %d: findings mismatch (-want +got):\n%s", g, diff)
		}
	}
}
