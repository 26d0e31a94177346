package lint

import (
	"testing"
)

// TestVariableBeforeResource checks the variable-before-resource rule:
// "You can't use a variable to replace parts of the ARN before the fifth
// colon, such as the service or account" (IAM User Guide,
// reference_policies_variables.md, "Where you can use policy variables",
// "Resource element").
func TestVariableBeforeResource(t *testing.T) {
	t.Parallel()
	doc := func(st string) string { return `{"Version": "2012-10-17", "Statement": [` + st + `]}` }
	type got struct {
		Path  string
		Level Level
	}
	runRuleCases(t, variableRules, func(f Finding) got { return got{f.Path, f.Level} }, []ruleCase[got]{
		{name: "account in Allow", src: doc(`{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders"}`),
			want: []got{{"Statement[0].Resource[0]", Error}}},
		{name: "Region in Deny", src: doc(`{"Effect": "Deny", "Action": "sqs:*", "Resource": ["arn:aws:sqs:*:*:*", "arn:aws:sqs:${aws:RequestedRegion}:*:x"]}`),
			want: []got{{"Statement[0].Resource[1]", Error}}},
		{name: "NotResource", src: doc(`{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:${aws:PrincipalTag/partition}:s3:::b/*"}`),
			want: []got{{"Statement[0].NotResource[0]", Error}}},
		{name: "after the fifth colon", src: doc(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"}`)},
		{name: "in a condition", src: doc(`{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:*:orders", "Condition": {"StringEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}}}`)},
		{name: "2008 language: no variables", src: `{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders"}}`},
	})
}

// TestVariableBeforeResourceMessages checks that a NotResource entry is
// said to exclude nothing, with what that means for Allow and for Deny,
// and a Resource entry to match nothing.
func TestVariableBeforeResourceMessages(t *testing.T) {
	t.Parallel()
	doc := func(st string) string { return `{"Version": "2012-10-17", "Statement": [` + st + `]}` }
	const why = `AWS does not substitute ${aws:PrincipalAccount} before the fifth colon (only in the resource part of the ARN), so the entry is literal text and `
	message := func(f Finding) string { return f.Message }
	runRuleCases(t, variableRules, message, []ruleCase[string]{
		{name: "Resource", src: doc(`{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders"}`),
			want: []string{`Resource "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders": ` + why + `matches no resource`}},
		{name: "NotResource in an Allow", src: doc(`{"Effect": "Allow", "Action": "sqs:SendMessage", "NotResource": "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders"}`),
			want: []string{`NotResource "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders": ` + why +
				`excludes nothing: the statement applies to every resource, so this Allow grants its actions on all of them`}},
		{name: "NotResource in a Deny", src: doc(`{"Effect": "Deny", "Action": "sqs:*", "NotResource": "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders"}`),
			want: []string{`NotResource "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders": ` + why +
				`excludes nothing: the statement applies to every resource, so this Deny denies its actions on all of them`}},
		{name: "NotResource beside other entries", src: doc(`{"Effect": "Deny", "Action": "sqs:*", "NotResource": ["arn:aws:sqs:*:*:audit", "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders"]}`),
			want: []string{`NotResource "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders": ` + why +
				`excludes nothing: the statement applies to every resource the other NotResource entries do not exclude, so this Deny denies its actions on all of them`}},
	})
}
