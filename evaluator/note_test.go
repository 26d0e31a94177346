package evaluator_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/msg"
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
