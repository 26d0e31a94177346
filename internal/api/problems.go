package api

import (
	"errors"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// Problems is an input error made of problems already rendered with
// their positions, one a line (a policy problem with its source line and
// caret under it, indented); a front end says each line.
type Problems struct {
	// Lines are the problems, in order.
	Lines []string
}

func (e *Problems) Error() string { return strings.Join(e.Lines, "\n") }

// InputProblems renders the problems in err (policy problems with their
// source line and caret), one a line; an error that joins several
// (errors.Join, policy.ErrorList) gives one line each.
func InputProblems(err error) *Problems {
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
	return &Problems{lines}
}
