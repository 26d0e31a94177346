package mcp

import (
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/importstest"
)

// mayImport lists the packages of this module the MCP server may import:
// like the command line, it is a front end that reaches the engine only
// through internal/api and renders with the renderers
// (docs/architecture.md).
var mayImport = map[string]bool{
	importstest.Module + "/policy":              true,
	importstest.Module + "/evaluator":           true,
	importstest.Module + "/internal/api":        true,
	importstest.Module + "/internal/explain":    true,
	importstest.Module + "/internal/lintformat": true,
}

// TestImportsOnlyTheEngineAPI keeps the MCP server a front end.
func TestImportsOnlyTheEngineAPI(t *testing.T) {
	t.Parallel()
	for _, imp := range importstest.Imports(t) {
		if strings.HasPrefix(imp.Path, importstest.Module+"/") && !mayImport[imp.Path] {
			t.Errorf("%s imports %s: reach the engine through internal/api", imp.Pos, imp.Path)
		}
	}
}
