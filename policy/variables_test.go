package policy_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

func pat(text string) policy.Segment { return policy.Segment{Kind: policy.SegmentPattern, Text: text} }
func lit(text string) policy.Segment { return policy.Segment{Kind: policy.SegmentLiteral, Text: text} }
func vr(key string) policy.Segment   { return policy.Segment{Kind: policy.SegmentVariable, Text: key} }
func vdef(key, def string) policy.Segment {
	return policy.Segment{Kind: policy.SegmentVariable, Text: key, Default: def, HasDefault: true}
}

// reference_policies_variables.md: "Variables are marked using a $ prefix
// followed by a pair of curly braces ({ }) that include the variable name";
// "To add a default value to a variable, surround the default value with
// single quotes (' '), and separate the variable text and the default value
// with a comma and space (, )"; "${*} - use where you need an * (asterisk)
// character", "${?}", "${$}".
func TestParseTemplate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        string
		variables bool
		want      policy.Template
	}{
		{name: "variables off", in: "home/${aws:username}/*", variables: false, want: policy.Template{pat("home/${aws:username}/*")}},
		{name: "variables off keeps malformed text", in: "${aws:username", variables: false, want: policy.Template{pat("${aws:username")}},
		{name: "no variable", in: "arn:aws:s3:::b/*", variables: true, want: policy.Template{pat("arn:aws:s3:::b/*")}},
		{name: "empty", in: "", variables: true, want: policy.Template{pat("")}},
		{name: "dollar and braces alone are text", in: "$x {y} $ { }", variables: true, want: policy.Template{pat("$x {y} $ { }")}},
		{name: "variable in the middle", in: "home/${aws:username}/*", variables: true, want: policy.Template{pat("home/"), vr("aws:username"), pat("/*")}},
		{name: "variable alone", in: "${aws:username}", variables: true, want: policy.Template{vr("aws:username")}},
		{name: "adjacent variables stay apart", in: "${aws:a}${aws:b}", variables: true, want: policy.Template{vr("aws:a"), vr("aws:b")}},
		{name: "key name keeps its case", in: "${AWS:UserName}", variables: true, want: policy.Template{vr("AWS:UserName")}},
		{name: "tag key with slash", in: "${aws:PrincipalTag/team}", variables: true, want: policy.Template{vr("aws:PrincipalTag/team")}},
		{
			name: "default value", in: "arn:aws:s3:::amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}", variables: true,
			want: policy.Template{pat("arn:aws:s3:::amzn-s3-demo-bucket-"), vdef("aws:PrincipalTag/team", "company-wide")},
		},
		{name: "empty default", in: "${aws:x, ''}", variables: true, want: policy.Template{vdef("aws:x", "")}},
		{name: "default with spaces", in: "${aws:x, 'a b'}", variables: true, want: policy.Template{vdef("aws:x", "a b")}},
		{name: "default with wildcard", in: "${aws:x, '*'}", variables: true, want: policy.Template{vdef("aws:x", "*")}},
		// The docs write ", " before the default; iamsim also reads it without the space.
		{name: "default without space after comma", in: "${aws:x,'a'}", variables: true, want: policy.Template{vdef("aws:x", "a")}},
		{name: "literal star", in: "a${*}b", variables: true, want: policy.Template{pat("a"), lit("*"), pat("b")}},
		{name: "literal question mark", in: "${?}", variables: true, want: policy.Template{lit("?")}},
		{name: "literal dollar", in: "${$}", variables: true, want: policy.Template{lit("$")}},
		{name: "adjacent literals merge", in: "${*}${?}${$}", variables: true, want: policy.Template{lit("*?$")}},
		{name: "wildcard then literal", in: "a*${*}", variables: true, want: policy.Template{pat("a*"), lit("*")}},
		{name: "escaped dollar before braces", in: "${$}{aws:username}", variables: true, want: policy.Template{lit("$"), pat("{aws:username}")}},
		{
			name: "every kind", in: "arn:aws:s3:::b/${aws:username}/${*}/*/${aws:userid, 'none'}", variables: true,
			want: policy.Template{pat("arn:aws:s3:::b/"), vr("aws:username"), pat("/"), lit("*"), pat("/*/"), vdef("aws:userid", "none")},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, terr := policy.ParseTemplate(tc.in, tc.variables)
			if terr != nil {
				t.Fatalf("ParseTemplate(%q): %+v", tc.in, terr)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// Access Analyzer: MISSING_BRACE_IN_VARIABLE, EMPTY_VARIABLE,
// UNSUPPORTED_SPACE_IN_VARIABLE ("you cannot include a space in the variable
// name"), MISSING_QUOTE_IN_VARIABLE ("The policy variable default value must
// begin and end with a single quote.").
func TestParseTemplateErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		in     string
		offset int
		msg    string // a part of the message
	}{
		{name: "unclosed", in: "${aws:username", offset: 0, msg: "unclosed"},
		{name: "unclosed at the end", in: "a/${", offset: 2, msg: "unclosed"},
		{name: "empty", in: "${}", offset: 0, msg: "empty variable name"},
		{name: "space before the name", in: "x${ aws:u}", offset: 1, msg: "white space around the key name"},
		{name: "space after the name", in: "${aws:u }", offset: 0, msg: "white space around the key name"},
		{name: "space in the name", in: "${aws:user name}", offset: 0, msg: "white space in the key name"},
		{name: "default without quotes", in: "${aws:u, x}", offset: 0, msg: "single quotes"},
		{name: "default in double quotes", in: `${aws:u, "x"}`, offset: 0, msg: "single quotes"},
		{name: "default with a quote inside", in: "${aws:u, 'a'b'}", offset: 0, msg: "single quotes"},
		{name: "default missing", in: "${aws:u,}", offset: 0, msg: "single quotes"},
		{name: "key without prefix", in: "${username}", offset: 0, msg: "service:name"},
		{name: "nested variable", in: "${aws:${aws:u}}", offset: 0, msg: "character a key name cannot have"},
		{name: "second variable bad", in: "ok ${aws:a} then ${}", offset: 17, msg: "empty variable name"},
		{name: "offset in bytes after a multi-byte character", in: "é${}", offset: 2, msg: "empty variable name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, terr := policy.ParseTemplate(tc.in, true)
			if terr == nil {
				t.Fatalf("ParseTemplate(%q) = %v, want an error", tc.in, got)
			}
			if terr.Offset != tc.offset {
				t.Errorf("ParseTemplate(%q) offset = %d, want %d", tc.in, terr.Offset, tc.offset)
			}
			if !strings.Contains(terr.Msg, tc.msg) {
				t.Errorf("ParseTemplate(%q) message %q does not contain %q", tc.in, terr.Msg, tc.msg)
			}
			if got != nil {
				t.Errorf("ParseTemplate(%q) template = %v, want nil with an error", tc.in, got)
			}
			if _, terr := policy.ParseTemplate(tc.in, false); terr != nil {
				t.Errorf("ParseTemplate(%q, false) = %+v; without variables nothing is malformed", tc.in, terr)
			}
		})
	}
}

func TestTemplateHasVariables(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"plain/*", false},
		{"${*}${?}${$}", false},
		{"a/${aws:username}", true},
		{"${aws:x, 'd'}", true},
	}
	for _, tc := range tests {
		tmpl, terr := policy.ParseTemplate(tc.in, true)
		if terr != nil {
			t.Fatalf("ParseTemplate(%q): %+v", tc.in, terr)
		}
		if got := tmpl.HasVariables(); got != tc.want {
			t.Errorf("ParseTemplate(%q).HasVariables() = %v, want %v", tc.in, got, tc.want)
		}
	}
}
