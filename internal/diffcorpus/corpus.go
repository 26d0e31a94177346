// Package diffcorpus reads the corpus of policy pairs in testdata/diff:
// one directory per case with old.json, new.json (or two scenario files,
// old.yaml and new.yaml) and expect.yaml, which says what comparing the
// two must find (testdata/diff/README.md).
package diffcorpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// The files of one case directory: two policies, or two scenario files
// (kind: scenario).
const (
	OldFile         = "old.json"
	NewFile         = "new.json"
	OldScenarioFile = "old.yaml"
	NewScenarioFile = "new.yaml"
	ExpectFile      = "expect.yaml"
)

// Case is one policy pair of the corpus and what comparing it must find.
type Case struct {
	// Name is the case's directory name, "01-s3-get-wildcard".
	Name string
	// Old and New are the paths of the policy before and after the change.
	Old, New string
	// Kind is the kind of both policies.
	Kind policy.Kind
	// Expect is what the comparison of Old and New must find.
	Expect Expectation
}

// Expectation is the outcome a case expects, read from its expect.yaml.
type Expectation struct {
	// Why is the reasoning, citing the AWS documentation page that
	// decides it.
	Why string
	// Widens: the new policy allows some request the old one does not.
	Widens bool
	// Narrows: the old policy allows some request the new one does not.
	Narrows bool
	// Possible: an exact analysis cannot settle the case.
	Possible bool
	// Scenario: OLD and NEW are scenario files (kind: scenario),
	// compared as a whole; Case.Kind is then not used.
	Scenario bool
	// Widened are actions that must be among the widenings, NotWidened
	// actions that must not be.
	Widened, NotWidened []string
	// Universe, when set, fixes the requests a brute-force check of the
	// case enumerates, in place of those derived from the policies.
	Universe *Universe
}

// Universe is the set of requests a brute-force check enumerates: every
// combination of one principal, action, resource and context. An empty
// field is derived from the policies.
type Universe struct {
	Actions    []string
	Resources  []string
	Principals []string
	// Contexts are the request contexts to try; an empty Context is a
	// request without context keys.
	Contexts []evaluator.Context
}

// Load reads every case directory under dir, in name order. Files in dir
// itself (the README) are not cases. All problems are returned together,
// each with its file and, in expect.yaml, line and column.
func Load(dir string) ([]Case, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var cases []Case
	var errs []error
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		c, err := loadCase(filepath.Join(dir, e.Name()))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cases = append(cases, c)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].Name < cases[j].Name })
	return cases, errors.Join(errs...)
}

// loadCase reads one case directory.
func loadCase(dir string) (Case, error) {
	c := Case{Name: filepath.Base(dir), Old: filepath.Join(dir, OldFile), New: filepath.Join(dir, NewFile)}
	_, err := os.Stat(filepath.Join(dir, OldScenarioFile))
	scenario := err == nil
	if scenario {
		c.Old, c.New = filepath.Join(dir, OldScenarioFile), filepath.Join(dir, NewScenarioFile)
	}
	for _, p := range []string{c.Old, c.New} {
		if _, err := os.Stat(p); err != nil {
			return c, fmt.Errorf("case %s: %w", c.Name, err)
		}
	}
	path := filepath.Join(dir, ExpectFile)
	src, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("case %s: %w", c.Name, err)
	}
	c.Kind, c.Expect, err = ParseExpect(path, src)
	if err == nil && scenario != c.Expect.Scenario {
		err = fmt.Errorf("%s: kind %s goes with the files old.yaml and new.yaml, and only with them", path, ScenarioKind)
	}
	return c, err
}
