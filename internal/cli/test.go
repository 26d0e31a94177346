package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/explain"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/internal/scenario"
	"github.com/iamsim/iamsim/internal/source"
)

// testOptions are the inputs of `iamsim test`.
type testOptions struct {
	Paths  []string
	Format string
	Run    string
	// AllowUnknownActions allows unknown actions in every scenario, as a
	// file's allowUnknownActions does.
	AllowUnknownActions bool
	// Verbose prints each request's notes (what its answer rests on that
	// the scenario did not say) under its result line.
	Verbose bool
	// Limits bound what is read of one file; the zero value reads with
	// the defaults.
	Limits source.Limits
	Stdout io.Writer
	Stderr io.Writer
}

func newTestCmd(runF func(*testOptions) error) *cobra.Command {
	opts := &testOptions{}
	cmd := &cobra.Command{
		Use:   "test FILE|DIR...",
		Short: "Run scenario files as policy tests, for CI",
		Long: `Test runs the requests of scenario files (docs/scenarios.md) that carry an
expected decision, in the style of go test: one line per request (ok or
FAIL), the full explanation of each failure, and a closing line
"N passed, M failed". Directories are searched recursively for *.yaml and
*.yml files, and for *.json files that hold a scenario (a "requests" key).

A scenario file that cannot be loaded, or a request that cannot be
decided, is an error on standard error (a test case with <error> in
JUnit); the other files still run. Warnings (an unknown context key, a
policy statement naming an action the catalog does not know) are warn
lines in text, and in JUnit each test case's <system-err>. Notes (an
assumed resource account, a Resource entry left literal) are note lines
with --verbose, and in JUnit each test case's <system-out>.

A decision that is unreliable (a Deny statement did not apply only
because a request value has the wrong type, docs/limits.md) fails its
test even when it is the expected one, as eval exits 1 for it.

Exit status: 0 all passed, 1 a request did not get its expected decision
(or got it unreliably), 2 a scenario file or request could not be run
(after every result).`,
		Example: `  iamsim test testdata/scenarios
  iamsim test --run 'home' policies/tests/
  iamsim test --format junit tests/ > junit.xml`,
		Args: needArgs("a scenario FILE or DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths, opts.Limits = args, limits(cmd)
			opts.Stdout, opts.Stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			return runF(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output: text or junit (JUnit XML)")
	cmd.Flags().StringVar(&opts.Run, "run", "", "run only requests whose name (or file name) matches this regular expression")
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "print each request's notes under its result")
	addAllowUnknownActions(cmd, &opts.AllowUnknownActions)
	return cmd
}

// testOutcome is the result of one request, or the problem that kept a
// scenario file or a request from running.
type testOutcome struct {
	file, name, pos string
	passed, skipped bool
	got             evaluator.Decision
	// unreliable is set when a Deny did not apply only on a request
	// value of the wrong type: such an outcome fails.
	unreliable  bool
	want        *evaluator.Decision
	explanation string
	warnings    []string // positioned (scenario.Case.Warnings)
	notes       []string // the result's notes
	// policyWarnings are the file's warnings on its policies' statements
	// (reqcheck.PolicyActions), shared by its outcomes: text says them
	// once per file, JUnit in each test case's <system-err>.
	policyWarnings []string
	// problem, when set, holds why the file or request could not run:
	// one or more problems, each naming file:line:col, some followed by
	// the source line and a caret.
	problem []string
}

func runTest(opts *testOptions) error {
	if opts.Format != "text" && opts.Format != "junit" {
		return fmt.Errorf("--format %q: want text or junit", opts.Format)
	}
	var filter *regexp.Regexp
	if opts.Run != "" {
		re, err := regexp.Compile(opts.Run)
		if err != nil {
			var se *syntax.Error
			if errors.As(err, &se) {
				return fmt.Errorf("--run %q: not a regular expression: %s", opts.Run, se.Code)
			}
			return fmt.Errorf("--run %q: %v", opts.Run, err)
		}
		filter = re
	}
	files, err := scenarioFiles(opts.Paths, opts.Limits)
	if err != nil {
		return err
	}
	var outcomes []testOutcome
	ld := scenario.Loader{Limits: opts.Limits, AllowUnknownActions: opts.AllowUnknownActions}
	for _, file := range files {
		outcomes = append(outcomes, testFile(file, filter, ld)...)
	}
	passed, failed, skipped, broken := count(outcomes)
	if opts.Format == "junit" {
		if err := writeJUnit(opts.Stdout, outcomes); err != nil {
			return err
		}
	}
	// In file order: problems on standard error, results and warnings (in
	// text) on standard output.
	for i, o := range outcomes {
		ws := o.warnings
		if i == 0 || outcomes[i-1].file != o.file {
			ws = append(slices.Clip(o.policyWarnings), ws...)
		}
		for _, w := range ws {
			if opts.Format == "text" {
				fmt.Fprintf(opts.Stdout, "warn %s\n", w)
			} else {
				fmt.Fprintf(opts.Stderr, "iamsim: warning: %s\n", w)
			}
		}
		switch {
		case o.problem != nil:
			printProblems(opts.Stderr, "iamsim: ", o.problem)
		case opts.Format != "text":
		case o.skipped:
			fmt.Fprintf(opts.Stdout, "skip %s %s (no expected decision)\n", o.pos, o.name)
		case o.passed:
			fmt.Fprintf(opts.Stdout, "ok   %s %s (%s)\n", o.pos, o.name, o.got)
		default:
			fmt.Fprintf(opts.Stdout, "FAIL %s %s: got %s, want %s\n", o.pos, o.name, o.gotText(), o.want)
			for _, line := range strings.Split(strings.TrimRight(o.explanation, "\n"), "\n") {
				if line == "" {
					fmt.Fprintln(opts.Stdout)
					continue
				}
				fmt.Fprintf(opts.Stdout, "    %s\n", line)
			}
		}
		if opts.Verbose && opts.Format == "text" {
			for _, n := range o.notes {
				fmt.Fprintf(opts.Stdout, "note %s\n", n)
			}
		}
	}
	summary := fmt.Sprintf("%d passed, %d failed", passed, failed)
	if skipped > 0 {
		summary += fmt.Sprintf(", %d skipped", skipped)
	}
	if broken > 0 {
		summary += fmt.Sprintf(", %d %s", broken, plural(broken, "error"))
	}
	if opts.Format == "junit" {
		fmt.Fprintln(opts.Stderr, summary)
	} else {
		fmt.Fprintln(opts.Stdout, summary)
	}
	switch {
	case broken > 0:
		return &exitError{ExitInput}
	case failed > 0:
		return &exitError{ExitFindings}
	}
	return nil
}

// testFile runs the requests of one scenario file that the filter
// selects. A file that cannot be loaded is one outcome holding its
// problems; a request that cannot be prepared is one holding its own.
func testFile(file string, filter *regexp.Regexp, ld scenario.Loader) []testOutcome {
	broken := func(name, pos string, err error) testOutcome {
		return testOutcome{file: file, name: name, pos: pos, problem: inputProblems(err).(*problemsError).lines}
	}
	s, err := ld.Load(file)
	if err != nil {
		return []testOutcome{broken(file, file, err)}
	}
	set, err := evaluator.Compile(s.Policies, s.Organization)
	if err != nil {
		return []testOutcome{broken(file, file, fmt.Errorf("%s: %w", file, err))}
	}
	policyWarnings := reqcheck.New(true).PolicyActions(reqcheck.Documents(s.Policies)...)
	var outcomes []testOutcome
	for _, c := range s.Requests {
		if filter != nil && !filter.MatchString(c.Name) && !filter.MatchString(file) {
			continue
		}
		o := testOutcome{file: file, name: c.Name, pos: c.Pos.String(), want: c.Expect, warnings: c.Warnings, policyWarnings: policyWarnings}
		if c.Expect == nil {
			o.skipped = true
			outcomes = append(outcomes, o)
			continue
		}
		prep, err := evaluator.Prepare(&c.Request)
		if err != nil {
			outcomes = append(outcomes, broken(c.Name, o.pos, fmt.Errorf("%s: %w", c.Pos, err)))
			continue
		}
		res := &evaluator.Result{}
		set.EvaluatePrepared(prep, evaluator.Options{Trace: true}, res)
		o.got, o.unreliable = res.Decision, res.Unreliable
		o.passed = res.Decision == *c.Expect && !res.Unreliable
		for _, n := range res.Notes {
			o.notes = append(o.notes, explain.Note(n))
		}
		if n := assumedAccountNote(prep, scenarioResourceAccount); n != "" {
			o.notes = append(o.notes, n)
		}
		if !o.passed {
			var b bytes.Buffer
			explain.Write(&b, prep, res, explain.Options{Expect: c.Expect})
			o.explanation = b.String()
		}
		outcomes = append(outcomes, o)
	}
	return outcomes
}

// gotText is the decision as a failure reports it.
func (o *testOutcome) gotText() string {
	if o.unreliable {
		return o.got.String() + " (unreliable)"
	}
	return o.got.String()
}

func count(outcomes []testOutcome) (passed, failed, skipped, broken int) {
	for _, o := range outcomes {
		switch {
		case o.problem != nil:
			broken++
		case o.skipped:
			skipped++
		case o.passed:
			passed++
		default:
			failed++
		}
	}
	return
}

// scenarioFiles expands the paths: files as given, directories
// recursively, in lexical order.
func scenarioFiles(paths []string, lim source.Limits) ([]string, error) {
	var files []string
	for _, path := range paths {
		info, err := os.Stat(path)
		if err != nil {
			return nil, source.FileError(path, err)
		}
		if !info.IsDir() {
			files = append(files, path)
			continue
		}
		var found []string
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return source.FileError(p, err)
			}
			if !d.IsDir() && isScenarioFile(p, lim) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no scenario files in this directory (*.yaml, *.yml, or *.json with requests)", path)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

// isScenarioFile reports whether a file found in a directory is a
// scenario: YAML files are; JSON files only with a "requests" key, so that
// policy documents next to scenarios are passed over. A JSON file that
// cannot be read counts, and so does one that is not valid JSON but names
// "requests", so that loading reports it rather than skipping a broken
// test.
func isScenarioFile(path string, lim source.Limits) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return true
	case ".json":
		src, err := lim.ReadFile(path)
		if err != nil {
			return true
		}
		if !json.Valid(src) {
			return bytes.Contains(src, []byte(`"requests"`))
		}
		var m map[string]json.RawMessage
		return json.Unmarshal(src, &m) == nil && m["requests"] != nil
	}
	return false
}

// JUnit XML, in the shape CI systems read.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Error     *junitFailure `xml:"error,omitempty"`
	Skipped   *struct{}     `xml:"skipped,omitempty"`
	// SystemErr holds the test case's warnings, one a line: those on
	// its file's policies, then its request's (an unknown context key,
	// an unknown action allowed), so that the JUnit file a CI keeps
	// carries them.
	SystemErr string `xml:"system-err,omitempty"`
	// SystemOut holds the notes of its result, one a line.
	SystemOut string `xml:"system-out,omitempty"`
}

