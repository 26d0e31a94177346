package cli

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
)

// JUnit XML, in the shape CI systems read.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Error     *junitFailure `xml:"error,omitempty"`
	Skipped   *struct{}     `xml:"skipped,omitempty"`
	// SystemErr holds the test case's warnings, one a line: those on
	// its file's policies, then its request's (an unknown context key,
	// an unknown action allowed), so that the JUnit file a CI keeps
	// carries them.
	SystemErr string `xml:"system-err,omitempty"`
	// SystemOut holds the notes of its result, one a line.
	SystemOut string `xml:"system-out,omitempty"`
}

// junitFailure is the body of a <failure> or an <error>.
type junitFailure struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(w io.Writer, outcomes []testOutcome) error {
	var suites junitSuites
	index := map[string]int{}
	for _, o := range outcomes {
		i, ok := index[o.File]
		if !ok {
			i = len(suites.Suites)
			index[o.File] = i
			suites.Suites = append(suites.Suites, junitSuite{Name: o.File})
		}
		s := &suites.Suites[i]
		c := junitCase{Name: o.Name, Classname: o.File}
		if ws := append(slices.Clip(o.PolicyWarnings), o.Warnings...); len(ws) > 0 {
			c.SystemErr = "warning: " + strings.Join(ws, "\nwarning: ") + "\n"
		}
		if len(o.notes) > 0 {
			c.SystemOut = "note: " + strings.Join(o.notes, "\nnote: ") + "\n"
		}
		s.Tests++
		switch {
		case o.problem != nil:
			s.Errors++
			head, _, _ := strings.Cut(o.problem[0], "\n")
			c.Error = &junitFailure{Message: head, Text: strings.Join(o.problem, "\n")}
		case o.Skipped:
			s.Skipped++
			c.Skipped = &struct{}{}
		case !o.Passed:
			s.Failures++
			c.Failure = &junitFailure{Message: fmt.Sprintf("%s: got %s, want %s", o.Pos, o.gotText(), o.Want), Text: o.explanation}
		}
		s.Cases = append(s.Cases, c)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(suites); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
