package cli

import (
	"io"

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
