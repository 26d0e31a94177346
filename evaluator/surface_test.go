package evaluator_test

import (
	"go/importer"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// TestPublicSurface fails if an exported declaration of a public package
// (a function's parameters or results, an exported field or method of an
// exported type, a variable or constant) names a type from an internal
// package, which no user of the module could name.
func TestPublicSurface(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the packages from source")
	}
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	for _, path := range []string{"github.com/iamsim/iamsim/policy", "github.com/iamsim/iamsim/evaluator"} {
		pkg, err := imp.Import(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, leak := range internalTypes(pkg) {
			t.Errorf("%s: %s", path, leak)
		}
	}
}

// internalTypes lists the exported declarations of pkg that mention a
// type from an internal package.
func internalTypes(pkg *types.Package) []string {
	var leaks []string
	seen := map[types.Type]bool{}
	var walk func(where string, t types.Type)
	walk = func(where string, t types.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Named:
			if p := t.Obj().Pkg(); p != nil && isInternal(p.Path()) {
				leaks = append(leaks, where+" mentions "+t.String())
				return
			}
			if p := t.Obj().Pkg(); p != pkg {
				return // another public package answers for its own types
			}
			for i := 0; i < t.NumMethods(); i++ {
				if m := t.Method(i); m.Exported() {
					walk(where+"."+m.Name(), m.Type())
				}
			}
			walk(where, t.Underlying())
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				if f := t.Field(i); f.Exported() {
					walk(where+"."+f.Name(), f.Type())
				}
			}
		case *types.Interface:
			for i := 0; i < t.NumMethods(); i++ {
				if m := t.Method(i); m.Exported() {
					walk(where+"."+m.Name(), m.Type())
				}
			}
		case *types.Signature:
			for _, tuple := range []*types.Tuple{t.Params(), t.Results()} {
				for i := 0; i < tuple.Len(); i++ {
					walk(where, tuple.At(i).Type())
				}
			}
		case *types.Pointer:
			walk(where, t.Elem())
		case *types.Slice:
			walk(where, t.Elem())
		case *types.Array:
			walk(where, t.Elem())
		case *types.Map:
			walk(where, t.Key())
			walk(where, t.Elem())
		case *types.Chan:
			walk(where, t.Elem())
		}
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		walk(name, obj.Type())
	}
	return leaks
}

func isInternal(path string) bool {
	return strings.HasPrefix(path, "internal/") || strings.Contains(path, "/internal/") || strings.HasSuffix(path, "/internal")
}
