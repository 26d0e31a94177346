package check

import (
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// parse parses a policy of the kind for a test.
func parse(t testing.TB, kind policy.Kind, src string) *policy.Document {
	t.Helper()
	doc, err := policy.Parse("p.json", []byte(src), kind)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return doc
}

// testCatalog loads the embedded catalog.
func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// checkWitnesses re-evaluates every witness of res with the policy alone
// and fails unless each is allowed, and unless every reason of a FAIL has
// a witness or says why not.
func checkWitnesses(t *testing.T, doc *policy.Document, res *Result) {
	t.Helper()
	set, err := evaluator.Compile(alone(doc), evaluator.Organization{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Reasons {
		if r.Witness == nil {
			if r.Note == "" {
				t.Errorf("reason %q has neither a witness nor a note", r.Description)
			}
			continue
		}
		got, err := set.Evaluate(r.Witness.request(), evaluator.Options{})
		if err != nil || got.Decision != evaluator.Allowed {
			t.Errorf("witness %+v of %q: %v %v, want allowed", r.Witness, r.Description, got, err)
		}
	}
}
