package evaluator_test

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/scenario"
)

// TestTraceDoesNotDecide decides every request of the scenario corpus
// with and without a trace: the trace only records, so the decision, the
// deciding statements, the layers and the missing keys are the same. The
// corpus test and the CLI goldens run with a trace; this covers the
// untraced path, which skips statements that cannot match.
//
// Two differences are by design: the note above, and missing keys
// marked relevant. Without a trace a statement's conditions stop at the
// first that fails, so a key of a later condition is listed as missing
// but not as relevant.
func TestTraceDoesNotDecide(t *testing.T) {
	t.Parallel()
	var files []string
	err := filepath.WalkDir("../testdata/cases", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yaml" || ext == ".yml" || ext == ".json") && !strings.Contains(path, string(filepath.Separator)+"policies"+string(filepath.Separator)) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ignore := cmp.Options{
		cmpopts.IgnoreFields(evaluator.Result{}, "Trace", "Notes", "Missing"),
		cmpopts.IgnoreUnexported(evaluator.Result{}),
		cmpopts.EquateEmpty(),
	}
	// Matching a statement's principal can add the session note: with a
	// trace every statement's principal is matched, without one only
	// those whose action and resource matched.
	withoutSessionNote := func(notes []evaluator.Note) []evaluator.Note {
		var out []evaluator.Note
		for _, n := range notes {
			if n.Code != evaluator.NoteSessionNotGiven {
				out = append(out, n)
			}
		}
		return out
	}
	n := 0
	for _, file := range files {
		s, err := scenario.Load(file)
		if err != nil {
			t.Fatal(err)
		}
		set, err := evaluator.Compile(s.Policies, s.Organization)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		var reused evaluator.Result
		for _, c := range s.Requests {
			n++
			traced, err := set.Evaluate(&c.Request, evaluator.Options{Trace: true})
			if err != nil {
				t.Fatalf("%s: %v", c.Pos, err)
			}
			plain, err := set.Evaluate(&c.Request, evaluator.Options{})
			if err != nil {
				t.Fatalf("%s: %v", c.Pos, err)
			}
			if diff := cmp.Diff(traced, plain, ignore); diff != "" {
				t.Errorf("%s: %s: mismatch (-traced +untraced):\n%s", c.Pos, c.Name, diff)
			}
			if diff := cmp.Diff(traced.Summary(), plain.Summary()); diff != "" {
				t.Errorf("%s: %s: summary mismatch (-traced +untraced):\n%s", c.Pos, c.Name, diff)
			}
			if diff := cmp.Diff(missing(traced, false), missing(plain, false)); diff != "" {
				t.Errorf("%s: %s: missing keys mismatch (-traced +untraced):\n%s", c.Pos, c.Name, diff)
			}
			for k := range missing(plain, true) {
				if !missing(traced, true)[k] {
					t.Errorf("%s: %s: missing key %s is relevant only without a trace", c.Pos, c.Name, k)
				}
			}
			if diff := cmp.Diff(withoutSessionNote(traced.Notes), withoutSessionNote(plain.Notes)); diff != "" {
				t.Errorf("%s: %s: notes mismatch (-traced +untraced):\n%s", c.Pos, c.Name, diff)
			}
			// A reused Result holds the same decision as a new one.
			prep, err := evaluator.Prepare(&c.Request)
			if err != nil {
				t.Fatal(err)
			}
			set.EvaluatePrepared(prep, evaluator.Options{}, &reused)
			if diff := cmp.Diff(plain, &reused, cmp.AllowUnexported(evaluator.Result{}), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s: %s: reused Result mismatch (-new +reused):\n%s", c.Pos, c.Name, diff)
			}
		}
	}
	if n < 300 {
		t.Errorf("decided %d requests, want the whole corpus (at least 300)", n)
	}
}

// missing returns the result's missing keys (only the relevant ones, if
// relevant is set).
func missing(r *evaluator.Result, relevant bool) map[string]bool {
	keys := map[string]bool{}
	for _, m := range r.Missing {
		if m.Relevant || !relevant {
			keys[m.Key] = true
		}
	}
	return keys
}
