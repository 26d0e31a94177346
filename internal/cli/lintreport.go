package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/iamsim/iamsim/internal/lint"
	"github.com/iamsim/iamsim/policy"
)

// writeLintText prints each unsuppressed finding as
// "file:line:col: severity rule-id: message", then its source line and a
// caret under the column.
func writeLintText(w io.Writer, r *lintReport) {
	for _, file := range r.files {
		if note := file.guessNote(r.failOn); note != "" {
			fmt.Fprintf(w, "%s: note: %s\n", file.name, note)
		}
		for _, f := range file.findings {
			if f.suppressed != nil {
				continue
			}
			fmt.Fprintf(w, "%s: %s %s: %s\n", f.Pos, f.Level, f.Rule.ID, file.message(f.Finding))
			if f.Line != "" {
				line, col := excerpt(f.Line, f.Pos.Col)
				fmt.Fprintf(w, "    %s\n    %s^\n", line, policy.CaretIndent(line, col))
			}
		}
	}
}

// guessNote says, when the kind of the file was detected and another kind
// the detection cannot tell from it gives other findings at or above
// failOn, the --fail-on level (lint.Guess.Differ), what was detected and
// how to choose: "linted as --type resource (detected: a Principal);
// --type trust or rcp would report other errors". It is "" when the guess
// could not change the exit status.
func (file *lintedFile) guessNote(failOn lint.Level) string {
	if file.guess == nil || len(file.guess.Differ) == 0 {
		return ""
	}
	others := make([]string, len(file.guess.Differ))
	for i, k := range file.guess.Differ {
		others[i] = k.String()
	}
	findings := map[lint.Level]string{lint.Error: "errors", lint.Warning: "errors or warnings"}[failOn]
	if findings == "" {
		findings = "findings"
	}
	return fmt.Sprintf("linted as --type %s (detected: %s); --type %s would report other %s",
		file.kind, file.guess.Reason, joinOr(others), findings)
}

