package cfn

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// nodeTree is what the reader uses of a node, for comparing trees.
type nodeTree struct {
	Kind         yaml.Kind
	Tag, Value   string
	Style        yaml.Style
	Line, Column int
	Content      []nodeTree
}

func treeOf(n *yaml.Node) nodeTree {
	t := nodeTree{Kind: n.Kind, Tag: n.Tag, Value: n.Value, Style: n.Style, Line: n.Line, Column: n.Column}
	for _, c := range n.Content {
		t.Content = append(t.Content, treeOf(c))
	}
	return t
}

// checkJSONNodes compares jsonNodes with the YAML reader on valid JSON.
func checkJSONNodes(t *testing.T, src []byte) {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil || len(root.Content) == 0 {
		t.Skip("the YAML reader does not read it")
	}
	want, got := treeOf(root.Content[0]), treeOf(jsonNodes(src))
	if reflect.DeepEqual(want, got) {
		return
	}
	t.Errorf("jsonNodes differs from the YAML reader (-yaml +json):\n%s", cmp.Diff(want, got))
}

// TestJSONNodes reads every JSON file of the testdata, and JSON that
// stresses the scanner, as the YAML reader does.
func TestJSONNodes(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(testdata, "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join(testdata, "*.json"))
	for _, f := range append(files, more...) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if json.Valid(src) {
				checkJSONNodes(t, src)
			}
		})
	}
	for i, s := range []string{
		`{"a": "é\u00e9\"\\", "b": [1, -2.5, 3e2, true, false, null, {}, []], "c": {"d": "x\ty"}}`,
		"{\r\n  \"x\" : [ \"y\" , \"日本\" ]\r\n}",
	} {
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkJSONNodes(t, []byte(s)) })
	}
}

// FuzzJSONNodes compares jsonNodes with the YAML reader on valid JSON
// objects.
func FuzzJSONNodes(f *testing.F) {
	f.Add([]byte(`{"a": [1, "b", {"c": null}]}`))
	f.Add([]byte(`{"k": "\u00e9\n\"", "n": -0.5e-3}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		if !json.Valid(src) || len(src) == 0 || src[0] != '{' {
			return
		}
		if loneCR(src) {
			// YAML breaks a line at a lone CR; the JSON scanner, like every
			// position iamsim prints (policy.Pos), breaks lines at LF only.
			return
		}
		checkJSONNodes(t, src)
	})
}

// loneCR reports whether src has a CR that no LF follows.
func loneCR(src []byte) bool {
	for i, c := range src {
		if c == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
			return true
		}
	}
	return false
}
