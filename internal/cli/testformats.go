package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/iamsim/iamsim/internal/ghformat"
)

// writeTestGitHub writes test results as GitHub Actions workflow
// commands
// (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions):
// an ::error at each failing request with its explanation, an ::error
// at each problem of a file or request that could not run, a ::warning
// per warning, and last a ::notice with the summary. A request that
// passes, or has no expected decision, writes nothing: an annotation
// per passing request would drown the failures.
func writeTestGitHub(w io.Writer, outcomes []testOutcome, summary string) {
	for i, o := range outcomes {
		for _, s := range testWarnings(outcomes, i) {
			at := positioned(s, o.File)
			ghformat.Annotation{Level: "warning", File: at.file, Line: at.line, Col: at.col, Title: "iamsim test warning", Message: at.msg}.Write(w)
		}
		switch {
		case o.problem != nil:
			for _, p := range o.problem {
				head, _, _ := strings.Cut(p, "\n")
				at := positioned(head, o.File)
				ghformat.Annotation{Level: "error", File: at.file, Line: at.line, Col: at.col, Title: "iamsim test: cannot run", Message: at.msg}.Write(w)
			}
		case o.Skipped || o.Passed:
		default:
			at := positioned(o.Pos, o.File)
			ghformat.Annotation{
				Level: "error", File: at.file, Line: at.line, Col: at.col, Title: "iamsim test FAIL: " + o.Name,
				Message: fmt.Sprintf("got %s, want %s\n\n%s", o.gotText(), o.Want, strings.TrimRight(o.explanation, "\n")),
			}.Write(w)
		}
	}
	ghformat.Annotation{Level: "notice", Title: "iamsim test", Message: summary}.Write(w)
}

// writeTestMarkdown writes test results as a pull-request comment: a
// title with the summary, a table of the failing requests (each linked
// to its line, with what it got and wanted) and each one's explanation
// folded under it, then the problems of what could not run and the
// warnings. Passing requests are counted in the title only.
func writeTestMarkdown(w io.Writer, outcomes []testOutcome, summary string) {
	fmt.Fprintf(w, "### iamsim test: %s\n\n", ghformat.Text(summary))
	var failed, problems, warnings []string
	var explanations []testOutcome
	for i, o := range outcomes {
		for _, s := range testWarnings(outcomes, i) {
			warnings = append(warnings, markdownPositioned(positioned(s, o.File)))
		}
		switch {
		case o.problem != nil:
			for _, p := range o.problem {
				head, _, _ := strings.Cut(p, "\n")
				problems = append(problems, markdownPositioned(positioned(head, o.File)))
			}
		case o.Skipped || o.Passed:
		default:
			at := positioned(o.Pos, o.File)
			failed = append(failed, fmt.Sprintf("| %s | %s | %s | %s |", ghformat.Place(at.file, at.line, at.col), ghformat.Text(o.Name), ghformat.Code(o.gotText()), ghformat.Code(o.Want.String())))
			explanations = append(explanations, o)
		}
	}
	if len(failed)+len(problems) == 0 {
		fmt.Fprintln(w, "No request failed.")
		fmt.Fprintln(w)
	}
	if len(failed) > 0 {
		end := ghformat.Fold(w, len(failed), fmt.Sprintf("%d failing %s", len(failed), plural(len(failed), "request")))
		fmt.Fprintln(w, "| Request | Name | Got | Want |\n|---|---|---|---|")
		for _, row := range failed {
			fmt.Fprintln(w, row)
		}
		fmt.Fprintln(w)
		end()
		for _, o := range explanations {
			fmt.Fprintf(w, "<details><summary>Why %s %s</summary>\n\n```text\n%s\n```\n\n</details>\n\n", ghformat.Text(o.Pos), ghformat.Text(o.Name), strings.TrimRight(o.explanation, "\n"))
		}
	}
	markdownList(w, "Could not run", problems)
	markdownList(w, "Warnings", warnings)
}

// markdownList writes a titled list, folded when long; nothing when
// items is empty.
func markdownList(w io.Writer, title string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n\n", title)
	end := ghformat.Fold(w, len(items), fmt.Sprintf("%d %s", len(items), strings.ToLower(title)))
	for _, s := range items {
		fmt.Fprintf(w, "- %s\n", s)
	}
	fmt.Fprintln(w)
	end()
}

// testWarnings are the warnings printed with the i-th outcome: its
// file's policy warnings with the first outcome of the file, then its
// own.
func testWarnings(outcomes []testOutcome, i int) []string {
	o := outcomes[i]
	if i == 0 || outcomes[i-1].File != o.File {
		return append(slices.Clip(o.PolicyWarnings), o.Warnings...)
	}
	return o.Warnings
}

// textPlace is a message split at its leading "file:line:col: ".
type textPlace struct {
	file      string
	line, col int
	msg       string
}

var leadingPos = regexp.MustCompile(`^(.+?):(\d+):(\d+)(: |$)`)

// positioned splits s, a message that starts with its position
// ("file:line:col: what", as problems and warnings are written) or a
// position alone (a request's), into the place and the message; a
// message without one stands at file.
func positioned(s, file string) textPlace {
	m := leadingPos.FindStringSubmatch(s)
	if m == nil {
		return textPlace{file: filepath.ToSlash(filepath.Clean(file)), msg: strings.TrimPrefix(s, file+": ")}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return textPlace{file: filepath.ToSlash(filepath.Clean(m[1])), line: line, col: col, msg: s[len(m[0]):]}
}

// markdownPositioned writes a positioned message as a list item's text:
// its place linked, then the message.
func markdownPositioned(p textPlace) string {
	return ghformat.Place(p.file, p.line, p.col) + " " + ghformat.Text(p.msg)
}
