package wildcard_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/wildcard"
)

// The comments below name the IAM User Guide page each case comes from:
// reference_policies_elements_resource.md is cited for its section "Using
// wildcards in resource ARNs", reference_policies_elements_condition_operators.md
// for "String condition operators". A D label names a row of the "Choices
// iamsim makes" table in docs/evaluation-logic.md#choices-iamsim-makes.

func TestCompileMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		pattern string
		input   string
		want    bool
	}{
		// Exact text: no wildcard, a plain comparison.
		{
			// reference_policies_elements_resource.md: an ARN without wildcards names one resource.
			name: "exact/equal", pattern: "arn:aws:s3:::bucket", input: "arn:aws:s3:::bucket", want: true,
		},
		{
			// reference_policies_elements_resource.md: an ARN without wildcards names one resource.
			name: "exact/longer input", pattern: "arn:aws:s3:::bucket", input: "arn:aws:s3:::bucket/key", want: false,
		},
		{
			// D13 (docs/evaluation-logic.md#choices-iamsim-makes): matching is case-sensitive.
			name: "exact/case-sensitive", pattern: "user/Bob", input: "user/bob", want: false,
		},

		// Empty pattern.
		{
			// reference_policies_elements_condition_operators.md: StringLike "" matches only the empty value.
			name: "empty pattern/empty input", pattern: "", input: "", want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: StringLike "" matches only the empty value.
			name: "empty pattern/non-empty input", pattern: "", input: "x", want: false,
		},

		// * : any run, possibly empty.
		{
			// reference_policies_elements_resource.md: "*" alone matches every resource.
			name: "star/alone matches anything", pattern: "*", input: "arn:aws:s3:::bucket/a/b:c", want: true,
		},
		{
			// reference_policies_elements_resource.md: "*" alone matches the empty string too (any run, possibly empty).
			name: "star/alone matches empty", pattern: "*", input: "", want: true,
		},
		{
			// reference_policies_elements_resource.md: "**" is two stars, still any run.
			name: "star/double star", pattern: "**", input: "abc", want: true,
		},
		{
			// reference_policies_elements_resource.md: * may match the empty run.
			name: "star/empty run", pattern: "home/*", input: "home/", want: true,
		},
		{
			// reference_policies_elements_resource.md: * crosses / ("can expand to replace everything within a segment, including characters like a forward slash").
			name: "star/crosses slash", pattern: "bucket/*", input: "bucket/a/b/c", want: true,
		},
		{
			// D12 (docs/evaluation-logic.md#choices-iamsim-makes): any * crosses :, mid-segment too.
			name: "star/crosses colon mid-segment", pattern: "log-group:a*b", input: "log-group:a:xb", want: true,
		},
		{
			// D12 (docs/evaluation-logic.md#choices-iamsim-makes); reference_policies_elements_resource.md [current]: arn:aws:sqs:us-east-1:* covers every queue of the region.
			name: "star/crosses several colons", pattern: "arn:aws:sqs:us-east-1:*", input: "arn:aws:sqs:us-east-1:111122223333:queue1", want: true,
		},
		{
			// reference_policies_elements_resource.md: bucket/*/test/* matches bucket//test/object.jpg.
			name: "star/documented empty segment", pattern: "bucket/*/test/*", input: "bucket//test/object.jpg", want: true,
		},
		{
			// reference_policies_elements_resource.md: bucket/*/test/* matches bucket/1/test/.
			name: "star/documented trailing empty", pattern: "bucket/*/test/*", input: "bucket/1/test/", want: true,
		},
		{
			// reference_policies_elements_resource.md: bucket/*/test/* does not match bucket/1-test/object.jpg.
			name: "star/documented non-match", pattern: "bucket/*/test/*", input: "bucket/1-test/object.jpg", want: false,
		},
		{
			// reference_policies_elements_resource.md: bucket/*/test/* does not match bucket/1/2/test.jpg.
			name: "star/documented non-match 2", pattern: "bucket/*/test/*", input: "bucket/1/2/test.jpg", want: false,
		},
		{
			// reference_policies_elements_resource.md: arn:aws:sqs:*:*:queue1 does not match queue10.
			name: "star/suffix must end", pattern: "arn:aws:sqs:*:*:queue1", input: "arn:aws:sqs:us-east-1:111122223333:queue10", want: false,
		},
		{
			// reference_policies_elements_resource.md: prefix and suffix may not overlap.
			name: "star/prefix and suffix do not overlap", pattern: "a*ant", input: "ant", want: false,
		},
		{
			// reference_policies_elements_resource.md: several stars, each any run.
			name: "star/several", pattern: "*a*b*c*", input: "xxaxxbxxcxx", want: true,
		},
		{
			// reference_policies_elements_resource.md: several stars, order matters.
			name: "star/several out of order", pattern: "*a*b*c*", input: "cba", want: false,
		},

		// ? : exactly one character.
		{
			// reference_policies_elements_resource.md: ? represents any single character.
			name: "question/one ASCII character", pattern: "file?.txt", input: "file1.txt", want: true,
		},
		{
			// reference_policies_elements_resource.md: ? represents exactly one character, not two.
			name: "question/not two", pattern: "file?.txt", input: "file10.txt", want: false,
		},
		{
			// reference_policies_elements_resource.md: ? represents exactly one character, not zero.
			name: "question/not zero", pattern: "file?.txt", input: "file.txt", want: false,
		},
		{
			// reference_policies_elements_resource.md: ? is one character; é is one character of two bytes in UTF-8.
			name: "question/two-byte UTF-8 character", pattern: "caf?", input: "café", want: true,
		},
		{
			// reference_policies_elements_resource.md: ? is one character; 日 is one character of three bytes.
			name: "question/three-byte UTF-8 character", pattern: "a?b", input: "a日b", want: true,
		},
		{
			// reference_policies_elements_resource.md: ? is one character; 😀 is one character of four bytes.
			name: "question/four-byte UTF-8 character", pattern: "a?b", input: "a😀b", want: true,
		},
		{
			// reference_policies_elements_resource.md: ?? is two characters, so it does not match one multi-byte character.
			name: "question/two do not match one multi-byte character", pattern: "a??b", input: "a日b", want: false,
		},
		{
			// reference_policies_elements_resource.md: ? crosses / and : like any character; D12 (docs/evaluation-logic.md#choices-iamsim-makes).
			name: "question/matches colon", pattern: "a?b", input: "a:b", want: true,
		},
		{
			// reference_policies_elements_resource.md: ? alone matches one character only.
			name: "question/alone on empty", pattern: "?", input: "", want: false,
		},
		{
			// reference_policies_elements_resource.md: * and ? combined.
			name: "question/with star", pattern: "*?", input: "x", want: true,
		},
		{
			// reference_policies_elements_resource.md: * and ? combined; ? still needs one character.
			name: "question/with star on empty", pattern: "*?", input: "", want: false,
		},

		// Every glob metacharacter of gobwas is literal (reference_policies_elements_resource.md: only * and ? are wildcards).
		{
			// reference_policies_elements_resource.md: file[1].txt matches only itself.
			name: "literal/brackets match themselves", pattern: "file[1].txt", input: "file[1].txt", want: true,
		},
		{
			// reference_policies_elements_resource.md: [1] is no character class.
			name: "literal/brackets are no class", pattern: "file[1].txt", input: "file1.txt", want: false,
		},
		{
			// reference_policies_elements_resource.md: . is literal, not any character.
			name: "literal/dot is no wildcard", pattern: "file[1].txt", input: "file[1]xtxt", want: false,
		},
		{
			// reference_policies_elements_resource.md: [!a] is literal, no negated class.
			name: "literal/negated class text", pattern: "[!a]", input: "[!a]", want: true,
		},
		{
			// reference_policies_elements_resource.md: [!a] is literal, no negated class.
			name: "literal/negated class is no class", pattern: "[!a]", input: "b", want: false,
		},
		{
			// reference_policies_elements_resource.md: [a-c] is literal, no range.
			name: "literal/range is no range", pattern: "[a-c]", input: "b", want: false,
		},
		{
			// reference_policies_elements_resource.md: [a-c] is literal.
			name: "literal/range text", pattern: "x[a-c]*", input: "x[a-c]yz", want: true,
		},
		{
			// reference_policies_elements_resource.md: {a,b} is no alternation.
			name: "literal/braces match themselves", pattern: "{a,b}", input: "{a,b}", want: true,
		},
		{
			// reference_policies_elements_resource.md: {a,b} is no alternation.
			name: "literal/braces are no alternation", pattern: "{a,b}", input: "a", want: false,
		},
		{
			// reference_policies_elements_resource.md: {a,b} is no alternation, with a wildcard too.
			name: "literal/braces with star", pattern: "*{a,b}", input: "xb", want: false,
		},
		{
			// reference_policies_elements_resource.md: dir\* is a backslash then a wildcard.
			name: "literal/backslash then star", pattern: `dir\*`, input: `dir\file`, want: true,
		},
		{
			// reference_policies_elements_resource.md: dir\* is a backslash then a wildcard, the * is not escaped.
			name: "literal/backslash does not escape star", pattern: `dir\*`, input: `dir*`, want: false,
		},
		{
			// reference_policies_elements_resource.md: dir\* is a backslash then a wildcard (empty run).
			name: "literal/backslash then empty run", pattern: `dir\*`, input: `dir\`, want: true,
		},
		{
			// reference_policies_elements_resource.md; reference_policies_variables.md "Special characters": there is no backslash escape, \? is a backslash then one character.
			name: "literal/backslash then question", pattern: `a\?`, input: `a\b`, want: true,
		},
		{
			// reference_policies_elements_resource.md: a lone backslash is literal.
			name: "literal/lone backslash", pattern: `a\`, input: `a\`, want: true,
		},
		{
			// reference_policies_elements_resource.md: a trailing backslash before a star.
			name: "literal/double backslash", pattern: `a\\*`, input: `a\\b`, want: true,
		},
		{
			// reference_policies_elements_resource.md: , is literal.
			name: "literal/comma", pattern: "a,b*", input: "a,bc", want: true,
		},
		{
			// reference_policies_elements_resource.md: ! is literal.
			name: "literal/exclamation", pattern: "!*", input: "!x", want: true,
		},
		{
			// reference_policies_elements_resource.md: - is literal.
			name: "literal/hyphen", pattern: "a-*", input: "a-b", want: true,
		},
		{
			// reference_policies_elements_resource.md: ^ and $ are literal, no anchors.
			name: "literal/caret and dollar", pattern: "^a*$", input: "^abc$", want: true,
		},
		{
			// reference_policies_elements_resource.md: ^ and $ are literal, no anchors.
			name: "literal/caret is no anchor", pattern: "^a*$", input: "abc", want: false,
		},
		{
			// reference_policies_elements_resource.md: . + ( ) | are literal (no regular expression).
			name: "literal/regexp characters", pattern: "(a|b)+.?", input: "(a|b)+.x", want: true,
		},
		{
			// reference_policies_elements_resource.md: | is no alternation.
			name: "literal/pipe is no alternation", pattern: "(a|b)*", input: "a", want: false,
		},
		{
			// reference_policies_elements_resource.md: + is no repetition.
			name: "literal/plus is no repetition", pattern: "a+*", input: "aa", want: false,
		},
		{
			// reference_policies_elements_resource.md: closing brackets and braces alone are literal.
			name: "literal/closing brackets alone", pattern: "]}*", input: "]}x", want: true,
		},
		{
			// reference_policies_elements_resource.md: every metacharacter at once.
			name: "literal/all metacharacters", pattern: `[]{}\,!-^$.+()|*`, input: `[]{}\,!-^$.+()|tail`, want: true,
		},
		{
			// reference_policies_elements_resource.md: metacharacters around ? keep ? a wildcard.
			name: "literal/metacharacters around question", pattern: "[?]", input: "[x]", want: true,
		},
		{
			// reference_policies_elements_resource.md: metacharacters in a multi-byte string.
			name: "literal/multi-byte with brackets", pattern: "日[本]*", input: "日[本]語", want: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := wildcard.Compile(tt.pattern)
			if diff := cmp.Diff(tt.want, p.Match(tt.input)); diff != "" {
				t.Errorf("Compile(%q).Match(%q) mismatch (-want +got):\n%s", tt.pattern, tt.input, diff)
			}
			// The same pattern as one policy-text piece gives the same answer.
			if diff := cmp.Diff(tt.want, wildcard.MatchPieces([]wildcard.Piece{{Text: tt.pattern}}, tt.input)); diff != "" {
				t.Errorf("MatchPieces(%q, %q) mismatch (-want +got):\n%s", tt.pattern, tt.input, diff)
			}
		})
	}
}

func TestPatternAccessors(t *testing.T) {
	t.Parallel()
	type info struct {
		String      string
		IsWildcard  bool
		HasWildcard bool
	}
	tests := []struct {
		name    string
		pattern string
		want    info
	}{
		// reference_policies_elements_resource.md: only * and ? are special.
		{name: "exact", pattern: "arn:aws:s3:::b", want: info{String: "arn:aws:s3:::b"}},
		// reference_policies_elements_resource.md: only * and ? are special.
		{name: "empty", pattern: "", want: info{String: ""}},
		// reference_policies_elements_resource.md: * is a wildcard.
		{name: "star", pattern: "a*", want: info{String: "a*", IsWildcard: true, HasWildcard: true}},
		// reference_policies_elements_resource.md: ? is a wildcard.
		{name: "question", pattern: "a?", want: info{String: "a?", IsWildcard: true, HasWildcard: true}},
		// reference_policies_elements_resource.md: brackets and braces are not wildcards.
		{name: "metacharacters only", pattern: `[a]{b}\`, want: info{String: `[a]{b}\`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := wildcard.Compile(tt.pattern)
			got := info{String: p.String(), IsWildcard: p.IsWildcard(), HasWildcard: wildcard.HasWildcard(tt.pattern)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Compile(%q) mismatch (-want +got):\n%s", tt.pattern, diff)
			}
		})
	}
}

func TestMatchPieces(t *testing.T) {
	t.Parallel()
	pat := func(s string) wildcard.Piece { return wildcard.Piece{Text: s} }
	lit := func(s string) wildcard.Piece { return wildcard.Piece{Text: s, Literal: true} }
	tests := []struct {
		name   string
		pieces []wildcard.Piece
		input  string
		want   bool
	}{
		{
			// reference_policies_elements_resource.md: no pieces is the empty pattern.
			name: "no pieces/empty input", pieces: nil, input: "", want: true,
		},
		{
			// reference_policies_elements_resource.md: no pieces is the empty pattern.
			name: "no pieces/non-empty input", pieces: nil, input: "a", want: false,
		},
		{
			// reference_policies_elements_resource.md: empty pieces add nothing.
			name: "empty pieces only", pieces: []wildcard.Piece{pat(""), lit(""), pat("")}, input: "", want: true,
		},
		{
			// reference_policies_elements_resource.md: empty pieces between others add nothing.
			name: "empty pieces between", pieces: []wildcard.Piece{pat("a"), lit(""), pat(""), lit("b"), pat("")}, input: "ab", want: true,
		},
		{
			// reference_policies_variables.md "Special characters": ${*} gives a literal *, no wildcard.
			name: "literal star/matches itself", pieces: []wildcard.Piece{pat("bucket/"), lit("*")}, input: "bucket/*", want: true,
		},
		{
			// reference_policies_variables.md "Special characters": ${*} gives a literal *, no wildcard.
			name: "literal star/is no wildcard", pieces: []wildcard.Piece{pat("bucket/"), lit("*")}, input: "bucket/x", want: false,
		},
		{
			// reference_policies_variables.md "Special characters": ${?} gives a literal ?, no wildcard.
			name: "literal question/matches itself", pieces: []wildcard.Piece{lit("?")}, input: "?", want: true,
		},
		{
			// reference_policies_variables.md "Special characters": ${?} gives a literal ?, no wildcard.
			name: "literal question/is no wildcard", pieces: []wildcard.Piece{lit("?")}, input: "x", want: false,
		},
		{
			// reference_policies_variables.md: a substituted value a* is literal.
			name: "substituted value/star literal", pieces: []wildcard.Piece{pat("home/"), lit("a*"), pat("/*")}, input: "home/abc/x", want: false,
		},
		{
			// reference_policies_variables.md: a substituted value a* matches itself.
			name: "substituted value/star matches itself", pieces: []wildcard.Piece{pat("home/"), lit("a*"), pat("/*")}, input: "home/a*/x", want: true,
		},
		{
			// reference_policies_variables.md: john.doe does not cover johnXdoe.
			name: "substituted value/dot literal", pieces: []wildcard.Piece{pat("home/"), lit("john.doe"), pat("/*")}, input: "home/johnXdoe/x", want: false,
		},
		{
			// reference_policies_variables.md: john.doe covers itself.
			name: "substituted value/dot matches itself", pieces: []wildcard.Piece{pat("home/"), lit("john.doe"), pat("/*")}, input: "home/john.doe/", want: true,
		},
		{
			// reference_policies_elements_resource.md: pattern pieces keep their wildcards.
			name: "pattern pieces/star", pieces: []wildcard.Piece{pat("a*"), pat("*b")}, input: "axyzb", want: true,
		},
		{
			// reference_policies_elements_resource.md: pattern pieces keep their wildcards.
			name: "pattern pieces/question", pieces: []wildcard.Piece{pat("a?"), pat("c")}, input: "abc", want: true,
		},
		{
			// reference_policies_elements_resource.md: ? in a pattern piece is one multi-byte character.
			name: "pattern pieces/question multi-byte", pieces: []wildcard.Piece{pat("a?"), lit("c")}, input: "a€c", want: true,
		},
		{
			// reference_policies_elements_resource.md: a star before a literal backtracks.
			name: "mixed/star backtracks over literal", pieces: []wildcard.Piece{pat("*"), lit("ab"), pat("*")}, input: "aaab", want: true,
		},
		{
			// reference_policies_elements_resource.md: a star before a literal backtracks; the literal must occur.
			name: "mixed/literal in the middle", pieces: []wildcard.Piece{pat("*"), lit("ab"), pat("*")}, input: "aaba", want: true,
		},
		{
			// reference_policies_elements_resource.md: a star before a literal backtracks; the literal must occur.
			name: "mixed/literal absent", pieces: []wildcard.Piece{pat("*"), lit("ab"), pat("*")}, input: "aaa", want: false,
		},
		{
			// reference_policies_elements_resource.md: a star spanning pieces.
			name: "mixed/star then literal then star", pieces: []wildcard.Piece{pat("arn:aws:s3:::b/*/"), lit("alice"), pat("/*")}, input: "arn:aws:s3:::b/x/y/alice/z", want: true,
		},
		{
			// reference_policies_variables.md: a literal piece with * after a pattern star.
			name: "mixed/literal star after star", pieces: []wildcard.Piece{pat("*"), lit("*")}, input: "abc*", want: true,
		},
		{
			// reference_policies_variables.md: a literal piece with * after a pattern star, missing.
			name: "mixed/literal star after star missing", pieces: []wildcard.Piece{pat("*"), lit("*")}, input: "abc", want: false,
		},
		{
			// reference_policies_variables.md: trailing literal star is not absorbed like a pattern star.
			name: "mixed/trailing literal star on empty rest", pieces: []wildcard.Piece{pat("a"), lit("*")}, input: "a", want: false,
		},
		{
			// reference_policies_elements_resource.md: trailing pattern stars match the empty rest.
			name: "mixed/trailing pattern stars on empty rest", pieces: []wildcard.Piece{pat("a"), pat("*"), lit(""), pat("**")}, input: "a", want: true,
		},
		{
			// D13 (docs/evaluation-logic.md#choices-iamsim-makes): literal pieces are case-sensitive.
			name: "mixed/case-sensitive literal", pieces: []wildcard.Piece{pat("home/"), lit("Alice")}, input: "home/alice", want: false,
		},
		{
			// reference_policies_elements_resource.md: literal metacharacters in pattern pieces.
			name: "mixed/metacharacters in pattern piece", pieces: []wildcard.Piece{pat("[a]{b}*"), lit("c")}, input: "[a]{b}xc", want: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, wildcard.MatchPieces(tt.pieces, tt.input)); diff != "" {
				t.Errorf("MatchPieces(%+v, %q) mismatch (-want +got):\n%s", tt.pieces, tt.input, diff)
			}
		})
	}
}

// TestAdversarial checks that patterns which make a naive backtracking
// matcher exponential still return. It is not a timing assertion: a
// regression shows up as a test timeout.
func TestAdversarial(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 100_000)
	tests := []struct {
		name    string
		pattern string
		input   string
		want    bool
	}{
		// reference_policies_elements_resource.md: * is any run; D12 (docs/evaluation-logic.md#choices-iamsim-makes).
		{name: "many stars then b", pattern: "*a*a*a*a*a*a*b", input: long, want: false},
		// reference_policies_elements_resource.md: * is any run; D12 (docs/evaluation-logic.md#choices-iamsim-makes).
		{name: "many stars then b then star", pattern: "*a*a*a*a*a*a*b*", input: long, want: false},
		// reference_policies_elements_resource.md: * is any run; D12 (docs/evaluation-logic.md#choices-iamsim-makes).
		{name: "stars and questions", pattern: "*?a*?a*?a*?a*?b", input: long, want: false},
		// reference_policies_elements_resource.md: * is any run; D12 (docs/evaluation-logic.md#choices-iamsim-makes).
		{name: "many stars match", pattern: "*a*a*a*a*a*a*", input: long, want: true},
		// reference_policies_elements_resource.md: * is any run; D12 (docs/evaluation-logic.md#choices-iamsim-makes).
		{name: "stars with longer literal", pattern: "*aa*aa*aa*aa*ab", input: long, want: false},
		// reference_policies_elements_resource.md: * is any run; D12 (docs/evaluation-logic.md#choices-iamsim-makes).
		{name: "literal prefix then stars", pattern: "a*a*a*a*a*a*a*a*a*a*c", input: long + "b", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, wildcard.Compile(tt.pattern).Match(tt.input)); diff != "" {
				t.Errorf("Compile(%q).Match(...) mismatch (-want +got):\n%s", tt.pattern, diff)
			}
			if diff := cmp.Diff(tt.want, wildcard.MatchPieces([]wildcard.Piece{{Text: tt.pattern}}, tt.input)); diff != "" {
				t.Errorf("MatchPieces(%q, ...) mismatch (-want +got):\n%s", tt.pattern, diff)
			}
		})
	}
}

// TestInvalidUTF8 checks that invalid UTF-8, which JSON policies and
// requests never carry, does not make Compile or Match panic, and that
// invalid bytes still compare as themselves.
func TestInvalidUTF8(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		pattern string
		input   string
		want    bool
	}{
		// reference_policies_elements_resource.md: literal bytes match themselves.
		{name: "literal invalid byte", pattern: "a\xffb", input: "a\xffb", want: true},
		// reference_policies_elements_resource.md: a different invalid byte is a different character.
		{name: "other invalid byte", pattern: "a\xffb", input: "a\xfeb", want: false},
		// reference_policies_elements_resource.md: * absorbs invalid bytes.
		{name: "star over invalid bytes", pattern: "a*b", input: "a\xff\xfeb", want: true},
		// reference_policies_elements_resource.md: an invalid byte after a star.
		{name: "invalid byte after star", pattern: "*\xff", input: "ab\xff", want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, wildcard.Compile(tt.pattern).Match(tt.input)); diff != "" {
				t.Errorf("Compile(%q).Match(%q) mismatch (-want +got):\n%s", tt.pattern, tt.input, diff)
			}
			if diff := cmp.Diff(tt.want, wildcard.MatchPieces([]wildcard.Piece{{Text: tt.pattern}}, tt.input)); diff != "" {
				t.Errorf("MatchPieces(%q, %q) mismatch (-want +got):\n%s", tt.pattern, tt.input, diff)
			}
		})
	}
}

// TestMatchLongInputs matches linearPatterns against 1 MiB strings. A
// matcher that backtracks over its stars takes minutes to hours here
// (gobwas/glob, used before, took 6 s on the second pattern: quadratic);
// one linear in the input, as Match and MatchPieces are, a few
// milliseconds. BenchmarkMatchLinear shows the growth.
func TestMatchLongInputs(t *testing.T) {
	t.Parallel()
	as := strings.Repeat("a", 1<<20)
	for _, pattern := range linearPatterns {
		for _, tc := range []struct {
			s    string
			want bool
		}{{as, false}, {as + "b", true}} {
			if got := wildcard.Compile(pattern).Match(tc.s); got != tc.want {
				t.Errorf("Compile(%q).Match(%d bytes) = %t, want %t", pattern, len(tc.s), got, tc.want)
			}
			if got := wildcard.MatchPieces([]wildcard.Piece{{Text: pattern}}, tc.s); got != tc.want {
				t.Errorf("MatchPieces(%q, %d bytes) = %t, want %t", pattern, len(tc.s), got, tc.want)
			}
		}
	}
}
