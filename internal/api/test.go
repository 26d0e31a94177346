package api

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/internal/scenario"
)

// TestOptions are the inputs of a run of scenario tests: scenario files
// whose requests carry an expected decision (docs/scenarios.md).
type TestOptions struct {
	// Paths are scenario files, and directories searched recursively for
	// *.yaml and *.yml files and for *.json files that hold a scenario.
	Paths []string
	// Run, a regular expression, selects the requests whose name, or
	// whose file's name, it matches; "" runs every request.
	Run string
	// AllowUnknownActions allows unknown actions in every scenario, as a
	// file's allowUnknownActions does.
	AllowUnknownActions bool
}

// TestOutcome is the result of one request, or the problem that kept a
// scenario file or a request from running.
type TestOutcome struct {
	File, Name string
	// Pos is where the request is (file:line:col), or the file for a file
	// that cannot be loaded.
	Pos string
	// Want is the decision the request expects; nil when it gives none,
	// and the outcome is Skipped.
	Want    *evaluator.Decision
	Skipped bool
	// Passed is set when the request got its expected decision reliably:
	// an unreliable decision (a Deny did not apply only on a request value
	// of the wrong type) fails even when it is the expected one.
	Passed bool
	// Prepared and Result are the request as evaluated and its answer,
	// traced; nil for an outcome skipped or that could not run.
	Prepared *evaluator.Prepared
	Result   *evaluator.Result
	// Warnings are the request's, positioned (an unknown context key, an
	// unknown action allowed).
	Warnings []string
	// PolicyWarnings are the file's warnings on its policies' statements
	// (an action the catalog does not know), shared by its outcomes.
	PolicyWarnings []string
	// Err, when set, is why the file or request could not run: one or
	// more problems, each naming file:line:col.
	Err error
}

// TestCounts tallies outcomes.
type TestCounts struct {
	Passed, Failed, Skipped int
	// Errors counts the files and requests that could not run.
	Errors int
}

// Test runs the requests of the scenario files that opts selects, file by
// file in order. A file that cannot be loaded is one outcome with its
// Err, and the other files still run; the error is a path that cannot be
// read, a directory with no scenario file, or a Run that is not a regular
// expression.
func (e Engine) Test(opts TestOptions) ([]TestOutcome, error) {
	var filter *regexp.Regexp
	if opts.Run != "" {
		re, err := regexp.Compile(opts.Run)
		if err != nil {
			var se *syntax.Error
			if errors.As(err, &se) {
				return nil, fmt.Errorf("--run %q: not a regular expression: %s", opts.Run, se.Code)
			}
			return nil, fmt.Errorf("--run %q: %v", opts.Run, err)
		}
		filter = re
	}
	files, err := scenarioFiles(opts.Paths, e.Limits)
	if err != nil {
		return nil, err
	}
	var outcomes []TestOutcome
	ld := scenario.Loader{Limits: e.Limits, AllowUnknownActions: opts.AllowUnknownActions, Code: e.codeReader()}
	for _, file := range files {
		outcomes = append(outcomes, testFile(file, filter, ld)...)
	}
	return outcomes, nil
}

// testFile runs the requests of one scenario file that the filter
// selects. A file that cannot be loaded is one outcome holding its
// problems; a request that cannot be prepared is one holding its own.
func testFile(file string, filter *regexp.Regexp, ld scenario.Loader) []TestOutcome {
	s, err := ld.Load(file)
	if err != nil {
		return []TestOutcome{{File: file, Name: file, Pos: file, Err: err}}
	}
	set, err := evaluator.Compile(s.Policies, s.Organization)
	if err != nil {
		return []TestOutcome{{File: file, Name: file, Pos: file, Err: fmt.Errorf("%s: %w", file, err)}}
	}
	policyWarnings := reqcheck.New(true).PolicyActions(reqcheck.Documents(s.Policies)...)
	var outcomes []TestOutcome
	for _, c := range s.Requests {
		if filter != nil && !filter.MatchString(c.Name) && !filter.MatchString(file) {
			continue
		}
		o := TestOutcome{File: file, Name: c.Name, Pos: c.Pos.String(), Want: c.Expect, Warnings: c.Warnings, PolicyWarnings: policyWarnings}
		if c.Expect == nil {
			o.Skipped = true
			outcomes = append(outcomes, o)
			continue
		}
		prep, err := evaluator.Prepare(&c.Request)
		if err != nil {
			outcomes = append(outcomes, TestOutcome{File: file, Name: c.Name, Pos: o.Pos, Err: fmt.Errorf("%s: %w", c.Pos, err)})
			continue
		}
		res := &evaluator.Result{}
		set.EvaluatePrepared(prep, evaluator.Options{Trace: true}, res)
		o.Prepared, o.Result = prep, res
		o.Passed = res.Decision == *c.Expect && !res.Unreliable
		outcomes = append(outcomes, o)
	}
	return outcomes
}

// CountTests tallies outcomes: passed, failed, skipped, and those that
// could not run.
func CountTests(outcomes []TestOutcome) TestCounts {
	var c TestCounts
	for _, o := range outcomes {
		switch {
		case o.Err != nil:
			c.Errors++
		case o.Skipped:
			c.Skipped++
		case o.Passed:
			c.Passed++
		default:
			c.Failed++
		}
	}
	return c
}
