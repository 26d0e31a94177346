package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/lintformat"
)

// defaultConfig is the configuration file lint reads when --config is not
// given and the file exists in the working directory.
const defaultConfig = ".iamsim.yaml"

// lintOptions are the inputs of `iamsim lint`.
type lintOptions struct {
	Paths  []string
	Type   string // policy kind; "" detects it from each document
	Format string // text, json, sarif, github or markdown
	FailOn string // error, warning or note
	Config string // configuration file; "" reads .iamsim.yaml if present
	Ignore []string
	// Verbose notes on standard error each file a directory or glob gave
	// that was skipped as not a policy.
	Verbose bool
	// Limits bound what is read of one file; the zero value reads with
	// the defaults.
	Limits api.Limits
	// Code binds what infrastructure code leaves open (--var, --var-file).
	Code   api.CodeValues
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

func newLintCmd(runF func(*lintOptions) error) *cobra.Command {
	opts := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint PATH...",
		Short: "Report problems in policy documents",
		Long: `Lint parses and validates policy documents and checks them against the
embedded AWS service catalog and security rules. Each finding is reported as
file:line:col: severity rule-id: message, with the source line and a caret.
docs/lint-rules.md describes every rule.

PATH is a file, a directory (searched recursively for *.json files), a glob
(quote it: 'policies/*/role-*.json') or - for standard input. A directory's
or glob's JSON objects with neither Statement nor Version (package.json)
are skipped; --verbose names them. An account export (the output of aws
iam get-account-authorization-details) is linted policy by policy, a
managed policy used only as a permissions boundary as one. The policy
kind decides which elements are required or forbidden and which rules
apply; without --type it is detected from each document: a Principal
makes a resource-based policy, or a role trust policy when all its
actions are sts:AssumeRole*, and anything else is an identity-based
policy. When a kind that looks the same could change the exit status
(other findings at or above --fail-on), a note says what was detected
and which --type to give (docs/cli.md).

Findings are suppressed by rule and path in .iamsim.yaml (or --config)
and by --ignore RULE; RULE is a rule ID, a parser code (E012) or an
Access Analyzer issue code (AA:PASS_ROLE_WITH_STAR_IN_RESOURCE).

--format github writes one GitHub Actions workflow command per finding
(::error, ::warning or ::notice at its file, line and column, titled with
the rule), then a ::notice with the summary; --format markdown writes a
pull-request comment: the summary, then a table of the findings linked
to their lines. Both leave suppressed findings out.

Exit status (in every format): 0 no finding at or above --fail-on, 1 such
findings, 2 a file that cannot be read or is not a JSON document, or a bad
configuration.`,
		Example: `  iamsim lint policies/
  iamsim lint --type scp org/scps/
  iamsim lint --format sarif policies/ > results.sarif
  iamsim lint --format github policies/   # in a GitHub Actions step
  iamsim lint --format markdown policies/ > comment.md
  iamsim lint --fail-on warning --ignore resource-star-restrictable 'roles/*.json'
  cat policy.json | iamsim lint -`,
		Args: needArgs("a policy file, a directory, a glob or - for standard input"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths, opts.Limits, opts.Code = args, limits(cmd), codeValues(cmd)
			opts.Stdin, opts.Stdout, opts.Stderr = cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()
			return runF(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Type, "type", "", "policy kind: identity, resource, trust, boundary, session, scp, rcp or endpoint (default: detected)")
	f.StringVar(&opts.Format, "format", "text", "output: text, json, sarif (code scanning), github (workflow annotations) or markdown (a pull-request comment)")
	f.StringVar(&opts.FailOn, "fail-on", "error", "exit 1 when a finding is at least this severe: error, warning or note")
	f.StringVar(&opts.Config, "config", "", "configuration file with suppressions (default: "+defaultConfig+" if it exists)")
	f.StringArrayVar(&opts.Ignore, "ignore", nil, "suppress a rule everywhere (repeatable)")
	f.BoolVar(&opts.Verbose, "verbose", false, "name each file of a directory or glob skipped as not a policy")
	return cmd
}

func runLint(opts *lintOptions) error {
	kind, err := api.LintKind(opts.Type)
	if err != nil {
		return err
	}
	switch opts.Format {
	case "text", "json", "sarif", "github", "markdown":
	default:
		return fmt.Errorf("--format %q: want text, json, sarif, github or markdown", opts.Format)
	}
	failOn, err := api.LintFailOn(opts.FailOn)
	if err != nil {
		return err
	}
	config := opts.Config
	if config == "" {
		if _, err := os.Stat(defaultConfig); err == nil {
			config = defaultConfig
		}
	}
	report, err := api.Engine{Limits: opts.Limits, Code: opts.Code}.Lint(api.LintOptions{
		Paths: opts.Paths, Stdin: opts.Stdin, Kind: kind, FailOn: failOn, Config: config, Ignore: opts.Ignore,
	})
	if err != nil {
		return err
	}
	for _, e := range report.ReadErrors {
		fmt.Fprintf(opts.Stderr, "iamsim: %s\n", e)
	}
	if len(report.Inputs) == 0 {
		// Nothing was read: a report of no findings in no files would
		// read as a pass.
		return &exitError{ExitInput}
	}
	failed := len(report.ReadErrors) > 0
	for _, in := range report.Inputs {
		switch {
		case in.Skipped && opts.Verbose:
			fmt.Fprintf(opts.Stderr, "iamsim: note: %s: skipped: a JSON object with neither Statement nor Version is not a policy (name the file to lint it)\n", in.Name)
		case in.Err != nil:
			printErrors(opts.Stderr, in.Err)
			failed = true
		}
		for _, n := range in.Notes {
			fmt.Fprintf(opts.Stderr, "iamsim: note: %s\n", n)
		}
	}
	if err := writeLintReport(opts.Stdout, report, opts.Format); err != nil {
		return err
	}
	counts := report.Counts()
	fmt.Fprintln(opts.Stderr, lintformat.Summary(counts, opts.Format))
	for _, s := range report.Suppressions {
		if s.Used() == 0 {
			fmt.Fprintf(opts.Stderr, "iamsim: warning: %s: the suppression of %s matched no finding\n", s.Source, s.Rule)
		}
	}
	switch {
	case failed || counts.Input > 0:
		return &exitError{ExitInput}
	case counts.AtLeast(failOn) > 0:
		return &exitError{ExitFindings}
	}
	return nil
}

// printErrors prints each error of a joined error on its own line, after
// "iamsim: ".
func printErrors(w io.Writer, err error) {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			printErrors(w, e)
		}
		return
	}
	fmt.Fprintf(w, "iamsim: %s\n", err)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
