package matcher_test

import "testing"

func TestConditionForAllValues(t *testing.T) {
	t.Parallel()
	const tags = `["environment", "cost-center"]`
	runConditionCases(t, []conditionCase{
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: ForAllValues "returns true if ... the key is empty" (no values): vacuous truth (reference_policies_condition-single-vs-multi-valued-context-keys.md).
			name: "absent", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: tags, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md; iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": an empty list is no values: true.
			name: "empty list", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: every request value matches some policy value.
			name: "every value matches", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "environment", "cost-center")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: a subset of the policy values is fine.
			name: "subset", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "environment")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: one value outside the policy list: false.
			name: "one value outside", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "environment", "owner")}, want: false,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: the base operator keeps its case rules (Environment ≠ environment under StringEquals).
			name: "base operator case", op: "ForAllValues:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "Environment")}, want: false,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: with StringEqualsIgnoreCase the case does not matter.
			name: "ignore case", op: "ForAllValues:StringEqualsIgnoreCase", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "Environment", "COST-CENTER")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: with StringLike every value must match a pattern.
			name: "StringLike", op: "ForAllValues:StringLike", key: "aws:TagKeys", values: `["env*", "cost-*"]`, ctx: []kv{list("aws:TagKeys", "env1", "cost-center")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: negated reading: every value matches none of the patterns.
			name: "negated/every value unlisted", op: "ForAllValues:StringNotLike", key: "aws:TagKeys", values: `["temp*"]`, ctx: []kv{list("aws:TagKeys", "a", "b")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: Deny + ForAllValues:StringNotLike does not fire when one request value is like a listed pattern.
			name: "negated/one value listed", op: "ForAllValues:StringNotLike", key: "aws:TagKeys", values: `["temp*"]`, ctx: []kv{list("aws:TagKeys", "a", "temp1")}, deny: true, want: false,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md; iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Deny + ForAllValues:StringNotLike denies requests with no tag keys.
			name: "negated/absent Deny", op: "ForAllValues:StringNotLike", key: "aws:TagKeys", values: `["temp*"]`, deny: true, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Deny ForAllValues:StringNotLike aws:ResourceOrgPaths fires on an absent key.
			name: "negated/org paths", op: "ForAllValues:StringNotLike", key: "aws:ResourceOrgPaths", values: `"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"`, deny: true, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: a set operator on a single-valued key uses a one-element set.
			name: "single-valued key/match", op: "ForAllValues:StringEquals", key: "aws:username", values: `["alice", "bob"]`, ctx: []kv{one("aws:username", "alice")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: a one-element set that does not match.
			name: "single-valued key/no match", op: "ForAllValues:StringEquals", key: "aws:username", values: `["alice", "bob"]`, ctx: []kv{one("aws:username", "carol")}, want: false,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: absent single-valued key: ForAllValues true.
			name: "single-valued key/absent", op: "ForAllValues:StringEquals", key: "aws:username", values: `"alice"`, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md "...IfExists condition operators" with a set qualifier: absent → true.
			name: "IfExists/absent", op: "ForAllValues:StringEqualsIfExists", key: "aws:TagKeys", values: tags, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md ...IfExists: present → the qualified operator.
			name: "IfExists/present", op: "ForAllValues:StringEqualsIfExists", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "owner")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": a malformed value fails the positive base operator, so not all values satisfy it.
			name: "Numeric/malformed value", op: "ForAllValues:NumericLessThan", key: "example:Sizes", values: `"10"`, ctx: []kv{list("example:Sizes", "1", "x")}, want: false,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: every value satisfies the base operator.
			name: "Numeric/all less", op: "ForAllValues:NumericLessThan", key: "example:Sizes", values: `"10"`, ctx: []kv{list("example:Sizes", "1", "9.5")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md, reference_policies_elements_condition_operators.md ARN operators: ForAllValues:ArnLike, each value field-wise.
			name: "ArnLike", op: "ForAllValues:ArnLike", key: "example:Arns", values: `"arn:aws:iam::*:role/*"`, ctx: []kv{list("example:Arns", "arn:aws:iam::1:role/a", "arn:aws:iam::2:user/b")}, want: false,
		},
	})
}

