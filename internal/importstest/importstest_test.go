package importstest

import (
	"slices"
	"testing"
)

// TestImports checks the imports this package's own file lists, and
// that its test file's imports are not among them.
func TestImports(t *testing.T) {
	var paths []string
	for _, imp := range Imports(t) {
		paths = append(paths, imp.Path)
		if imp.Pos.Filename != "importstest.go" || imp.Pos.Line == 0 {
			t.Errorf("import %s at %s: want a line of importstest.go", imp.Path, imp.Pos)
		}
	}
	want := []string{"go/parser", "go/token", "path/filepath", "strconv", "strings", "testing"}
	if !slices.Equal(paths, want) {
		t.Errorf("imports %q, want %q", paths, want)
	}
}
