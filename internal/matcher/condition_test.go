package matcher_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/policy"
)

// conditionCase is one condition evaluated against one request.
type conditionCase struct {
	name   string
	op     string
	key    string
	values string // JSON: a value or an array of values
	ctx    []kv
	deny   bool // the statement's Effect is Deny (Allow otherwise)
	want   bool
}

// runConditionCases evaluates each case with Eval and Explain under
// Version 2012-10-17.
func runConditionCases(t *testing.T, tests []conditionCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			effect := policy.Allow
			if tt.deny {
				effect = policy.Deny
			}
			c := compileCondition(t, v2012, tt.op, tt.key, tt.values)
			ctx := newContext(tt.ctx...)
			if diff := cmp.Diff(tt.want, c.Eval(ctx, effect)); diff != "" {
				t.Errorf("%s {%s: %s} %s: Eval mismatch (-want +got):\n%s", tt.op, tt.key, tt.values, effect, diff)
			}
			if diff := cmp.Diff(tt.want, c.Explain(ctx, effect).Result); diff != "" {
				t.Errorf("%s {%s: %s} %s: Explain mismatch (-want +got):\n%s", tt.op, tt.key, tt.values, effect, diff)
			}
			// Through a Memo, the first time and from its memory.
			var memo matcher.Memo
			memo.Reset(ctx)
			for _, when := range []string{"first", "remembered"} {
				if diff := cmp.Diff(tt.want, c.Eval(&memo, effect)); diff != "" {
					t.Errorf("%s {%s: %s} %s: Eval through a Memo, %s, mismatch (-want +got):\n%s", tt.op, tt.key, tt.values, effect, when, diff)
				}
			}
		})
	}
}

