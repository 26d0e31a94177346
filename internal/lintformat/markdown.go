package lintformat

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/ghformat"
	"github.com/iamsim/iamsim/policy"
)

// Markdown writes the report as a pull-request comment: a title with the
// summary (counts by level), what could not be linted (a path that
// cannot be read, an account export whose shape is wrong), a line per file whose detected kind could
// change the exit status, and a table of the unsuppressed findings, each
// linked to its line (a path relative to the repository root, with
// #Lline), with its rule linked to docs/lint-rules.md, its level, the
// policy of an account export or of infrastructure code (a column left
// out when no finding has one), and its message. A table longer than
// ghformat.CollapseAfter rows is folded.
func Markdown(w io.Writer, r *api.LintReport) {
	fmt.Fprintf(w, "### iamsim lint: %s\n\n", ghformat.Text(Summary(r.Counts(), "markdown")))
	var unlinted []string
	for _, err := range r.ReadErrors {
		unlinted = append(unlinted, err.Error())
	}
	for _, in := range r.Inputs {
		eachError(in.Err, func(err error) { unlinted = append(unlinted, err.Error()) })
	}
	if len(unlinted) > 0 {
		fmt.Fprint(w, "Could not lint:\n\n")
		for _, s := range unlinted {
			fmt.Fprintf(w, "- %s\n", ghformat.Text(s))
		}
		fmt.Fprintln(w)
	}
	var rows [][]string // place, rule, level, policy, message
	policies, notes := false, 0
	for i := range r.Files {
		file := &r.Files[i]
		if note := guessNote(file, r.FailOn); note != "" {
			fmt.Fprintf(w, "- Note on %s: %s\n", ghformat.Code(file.Name), ghformat.Text(note))
			notes++
		}
		for _, f := range file.Findings {
			if f.Suppressed != nil {
				continue
			}
			at, msg := f.Pos, f.Message
			if file.Encoded {
				at = file.At
				msg = fmt.Sprintf("line %d column %d of the decoded document: %s", f.Pos.Line, f.Pos.Col, f.Message)
			}
			policies = policies || file.Policy != ""
			rows = append(rows, []string{
				markdownPlace(file.Name, at), fmt.Sprintf("[%s](%s#%s)", ghformat.Code(f.Rule.ID), rulesDocURI, f.Rule.ID),
				f.Level.String(), ghformat.Text(file.Policy), ghformat.Text(msg),
			})
		}
	}
	if notes > 0 {
		fmt.Fprintln(w)
	}
	if len(rows) == 0 {
		fmt.Fprintln(w, "No findings.")
		return
	}
	header := []string{"Location", "Rule", "Level", "Policy", "Message"}
	if !policies {
		header = slices.Delete(header, 3, 4)
	}
	end := ghformat.Fold(w, len(rows), fmt.Sprintf("%d %s", len(rows), plural(len(rows), "finding")))
	fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(header, " | "), strings.Repeat("---|", len(header)))
	for _, row := range rows {
		if !policies {
			row = slices.Delete(row, 3, 4)
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
	}
	fmt.Fprintln(w)
	end()
}

// markdownPlace links a place in a file to its line; standard input
// is no file of the repository, and is named without a link.
func markdownPlace(name string, at policy.Pos) string {
	file := annotationFile(name)
	if file == "" {
		return ghformat.Code(fmt.Sprintf("%s:%d:%d", name, at.Line, at.Col))
	}
	return ghformat.Place(file, at.Line, at.Col)
}
