package ghformat

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Code writes text as inline code in a table cell: a | would end the
// cell, and a line break the row.
func Code(s string) string {
	return "`" + cellEscaper.Replace(s) + "`"
}

// Text escapes the characters Markdown would read as markup in a table
// cell, and writes a line break as <br>, which keeps the row on one
// line.
func Text(s string) string {
	return textEscaper.Replace(s)
}

var (
	cellEscaper = strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ", "\r", " ")
	textEscaper = strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", "\r\n", "<br>", "\n", "<br>", "\r", "<br>")
)

// Place writes file:line:col as inline code linked to the line: a path
// relative to the repository root with #Lline, as GitHub links a line of
// a file shown in the repository. A place without a line links the file.
func Place(file string, line, col int) string {
	where, anchor := file, ""
	if line > 0 {
		where = fmt.Sprintf("%s:%d:%d", file, line, col)
		anchor = fmt.Sprintf("#L%d", line)
	}
	target := strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29").Replace(filepath.ToSlash(file))
	return "[" + Code(where) + "](" + target + anchor + ")"
}

// CollapseAfter is the number of rows past which a list is folded in a
// <details> element, so that a long report does not bury the comment.
const CollapseAfter = 10

// Fold starts a <details> element with summary when rows exceed
// CollapseAfter, and returns the function that closes it (which does
// nothing when nothing was opened).
func Fold(w io.Writer, rows int, summary string) (end func()) {
	if rows <= CollapseAfter {
		return func() {}
	}
	fmt.Fprintf(w, "<details><summary>%s</summary>\n\n", Text(summary))
	return func() { fmt.Fprint(w, "</details>\n\n") }
}
