package lintformat

import (
	"fmt"
	"io"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/ghformat"
	"github.com/iamsim/iamsim/policy"
)

// Markdown writes the report as a pull-request comment: a title with the
// summary (counts by level), a line per file whose detected kind could
// change the exit status, and a table of the unsuppressed findings, each
// linked to its line (a path relative to the repository root, with
// #Lline), with its rule linked to docs/lint-rules.md, its level, the
// policy of an account export or of infrastructure code, and its
// message. A table longer than ghformat.CollapseAfter rows is folded.
func Markdown(w io.Writer, r *api.LintReport) {
	fmt.Fprintf(w, "### iamsim lint: %s\n\n", ghformat.Text(Summary(r.Counts(), "markdown")))
	var rows []string
	policies, notes := false, 0
	for i := range r.Files {
		file := &r.Files[i]
		if note := guessNote(file, r.FailOn); note != "" {
			fmt.Fprintf(w, "- Note on %s: %s\n", ghformat.Code(file.Name), ghformat.Text(note))
			notes++
		}
		for _, f := range file.Findings {
			if f.Suppressed == nil {
				policies = policies || file.Policy != ""
			}
		}
	}
	if notes > 0 {
		fmt.Fprintln(w)
	}
	for i := range r.Files {
		file := &r.Files[i]
		for _, f := range file.Findings {
			if f.Suppressed != nil {
				continue
			}
			at, msg := f.Pos, f.Message
			if file.Encoded {
				at = file.At
				msg = fmt.Sprintf("line %d column %d of the decoded document: %s", f.Pos.Line, f.Pos.Col, f.Message)
			}
			row := fmt.Sprintf("| %s | [%s](%s#%s) | %s |", markdownPlace(file.Name, at), ghformat.Code(f.Rule.ID), rulesDocURI, f.Rule.ID, f.Level)
			if policies {
				row += " " + ghformat.Text(file.Policy) + " |"
			}
			rows = append(rows, row+" "+ghformat.Text(msg)+" |")
		}
	}
	if len(rows) == 0 {
		fmt.Fprintln(w, "No findings.")
		return
	}
	end := ghformat.Fold(w, len(rows), fmt.Sprintf("%d %s", len(rows), plural(len(rows), "finding")))
	if policies {
		fmt.Fprintln(w, "| Location | Rule | Level | Policy | Message |\n|---|---|---|---|---|")
	} else {
		fmt.Fprintln(w, "| Location | Rule | Level | Message |\n|---|---|---|---|")
	}
	for _, row := range rows {
		fmt.Fprintln(w, row)
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
