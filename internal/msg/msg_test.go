package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// declaredIDs returns the ID constants declared in this package, by
// name, with their values.
func declaredIDs(t *testing.T) map[string]ID {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "ids.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]ID{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			v := spec.(*ast.ValueSpec)
			for i, name := range v.Names {
				value, err := strconv.Unquote(v.Values[i].(*ast.BasicLit).Value)
				if err != nil {
					t.Fatal(err)
				}
				ids[name.Name] = ID(value)
			}
		}
	}
	return ids
}

// TestEnglishComplete checks that every message ID has English text and
// that every English entry is a declared ID.
func TestEnglishComplete(t *testing.T) {
	t.Parallel()
	ids := declaredIDs(t)
	declared := map[ID]bool{}
	for name, id := range ids {
		declared[id] = true
		if English[id] == "" {
			t.Errorf("%s (%q) has no English text", name, id)
		}
	}
	for id := range English {
		if !declared[id] {
			t.Errorf("English has %q, which no constant of ids.go declares", id)
		}
	}
}

// TestEveryMessageUsed checks that the code outside this package uses
// every message: by its constant (msg.Name) or, for a note's or a
// service rule's message, by its ID as a string literal (the code of an
// evaluator.NoteCode constant, the name of a service rule).
func TestEveryMessageUsed(t *testing.T) {
	t.Parallel()
	names, literals := map[string]bool{}, map[string]bool{}
	root, here := filepath.Join("..", ".."), filepath.Join("..", "..", "internal", "msg")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (path == here || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok && x.Name == "msg" {
					names[n.Sel.Name] = true
				}
			case *ast.BasicLit:
				if s, err := strconv.Unquote(n.Value); n.Kind == token.STRING && err == nil {
					literals[s] = true
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, id := range declaredIDs(t) {
		if !names[name] && !literals[string(id)] {
			t.Errorf("%s (%q) is not used outside package msg", name, id)
		}
	}
}
