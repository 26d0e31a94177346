package api

import (
	"fmt"
	"io"

	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/iac"
	"github.com/iamsim/iamsim/internal/lint"
	"github.com/iamsim/iamsim/policy"
)

// LintOptions are the inputs of a lint: what to read and how to judge it.
type LintOptions struct {
	// Paths are files, directories (searched recursively for *.json
	// files), globs, or "-" for Stdin.
	Paths []string
	Stdin io.Reader
	// Kind is the policy kind every policy file is linted as; nil detects
	// it from each document (LintKind). An account export says what each
	// of its documents is.
	Kind *policy.Kind
	// FailOn is the level at which a finding fails the lint: a detected
	// kind matters when another kind would change a finding at or above
	// it (LintFailOn).
	FailOn LintLevel
	// Config is a configuration file of suppressions; "" reads none.
	Config string
	// Ignore are rules to suppress everywhere (--ignore).
	Ignore []string
}

// LintReport is everything one lint found, ready for a renderer
// (internal/lintformat).
type LintReport struct {
	// Inputs are the files read, in order, each with what became of it.
	Inputs []LintInput
	// Files are the documents linted: one per policy file, one per policy
	// of an account export.
	Files []LintedFile
	// ReadErrors are the paths that could not be read; the others were
	// still linted.
	ReadErrors []error
	// Catalog names the embedded service catalog the lint checked
	// against.
	Catalog CatalogInfo
	// Suppressions are the configuration's and Ignore's, each counting the
	// findings it silenced.
	Suppressions []*LintSuppression
	// FailOn is LintOptions.FailOn.
	FailOn LintLevel
}

// LintInput is one file read, and what became of it.
type LintInput struct {
	Name string
	// Skipped is set for a file a directory or glob gave that is not a
	// policy (a JSON object with neither Statement nor Version).
	Skipped bool
	// Err is an account export's whose shape is wrong: the documents read
	// before it are still linted. It may join several errors.
	Err error
	// Notes say what of infrastructure code was not read (a Terraform
	// module from a registry), each "file:line:col: what".
	Notes []string
}

// LintedFile is one linted document and what was found in it.
type LintedFile struct {
	Name string // the file
	// Policy names the principal and policy of a document in an account
	// export ("role deploy, trust policy"); "" for a policy file.
	Policy string
	// Encoded marks a URL-encoded document of an export: its findings'
	// positions are in the decoded text, which stands at At in the file.
	Encoded bool
	At      policy.Pos
	Kind    policy.Kind
	// Guess is set when the kind was detected, not given by
	// LintOptions.Kind.
	Guess    *LintGuess
	Findings []ReportedFinding
}

// ReportedFinding is a finding with the suppression that silenced it, if
// any.
type ReportedFinding struct {
	LintFinding
	Suppressed *LintSuppression
}

// The lint package's types that are the shape of a lint's answer.
type (
	// LintLevel is a finding's severity: note, warning or error.
	LintLevel = lint.Level
	// LintFinding is one problem found, at its position in the file.
	LintFinding = lint.Finding
	// LintRule is a lint rule with the metadata its documentation shows.
	LintRule = lint.Rule
	// LintGuess is a detected policy kind, with the kinds that look the
	// same and would report other findings.
	LintGuess = lint.Guess
	// LintSuppression is one rule suppressed, with the findings it
	// silenced counted.
	LintSuppression = lint.Suppression
	// CatalogInfo names the embedded service catalog: package, version
	// and date.
	CatalogInfo = catalog.Info
)

// The levels of a finding, from least to most serious.
const (
	LintNote    = lint.Note
	LintWarning = lint.Warning
	LintError   = lint.Error
)

// LintRules returns every lint rule, grouped as docs/lint-rules.md groups
// them.
func LintRules() []*LintRule { return lint.Rules() }

// LintKind reads the policy kind a lint is asked for: nil for "", which
// detects the kind of each document.
func LintKind(name string) (*policy.Kind, error) {
	if name == "" {
		return nil, nil
	}
	k, err := policy.ParseKind(name)
	if err != nil {
		return nil, fmt.Errorf("--type %q: want identity, resource, trust, boundary, session, scp, rcp or endpoint", name)
	}
	return &k, nil
}

// LintFailOn reads the level at which a finding fails a lint.
func LintFailOn(name string) (LintLevel, error) {
	failOn, err := lint.ParseLevel(name)
	if err != nil {
		return 0, fmt.Errorf("--fail-on %q: want error, warning or note", name)
	}
	return failOn, nil
}

