// Package lintformat renders a lint report (api.LintReport) as text, as
// JSON, as SARIF for code scanning, as GitHub Actions workflow commands
// (annotations) or as a pull-request comment in Markdown: the shapes the
// command line, the GitHub Action and the MCP server give. Nothing is
// linted again.
package lintformat

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/policy"
)

// Text prints each unsuppressed finding as
// "file:line:col: severity rule-id: message", then its source line and a
// caret under the column.
func Text(w io.Writer, r *api.LintReport) {
	for i := range r.Files {
		file := &r.Files[i]
		if note := guessNote(file, r.FailOn); note != "" {
			fmt.Fprintf(w, "%s: note: %s\n", file.Name, note)
		}
		for _, f := range file.Findings {
			if f.Suppressed != nil {
				continue
			}
			fmt.Fprintf(w, "%s: %s %s: %s\n", f.Pos, f.Level, f.Rule.ID, message(file, f.LintFinding))
			if f.Line != "" {
				line, col := excerpt(f.Line, f.Pos.Col)
				fmt.Fprintf(w, "    %s\n    %s^\n", line, policy.CaretIndent(line, col))
			}
		}
	}
}

// guessNote says, when the kind of the file was detected and another kind
// the detection cannot tell from it gives other findings at or above
// failOn, the fail-on level (api.LintedFile.KindMatters), what was
// detected and how to choose: "linted as --type resource (detected: a
// Principal); --type trust or rcp would report other errors". It is ""
// when the guess could not change the exit status.
func guessNote(file *api.LintedFile, failOn api.LintLevel) string {
	if !file.KindMatters() {
		return ""
	}
	others := make([]string, len(file.Guess.Differ))
	for i, k := range file.Guess.Differ {
		others[i] = k.String()
	}
	findings := map[api.LintLevel]string{api.LintError: "errors", api.LintWarning: "errors or warnings"}[failOn]
	if findings == "" {
		findings = "findings"
	}
	return fmt.Sprintf("linted as --type %s (detected: %s); --type %s would report other %s",
		file.Kind, file.Guess.Reason, joinOr(others), findings)
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
func message(file *api.LintedFile, f api.LintFinding) string {
	if file.Policy == "" || file.Encoded {
		return f.Message
	}
	return file.Policy + ": " + f.Message
}

// located is where a finding stands in its file and its message, as the
// outputs that point into files (SARIF, workflow commands) give them: a
// finding of a URL-encoded document of an export stands at the
// document's string, and its message says where in the decoded text.
func located(file *api.LintedFile, f api.LintFinding) (start, end policy.Pos, msg string) {
	if !file.Encoded {
		return f.Pos, f.End, message(file, f)
	}
	return file.At, file.At, fmt.Sprintf("%s, line %d column %d of the decoded document: %s", file.Policy, f.Pos.Line, f.Pos.Col, f.Message)
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
