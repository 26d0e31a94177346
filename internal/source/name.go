package source

import (
	"path/filepath"
	"strings"
)

// Stdin is the name an error gives standard input.
const Stdin = "<stdin>"

// Name returns the file an argument names: file://path as the AWS CLI
// takes it, or a path. An argument of - (or file://-) names standard
// input: Name returns Stdin and true.
func Name(arg string) (name string, stdin bool) {
	name = strings.TrimPrefix(arg, "file://")
	if name == "-" {
		return Stdin, true
	}
	return name, false
}

// Beside returns the path of a file that another file names: path as it
// is when absolute, else relative to dir, the naming file's directory.
func Beside(dir, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(dir, path)
}
