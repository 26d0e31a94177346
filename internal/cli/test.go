package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/explain"
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
	Limits api.Limits
	// Code binds what infrastructure code leaves open (--var, --var-file).
	Code   api.CodeValues
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

--format github writes GitHub Actions workflow commands: an ::error at
each failing request (with its explanation) and at each problem of what
could not run, a ::warning per warning, nothing for a pass, and a ::notice
with the summary; --format markdown writes a pull-request comment: the
summary, a table of the failing requests and their explanations folded.
In the junit, github and markdown formats the summary line goes to
standard error.

Exit status (in every format): 0 all passed, 1 a request did not get its
expected decision (or got it unreliably), 2 a scenario file or request
could not be run (after every result).`,
		Example: `  iamsim test testdata/scenarios
  iamsim test --run 'home' policies/tests/
  iamsim test --format junit tests/ > junit.xml
  iamsim test --format github tests/   # in a GitHub Actions step
  iamsim test --format markdown tests/ > comment.md`,
		Args: needArgs("a scenario FILE or DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths, opts.Limits, opts.Code = args, limits(cmd), codeValues(cmd)
			opts.Stdout, opts.Stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			return runF(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output: text, junit (JUnit XML), github (workflow annotations) or markdown (a pull-request comment)")
	cmd.Flags().StringVar(&opts.Run, "run", "", "run only requests whose name (or file name) matches this regular expression")
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "print each request's notes under its result")
	addAllowUnknownActions(cmd, &opts.AllowUnknownActions)
	return cmd
}

// testOutcome is an outcome of api.Test with what the output says of it.
type testOutcome struct {
	api.TestOutcome
	// notes are the result's notes (what its answer rests on that the
	// scenario did not say).
	notes []string
	// explanation explains a failure.
	explanation string
	// problem, when set, holds why the file or request could not run:
	// one or more problems, each naming file:line:col, some followed by
	// the source line and a caret.
	problem []string
}

func runTest(opts *testOptions) error {
	switch opts.Format {
	case "text", "junit", "github", "markdown":
	default:
		return fmt.Errorf("--format %q: want text, junit, github or markdown", opts.Format)
	}
	results, err := api.Engine{Limits: opts.Limits, Code: opts.Code}.Test(api.TestOptions{
		Paths: opts.Paths, Run: opts.Run, AllowUnknownActions: opts.AllowUnknownActions,
	})
	if err != nil {
		return err
	}
	outcomes := make([]testOutcome, len(results))
	for i, r := range results {
		outcomes[i] = describe(r)
	}
	c := api.CountTests(results)
	summary := fmt.Sprintf("%d passed, %d failed", c.Passed, c.Failed)
	if c.Skipped > 0 {
		summary += fmt.Sprintf(", %d skipped", c.Skipped)
	}
	if c.Errors > 0 {
		summary += fmt.Sprintf(", %d %s", c.Errors, plural(c.Errors, "error"))
	}
	switch opts.Format {
	case "junit":
		if err := writeJUnit(opts.Stdout, outcomes); err != nil {
			return err
		}
	case "github":
		writeTestGitHub(opts.Stdout, outcomes, summary)
	case "markdown":
		writeTestMarkdown(opts.Stdout, outcomes, summary)
	}
	// In file order: problems on standard error, results and warnings (in
	// text) on standard output.
	for i, o := range outcomes {
		for _, w := range testWarnings(outcomes, i) {
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
		case o.Skipped:
			fmt.Fprintf(opts.Stdout, "skip %s %s (no expected decision)\n", o.Pos, o.Name)
		case o.Passed:
			fmt.Fprintf(opts.Stdout, "ok   %s %s (%s)\n", o.Pos, o.Name, o.Result.Decision)
		default:
			fmt.Fprintf(opts.Stdout, "FAIL %s %s: got %s, want %s\n", o.Pos, o.Name, o.gotText(), o.Want)
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
	if opts.Format == "text" {
		fmt.Fprintln(opts.Stdout, summary)
	} else {
		fmt.Fprintln(opts.Stderr, summary)
	}
	switch {
	case c.Errors > 0:
		return &exitError{ExitInput}
	case c.Failed > 0:
		return &exitError{ExitFindings}
	}
	return nil
}

// describe renders what the output says of an outcome: its problems, its
// result's notes, and the explanation of a failure.
func describe(r api.TestOutcome) testOutcome {
	o := testOutcome{TestOutcome: r}
	switch {
	case r.Err != nil:
		o.problem = api.InputProblems(r.Err).Lines
		return o
	case r.Result == nil:
		return o
	}
	for _, n := range r.Result.Notes {
		o.notes = append(o.notes, n.String())
	}
	if n, ok := api.AssumedAccountNote(r.Prepared, api.ScenarioResourceAccount); ok {
		o.notes = append(o.notes, n.String())
	}
	if !r.Passed {
		var b bytes.Buffer
		explain.Write(&b, r.Prepared, r.Result, explain.Options{Expect: r.Want})
		o.explanation = b.String()
	}
	return o
}

// gotText is the decision as a failure reports it.
func (o *testOutcome) gotText() string {
	if o.Result.Unreliable {
		return o.Result.Decision.String() + " (unreliable)"
	}
	return o.Result.Decision.String()
}
