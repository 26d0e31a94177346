package cli

import (
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/importstest"
)

// cliMayImport lists the packages of this module that the command line
// may import: the public policy and evaluator packages, the engine's one
// entry point internal/api, the renderers, the "did you mean"
// distances its flag errors use, and the MCP server, a front end that
// `iamsim mcp` starts. Everything else is the engine's inside,
// reached through internal/api (docs/architecture.md).
var cliMayImport = map[string]bool{
	importstest.Module + "/policy":              true,
	importstest.Module + "/evaluator":           true,
	importstest.Module + "/internal/api":        true,
	importstest.Module + "/internal/explain":    true,
	importstest.Module + "/internal/awsformat":  true,
	importstest.Module + "/internal/lintformat": true,
	importstest.Module + "/internal/ghformat":   true,
	importstest.Module + "/internal/sarif":      true,
	importstest.Module + "/internal/textdist":   true,
	importstest.Module + "/internal/mcp":        true,
}

// TestImportsOnlyTheEngineAPI keeps the command line a front end like
// the ones to come (the playground, the MCP server): it parses flags,
// calls internal/api and renders, and imports no package of the engine's
// inside.
func TestImportsOnlyTheEngineAPI(t *testing.T) {
	t.Parallel()
	for _, imp := range importstest.Imports(t) {
		if strings.HasPrefix(imp.Path, importstest.Module+"/") && !cliMayImport[imp.Path] {
			t.Errorf("%s imports %s: reach the engine through internal/api", imp.Pos, imp.Path)
		}
	}
}
