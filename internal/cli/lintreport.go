package cli

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/lintformat"
)

// writeLintReport renders a lint report in the format --format names:
// text, json or sarif.
func writeLintReport(w io.Writer, report *api.LintReport, format string) error {
	switch format {
	case "json":
		return lintformat.JSON(w, report, Version)
	case "sarif":
		return lintformat.SARIF(w, report, Version)
	}
	lintformat.Text(w, report)
	return nil
}

// joinOr joins words as "a", "a or b", "a, b or c".
func joinOr(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func writeIndentedJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
