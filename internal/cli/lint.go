package cli

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/tidwall/gjson"

	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/lint"
	"github.com/iamsim/iamsim/internal/source"
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
	// Verbose notes on standard error each file a directory or glob gave
	// that was skipped as not a policy.
	Verbose bool
	// Limits bound what is read of one file; the zero value reads with
	// the defaults.
	Limits source.Limits
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
	f.BoolVar(&opts.Verbose, "verbose", false, "name each file of a directory or glob skipped as not a policy")
	return cmd
}

// lintInput is one document to lint.
type lintInput struct {
	name string
	src  []byte
	// named is set for a file named on the command line (or standard
	// input), clear for one a directory or a glob gave.
	named bool
}

// isPolicyFile reports whether a file a directory or glob gave, not an
// account export (account.IsExport), is to be linted: anything but a
// JSON object with neither Statement nor Version (package.json,
// tsconfig.json). Invalid
// JSON is linted, so that a broken policy is reported, unless it is an
// object that names none of those keys (a tsconfig.json with comments).
func isPolicyFile(src []byte) bool {
	if !gjson.ValidBytes(src) {
		if !bytes.HasPrefix(bytes.TrimLeft(src, " \t\r\n"), []byte("{")) {
			return true
		}
		for _, key := range []string{`"Statement"`, `"Version"`, `DetailList"`, `"Policies"`} {
			if bytes.Contains(src, []byte(key)) {
				return true
			}
		}
		return false
	}
	root := gjson.ParseBytes(src)
	return !root.IsObject() || root.Get("Statement").Exists() || root.Get("Version").Exists()
}

