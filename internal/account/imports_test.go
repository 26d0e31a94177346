package account

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestNoMatcherImport keeps account above the evaluator: it compiles
// policies and asks about their statements through evaluator's API
// (evaluator.Compiler, evaluator.Statement), never through
// internal/matcher, so that the one engine beneath every front end is
// the evaluator's.
func TestNoMatcherImport(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no Go files in the package directory")
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path == "github.com/iamsim/iamsim/internal/matcher" {
				t.Errorf("%s imports %s: use evaluator's API instead", fset.Position(imp.Pos()), path)
			}
		}
	}
}