func TestConditionForAnyValue(t *testing.T) {
	t.Parallel()
	const tags = `["environment", "cost-center"]`
	runConditionCases(t, []conditionCase{
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: ForAnyValue "returns false" when the key is absent (reference_policies_condition-single-vs-multi-valued-context-keys.md).
			name: "absent", op: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: tags, want: false,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md; iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": an empty list has no value: false.
			name: "empty list", op: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys")}, want: false,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: one request value matches.
			name: "one value matches", op: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "owner", "environment")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: no request value matches.
			name: "no value matches", op: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "owner", "project")}, want: false,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: the base operator keeps its case rules.
			name: "base operator case", op: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "Environment")}, want: false,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: negated reading: some request value matches none of the policy values.
			name: "negated/one value unlisted", op: "ForAnyValue:StringNotEquals", key: "aws:TagKeys", values: `["environment"]`, ctx: []kv{list("aws:TagKeys", "environment", "owner")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: negated reading: every value is listed: false.
			name: "negated/every value listed", op: "ForAnyValue:StringNotEquals", key: "aws:TagKeys", values: `["environment"]`, ctx: []kv{list("aws:TagKeys", "environment")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": ForAnyValue + negated + absent key: false.
			name: "choice/negated absent", op: "ForAnyValue:StringNotEquals", key: "aws:TagKeys", values: `["environment"]`, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": also under Deny.
			name: "choice/negated absent Deny", op: "ForAnyValue:StringNotLike", key: "aws:TagKeys", values: `["env*"]`, deny: true, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes", iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": an empty list is absent: false, negated and Deny included.
			name: "choice/negated empty list Deny", op: "ForAnyValue:StringNotEquals", key: "aws:TagKeys", values: `["environment"]`, ctx: []kv{list("aws:TagKeys")}, deny: true, want: false,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: ForAnyValue:StringEqualsIfExists: absent → true.
			name: "IfExists/absent", op: "ForAnyValue:StringEqualsIfExists", key: "aws:TagKeys", values: tags, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: IfExists with a negated operator: absent → true.
			name: "IfExists/negated absent", op: "ForAnyValue:StringNotEqualsIfExists", key: "aws:TagKeys", values: tags, want: true,
		},
		{
			// reference_policies_elements_condition_operators.md ...IfExists: present → the qualified operator.
			name: "IfExists/present", op: "ForAnyValue:StringEqualsIfExists", key: "aws:TagKeys", values: tags, ctx: []kv{list("aws:TagKeys", "owner")}, want: false,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: a set operator on a single-valued key uses a one-element set.
			name: "single-valued key", op: "ForAnyValue:StringLike", key: "aws:username", values: `"a*"`, ctx: []kv{one("aws:username", "alice")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: ForAnyValue with StringLike.
			name: "StringLike", op: "ForAnyValue:StringLike", key: "aws:CalledVia", values: `"athena.*"`, ctx: []kv{list("aws:CalledVia", "dynamodb.amazonaws.com", "athena.amazonaws.com")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md; reference_policies_elements_condition_operators.md IP operators: a qualified IpAddress.
			name: "IpAddress", op: "ForAnyValue:IpAddress", key: "example:Addresses", values: `"203.0.113.0/24"`, ctx: []kv{list("example:Addresses", "bogus", "203.0.113.8")}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": a malformed value would satisfy the negated base operator; issue 8
			// (docs/limits.md): in an Allow a malformed value makes even a negated operator fail.
			name: "negated/malformed value", op: "ForAnyValue:NotIpAddress", key: "example:Addresses", values: `"203.0.113.0/24"`, ctx: []kv{list("example:Addresses", "203.0.113.8", "bogus")}, want: false,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md; reference_policies_elements_condition_operators.md "Date condition operators": ForAnyValue:DateLessThan, forms mixed.
			name: "Date", op: "ForAnyValue:DateLessThan", key: "example:Times", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{list("example:Times", "2026-06-01", "1767225599")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md; reference_policies_elements_condition_operators.md "Binary condition operators": ForAllValues:BinaryEquals.
			name: "Binary ForAllValues", op: "ForAllValues:BinaryEquals", key: "example:BinaryKey", values: `["QQ==", "Qg=="]`, ctx: []kv{list("example:BinaryKey", "Qg==", "QQ==")}, want: true,
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: ForAnyValue:Bool on a list.
			name: "Bool", op: "ForAnyValue:Bool", key: "example:Flags", values: `"true"`, ctx: []kv{list("example:Flags", "false", "TRUE")}, want: true,
		},
	})
}

// TestConditionBareMultiValued checks iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": a bare operator on a key
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
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": one value: as single-valued.
			name: "one value/Allow positive", op: "StringEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, athena)}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": one value: as single-valued, negated.
			name: "one value/Allow negated", op: "StringNotEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, athena)}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": one value: as single-valued, Deny.
			name: "one value/Deny positive", op: "StringEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, glue)}, deny: true, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes", iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": an empty list is absent: positive false.
			name: "empty list/positive", op: "StringEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key)}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes", iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": an empty list is absent: negated true.
			name: "empty list/negated", op: "StringNotEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key)}, deny: true, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Allow + positive on several values: false, even when every value is listed.
			name: "several/Allow positive all listed", op: "StringEquals", key: key, values: `["athena.amazonaws.com", "dynamodb.amazonaws.com"]`, ctx: []kv{list(key, athena, dynamodb)}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Allow + positive on several values: false (StringLike too).
			name: "several/Allow StringLike", op: "StringLike", key: key, values: `"*"`, ctx: []kv{list(key, athena, dynamodb)}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Allow + negated = ForAnyValue: negated: one value unlisted: true.
			name: "several/Allow negated one unlisted", op: "StringNotEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, athena, glue)}, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Allow + negated = ForAnyValue: negated: every value listed: false.
			name: "several/Allow negated all listed", op: "StringNotEquals", key: key, values: `["athena.amazonaws.com", "glue.amazonaws.com"]`, ctx: []kv{list(key, athena, glue)}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Deny + positive = ForAnyValue: positive: one value listed: true.
			name: "several/Deny positive one listed", op: "StringEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, glue, athena)}, deny: true, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Deny + positive = ForAnyValue: positive: no value listed: false.
			name: "several/Deny positive none listed", op: "StringEquals", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, glue, dynamodb)}, deny: true, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Deny + negated: true, even when every value is listed.
			name: "several/Deny negated all listed", op: "StringNotEquals", key: key, values: `["athena.amazonaws.com", "glue.amazonaws.com"]`, ctx: []kv{list(key, athena, glue)}, deny: true, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Deny + negated: true.
			name: "several/Deny negated none listed", op: "StringNotLike", key: key, values: `"*"`, ctx: []kv{list(key, athena, glue)}, deny: true, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": other families too: Allow + positive NumericEquals on several values: false.
			name: "several/Allow Numeric", op: "NumericEquals", key: "example:Sizes", values: `[1, 2]`, ctx: []kv{list("example:Sizes", "1", "2")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Deny + positive IpAddress on several values: ForAnyValue.
			name: "several/Deny IpAddress", op: "IpAddress", key: "example:Addresses", values: `"203.0.113.0/24"`, ctx: []kv{list("example:Addresses", "192.0.2.1", "203.0.113.1")}, deny: true, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Deny + positive DateGreaterThan on several values: ForAnyValue; a malformed value matches nothing (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes").
			name: "several/Deny Date", op: "DateGreaterThan", key: "example:Times", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{list("example:Times", "never", "2026-06-01")}, deny: true, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Allow + negated DateNotEquals on several values = ForAnyValue: negated.
			name: "several/Allow Date negated", op: "DateNotEquals", key: "example:Times", values: `"2026-01-01T00:00:00Z"`, ctx: []kv{list("example:Times", "1767225600", "2026-01-01")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Allow + positive BinaryEquals on several values: false.
			name: "several/Allow Binary", op: "BinaryEquals", key: "example:BinaryKey", values: `"QQ=="`, ctx: []kv{list("example:BinaryKey", "QQ==", "QQ==")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Deny + positive BinaryEquals on several values: ForAnyValue.
			name: "several/Deny Binary", op: "BinaryEquals", key: "example:BinaryKey", values: `"QQ=="`, ctx: []kv{list("example:BinaryKey", "Qg==", "QQ==")}, deny: true, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Allow + negated ArnNotLike on several values = ForAnyValue; a malformed value would satisfy it
			// (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes"), but issue 8 (docs/limits.md): an Allow never matches on a malformed value.
			name: "several/Allow Arn negated malformed", op: "ArnNotLike", key: "example:Arns", values: `"arn:aws:iam::*:role/*"`, ctx: []kv{list("example:Arns", "arn:aws:iam::1:role/a", "not-an-arn")}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Deny + positive ArnLike on several values: ForAnyValue, field-wise.
			name: "several/Deny Arn", op: "ArnLike", key: "example:Arns", values: `"arn:aws:iam::*:role/*"`, ctx: []kv{list("example:Arns", "arn:aws:iam::1:user/a", "arn:aws:iam::1:role/a")}, deny: true, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Deny + positive Bool on several values: ForAnyValue.
			name: "several/Deny Bool", op: "Bool", key: "example:Flags", values: `"true"`, ctx: []kv{list("example:Flags", "false", "yes")}, deny: true, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": Deny + negated NotIpAddress on several values: true.
			name: "several/Deny NotIpAddress", op: "NotIpAddress", key: "example:Addresses", values: `"0.0.0.0/0"`, ctx: []kv{list("example:Addresses", "192.0.2.1", "203.0.113.1")}, deny: true, want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": the IfExists suffix does not change a present key: Allow + positive false.
			name: "several/Allow IfExists", op: "StringEqualsIfExists", key: key, values: `"athena.amazonaws.com"`, ctx: []kv{list(key, athena, athena)}, want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": a single-valued key (not a list) is read as usual.
			name: "single-valued/Allow positive", op: "StringEquals", key: "aws:username", values: `"alice"`, ctx: []kv{one("aws:username", "alice")}, want: true,
		},
	})
}