// lintedFile is one linted document and what was found in it.
type lintedFile struct {
	name string // the file
	// policy names the principal and policy of a document in an account
	// export ("role deploy, trust policy"); "" for a policy file.
	policy string
	// encoded marks a URL-encoded document of an export: its findings'
	// positions are in the decoded text, which stands at at in the file.
	encoded bool
	at      policy.Pos
	kind    policy.Kind
	// guess is set when the kind was detected, not given by --type.
	guess    *lint.Guess
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
	inputs       int // the files linted; an account export is one file of many documents
	skipped      int // files of directories and globs skipped as not policies
	catalog      catalog.Info
	suppressions []*lint.Suppression
	// failOn is the --fail-on level: a detected kind matters when another
	// kind would change a finding at or above it.
	failOn lint.Level
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
	if len(inputs) == 0 {
		// Nothing was read: a report of no findings in no files would
		// read as a pass.
		return &exitError{ExitInput}
	}
	cat, err := catalog.Load()
	if err != nil {
		return err
	}
	linter := lint.New(cat)
	linter.Limits = opts.Limits.Policy
	report := &lintReport{catalog: cat.Info(), suppressions: cfg.Ignore, failOn: failOn}
	for _, in := range inputs {
		if err := report.lint(linter, cfg, in, kind, opts); err != nil {
			printErrors(opts.Stderr, err)
			readErrs = append(readErrs, err)
		}
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
	fmt.Fprintln(opts.Stderr, counts.summary(report.inputs, report.skipped, opts.Format))
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

// lint lints one input into the report: an account export policy by
// policy, a policy file as kind (detected when --type is not given), and
// a file a directory or glob gave that is not a policy not at all. The
// error is an account export's whose shape is wrong.
func (r *lintReport) lint(linter *lint.Linter, cfg *lint.Config, in lintInput, kind policy.Kind, opts *lintOptions) error {
	export := account.IsExport(in.src)
	if !in.named && !export && !isPolicyFile(in.src) {
		r.skipped++
		if opts.Verbose {
			fmt.Fprintf(opts.Stderr, "iamsim: note: %s: skipped: a JSON object with neither Statement nor Version is not a policy (name the file to lint it)\n", in.name)
		}
		return nil
	}
	r.inputs++
	if export {
		files, err := lintExport(linter, cfg, in)
		r.files = append(r.files, files...)
		return err
	}
	file := lintedFile{name: in.name, kind: kind}
	if opts.Type == "" {
		findings, guess := linter.LintDetected(in.name, in.src, r.failOn)
		file.kind, file.guess = guess.Kind, &guess
		file.add(cfg, findings)
	} else {
		file.add(cfg, linter.Lint(in.name, in.src, kind))
	}
	r.files = append(r.files, file)
	return nil
}

// add records findings with the suppressions that silence them.
func (file *lintedFile) add(cfg *lint.Config, findings []lint.Finding) {
	for _, f := range findings {
		file.findings = append(file.findings, reportedFinding{Finding: f, suppressed: cfg.Suppress(&f, file.name)})
	}
}

// lintExport lints every policy document of an account export (the
// output of get-account-authorization-details): inline policies, role
// trust policies as trust policies, and the default version of each
// managed policy, as a permissions boundary when the export counts it as
// used only as one (account.Sources). --type does not apply: the export
// says what each document is. An export whose shape is
// wrong is an error; the documents read before it are still linted.
func lintExport(linter *lint.Linter, cfg *lint.Config, in lintInput) ([]lintedFile, error) {
	sources, err := account.Sources(in.name, in.src)
	loc := linter.Limits.NewLocator(in.name, in.src)
	var files []lintedFile
	for _, s := range sources {
		file := lintedFile{name: in.name, policy: s.Origin, encoded: s.Encoded, at: s.At, kind: s.Kind}
		if s.Encoded {
			file.add(cfg, linter.Lint(s.Name, s.Text, s.Kind))
		} else {
			file.add(cfg, linter.LintEmbedded(loc, s.Start, s.End, s.Kind))
		}
		files = append(files, file)
	}
	return files, err
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

// checkLintOptions checks the flag values and returns the policy kind and
// the --fail-on level.
func checkLintOptions(opts *lintOptions) (policy.Kind, lint.Level, error) {
	var kind policy.Kind
	if opts.Type != "" {
		k, err := policy.ParseKind(opts.Type)
		if err != nil {
			return 0, 0, fmt.Errorf("--type %q: want identity, resource, trust, boundary, session, scp, rcp or endpoint", opts.Type)
		}
		kind = k
	}
	switch opts.Format {
	case "text", "json", "sarif":
	default:
		return 0, 0, fmt.Errorf("--format %q: want text, json or sarif", opts.Format)
	}
	failOn, err := lint.ParseLevel(opts.FailOn)
	if err != nil {
		return 0, 0, fmt.Errorf("--fail-on %q: want error, warning or note", opts.FailOn)
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
		s, err := lint.NewSuppression(rule, nil, "", "--ignore")
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
	// kindNotes counts the files whose detected kind could change the
	// exit status: those with a note (lintedFile.guessNote).
	kindNotes int
}

func (r *lintReport) counts() findingCounts {
	c := findingCounts{byLevel: map[lint.Level]int{}}
	for _, file := range r.files {
		if file.guessNote(r.failOn) != "" {
			c.kindNotes++
		}
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
// 0 notes in 3 files (1 suppressed, 2 files skipped as not policies)",
// followed, when kinds were detected with consequences, by "; the
// detected kind of 2 files could change the exit status: see their notes,
// or give --type" (their kindAlternatives, in the JSON format).
func (c findingCounts) summary(files, skipped int, format string) string {
	s := fmt.Sprintf("%d %s, %d %s, %d %s in %d %s",
		c.byLevel[lint.Error], plural(c.byLevel[lint.Error], "error"),
		c.byLevel[lint.Warning], plural(c.byLevel[lint.Warning], "warning"),
		c.byLevel[lint.Note], plural(c.byLevel[lint.Note], "note"),
		files, plural(files, "file"))
	var extra []string
	if c.suppressed > 0 {
		extra = append(extra, fmt.Sprintf("%d suppressed", c.suppressed))
	}
	if skipped > 0 {
		extra = append(extra, fmt.Sprintf("%d %s skipped as not policies", skipped, plural(skipped, "file")))
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	if c.kindNotes > 0 {
		see := plural(c.kindNotes, "note")
		if format == "json" {
			see = "kindAlternatives"
		}
		s += fmt.Sprintf("; the detected kind of %d %s could change the exit status: see %s %s, or give --type",
			c.kindNotes, plural(c.kindNotes, "file"), map[bool]string{true: "its", false: "their"}[c.kindNotes == 1], see)
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
func collectInputs(paths []string, stdin io.Reader, lim source.Limits) ([]lintInput, []error) {
	var inputs []lintInput
	var errs []error
	seen := map[string]bool{}
	add := func(path string, named bool) {
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
		inputs = append(inputs, lintInput{name: path, src: src, named: named})
	}
	for _, path := range paths {
		if path == "-" {
			src, err := lim.Read("<stdin>", stdin)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			inputs = append(inputs, lintInput{name: "<stdin>", src: src, named: true})
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
				errs = append(errs, source.FileError(m, err))
			case info.IsDir():
				files, walkErrs := jsonFiles(m)
				errs = append(errs, walkErrs...)
				for _, f := range files {
					add(f, false)
				}
			default:
				add(m, m == path) // a glob's matches are not named
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
			errs = append(errs, source.FileError(p, err))
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
