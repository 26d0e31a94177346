package matcher_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestEvalDoesNotAllocate checks that the hot path allocates nothing
// (STYLE.md "Without Trace the hot path allocates nothing"; package doc:
// "evaluating a request does no JSON work and allocates nothing").
//
// It does not call t.Parallel: testing.AllocsPerRun counts the
// allocations of the whole process.
func TestEvalDoesNotAllocate(t *testing.T) {
	ctx := newContext(
		one("aws:username", "alice"),
		one("s3:prefix", "home/alice/projects/"),
		one("s3:max-keys", "100"),
		one("aws:CurrentTime", "2026-03-01T12:00:00Z"),
		one("aws:EpochTime", "1772366400"),
		one("aws:TokenIssueTime", "2026-03-01T11:00:00+01:00"),
		one("aws:SourceIp", "203.0.113.7"),
		one("example:SourceIpv6", "2001:db8:1234:5678::7"),
		one("aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice"),
		one("aws:SecureTransport", "true"),
		one("aws:PrincipalTag/secure", "True"),
		one("example:BinaryKey", "QmluYXJ5VmFsdWVJbkJhc2U2NA=="),
		list("aws:TagKeys", "environment", "cost-center"),
	)
	conditions := []struct {
		name   string
		op     string
		key    string
		values string
		want   bool
	}{
		// reference_policies_variables.md; reference_policies_elements_condition_operators.md "String condition operators": StringLike with a variable.
		{name: "StringLike with variable", op: "StringLike", key: "s3:prefix", values: `["", "home/${aws:username}/*"]`, want: true},
		// reference_policies_variables.md; reference_policies_elements_condition_operators.md: StringEquals with a variable.
		{name: "StringEquals with variable", op: "StringEquals", key: "s3:prefix", values: `"home/${aws:username}/projects/"`, want: true},
		// reference_policies_variables.md; reference_policies_elements_condition_operators.md: StringNotEquals with a variable.
		{name: "StringNotEquals with variable", op: "StringNotEquals", key: "s3:prefix", values: `"home/${aws:username}/"`, want: true},
		// reference_policies_variables.md; reference_policies_elements_condition_operators.md: StringEqualsIgnoreCase with a variable.
		{name: "StringEqualsIgnoreCase with variable", op: "StringEqualsIgnoreCase", key: "s3:prefix", values: `"HOME/${aws:username}/Projects/"`, want: true},
		// reference_policies_elements_condition_operators.md "Numeric condition operators".
		{name: "Numeric", op: "NumericLessThanEquals", key: "s3:max-keys", values: `[10, 100.0]`, want: true},
		// reference_policies_elements_condition_operators.md "Date condition operators": an ISO 8601 request value with Z.
		{name: "Date ISO", op: "DateGreaterThan", key: "aws:CurrentTime", values: `"2026-01-01T00:00:00Z"`, want: true},
		// reference_policies_elements_condition_operators.md "Date condition operators": an ISO 8601 request value with an offset.
		{name: "Date offset", op: "DateLessThan", key: "aws:TokenIssueTime", values: `"2026-03-01T12:00:00Z"`, want: true},
		// reference_policies_elements_condition_operators.md "Date condition operators": epoch seconds.
		{name: "Date epoch", op: "DateLessThan", key: "aws:EpochTime", values: `"2027-01-01"`, want: true},
		// reference_policies_elements_condition_operators.md "IP address condition operators": IPv4.
		{name: "IP v4", op: "IpAddress", key: "aws:SourceIp", values: `["2001:DB8::/32", "203.0.113.0/24"]`, want: true},
		// reference_policies_elements_condition_operators.md "IP address condition operators": IPv6.
		{name: "IP v6", op: "NotIpAddress", key: "example:SourceIpv6", values: `"2001:db8:1234:5678::/64"`, want: false},
		// reference_policies_elements_condition_operators.md "Amazon Resource Name (ARN) condition operators" with a variable.
		{name: "Arn with variable", op: "ArnLike", key: "aws:PrincipalArn", values: `"arn:aws:iam::*:user/${aws:username}"`, want: true},
		// reference_policies_elements_condition_operators.md "Amazon Resource Name (ARN) condition operators" without variables.
		{name: "Arn", op: "ArnNotEquals", key: "aws:PrincipalArn", values: `"arn:aws:iam::111122223333:role/*"`, want: true},
		// reference_policies_elements_condition_operators.md "Boolean condition operators".
		{name: "Bool", op: "Bool", key: "aws:SecureTransport", values: `true`, want: true},
		// reference_policies_elements_condition_operators.md "Boolean condition operators": "Policy variables – Supported" (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes").
		{name: "Bool with variable", op: "Bool", key: "aws:SecureTransport", values: `"${aws:PrincipalTag/secure}"`, want: true},
		// reference_policies_elements_condition_operators.md "Binary condition operators".
		{name: "Binary", op: "BinaryEquals", key: "example:BinaryKey", values: `"QmluYXJ5VmFsdWVJbkJhc2U2NA=="`, want: true},
		// reference_policies_elements_condition_operators.md "Condition operator to check existence of condition keys".
		{name: "Null", op: "Null", key: "aws:MultiFactorAuthPresent", values: `true`, want: true},
		// reference_policies_condition-single-vs-multi-valued-context-keys.md: a set operator over a list.
		{name: "ForAllValues", op: "ForAllValues:StringLike", key: "aws:TagKeys", values: `["env*", "cost-*"]`, want: true},
		// reference_policies_condition-single-vs-multi-valued-context-keys.md: ForAnyValue over a list.
		{name: "ForAnyValue", op: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: `"owner"`, want: false},
		// reference_policies_condition-single-vs-multi-valued-context-keys.md: ForAnyValue, one value matches.
		{name: "ForAnyValue match", op: "ForAnyValue:StringNotLike", key: "aws:TagKeys", values: `"env*"`, want: true},
		// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": a bare operator over a list.
		{name: "choice/bare operator on several values", op: "StringEquals", key: "aws:TagKeys", values: `"owner"`, want: false},
	}
	for _, tt := range conditions {
		t.Run("Condition/"+tt.name, func(t *testing.T) {
			c := compileCondition(t, v2012, tt.op, tt.key, tt.values)
			if diff := cmp.Diff(tt.want, c.Eval(ctx, policy.Deny)); diff != "" {
				t.Fatalf("Eval mismatch (-want +got):\n%s", diff)
			}
			if got := testing.AllocsPerRun(100, func() { c.Eval(ctx, policy.Deny) }); got != 0 {
				t.Errorf("Eval allocates %v times per run, want 0", got)
			}
		})
	}

	st := compileStatement(t, v2012, `"Action": ["s3:Get*Tagging", "s3:List*", "s3:GetObject"], "Resource": ["arn:aws:s3:::bucket/public/*", "arn:aws:s3:::bucket/home/${aws:username}/*"]`)
	t.Run("ActionMatcher.Match", func(t *testing.T) {
		// reference_policies_elements_action.md: case-insensitive wildcard names.
		if diff := cmp.Diff(true, st.Action.Match("s3", "getobjecttagging")); diff != "" {
			t.Fatalf("Match mismatch (-want +got):\n%s", diff)
		}
		if got := testing.AllocsPerRun(100, func() { st.Action.Match("s3", "getobjecttagging") }); got != 0 {
			t.Errorf("ActionMatcher.Match allocates %v times per run, want 0", got)
		}
	})
	t.Run("ResourceMatcher.Match with variable", func(t *testing.T) {
		// reference_policies_variables.md: ${aws:username} in Resource.
		const object = "arn:aws:s3:::bucket/home/alice/projects/plan.txt"
		if diff := cmp.Diff(true, st.Resource.Match(object, ctx)); diff != "" {
			t.Fatalf("Match mismatch (-want +got):\n%s", diff)
		}
		if got := testing.AllocsPerRun(100, func() { st.Resource.Match(object, ctx) }); got != 0 {
			t.Errorf("ResourceMatcher.Match allocates %v times per run, want 0", got)
		}
	})
}
