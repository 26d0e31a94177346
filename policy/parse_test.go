package policy_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/iamsim/iamsim/policy"
)

// stmt returns a 2012-10-17 policy whose single statement has the given
// members, one per line: line 1 is `{"Version": "2012-10-17", "Statement": {`
// (the statement's brace is 1:40), member i is on line i+2 indented by two
// spaces (its key starts in column 3), and the last line closes both objects.
func stmt(members ...string) string {
	return "{\"Version\": \"2012-10-17\", \"Statement\": {\n  " + strings.Join(members, ",\n  ") + "\n}}"
}

// Statement members used by many cases.
const (
	allow    = `"Effect": "Allow"`
	deny     = `"Effect": "Deny"`
	action   = `"Action": "s3:GetObject"`
	anyRes   = `"Resource": "*"`
	anyPrin  = `"Principal": "*"`
	assume   = `"Action": "sts:AssumeRole"`
	bucket   = `"Resource": "arn:aws:s3:::example-bucket/*"`
	account  = "111122223333"
	rootARN  = "arn:aws:iam::111122223333:root"
	roleARN  = "arn:aws:iam::111122223333:role/Auditor"
	userARN  = "arn:aws:iam::444455556666:user/alice"
	canonID  = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
	samlARN  = "arn:aws:iam::111122223333:saml-provider/ExampleIdP"
	oidcHost = "token.actions.githubusercontent.com"
)

func val(text string) policy.Value { return policy.Value{Text: text} }

func vals(texts ...string) []policy.Value {
	out := make([]policy.Value, len(texts))
	for i, t := range texts {
		out[i] = val(t)
	}
	return out
}

func list(not bool, texts ...string) *policy.List {
	return &policy.List{Not: not, Items: vals(texts...)}
}

func entry(typ policy.PrincipalType, text string) policy.PrincipalEntry {
	return policy.PrincipalEntry{Type: typ, Value: val(text)}
}

func doc12(statements ...*policy.Statement) *policy.Document {
	return &policy.Document{Version: val(policy.Version2012), Statements: statements}
}

// basic is the statement of stmt(allow, action, ...) before its extras.
func basic(effect policy.Effect) *policy.Statement {
	return &policy.Statement{Effect: effect, Action: list(false, "s3:GetObject"), Resource: list(false, "*")}
}

func with(st *policy.Statement, change func(*policy.Statement)) *policy.Statement {
	change(st)
	return st
}

func cond(op policy.Operator, key string, isList bool, values ...string) *policy.Condition {
	return &policy.Condition{Operator: op, Key: val(key), Values: vals(values...), List: isList}
}

// op builds the Operator ParseOperator returns for a valid name.
func op(t *testing.T, text string) policy.Operator {
	t.Helper()
	o, err := policy.ParseOperator(text)
	if err != nil {
		t.Fatalf("ParseOperator(%q): %v", text, err)
	}
	return o
}

