package policy_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/iamsim/iamsim/policy"
)

// FuzzParse checks that Parse never panics and that every problem it
// reports points into the input. It is seeded with every file under
// testdata/policies, each parsed as every kind; crashers found so far are
// kept in testdata/fuzz/FuzzParse as regressions.
func FuzzParse(f *testing.F) {
	err := filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, k := range policy.Kinds() {
			f.Add(src, uint8(k))
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	known := map[policy.Code]bool{}
	for _, c := range policy.Codes {
		known[c.Code] = true
	}
	kinds := policy.Kinds()
	f.Fuzz(func(t *testing.T, src []byte, k uint8) {
		kind := kinds[int(k)%len(kinds)]
		doc, err := policy.Parse("fuzz.json", src, kind)
		if err == nil {
			if doc == nil {
				t.Fatal("Parse returned neither a document nor an error")
			}
			return
		}
		var list policy.ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error %T is not a non-empty policy.ErrorList: %v", err, err)
		}
		if !sort.SliceIsSorted(list, func(i, j int) bool {
			a, b := list[i].Pos, list[j].Pos
			return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
		}) {
			t.Errorf("problems are not sorted by position:\n%v", err)
		}
		lines := bytes.Split(src, []byte("\n"))
		for _, e := range list {
			p := e.Pos
			if p.File != "fuzz.json" {
				t.Errorf("%v: file %q, want fuzz.json", e, p.File)
			}
			if p.Line < 1 || p.Col < 1 {
				t.Fatalf("%v: position before the start of the input", e)
			}
			if p.Line > len(lines) {
				t.Fatalf("%v: line %d, but the input has %d lines", e, p.Line, len(lines))
			}
			line := lines[p.Line-1]
			if n := utf8.RuneCount(line); p.Col > n+1 {
				t.Fatalf("%v: column %d, but line %d has %d characters", e, p.Col, p.Line, n)
			}
			if want := strings.TrimSuffix(string(line), "\r"); e.Line != want {
				t.Errorf("%v: source line %q, want %q", e, e.Line, want)
			}
			if !known[e.Code] {
				t.Errorf("%v: unknown code %q", e, e.Code)
			}
			if e.Msg == "" {
				t.Errorf("%v: empty message", e)
			}
			_ = e.Detail()
		}
	})
}

// FuzzValidAgreesWithEncodingJSON checks that gjson.Valid, which Parse
// uses to accept a document, and encoding/json, which Parse uses to say
// where a rejected one goes wrong, agree on what is JSON: otherwise Parse
// would accept what encoding/json rejects, or report a syntax error
// without a position. It is seeded with the policy corpus and with edge
// cases of the JSON grammar.
func FuzzValidAgreesWithEncodingJSON(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `""`, `0`, `-0`, `1e5`, `1E+5`, `1.5e-3`, `01`, `1.`, `.5`, `-`, `+1`,
		`true`, `tru`, `null`, `nul`, `"\u00e9"`, `"\u00"`, `"\x"`, `"a` + "\x01" + `"`,
		`{"a":1,}`, `[1,]`, `{"a" 1}`, `{a:1}`, " {\"a\": [1, 2]} \n", `{} {}`, `{}}`,
		"\u00a0{}", "{}\v", `[[[[]]]]`, `"\ud800"`, `{"a":"b"` + "\t" + `}`,
	} {
		f.Add([]byte(s))
	}
	err := filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(path)
		f.Add(src)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if g, j := gjson.ValidBytes(src), json.Valid(src); g != j {
			t.Errorf("gjson.Valid = %v, json.Valid = %v for %q", g, j, src)
		}
	})
}