// Lint reads every path and lints each policy in it: a policy file as
// opts.Kind (or the kind detected), an account export policy by policy,
// with the configuration's suppressions applied. The error is a
// configuration that cannot be read; a path that cannot be read is one of
// the report's ReadErrors, and when none could be, the report has no
// Inputs.
func (e Engine) Lint(opts LintOptions) (*LintReport, error) {
	cfg, err := e.lintConfig(opts)
	if err != nil {
		return nil, err
	}
	inputs, readErrs := collectInputs(opts.Paths, opts.Stdin, e.Limits)
	report := &LintReport{ReadErrors: readErrs, Suppressions: cfg.Ignore, FailOn: opts.FailOn}
	if len(inputs) == 0 {
		return report, nil
	}
	cat, err := catalog.Load()
	if err != nil {
		return nil, err
	}
	linter := lint.New(cat)
	linter.Limits = e.Limits.Policy
	report.Catalog = cat.Info()
	code := &codeLint{reader: e.codeReader(), linted: map[string]bool{}, read: map[string]bool{}}
	for _, in := range inputs {
		report.lint(linter, cfg, code, in, opts.Kind)
	}
	return report, nil
}

// lint lints one input into the report: an account export policy by
// policy, a policy file as kind (detected when kind is nil), and a file a
// directory or glob gave that is not a policy not at all.
func (r *LintReport) lint(linter *lint.Linter, cfg *lint.Config, code *codeLint, in lintInput, kind *policy.Kind) {
	if in.code != iac.None {
		r.lintCode(linter, cfg, code, in)
		return
	}
	export := account.IsExport(in.src)
	if !in.named && !export && !isPolicyFile(in.src) {
		r.Inputs = append(r.Inputs, LintInput{Name: in.name, Skipped: true})
		return
	}
	if export {
		files, err := lintExport(linter, cfg, in)
		r.Files = append(r.Files, files...)
		r.Inputs = append(r.Inputs, LintInput{Name: in.name, Err: err})
		return
	}
	r.Inputs = append(r.Inputs, LintInput{Name: in.name})
	file := LintedFile{Name: in.name}
	if kind == nil {
		findings, guess := linter.LintDetected(in.name, in.src, r.FailOn)
		file.Kind, file.Guess = guess.Kind, &guess
		file.add(cfg, findings)
	} else {
		file.Kind = *kind
		file.add(cfg, linter.Lint(in.name, in.src, *kind))
	}
	r.Files = append(r.Files, file)
}

// add records findings with the suppressions that silence them.
func (file *LintedFile) add(cfg *lint.Config, findings []lint.Finding) {
	for _, f := range findings {
		file.Findings = append(file.Findings, ReportedFinding{LintFinding: f, Suppressed: cfg.Suppress(&f, file.Name)})
	}
}

// lintExport lints every policy document of an account export (the
// output of get-account-authorization-details): inline policies, role
// trust policies as trust policies, and the default version of each
// managed policy, as a permissions boundary when the export counts it as
// used only as one (account.Sources). The kind asked for does not apply:
// the export says what each document is. An export whose shape is
// wrong is an error; the documents read before it are still linted.
func lintExport(linter *lint.Linter, cfg *lint.Config, in lintInput) ([]LintedFile, error) {
	sources, err := account.Sources(in.name, in.src)
	loc := linter.Limits.NewLocator(in.name, in.src)
	var files []LintedFile
	for _, s := range sources {
		file := LintedFile{Name: in.name, Policy: s.Origin, Encoded: s.Encoded, At: s.At, Kind: s.Kind}
		if s.Encoded {
			file.add(cfg, linter.Lint(s.Name, s.Text, s.Kind))
		} else {
			file.add(cfg, linter.LintEmbedded(loc, s.Start, s.End, s.Kind))
		}
		files = append(files, file)
	}
	return files, err
}

// lintConfig reads the configuration file and adds the Ignore rules.
func (e Engine) lintConfig(opts LintOptions) (*lint.Config, error) {
	cfg := &lint.Config{}
	if opts.Config != "" {
		src, err := e.Limits.ReadFile(opts.Config)
		if err != nil {
			return nil, err
		}
		if cfg, err = lint.ParseConfig(opts.Config, src); err != nil {
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