func TestConditionString(t *testing.T) {
	t.Parallel()
	runConditionCases(t, []conditionCase{
		// StringEquals.
		{
			// reference_policies_elements_condition_operators.md "String condition operators": StringEquals is an exact, case-sensitive match.
			name: "StringEquals/present equal", op: "StringEquals", key: "aws:username", values: `"alice"`, ctx: []kv{one("aws:username", "alice")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md "String condition operators": case-sensitive.
			name: "StringEquals/present other case", op: "StringEquals", key: "aws:username", values: `"alice"`, ctx: []kv{one("aws:username", "Alice")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: StringEquals has no wildcards: "t2.*" is literal (reference_policies_elements_condition_operators.md).
			name: "StringEquals/no wildcards", op: "StringEquals", key: "ec2:InstanceType", values: `"t2.*"`, ctx: []kv{one("ec2:InstanceType", "t2.micro")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: "t2.*" matches itself under StringEquals (reference_policies_elements_condition_operators.md).
			name: "StringEquals/star matches itself", op: "StringEquals", key: "ec2:InstanceType", values: `"t2.*"`, ctx: []kv{one("ec2:InstanceType", "t2.*")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md "String condition operators": ? is no wildcard under StringEquals.
			name: "StringEquals/no question wildcard", op: "StringEquals", key: "aws:username", values: `"al?ce"`, ctx: []kv{one("aws:username", "alice")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md "Condition operators": a positive operator is false when the key is absent (reference_policies_elements_condition_operators.md).
			name: "StringEquals/absent", op: "StringEquals", key: "aws:username", values: `"alice"`, want: false,
		},
		{
			// reference_policies_elements_condition.md "Condition element": values of one key are OR'ed (reference_policies_elements_condition.md).
			name: "StringEquals/list OR", op: "StringEquals", key: "aws:username", values: `["bob", "alice"]`, ctx: []kv{one("aws:username", "alice")}, want: true,
		},
		{
			// reference_policies_elements_condition.md: values of one key are OR'ed; none matches.
			name: "StringEquals/list none", op: "StringEquals", key: "aws:username", values: `["bob", "carol"]`, ctx: []kv{one("aws:username", "alice")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": "" is a present value.
			name: "StringEquals/empty value", op: "StringEquals", key: "s3:prefix", values: `""`, ctx: []kv{one("s3:prefix", "")}, want: true,
		},
		{
			// reference_policies_elements_condition.md: key names are case-insensitive (AWS:SourceIP ≡ aws:sourceip, reference_policies_elements_condition.md).
			name: "StringEquals/key case-insensitive", op: "StringEquals", key: "AWS:UserName", values: `"alice"`, ctx: []kv{one("aws:username", "alice")}, want: true,
		},
		{
			// reference_policies_elements_condition.md: tag parts of aws:PrincipalTag/K are case-insensitive too: Owner finds tag owner.
			name: "StringEquals/tag key case-insensitive", op: "StringEquals", key: "aws:PrincipalTag/Owner", values: `"alice"`, ctx: []kv{one("aws:PrincipalTag/owner", "alice")}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": tag values are case-sensitive under StringEquals.
			name: "StringEquals/tag value case-sensitive", op: "StringEquals", key: "aws:ResourceTag/team", values: `"Eng"`, ctx: []kv{one("aws:ResourceTag/team", "eng")}, want: false,
		},
		{
			// reference_policies_grammar.md: "Quotation marks are optional for numeric and Boolean values" (reference_policies_grammar.md: 10 ≡ "10").
			name: "StringEquals/unquoted number", op: "StringEquals", key: "s3:max-keys", values: `10`, ctx: []kv{one("s3:max-keys", "10")}, want: true,
		},

		// StringNotEquals.
		{
			// reference_policies_elements_condition_operators.md "String condition operators": StringNotEquals is negated matching.
			name: "StringNotEquals/present other", op: "StringNotEquals", key: "aws:username", values: `"alice"`, ctx: []kv{one("aws:username", "bob")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: StringNotEquals on an equal value is false.
			name: "StringNotEquals/present equal", op: "StringNotEquals", key: "aws:username", values: `"alice"`, ctx: []kv{one("aws:username", "alice")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: StringNotEquals is case-sensitive: another case is not equal.
			name: "StringNotEquals/present other case", op: "StringNotEquals", key: "aws:username", values: `"alice"`, ctx: []kv{one("aws:username", "ALICE")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: a negated operator is true when the key is absent.
			name: "StringNotEquals/absent", op: "StringNotEquals", key: "aws:SourceVpce", values: `"vpce-1a2b3c4d"`, want: true,
		},
		{
			// reference_policies_condition-logic-multiple-context-keys-or-values.md: negated operators over a value list form a NOR: one match makes it false (reference_policies_elements_condition.md).
			name: "StringNotEquals/list NOR one matches", op: "StringNotEquals", key: "aws:username", values: `["alice", "bob"]`, ctx: []kv{one("aws:username", "bob")}, want: false,
		},
		{
			// reference_policies_condition-logic-multiple-context-keys-or-values.md: NOR is true when no value matches (reference_policies_elements_condition.md).
			name: "StringNotEquals/list NOR none matches", op: "StringNotEquals", key: "aws:username", values: `["alice", "bob"]`, ctx: []kv{one("aws:username", "carol")}, want: true,
		},

		// StringEqualsIgnoreCase, StringNotEqualsIgnoreCase.
		{
			// reference_policies_elements_condition_operators.md "String condition operators": StringEqualsIgnoreCase ignores case.
			name: "StringEqualsIgnoreCase/other case", op: "StringEqualsIgnoreCase", key: "aws:PrincipalTag/team", values: `"Engineering"`, ctx: []kv{one("aws:PrincipalTag/team", "ENGINEERING")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: StringEqualsIgnoreCase still needs the same text.
			name: "StringEqualsIgnoreCase/other text", op: "StringEqualsIgnoreCase", key: "aws:PrincipalTag/team", values: `"Engineering"`, ctx: []kv{one("aws:PrincipalTag/team", "Sales")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: StringEqualsIgnoreCase has no wildcards.
			name: "StringEqualsIgnoreCase/no wildcards", op: "StringEqualsIgnoreCase", key: "aws:PrincipalTag/team", values: `"eng*"`, ctx: []kv{one("aws:PrincipalTag/team", "Engineering")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: positive, absent key: false.
			name: "StringEqualsIgnoreCase/absent", op: "StringEqualsIgnoreCase", key: "aws:PrincipalTag/team", values: `"eng"`, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md "String condition operators": StringNotEqualsIgnoreCase, equal ignoring case: false.
			name: "StringNotEqualsIgnoreCase/other case", op: "StringNotEqualsIgnoreCase", key: "aws:PrincipalTag/team", values: `"eng"`, ctx: []kv{one("aws:PrincipalTag/team", "ENG")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: StringNotEqualsIgnoreCase, other text: true.
			name: "StringNotEqualsIgnoreCase/other text", op: "StringNotEqualsIgnoreCase", key: "aws:PrincipalTag/team", values: `"eng"`, ctx: []kv{one("aws:PrincipalTag/team", "sales")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: negated, absent key: true.
			name: "StringNotEqualsIgnoreCase/absent", op: "StringNotEqualsIgnoreCase", key: "aws:PrincipalTag/team", values: `"eng"`, want: true,
		},
		{
			// reference_policies_condition-logic-multiple-context-keys-or-values.md: NOR over the list, ignoring case.
			name: "StringNotEqualsIgnoreCase/list NOR", op: "StringNotEqualsIgnoreCase", key: "aws:PrincipalTag/team", values: `["eng", "sales"]`, ctx: []kv{one("aws:PrincipalTag/team", "SALES")}, want: false,
		},

		// StringLike, StringNotLike.
		{
			// reference_policies_elements_condition_operators.md "String condition operators": StringLike "can include multi-character match wildcards (*)".
			name: "StringLike/star", op: "StringLike", key: "s3:prefix", values: `"home/*"`, ctx: []kv{one("s3:prefix", "home/alice/docs")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: * matches an empty run (reference_policies_elements_condition_operators.md).
			name: "StringLike/star empty run", op: "StringLike", key: "s3:prefix", values: `"home/*"`, ctx: []kv{one("s3:prefix", "home/")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: StringLike is case-sensitive (reference_policies_elements_condition_operators.md).
			name: "StringLike/case-sensitive", op: "StringLike", key: "s3:prefix", values: `"Home/*"`, ctx: []kv{one("s3:prefix", "home/x")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: ? is a single-character match wildcard.
			name: "StringLike/question", op: "StringLike", key: "ec2:InstanceType", values: `"t?.micro"`, ctx: []kv{one("ec2:InstanceType", "t3.micro")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: ? is exactly one character, also a multi-byte one (reference_policies_elements_condition_operators.md).
			name: "StringLike/question multi-byte", op: "StringLike", key: "aws:PrincipalTag/name", values: `"Jos?"`, ctx: []kv{one("aws:PrincipalTag/name", "José")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: ? is exactly one character, not zero.
			name: "StringLike/question not zero", op: "StringLike", key: "ec2:InstanceType", values: `"t?.micro"`, ctx: []kv{one("ec2:InstanceType", "t.micro")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: wildcards anywhere in the value.
			name: "StringLike/wildcards anywhere", op: "StringLike", key: "token.actions.githubusercontent.com:sub", values: `"repo:org/*:ref:refs/heads/*"`, ctx: []kv{one("token.actions.githubusercontent.com:sub", "repo:org/app:ref:refs/heads/main")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: StringLike "" matches only the empty value.
			name: "StringLike/empty pattern empty value", op: "StringLike", key: "s3:prefix", values: `""`, ctx: []kv{one("s3:prefix", "")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: StringLike "" matches only the empty value.
			name: "StringLike/empty pattern other value", op: "StringLike", key: "s3:prefix", values: `""`, ctx: []kv{one("s3:prefix", "x")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: StringLike "*" never matches an absent key.
			name: "StringLike/star absent", op: "StringLike", key: "s3:prefix", values: `"*"`, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md; iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": "*" matches the present empty value.
			name: "StringLike/star empty value", op: "StringLike", key: "s3:prefix", values: `"*"`, ctx: []kv{one("s3:prefix", "")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: only * and ? are special; [ ] are literal.
			name: "StringLike/brackets literal", op: "StringLike", key: "s3:prefix", values: `"file[1]*"`, ctx: []kv{one("s3:prefix", "file1.txt")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md "String condition operators": StringNotLike is negated matching.
			name: "StringNotLike/no match", op: "StringNotLike", key: "s3:prefix", values: `"home/*"`, ctx: []kv{one("s3:prefix", "public/x")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: StringNotLike, value matches: false.
			name: "StringNotLike/match", op: "StringNotLike", key: "s3:prefix", values: `"home/*"`, ctx: []kv{one("s3:prefix", "home/x")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: negated, absent key: true.
			name: "StringNotLike/absent", op: "StringNotLike", key: "s3:prefix", values: `"home/*"`, want: true,
		},
		{
			// reference_policies_condition-logic-multiple-context-keys-or-values.md: NOR over the list.
			name: "StringNotLike/list NOR", op: "StringNotLike", key: "s3:prefix", values: `["home/*", "public/*"]`, ctx: []kv{one("s3:prefix", "public/x")}, want: false,
		},
		{
			// reference_policies_condition-logic-multiple-context-keys-or-values.md: NOR over the list, nothing matches.
			name: "StringNotLike/list NOR none", op: "StringNotLike", key: "s3:prefix", values: `["home/*", "public/*"]`, ctx: []kv{one("s3:prefix", "private/x")}, want: true,
		},
	})
}

func TestConditionNumeric(t *testing.T) {
	t.Parallel()
	runConditionCases(t, []conditionCase{
		{
			// reference_policies_elements_condition_operators.md "Numeric condition operators": NumericEquals.
			name: "NumericEquals/equal", op: "NumericEquals", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "10")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: "integer or decimal value" compared as numbers: 10.0 = 10 (reference_policies_elements_condition_operators.md).
			name: "NumericEquals/decimal equals integer", op: "NumericEquals", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "10.0")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: compared as numbers, leading zeros do not matter.
			name: "NumericEquals/leading zero", op: "NumericEquals", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "010")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: NumericEquals, other number.
			name: "NumericEquals/other", op: "NumericEquals", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "9")}, want: false,
		},
		{
			// reference_policies_grammar.md: "Quotation marks are optional for numeric and Boolean values" (reference_policies_grammar.md).
			name: "NumericEquals/unquoted policy number", op: "NumericEquals", key: "s3:max-keys", values: `10`, ctx: []kv{one("s3:max-keys", "10")}, want: true,
		},
		{
			// reference_policies_elements_condition.md: values are OR'ed.
			name: "NumericEquals/list", op: "NumericEquals", key: "s3:max-keys", values: `[1, 2, 3]`, ctx: []kv{one("s3:max-keys", "2")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: positive, absent: false.
			name: "NumericEquals/absent", op: "NumericEquals", key: "s3:max-keys", values: `"10"`, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: 10abc is no number; iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": positive false.
			name: "NumericEquals/malformed", op: "NumericEquals", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "10abc")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md "Numeric condition operators": NumericNotEquals.
			name: "NumericNotEquals/other", op: "NumericNotEquals", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "9")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: 10.0 = 10, so not "not equal".
			name: "NumericNotEquals/decimal equal", op: "NumericNotEquals", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "10.0")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: negated, absent: true.
			name: "NumericNotEquals/absent", op: "NumericNotEquals", key: "s3:max-keys", values: `"10"`, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": malformed request value: negated true.
			name: "NumericNotEquals/malformed", op: "NumericNotEquals", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "10abc")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": in a Deny a malformed value matches nothing, so a negated operator holds and the Deny applies.
			name: "NumericNotEquals/malformed in a Deny", op: "NumericNotEquals", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "10abc")}, deny: true, want: true,
		},
		{
			// reference_policies_condition-logic-multiple-context-keys-or-values.md: NOR over the list.
			name: "NumericNotEquals/list NOR", op: "NumericNotEquals", key: "s3:max-keys", values: `[10, 20]`, ctx: []kv{one("s3:max-keys", "20")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: NumericLessThan.
			name: "NumericLessThan/less", op: "NumericLessThan", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "9")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: NumericLessThan, equal: false.
			name: "NumericLessThan/equal", op: "NumericLessThan", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "10")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: compared as numbers, not text: 9 < 10 although "9" > "10" as text.
			name: "NumericLessThan/not text order", op: "NumericLessThan", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "100")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: decimals are compared as numbers.
			name: "NumericLessThan/decimal", op: "NumericLessThan", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "9.99")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: integers may be negative.
			name: "NumericLessThan/negative", op: "NumericLessThan", key: "s3:max-keys", values: `"0"`, ctx: []kv{one("s3:max-keys", "-1")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: absent: false.
			name: "NumericLessThan/absent", op: "NumericLessThan", key: "s3:max-keys", values: `"10"`, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": malformed (1e3 is no decimal): false.
			name: "NumericLessThan/malformed exponent", op: "NumericLessThan", key: "s3:max-keys", values: `"10000"`, ctx: []kv{one("s3:max-keys", "1e3")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: NumericLessThanEquals, equal.
			name: "NumericLessThanEquals/equal", op: "NumericLessThanEquals", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "10.00")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: NumericLessThanEquals, greater.
			name: "NumericLessThanEquals/greater", op: "NumericLessThanEquals", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "10.5")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: absent: false.
			name: "NumericLessThanEquals/absent", op: "NumericLessThanEquals", key: "s3:max-keys", values: `"10"`, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": malformed: false.
			name: "NumericLessThanEquals/malformed", op: "NumericLessThanEquals", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "ten")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: 10 > 9.
			name: "NumericGreaterThan/10 > 9", op: "NumericGreaterThan", key: "s3:max-keys", values: `"9"`, ctx: []kv{one("s3:max-keys", "10")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: NumericGreaterThan, equal: false.
			name: "NumericGreaterThan/equal", op: "NumericGreaterThan", key: "s3:max-keys", values: `"9"`, ctx: []kv{one("s3:max-keys", "9.0")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: negative numbers order below positive ones.
			name: "NumericGreaterThan/negative", op: "NumericGreaterThan", key: "s3:max-keys", values: `"-5"`, ctx: []kv{one("s3:max-keys", "-4.5")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: absent: false.
			name: "NumericGreaterThan/absent", op: "NumericGreaterThan", key: "s3:max-keys", values: `"9"`, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": malformed (hexadecimal): false.
			name: "NumericGreaterThan/malformed", op: "NumericGreaterThan", key: "s3:max-keys", values: `"9"`, ctx: []kv{one("s3:max-keys", "0x10")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: NumericGreaterThanEquals, equal.
			name: "NumericGreaterThanEquals/equal", op: "NumericGreaterThanEquals", key: "s3:max-keys", values: `"9"`, ctx: []kv{one("s3:max-keys", "9")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: NumericGreaterThanEquals, less.
			name: "NumericGreaterThanEquals/less", op: "NumericGreaterThanEquals", key: "s3:max-keys", values: `"9"`, ctx: []kv{one("s3:max-keys", "8.99")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: absent: false.
			name: "NumericGreaterThanEquals/absent", op: "NumericGreaterThanEquals", key: "s3:max-keys", values: `"9"`, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": malformed (empty value): false.
			name: "NumericGreaterThanEquals/malformed empty", op: "NumericGreaterThanEquals", key: "s3:max-keys", values: `"9"`, ctx: []kv{one("s3:max-keys", "")}, want: false,
		},
		{
			// reference_policies_condition-keys.md aws:EpochTime: "Works with date operators or numeric operators" (reference_policies_elements_condition_operators.md).
			name: "NumericLessThan/epoch time", op: "NumericLessThan", key: "aws:EpochTime", values: `1767225600`, ctx: []kv{one("aws:EpochTime", "1767225599")}, want: true,
		},
	})
}

func TestConditionDate(t *testing.T) {
	t.Parallel()
	// 2026-01-01T00:00:00Z is 1767225600 epoch seconds.
	runConditionCases(t, []conditionCase{
		{
			// reference_policies_elements_condition_operators.md "Date condition operators": DateEquals, same instant.
			name: "DateEquals/equal", op: "DateEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "2026-01-01T00:00:00Z")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: "W3C implementations of the ISO 8601 date formats or ... epoch (UNIX) time"; the forms mix (reference_policies_elements_condition_operators.md).
			name: "DateEquals/ISO policy epoch request", op: "DateEquals", key: "aws:EpochTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:EpochTime", "1767225600")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: epoch policy value, ISO request value.
			name: "DateEquals/epoch policy ISO request", op: "DateEquals", key: "aws:CurrentTime", values: `1767225600`, ctx: []kv{one("aws:CurrentTime", "2026-01-01T00:00:00Z")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: offsets count: 02:00+02:00 is 00:00Z.
			name: "DateEquals/offset same instant", op: "DateEquals", key: "aws:CurrentTime", values: `"2026-01-01T02:00:00+02:00"`, ctx: []kv{one("aws:CurrentTime", "2026-01-01T00:00:00Z")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: a date alone (YYYY-MM-DD) is midnight UTC.
			name: "DateEquals/date only", op: "DateEquals", key: "aws:CurrentTime", values: `"2026-01-01"`, ctx: []kv{one("aws:CurrentTime", "2026-01-01T00:00:00Z")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: DateEquals, other instant.
			name: "DateEquals/other", op: "DateEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "2026-01-01T00:00:01Z")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: positive, absent: false (aws:TokenIssueTime is absent for long-term keys).
			name: "DateEquals/absent", op: "DateEquals", key: "aws:TokenIssueTime", values: `"2026-01-01T00:00:00Z"`, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": malformed: false.
			name: "DateEquals/malformed", op: "DateEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "yesterday")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: DateNotEquals, other instant.
			name: "DateNotEquals/other", op: "DateNotEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "2026-01-02T00:00:00Z")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: the same instant written with an offset is equal.
			name: "DateNotEquals/offset equal", op: "DateNotEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "2025-12-31T19:00:00-05:00")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: negated, absent: true.
			name: "DateNotEquals/absent", op: "DateNotEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes" as amended by issue 8 (docs/limits.md): in an Allow a malformed request value never satisfies, not even a negated operator.
			name: "DateNotEquals/malformed", op: "DateNotEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "2026-13-45")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": in a Deny a malformed value matches nothing, so a negated operator holds and the Deny applies.
			name: "DateNotEquals/malformed in a Deny", op: "DateNotEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "2026-13-45")}, deny: true, want: true,
		},
		{
			// reference_policies_condition-logic-multiple-context-keys-or-values.md: NOR over the list.
			name: "DateNotEquals/list NOR", op: "DateNotEquals", key: "aws:CurrentTime", values: `["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"]`, ctx: []kv{one("aws:CurrentTime", "2026-01-02T00:00:00Z")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: DateLessThan, earlier.
			name: "DateLessThan/earlier", op: "DateLessThan", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "2025-12-31T23:59:59Z")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: DateLessThan, same instant: false.
			name: "DateLessThan/equal", op: "DateLessThan", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "2026-01-01T00:00:00Z")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: epoch request against ISO policy.
			name: "DateLessThan/epoch earlier", op: "DateLessThan", key: "aws:EpochTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:EpochTime", "1767225599")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: offsets count: 2026-01-01T01:00+02:00 is 2025-12-31T23:00Z, earlier.
			name: "DateLessThan/offset earlier", op: "DateLessThan", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "2026-01-01T01:00:00+02:00")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: absent: false.
			name: "DateLessThan/absent", op: "DateLessThan", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": malformed: false.
			name: "DateLessThan/malformed", op: "DateLessThan", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "01/01/2025")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: DateLessThanEquals, equal.
			name: "DateLessThanEquals/equal", op: "DateLessThanEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "1767225600")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: DateLessThanEquals, later.
			name: "DateLessThanEquals/later", op: "DateLessThanEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "2026-01-01T00:00:01Z")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: absent: false.
			name: "DateLessThanEquals/absent", op: "DateLessThanEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": malformed: false.
			name: "DateLessThanEquals/malformed", op: "DateLessThanEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md example: "DateGreaterThan": {"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}.
			name: "DateGreaterThan/documented later", op: "DateGreaterThan", key: "aws:TokenIssueTime", values: `"2020-01-01T00:00:01Z"`, ctx: []kv{one("aws:TokenIssueTime", "2020-01-01T00:00:02Z")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md example: the same instant is not greater.
			name: "DateGreaterThan/documented equal", op: "DateGreaterThan", key: "aws:TokenIssueTime", values: `"2020-01-01T00:00:01Z"`, ctx: []kv{one("aws:TokenIssueTime", "2020-01-01T00:00:01Z")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: aws:TokenIssueTime is absent for long-term keys: false.
			name: "DateGreaterThan/absent", op: "DateGreaterThan", key: "aws:TokenIssueTime", values: `"2020-01-01T00:00:01Z"`, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": malformed: false.
			name: "DateGreaterThan/malformed", op: "DateGreaterThan", key: "aws:TokenIssueTime", values: `"2020-01-01T00:00:01Z"`, ctx: []kv{one("aws:TokenIssueTime", "not a date")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: DateGreaterThanEquals, equal across forms.
			name: "DateGreaterThanEquals/equal", op: "DateGreaterThanEquals", key: "aws:CurrentTime", values: `1767225600`, ctx: []kv{one("aws:CurrentTime", "2026-01-01T00:00:00Z")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: offsets count: 01:00+02:00 is before 00:00Z.
			name: "DateGreaterThanEquals/offset earlier", op: "DateGreaterThanEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "2026-01-01T01:00:00+02:00")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: absent: false.
			name: "DateGreaterThanEquals/absent", op: "DateGreaterThanEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": malformed: false.
			name: "DateGreaterThanEquals/malformed", op: "DateGreaterThanEquals", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{one("aws:CurrentTime", "2026-01-01 00:00:00")}, want: false,
		},
	})
}

func TestConditionBool(t *testing.T) {
	t.Parallel()
	runConditionCases(t, []conditionCase{
		{
			// reference_policies_elements_condition_operators.md "Boolean condition operators": Bool true.
			name: "true/true", op: "Bool", key: "aws:SecureTransport", values: `"true"`, ctx: []kv{one("aws:SecureTransport", "true")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: Bool true against false.
			name: "true/false", op: "Bool", key: "aws:SecureTransport", values: `"true"`, ctx: []kv{one("aws:SecureTransport", "false")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: Bool false against false.
			name: "false/false", op: "Bool", key: "aws:SecureTransport", values: `"false"`, ctx: []kv{one("aws:SecureTransport", "false")}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": case-insensitive request value.
			name: "choice/request True", op: "Bool", key: "aws:SecureTransport", values: `"true"`, ctx: []kv{one("aws:SecureTransport", "True")}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": case-insensitive policy value.
			name: "choice/policy TRUE", op: "Bool", key: "aws:SecureTransport", values: `"TRUE"`, ctx: []kv{one("aws:SecureTransport", "true")}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": other values never match.
			name: "choice/other value", op: "Bool", key: "aws:SecureTransport", values: `"true"`, ctx: []kv{one("aws:SecureTransport", "yes")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes", iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": other values never match, not even Bool false.
			name: "choice/other value against false", op: "Bool", key: "aws:SecureTransport", values: `"false"`, ctx: []kv{one("aws:SecureTransport", "1")}, want: false,
		},
		{
			// reference_policies_grammar.md: "Quotation marks are optional for numeric and Boolean values".
			name: "unquoted policy value", op: "Bool", key: "aws:SecureTransport", values: `true`, ctx: []kv{one("aws:SecureTransport", "true")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: absent: false.
			name: "absent", op: "Bool", key: "aws:SecureTransport", values: `"false"`, want: false,
		},
	})
}

func TestConditionBinary(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("QUJD", 200) // 600 bytes once decoded
	runConditionCases(t, []conditionCase{
		{
			// reference_policies_elements_condition_operators.md "Binary condition operators": "compares the value of the specified key byte for byte against a base-64 encoded representation".
			name: "equal", op: "BinaryEquals", key: "example:BinaryKey", values: `"QmluYXJ5VmFsdWVJbkJhc2U2NA=="`, ctx: []kv{one("example:BinaryKey", "QmluYXJ5VmFsdWVJbkJhc2U2NA==")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: other bytes.
			name: "other bytes", op: "BinaryEquals", key: "example:BinaryKey", values: `"QmluYXJ5VmFsdWVJbkJhc2U2NA=="`, ctx: []kv{one("example:BinaryKey", "QQ==")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: a long value, compared byte for byte.
			name: "long value", op: "BinaryEquals", key: "example:BinaryKey", values: `"` + long + `"`, ctx: []kv{one("example:BinaryKey", long)}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": a request value that is not base-64: false.
			name: "malformed", op: "BinaryEquals", key: "example:BinaryKey", values: `"QQ=="`, ctx: []kv{one("example:BinaryKey", "not base64!")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: absent: false.
			name: "absent", op: "BinaryEquals", key: "example:BinaryKey", values: `"QQ=="`, want: false,
		},
		{
			// reference_policies_elements_condition.md: values are OR'ed.
			name: "list", op: "BinaryEquals", key: "example:BinaryKey", values: `["QQ==", "Qg=="]`, ctx: []kv{one("example:BinaryKey", "Qg==")}, want: true,
		},
	})
}

func TestConditionIP(t *testing.T) {
	t.Parallel()
	mixed := `["203.0.113.0/24", "2001:DB8:1234:5678::/64"]`
	runConditionCases(t, []conditionCase{
		{
			// reference_policies_elements_condition_operators.md "IP address condition operators": an IPv4 CIDR range.
			name: "IpAddress/IPv4 in range", op: "IpAddress", key: "aws:SourceIp", values: `"203.0.113.0/24"`, ctx: []kv{one("aws:SourceIp", "203.0.113.5")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: outside the range.
			name: "IpAddress/IPv4 out of range", op: "IpAddress", key: "aws:SourceIp", values: `"203.0.113.0/24"`, ctx: []kv{one("aws:SourceIp", "198.51.100.7")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: "If you specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32."
			name: "IpAddress/bare IPv4 is /32", op: "IpAddress", key: "aws:SourceIp", values: `"203.0.113.5"`, ctx: []kv{one("aws:SourceIp", "203.0.113.5")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: /32 covers one address only.
			name: "IpAddress/bare IPv4 other host", op: "IpAddress", key: "aws:SourceIp", values: `"203.0.113.5"`, ctx: []kv{one("aws:SourceIp", "203.0.113.6")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: an IPv6 range (2001:DB8:1234:5678::/64); hex case is irrelevant (reference_policies_elements_condition_operators.md).
			name: "IpAddress/IPv6 in range", op: "IpAddress", key: "aws:SourceIp", values: `"2001:DB8:1234:5678::/64"`, ctx: []kv{one("aws:SourceIp", "2001:db8:1234:5678:abcd::1")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: outside the IPv6 range.
			name: "IpAddress/IPv6 out of range", op: "IpAddress", key: "aws:SourceIp", values: `"2001:DB8:1234:5678::/64"`, ctx: []kv{one("aws:SourceIp", "2001:db8:1234:5679::1")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": a bare IPv6 address is /128.
			name: "IpAddress/bare IPv6 is /128", op: "IpAddress", key: "aws:SourceIp", values: `"2001:db8::1"`, ctx: []kv{one("aws:SourceIp", "2001:DB8::1")}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": /128 covers one address only.
			name: "IpAddress/bare IPv6 other host", op: "IpAddress", key: "aws:SourceIp", values: `"2001:db8::1"`, ctx: []kv{one("aws:SourceIp", "2001:db8::2")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: IPv4 is never in an IPv6 range, not even ::/0.
			name: "IpAddress/IPv4 not in IPv6 range", op: "IpAddress", key: "aws:SourceIp", values: `"::/0"`, ctx: []kv{one("aws:SourceIp", "203.0.113.5")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: IPv6 is never in an IPv4 range, not even 0.0.0.0/0.
			name: "IpAddress/IPv6 not in IPv4 range", op: "IpAddress", key: "aws:SourceIp", values: `"0.0.0.0/0"`, ctx: []kv{one("aws:SourceIp", "2001:db8::1")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: "how to mix IPv4 and IPv6 addresses": the list is OR'ed, IPv4 value.
			name: "IpAddress/mixed list IPv4", op: "IpAddress", key: "aws:SourceIp", values: mixed, ctx: []kv{one("aws:SourceIp", "203.0.113.9")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: mixed list, IPv6 value.
			name: "IpAddress/mixed list IPv6", op: "IpAddress", key: "aws:SourceIp", values: mixed, ctx: []kv{one("aws:SourceIp", "2001:db8:1234:5678::9")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: mixed list, neither.
			name: "IpAddress/mixed list neither", op: "IpAddress", key: "aws:SourceIp", values: mixed, ctx: []kv{one("aws:SourceIp", "192.0.2.1")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: absent: false.
			name: "IpAddress/absent", op: "IpAddress", key: "aws:SourceIp", values: `"203.0.113.0/24"`, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": malformed: false.
			name: "IpAddress/malformed", op: "IpAddress", key: "aws:SourceIp", values: `"203.0.113.0/24"`, ctx: []kv{one("aws:SourceIp", "203.0.113.300")}, want: false,
		},
		{
			// reference_policies_elements_condition.md: key names are case-insensitive (AWS:SourceIP ≡ aws:sourceip, reference_policies_elements_condition.md).
			name: "IpAddress/key case", op: "IpAddress", key: "AWS:SourceIP", values: `"203.0.113.0/24"`, ctx: []kv{one("aws:sourceip", "203.0.113.5")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md "IP address condition operators": NotIpAddress, outside.
			name: "NotIpAddress/out of range", op: "NotIpAddress", key: "aws:SourceIp", values: `"203.0.113.0/24"`, ctx: []kv{one("aws:SourceIp", "198.51.100.7")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: NotIpAddress, inside.
			name: "NotIpAddress/in range", op: "NotIpAddress", key: "aws:SourceIp", values: `"203.0.113.0/24"`, ctx: []kv{one("aws:SourceIp", "203.0.113.5")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: Deny + NotIpAddress aws:SourceIp also denies requests without a source IP (VPC endpoint).
			name: "NotIpAddress/absent", op: "NotIpAddress", key: "aws:SourceIp", values: `"203.0.113.0/24"`, deny: true, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes" as amended by issue 8 (docs/limits.md): in an Allow a malformed request value never satisfies, not even a negated operator.
			name: "NotIpAddress/malformed", op: "NotIpAddress", key: "aws:SourceIp", values: `"203.0.113.0/24"`, ctx: []kv{one("aws:SourceIp", "bogus")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": in a Deny a malformed value matches nothing, so a negated operator holds and the Deny applies.
			name: "NotIpAddress/malformed in a Deny", op: "NotIpAddress", key: "aws:SourceIp", values: `"203.0.113.0/24"`, ctx: []kv{one("aws:SourceIp", "bogus")}, deny: true, want: true,
		},
		{
			// reference_policies_condition-logic-multiple-context-keys-or-values.md; reference_policies_elements_condition_operators.md: a mixed list is a NOR: inside the IPv6 range: false.
			name: "NotIpAddress/mixed list NOR", op: "NotIpAddress", key: "aws:SourceIp", values: mixed, ctx: []kv{one("aws:SourceIp", "2001:db8:1234:5678::9")}, want: false,
		},
		{
			// reference_policies_condition-logic-multiple-context-keys-or-values.md: in neither range: true.
			name: "NotIpAddress/mixed list none", op: "NotIpAddress", key: "aws:SourceIp", values: mixed, ctx: []kv{one("aws:SourceIp", "192.0.2.1")}, want: true,
		},
	})
}

func TestConditionARN(t *testing.T) {
	t.Parallel()
	const (
		finance = `"arn:aws:someservice:*:111122223333:finance/*"`
		tricky  = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"
	)
	runConditionCases(t, []conditionCase{
		{
			// reference_policies_elements_condition_operators.md (2023) ARN example: ArnLike "matches elements between colons, the match fails" on this value (reference_policies_elements_condition_operators.md).
			name: "ArnLike/documented field-wise failure", op: "ArnLike", key: "aws:SourceArn", values: finance, ctx: []kv{one("aws:SourceArn", tricky)}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md (2023) ARN example: "With a StringLike condition, the match succeeds" (reference_policies_elements_condition_operators.md).
			name: "StringLike/documented whole-string success", op: "StringLike", key: "aws:SourceArn", values: finance, ctx: []kv{one("aws:SourceArn", tricky)}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md "Amazon Resource Name (ARN) condition operators": each of the six components is matched with * and ?.
			name: "ArnLike/match", op: "ArnLike", key: "aws:SourceArn", values: finance, ctx: []kv{one("aws:SourceArn", "arn:aws:someservice:us-east-2:111122223333:finance/document.txt")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: "The ArnEquals and ArnLike condition operators behave identically": ArnEquals honours wildcards.
			name: "ArnEquals/wildcards", op: "ArnEquals", key: "aws:SourceArn", values: `"arn:aws:iam::*:role/admin"`, ctx: []kv{one("aws:SourceArn", "arn:aws:iam::111122223333:role/admin")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: ArnEquals behaves like ArnLike, field-wise.
			name: "ArnEquals/field-wise", op: "ArnEquals", key: "aws:SourceArn", values: finance, ctx: []kv{one("aws:SourceArn", tricky)}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: "Case-sensitive matching of the ARN".
			name: "ArnLike/case-sensitive", op: "ArnLike", key: "aws:PrincipalArn", values: `"arn:aws:iam::111122223333:role/Admin"`, ctx: []kv{one("aws:PrincipalArn", "arn:aws:iam::111122223333:role/admin")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: ? is one character within a component.
			name: "ArnLike/question", op: "ArnLike", key: "aws:SourceArn", values: `"arn:aws:sqs:us-east-?:*:queue1"`, ctx: []kv{one("aws:SourceArn", "arn:aws:sqs:us-east-2:111122223333:queue1")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: a * component matches an empty component (S3 ARNs have no region or account).
			name: "ArnLike/star empty field", op: "ArnLike", key: "aws:SourceArn", values: `"arn:aws:s3:*:*:bucket"`, ctx: []kv{one("aws:SourceArn", "arn:aws:s3:::bucket")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: the sixth field is the rest, colons included: log-group:app-* covers a stream.
			name: "ArnLike/sixth field keeps colons", op: "ArnLike", key: "aws:SourceArn", values: `"arn:aws:logs:us-east-1:111122223333:log-group:app-*"`, ctx: []kv{one("aws:SourceArn", "arn:aws:logs:us-east-1:111122223333:log-group:app-1:log-stream:s1")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: an empty component only matches an empty component.
			name: "ArnLike/empty field", op: "ArnLike", key: "aws:SourceArn", values: `"arn:aws:s3:::bucket"`, ctx: []kv{one("aws:SourceArn", "arn:aws:s3:us-east-1::bucket")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: absent: false.
			name: "ArnLike/absent", op: "ArnLike", key: "aws:SourceArn", values: finance, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes"; reference_policies_elements_condition_operators.md: "ARN and Date condition operators ... enforce a structure": a value with fewer than six fields is malformed.
			name: "ArnLike/malformed", op: "ArnLike", key: "aws:SourceArn", values: `"arn:aws:s3:*:*:*"`, ctx: []kv{one("aws:SourceArn", "arn:aws:s3")}, want: false,
		},
		{
			// reference_policies_elements_condition.md: values are OR'ed.
			name: "ArnLike/list", op: "ArnLike", key: "aws:SourceArn", values: `["arn:aws:sns:*:*:*", "arn:aws:sqs:*:*:*"]`, ctx: []kv{one("aws:SourceArn", "arn:aws:sqs:us-east-1:111122223333:q")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: ArnNotLike, the documented value fails ArnLike, so ArnNotLike holds.
			name: "ArnNotLike/documented", op: "ArnNotLike", key: "aws:SourceArn", values: finance, ctx: []kv{one("aws:SourceArn", tricky)}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: ArnNotLike, matching value: false.
			name: "ArnNotLike/match", op: "ArnNotLike", key: "aws:SourceArn", values: finance, ctx: []kv{one("aws:SourceArn", "arn:aws:someservice:us-east-2:111122223333:finance/x")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: negated, absent: true.
			name: "ArnNotLike/absent", op: "ArnNotLike", key: "aws:SourceArn", values: finance, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes" as amended by issue 8 (docs/limits.md): in an Allow a malformed request value never satisfies, not even a negated operator.
			name: "ArnNotLike/malformed", op: "ArnNotLike", key: "aws:SourceArn", values: finance, ctx: []kv{one("aws:SourceArn", "not-an-arn")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": in a Deny a malformed value matches nothing, so a negated operator holds and the Deny applies.
			name: "ArnNotLike/malformed in a Deny", op: "ArnNotLike", key: "aws:SourceArn", values: finance, ctx: []kv{one("aws:SourceArn", "not-an-arn")}, deny: true, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: "ArnNotEquals, ArnNotLike ... behave identically"; reference_policies_elements_notprincipal.md preferred form: Deny ArnNotEquals aws:PrincipalArn.
			name: "ArnNotEquals/exempt caller", op: "ArnNotEquals", key: "aws:PrincipalArn", values: `["arn:aws:iam::111122223333:role/admin", "arn:aws:iam::111122223333:user/alice"]`, ctx: []kv{one("aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice")}, deny: true, want: false,
		},
		{
			// reference_policies_condition-logic-multiple-context-keys-or-values.md: NOR over the list: a caller not listed is denied.
			name: "ArnNotEquals/other caller", op: "ArnNotEquals", key: "aws:PrincipalArn", values: `["arn:aws:iam::111122223333:role/admin", "arn:aws:iam::111122223333:user/alice"]`, ctx: []kv{one("aws:PrincipalArn", "arn:aws:iam::111122223333:user/bob")}, deny: true, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: ArnNotEquals honours wildcards like ArnNotLike.
			name: "ArnNotEquals/wildcard", op: "ArnNotEquals", key: "aws:PrincipalArn", values: `"arn:aws:iam::111122223333:role/*"`, ctx: []kv{one("aws:PrincipalArn", "arn:aws:iam::111122223333:role/x")}, want: false,
		},
	})
}

func TestConditionNull(t *testing.T) {
	t.Parallel()
	runConditionCases(t, []conditionCase{
		{
			// reference_policies_elements_condition_operators.md "Condition operator to check existence of condition keys": true means "the key doesn't exist".
			name: "true/absent", op: "Null", key: "aws:TokenIssueTime", values: `"true"`, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: Null true on a present key: false.
			name: "true/present", op: "Null", key: "aws:TokenIssueTime", values: `"true"`, ctx: []kv{one("aws:TokenIssueTime", "2026-01-01T00:00:00Z")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: false means "the key exists and its value is not null".
			name: "false/present", op: "Null", key: "aws:TokenIssueTime", values: `"false"`, ctx: []kv{one("aws:TokenIssueTime", "2026-01-01T00:00:00Z")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: Null false on an absent key: false.
			name: "false/absent", op: "Null", key: "aws:TokenIssueTime", values: `"false"`, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: false ⇔ present with any value, even "false".
			name: "false/present value false", op: "Null", key: "aws:MultiFactorAuthPresent", values: `"false"`, ctx: []kv{one("aws:MultiFactorAuthPresent", "false")}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": "" is present: Null false holds.
			name: "choice/empty string present", op: "Null", key: "s3:prefix", values: `"false"`, ctx: []kv{one("s3:prefix", "")}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": "" is present: Null true fails.
			name: "choice/empty string not null", op: "Null", key: "s3:prefix", values: `"true"`, ctx: []kv{one("s3:prefix", "")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": an empty list: Null true.
			name: "choice/empty list is null", op: "Null", key: "aws:TagKeys", values: `"true"`, ctx: []kv{list("aws:TagKeys")}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": an empty list keeps the Null false guard working.
			name: "choice/empty list guard", op: "Null", key: "aws:TagKeys", values: `"false"`, ctx: []kv{list("aws:TagKeys")}, want: false,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: a multi-valued key with values is present.
			name: "multi-valued present", op: "Null", key: "aws:TagKeys", values: `"false"`, ctx: []kv{list("aws:TagKeys", "a", "b")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: key name case-insensitive.
			name: "key case", op: "Null", key: "AWS:TokenIssueTime", values: `"false"`, ctx: []kv{one("aws:tokenissuetime", "2026-01-01T00:00:00Z")}, want: true,
		},
		{
			// reference_policies_grammar.md: unquoted Boolean value.
			name: "unquoted", op: "Null", key: "aws:TokenIssueTime", values: `true`, want: true,
		},
	})
}

func TestConditionIfExists(t *testing.T) {
	t.Parallel()
	runConditionCases(t, []conditionCase{
		{
			// reference_policies_elements_condition_operators.md "...IfExists condition operators": "If the key is not present, evaluate the condition element as true."
			name: "StringLikeIfExists/absent", op: "StringLikeIfExists", key: "ec2:InstanceType", values: `["t1.*", "t2.*", "m3.*"]`, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md ...IfExists example: a present value is compared by the base operator.
			name: "StringLikeIfExists/present match", op: "StringLikeIfExists", key: "ec2:InstanceType", values: `["t1.*", "t2.*", "m3.*"]`, ctx: []kv{one("ec2:InstanceType", "t2.micro")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md ...IfExists example: a present value that does not match.
			name: "StringLikeIfExists/present no match", op: "StringLikeIfExists", key: "ec2:InstanceType", values: `["t1.*", "t2.*", "m3.*"]`, ctx: []kv{one("ec2:InstanceType", "m5.large")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: StringEqualsIfExists absent: true.
			name: "StringEqualsIfExists/absent", op: "StringEqualsIfExists", key: "aws:username", values: `"alice"`, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: StringEqualsIfExists present: base operator.
			name: "StringEqualsIfExists/present other", op: "StringEqualsIfExists", key: "aws:username", values: `"alice"`, ctx: []kv{one("aws:username", "bob")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: "with a negated condition operator like StringNotEqualsIfExists, the request is still denied even if the condition key is not present" (reference_policies_elements_condition_operators.md).
			name: "StringNotEqualsIfExists/absent Deny", op: "StringNotEqualsIfExists", key: "aws:RequestedRegion", values: `"us-east-1"`, deny: true, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: StringNotEqualsIfExists present equal: false.
			name: "StringNotEqualsIfExists/present equal", op: "StringNotEqualsIfExists", key: "aws:RequestedRegion", values: `"us-east-1"`, ctx: []kv{one("aws:RequestedRegion", "us-east-1")}, deny: true, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: NumericLessThanIfExists absent: true.
			name: "NumericLessThanIfExists/absent", op: "NumericLessThanIfExists", key: "s3:max-keys", values: `"10"`, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: NumericLessThanIfExists present: base operator.
			name: "NumericLessThanIfExists/present", op: "NumericLessThanIfExists", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "20")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": present but malformed: base operator, positive false.
			name: "NumericLessThanIfExists/malformed", op: "NumericLessThanIfExists", key: "s3:max-keys", values: `"10"`, ctx: []kv{one("s3:max-keys", "x")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: DateGreaterThanIfExists absent: true.
			name: "DateGreaterThanIfExists/absent", op: "DateGreaterThanIfExists", key: "aws:TokenIssueTime", values: `"2026-01-01T00:00:00Z"`, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: BoolIfExists absent: true.
			name: "BoolIfExists/absent", op: "BoolIfExists", key: "aws:SecureTransport", values: `"true"`, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: BinaryEqualsIfExists absent: true.
			name: "BinaryEqualsIfExists/absent", op: "BinaryEqualsIfExists", key: "example:BinaryKey", values: `"QQ=="`, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: IpAddressIfExists absent: true.
			name: "IpAddressIfExists/absent", op: "IpAddressIfExists", key: "aws:SourceIp", values: `"203.0.113.0/24"`, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md: NotIpAddressIfExists present inside: false.
			name: "NotIpAddressIfExists/present inside", op: "NotIpAddressIfExists", key: "aws:SourceIp", values: `"203.0.113.0/24"`, ctx: []kv{one("aws:SourceIp", "203.0.113.1")}, want: false,
		},
		{
			// reference_policies_elements_condition_operators.md: ArnLikeIfExists absent: true.
			name: "ArnLikeIfExists/absent", op: "ArnLikeIfExists", key: "aws:SourceArn", values: `"arn:aws:sns:*:*:*"`, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": an empty list counts as absent: IfExists true.
			name: "StringEqualsIfExists/empty list", op: "StringEqualsIfExists", key: "aws:CalledVia", values: `"athena.amazonaws.com"`, ctx: []kv{list("aws:CalledVia")}, want: true,
		},
	})
}

// TestConditionMFA checks the MFA examples of reference_policies_elements_condition_operators.md (reference_policies_condition-keys.md
// aws:MultiFactorAuthPresent): the key is absent for long-term keys.
func TestConditionMFA(t *testing.T) {
	t.Parallel()
	const key = "aws:MultiFactorAuthPresent"
	longTerm := []kv(nil)
	noMFA := []kv{one(key, "false")}
	withMFA := []kv{one(key, "true")}
	runConditionCases(t, []conditionCase{
		// reference_policies_condition-keys.md aws:MultiFactorAuthPresent; reference_policies_elements_condition_operators.md: Deny + BoolIfExists false also denies long-term keys.
		{name: "Deny BoolIfExists false/long-term keys", op: "BoolIfExists", key: key, values: `"false"`, ctx: longTerm, deny: true, want: true},
		// reference_policies_elements_condition_operators.md: Deny + BoolIfExists false denies temporary credentials without MFA.
		{name: "Deny BoolIfExists false/no MFA", op: "BoolIfExists", key: key, values: `"false"`, ctx: noMFA, deny: true, want: true},
		// reference_policies_elements_condition_operators.md: Deny + BoolIfExists false spares MFA sessions.
		{name: "Deny BoolIfExists false/MFA", op: "BoolIfExists", key: key, values: `"false"`, ctx: withMFA, deny: true, want: false},
		// reference_policies_elements_condition_operators.md: Deny + Bool false does not deny long-term keys.
		{name: "Deny Bool false/long-term keys", op: "Bool", key: key, values: `"false"`, ctx: longTerm, deny: true, want: false},
		// reference_policies_elements_condition_operators.md: Deny + Bool false denies temporary credentials without MFA.
		{name: "Deny Bool false/no MFA", op: "Bool", key: key, values: `"false"`, ctx: noMFA, deny: true, want: true},
		// reference_policies_elements_condition_operators.md: Allow + Bool true excludes long-term keys.
		{name: "Allow Bool true/long-term keys", op: "Bool", key: key, values: `"true"`, ctx: longTerm, want: false},
		// reference_policies_elements_condition_operators.md: Allow + Bool true admits MFA sessions.
		{name: "Allow Bool true/MFA", op: "Bool", key: key, values: `"true"`, ctx: withMFA, want: true},
		// reference_policies_elements_condition_operators.md: Allow + BoolIfExists true admits long-term keys.
		{name: "Allow BoolIfExists true/long-term keys", op: "BoolIfExists", key: key, values: `"true"`, ctx: longTerm, want: true},
		// reference_policies_elements_condition_operators.md: Allow + BoolIfExists true still refuses a session without MFA.
		{name: "Allow BoolIfExists true/no MFA", op: "BoolIfExists", key: key, values: `"true"`, ctx: noMFA, want: false},
		// reference_policies_elements_condition_operators.md: Allow + Null false admits every temporary-credential request, MFA or not.
		{name: "Allow Null false/no MFA", op: "Null", key: key, values: `"false"`, ctx: noMFA, want: true},
		// reference_policies_elements_condition_operators.md: Allow + Null false admits MFA sessions.
		{name: "Allow Null false/MFA", op: "Null", key: key, values: `"false"`, ctx: withMFA, want: true},
		// reference_policies_elements_condition_operators.md: Allow + Null false refuses long-term keys.
		{name: "Allow Null false/long-term keys", op: "Null", key: key, values: `"false"`, ctx: longTerm, want: false},
	})
}
