package lintformat

import (
	"encoding/json"
	"io"

	"github.com/iamsim/iamsim/internal/api"
)

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

// JSON writes the report in the JSON shape docs/cli.md documents, as
// tool iamsim of version.
func JSON(w io.Writer, r *api.LintReport, version string) error {
	out := lintJSON{
		SchemaVersion: 1,
		Tool:          lintJSONTool{Name: "iamsim", Version: version, Catalog: catalogJSON{r.Catalog.Package, r.Catalog.Version, r.Catalog.Date}},
		Files:         []lintJSONFile{},
		Findings:      []lintJSONResult{},
	}
	for _, file := range r.Files {
		jf := lintJSONFile{Path: file.Name, Policy: file.Policy, Kind: file.Kind.String()}
		if file.Guess != nil {
			jf.KindDetected = true
			for _, k := range file.Guess.Differ {
				jf.KindAlternatives = append(jf.KindAlternatives, k.String())
			}
		}
		out.Files = append(out.Files, jf)
		for _, f := range file.Findings {
			res := lintJSONResult{
				File: file.Name, Policy: file.Policy, Decoded: file.Encoded, Line: f.Pos.Line, Column: f.Pos.Col, EndLine: f.End.Line, EndColumn: f.End.Col,
				Severity: f.Level.String(), Rule: f.Rule.ID, Code: string(f.Rule.Code), Security: f.Rule.Security.String(),
				AccessAnalyzer: f.Rule.AccessAnalyzer, Path: f.Path, Message: f.Message, Suggestion: f.Suggestion,
			}
			if f.Suppressed != nil {
				res.Suppressed, res.SuppressionReason = true, f.Suppressed.Reason
			}
			out.Findings = append(out.Findings, res)
		}
	}
	c := r.Counts()
	out.Summary = lintJSONSummary{
		Files: c.Linted, Errors: c.ByLevel[api.LintError], Warnings: c.ByLevel[api.LintWarning], Notes: c.ByLevel[api.LintNote], Suppressed: c.Suppressed,
		FilesWithKindAlternatives: c.KindNotes,
	}
	return writeIndentedJSON(w, out)
}

// writeIndentedJSON writes v indented by two spaces, with <, > and &
// as they are.
func writeIndentedJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
