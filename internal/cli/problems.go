package cli

import (
	"fmt"
	"io"
)

// printProblems writes each problem after prefix; the source line and
// caret under a problem are indented already.
func printProblems(w io.Writer, prefix string, problems []string) {
	for _, p := range problems {
		fmt.Fprintln(w, prefix+p)
	}
}
