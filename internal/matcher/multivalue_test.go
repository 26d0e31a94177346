package matcher_test

import "testing"

func TestConditionForAllValues(t *testing.T) {
	t.Parallel()
	const tags = `["environment", "cost-center"]`
	runConditionCases(t, []conditionCase{
		{
			// SVMV: ForAllValues "returns true if ... the key is empty" (no values): vacuous truth (SPEC §5.5).
			name: "absent", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: tags, want: true,
		},
		{
			// SVMV; SPEC §8 D25: an empty list is no values: true.
			name: "empty list", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys")}, want: true,
		},
		{
			// SVMV: every request value matches some policy value.
			name: "every value matches", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "environment", "cost-center")}, want: true,
		},
		{
			// SVMV: a subset of the policy values is fine.
			name: "subset", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "environment")}, want: true,
		},
		{
			// SVMV: one value outside the policy list: false.
			name: "one value outside", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "environment", "owner")}, want: false,
		},
		{
			// SPEC §5.5: the base operator keeps its case rules (Environment ≠ environment under StringEquals).
			name: "base operator case", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "Environment")}, want: false,
		},
		{
			// SVMV: with StringEqualsIgnoreCase the case does not matter.
			name: "ignore case", op: "ForAllValues:StringEqualsIgnoreCase", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "Environment", "COST-CENTER")}, want: true,
		},
		{
			// SVMV: with StringLike every value must match a pattern.
			name: "StringLike", op: "ForAllValues:StringLike", key: "aws:TagKeys", values: `["env*", "cost-*"]`, ctx: []kv{list("aws:TagKeys", "env1", "cost-center")}, want: true,
		},
		{
			// SVMV: negated reading: every value matches none of the patterns.
			name: "negated/every value unlisted", op: "ForAllValues:StringNotLike", key: "aws:TagKeys", values: `["temp*"]`, ctx: []kv{list("aws:TagKeys", "a", "b")}, want: true,
		},
		{
			// SPEC §5.5: Deny + ForAllValues:StringNotLike does not fire when one request value is like a listed pattern.
			name: "negated/one value listed", op: "ForAllValues:StringNotLike", key: "aws:TagKeys", values: `["temp*"]`, ctx: []kv{list("aws:TagKeys", "a", "temp1")}, deny: true, want: false,
		},
		{
			// SPEC §5.5, §8 D24: Deny + ForAllValues:StringNotLike denies requests with no tag keys.
			name: "negated/absent Deny", op: "ForAllValues:StringNotLike", key: "aws:TagKeys", values: `["temp*"]`, deny: true, want: true,
		},
		{
			// SPEC §8 D24: Deny ForAllValues:StringNotLike aws:ResourceOrgPaths fires on an absent key.
			name: "negated/D24 org paths", op: "ForAllValues:StringNotLike", key: "aws:ResourceOrgPaths", values: `"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"`, deny: true, want: true,
		},
		{
			// SPEC §5.5: a set operator on a single-valued key uses a one-element set.
			name: "single-valued key/match", op: "ForAllValues:StringEquals", key: "aws:username", values: `["alice", "bob"]`, ctx: []kv{one("aws:username", "alice")}, want: true,
		},
		{
			// SPEC §5.5: a one-element set that does not match.
			name: "single-valued key/no match", op: "ForAllValues:StringEquals", key: "aws:username", values: `["alice", "bob"]`, ctx: []kv{one("aws:username", "carol")}, want: false,
		},
		{
			// SPEC §5.5: absent single-valued key: ForAllValues true.
			name: "single-valued key/absent", op: "ForAllValues:StringEquals", key: "aws:username", values: `"alice"`, want: true,
		},
		{
			// OPS "...IfExists condition operators" with a set qualifier: absent → true.
			name: "IfExists/absent", op: "ForAllValues:StringEqualsIfExists", key: "aws:TagKeys", values: tags, want: true,
		},
		{
			// OPS ...IfExists: present → the qualified operator.
			name: "IfExists/present", op: "ForAllValues:StringEqualsIfExists", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "owner")}, want: false,
		},
		{
			// SPEC §8 D11: a malformed value fails the positive base operator, so not all values satisfy it.
			name: "Numeric/malformed value", op: "ForAllValues:NumericLessThan", key: "example:Sizes", values: `"10"`, ctx: []kv{list("example:Sizes", "1", "x")}, want: false,
		},
		{
			// SVMV: every value satisfies the base operator.
			name: "Numeric/all less", op: "ForAllValues:NumericLessThan", key: "example:Sizes", values: `"10"`, ctx: []kv{list("example:Sizes", "1", "9.5")}, want: true,
		},
		{
			// SVMV, OPS ARN operators: ForAllValues:ArnLike, each value field-wise.
			name: "ArnLike", op: "ForAllValues:ArnLike", key: "example:Arns", values: `"arn:aws:iam::*:role/*"`, ctx: []kv{list("example:Arns", "arn:aws:iam::1:role/a", "arn:aws:iam::2:user/b")}, want: false,
		},
	})
}

