package source

import "strings"

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
