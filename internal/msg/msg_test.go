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

// walkCode calls fn with each non-test Go file of the module outside
// this package.
func walkCode(t *testing.T, fn func(path string, f *ast.File)) {
	t.Helper()
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
		fn(path, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestEveryMessageUsed checks that the code outside this package uses
// every message: by its constant (msg.Name) or, for a note's or a
// service rule's message, by its ID as a string literal (the code of an
// evaluator.NoteCode constant, the name of a service rule).
func TestEveryMessageUsed(t *testing.T) {
	t.Parallel()
	names, literals := map[string]bool{}, map[string]bool{}
	walkCode(t, func(_ string, f *ast.File) {
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
	})
	for name, id := range declaredIDs(t) {
		if !names[name] && !literals[string(id)] {
			t.Errorf("%s (%q) is not used outside package msg", name, id)
		}
	}
}

// TestNoteCodesHaveText checks that every note code, whichever package
// declares it (a constant of type evaluator.NoteCode), has English text.
func TestNoteCodesHaveText(t *testing.T) {
	t.Parallel()
	n := 0
	walkCode(t, func(path string, f *ast.File) {
		ast.Inspect(f, func(node ast.Node) bool {
			v, ok := node.(*ast.ValueSpec)
			if !ok || !isNoteCode(v.Type) {
				return true
			}
			for i, name := range v.Names {
				code, err := strconv.Unquote(v.Values[i].(*ast.BasicLit).Value)
				if err != nil {
					t.Fatal(err)
				}
				n++
				if English[ID(code)] == "" {
					t.Errorf("%s: %s (%q) has no English text", path, name.Name, code)
				}
			}
			return true
		})
	})
	if n == 0 {
		t.Error("no NoteCode constants found")
	}
}

// isNoteCode reports whether a type expression names the evaluator's
// NoteCode.
func isNoteCode(typ ast.Expr) bool {
	switch typ := typ.(type) {
	case *ast.Ident:
		return typ.Name == "NoteCode"
	case *ast.SelectorExpr:
		x, ok := typ.X.(*ast.Ident)
		return ok && x.Name == "evaluator" && typ.Sel.Name == "NoteCode"
	}
	return false
}
