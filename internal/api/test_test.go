package api

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
)

// TestTest runs a directory of scenario files without a command line:
// one passes, one fails, and three cannot run; the others still run.
func TestTest(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	const dir = "testdata/golden/inputs/test-broken"
	outcomes, err := Engine{}.Test(TestOptions{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		File   string
		Passed bool
		Got    string
		Err    bool
	}
	var got []summary
	for _, o := range outcomes {
		s := summary{File: strings.TrimPrefix(o.File, dir+"/"), Passed: o.Passed, Err: o.Err != nil}
		if o.Result != nil {
			s.Got = o.Result.Decision.String()
		}
		got = append(got, s)
	}
	want := []summary{
		{File: "a-passes.yaml", Passed: true, Got: "allowed"},
		{File: "b-bad-account.yaml", Err: true},
		{File: "c-bad-policy.json", Err: true},
		{File: "d-truncated.json", Err: true},
		{File: "e-fails.yaml", Got: "implicitDeny"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outcomes mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(TestCounts{Passed: 1, Failed: 1, Errors: 3}, CountTests(outcomes)); diff != "" {
		t.Errorf("counts mismatch (-want +got):\n%s", diff)
	}
	if w := outcomes[4].Want; w == nil || *w != evaluator.Allowed {
		t.Errorf("e-fails.yaml wants %v; want allowed", w)
	}
}

// TestTestFilters checks Run: it selects by request name, and one that
// is not a regular expression is refused.
func TestTestFilters(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	outcomes, err := Engine{}.Test(TestOptions{Paths: []string{"testdata/scenarios/s3-home-dirs.yaml"}, Run: "own home prefix"})
	if err != nil {
		t.Fatal(err)
	}
	if len(outcomes) != 1 || !strings.Contains(outcomes[0].Name, "own home prefix") {
		t.Errorf("outcomes %+v; want the one request named so", outcomes)
	}
	_, err = Engine{}.Test(TestOptions{Paths: []string{"testdata/scenarios"}, Run: "("})
	if want := `--run "(": not a regular expression: missing closing )`; err == nil || err.Error() != want {
		t.Errorf("error %v; want %s", err, want)
	}
}
