package evaluator_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// TestNoteCodesHaveText checks that every NoteCode constant of note.go
// has its words in the message catalog.
func TestNoteCodesHaveText(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "note.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		v, ok := node.(*ast.ValueSpec)
		if !ok {
			return true
		}
		if typ, ok := v.Type.(*ast.Ident); !ok || typ.Name != "NoteCode" {
			return true
		}
		for i, name := range v.Names {
			code, err := strconv.Unquote(v.Values[i].(*ast.BasicLit).Value)
			if err != nil {
				t.Fatal(err)
			}
			n++
			if msg.English[msg.ID(code)] == "" {
				t.Errorf("%s (%q) has no text in the message catalog", name.Name, code)
			}
		}
		return true
	})
	if n == 0 {
		t.Error("note.go declares no NoteCode constants")
	}
}

// TestNoteJSON checks that a note marshals as its words: an evaluator's
// from the catalog, a front end's as given.
func TestNoteJSON(t *testing.T) {
	t.Parallel()
	got, err := json.Marshal([]evaluator.Note{{Code: evaluator.NoteCrossAccount}, {Text: "from the account data"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `["cross-account request: the caller's account and the resource's account must both allow (docs/evaluation-logic.md#cross-account-requests)","from the account data"]`
	if string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestNotesDoNotAllocate checks that a reused Result gathers notes (here
// the cross-account and aws:SecureTransport notes) without allocating.
// It does not call t.Parallel: testing.AllocsPerRun counts the
// allocations of the whole process.
func TestNotesDoNotAllocate(t *testing.T) {
	doc, err := policy.Parse("p.json", []byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}}`), policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Document{doc}}, evaluator.Organization{})
	if err != nil {
		t.Fatal(err)
	}
	prep, err := evaluator.Prepare(&evaluator.Request{Principal: "arn:aws:iam::111122223333:user/a", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "444455556666"})
	if err != nil {
		t.Fatal(err)
	}
	var res evaluator.Result
	set.EvaluatePrepared(prep, evaluator.Options{}, &res)
	want := []evaluator.Note{{Code: evaluator.NoteSecureTransport}, {Code: evaluator.NoteCrossAccount}}
	if diff := cmp.Diff(want, res.Notes); diff != "" {
		t.Errorf("notes mismatch (-want +got):\n%s", diff)
	}
	if got := testing.AllocsPerRun(100, func() { set.EvaluatePrepared(prep, evaluator.Options{}, &res) }); got != 0 {
		t.Errorf("%v allocations per evaluation, want 0", got)
	}
}
