// Package ghformat writes what GitHub shows a reviewer: workflow
// commands that a job's log turns into annotations on a pull request's
// files, and the Markdown of a pull-request comment, with the escaping
// each needs. The lint, test and diff renderers share it.
package ghformat

import (
	"fmt"
	"io"
	"strings"
)

// Annotation is one workflow command that annotates a file
// (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions):
// "::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE".
type Annotation struct {
	Level string // error, warning or notice
	// File is the path from the repository root, with / separators; ""
	// annotates the run rather than a file, and then no position is
	// written.
	File string
	// Line and Col are where the annotation starts (1-based); 0 leaves
	// them out.
	Line, Col int
	// EndLine and EndCol are where it ends; 0 leaves them out. GitHub
	// takes columns only within one line, so a range over several lines
	// is written with its lines alone.
	EndLine, EndCol int
	Title           string
	Message         string
}

// Write writes the annotation as one line.
func (a Annotation) Write(w io.Writer) {
	var props []string
	if a.File != "" {
		props = append(props, "file="+Property(a.File))
		multiline := a.EndLine != 0 && a.EndLine != a.Line
		if a.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", a.Line))
		}
		if a.Col > 0 && !multiline {
			props = append(props, fmt.Sprintf("col=%d", a.Col))
		}
		if a.EndLine > 0 {
			props = append(props, fmt.Sprintf("endLine=%d", a.EndLine))
		}
		if a.EndCol > 0 && !multiline {
			props = append(props, fmt.Sprintf("endColumn=%d", a.EndCol))
		}
	}
	if a.Title != "" {
		props = append(props, "title="+Property(a.Title))
	}
	sep := ""
	if len(props) > 0 {
		sep = " "
	}
	fmt.Fprintf(w, "::%s%s%s::%s\n", a.Level, sep, strings.Join(props, ","), Data(a.Message))
}

// Data escapes a workflow command's message: %, CR and LF, which the
// runner decodes back.
func Data(s string) string {
	return dataEscaper.Replace(s)
}

// Property escapes a workflow command's property value: as a message,
// and the : and , that end properties.
func Property(s string) string {
	return propertyEscaper.Replace(s)
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
