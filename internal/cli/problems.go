package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// problemsError carries input problems already rendered with positions;
// the CLI prints them and exits 2.
type problemsError struct{ lines []string }

func (e *problemsError) Error() string { return strings.Join(e.lines, "\n") }

// printProblems writes each problem after prefix; the source line and
// caret under a problem are indented already.
func printProblems(w io.Writer, prefix string, problems []string) {
	for _, p := range problems {
		fmt.Fprintln(w, prefix+p)
	}
}

// inputProblems renders the problems in err (policy problems with their
// source line and caret).
func inputProblems(err error) error {
	var lines []string
	var visit func(error)
	visit = func(err error) {
		var pe *policy.Error
		switch {
		case errors.As(err, &pe) && err == error(pe):
			lines = append(lines, pe.Detail())
		default:
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				for _, e := range j.Unwrap() {
					visit(e)
				}
				return
			}
			lines = append(lines, err.Error())
		}
	}
	visit(err)
	return &problemsError{lines}
}
