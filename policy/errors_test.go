package policy_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestErrorDetail checks the rendering of a problem with its source line
// and a caret under the column (docs/errors.md, STYLE.md "Errors").
func TestErrorDetail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want string
	}{
		{
			name: "spaces",
			src:  stmt(`"Effect": "allow"`, action, anyRes),
			want: "d.json:2:13: E008 Effect \"allow\" must be exactly \"Allow\" or \"Deny\"; did you mean \"Allow\"?\n" +
				"      \"Effect\": \"allow\",\n" +
				"                ^",
		},
		{
			name: "tab indentation is kept in the caret line",
			src:  "{\"Version\": \"2012-10-17\", \"Statement\": {\n\t\"Effect\": \"Allow\",\n\t\t\"Action\": \"s3\", \"Resource\": \"*\"}}",
			want: "d.json:3:13: E021 Action \"s3\": an action is written service:ActionName, or \"*\"\n" +
				"    \t\t\"Action\": \"s3\", \"Resource\": \"*\"}}\n" +
				"    \t\t          ^",
		},
		{
			name: "multi-byte characters count as one column",
			src:  "{\"Version\": \"2012-10-17\", \"Statement\": {\n\t\"Sid\": \"Ünïcödé\", \"Effect\": \"Allow\", \"Action\": \"s3\", \"Resource\": \"*\"}}",
			want: "d.json:2:49: E021 Action \"s3\": an action is written service:ActionName, or \"*\"\n" +
				"    \t\"Sid\": \"Ünïcödé\", \"Effect\": \"Allow\", \"Action\": \"s3\", \"Resource\": \"*\"}}\n" +
				"    \t                                               ^",
		},
		{
			name: "carriage return is not part of the line",
			src:  "{\"Version\": \"2012-10-17\",\r\n \"Statement\": 1}\r\n",
			want: "d.json:2:15: E005 Statement must be an object or an array of objects, not a number\n" +
				"     \"Statement\": 1}\n" +
				"                  ^",
		},
		{
			name: "caret after the end of the line",
			src:  `{"Id": "x",`,
			want: "d.json:1:12: E001 unexpected end of input: the document is not closed\n" +
				"    {\"Id\": \"x\",\n" +
				"               ^",
		},
		{
			name: "column 1",
			src:  "\xef\xbb\xbf{}",
			want: "d.json:1:1: E022 the file starts with a UTF-8 byte order mark, which JSON does not allow; save it without one\n" +
				"    \ufeff{}\n" +
				"    ^",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := policy.Parse("d.json", []byte(tc.src), policy.Identity)
			var e *policy.Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse: error %v is not a *policy.Error", err)
			}
			if diff := cmp.Diff(tc.want, e.Detail()); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestErrorDetailWithoutLine(t *testing.T) {
	t.Parallel()
	e := &policy.Error{Pos: policy.Pos{File: "f.json", Line: 3, Col: 7}, Code: policy.CodeEffect, Msg: "the statement has no Effect"}
	want := "f.json:3:7: E008 the statement has no Effect"
	if diff := cmp.Diff(want, e.Detail()); diff != "" {
		t.Errorf("Detail: mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, e.Error()); diff != "" {
		t.Errorf("Error: mismatch (-want +got):\n%s", diff)
	}
}

func TestErrorListSort(t *testing.T) {
	t.Parallel()
	mk := func(file string, line, col int, code policy.Code) *policy.Error {
		return &policy.Error{Pos: policy.Pos{File: file, Line: line, Col: col}, Code: code, Msg: "m"}
	}
	list := policy.ErrorList{
		mk("b.json", 1, 1, policy.CodeSyntax),
		mk("a.json", 2, 1, policy.CodeEffect),
		mk("a.json", 1, 9, policy.CodeEffect),
		mk("a.json", 1, 9, policy.CodeActionMissing),
		mk("a.json", 1, 2, policy.CodeVersion),
		mk("a.json", 10, 1, policy.CodeSyntax),
	}
	list.Sort()
	var got []string
	for _, e := range list {
		got = append(got, fmt.Sprintf("%s %s", e.Pos, e.Code))
	}
	want := []string{
		"a.json:1:2 E006",
		"a.json:1:9 E008",
		"a.json:1:9 E009",
		"a.json:2:1 E008",
		"a.json:10:1 E001",
		"b.json:1:1 E001",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestErrorListError(t *testing.T) {
	t.Parallel()
	_, err := policy.Parse("e.json", []byte(stmt(`"Effect": "allow"`, `"Action": "s3"`, anyRes)), policy.Identity)
	want := "e.json:2:13: E008 Effect \"allow\" must be exactly \"Allow\" or \"Deny\"; did you mean \"Allow\"?\n" +
		"e.json:3:13: E021 Action \"s3\": an action is written service:ActionName, or \"*\""
	if diff := cmp.Diff(want, fmt.Sprint(err)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestErrorListErr(t *testing.T) {
	t.Parallel()
	if err := (policy.ErrorList{}).Err(); err != nil {
		t.Errorf("empty list: Err() = %#v, want nil", err)
	}
	var nilList policy.ErrorList
	if err := nilList.Err(); err != nil {
		t.Errorf("nil list: Err() = %#v, want nil", err)
	}
	one := policy.ErrorList{{Code: policy.CodeSyntax, Msg: "m"}}
	if err := one.Err(); err == nil {
		t.Error("one problem: Err() = nil")
	}
}

// TestErrorListAs checks that callers reach the problems with errors.As and
// errors.Is, also through wrapping (STYLE.md: "Wrap with %w and compare
// with errors.Is or errors.As, never by string").
func TestErrorListAs(t *testing.T) {
	t.Parallel()
	_, err := policy.Parse("w.json", []byte(stmt(`"Effect": "allow"`, action)), policy.Identity)
	wrapped := fmt.Errorf("loading w.json: %w", err)

	var list policy.ErrorList
	if !errors.As(wrapped, &list) {
		t.Fatalf("errors.As(ErrorList) = false for %v", wrapped)
	}
	var got []string
	for _, e := range list {
		got = append(got, fmt.Sprintf("%d:%d %s", e.Pos.Line, e.Pos.Col, e.Code))
	}
	if diff := cmp.Diff([]string{"1:40 E010", "2:13 E008"}, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}

	var first *policy.Error
	if !errors.As(wrapped, &first) {
		t.Fatalf("errors.As(*Error) = false for %v", wrapped)
	}
	if first != list[0] {
		t.Errorf("errors.As(*Error) = %v, want the first problem %v", first, list[0])
	}
	for _, e := range list {
		if !errors.Is(wrapped, e) {
			t.Errorf("errors.Is(wrapped, %v) = false", e)
		}
	}
	other := &policy.Error{Code: policy.CodeEffect, Msg: "x"}
	if errors.Is(wrapped, other) {
		t.Errorf("errors.Is(wrapped, unrelated problem) = true")
	}
}

func TestCodes(t *testing.T) {
	t.Parallel()
	for i, c := range policy.Codes {
		if want := policy.Code(fmt.Sprintf("E%03d", i+1)); c.Code != want {
			t.Errorf("Codes[%d] = %s, want %s (codes are listed in order, without gaps)", i, c.Code, want)
		}
		if c.Title == "" {
			t.Errorf("%s has no title", c.Code)
		}
	}
	if got, want := len(policy.Codes), 28; got != want {
		t.Errorf("len(Codes) = %d, want %d", got, want)
	}
}

// TestCodeIsInput pins which codes are about the input (exit status 2) per
// the table in docs/errors.md.
func TestCodeIsInput(t *testing.T) {
	t.Parallel()
	var got []policy.Code
	for _, c := range policy.Codes {
		if c.Code.IsInput() {
			got = append(got, c.Code)
		}
	}
	want := []policy.Code{policy.CodeSyntax, policy.CodeTrailingData, policy.CodeDuplicateKey, policy.CodeEncoding,
		policy.CodeTooDeep, policy.CodeTooLarge, policy.CodeTooManyStatements, policy.CodeTooManyValues, policy.CodeInfrastructure}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestPos(t *testing.T) {
	t.Parallel()
	p := policy.Pos{File: "p.json", Line: 3, Col: 7}
	if got, want := p.String(), "p.json:3:7"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if !p.IsValid() {
		t.Errorf("%v: IsValid() = false", p)
	}
	if (policy.Pos{}).IsValid() {
		t.Error("zero Pos: IsValid() = true")
	}
}
