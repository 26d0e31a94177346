package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/iamsim/internal/api"
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

// inputProblems renders the problems in err (api.InputProblems) for the
// commands that read inputs themselves.
func inputProblems(err error) error {
	return &problemsError{api.InputProblems(err).Lines}
}
