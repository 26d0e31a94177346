package scenario

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// billionLaughs nests nine aliases nine levels deep: 9^9 nodes expanded.
func billionLaughs(top string) string {
	var b strings.Builder
	b.WriteString(top + ": &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 9; i++ {
		prev := "*a" + string(rune('0'+i-1))
		b.WriteString("k" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [" + strings.Repeat(prev+", ", 8) + prev + "]\n")
	}
	return b.String()
}

// TestHostileYAML checks that each broken scenario is refused with each
// of its problems once, at its position, with advice that fits it.
func TestHostileYAML(t *testing.T) {
	const head = "requests:\n  - principal: arn:aws:iam::111122223333:user/alice\n    action: s3:GetObject\n    resource: arn:aws:s3:::b/k\n"
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "s.yaml:1:1: empty scenario file"},
		{"only a comment", "# nothing\n", "s.yaml:1:1: empty scenario file"},
		{"byte order mark", "\xef\xbb\xbfname: x\n", "s.yaml:1:1: the file starts with a UTF-8 byte order mark; save it without one"},
		{"UTF-16", "\xff\xfen\x00", "s.yaml:1:1: the file is UTF-16 (it starts with a byte order mark); save it as UTF-8"},
		{"invalid UTF-8", "name: ok\nname2: \"\xff\"\n", "s.yaml:2:9: invalid UTF-8"},
		{"control character", "name: a\x00b\n", "s.yaml:1:8: control character U+0000 is not allowed in YAML"},
		{"a carriage return alone", "name: a\rrequests: []\n", "s.yaml:1:8: a carriage return without a line feed: save the file with LF or CRLF line endings"},
		{"CRLF line endings count as one line break", "name: a\r\nrequests: [1]\r\n", `s.yaml:2:12: a request must be a mapping, not the value "1"`},
		{"tab indentation", "policies:\n\tidentity: []\n", "s.yaml:2:1: a tab in the indentation: YAML indents with spaces only"},
		{"tab after spaces, reported a line short", "policies:\n  identity: []\n \t resource: {}\n", "s.yaml:3:2: a tab in the indentation: YAML indents with spaces only"},
		{"undefined alias", "name: x\nrequests: *missing\n", "s.yaml:2:11: alias *missing names no anchor: define &missing before it"},
		{"alias inside its anchor", "requests: &r [*r]\n", "s.yaml:1:15: alias *r is inside its own anchor"},
		{"billion laughs", billionLaughs("name"), "s.yaml:6:10: the aliases of this file expand it by more than 100000 nodes; write the values out or use fewer aliases"},
		{"second document", "name: a\n---\nname: b\n", "s.yaml:2:1: a second YAML document: a scenario file holds one document"},
		{"data after a JSON document", "{\"name\": \"a\"}\n\n  {\"name\": \"b\"}\n", "s.yaml:3:3: data after the end of the document: a scenario file holds one document"},
		{"syntax error: where the list opens", "name: [a\n", "s.yaml:1:7: invalid YAML: '[' opens a list that is never closed: at 2:1 the YAML reader expected ',' or ']'"},
		{"a bare path where a policy goes", "policies:\n  identity: [p.json]\n", `s.yaml:2:14: a policy is {file: path} or an inline policy document, not the value "p.json": for a file, write {file: p.json}`},
		{"a key beside file", "policies:\n  identity:\n    - file: p.json\n      extra: 1\n", `s.yaml:4:7: unknown key "extra" beside file: a policy is {file: path} or an inline policy document`},
		{"a second colon on one line", "name: a: b\n", "s.yaml:1:8: invalid YAML: mapping values are not allowed in this context"},
		{"an unclosed quote", "name: 'a\n", "s.yaml:1:7: invalid YAML: the quoted string that starts here is never closed"},
		{"duplicate key", "name: a\nname: b\n", `s.yaml:2:1: duplicate key "name" in the scenario`},
		{"unknown key", "nmae: a\n", `s.yaml:1:1: unknown key "nmae" in the scenario (want one of name, organization, policies, requests, allowUnknownActions)`},
		{"wrong type", "requests: {a: 1}\n", "s.yaml:1:11: requests must be a list, not a mapping"},
		{"a policy document: one error that says so, not one per key", `{"Version": "2012-10-17", "Statement": []}`,
			"s.yaml:1:1: a policy document, not a scenario (which has policies and requests: docs/scenarios.md); iamsim lint checks a policy, and eval --identity decides requests with it"},
		{"an account export", `{"UserDetailList": [], "RoleDetailList": []}`,
			"s.yaml:1:1: an account export, not a scenario (which has policies and requests: docs/scenarios.md); give an export with --account-details"},
		{"merge key", "name: x\npolicies:\n  <<: {identity: []}\n", `s.yaml:3:3: unknown key "<<" in policies (want one of identity, resource, resourcePolicyType, boundary, session, endpoint, scps, rcps)`},
		{"a quoted account that is not an ID: one error, no advice to quote it",
			head + "    resourceAccount: \"aws\"\n",
			`s.yaml:5:22: resourceAccount "aws": want a 12-digit account ID, such as 111122223333`},
		{"a short account",
			head + "    resourceAccount: 11112222333\n",
			`s.yaml:5:22: resourceAccount "11112222333": want a 12-digit account ID, such as 111122223333`},
		{"a management account",
			"organization: {managementAccount: aws}\n",
			`s.yaml:1:35: managementAccount "aws": want a 12-digit account ID, such as 111122223333`},
		{"a bad decision",
			head + "    expect: allow\n",
			`s.yaml:5:13: expect "allow": want allowed, explicitDeny or implicitDeny; did you mean allowed?`},
		{"awsManagedKey",
			head + "    awsManagedKey: yes\n",
			"s.yaml:5:20: awsManagedKey must be true or false"},
		{"a bad account and another fault: both reported, each once",
			"requests:\n  - principal: arn:aws:iam::111122223333:user/alice\n    action: s3:Get*\n    resource: arn:aws:s3:::b/k\n    resourceAccount: aws\n",
			`s.yaml:5:22: resourceAccount "aws": want a 12-digit account ID, such as 111122223333` + "\n" +
				`s.yaml:2:5: action "s3:Get*": an action is service:ActionName, without wildcards`},
		{"a key without a value", "requests:\n", "s.yaml:1:10: requests must be a list, not an empty value"},
		{"a missing field is reported once",
			"requests:\n  - action: s3:GetObject\n    resource: arn:aws:s3:::b/k\n",
			"s.yaml:2:5: the request has no principal"},
		{"a fault only the whole request shows is still reported",
			"requests:\n  - principal: arn:aws:iam::111122223333:user/alice\n    action: s3:GetObject\n    resource: b/k\n",
			`s.yaml:2:5: resource "b/k": a resource is an ARN (arn:partition:service:region:account:resource) or "*"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse("s.yaml", []byte(tt.src))
			if err == nil {
				t.Fatal("accepted")
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJSONSyntaxError checks that a .json scenario neither YAML nor JSON
// can read gets JSON's own error at its exact position.
func TestJSONSyntaxError(t *testing.T) {
	_, err := Parse("s.json", []byte("{\"requests\": [}\n"))
	want := `s.json:1:15: expected a value (a string in double quotes, a number, true, false, null, an object or an array), found '}'`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestLeadingZerosSurvive checks that an unquoted account ID keeps its
// leading zero, which is why no error advises quoting one.
func TestLeadingZerosSurvive(t *testing.T) {
	s, err := Parse("s.yaml", []byte("requests:\n  - principal: arn:aws:iam::011122223333:user/alice\n    action: s3:GetObject\n    resource: arn:aws:s3:::b/k\n    resourceAccount: 011122223333\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Requests[0].Request.ResourceAccount; got != "011122223333" {
		t.Errorf("resourceAccount = %q, want 011122223333", got)
	}
}

// TestAliasesWithinBounds checks that ordinary anchors still work.
func TestAliasesWithinBounds(t *testing.T) {
	src := `requests:
  - {principal: "arn:aws:iam::111122223333:user/a", action: s3:GetObject, resource: "*", context: &ctx {aws:SecureTransport: "true"}}
  - {principal: "arn:aws:iam::111122223333:user/b", action: s3:GetObject, resource: "*", context: *ctx}
`
	s, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Requests[1].Request.Context["aws:SecureTransport"].Values; !cmp.Equal(got, []string{"true"}) {
		t.Errorf("the alias gave %q", got)
	}
}

func TestParseContext(t *testing.T) {
	ctx, err := ParseContext("c.yaml", []byte("aws:SourceIp: 203.0.113.5\naws:TagKeys: [a, b]\nn: 1.50\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := ctx["n"].Values; !cmp.Equal(got, []string{"1.50"}) {
		t.Errorf("n = %q, want the text as written", got)
	}
	if v := ctx["aws:TagKeys"]; !v.Multi || len(v.Values) != 2 {
		t.Errorf("aws:TagKeys = %+v, want a list of two", v)
	}
	for src, want := range map[string]string{
		"":                     "c.yaml:1:1: empty context file: want a mapping of context keys to values",
		"[a]":                  "c.yaml:1:1: context must be a mapping of keys to values, not a list",
		"a: 1\nA: 2\n":         `c.yaml:2:1: duplicate context key "A" (key names are case-insensitive)`,
		"a: {b: 1}\n":          "c.yaml:1:4: a context value is a single value or a list of them, not a mapping",
		"a: [[b]]\n":           "c.yaml:1:5: each value of a multi-valued context key must be a single value, not a list",
		`{"a": "1"} {"b": 2}`:  "c.yaml:1:12: data after the end of the document: a context file holds one document",
		billionLaughs("aws:x"): "c.yaml:6:10: the aliases of this file expand it by more than 100000 nodes; write the values out or use fewer aliases",
	} {
		_, err := ParseContext("c.yaml", []byte(src))
		if err == nil || err.Error() != want {
			t.Errorf("ParseContext(%q) = %v, want %s", src, err, want)
		}
	}
}
