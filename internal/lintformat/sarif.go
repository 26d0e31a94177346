package lintformat

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/iamsim/iamsim/internal/api"
)

// The SARIF 2.1.0 output, in the subset GitHub code scanning reads
// (docs/cli.md lists the choices).
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool        sarifTool         `json:"tool"`
		Invocations []sarifInvocation `json:"invocations,omitempty"`
		ColumnKind  string            `json:"columnKind"`
		Results     []sarifResult     `json:"results"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name            string            `json:"name"`
		SemanticVersion string            `json:"semanticVersion"`
		InformationURI  string            `json:"informationUri"`
		Rules           []sarifRule       `json:"rules"`
		Properties      map[string]string `json:"properties"`
	}
	sarifRule struct {
		ID                   string            `json:"id"`
		Name                 string            `json:"name"`
		ShortDescription     sarifText         `json:"shortDescription"`
		FullDescription      sarifText         `json:"fullDescription"`
		Help                 sarifHelp         `json:"help"`
		HelpURI              string            `json:"helpUri"`
		DefaultConfiguration sarifLevel        `json:"defaultConfiguration"`
		Properties           sarifRuleProperty `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifLevel struct {
		Level string `json:"level"`
	}
	sarifRuleProperty struct {
		Tags             []string `json:"tags"`
		Precision        string   `json:"precision"`
		SecuritySeverity string   `json:"security-severity,omitempty"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Properties          map[string]any    `json:"properties,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
)

const rulesDocURI = "https://github.com/iamsim/iamsim/blob/main/docs/lint-rules.md"

// SARIF writes the report as SARIF 2.1.0, as tool iamsim of version.
func SARIF(w io.Writer, r *api.LintReport, version string) error {
	rules := api.LintRules()
	index := map[*api.LintRule]int{}
	driver := sarifDriver{
		Name: "iamsim", SemanticVersion: version, InformationURI: "https://github.com/iamsim/iamsim",
		Properties: map[string]string{"catalogPackage": r.Catalog.Package, "catalogVersion": r.Catalog.Version, "catalogDate": r.Catalog.Date},
	}
	for i, rule := range rules {
		index[rule] = i
		driver.Rules = append(driver.Rules, sarifRuleFor(rule))
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	var notes []sarifNotification
	for i := range r.Files {
		file := &r.Files[i]
		uri := artifactURI(file.Name)
		if note := guessNote(file, r.FailOn); note != "" {
			notes = append(notes, sarifNotification{Level: "note", Message: sarifText{note},
				Locations: []sarifLocation{{sarifPhysical{ArtifactLocation: sarifArtifact{uri}, Region: sarifRegion{1, 1, 1, 2}}}}})
		}
		seen := map[string]int{}
		for _, f := range file.Findings {
			if f.Suppressed != nil {
				// Code scanning does not honour SARIF suppressions: a
				// suppressed result would show as an open alert.
				continue
			}
			start, end, msg := f.Pos, f.End, message(file, f.LintFinding)
			if file.Encoded {
				// The file holds the document URL-encoded: point at its
				// string, and say where in the decoded text.
				start, end = file.At, file.At
				msg = fmt.Sprintf("%s, line %d column %d of the decoded document: %s", file.Policy, f.Pos.Line, f.Pos.Col, f.Message)
			}
			if end == start {
				end.Col++ // SARIF regions are not empty; mark one character
			}
			res := sarifResult{
				RuleID: f.Rule.ID, RuleIndex: index[f.Rule], Level: f.Level.String(), Message: sarifText{msg},
				Locations: []sarifLocation{{sarifPhysical{
					ArtifactLocation: sarifArtifact{uri},
					Region:           sarifRegion{start.Line, start.Col, end.Line, end.Col},
				}}},
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
		run.Invocations = []sarifInvocation{{ExecutionSuccessful: true, ToolExecutionNotifications: notes}}
	}
	return writeIndentedJSON(w, sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// artifactURI is the SARIF artifact location of a linted file: the path
// as given, with / separators, which code scanning resolves against the
// repository root; a file: URI for an absolute path; "stdin" for standard
// input.
func artifactURI(name string) string {
	switch {
	case name == "<stdin>":
		return "stdin"
	case filepath.IsAbs(name):
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(name)}).String()
	}
	return (&url.URL{Path: filepath.ToSlash(filepath.Clean(name))}).String()
}

// sarifRuleFor is a rule as SARIF describes it.
func sarifRuleFor(r *api.LintRule) sarifRule {
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
	return sarifRule{
		ID: r.ID, Name: ruleName(r.ID),
		ShortDescription:     sarifText{r.Title},
		FullDescription:      sarifText{r.Description},
		Help:                 sarifHelp{Text: help, Markdown: help},
		HelpURI:              rulesDocURI + "#" + r.ID,
		DefaultConfiguration: sarifLevel{r.Level.String()},
		Properties:           sarifRuleProperty{Tags: tags, Precision: precision, SecuritySeverity: r.Security.Score()},
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
