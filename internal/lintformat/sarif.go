package lintformat

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/sarif"
)

const rulesDocURI = "https://github.com/iamsim/iamsim/blob/main/docs/lint-rules.md"

// SARIF writes the report as SARIF 2.1.0, as tool iamsim of version.
func SARIF(w io.Writer, r *api.LintReport, version string) error {
	rules := api.LintRules()
	index := map[*api.LintRule]int{}
	driver := sarif.Driver{
		Name: "iamsim", SemanticVersion: version, InformationURI: "https://github.com/iamsim/iamsim",
		Properties: map[string]string{"catalogPackage": r.Catalog.Package, "catalogVersion": r.Catalog.Version, "catalogDate": r.Catalog.Date},
	}
	for i, rule := range rules {
		index[rule] = i
		driver.Rules = append(driver.Rules, sarifRuleFor(rule))
	}
	run := sarif.Run{Tool: sarif.Tool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarif.Result{}}
	var notes []sarif.Notification
	for i := range r.Files {
		file := &r.Files[i]
		uri := sarif.ArtifactURI(file.Name)
		if note := guessNote(file, r.FailOn); note != "" {
			notes = append(notes, sarif.Notification{Level: "note", Message: sarif.Text{Text: note},
				Locations: sarif.At(uri, sarif.Region{StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 2})})
		}
		seen := map[string]int{}
		for _, f := range file.Findings {
			if f.Suppressed != nil {
				// Code scanning does not honour SARIF suppressions: a
				// suppressed result would show as an open alert.
				continue
			}
			start, end, msg := located(file, f.LintFinding)
			if end == start {
				end.Col++ // SARIF regions are not empty; mark one character
			}
			res := sarif.Result{
				RuleID: f.Rule.ID, RuleIndex: index[f.Rule], Level: f.Level.String(), Message: sarif.Text{Text: msg},
				Locations:           sarif.At(uri, sarif.Region{StartLine: start.Line, StartColumn: start.Col, EndLine: end.Line, EndColumn: end.Col}),
				PartialFingerprints: map[string]string{"primaryLocationLineHash": fingerprint(f.LintFinding, uri, file.Policy, seen)},
			}
			res.Properties = map[string]any{"policyKind": file.Kind.String()}
			if file.Policy != "" {
				res.Properties["policy"] = file.Policy
			}
			if file.Guess != nil {
				res.Properties["policyKindDetected"] = true
			}
			run.Results = append(run.Results, res)
		}
	}
	if len(notes) > 0 {
		run.Invocations = []sarif.Invocation{{ExecutionSuccessful: true, ToolExecutionNotifications: notes}}
	}
	return sarif.Write(w, sarif.NewLog(run))
}

// sarifRuleFor is a rule as SARIF describes it.
func sarifRuleFor(r *api.LintRule) sarif.Rule {
	tags := []string{"iam"}
	precision := "very-high"
	if r.Security.String() != "" { // a rule about security: its rank has a name
		tags = append(tags, "security")
		precision = "high"
	}
	if r.Code != "" {
		tags = append(tags, "syntax")
	}
	help := r.Description + "\n\nFix: " + r.Fix
	return sarif.Rule{
		ID: r.ID, Name: ruleName(r.ID),
		ShortDescription:     sarif.Text{Text: r.Title},
		FullDescription:      sarif.Text{Text: r.Description},
		Help:                 sarif.Help{Text: help, Markdown: help},
		HelpURI:              rulesDocURI + "#" + r.ID,
		DefaultConfiguration: sarif.Level{Level: r.Level.String()},
		Properties:           sarif.RuleProperties{Tags: tags, Precision: precision, SecuritySeverity: r.Security.Score()},
	}
}

// ruleName turns a rule ID into SARIF's PascalCase name: passrole-broad
// becomes PassroleBroad.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// fingerprint identifies a finding independently of its line and of its
// message's details (counts, action lists), so that code scanning tracks
// it across reformatting and edits elsewhere in the policy: a hash of the
// rule, the file and the element's key (its JSON path, the statement named
// by Sid where it has one, and in an account export the policy), with a
// counter for repeats. Grammar problems have no element, so their message
// stands in for it.
func fingerprint(f api.LintFinding, uri, pol string, seen map[string]int) string {
	element := f.Key
	if f.Rule.Code != "" {
		element = f.Message
	}
	if pol != "" {
		element = pol + "\x00" + element
	}
	sum := sha256.Sum256([]byte(f.Rule.ID + "\x00" + uri + "\x00" + element))
	key := hex.EncodeToString(sum[:16])
	seen[key]++
	return fmt.Sprintf("%s:%d", key, seen[key])
}
