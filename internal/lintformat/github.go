package lintformat

import (
	"io"
	"path/filepath"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/ghformat"
	"github.com/iamsim/iamsim/internal/source"
)

// GitHub writes the report as GitHub Actions workflow commands, which a
// job's log turns into annotations on the pull request's files
// (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions):
// one line per unsuppressed finding at its place, an ::error, ::warning
// or ::notice by its level, titled with the rule's ID and title; a
// ::notice at line 1 of a file whose detected kind could change the
// exit status (guessNote); an ::error for each path that could not be
// read and each problem of an account export's shape; and last a ::notice with the summary, which
// annotates the run. Suppressed findings are left out.
func GitHub(w io.Writer, r *api.LintReport) {
	// What could not be linted stands first, an ::error each: a path
	// that cannot be read annotates the run, and an account export whose
	// shape is wrong its file.
	for _, err := range r.ReadErrors {
		ghformat.Annotation{Level: "error", Title: "iamsim lint: cannot read", Message: err.Error()}.Write(w)
	}
	for _, in := range r.Inputs {
		eachError(in.Err, func(err error) {
			ghformat.Annotation{Level: "error", File: annotationFile(in.Name), Title: "iamsim lint: cannot lint", Message: err.Error()}.Write(w)
		})
	}
	for i := range r.Files {
		file := &r.Files[i]
		name := annotationFile(file.Name)
		if note := guessNote(file, r.FailOn); note != "" {
			ghformat.Annotation{Level: "notice", File: name, Line: 1, Title: "iamsim lint: detected kind", Message: note}.Write(w)
		}
		for _, f := range file.Findings {
			if f.Suppressed != nil {
				continue
			}
			start, end, msg := located(file, f.LintFinding)
			a := ghformat.Annotation{
				Level: annotationLevel(f.Level), File: name, Line: start.Line, Col: start.Col,
				Title: f.Rule.ID + ": " + f.Rule.Title, Message: msg,
			}
			if end != start && end.IsValid() {
				a.EndLine, a.EndCol = end.Line, end.Col
			}
			a.Write(w)
		}
	}
	ghformat.Annotation{Level: "notice", Title: "iamsim lint", Message: Summary(r.Counts(), "github")}.Write(w)
}

// annotationLevel is the workflow command of a finding's level.
func annotationLevel(l api.LintLevel) string {
	switch l {
	case api.LintError:
		return "error"
	case api.LintWarning:
		return "warning"
	}
	return "notice"
}

// annotationFile is a file as annotations and links name it: the path
// as given, with / separators; "" for standard input, which is no file
// of the repository.
func annotationFile(name string) string {
	if name == source.Stdin {
		return ""
	}
	return filepath.ToSlash(filepath.Clean(name))
}

// eachError calls f with each error that err joins, or with err; not at
// all when err is nil.
func eachError(err error, f func(error)) {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			eachError(e, f)
		}
		return
	}
	if err != nil {
		f(err)
	}
}
