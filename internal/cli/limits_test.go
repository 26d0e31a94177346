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
// (issue 14), and policy.Parse, policy.ParseEmbedded and
// policy.NewLocator ignore --max-policy-size and its kin. A command reads
// through its options' source.Limits (scenario.Loader, lim.ReadFile,
// lim.Policy.Parse). It reads the package directory, so it is not
// parallel: run changes the directory.
func TestCommandsReadWithLimits(t *testing.T) {
	defaultLimits := map[string]bool{"scenario.Load": true, "scenario.Parse": true,
		"policy.Parse": true, "policy.ParseEmbedded": true, "policy.NewLocator": true}
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
			if pkg, ok := sel.X.(*ast.Ident); ok && defaultLimits[pkg.Name+"."+sel.Sel.Name] {
				t.Errorf("%s: %s.%s reads with the default limits: use the options' source.Limits", fset.Position(sel.Pos()), pkg.Name, sel.Sel.Name)
			}
			return true
		})
	}
}

// TestTrailLimit checks that --max-export-size bounds a CloudTrail log
// file, which batch mode reads whole, and that the error names the file.
func TestTrailLimit(t *testing.T) {
	runCases(t, []cliCase{
		{name: "a CloudTrail file past the limit", args: []string{"--max-export-size", "1KiB", "eval", "--requests", "testdata/batch/cloudtrail-2026-11-20.json", "--identity", "testdata/batch/identity-app-new.json"}, wantCode: ExitInput,
			wantStderr: "iamsim: testdata/batch/cloudtrail-2026-11-20.json: the file is larger than 1 KiB, the most iamsim reads of one file (raise it with --max-export-size)\n"},
	})
}
