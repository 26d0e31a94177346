package matcher_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/internal/policytest"
	"github.com/iamsim/iamsim/policy"
)

// refArnLike is ArnLike by the IAM User Guide's definition
// (reference_policies_elements_condition_operators.md, "Amazon Resource
// Name (ARN) condition operators"): each of the six colon-delimited
// fields is matched on its own, with wildcards inside a field; the last
// field keeps further colons.
func refArnLike(pattern, value string) bool {
	p, v := strings.SplitN(pattern, ":", 6), strings.SplitN(value, ":", 6)
	if len(p) != 6 || len(v) != 6 {
		return false
	}
	for i := range p {
		if !policytest.Glob([]rune(p[i]), []rune(v[i])) {
			return false
		}
	}
	return true
}

// FuzzArnLike checks the compiled ArnLike condition against refArnLike.
func FuzzArnLike(f *testing.F) {
	for _, s := range [][2]string{
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b"},
		{"arn:aws:iam::*:role/*", "arn:aws:iam::111122223333:role/admin"},
		{"arn:aws:sns:*:111122223333:*", "arn:aws:sns:us-east-1:111122223333:topic:sub"},
		{"arn:aws:s3:::*", "arn:aws:s3:us-east-1::bucket"},
		{"arn:*:*:*:*:*", "arn:aws:s3"},
		{"arn:aws:ec2:*:*:instance/i-?", "arn:aws:ec2:eu-west-1:1:instance/i-é"},
		{"arn:aws:lambda:*:*:function:f*", "arn:aws:lambda:us-east-1:1:function:f:1"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, value string) {
		if !utf8.ValidString(pattern) || !utf8.ValidString(value) || strings.Contains(pattern, "$") ||
			len(pattern) > 80 || len(value) > 120 {
			t.Skip("the reference knows valid UTF-8 without variables, of a size it matches quickly")
		}
		doc, err := policy.Parse("arn.json", []byte(conditionSrc(v2012, "ArnLike", "aws:SourceArn", quote(pattern))), policy.Identity)
		if err != nil {
			t.Skip("not a policy value ArnLike accepts")
		}
		cond := matcher.Compile(doc).Statements[0].Conditions[0]
		got := cond.Eval(newContext(one("aws:SourceArn", value)), policy.Allow)
		if want := refArnLike(pattern, value); got != want {
			t.Errorf("ArnLike %q on %q = %t, the reference says %t", pattern, value, got, want)
		}
	})
}
