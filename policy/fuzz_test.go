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

// FuzzParse checks that Parse never panics, that every problem it
// reports points into the input, and that a document it accepts has its
// statements inside the input. It is seeded with every file under
// testdata/policies and with hostile inputs, each parsed as every kind;
// crashers the fuzzer finds go to policy/testdata/fuzz/FuzzParse, where
// go test runs them as regressions.
func FuzzParse(f *testing.F) {
	valid := `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`
	for _, s := range []string{
		"", " \n", "\xef\xbb\xbf" + valid, "{\"Version\": \"\xff\"}", valid + " {}", valid + "\x00",
		`{"Version": "2012-10-17", "Version": "2012-10-17", "Statement": []}`,
		strings.Repeat("[", 100) + strings.Repeat("]", 100), strings.Repeat(`{"a":`, 70) + "1" + strings.Repeat("}", 70),
		`{"Statement": [` + strings.Repeat(`{},`, 50) + `{}]}`, "{\r\n\t\"Statement\": \"é\"\r\n}",
	} {
		for _, k := range policy.Kinds() {
			f.Add([]byte(s), uint8(k))
		}
	}
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
		lines := bytes.Split(src, []byte("\n"))
		inside := func(p policy.Pos) bool {
			return p.Line >= 1 && p.Line <= len(lines) && p.Col >= 1 && p.Col <= utf8.RuneCount(lines[p.Line-1])+1
		}
		if err == nil {
			if doc == nil {
				t.Fatal("Parse returned neither a document nor an error")
			}
			for _, st := range doc.Statements {
				if !inside(st.Pos) || !inside(st.End) {
					t.Fatalf("statement %d at %v-%v: outside the input", st.Index, st.Pos, st.End)
				}
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
