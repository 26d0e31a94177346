package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/lint"
	"github.com/iamsim/iamsim/internal/scenario"
	"github.com/iamsim/iamsim/policy"
)

// defaultConfig is the configuration file lint reads when --config is not
// given and the file exists in the working directory.
const defaultConfig = ".iamsim.yaml"

// lintOptions are the inputs of `iamsim lint`.
type lintOptions struct {
	Paths  []string
	Type   string // policy kind; "" detects it from each document
	Format string // text, json or sarif
	FailOn string // error, warning or note
	Config string // configuration file; "" reads .iamsim.yaml if present
	Ignore []string
	// Limits bound what is read of one file; the zero value reads with
	// the defaults.
	Limits scenario.Limits
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
(quote it: 'policies/*/role-*.json') or - for standard input. The policy
kind decides which elements are required or forbidden and which rules
apply; without --type it is detected from each document: a Principal
makes a resource-based policy, or a role trust policy when all its
actions are sts:AssumeRole*, and anything else is an identity-based
policy.

Findings are suppressed by rule and path in .iamsim.yaml (or --config)
and by --ignore RULE; RULE is a rule ID, a parser code (E012) or an
Access Analyzer issue code (AA:PASS_ROLE_WITH_STAR_IN_RESOURCE).

Exit status: 0 no finding at or above --fail-on, 1 such findings, 2 a file
that cannot be read or is not a JSON document, or a bad configuration.`,
		Example: `  iamsim lint policies/
  iamsim lint --type scp org/scps/
  iamsim lint --format sarif policies/ > results.sarif
  iamsim lint --fail-on warning --ignore resource-star-restrictable 'roles/*.json'
  cat policy.json | iamsim lint -`,
		Args: needArgs("a policy file, a directory, a glob or - for standard input"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths, opts.Limits = args, limits(cmd)
			opts.Stdin, opts.Stdout, opts.Stderr = cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()
			return runF(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Type, "type", "", "policy kind: identity, resource, trust, boundary, session, scp, rcp or endpoint (default: detected)")
	f.StringVar(&opts.Format, "format", "text", "output format: text, json or sarif")
	f.StringVar(&opts.FailOn, "fail-on", "error", "exit 1 when a finding is at least this severe: error, warning or note")
	f.StringVar(&opts.Config, "config", "", "configuration file with suppressions (default: "+defaultConfig+" if it exists)")
	f.StringArrayVar(&opts.Ignore, "ignore", nil, "suppress a rule everywhere (repeatable)")
	return cmd
}

// lintInput is one document to lint.
type lintInput struct {
	name string
	src  []byte
}

// lintedFile is one linted document and what was found in it.
type lintedFile struct {
	name     string
	kind     policy.Kind
	findings []reportedFinding
}

// reportedFinding is a finding with the suppression that silenced it, if
// any.
type reportedFinding struct {
	lint.Finding
	suppressed *lint.Suppression
}

// lintReport is everything one run found, ready for a formatter.
type lintReport struct {
	files        []lintedFile
	catalog      catalog.Info
	suppressions []*lint.Suppression
}

func runLint(opts *lintOptions) error {
	kind, failOn, err := checkLintOptions(opts)
	if err != nil {
		return err
	}
	cfg, err := loadLintConfig(opts)
	if err != nil {
		return err
	}
	inputs, readErrs := collectInputs(opts.Paths, opts.Stdin, opts.Limits)
	for _, e := range readErrs {
		fmt.Fprintf(opts.Stderr, "iamsim: %s\n", e)
	}
	cat, err := catalog.Load()
	if err != nil {
		return err
	}
	linter := lint.New(cat)
	report := &lintReport{catalog: cat.Info(), suppressions: cfg.Ignore}
	for _, in := range inputs {
		k := kind
		if opts.Type == "" {
			k = policy.DetectKind(in.src)
		}
		file := lintedFile{name: in.name, kind: k}
		for _, f := range linter.Lint(in.name, in.src, k) {
			file.findings = append(file.findings, reportedFinding{Finding: f, suppressed: cfg.Suppress(&f, in.name)})
		}
		report.files = append(report.files, file)
	}
	switch opts.Format {
	case "json":
		err = writeLintJSON(opts.Stdout, report)
	case "sarif":
		err = writeLintSARIF(opts.Stdout, report)
	default:
		writeLintText(opts.Stdout, report)
	}
	if err != nil {
		return err
	}
	counts := report.counts()
	fmt.Fprintln(opts.Stderr, counts.summary(len(inputs)))
	for _, s := range cfg.Ignore {
		if s.Used() == 0 {
			fmt.Fprintf(opts.Stderr, "iamsim: warning: %s: the suppression of %s matched no finding\n", s.Source, s.Rule)
		}
	}
	exit := ExitOK
	switch {
	case len(readErrs) > 0 || counts.input > 0:
		exit = ExitInput
	case counts.atLeast(failOn) > 0:
		exit = ExitFindings
	}
	if exit != ExitOK {
		return &exitError{exit}
	}
	return nil
}

// checkLintOptions checks the flag values and returns the policy kind and
// the --fail-on level.
func checkLintOptions(opts *lintOptions) (policy.Kind, lint.Level, error) {
	var kind policy.Kind
	if opts.Type != "" {
		k, err := policy.ParseKind(opts.Type)
		if err != nil {
			return 0, 0, err
		}
		kind = k
	}
	switch opts.Format {
	case "text", "json", "sarif":
	default:
		return 0, 0, fmt.Errorf("unknown --format %q (want text, json or sarif)", opts.Format)
	}
	failOn, err := lint.ParseLevel(opts.FailOn)
	if err != nil {
		return 0, 0, fmt.Errorf("--fail-on: %w", err)
	}
	return kind, failOn, nil
}

// loadLintConfig reads the configuration file and adds the --ignore rules.
func loadLintConfig(opts *lintOptions) (*lint.Config, error) {
	cfg := &lint.Config{}
	path := opts.Config
	if path == "" {
		if _, err := os.Stat(defaultConfig); err == nil {
			path = defaultConfig
		}
	}
	if path != "" {
		src, err := opts.Limits.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if cfg, err = lint.ParseConfig(path, src); err != nil {
			return nil, err
		}
	}
	for _, rule := range opts.Ignore {
		s, err := lint.NewSuppression(rule, nil, "", "--ignore "+rule)
		if err != nil {
			return nil, err
		}
		cfg.Ignore = append(cfg.Ignore, s)
	}
	return cfg, nil
}

// findingCounts counts the unsuppressed findings by level.
type findingCounts struct {
	byLevel    map[lint.Level]int
	input      int // findings that make the file unusable (exit 2)
	suppressed int
}

func (r *lintReport) counts() findingCounts {
	c := findingCounts{byLevel: map[lint.Level]int{}}
	for _, file := range r.files {
		for _, f := range file.findings {
			switch {
			case f.suppressed != nil:
				c.suppressed++
			default:
				c.byLevel[f.Level]++
				if f.Rule.Code.IsInput() {
					c.input++
				}
			}
		}
	}
	return c
}

// atLeast counts the unsuppressed findings at level or above.
func (c findingCounts) atLeast(level lint.Level) int {
	n := 0
	for l, k := range c.byLevel {
		if l >= level {
			n += k
		}
	}
	return n
}

// summary is the closing line on standard error: "2 errors, 1 warning,
// 0 notes in 3 files (1 suppressed)".
func (c findingCounts) summary(files int) string {
	s := fmt.Sprintf("%d %s, %d %s, %d %s in %d %s",
		c.byLevel[lint.Error], plural(c.byLevel[lint.Error], "error"),
		c.byLevel[lint.Warning], plural(c.byLevel[lint.Warning], "warning"),
		c.byLevel[lint.Note], plural(c.byLevel[lint.Note], "note"),
		files, plural(files, "file"))
	if c.suppressed > 0 {
		s += fmt.Sprintf(" (%d suppressed)", c.suppressed)
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// collectInputs reads every path: files as given, directories recursively
// (*.json files, in lexical order), globs, and "-" from stdin. Paths that
// cannot be read are returned as errors; the others are still linted.
func collectInputs(paths []string, stdin io.Reader, lim scenario.Limits) ([]lintInput, []error) {
	var inputs []lintInput
	var errs []error
	seen := map[string]bool{}
	add := func(path string) {
		clean := filepath.Clean(path)
		if seen[clean] {
			return // named twice: lint it once
		}
		seen[clean] = true
		src, err := lim.ReadFile(path)
		if err != nil {
			errs = append(errs, err)
			return
		}
		inputs = append(inputs, lintInput{name: path, src: src})
	}
	for _, path := range paths {
		if path == "-" {
			src, err := lim.Read("<stdin>", stdin)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			inputs = append(inputs, lintInput{name: "<stdin>", src: src})
			continue
		}
		matches, err := expandPath(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, m := range matches {
			info, err := os.Stat(m)
			switch {
			case err != nil:
				errs = append(errs, describeFileError(m, err))
			case info.IsDir():
				files, walkErrs := jsonFiles(m)
				errs = append(errs, walkErrs...)
				for _, f := range files {
					add(f)
				}
			default:
				add(m)
			}
		}
	}
	return inputs, errs
}

// expandPath returns the path itself, or for a glob that names no file the
// paths it matches.
func expandPath(path string) ([]string, error) {
	if _, err := os.Lstat(path); err == nil || !strings.ContainsAny(path, "*?[") {
		return []string{path}, nil
	}
	matches, err := filepath.Glob(path)
	if err != nil {
		return nil, fmt.Errorf("%s: malformed glob: %v", path, err)
	}
	if len(matches) == 0 {
		return nil, fmt.Errorf("%s: no file matches this pattern", path)
	}
	return matches, nil
}

// jsonFiles returns the *.json files under dir in lexical order.
func jsonFiles(dir string) ([]string, []error) {
	var files []string
	var errs []error
	walkErr := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, describeFileError(p, err))
			return nil
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".json") {
			files = append(files, p)
		}
		return nil
	})
	if walkErr != nil {
		errs = append(errs, walkErr)
	}
	if len(files) == 0 {
		errs = append(errs, fmt.Errorf("%s: no *.json files in this directory", dir))
	}
	sort.Strings(files)
	return files, errs
}

// describeFileError turns a file system error into one clear line.
func describeFileError(path string, err error) error {
	switch {
	case os.IsNotExist(err):
		return fmt.Errorf("%s: no such file or directory", path)
	case os.IsPermission(err):
		return fmt.Errorf("%s: permission denied", path)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", path, pe.Err)
	}
	return fmt.Errorf("%s: %v", path, err)
}
