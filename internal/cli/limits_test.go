package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandsReadWithLimits keeps the commands from reading an input
// with the default limits: scenario.Load and scenario.Parse ignore
// --max-file-size and its kin, as batch mode once did with --scenario
// (issue 14). A command reads through its options' scenario.Limits
// (opts.Limits.Load, lim.ReadFile). It reads the package directory, so
// it is not parallel: run changes the directory.
func TestCommandsReadWithLimits(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "scenario" && (sel.Sel.Name == "Load" || sel.Sel.Name == "Parse") {
				t.Errorf("%s: scenario.%s reads with the default limits: use the options' scenario.Limits", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
}
