package cli

import (
	"io"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/ghformat"
)

// writeDiffGitHub writes a comparison as GitHub Actions workflow
// commands, which a job's log turns into annotations on the pull
// request's files
// (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions):
// an error per widening at the NEW statement responsible, a warning per
// possible widening, and with narrowings a notice per narrowing.
func writeDiffGitHub(w io.Writer, r *api.DiffReport, narrowings bool) {
	for _, p := range r.Pairs {
		for _, f := range p.Widenings {
			ghAnnotation(w, "error", "iamsim diff widening", findingPlace(p, f, false), annotationMessage(p, f, false))
		}
		for _, x := range p.Possible {
			if x.Narrowing && !narrowings {
				continue
			}
			title := "iamsim diff possible widening"
			if x.Narrowing {
				title = "iamsim diff possible narrowing"
			}
			ghAnnotation(w, "warning", title, statementPlace(x.Statement), subjectPrefix(p)+x.Why)
		}
		if narrowings {
			for _, f := range p.Narrowings {
				ghAnnotation(w, "notice", "iamsim diff narrowing", findingPlace(p, f, true), annotationMessage(p, f, true))
			}
		}
	}
}

// witnessText writes a witness request in one line.
func witnessText(f api.DiffFinding) string {
	return f.Witness.Principal + " on " + f.Witness.Resource + contextText(f.Witness.Context, f.Witness.Absent)
}

// ghAnnotation writes one workflow command at a place.
func ghAnnotation(w io.Writer, level, title string, at place, msg string) {
	ghformat.Annotation{Level: level, File: at.start.File, Line: at.start.Line, Col: at.start.Col, Title: title, Message: msg}.Write(w)
}
