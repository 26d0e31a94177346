package cli

import (
	"io"
	"os"
)

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// noColorUnset reports whether the NO_COLOR convention is not in force.
func noColorUnset() bool { return os.Getenv("NO_COLOR") == "" }
