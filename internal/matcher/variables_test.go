package matcher_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

func TestResourceVariables(t *testing.T) {
	t.Parallel()
	const home = "arn:aws:s3:::bucket/home/${aws:username}/*"
	tests := []struct {
		name     string
		version  string
		resource string // the policy's Resource entry
		more     string // a second entry, if any
		not      bool   // NotResource instead of Resource
		ctx      []kv
		request  string
		want     bool
	}{
		{
			// reference_policies_variables.md "Using variables in policies": ${aws:username} is replaced by the user's name under 2012-10-17.
			name: "2012/substituted", version: v2012, resource: home, ctx: []kv{one("aws:username", "alice")}, request: "arn:aws:s3:::bucket/home/alice/notes.txt", want: true,
		},
		{
			// reference_policies_variables.md: the substituted name is the only one covered.
			name: "2012/other user", version: v2012, resource: home, ctx: []kv{one("aws:username", "alice")}, request: "arn:aws:s3:::bucket/home/bob/notes.txt", want: false,
		},
		{
			// reference_policies_variables.md: the literal text no longer matches once substituted.
			name: "2012/literal text not matched", version: v2012, resource: home, ctx: []kv{one("aws:username", "alice")}, request: "arn:aws:s3:::bucket/home/${aws:username}/notes.txt", want: false,
		},
		{
			// reference_policies_elements_version.md: under 2008-10-17 "variables such as ${aws:username} aren't recognized as variables and are instead treated as literal strings" (reference_policies_variables.md).
			name: "2008/literal", version: v2008, resource: home, ctx: []kv{one("aws:username", "alice")}, request: "arn:aws:s3:::bucket/home/alice/notes.txt", want: false,
		},
		{
			// reference_policies_elements_version.md: the literal text then matches an object key containing ${aws:username} (reference_policies_variables.md).
			name: "2008/literal text matches", version: v2008, resource: home, ctx: []kv{one("aws:username", "alice")}, request: "arn:aws:s3:::bucket/home/${aws:username}/notes.txt", want: true,
		},
		{
			// reference_policies_variables.md: "If you don't include the Version element ... variables like ${aws:username} are treated as literal strings" (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes").
			name: "no Version/literal", version: vNone, resource: home, ctx: []kv{one("aws:username", "alice")}, request: "arn:aws:s3:::bucket/home/alice/notes.txt", want: false,
		},
		{
			// reference_policies_variables.md; iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": without Version the literal text matches.
			name: "no Version/literal text matches", version: vNone, resource: home, request: "arn:aws:s3:::bucket/home/${aws:username}/notes.txt", want: true,
		},
		{
			// reference_policies_variables.md: ${aws:PrincipalTag/team}; key names are case-insensitive, tag part too (reference_policies_elements_condition.md; reference_policies_variables.md).
			name: "principal tag/case-insensitive key", version: v2012, resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*", ctx: []kv{one("AWS:principaltag/TEAM", "eng")}, request: "arn:aws:s3:::bucket/eng/doc", want: true,
		},
		{
			// reference_policies_variables.md: "Key names are case-insensitive. For example, aws:CurrentTime is equivalent to AWS:currenttime."
			name: "principal tag/variable name in other case", version: v2012, resource: "arn:aws:s3:::bucket/${AWS:PRINCIPALTAG/Team}/*", ctx: []kv{one("aws:PrincipalTag/team", "eng")}, request: "arn:aws:s3:::bucket/eng/doc", want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": tag values keep their case.
			name: "principal tag/value case kept", version: v2012, resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*", ctx: []kv{one("aws:PrincipalTag/team", "Eng")}, request: "arn:aws:s3:::bucket/eng/doc", want: false,
		},
		{
			// reference_policies_variables.md "Specifying default values": the default is used when the key has no value.
			name: "default/used when absent", version: v2012, resource: "arn:aws:s3:::amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}", request: "arn:aws:s3:::amzn-s3-demo-bucket-company-wide", want: true,
		},
		{
			// reference_policies_variables.md "Specifying default values": the key's value wins over the default.
			name: "default/value wins", version: v2012, resource: "arn:aws:s3:::amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}", ctx: []kv{one("aws:PrincipalTag/team", "eng")}, request: "arn:aws:s3:::amzn-s3-demo-bucket-eng", want: true,
		},
		{
			// reference_policies_variables.md "Specifying default values": with a value, the default is not covered.
			name: "default/not used when present", version: v2012, resource: "arn:aws:s3:::amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}", ctx: []kv{one("aws:PrincipalTag/team", "eng")}, request: "arn:aws:s3:::amzn-s3-demo-bucket-company-wide", want: false,
		},
		{
			// reference_policies_variables.md "Specifying default values": the default is literal, like a value.
			name: "default/literal", version: v2012, resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'a*'}", request: "arn:aws:s3:::bucket/abc", want: false,
		},
		{
			// reference_policies_variables.md "Special characters": ${*} is a literal *.
			name: "special/star literal", version: v2012, resource: "arn:aws:s3:::bucket/${*}", request: "arn:aws:s3:::bucket/*", want: true,
		},
		{
			// reference_policies_variables.md "Special characters": ${*} is no wildcard.
			name: "special/star no wildcard", version: v2012, resource: "arn:aws:s3:::bucket/${*}", request: "arn:aws:s3:::bucket/x", want: false,
		},
		{
			// reference_policies_variables.md "Special characters": ${?} is a literal ?.
			name: "special/question literal", version: v2012, resource: "arn:aws:s3:::bucket/a${?}", request: "arn:aws:s3:::bucket/a?", want: true,
		},
		{
			// reference_policies_variables.md "Special characters": ${?} is no wildcard.
			name: "special/question no wildcard", version: v2012, resource: "arn:aws:s3:::bucket/a${?}", request: "arn:aws:s3:::bucket/ab", want: false,
		},
		{
			// reference_policies_variables.md "Special characters": ${$} is a literal $.
			name: "special/dollar", version: v2012, resource: "arn:aws:s3:::bucket/${$}{x}", request: "arn:aws:s3:::bucket/${x}", want: true,
		},
		{
			// reference_policies_variables.md "Special characters"; reference_policies_variables.md: literal characters next to a real wildcard.
			name: "special/with wildcard", version: v2012, resource: "arn:aws:s3:::bucket/${*}*", request: "arn:aws:s3:::bucket/*anything", want: true,
		},
		{
			// reference_policies_variables.md: the substituted value is literal: a user name a* is no wildcard.
			name: "literal value/star", version: v2012, resource: home, ctx: []kv{one("aws:username", "a*")}, request: "arn:aws:s3:::bucket/home/abc/x", want: false,
		},
		{
			// reference_policies_variables.md: a user name a* covers its own folder.
			name: "literal value/star own folder", version: v2012, resource: home, ctx: []kv{one("aws:username", "a*")}, request: "arn:aws:s3:::bucket/home/a*/x", want: true,
		},
		{
			// reference_policies_variables.md: john.doe does not cover johnXdoe.
			name: "literal value/dot", version: v2012, resource: home, ctx: []kv{one("aws:username", "john.doe")}, request: "arn:aws:s3:::bucket/home/johnXdoe/x", want: false,
		},
		{
			// reference_policies_variables.md: john.doe covers its own folder.
			name: "literal value/dot own folder", version: v2012, resource: home, ctx: []kv{one("aws:username", "john.doe")}, request: "arn:aws:s3:::bucket/home/john.doe/x", want: true,
		},
		{
			// reference_policies_variables.md: a ? in the value is no wildcard.
			name: "literal value/question", version: v2012, resource: home, ctx: []kv{one("aws:username", "a?")}, request: "arn:aws:s3:::bucket/home/ab/x", want: false,
		},
		{
			// reference_policies_variables.md: brackets in the value are literal.
			name: "literal value/brackets", version: v2012, resource: home, ctx: []kv{one("aws:username", "[ab]")}, request: "arn:aws:s3:::bucket/home/a/x", want: false,
		},
		{
			// reference_policies_variables.md "Policy variables with no value": "the resource that includes a policy variable with no value will not match any resource"; bucket/${tag}/* never matches bucket//x (reference_policies_variables.md).
			name: "no value/matches nothing", version: v2012, resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*", request: "arn:aws:s3:::bucket//x", want: false,
		},
		{
			// reference_policies_variables.md "Policy variables with no value": not even the literal text.
			name: "no value/not the literal text", version: v2012, resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*", request: "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/x", want: false,
		},
		{
			// reference_policies_variables.md: aws:username has no value for role sessions: the entry matches nothing.
			name: "no value/username of a session", version: v2012, resource: home, ctx: []kv{one("aws:userid", "AROAEXAMPLE:session")}, request: "arn:aws:s3:::bucket/home//x", want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": same per Resource entry: the other entries still count.
			name: "no value/other entries count", version: v2012, resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*", more: "arn:aws:s3:::bucket/public/*", request: "arn:aws:s3:::bucket/public/x", want: true,
		},
		{
			// reference_policies_variables.md "Policy variables with no value" (Resource or NotResource): the NotResource entry matches nothing, so nothing is excluded.
			name: "no value/NotResource excludes nothing", version: v2012, resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*", not: true, request: "arn:aws:s3:::bucket//x", want: true,
		},
		{
			// reference_policies_variables.md: "You can't use a multivalued condition key as a variable": a key given as a list leaves it unresolved (reference_policies_variables.md).
			name: "multi-valued key/unresolved", version: v2012, resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*", ctx: []kv{list("aws:PrincipalTag/team", "eng")}, request: "arn:aws:s3:::bucket/eng/x", want: false,
		},
		{
			// reference_policies_variables.md: a list of several values leaves it unresolved.
			name: "multi-valued key/several values", version: v2012, resource: "arn:aws:s3:::bucket/${aws:TagKeys}/*", ctx: []kv{list("aws:TagKeys", "a", "b")}, request: "arn:aws:s3:::bucket/a/x", want: false,
		},
		{
			// reference_policies_variables.md: a service-specific single-valued key works as a variable (${s3:prefix}, reference_policies_variables.md).
			name: "service key", version: v2012, resource: "arn:aws:s3:::bucket/${s3:prefix}*", ctx: []kv{one("s3:prefix", "home/")}, request: "arn:aws:s3:::bucket/home/x", want: true,
		},
		{
			// reference_policies_variables.md: several variables in one entry.
			name: "two variables", version: v2012, resource: "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/${aws:username}/*", ctx: []kv{one("aws:PrincipalTag/team", "eng"), one("aws:username", "alice")}, request: "arn:aws:s3:::bucket/eng/alice/x", want: true,
		},
		{
			// reference_policies_variables.md; iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": the substituted value is compared case-sensitively.
			name: "case-sensitive value", version: v2012, resource: home, ctx: []kv{one("aws:username", "Alice")}, request: "arn:aws:s3:::bucket/home/alice/x", want: false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			element := "Resource"
			if tt.not {
				element = "NotResource"
			}
			entries := quote(tt.resource)
			if tt.more != "" {
				entries += ", " + quote(tt.more)
			}
			st := compileStatement(t, tt.version, `"Action": "s3:*", "`+element+`": [`+entries+`]`)
			if diff := cmp.Diff(tt.want, st.Resource.Match(tt.request, newContext(tt.ctx...))); diff != "" {
				t.Errorf("%s %q: Match(%q) mismatch (-want +got):\n%s", element, tt.resource, tt.request, diff)
			}
		})
	}
}

func TestConditionVariables(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		version string
		op      string
		key     string
		values  string // JSON
		ctx     []kv
		effect  policy.Effect
		want    bool
	}{
		{
			// reference_policies_variables.md "Using variables in policies": variables in string comparisons of the Condition element.
			name: "StringEquals/substituted", version: v2012, op: "StringEquals", key: "s3:prefix", values: `"home/${aws:username}/"`,
			ctx: []kv{one("aws:username", "alice"), one("s3:prefix", "home/alice/")}, want: true,
		},
		{
			// reference_policies_variables.md: the substituted value only.
			name: "StringEquals/other value", version: v2012, op: "StringEquals", key: "s3:prefix", values: `"home/${aws:username}/"`,
			ctx: []kv{one("aws:username", "alice"), one("s3:prefix", "home/bob/")}, want: false,
		},
		{
			// reference_policies_elements_version.md: under 2008-10-17 the variable is literal text.
			name: "StringEquals/2008 literal", version: v2008, op: "StringEquals", key: "s3:prefix", values: `"home/${aws:username}/"`,
			ctx: []kv{one("aws:username", "alice"), one("s3:prefix", "home/alice/")}, want: false,
		},
		{
			// reference_policies_elements_version.md: under 2008-10-17 the literal text matches.
			name: "StringEquals/2008 literal text matches", version: v2008, op: "StringEquals", key: "s3:prefix", values: `"home/${aws:username}/"`,
			ctx: []kv{one("s3:prefix", "home/${aws:username}/")}, want: true,
		},
		{
			// reference_policies_variables.md; iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": no Version, variables literal.
			name: "StringEquals/no Version literal", version: vNone, op: "StringEquals", key: "s3:prefix", values: `"home/${aws:username}/"`,
			ctx: []kv{one("aws:username", "alice"), one("s3:prefix", "home/alice/")}, want: false,
		},
		{
			// reference_policies_variables.md "Policy variables with no value": "operators like StringEquals or StringLike do not match" (reference_policies_variables.md).
			name: "no value/positive fails", version: v2012, op: "StringEquals", key: "s3:prefix", values: `"home/${aws:username}/"`,
			ctx: []kv{one("s3:prefix", "home//")}, want: false,
		},
		{
			// reference_policies_variables.md "Policy variables with no value": StringLike does not match either.
			name: "no value/StringLike fails", version: v2012, op: "StringLike", key: "s3:prefix", values: `"home/${aws:username}/*"`,
			ctx: []kv{one("s3:prefix", "home//x")}, want: false,
		},
		{
			// reference_policies_variables.md: "Inverted condition operators like StringNotEquals or StringNotLike do match against a null value"; Deny StringNotEquals s3:ExistingObjectTag/Team ${aws:PrincipalTag/Team} denies principals without the tag (reference_policies_variables.md).
			name: "no value/negated succeeds", version: v2012, op: "StringNotEquals", key: "s3:ExistingObjectTag/Team", values: `"${aws:PrincipalTag/Team}"`,
			ctx: []kv{one("s3:ExistingObjectTag/Team", "eng")}, effect: policy.Deny, want: true,
		},
		{
			// reference_policies_variables.md: the same Deny does not fire when the tags agree.
			name: "no value/negated with tag present", version: v2012, op: "StringNotEquals", key: "s3:ExistingObjectTag/Team", values: `"${aws:PrincipalTag/Team}"`,
			ctx: []kv{one("s3:ExistingObjectTag/Team", "eng"), one("aws:PrincipalTag/team", "eng")}, effect: policy.Deny, want: false,
		},
		{
			// reference_policies_variables.md: StringNotLike matches against a null value too.
			name: "no value/StringNotLike succeeds", version: v2012, op: "StringNotLike", key: "s3:prefix", values: `"home/${aws:username}/*"`,
			ctx: []kv{one("s3:prefix", "home/bob/x")}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": in a list, the other values still count: the home-directory list works for roles.
			name: "choice/list other values count", version: v2012, op: "StringLike", key: "s3:prefix", values: `["", "home/", "home/${aws:username}/*"]`,
			ctx: []kv{one("s3:prefix", "home/")}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": in a list, the unresolved value matches nothing.
			name: "choice/list unresolved matches nothing", version: v2012, op: "StringLike", key: "s3:prefix", values: `["", "home/", "home/${aws:username}/*"]`,
			ctx: []kv{one("s3:prefix", "home/bob/x")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": the empty value of the list matches "" (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes").
			name: "choice/list empty value", version: v2012, op: "StringLike", key: "s3:prefix", values: `["", "home/", "home/${aws:username}/*"]`,
			ctx: []kv{one("s3:prefix", "")}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": it never blocks a negated operator: the other values still count in the NOR.
			name: "choice/negated list other value matches", version: v2012, op: "StringNotLike", key: "s3:prefix", values: `["home/${aws:username}/*", "public/*"]`,
			ctx: []kv{one("s3:prefix", "public/x")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": with no value matching, the negated operator succeeds.
			name: "choice/negated list nothing matches", version: v2012, op: "StringNotLike", key: "s3:prefix", values: `["home/${aws:username}/*", "public/*"]`,
			ctx: []kv{one("s3:prefix", "private/x")}, want: true,
		},
		{
			// reference_policies_variables.md "Specifying default values": used in conditions too.
			name: "default/used", version: v2012, op: "StringEquals", key: "s3:prefix", values: `"${aws:PrincipalTag/team, 'company-wide'}/"`,
			ctx: []kv{one("s3:prefix", "company-wide/")}, want: true,
		},
		{
			// reference_policies_variables.md "Specifying default values": the value wins.
			name: "default/value wins", version: v2012, op: "StringEquals", key: "s3:prefix", values: `"${aws:PrincipalTag/team, 'company-wide'}/"`,
			ctx: []kv{one("s3:prefix", "company-wide/"), one("aws:PrincipalTag/team", "eng")}, want: false,
		},
		{
			// reference_policies_variables.md: the substituted value is literal under StringLike.
			name: "literal value/StringLike star", version: v2012, op: "StringLike", key: "s3:prefix", values: `"home/${aws:username}/*"`,
			ctx: []kv{one("aws:username", "a*"), one("s3:prefix", "home/abc/x")}, want: false,
		},
		{
			// reference_policies_variables.md: the substituted value matches itself under StringLike.
			name: "literal value/StringLike own", version: v2012, op: "StringLike", key: "s3:prefix", values: `"home/${aws:username}/*"`,
			ctx: []kv{one("aws:username", "a*"), one("s3:prefix", "home/a*/x")}, want: true,
		},
		{
			// reference_policies_variables.md: john.doe does not cover johnXdoe.
			name: "literal value/dot", version: v2012, op: "StringLike", key: "s3:prefix", values: `"home/${aws:username}/*"`,
			ctx: []kv{one("aws:username", "john.doe"), one("s3:prefix", "home/johnXdoe/x")}, want: false,
		},
		{
			// reference_policies_variables.md "Special characters": ${*} in a StringLike value is a literal *.
			name: "special/star", version: v2012, op: "StringLike", key: "s3:prefix", values: `"a${*}"`,
			ctx: []kv{one("s3:prefix", "ab")}, want: false,
		},
		{
			// reference_policies_variables.md "Special characters": ${*} matches a *.
			name: "special/star matches star", version: v2012, op: "StringLike", key: "s3:prefix", values: `"a${*}"`,
			ctx: []kv{one("s3:prefix", "a*")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md "String condition operators": StringEqualsIgnoreCase with a substituted value.
			name: "StringEqualsIgnoreCase/substituted", version: v2012, op: "StringEqualsIgnoreCase", key: "s3:prefix", values: `"${aws:username}"`,
			ctx: []kv{one("aws:username", "Alice"), one("s3:prefix", "ALICE")}, want: true,
		},
		{
			// reference_policies_variables.md: a multi-valued key cannot be a variable: positive operators fail (reference_policies_variables.md).
			name: "multi-valued key/positive", version: v2012, op: "StringEquals", key: "s3:prefix", values: `"${aws:TagKeys}"`,
			ctx: []kv{list("aws:TagKeys", "a"), one("s3:prefix", "a")}, want: false,
		},
		{
			// reference_policies_variables.md: a multi-valued key cannot be a variable: negated operators succeed (reference_policies_variables.md).
			name: "multi-valued key/negated", version: v2012, op: "StringNotEquals", key: "s3:prefix", values: `"${aws:TagKeys}"`,
			ctx: []kv{list("aws:TagKeys", "a"), one("s3:prefix", "a")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md "Amazon Resource Name (ARN) condition operators": variables supported.
			name: "ArnLike/substituted", version: v2012, op: "ArnLike", key: "aws:SourceArn", values: `"arn:aws:iam::111122223333:user/${aws:username}"`,
			ctx: []kv{one("aws:username", "alice"), one("aws:SourceArn", "arn:aws:iam::111122223333:user/alice")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md ARN operators; reference_policies_variables.md: the substituted value is literal in an ARN field.
			name: "ArnLike/literal value", version: v2012, op: "ArnLike", key: "aws:SourceArn", values: `"arn:aws:iam::111122223333:user/${aws:username}"`,
			ctx: []kv{one("aws:username", "a*"), one("aws:SourceArn", "arn:aws:iam::111122223333:user/abc")}, want: false,
		},
		{
			// reference_policies_variables.md "Policy variables with no value": ArnNotLike matches against a null value.
			name: "ArnNotLike/no value", version: v2012, op: "ArnNotLike", key: "aws:SourceArn", values: `"arn:aws:iam::111122223333:user/${aws:username}"`,
			ctx: []kv{one("aws:SourceArn", "arn:aws:iam::111122223333:user/alice")}, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md "Boolean condition operators": "Policy variables – Supported" (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes").
			name: "Bool/substituted", version: v2012, op: "Bool", key: "aws:SecureTransport", values: `"${aws:PrincipalTag/secure}"`,
			ctx: []kv{one("aws:PrincipalTag/secure", "true"), one("aws:SecureTransport", "true")}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": an unresolved Bool value matches nothing.
			name: "Bool/no value", version: v2012, op: "Bool", key: "aws:SecureTransport", values: `"${aws:PrincipalTag/secure}"`,
			ctx: []kv{one("aws:SecureTransport", "true")}, want: false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			effect := tt.effect
			if effect == 0 {
				effect = policy.Allow
			}
			c := compileCondition(t, tt.version, tt.op, tt.key, tt.values)
			ctx := newContext(tt.ctx...)
			if diff := cmp.Diff(tt.want, c.Eval(ctx, effect)); diff != "" {
				t.Errorf("%s %s %s: Eval mismatch (-want +got):\n%s", tt.op, tt.key, tt.values, diff)
			}
			if diff := cmp.Diff(tt.want, c.Explain(ctx, effect).Result); diff != "" {
				t.Errorf("%s %s %s: Explain mismatch (-want +got):\n%s", tt.op, tt.key, tt.values, diff)
			}
		})
	}
}
