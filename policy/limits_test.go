package policy_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// statements returns a policy of n statements, statement i (from 0) on
// line i+2 in column 1.
func statements(n int) string {
	sts := make([]string, n)
	for i := range sts {
		sts[i] = fmt.Sprintf(`{"Sid": "S%d", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`, i)
	}
	return "{\"Version\": \"2012-10-17\", \"Statement\": [\n" + strings.Join(sts, ",\n") + "\n]}"
}

// listOf returns a statement member key: [value, ...] of n values. As a
// member of stmt on line 2, value i (from 0) is on line i+3 in column 1.
func listOf(key, value string, n int) string {
	return key + ": [\n" + strings.TrimSuffix(strings.Repeat(value+",\n", n), ",\n") + "]"
}

// nested returns a policy whose Id is n nested arrays, nesting n+1
// levels deep; the bracket that opens level k+1 is in column k+7.
func nested(n int) string {
	return `{"Id": ` + strings.Repeat("[", n) + strings.Repeat("]", n) + "}"
}

// padded returns src followed by line breaks up to n bytes.
func padded(src string, n int) string { return src + strings.Repeat("\n", n-len(src)) }

// limitCodes returns the problems of err, as problems does, that are
// about a limit.
func limitCodes(t *testing.T, file string, err error) []string {
	t.Helper()
	var got []string
	for _, p := range problems(t, file, err) {
		switch p[strings.LastIndexByte(p, ' ')+1:] {
		case "E024", "E025", "E026", "E027":
			got = append(got, p)
		}
	}
	return got
}

type limitCase struct {
	name string
	kind policy.Kind
	src  string
	// want lists the limit problems as "line:col CODE"; none just under
	// the limit.
	want []string
	// invalid is set when the source has other problems: no policy
	// nests deeply.
	invalid bool
}

// defaultLimitCases have each default limit just reached (no problem)
// and just exceeded (a problem at the first thing past the limit).
func defaultLimitCases() []limitCase {
	big := padded(stmt(allow, action, anyRes), 1<<20)
	return []limitCase{
		{"depth 64", policy.Identity, nested(63), nil, true},
		{"depth 65", policy.Identity, nested(64), []string{"1:71 E024"}, true},
		{"1 MiB", policy.Identity, big, nil, false},
		{"1 MiB and a byte", policy.Identity, big + "\n", []string{fmt.Sprintf("%d:1 E025", 1+strings.Count(big, "\n"))}, false},
		{"1000 statements", policy.Identity, statements(1000), nil, false},
		{"1001 statements", policy.Identity, statements(1001), []string{"1002:1 E026"}, false},
		{"10000 actions", policy.Identity, stmt(listOf(`"Action"`, `"s3:GetObject"`, 10000), allow, anyRes), nil, false},
		{"10001 actions", policy.Identity, stmt(listOf(`"Action"`, `"s3:GetObject"`, 10001), allow, anyRes), []string{"10003:1 E027"}, false},
		{"10001 not-actions", policy.Identity, stmt(listOf(`"NotAction"`, `"s3:GetObject"`, 10001), allow, anyRes), []string{"10003:1 E027"}, false},
		{"10000 resources", policy.Identity, stmt(listOf(`"Resource"`, `"arn:aws:s3:::b/*"`, 10000), allow, action), nil, false},
		{"10001 resources", policy.Identity, stmt(listOf(`"Resource"`, `"arn:aws:s3:::b/*"`, 10001), allow, action), []string{"10003:1 E027"}, false},
		{"10000 principals", policy.Resource, stmt(listOf(`"Principal": {"AWS"`, `"`+account+`"`, 10000)+"}", allow, action, anyRes), nil, false},
		{"10001 principals", policy.Resource, stmt(listOf(`"Principal": {"AWS"`, `"`+account+`"`, 10001)+"}", allow, action, anyRes), []string{"10003:1 E027"}, false},
		{"10000 condition values", policy.Identity, stmt(listOf(`"Condition": {"StringEquals": {"aws:username"`, `"alice"`, 10000)+"}}", allow, action, anyRes), nil, false},
		{"10001 condition values", policy.Identity, stmt(listOf(`"Condition": {"StringEquals": {"aws:username"`, `"alice"`, 10001)+"}}", allow, action, anyRes), []string{"10003:1 E027"}, false},
	}
}

