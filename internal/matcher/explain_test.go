package matcher_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/policy"
)

// traceView is the part of a ConditionTrace these tests compare.
type traceView struct {
	Operator      string
	Key           string
	Present       bool
	RequestValues []string
	PolicyValues  []string
	Unresolved    []string
	Malformed     []string
	Result        bool
}

func viewOf(tr *matcher.ConditionTrace) traceView {
	return traceView{
		Operator:      tr.Operator,
		Key:           tr.Key,
		Present:       tr.Present,
		RequestValues: tr.RequestValues,
		PolicyValues:  tr.PolicyValues,
		Unresolved:    tr.Unresolved,
		Malformed:     tr.Malformed,
		Result:        tr.Result,
	}
}

func TestConditionExplain(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		version string // 2012-10-17 unless set
		op      string
		key     string
		values  string
		ctx     []kv
		deny    bool
		want    traceView
	}{
		{
			// What the explanation must show: "for each condition key: operator, request value(s) or "absent", policy value(s) after substitution, result"; reference_policies_elements_condition_operators.md: positive, absent: false.
			name: "absent key", op: "StringEquals", key: "AWS:UserName", values: `"alice"`,
			want: traceView{Operator: "StringEquals", Key: "AWS:UserName", PolicyValues: []string{"alice"}},
		},
		{
			// reference_policies_elements_condition_operators.md: StringEquals on a present value.
			name: "present", op: "StringEquals", key: "aws:username", values: `["bob", "alice"]`, ctx: []kv{one("aws:username", "alice")},
			want: traceView{Operator: "StringEquals", Key: "aws:username", Present: true, RequestValues: []string{"alice"}, PolicyValues: []string{"bob", "alice"}, Result: true},
		},
		{
			// Policy values after substitution (reference_policies_variables.md).
			name: "substituted", op: "StringLike", key: "s3:prefix", values: `["home/${aws:username}/*", "public/*"]`, ctx: []kv{one("aws:username", "alice"), one("s3:prefix", "home/alice/x")},
			want: traceView{Operator: "StringLike", Key: "s3:prefix", Present: true, RequestValues: []string{"home/alice/x"}, PolicyValues: []string{"home/alice/*", "public/*"}, Result: true},
		},
		{
			// reference_policies_variables.md "Policy variables with no value"; iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": the unresolved value is listed and shown as written; the other still counts.
			name: "unresolved", op: "StringLike", key: "s3:prefix", values: `["home/${aws:username}/*", "public/*"]`, ctx: []kv{one("s3:prefix", "public/x")},
			want: traceView{Operator: "StringLike", Key: "s3:prefix", Present: true, RequestValues: []string{"public/x"}, PolicyValues: []string{"home/${aws:username}/*", "public/*"}, Unresolved: []string{"home/${aws:username}/*"}, Result: true},
		},
		{
			// reference_policies_variables.md "Specifying default values": the default is the substituted value.
			name: "default", op: "StringEquals", key: "s3:prefix", values: `"${aws:PrincipalTag/team, 'company-wide'}/"`, ctx: []kv{one("s3:prefix", "company-wide/")},
			want: traceView{Operator: "StringEquals", Key: "s3:prefix", Present: true, RequestValues: []string{"company-wide/"}, PolicyValues: []string{"company-wide/"}, Result: true},
		},
		{
			// reference_policies_elements_version.md: under 2008-10-17 the variable stays literal and is not unresolved.
			name: "2008 literal", version: v2008, op: "StringEquals", key: "s3:prefix", values: `"home/${aws:username}/"`, ctx: []kv{one("s3:prefix", "home/alice/"), one("aws:username", "alice")},
			want: traceView{Operator: "StringEquals", Key: "s3:prefix", Present: true, RequestValues: []string{"home/alice/"}, PolicyValues: []string{"home/${aws:username}/"}},
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": a malformed request value is flagged; positive false.
			name: "malformed positive", op: "NumericLessThan", key: "s3:max-keys", values: `10`, ctx: []kv{one("s3:max-keys", "10abc")},
			want: traceView{Operator: "NumericLessThan", Key: "s3:max-keys", Present: true, RequestValues: []string{"10abc"}, PolicyValues: []string{"10"}, Malformed: []string{"10abc"}},
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": a malformed request value is flagged; negated true.
			name: "malformed negated", op: "NotIpAddress", key: "aws:SourceIp", values: `"203.0.113.0/24"`, ctx: []kv{one("aws:SourceIp", "bogus")}, deny: true,
			want: traceView{Operator: "NotIpAddress", Key: "aws:SourceIp", Present: true, RequestValues: []string{"bogus"}, PolicyValues: []string{"203.0.113.0/24"}, Malformed: []string{"bogus"}, Result: true},
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": a malformed ARN value.
			name: "malformed ARN", op: "ArnLike", key: "aws:SourceArn", values: `"arn:aws:sns:*:*:*"`, ctx: []kv{one("aws:SourceArn", "topic")},
			want: traceView{Operator: "ArnLike", Key: "aws:SourceArn", Present: true, RequestValues: []string{"topic"}, PolicyValues: []string{"arn:aws:sns:*:*:*"}, Malformed: []string{"topic"}},
		},
		{
			// reference_policies_elements_condition_operators.md ARN operators; reference_policies_variables.md: the ARN value after substitution.
			name: "ARN substituted", op: "ArnLike", key: "aws:PrincipalArn", values: `"arn:aws:iam::111122223333:user/${aws:username}"`, ctx: []kv{one("aws:username", "alice"), one("aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice")},
			want: traceView{Operator: "ArnLike", Key: "aws:PrincipalArn", Present: true, RequestValues: []string{"arn:aws:iam::111122223333:user/alice"}, PolicyValues: []string{"arn:aws:iam::111122223333:user/alice"}, Result: true},
		},
		{
			// reference_policies_variables.md "Policy variables with no value": an unresolved ARN value is shown as written.
			name: "ARN unresolved", op: "ArnLike", key: "aws:PrincipalArn", values: `"arn:aws:iam::111122223333:user/${aws:username}"`, ctx: []kv{one("aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice")},
			want: traceView{Operator: "ArnLike", Key: "aws:PrincipalArn", Present: true, RequestValues: []string{"arn:aws:iam::111122223333:user/alice"}, PolicyValues: []string{"arn:aws:iam::111122223333:user/${aws:username}"}, Unresolved: []string{"arn:aws:iam::111122223333:user/${aws:username}"}},
		},
		{
			// reference_policies_variables.md: a multi-valued key leaves the variable unresolved; the ARN value is shown as written, default and ${*} included.
			name: "ARN unresolved as written", op: "ArnNotLike", key: "aws:SourceArn", values: `"arn:aws:s3:::b/${*}/${aws:PrincipalTag/team, 'all'}"`, ctx: []kv{list("aws:PrincipalTag/team", "a", "b"), one("aws:SourceArn", "arn:aws:s3:::b/*/all")},
			want: traceView{Operator: "ArnNotLike", Key: "aws:SourceArn", Present: true, RequestValues: []string{"arn:aws:s3:::b/*/all"}, PolicyValues: []string{"arn:aws:s3:::b/${*}/${aws:PrincipalTag/team, 'all'}"}, Unresolved: []string{"arn:aws:s3:::b/${*}/${aws:PrincipalTag/team, 'all'}"}, Result: true},
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": an empty list is shown as absent.
			name: "empty list", op: "ForAnyValue:StringEquals", key: "aws:TagKeys", values: `"env"`, ctx: []kv{list("aws:TagKeys")},
			want: traceView{Operator: "ForAnyValue:StringEquals", Key: "aws:TagKeys", PolicyValues: []string{"env"}},
		},
		{
			// reference_policies_condition-single-vs-multi-valued-context-keys.md: the request's list is shown; ForAllValues fails on the malformed value (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes").
			name: "set operator", op: "ForAllValues:NumericLessThan", key: "example:Sizes", values: `10`, ctx: []kv{list("example:Sizes", "1", "x")},
			want: traceView{Operator: "ForAllValues:NumericLessThan", Key: "example:Sizes", Present: true, RequestValues: []string{"1", "x"}, PolicyValues: []string{"10"}, Malformed: []string{"x"}},
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": several values under a bare operator.
			name: "choice/bare operator on several values", op: "StringEquals", key: "aws:CalledVia", values: `"athena.amazonaws.com"`, ctx: []kv{list("aws:CalledVia", "athena.amazonaws.com", "glue.amazonaws.com")}, deny: true,
			want: traceView{Operator: "StringEquals", Key: "aws:CalledVia", Present: true, RequestValues: []string{"athena.amazonaws.com", "glue.amazonaws.com"}, PolicyValues: []string{"athena.amazonaws.com"}, Result: true},
		},
		{
			// reference_policies_elements_condition_operators.md "Condition operator to check existence of condition keys": Null true on an absent key.
			name: "Null absent", op: "Null", key: "aws:TokenIssueTime", values: `true`,
			want: traceView{Operator: "Null", Key: "aws:TokenIssueTime", PolicyValues: []string{"true"}, Result: true},
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": a Bool value with a variable, substituted.
			name: "Bool substituted", op: "Bool", key: "aws:SecureTransport", values: `"${aws:PrincipalTag/secure}"`, ctx: []kv{one("aws:PrincipalTag/secure", "true"), one("aws:SecureTransport", "TRUE")},
			want: traceView{Operator: "Bool", Key: "aws:SecureTransport", Present: true, RequestValues: []string{"TRUE"}, PolicyValues: []string{"true"}, Result: true},
		},
		{
			// reference_policies_elements_condition_operators.md ...IfExists: absent → true.
			name: "IfExists absent", op: "DateLessThanIfExists", key: "aws:CurrentTime", values: `"2026-01-01"`,
			want: traceView{Operator: "DateLessThanIfExists", Key: "aws:CurrentTime", PolicyValues: []string{"2026-01-01"}, Result: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			version := tt.version
			if version == "" {
				version = v2012
			}
			effect := policy.Allow
			if tt.deny {
				effect = policy.Deny
			}
			c := compileCondition(t, version, tt.op, tt.key, tt.values)
			ctx := newContext(tt.ctx...)
			tr := c.Explain(ctx, effect)
			if diff := cmp.Diff(tt.want, viewOf(tr), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Explain mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(c.Eval(ctx, effect), tr.Result); diff != "" {
				t.Errorf("Explain(...).Result disagrees with Eval (-want +got):\n%s", diff)
			}
			if !tr.Present && tr.Rule == matcher.RuleValue {
				t.Errorf("Explain: the rule is RuleValue for an absent key")
			}
			if diff := cmp.Diff(c.Source.Key.Pos, tr.Pos); diff != "" {
				t.Errorf("Explain: Pos mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