// junitFailure is the body of a <failure> or an <error>.
type junitFailure struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(w io.Writer, outcomes []testOutcome) error {
	var suites junitSuites
	index := map[string]int{}
	for _, o := range outcomes {
		i, ok := index[o.file]
		if !ok {
			i = len(suites.Suites)
			index[o.file] = i
			suites.Suites = append(suites.Suites, junitSuite{Name: o.file})
		}
		s := &suites.Suites[i]
		c := junitCase{Name: o.name, Classname: o.file}
		if ws := append(slices.Clip(o.policyWarnings), o.warnings...); len(ws) > 0 {
			c.SystemErr = "warning: " + strings.Join(ws, "\nwarning: ") + "\n"
		}
		if len(o.notes) > 0 {
			c.SystemOut = "note: " + strings.Join(o.notes, "\nnote: ") + "\n"
		}
		s.Tests++
		switch {
		case o.problem != nil:
			s.Errors++
			head, _, _ := strings.Cut(o.problem[0], "\n")
			c.Error = &junitFailure{Message: head, Text: strings.Join(o.problem, "\n")}
		case o.skipped:
			s.Skipped++
			c.Skipped = &struct{}{}
		case !o.passed:
			s.Failures++
			c.Failure = &junitFailure{Message: fmt.Sprintf("%s: got %s, want %s", o.pos, o.gotText(), o.want), Text: o.explanation}
		}
		s.Cases = append(s.Cases, c)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(suites); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