func TestConditionForAnyValue(t *testing.T) {
	t.Parallel()
	const tags = `["environment", "cost-center"]`
	runConditionCases(t, []conditionCase{
		{
			// SVMV: ForAnyValue "returns false" when the key is absent (SPEC §5.5).
			name: "absent", op: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: tags, want: false,
		},
		{
			// SVMV; SPEC §8 D25: an empty list has no value: false.
			name: "empty list", op: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys")}, want: false,
		},
		{
			// SVMV: one request value matches.
			name: "one value matches", op: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "owner", "environment")}, want: true,
		},
		{
			// SVMV: no request value matches.
			name: "no value matches", op: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "owner", "project")}, want: false,
		},
		{
			// SPEC §5.5: the base operator keeps its case rules.
			name: "base operator case", op: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "Environment")}, want: false,
		},
		{
			// SVMV: negated reading: some request value matches none of the policy values.
			name: "negated/one value unlisted", op: "ForAnyValue:StringNotEquals", key: "aws:TagKeys", values: `["environment"]`, ctx: []kv{list("aws:TagKeys", "environment", "owner")}, want: true,
		},
		{
			// SVMV: negated reading: every value is listed: false.
			name: "negated/every value listed", op: "ForAnyValue:StringNotEquals", key: "aws:TagKeys", values: `["environment"]`, ctx: []kv{list("aws:TagKeys", "environment")}, want: false,
		},
		{
			// SPEC §8 D22: ForAnyValue + negated + absent key: false.
			name: "D22/negated absent", op: "ForAnyValue:StringNotEquals", key: "aws:TagKeys", values: `["environment"]`, want: false,
		},
		{
			// SPEC §8 D22: also under Deny.
			name: "D22/negated absent Deny", op: "ForAnyValue:StringNotLike", key: "aws:TagKeys", values: `["env*"]`, deny: true, want: false,
		},
		{
			// SPEC §8 D22, D25: an empty list is absent: false, negated and Deny included.
			name: "D22/negated empty list Deny", op: "ForAnyValue:StringNotEquals", key: "aws:TagKeys", values: `["environment"]`, ctx: []kv{list("aws:TagKeys")}, deny: true, want: false,
		},
		{
			// SPEC §5.5: ForAnyValue:StringEqualsIfExists: absent → true.
			name: "IfExists/absent", op: "ForAnyValue:StringEqualsIfExists", key: "aws:TagKeys", values: tags, want: true,
		},
		{
			// SPEC §5.5: IfExists with a negated operator: absent → true.
			name: "IfExists/negated absent", op: "ForAnyValue:StringNotEqualsIfExists", key: "aws:TagKeys", values: tags, want: true,
		},
		{
			// OPS ...IfExists: present → the qualified operator.
			name: "IfExists/present", op: "ForAnyValue:StringEqualsIfExists", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "owner")}, want: false,
		},
		{
			// SPEC §5.5: a set operator on a single-valued key uses a one-element set.
			name: "single-valued key", op: "ForAnyValue:StringLike", key: "aws:username", values: `"a*"`, ctx: []kv{one("aws:username", "alice")}, want: true,
		},
		{
			// SVMV: ForAnyValue with StringLike.
			name: "StringLike", op: "ForAnyValue:StringLike", key: "aws:CalledVia", values: `"athena.*"`, ctx: []kv{list("aws:CalledVia", "dynamodb.amazonaws.com", "athena.amazonaws.com")}, want: true,
		},
		{
			// SVMV; OPS IP operators: a qualified IpAddress.
			name: "IpAddress", op: "ForAnyValue:IpAddress", key: "example:Addresses", values: `"203.0.113.0/24"`, ctx: []kv{list("example:Addresses", "bogus", "203.0.113.8")}, want: true,
		},
		{
			// SPEC §8 D11: a malformed value would satisfy the negated base operator; issue 8
			// (docs/limits.md): in an Allow a malformed value makes even a negated operator fail.
			name: "negated/malformed value", op: "ForAnyValue:NotIpAddress", key: "example:Addresses", values: `"203.0.113.0/24"`, ctx: []kv{list("example:Addresses", "203.0.113.8", "bogus")}, want: false,
		},
		{
			// SVMV; OPS "Date condition operators": ForAnyValue:DateLessThan, forms mixed.
			name: "Date", op: "ForAnyValue:DateLessThan", key: "example:Times", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{list("example:Times", "2026-06-01", "1767225599")}, want: true,
		},
		{
			// SVMV; OPS "Binary condition operators": ForAllValues:BinaryEquals.
			name: "Binary ForAllValues", op: "ForAllValues:BinaryEquals", key: "example:BinaryKey", values: `["QQ==", "Qg=="]`, ctx: []kv{list("example:BinaryKey", "Qg==", "QQ==")}, want: true,
		},
		{
			// SVMV: ForAnyValue:Bool on a list.
			name: "Bool", op: "ForAnyValue:Bool", key: "example:Flags", values: `"true"`, ctx: []kv{list("example:Flags", "false", "TRUE")}, want: true,
		},
	})
}