// TestParseForms parses every form of every element and compares the model,
// without positions (TestParsePositions checks those).
func TestParseForms(t *testing.T) {
	t.Parallel()
	stringEquals := op(t, "StringEquals")
	tests := []struct {
		name string
		src  string
		kind policy.Kind
		want *policy.Document
	}{
		{
			// reference_policies_grammar.md: <version_block> = "Version" : ("2008-10-17" | "2012-10-17")
			name: "version 2012 and statement object",
			src:  stmt(allow, action, anyRes),
			kind: policy.Identity,
			want: doc12(basic(policy.Allow)),
		},
		{
			name: "version 2008",
			src:  `{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`,
			kind: policy.Identity,
			want: &policy.Document{Version: val(policy.Version2008), Statements: []*policy.Statement{basic(policy.Allow)}},
		},
		{
			// reference_policies_grammar.md: version_block? is optional.
			name: "version absent",
			src:  `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`,
			kind: policy.Identity,
			want: &policy.Document{Statements: []*policy.Statement{basic(policy.Allow)}},
		},
		{
			name: "Id",
			src:  `{"Id": "S3 policy 1", "Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}}`,
			kind: policy.Resource,
			want: &policy.Document{Version: val(policy.Version2012), ID: val("S3 policy 1"), Statements: []*policy.Statement{
				{Effect: policy.Allow, Principal: &policy.Principal{Any: true}, Action: list(false, "s3:GetObject"), Resource: list(false, "*")},
			}},
		},
		{
			// reference_policies_elements_statement.md: "The Statement element can contain a single statement or an array of individual statements."
			name: "statement array",
			src: `{"Version": "2012-10-17", "Statement": [
				{"Sid": "First", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
				{"Sid": "Second", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}`,
			kind: policy.Identity,
			want: doc12(
				&policy.Statement{Index: 0, Sid: val("First"), Effect: policy.Allow, Action: list(false, "s3:GetObject"), Resource: list(false, "*")},
				&policy.Statement{Index: 1, Sid: val("Second"), Effect: policy.Deny, Action: list(false, "s3:DeleteObject"), Resource: list(false, "*")},
			),
		},
		{
			name: "Sid with escapes and Deny",
			src:  stmt(`"Sid": "Deny\u0041ll"`, deny, action, anyRes),
			kind: policy.Identity,
			want: doc12(with(basic(policy.Deny), func(s *policy.Statement) { s.Sid = val("DenyAll") })),
		},
		{
			// reference_policies_grammar.md: "Blocks can appear in any order."
			name: "elements in any order",
			src:  stmt(anyRes, action, deny),
			kind: policy.Identity,
			want: doc12(basic(policy.Deny)),
		},
		{
			name: "Action list",
			src:  stmt(allow, `"Action": ["s3:GetObject", "s3:List*", "*"]`, anyRes),
			kind: policy.Identity,
			want: doc12(with(basic(policy.Allow), func(s *policy.Statement) { s.Action = list(false, "s3:GetObject", "s3:List*", "*") })),
		},
		{
			name: "NotAction string",
			src:  stmt(deny, `"NotAction": "iam:*"`, anyRes),
			kind: policy.Identity,
			want: doc12(with(basic(policy.Deny), func(s *policy.Statement) { s.Action = list(true, "iam:*") })),
		},
		{
			name: "NotAction list",
			src:  stmt(deny, `"NotAction": ["iam:*", "sts:GetSessionToken"]`, anyRes),
			kind: policy.Identity,
			want: doc12(with(basic(policy.Deny), func(s *policy.Statement) { s.Action = list(true, "iam:*", "sts:GetSessionToken") })),
		},
		{
			// access-analyzer-reference-policy-checks.md "Suggestion – Empty array action": a suggestion, not an error.
			name: "empty Action list",
			src:  stmt(allow, `"Action": []`, anyRes),
			kind: policy.Identity,
			want: doc12(with(basic(policy.Allow), func(s *policy.Statement) { s.Action = list(false) })),
		},
		{
			name: "Resource list",
			src:  stmt(allow, action, `"Resource": ["arn:aws:s3:::a", "arn:aws:s3:::a/*"]`),
			kind: policy.Identity,
			want: doc12(with(basic(policy.Allow), func(s *policy.Statement) { s.Resource = list(false, "arn:aws:s3:::a", "arn:aws:s3:::a/*") })),
		},
		{
			name: "NotResource string",
			src:  stmt(deny, action, `"NotResource": "arn:aws:s3:::a/*"`),
			kind: policy.Identity,
			want: doc12(with(basic(policy.Deny), func(s *policy.Statement) { s.Resource = list(true, "arn:aws:s3:::a/*") })),
		},
		{
			name: "NotResource list",
			src:  stmt(deny, action, `"NotResource": ["arn:aws:s3:::a", "arn:aws:s3:::b"]`),
			kind: policy.Identity,
			want: doc12(with(basic(policy.Deny), func(s *policy.Statement) { s.Resource = list(true, "arn:aws:s3:::a", "arn:aws:s3:::b") })),
		},
		{
			// access-analyzer-reference-policy-checks.md MISSING_RESOURCE: "All policies except role trust policies must include a Resource or NotResource element."
			name: "trust statement without Resource",
			src:  stmt(allow, `"Principal": {"Service": "ec2.amazonaws.com"}`, assume),
			kind: policy.Trust,
			want: doc12(&policy.Statement{Effect: policy.Allow, Action: list(false, "sts:AssumeRole"),
				Principal: &policy.Principal{Entries: []policy.PrincipalEntry{entry(policy.PrincipalService, "ec2.amazonaws.com")}}}),
		},
		{
			// reference_policies_elements_principal.md: "Principal": "*" is everyone.
			name: "Principal star",
			src:  stmt(allow, anyPrin, action, anyRes),
			kind: policy.Resource,
			want: doc12(with(basic(policy.Allow), func(s *policy.Statement) { s.Principal = &policy.Principal{Any: true} })),
		},
		{
			name: "Principal AWS account ID string",
			src:  stmt(allow, `"Principal": {"AWS": "`+account+`"}`, action, anyRes),
			kind: policy.Resource,
			want: doc12(with(basic(policy.Allow), func(s *policy.Statement) {
				s.Principal = &policy.Principal{Entries: []policy.PrincipalEntry{entry(policy.PrincipalAWS, account)}}
			})),
		},
		{
			// reference_policies_elements_principal.md: account root, role, assumed-role session, user, federated user ARNs.
			name: "Principal AWS list of ARNs and IDs",
			src: stmt(allow, `"Principal": {"AWS": ["`+rootARN+`", "`+roleARN+`", "`+userARN+`", "arn:aws:sts::111122223333:assumed-role/Auditor/session-1", "arn:aws:sts::111122223333:federated-user/bob", "*", "AROAEXAMPLEID1234567"]}`,
				action, anyRes),
			kind: policy.Resource,
			want: doc12(with(basic(policy.Allow), func(s *policy.Statement) {
				s.Principal = &policy.Principal{Entries: []policy.PrincipalEntry{
					entry(policy.PrincipalAWS, rootARN), entry(policy.PrincipalAWS, roleARN), entry(policy.PrincipalAWS, userARN),
					entry(policy.PrincipalAWS, "arn:aws:sts::111122223333:assumed-role/Auditor/session-1"),
					entry(policy.PrincipalAWS, "arn:aws:sts::111122223333:federated-user/bob"),
					entry(policy.PrincipalAWS, "*"), entry(policy.PrincipalAWS, "AROAEXAMPLEID1234567"),
				}}
			})),
		},
		{
			name: "Principal Service string",
			src:  stmt(allow, `"Principal": {"Service": "sns.amazonaws.com"}`, action, anyRes),
			kind: policy.Resource,
			want: doc12(with(basic(policy.Allow), func(s *policy.Statement) {
				s.Principal = &policy.Principal{Entries: []policy.PrincipalEntry{entry(policy.PrincipalService, "sns.amazonaws.com")}}
			})),
		},
		{
			// reference_policies_elements_principal.md: "Principal": { "Service": [ "ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com" ] }
			name: "Principal Service list",
			src:  stmt(allow, `"Principal": {"Service": ["ecs.amazonaws.com", "s3.ap-east-1.amazonaws.com"]}`, assume),
			kind: policy.Trust,
			want: doc12(&policy.Statement{Effect: policy.Allow, Action: list(false, "sts:AssumeRole"), Principal: &policy.Principal{Entries: []policy.PrincipalEntry{
				entry(policy.PrincipalService, "ecs.amazonaws.com"), entry(policy.PrincipalService, "s3.ap-east-1.amazonaws.com"),
			}}}),
		},
		{
			name: "Principal Federated string",
			src:  stmt(allow, `"Principal": {"Federated": "`+samlARN+`"}`, `"Action": "sts:AssumeRoleWithSAML"`),
			kind: policy.Trust,
			want: doc12(&policy.Statement{Effect: policy.Allow, Action: list(false, "sts:AssumeRoleWithSAML"),
				Principal: &policy.Principal{Entries: []policy.PrincipalEntry{entry(policy.PrincipalFederated, samlARN)}}}),
		},
		{
			name: "Principal Federated list",
			src:  stmt(allow, `"Principal": {"Federated": ["accounts.google.com", "arn:aws:iam::111122223333:oidc-provider/`+oidcHost+`"]}`, `"Action": "sts:AssumeRoleWithWebIdentity"`),
			kind: policy.Trust,
			want: doc12(&policy.Statement{Effect: policy.Allow, Action: list(false, "sts:AssumeRoleWithWebIdentity"), Principal: &policy.Principal{Entries: []policy.PrincipalEntry{
				entry(policy.PrincipalFederated, "accounts.google.com"), entry(policy.PrincipalFederated, "arn:aws:iam::111122223333:oidc-provider/"+oidcHost),
			}}}),
		},
		{
			// reference_policies_elements_principal.md: "Principal": { "CanonicalUser": "79a59df9...ef2be" }
			name: "Principal CanonicalUser string",
			src:  stmt(allow, `"Principal": {"CanonicalUser": "`+canonID+`"}`, action, anyRes),
			kind: policy.Resource,
			want: doc12(with(basic(policy.Allow), func(s *policy.Statement) {
				s.Principal = &policy.Principal{Entries: []policy.PrincipalEntry{entry(policy.PrincipalCanonicalUser, canonID)}}
			})),
		},
		{
			name: "Principal CanonicalUser list and several types",
			src:  stmt(allow, `"Principal": {"CanonicalUser": ["`+canonID+`"], "AWS": "`+account+`", "Service": "s3.amazonaws.com"}`, action, anyRes),
			kind: policy.Resource,
			want: doc12(with(basic(policy.Allow), func(s *policy.Statement) {
				s.Principal = &policy.Principal{Entries: []policy.PrincipalEntry{
					entry(policy.PrincipalCanonicalUser, canonID), entry(policy.PrincipalAWS, account), entry(policy.PrincipalService, "s3.amazonaws.com"),
				}}
			})),
		},
		{
			// reference_policies_elements_notprincipal.md: NotPrincipal with Deny.
			name: "NotPrincipal with Deny",
			src:  stmt(deny, `"NotPrincipal": {"AWS": ["`+roleARN+`", "`+account+`"]}`, action, anyRes),
			kind: policy.Resource,
			want: doc12(with(basic(policy.Deny), func(s *policy.Statement) {
				s.Principal = &policy.Principal{Not: true, Entries: []policy.PrincipalEntry{entry(policy.PrincipalAWS, roleARN), entry(policy.PrincipalAWS, account)}}
			})),
		},
		{
			name: "RCP Principal AWS star",
			src:  stmt(deny, `"Principal": {"AWS": "*"}`, action, anyRes),
			kind: policy.RCP,
			want: doc12(with(basic(policy.Deny), func(s *policy.Statement) {
				s.Principal = &policy.Principal{Entries: []policy.PrincipalEntry{entry(policy.PrincipalAWS, "*")}}
			})),
		},
		{
			name: "Condition string value",
			src:  stmt(allow, action, anyRes, `"Condition": {"StringEquals": {"aws:username": "alice"}}`),
			kind: policy.Identity,
			want: doc12(with(basic(policy.Allow), func(s *policy.Statement) {
				s.Conditions = []*policy.Condition{cond(stringEquals, "aws:username", false, "alice")}
			})),
		},
		{
			// reference_policies_grammar.md: "Quotation marks are optional for numeric and Boolean values."
			name: "Condition number and bool values keep their text",
			src:  stmt(allow, action, anyRes, `"Condition": {"NumericLessThanEquals": {"s3:max-keys": 10}, "Bool": {"aws:SecureTransport": false}, "NumericGreaterThan": {"s3:x": -2.50}}`),
			kind: policy.Identity,
			want: doc12(with(basic(policy.Allow), func(s *policy.Statement) {
				s.Conditions = []*policy.Condition{
					cond(op(t, "NumericLessThanEquals"), "s3:max-keys", false, "10"),
					cond(op(t, "Bool"), "aws:SecureTransport", false, "false"),
					cond(op(t, "NumericGreaterThan"), "s3:x", false, "-2.50"),
				}
			})),
		},
		{
			name: "Condition lists, several keys and operators in source order",
			src: stmt(allow, action, anyRes, `"Condition": {
    "ForAllValues:StringEqualsIgnoreCase": {"aws:TagKeys": ["a", "B"], "aws:CalledVia": []},
    "NotIpAddressIfExists": {"aws:SourceIp": ["203.0.113.0/24", "2001:DB8::/32"]},
    "ForAnyValue:NumericEquals": {"s3:x": [1, "2", 3.50]}}`),
			kind: policy.Identity,
			want: doc12(with(basic(policy.Allow), func(s *policy.Statement) {
				s.Conditions = []*policy.Condition{
					cond(op(t, "ForAllValues:StringEqualsIgnoreCase"), "aws:TagKeys", true, "a", "B"),
					{Operator: op(t, "ForAllValues:StringEqualsIgnoreCase"), Key: val("aws:CalledVia"), List: true},
					cond(op(t, "NotIpAddressIfExists"), "aws:SourceIp", true, "203.0.113.0/24", "2001:DB8::/32"),
					cond(op(t, "ForAnyValue:NumericEquals"), "s3:x", true, "1", "2", "3.50"),
				}
			})),
		},
		{
			// reference_policies_elements_version.md: under 2008-10-17 "variables such as ${aws:username} aren't recognized as variables and are instead treated as literal strings".
			name: "variables are literal under 2008-10-17",
			src:  `{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username", "Condition": {"StringLike": {"s3:prefix": "${}"}}}}`,
			kind: policy.Identity,
			want: &policy.Document{Version: val(policy.Version2008), Statements: []*policy.Statement{
				{Effect: policy.Allow, Action: list(false, "s3:GetObject"), Resource: list(false, "arn:aws:s3:::b/${aws:username"),
					Conditions: []*policy.Condition{cond(op(t, "StringLike"), "s3:prefix", false, "${}")}},
			}},
		},
		{
			name: "federation condition key with a host prefix",
			src:  stmt(allow, `"Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/`+oidcHost+`"}`, `"Action": "sts:AssumeRoleWithWebIdentity"`, `"Condition": {"StringLike": {"`+oidcHost+`:sub": "repo:org/*"}}`),
			kind: policy.Trust,
			want: doc12(&policy.Statement{Effect: policy.Allow, Action: list(false, "sts:AssumeRoleWithWebIdentity"),
				Principal:  &policy.Principal{Entries: []policy.PrincipalEntry{entry(policy.PrincipalFederated, "arn:aws:iam::111122223333:oidc-provider/"+oidcHost)}},
				Conditions: []*policy.Condition{cond(op(t, "StringLike"), oidcHost+":sub", false, "repo:org/*")}}),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := policy.Parse("test.json", []byte(tc.src), tc.kind)
			if err != nil {
				t.Fatalf("Parse: unexpected error:\n%v", err)
			}
			want := tc.want
			want.Name, want.Kind = "test.json", tc.kind
			if diff := cmp.Diff(want, got, cmpopts.IgnoreTypes(policy.Pos{}), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func at(line, col int) policy.Pos { return policy.Pos{File: "pos.json", Line: line, Col: col} }

// vat is a string value at line:col written without escapes, so that its
// token ends just past the closing quote.
func vat(text string, line, col int) policy.Value {
	return policy.Value{Text: text, Pos: at(line, col), End: at(line, col+utf8.RuneCountInString(text)+2)}
}

// TestParsePositions checks every recorded position of a few documents.
// Columns count characters: a tab and a multi-byte character are one column
// each (docs/errors.md: "the column counts characters (Unicode code points),
// so a tab or an é is one column").
func TestParsePositions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		kind policy.Kind
		want *policy.Document
	}{
		{
			name: "tabs and multi-byte characters",
			src: "{\n" +
				"\t\"Version\": \"2012-10-17\", \"Id\": \"añb\",\n" +
				"\t\"Statement\": [{\"Sid\": \"ü\", \"Effect\": \"Allow\", \"Action\": [\"s3:Get*\"], \"Resource\": \"*\",\n" +
				"\t\t\"Condition\": {\"StringEquals\": {\"aws:username\": [\"élan\", \"bob\"]}}}]\n" +
				"}\n",
			kind: policy.Identity,
			want: &policy.Document{
				Name: "pos.json", Kind: policy.Identity, Pos: at(1, 1),
				Version: vat("2012-10-17", 2, 13), ID: vat("añb", 2, 33),
				Statements: []*policy.Statement{{
					Pos: at(3, 16), End: at(4, 67), Sid: vat("ü", 3, 24), Effect: policy.Allow, EffectPos: at(3, 39),
					Action:   &policy.List{Pos: at(3, 48), Items: []policy.Value{vat("s3:Get*", 3, 59)}},
					Resource: &policy.List{Pos: at(3, 71), Items: []policy.Value{vat("*", 3, 83)}},
					Conditions: []*policy.Condition{{
						Operator: op(t, "StringEquals"), OperatorPos: at(4, 17),
						Key: vat("aws:username", 4, 34), Values: []policy.Value{vat("élan", 4, 51), vat("bob", 4, 59)}, List: true,
					}},
				}},
			},
		},
		{
			name: "CRLF line ends and principals",
			src: "{\"Version\": \"2012-10-17\",\r\n" +
				"\"Statement\": [\r\n" +
				"  {\"Effect\": \"Deny\",\r\n" +
				"   \"NotPrincipal\": {\"AWS\": [\"111122223333\", \"" + roleARN + "\"]},\r\n" +
				"   \"NotAction\": \"s3:*\", \"NotResource\": [\"arn:aws:s3:::b\"]},\r\n" +
				"  {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}\r\n" +
				"]}",
			kind: policy.Resource,
			want: &policy.Document{
				Name: "pos.json", Kind: policy.Resource, Pos: at(1, 1),
				Version: vat("2012-10-17", 1, 13),
				Statements: []*policy.Statement{
					{
						Index: 0, Pos: at(3, 3), End: at(5, 58), Effect: policy.Deny, EffectPos: at(3, 14),
						Principal: &policy.Principal{Not: true, Pos: at(4, 4), Entries: []policy.PrincipalEntry{
							{Type: policy.PrincipalAWS, Value: vat("111122223333", 4, 29)},
							{Type: policy.PrincipalAWS, Value: vat(roleARN, 4, 45)},
						}},
						Action:   &policy.List{Not: true, Pos: at(5, 4), Items: []policy.Value{vat("s3:*", 5, 17)}},
						Resource: &policy.List{Not: true, Pos: at(5, 25), Items: []policy.Value{vat("arn:aws:s3:::b", 5, 41)}},
					},
					{
						Index: 1, Pos: at(6, 3), End: at(6, 82), Effect: policy.Allow, EffectPos: at(6, 14),
						Principal: &policy.Principal{Pos: at(6, 23), Any: true},
						Action:    &policy.List{Pos: at(6, 41), Items: []policy.Value{vat("s3:GetObject", 6, 51)}},
						Resource:  &policy.List{Pos: at(6, 67), Items: []policy.Value{vat("*", 6, 79)}},
					},
				},
			},
		},
		{
			// End is the statement's closing brace, wherever it stands; a
			// brace inside a string does not end the statement.
			name: "statements end on their own line and after braces in strings",
			src: "{\n" +
				"    \"Version\": \"2012-10-17\",\n" +
				"    \"Statement\": [\n" +
				"        {\n" +
				"            \"Sid\": \"A}\",\n" +
				"            \"Effect\": \"Allow\",\n" +
				"            \"Action\": \"s3:GetObject\",\n" +
				"            \"Resource\": \"arn:aws:s3:::b/}\"\n" +
				"        },\n" +
				"        {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\"}\n" +
				"    ]\n" +
				"}\n",
			kind: policy.Identity,
			want: &policy.Document{
				Name: "pos.json", Kind: policy.Identity, Pos: at(1, 1),
				Version: vat("2012-10-17", 2, 16),
				Statements: []*policy.Statement{
					{
						Index: 0, Pos: at(4, 9), End: at(9, 9), Sid: vat("A}", 5, 20), Effect: policy.Allow, EffectPos: at(6, 23),
						Action:   &policy.List{Pos: at(7, 13), Items: []policy.Value{vat("s3:GetObject", 7, 23)}},
						Resource: &policy.List{Pos: at(8, 13), Items: []policy.Value{vat("arn:aws:s3:::b/}", 8, 25)}},
					},
					{
						Index: 1, Pos: at(10, 9), End: at(10, 61), Effect: policy.Deny, EffectPos: at(10, 20),
						Action:   &policy.List{Pos: at(10, 28), Items: []policy.Value{vat("s3:*", 10, 38)}},
						Resource: &policy.List{Pos: at(10, 46), Items: []policy.Value{vat("*", 10, 58)}},
					},
				},
			},
		},
		{
			name: "leading white space before the root",
			src:  "\n\n  \t{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}",
			kind: policy.Identity,
			want: &policy.Document{
				Name: "pos.json", Kind: policy.Identity, Pos: at(3, 4),
				Statements: []*policy.Statement{{
					Pos: at(3, 18), End: at(3, 68), Effect: policy.Allow, EffectPos: at(3, 29),
					Action:   &policy.List{Pos: at(3, 38), Items: []policy.Value{vat("*", 3, 48)}},
					Resource: &policy.List{Pos: at(3, 53), Items: []policy.Value{vat("*", 3, 65)}},
				}},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := policy.Parse("pos.json", []byte(tc.src), tc.kind)
			if err != nil {
				t.Fatalf("Parse: unexpected error:\n%v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDocumentHasVariables(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		version string // the Version member, or "" for none
		want    bool
	}{
		{name: "2012-10-17", version: `"Version": "2012-10-17", `, want: true},
		{name: "2008-10-17", version: `"Version": "2008-10-17", `, want: false},
		{name: "absent", version: "", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := `{` + tc.version + `"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`
			doc, err := policy.Parse("v.json", []byte(src), policy.Identity)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := doc.HasVariables(); got != tc.want {
				t.Errorf("HasVariables() = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestParseReturnsDocumentWithErrors checks that a valid JSON document with
// policy problems is still returned, for a linter to go on with.
func TestParseReturnsDocumentWithErrors(t *testing.T) {
	t.Parallel()
	doc, err := policy.Parse("d.json", []byte(stmt(`"Effect": "allow"`, action, anyRes)), policy.Identity)
	if err == nil {
		t.Fatal("Parse: no error for Effect \"allow\"")
	}
	if doc == nil || len(doc.Statements) != 1 {
		t.Fatalf("Parse returned %+v, want a document with one statement", doc)
	}
	for _, src := range []string{"", "{", `"text"`} {
		if doc, _ := policy.Parse("d.json", []byte(src), policy.Identity); doc != nil {
			t.Errorf("Parse(%q) returned a document, want nil", src)
		}
	}
}

func TestEffectString(t *testing.T) {
	t.Parallel()
	got := []string{policy.Allow.String(), policy.Deny.String(), policy.Effect(0).String()}
	if diff := cmp.Diff([]string{"Allow", "Deny", "?"}, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestParseEmbedded reads a policy that stands inside a larger file, as in
// an account export: positions, problems and their source lines are the
// file's.
func TestParseEmbedded(t *testing.T) {
	t.Parallel()
	file := "{\"RoleDetailList\": [{\n" +
		"  \"RoleName\": \"deploy\",\n" +
		"  \"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\",\n" +
		"    \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Resource\": \"*\"}]}\n" +
		"}]}\n"
	start := strings.Index(file, "{\"Version\"")
	end := strings.Index(file, "]}\n}") + 2
	doc, err := policy.ParseEmbedded("pos.json", []byte(file), start, end, policy.Trust)
	var list policy.ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("err = %v, want one problem (Resource in a trust policy)", err)
	}
	got := list[0]
	if got.Pos != at(4, 114) || got.Code != policy.CodeNotAllowedForKind || !strings.Contains(got.Line, `"Resource": "*"`) {
		t.Errorf("problem = %v at %v, line %q; want E018 at 4:114 on the statement's line", got, got.Pos, got.Line)
	}
	if doc == nil || doc.Pos != at(3, 31) || doc.Version != vat("2012-10-17", 3, 43) || doc.Statements[0].Pos != at(4, 19) {
		t.Errorf("document positions: %+v", doc)
	}
}
