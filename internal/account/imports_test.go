package account

import (
	"testing"

	"github.com/iamsim/iamsim/internal/importstest"
)

// TestNoMatcherImport keeps account above the evaluator: it compiles
// policies and asks about their statements through evaluator's API
// (evaluator.Compiler, evaluator.Statement), never through
// internal/matcher, so that the one engine beneath every front end is
// the evaluator's.
func TestNoMatcherImport(t *testing.T) {
	t.Parallel()
	for _, imp := range importstest.Imports(t) {
		if imp.Path == importstest.Module+"/internal/matcher" {
			t.Errorf("%s imports %s: use evaluator's API instead", imp.Pos, imp.Path)
		}
	}
}