// TestConditionBareMultiValued checks SPEC §8 D1: a bare operator on a key
// the request gives as a list.
func TestConditionBareMultiValued(t *testing.T) {
	t.Parallel()
	const (
		key      = "aws:CalledVia"
		athena   = "athena.amazonaws.com"
		dynamodb = "dynamodb.amazonaws.com"
		glue     = "glue.amazonaws.com"
	)
	runConditionCases(t, []conditionCase{
		{
			// SPEC §8 D1: one value: as single-valued.
			name: "one value/Allow positive", op: "StringEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, athena)}, want: true,
		},
		{
			// SPEC §8 D1: one value: as single-valued, negated.
			name: "one value/Allow negated", op: "StringNotEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, athena)}, want: false,
		},
		{
			// SPEC §8 D1: one value: as single-valued, Deny.
			name: "one value/Deny positive", op: "StringEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, glue)}, deny: true, want: false,
		},
		{
			// SPEC §8 D1, D25: an empty list is absent: positive false.
			name: "empty list/positive", op: "StringEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key)}, want: false,
		},
		{
			// SPEC §8 D1, D25: an empty list is absent: negated true.
			name: "empty list/negated", op: "StringNotEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key)}, deny: true, want: true,
		},
		{
			// SPEC §8 D1: Allow + positive on several values: false, even when every value is listed.
			name: "several/Allow positive all listed", op: "StringEquals", key: key, values: `["athena.amazonaws.com", "dynamodb.amazonaws.com"]`, ctx: []kv{list(key, athena, dynamodb)}, want: false,
		},
		{
			// SPEC §8 D1: Allow + positive on several values: false (StringLike too).
			name: "several/Allow StringLike", op: "StringLike", key: key, values: `"*"`, ctx: []kv{list(key, athena, dynamodb)}, want: false,
		},
		{
			// SPEC §8 D1: Allow + negated = ForAnyValue: negated: one value unlisted: true.
			name: "several/Allow negated one unlisted", op: "StringNotEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, athena, glue)}, want: true,
		},
		{
			// SPEC §8 D1: Allow + negated = ForAnyValue: negated: every value listed: false.
			name: "several/Allow negated all listed", op: "StringNotEquals", key: key, values: `["athena.amazonaws.com", "glue.amazonaws.com"]`, ctx: []kv{list(key, athena, glue)}, want: false,
		},
		{
			// SPEC §8 D1: Deny + positive = ForAnyValue: positive: one value listed: true.
			name: "several/Deny positive one listed", op: "StringEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, glue, athena)}, deny: true, want: true,
		},
		{
			// SPEC §8 D1: Deny + positive = ForAnyValue: positive: no value listed: false.
			name: "several/Deny positive none listed", op: "StringEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, glue, dynamodb)}, deny: true, want: false,
		},
		{
			// SPEC §8 D1: Deny + negated: true, even when every value is listed.
			name: "several/Deny negated all listed", op: "StringNotEquals", key: key, values: `["athena.amazonaws.com", "glue.amazonaws.com"]`, ctx: []kv{list(key, athena, glue)}, deny: true, want: true,
		},
		{
			// SPEC §8 D1: Deny + negated: true.
			name: "several/Deny negated none listed", op: "StringNotLike", key: key, values: `"*"`, ctx: []kv{list(key, athena, glue)}, deny: true, want: true,
		},
		{
			// SPEC §8 D1: other families too: Allow + positive NumericEquals on several values: false.
			name: "several/Allow Numeric", op: "NumericEquals", key: "example:Sizes", values: `[1, 2]`, ctx: []kv{list("example:Sizes", "1", "2")}, want: false,
		},
		{
			// SPEC §8 D1: Deny + positive IpAddress on several values: ForAnyValue.
			name: "several/Deny IpAddress", op: "IpAddress", key: "example:Addresses", values: `"203.0.113.0/24"`, ctx: []kv{list("example:Addresses", "192.0.2.1", "203.0.113.1")}, deny: true, want: true,
		},
		{
			// SPEC §8 D1: Deny + positive DateGreaterThan on several values: ForAnyValue; a malformed value matches nothing (D11).
			name: "several/Deny Date", op: "DateGreaterThan", key: "example:Times", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{list("example:Times", "never", "2026-06-01")}, deny: true, want: true,
		},
		{
			// SPEC §8 D1: Allow + negated DateNotEquals on several values = ForAnyValue: negated.
			name: "several/Allow Date negated", op: "DateNotEquals", key: "example:Times", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{list("example:Times", "1767225600", "2026-01-01")}, want: false,
		},
		{
			// SPEC §8 D1: Allow + positive BinaryEquals on several values: false.
			name: "several/Allow Binary", op: "BinaryEquals", key: "example:BinaryKey", values: `"QQ=="`, ctx: []kv{list("example:BinaryKey", "QQ==", "QQ==")}, want: false,
		},
		{
			// SPEC §8 D1: Deny + positive BinaryEquals on several values: ForAnyValue.
			name: "several/Deny Binary", op: "BinaryEquals", key: "example:BinaryKey", values: `"QQ=="`, ctx: []kv{list("example:BinaryKey", "Qg==", "QQ==")}, deny: true, want: true,
		},
		{
			// SPEC §8 D1: Allow + negated ArnNotLike on several values = ForAnyValue; a malformed value would satisfy it
			// (D11), but issue 8 (docs/limits.md): an Allow never matches on a malformed value.
			name: "several/Allow Arn negated malformed", op: "ArnNotLike", key: "example:Arns", values: `"arn:aws:iam::*:role/*"`, ctx: []kv{list("example:Arns", "arn:aws:iam::1:role/a", "not-an-arn")}, want: false,
		},
		{
			// SPEC §8 D1: Deny + positive ArnLike on several values: ForAnyValue, field-wise.
			name: "several/Deny Arn", op: "ArnLike", key: "example:Arns", values: `"arn:aws:iam::*:role/*"`, ctx: []kv{list("example:Arns", "arn:aws:iam::1:user/a", "arn:aws:iam::1:role/a")}, deny: true, want: true,
		},
		{
			// SPEC §8 D1: Deny + positive Bool on several values: ForAnyValue.
			name: "several/Deny Bool", op: "Bool", key: "example:Flags", values: `"true"`, ctx: []kv{list("example:Flags", "false", "yes")}, deny: true, want: false,
		},
		{
			// SPEC §8 D1: Deny + negated NotIpAddress on several values: true.
			name: "several/Deny NotIpAddress", op: "NotIpAddress", key: "example:Addresses", values: `"0.0.0.0/0"`, ctx: []kv{list("example:Addresses", "192.0.2.1", "203.0.113.1")}, deny: true, want: true,
		},
		{
			// SPEC §8 D1: the IfExists suffix does not change a present key: Allow + positive false.
			name: "several/Allow IfExists", op: "StringEqualsIfExists", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, athena, athena)}, want: false,
		},
		{
			// SPEC §8 D1: a single-valued key (not a list) is read as usual.
			name: "single-valued/Allow positive", op: "StringEquals", key: "aws:username", values: `"alice"`, ctx: []kv{one("aws:username", "alice")}, want: true,
		},
	})
}
