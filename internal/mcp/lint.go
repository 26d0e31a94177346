package mcp

import (
	"errors"
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/lintformat"
)

// inlineName names an inline policy (the argument it came from) in
// positions: policy:3:15.
const inlineName = "policy"

// stdinName is what the api calls standard input, through which the lint
// tool hands it an inline policy.
const stdinName = "<stdin>"

// LintInput are the arguments of the lint tool: one inline policy, or
// paths (files, directories, globs, templates, Terraform, FILE#SELECTOR
// references to policies of code), or both.
type LintInput struct {
	Policy string   `json:"policy,omitempty" jsonschema:"a policy document as JSON text, named policy in positions"`
	Paths  []string `json:"paths,omitempty" jsonschema:"policy files, directories, globs, templates, Terraform modules, or FILE#SELECTOR references"`
	Kind   string   `json:"kind,omitempty" jsonschema:"identity, resource, trust, boundary, session, scp, rcp or endpoint; detected when not given"`
}

// LintOutput is the lint tool's answer.
type LintOutput struct {
	Findings []Finding `json:"findings"`
	// Errors, Warnings and Notes count the findings by level.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Notes    int `json:"notes"`
}

// Finding is one problem lint found in a policy.
type Finding struct {
	Rule  string `json:"rule" jsonschema:"the rule's ID (docs/lint-rules.md)"`
	Level string `json:"level" jsonschema:"error, warning or note"`
	// Position is file:line:col where the problem starts.
	Position string `json:"position" jsonschema:"file:line:col"`
	// Policy names the policy within a file that holds several (an
	// account export, a template).
	Policy     string `json:"policy,omitempty"`
	Kind       string `json:"kind" jsonschema:"the kind the policy was linted as"`
	Path       string `json:"path,omitempty" jsonschema:"the element, as Statement[1].Action[0]"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
}

// lintTool lints the policies of in (api.Engine.Lint); the text content
// is the report as iamsim lint prints it.
func lintTool(e api.Engine, in LintInput) (LintOutput, string, error) {
	out := LintOutput{Findings: []Finding{}}
	if err := noStdin("paths", in.Paths); err != nil {
		return out, "", err
	}
	paths := in.Paths
	if strings.TrimSpace(in.Policy) != "" {
		paths = append([]string{"-"}, paths...)
	}
	if len(paths) == 0 {
		return out, "", fmt.Errorf("policy or paths: give a policy as JSON text, or paths to lint")
	}
	kind, err := api.LintKind(in.Kind)
	if err != nil {
		return out, "", fmt.Errorf("kind %q: want identity, resource, trust, boundary, session, scp, rcp or endpoint", in.Kind)
	}
	report, err := e.Lint(api.LintOptions{Paths: paths, Stdin: strings.NewReader(in.Policy), Kind: kind})
	if err != nil {
		return out, "", err
	}
	if len(report.ReadErrors) > 0 {
		return out, "", errors.Join(report.ReadErrors...)
	}
	for _, i := range report.Inputs {
		if i.Err != nil {
			return out, "", i.Err
		}
	}
	for i := range report.Files {
		file := &report.Files[i]
		if file.Name == stdinName {
			file.Name = inlineName
		}
		for j := range file.Findings {
			f := &file.Findings[j]
			if f.Pos.File == stdinName {
				f.Pos.File = inlineName
			}
			if f.Suppressed != nil {
				continue
			}
			out.Findings = append(out.Findings, Finding{
				Rule: f.Rule.ID, Level: f.Level.String(), Position: f.Pos.String(), Policy: file.Policy, Kind: file.Kind.String(),
				Path: f.Path, Message: f.Message, Suggestion: f.Suggestion,
			})
		}
	}
	c := report.Counts()
	out.Errors, out.Warnings, out.Notes = c.ByLevel[api.LintError], c.ByLevel[api.LintWarning], c.ByLevel[api.LintNote]
	var text strings.Builder
	lintformat.Text(&text, report)
	return out, text.String(), nil
}