func TestDefaultLimits(t *testing.T) {
	t.Parallel()
	for _, tc := range defaultLimitCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := policy.Parse("p.json", []byte(tc.src), tc.kind)
			if tc.want == nil && !tc.invalid && err != nil {
				t.Fatalf("just under the limit: %v", err)
			}
			if diff := cmp.Diff(tc.want, limitCodes(t, "p.json", err)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLimits parses within small limits and checks each just under and
// just over.
func TestLimits(t *testing.T) {
	t.Parallel()
	small := policy.Limits{Bytes: 400, Depth: 5, Statements: 2, Values: 3}
	doc := stmt(allow, action, anyRes)
	// lineOf returns the line of byte offset i of src, in column 1.
	lineOf := func(src string, i int) string { return fmt.Sprintf("%d:1 E025", 1+strings.Count(src[:i], "\n")) }
	for _, tc := range []limitCase{
		{"depth 5", policy.Identity, nested(4), nil, true},
		{"depth 6", policy.Identity, nested(5), []string{"1:12 E024"}, true},
		{"depth 6 in a condition", policy.Identity, `{"Statement": [{"Condition": {"StringEquals": {"k": [[]]}}}]}`, []string{"1:53 E024"}, true},
		{"brackets in strings do not nest", policy.Identity, `{"Id": "[[[{{{\"[[["}`, nil, true},
		{"400 bytes", policy.Identity, padded(doc, 400), nil, false},
		{"401 bytes", policy.Identity, padded(doc, 401), []string{lineOf(padded(doc, 401), 400)}, false},
		{"2 statements", policy.Identity, statements(2), nil, false},
		{"3 statements", policy.Identity, statements(3), []string{"4:1 E026"}, false},
		{"3 actions", policy.Identity, stmt(listOf(`"Action"`, `"s3:GetObject"`, 3), allow, anyRes), nil, false},
		{"4 actions", policy.Identity, stmt(listOf(`"Action"`, `"s3:GetObject"`, 4), allow, anyRes), []string{"6:1 E027"}, false},
		{"4 condition values", policy.Identity, stmt(listOf(`"Condition": {"StringEquals": {"aws:username"`, `"alice"`, 4)+"}}", allow, action, anyRes), []string{"6:1 E027"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := small.Parse("p.json", []byte(tc.src), tc.kind)
			if tc.want == nil && !tc.invalid && err != nil {
				t.Fatalf("just under the limit: %v", err)
			}
			if diff := cmp.Diff(tc.want, limitCodes(t, "p.json", err)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}

	// In a file of several documents, as an account export is, the size
	// limit applies to each document, with its position in the file.
	file := doc + "\n" + doc + "\n" + padded(doc, 401)
	loc := small.NewLocator("export.json", []byte(file))
	for i, start := range []int{0, len(doc) + 1} {
		if _, err := loc.ParseEmbedded(start, start+len(doc), policy.Identity); err != nil {
			t.Errorf("document %d of the file: %v", i, err)
		}
	}
	start := 2 * (len(doc) + 1)
	_, err := loc.ParseEmbedded(start, len(file), policy.Identity)
	if diff := cmp.Diff([]string{lineOf(file, start+400)}, limitCodes(t, "export.json", err)); diff != "" {
		t.Errorf("third document: mismatch (-want +got):\n%s", diff)
	}
}

// TestZeroLimitsAreDefaults checks that a limit below 1 stands for its
// default, and that Depth reads no deeper than MaxDepth.
func TestZeroLimitsAreDefaults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		limits policy.Limits
		src    string
		want   []string
	}{
		{"zero limits", policy.Limits{}, nested(64), []string{"1:71 E024"}},
		{"negative limits", policy.Limits{Bytes: -1, Depth: -1, Statements: -1, Values: -1}, nested(64), []string{"1:71 E024"}},
		{"only Depth given", policy.Limits{Depth: 2}, nested(2), []string{"1:9 E024"}},
		{"Depth past MaxDepth", policy.Limits{Depth: policy.MaxDepth + 1}, nested(policy.MaxDepth), []string{fmt.Sprintf("1:%d E024", 7+policy.MaxDepth)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := tc.limits.Parse("p.json", []byte(tc.src), policy.Identity)
			if diff := cmp.Diff(tc.want, limitCodes(t, "p.json", err)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLimitErrorsAreInput checks that the limit problems make the CLI
// exit 2, like the other problems with the input.
func TestLimitErrorsAreInput(t *testing.T) {
	t.Parallel()
	_, err := policy.Parse("p.json", []byte(nested(64)), policy.Identity)
	var pe *policy.Error
	if !errors.As(err, &pe) || pe.Code != policy.CodeTooDeep || !pe.Code.IsInput() {
		t.Errorf("Parse(too deep) = %v, want an input problem %s", err, policy.CodeTooDeep)
	}
	if !bytes.Contains([]byte(pe.Msg), []byte("64")) {
		t.Errorf("message %q does not name the limit", pe.Msg)
	}
}
