package source

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// yamlSyntaxCases are YAML files yaml.v3 refuses, with the error iamsim
// gives. The positions were checked against libyaml (yaml.v3's origin),
// which reports both where the construct starts and where it stopped
// reading: the position is where the construct starts (the '[' never
// closed, the string never ended), except for an escape, given where it
// stands; the message adds where the reader stopped when that is known.
var yamlSyntaxCases = []struct {
	name, src, want string
}{
	{"an unclosed '[' on line 5", "name: x\nrequests:\n  - principal: p\n    action: a\n    context: [x, y\n", "c.yaml:5:14: invalid YAML: '[' opens a list that is never closed: at 6:1 the YAML reader expected ',' or ']'"},
	{"an unclosed '[' on line 3 of a lint configuration", "lint:\n  ignore:\n    - rule: [sid-duplicate\n", "c.yaml:3:13: invalid YAML: '[' opens a list that is never closed: at 4:1 the YAML reader expected ',' or ']'"},
	{"an unclosed '[' before keys that go on", "a: 1\nb: 2\nc: 3\nd: 4\ne: [x, y\nf: 2\n", "c.yaml:5:4: invalid YAML: '[' opens a list that is never closed: at 6:2 the YAML reader expected ',' or ']'"},
	{"an empty unclosed '['", "lint: [\n", "c.yaml:1:7: invalid YAML: '[' opens a list that is never closed: at 2:1 the YAML reader expected a value"},
	{"an unclosed '[' on the first line", "[a, b\n", "c.yaml:1:1: invalid YAML: '[' opens a list that is never closed: at 2:1 the YAML reader expected ',' or ']'"},
	{"an unclosed '[' spanning lines", "x:\n  y: 1\n  z: [1,\n    2\n", "c.yaml:3:6: invalid YAML: '[' opens a list that is never closed: at 5:1 the YAML reader expected ',' or ']'"},
	{"an unclosed '[' in a list entry", "- [a, b\n- c\n", "c.yaml:1:3: invalid YAML: '[' opens a list that is never closed: at 3:1 the YAML reader expected ',' or ']'"},
	{"an unclosed '[' before a key", "[\n  a,\n  b\n  c: d\n", "c.yaml:1:1: invalid YAML: '[' opens a list that is never closed: at 4:4 the YAML reader expected ',' or ']'"},
	{"an unclosed '{'", "a: {x: 1\n", "c.yaml:1:4: invalid YAML: '{' opens a mapping that is never closed: at 2:1 the YAML reader expected ',' or '}'"},
	{"an unclosed '{' before keys that go on", "a: {x: 1\nb: 2\n", "c.yaml:1:4: invalid YAML: '{' opens a mapping that is never closed: at 2:2 the YAML reader expected ',' or '}'"},
	{"an unclosed '{' on the first line", "{a: 1, b\n", "c.yaml:1:1: invalid YAML: '{' opens a mapping that is never closed: at 2:1 the YAML reader expected ',' or '}'"},
	{"'[' closed by '}'", "a: {x: 1, y: [1, 2}\n", "c.yaml:1:14: invalid YAML: '[' opens a list that is never closed: at 1:19 the YAML reader expected ',' or ']'"},
	{"'{' closed by ']'", "a: [1, {b: 2]\n", "c.yaml:1:8: invalid YAML: '{' opens a mapping that is never closed: at 1:13 the YAML reader expected ',' or '}'"},
	{"a closed list with a missing comma", "a: [x, \"b\" c]\n", "c.yaml:1:4: invalid YAML: in the list that opens here, the YAML reader expected ',' or ']' at 1:12"},
	{"a missing comma after a nested list", "a: [[1], \"b\" c]\n", "c.yaml:1:4: invalid YAML: in the list that opens here, the YAML reader expected ',' or ']' at 1:14"},
	{"CRLF: an unclosed '['", "a: 1\r\nb: [x,\r\n  y\r\n", "c.yaml:2:4: invalid YAML: '[' opens a list that is never closed: at 4:1 the YAML reader expected ',' or ']'"},
	{"CRLF: a key indented less than its siblings", "a:\r\n  b: 1\r\n c: 2\r\n", "c.yaml:1:1: invalid YAML: in the mapping that starts here, the YAML reader expected a key at 3:2: check the indentation"},
	{"CRLF: an unterminated quote", "a: \"x\r\nb: 1\r\n", "c.yaml:1:4: invalid YAML: the quoted string that starts here is never closed"},
	{"CRLF: a colon in a plain scalar", "a: 1\r\nb: c: d\r\n", "c.yaml:2:5: invalid YAML: mapping values are not allowed in this context"},
	{"columns count characters", "é: [ü, ö\n", "c.yaml:1:4: invalid YAML: '[' opens a list that is never closed: at 2:1 the YAML reader expected ',' or ']'"},
	{"a key indented less than its siblings", "a:\n  b: 1\n c: 2\n", "c.yaml:1:1: invalid YAML: in the mapping that starts here, the YAML reader expected a key at 3:2: check the indentation"},
	{"a key between two indentations", "a:\n    b: 1\n  c: 2\n", "c.yaml:1:1: invalid YAML: in the mapping that starts here, the YAML reader expected a key at 3:3: check the indentation"},
	{"a list entry where a key is due", "a: 1\n- b\n", "c.yaml:1:1: invalid YAML: in the mapping that starts here, the YAML reader expected a key at 2:1: check the indentation"},
	{"a list entry under a complex key", "? a\n? b\n: c\n- d\n", "c.yaml:1:1: invalid YAML: in the mapping that starts here, the YAML reader expected a key at 4:1: check the indentation"},
	{"an entry indented less than its list", "a:\n  - b\n - c\n", "c.yaml:1:1: invalid YAML: in the mapping that starts here, the YAML reader expected a key at 3:2: check the indentation"},
	{"a key where a list entry is due", "- a\nb: 1\n", "c.yaml:1:1: invalid YAML: in the list that starts here, the YAML reader expected a '-' entry at 2:1: check the indentation"},
	{"a dash without a space", "- a\n-b: 1\nc: 2\n", "c.yaml:1:1: invalid YAML: in the list that starts here, the YAML reader expected a '-' entry at 2:1: check the indentation"},
	{"a key after a list in a mapping", "a:\n  - b\n  c: 1\n", "c.yaml:2:3: invalid YAML: in the list that starts here, the YAML reader expected a '-' entry at 3:3: check the indentation"},
	{"a nested list dedented", "- - a\n - b\n", "c.yaml:1:1: invalid YAML: in the list that starts here, the YAML reader expected a '-' entry at 2:2: check the indentation"},
	{"a stray ']'", "a: [b, c]]\n", "c.yaml:1:1: invalid YAML: in the mapping that starts here, the YAML reader expected a key at 1:10, where ']' closes nothing"},
	{"a tab in the indentation", "a:\n\tb: 1\n", "c.yaml:2:1: a tab in the indentation: YAML indents with spaces only"},
	{"an unterminated double quote", "a: \"abc\nb: 2\n", "c.yaml:1:4: invalid YAML: the quoted string that starts here is never closed"},
	{"an unterminated single quote", "a: 'it''s\n", "c.yaml:1:4: invalid YAML: the quoted string that starts here is never closed"},
	{"a quoted string running into a document marker", "a: \"x\n---\n\"\n", "c.yaml:1:4: invalid YAML: the quoted string that starts here runs into the document marker at 2:1: close it first"},
	{"a colon in a plain scalar", "key: a: b\n", "c.yaml:1:7: invalid YAML: mapping values are not allowed in this context"},
	{"a URL with a colon and a space", "url: http://x: y\n", "c.yaml:1:14: invalid YAML: mapping values are not allowed in this context"},
	{"a key on a continuation line", "key: value\n  other: x\n", "c.yaml:2:8: invalid YAML: mapping values are not allowed in this context"},
	{"a key indented under a value", "a: b\n c: d\n", "c.yaml:2:3: invalid YAML: mapping values are not allowed in this context"},
	{"a plain scalar then a key", "a\nb: c\n", "c.yaml:2:2: invalid YAML: mapping values are not allowed in this context"},
	{"a dash after a key", "a: - b\n", "c.yaml:1:4: invalid YAML: block sequence entries are not allowed in this context"},
	{"a key without a colon", "a: 1\nb\nc: 2\n", "c.yaml:2:1: invalid YAML: could not find expected ':' after the key that starts here"},
	{"a quoted key without a colon", "\"a\": 1\n\"b\" 2\n", "c.yaml:2:1: invalid YAML: could not find expected ':' after the key that starts here"},
	{"a stray '}'", "a: }\n", "c.yaml:1:4: invalid YAML: did not find expected node content"},
	{"a stray ']' as a value", "a: ]\n", "c.yaml:1:4: invalid YAML: did not find expected node content"},
	{"an unknown escape", "a: \"\\q\"\n", "c.yaml:1:5: invalid YAML: unknown escape \\q in a double-quoted string"},
	{"a short \\u escape", "a: \"ok\"\nb: \"\\uZZZZ\"\n", "c.yaml:2:5: invalid YAML: escape \\u needs 4 hexadecimal digits in a double-quoted string"},
	{"a surrogate escape", "a: \"\\uD800\"\n", "c.yaml:1:5: invalid YAML: escape \\uD800 is not a Unicode character in a double-quoted string"},
	{"an anchor without a name", "a: &\n", "c.yaml:1:4: invalid YAML: an anchor needs a name: did not find expected alphabetic or numeric character"},
	{"an alias without a name", "a: *\n", "c.yaml:1:4: invalid YAML: an alias needs a name: did not find expected alphabetic or numeric character"},
	{"a verbatim tag without '>'", "a: !<x\n", "c.yaml:1:4: invalid YAML: did not find the expected '>'"},
	{"a block scalar indented by 0", "a: |0\n  x\n", "c.yaml:1:4: invalid YAML: found an indentation indicator equal to 0"},
	{"a block scalar header with text", "a: >x\n  b\n", "c.yaml:1:4: invalid YAML: did not find expected comment or line break"},
	{"'@' after a block scalar", "a: |\n  x\nb: @c\n", "c.yaml:3:4: invalid YAML: found character that cannot start any token"},
	{"a backquote", "x: `y`\n", "c.yaml:1:4: invalid YAML: found character that cannot start any token"},
	{"an unknown directive", "%FOO\na: 1\n", "c.yaml:1:1: invalid YAML: found unknown directive name"},
	{"a repeated %YAML directive", "%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "c.yaml:2:1: invalid YAML: found duplicate %YAML directive"},
}

// TestYAMLSyntaxErrorPositions checks the line and the column of each
// kind of syntax error yaml.v3 reports, which it gives with a line only
// (and for most one line short).
func TestYAMLSyntaxErrorPositions(t *testing.T) {
	t.Parallel()
	for _, tt := range yamlSyntaxCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseYAML("c.yaml", []byte(tt.src), "a scenario")
			if err == nil {
				t.Fatal("accepted")
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDuplicateAnchorsAccepted records that yaml.v3, unlike libyaml,
// reads an anchor defined twice (YAML 1.2 allows it: an alias names the
// latest), so it is no syntax error to place.
func TestDuplicateAnchorsAccepted(t *testing.T) {
	if _, err := ParseYAML("c.yaml", []byte("a: &x 1\nb: &x 2\nc: *x\n"), "a scenario"); err != nil {
		t.Error(err)
	}
}

// FuzzYAMLSyntaxPosition checks that every error ParseYAML gives points
// into the input: a line it has and a column at most one past the end
// of that line. It is seeded with the syntax error cases.
func FuzzYAMLSyntaxPosition(f *testing.F) {
	for _, tt := range yamlSyntaxCases {
		f.Add([]byte(tt.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		_, err := ParseYAML("c.yaml", src, "a scenario")
		var se *Error
		if err == nil || errors.Is(err, ErrEmpty) {
			return
		}
		if !errors.As(err, &se) {
			t.Fatalf("error %T without a position: %v", err, err)
		}
		checkInside(t, src, se)
	})
}

// checkInside fails t unless the position of e lies inside src.
func checkInside(t *testing.T, src []byte, e *Error) {
	t.Helper()
	lines := bytes.Split(src, []byte("\n"))
	if e.Pos.Line < 1 || e.Pos.Line > len(lines) {
		t.Fatalf("line %d is outside the %d-line input: %v", e.Pos.Line, len(lines), e)
	}
	if n := utf8.RuneCount(lines[e.Pos.Line-1]); e.Pos.Col < 1 || e.Pos.Col > n+1 {
		t.Fatalf("column %d is outside line %d of %d characters: %v", e.Pos.Col, e.Pos.Line, n, e)
	}
}

// BenchmarkYAMLSyntaxError measures placing syntax errors in large files:
// a long flow list never closed, and a bad indentation after many keys.
func BenchmarkYAMLSyntaxError(b *testing.B) {
	for name, src := range map[string]string{
		"flow":   "a: [" + strings.Repeat("x, [y], {z: 1}, ", 50_000) + "\n",
		"indent": "a:\n" + strings.Repeat("  k: v\n", 100_000) + " bad: 1\n",
		"line":   "a: " + strings.Repeat("b ", 200_000) + "\n c: d: e\n",
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := ParseYAML("c.yaml", []byte(src), "a scenario"); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}