// joinOr joins words as "a", "a or b", "a, b or c".
func joinOr(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// message is a finding's message as the text and SARIF outputs show it:
// in an account export, after the principal and policy it is in, unless
// its position already names them (a URL-encoded document's positions
// are labelled "export.json (role deploy, trust policy)").
func (file *lintedFile) message(f lint.Finding) string {
	if file.policy == "" || file.encoded {
		return f.Message
	}
	return file.policy + ": " + f.Message
}

// A source line longer than excerptMax characters (a minified policy is
// one line) is cut to excerptWidth characters around the column.
const (
	excerptMax   = 160
	excerptWidth = 120
)

// excerpt returns the part of a source line the text output shows,
// marking cuts with "...", and the column in it.
func excerpt(line string, col int) (string, int) {
	r := []rune(line)
	if len(r) <= excerptMax {
		return line, col
	}
	start := max(0, min(col-1-excerptWidth/2, len(r)-excerptWidth))
	end := start + excerptWidth
	out, col := string(r[start:end]), col-start
	if start > 0 {
		out, col = "..."+out, col+3
	}
	if end < len(r) {
		out += "..."
	}
	return out, col
}

// The JSON output, documented in docs/cli.md. Fields are only added,
// never renamed or removed, while SchemaVersion stays 1.
type (
	lintJSON struct {
		SchemaVersion int              `json:"schemaVersion"`
		Tool          lintJSONTool     `json:"tool"`
		Files         []lintJSONFile   `json:"files"`
		Findings      []lintJSONResult `json:"findings"`
		Summary       lintJSONSummary  `json:"summary"`
	}
	lintJSONTool struct {
		Name    string      `json:"name"`
		Version string      `json:"version"`
		Catalog catalogJSON `json:"catalog"`
	}
	catalogJSON struct {
		Package string `json:"package"`
		Version string `json:"version"`
		Date    string `json:"date"`
	}
	lintJSONFile struct {
		Path   string `json:"path"`
		Policy string `json:"policy,omitempty"`
		Kind   string `json:"kind"`
		// KindDetected is set when the kind was detected, not given by
		// --type; KindAlternatives then lists the kinds the detection
		// cannot tell from it that report other findings.
		KindDetected     bool     `json:"kindDetected,omitempty"`
		KindAlternatives []string `json:"kindAlternatives,omitempty"`
	}
	lintJSONResult struct {
		File              string   `json:"file"`
		Policy            string   `json:"policy,omitempty"`
		Decoded           bool     `json:"decoded,omitempty"`
		Line              int      `json:"line"`
		Column            int      `json:"column"`
		EndLine           int      `json:"endLine"`
		EndColumn         int      `json:"endColumn"`
		Severity          string   `json:"severity"`
		Rule              string   `json:"rule"`
		Code              string   `json:"code,omitempty"`
		Security          string   `json:"security,omitempty"`
		AccessAnalyzer    []string `json:"accessAnalyzer,omitempty"`
		Path              string   `json:"path,omitempty"`
		Message           string   `json:"message"`
		Suggestion        string   `json:"suggestion,omitempty"`
		Suppressed        bool     `json:"suppressed,omitempty"`
		SuppressionReason string   `json:"suppressionReason,omitempty"`
	}
	lintJSONSummary struct {
		Files      int `json:"files"`
		Errors     int `json:"errors"`
		Warnings   int `json:"warnings"`
		Notes      int `json:"notes"`
		Suppressed int `json:"suppressed"`
		// FilesWithKindAlternatives counts the files with
		// kindAlternatives, those the text output gives a note.
		FilesWithKindAlternatives int `json:"filesWithKindAlternatives"`
	}
)

func writeLintJSON(w io.Writer, r *lintReport) error {
	out := lintJSON{
		SchemaVersion: 1,
		Tool:          lintJSONTool{Name: "iamsim", Version: Version, Catalog: catalogJSON{r.catalog.Package, r.catalog.Version, r.catalog.Date}},
		Files:         []lintJSONFile{},
		Findings:      []lintJSONResult{},
	}
	for _, file := range r.files {
		jf := lintJSONFile{Path: file.name, Policy: file.policy, Kind: file.kind.String()}
		if file.guess != nil {
			jf.KindDetected = true
			for _, k := range file.guess.Differ {
				jf.KindAlternatives = append(jf.KindAlternatives, k.String())
			}
		}
		out.Files = append(out.Files, jf)
		for _, f := range file.findings {
			res := lintJSONResult{
				File: file.name, Policy: file.policy, Decoded: file.encoded, Line: f.Pos.Line, Column: f.Pos.Col, EndLine: f.End.Line, EndColumn: f.End.Col,
				Severity: f.Level.String(), Rule: f.Rule.ID, Code: string(f.Rule.Code), Security: f.Rule.Security.String(),
				AccessAnalyzer: f.Rule.AccessAnalyzer, Path: f.Path, Message: f.Message, Suggestion: f.Suggestion,
			}
			if f.suppressed != nil {
				res.Suppressed, res.SuppressionReason = true, f.suppressed.Reason
			}
			out.Findings = append(out.Findings, res)
		}
	}
	c := r.counts()
	out.Summary = lintJSONSummary{
		Files: r.inputs, Errors: c.byLevel[lint.Error], Warnings: c.byLevel[lint.Warning], Notes: c.byLevel[lint.Note], Suppressed: c.suppressed,
		FilesWithKindAlternatives: c.kindNotes,
	}
	return writeIndentedJSON(w, out)
}

func writeIndentedJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

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

func writeLintSARIF(w io.Writer, r *lintReport) error {
	rules := lint.Rules()
	index := map[*lint.Rule]int{}
	driver := sarifDriver{
		Name: "iamsim", SemanticVersion: Version, InformationURI: "https://github.com/iamsim/iamsim",
		Properties: map[string]string{"catalogPackage": r.catalog.Package, "catalogVersion": r.catalog.Version, "catalogDate": r.catalog.Date},
	}
	for i, rule := range rules {
		index[rule] = i
		driver.Rules = append(driver.Rules, sarifRuleFor(rule))
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	var notes []sarifNotification
	for _, file := range r.files {
		uri := artifactURI(file.name)
		if note := file.guessNote(r.failOn); note != "" {
			notes = append(notes, sarifNotification{Level: "note", Message: sarifText{note},
				Locations: []sarifLocation{{sarifPhysical{ArtifactLocation: sarifArtifact{uri}, Region: sarifRegion{1, 1, 1, 2}}}}})
		}
		seen := map[string]int{}
		for _, f := range file.findings {
			if f.suppressed != nil {
				// Code scanning does not honour SARIF suppressions: a
				// suppressed result would show as an open alert.
				continue
			}
			start, end, msg := f.Pos, f.End, file.message(f.Finding)
			if file.encoded {
				// The file holds the document URL-encoded: point at its
				// string, and say where in the decoded text.
				start, end = file.at, file.at
				msg = fmt.Sprintf("%s, line %d column %d of the decoded document: %s", file.policy, f.Pos.Line, f.Pos.Col, f.Message)
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
				PartialFingerprints: map[string]string{"primaryLocationLineHash": fingerprint(f.Finding, uri, file.policy, seen)},
			}
			res.Properties = map[string]any{"policyKind": file.kind.String()}
			if file.policy != "" {
				res.Properties["policy"] = file.policy
			}
			if file.guess != nil {
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

func sarifRuleFor(r *lint.Rule) sarifRule {
	tags := []string{"iam"}
	precision := "very-high"
	if r.Security != lint.NotSecurity {
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
func fingerprint(f lint.Finding, uri, pol string, seen map[string]int) string {
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
