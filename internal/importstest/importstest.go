// Package importstest lets a package's tests keep it in its layer: it
// lists the imports of the package's own (non-test) Go files, for a
// test to check against the packages it may use (docs/architecture.md).
package importstest

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Import is one import of one file.
type Import struct {
	// Path is the imported package's path.
	Path string
	// Pos is where the file imports it.
	Pos token.Position
}

// Module is the path of this module; its packages' paths begin with it
// and a slash.
const Module = "github.com/iamsim/iamsim"

// Imports returns the imports of the non-test Go files in the current
// directory, the package under test. It fails the test when the
// directory has no Go file or a file does not parse.
func Imports(t testing.TB) []Import {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []Import
	read := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		read++
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, Import{Path: path, Pos: fset.Position(imp.Pos())})
		}
	}
	if read == 0 {
		t.Fatal("no Go files in the package directory")
	}
	return out
}
