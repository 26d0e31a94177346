package cli

import (
	"io"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/lintformat"
)

// writeLintReport renders a lint report in the format --format names:
// text, json, sarif, github (workflow commands) or markdown (a
// pull-request comment).
func writeLintReport(w io.Writer, report *api.LintReport, format string) error {
	switch format {
	case "json":
		return lintformat.JSON(w, report, Version)
	case "sarif":
		return lintformat.SARIF(w, report, Version)
	case "github":
		lintformat.GitHub(w, report)
		return nil
	case "markdown":
		lintformat.Markdown(w, report)
		return nil
	}
	lintformat.Text(w, report)
	return nil
}
