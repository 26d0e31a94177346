package scenario

import (
	"encoding/json"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
)

// casesDir holds the scenario corpus: every case cites the AWS
// documentation its expected decision comes from.
const casesDir = "../../testdata/cases"

// minCases is the least number of cases the corpus must hold.
const minCases = 300

// corpusFiles returns every scenario file under testdata/cases.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(casesDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yaml" || ext == ".yml" || ext == ".json") && !strings.Contains(path, string(filepath.Separator)+"policies"+string(filepath.Separator)) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestCorpus decides every request of every scenario under testdata/cases
// and compares it with the expected decision.
func TestCorpus(t *testing.T) {
	total := 0
	for _, file := range corpusFiles(t) {
		t.Run(strings.TrimPrefix(file, casesDir+"/"), func(t *testing.T) {
			s, set := loadCompiled(t, file)
			for _, c := range s.Requests {
				total++
				t.Run(c.Name, func(t *testing.T) {
					if c.Doc == "" {
						t.Errorf("%s: the case cites no AWS documentation (doc:)", c.Pos)
					}
					if c.Expect == nil {
						t.Fatalf("%s: the case has no expected decision (expect:)", c.Pos)
					}
					res, err := set.Evaluate(&c.Request, evaluator.Options{Trace: true})
					if err != nil {
						t.Fatalf("%s: %v", c.Pos, err)
					}
					if res.Decision != *c.Expect {
						t.Errorf("%s: decision mismatch (-want +got):\n%s", c.Pos, cmp.Diff(explain(*c.Expect, ""), explain(res.Decision, render(res))))
					}
				})
			}
		})
	}
	if total < minCases {
		t.Errorf("the corpus holds %d cases, want at least %d", total, minCases)
	}
}

// loadCompiled loads a scenario and compiles its policies.
func loadCompiled(t testing.TB, file string) (*Scenario, *evaluator.PolicySet) {
	t.Helper()
	s, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	set, err := evaluator.Compile(s.Policies, s.Organization)
	if err != nil {
		t.Fatal(err)
	}
	return s, set
}

// explain pairs a decision with the explanation behind it, so that a
// failure shows why iamsim decided as it did.
func explain(d evaluator.Decision, why string) string {
	return d.String() + "\n" + why
}

func render(res *evaluator.Result) string {
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}
