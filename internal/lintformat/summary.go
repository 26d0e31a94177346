package lintformat

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/api"
)

// Summary is the closing line of a lint, on standard error, and the
// last annotation and the title of the comment of the GitHub and
// Markdown outputs: "2 errors, 1 warning, 0 notes in 3 files
// (1 suppressed, 2 files skipped as not policies)",
// followed, when kinds were detected with consequences, by "; the
// detected kind of 2 files could change the exit status: see their notes,
// or give --type" (their kindAlternatives, in the JSON format).
func Summary(c api.LintCounts, format string) string {
	files, skipped := c.Linted, c.Skipped
	s := fmt.Sprintf("%d %s, %d %s, %d %s in %d %s",
		c.ByLevel[api.LintError], plural(c.ByLevel[api.LintError], "error"),
		c.ByLevel[api.LintWarning], plural(c.ByLevel[api.LintWarning], "warning"),
		c.ByLevel[api.LintNote], plural(c.ByLevel[api.LintNote], "note"),
		files, plural(files, "file"))
	var extra []string
	if c.Suppressed > 0 {
		extra = append(extra, fmt.Sprintf("%d suppressed", c.Suppressed))
	}
	if skipped > 0 {
		extra = append(extra, fmt.Sprintf("%d %s skipped as not policies", skipped, plural(skipped, "file")))
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	if c.KindNotes > 0 {
		see := plural(c.KindNotes, "note")
		if format == "json" {
			see = "kindAlternatives"
		}
		s += fmt.Sprintf("; the detected kind of %d %s could change the exit status: see %s %s, or give --type",
			c.KindNotes, plural(c.KindNotes, "file"), map[bool]string{true: "its", false: "their"}[c.KindNotes == 1], see)
	}
	return s
}

// plural is word, with an s unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
