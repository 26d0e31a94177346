package lint

import (
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// testLinter is the Linter the rule tests share, as one `iamsim lint` run
// shares one for all its files; parallel tests use it at once.
var testLinter = New(catalog.Default())

// lintFindings lints src as a policy of the given kind and returns its
// findings of the given rules, in order, each projected by project to
// what a test compares.
func lintFindings[F any](kind policy.Kind, src string, rules []*Rule, project func(Finding) F) []F {
	var out []F
	for _, f := range testLinter.Lint("test.json", []byte(src), kind) {
		if slices.Contains(rules, f.Rule) {
			out = append(out, project(f))
		}
	}
	return out
}

// ruleCase is a policy and what a test compares of its findings.
type ruleCase[F any] struct {
	name string
	kind policy.Kind // Identity when zero
	src  string
	want []F
}

// runRuleCases runs each case as a parallel subtest that compares the
// case's findings of the rules, projected by project, with want.
func runRuleCases[F any](t *testing.T, rules []*Rule, project func(Finding) F, tests []ruleCase[F]) {
	t.Helper()
	if len(rules) == 0 {
		t.Fatal("no rules to test")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := lintFindings(tt.kind, tt.src, rules, project)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// checkGolden compares got with the file at path, or rewrites the file
// with -update; changed says what a difference means and how to accept
// it.
func checkGolden(t *testing.T, path, got, changed string) {
	t.Helper()
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
		t.Errorf("%s (-want +got):\n%s", changed, diff)
	}
}
