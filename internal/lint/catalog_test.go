package lint

import (
	"slices"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// catFinding is what the catalog tests compare of a finding.
type catFinding struct {
	Level      string
	Path       string
	Message    string
	Suggestion string
}

func catFindingOf(f Finding) catFinding {
	return catFinding{f.Level.String(), f.Path, f.Message, f.Suggestion}
}

// catPolicy wraps statements, given as JSON objects, in a policy.
func catPolicy(statements ...string) string {
	return `{"Version": "2012-10-17", "Statement": [` + strings.Join(statements, ",") + `]}`
}

type catCase = ruleCase[catFinding]

func runCatalogCases(t *testing.T, rule string, tests []catCase) {
	t.Helper()
	runRuleCases(t, LookupRules(rule), catFindingOf, tests)
}

func TestActionUnknownService(t *testing.T) {
	t.Parallel()
	runCatalogCases(t, "action-unknown-service", []catCase{
		{
			name: "misspelt prefix",
			src:  catPolicy(`{"Effect": "Allow", "Action": "s4:GetObject", "Resource": "*"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `unknown service prefix "s4" in action "s4:GetObject"; did you mean "s3:GetObject"?`, "s3:GetObject"}},
		},
		{
			name: "misspelt prefix of a pattern keeps the pattern",
			src:  catPolicy(`{"Effect": "Allow", "Action": ["dynamodbb:Get*"], "Resource": "*"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `unknown service prefix "dynamodbb" in action "dynamodbb:Get*"; did you mean "dynamodb:Get*"?`, "dynamodb:Get*"}},
		},
		{
			name: "nothing close",
			src:  catPolicy(`{"Effect": "Allow", "Action": "zzzzzzzzzzzz:Foo", "Resource": "*"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `unknown service prefix "zzzzzzzzzzzz" in action "zzzzzzzzzzzz:Foo"`, ""}},
		},
		{
			name: "NotAction in a Deny",
			src:  catPolicy(`{"Effect": "Deny", "NotAction": ["iam:GetUser", "s4:GetObject"], "Resource": "*"}`),
			want: []catFinding{{"error", "Statement[0].NotAction[1]", `unknown service prefix "s4" in action "s4:GetObject"; did you mean "s3:GetObject"?`, "s3:GetObject"}},
		},
		{
			name: "SCP",
			kind: policy.SCP,
			src:  catPolicy(`{"Effect": "Deny", "Action": "s4:*", "Resource": "*"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `unknown service prefix "s4" in action "s4:*"; did you mean "s3:*"?`, "s3:*"}},
		},
		{
			name: "prefix case is ignored",
			src:  catPolicy(`{"Effect": "Allow", "Action": "S3:GetObject", "Resource": "*"}`),
		},
		{
			name: "star and wildcard prefixes are other rules' business",
			src:  catPolicy(`{"Effect": "Allow", "Action": ["*", "s4*:Get*", "*:Describe*"], "Resource": "*"}`),
		},
		{
			name: "malformed actions are the parser's",
			src:  catPolicy(`{"Effect": "Allow", "Action": ["s4", ":GetObject", "s4:Get:Object", "s_4:Get"], "Resource": "*"}`),
		},
	})
}

func TestActionUnknown(t *testing.T) {
	t.Parallel()
	runCatalogCases(t, "action-unknown", []catCase{
		{
			name: "typo",
			src:  catPolicy(`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjekt"], "Resource": "*"}`),
			want: []catFinding{{"error", "Statement[0].Action[1]", `unknown action "s3:GetObjekt"; did you mean "s3:GetObject"?`, "s3:GetObject"}},
		},
		{
			name: "nothing close",
			src:  catPolicy(`{"Effect": "Allow", "Action": "s3:FrobnicateEverythingNow", "Resource": "*"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `unknown action "s3:FrobnicateEverythingNow": s3 has no action "FrobnicateEverythingNow"`, ""}},
		},
		{
			name: "pattern that matches nothing",
			src:  catPolicy(`{"Effect": "Allow", "Action": "s3:Gett*", "Resource": "*"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `action pattern "s3:Gett*" matches no s3 action`, ""}},
		},
		{
			name: "deny with a typo protects nothing",
			src:  catPolicy(`{"Effect": "Deny", "Action": "iam:DeleteRoll", "Resource": "*"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `unknown action "iam:DeleteRoll"; did you mean "iam:DeleteRole"?`, "iam:DeleteRole"}},
		},
		{
			name: "NotAction",
			src:  catPolicy(`{"Effect": "Allow", "NotAction": "iam:CreateUserr", "Resource": "*"}`),
			want: []catFinding{{"error", "Statement[0].NotAction[0]", `unknown action "iam:CreateUserr"; did you mean "iam:CreateUser"?`, "iam:CreateUser"}},
		},
		{
			name: "names and patterns ignore case",
			src:  catPolicy(`{"Effect": "Allow", "Action": ["S3:getobject", "s3:*OBJECT", "ec2:Describe?nstances", "s3:*"], "Resource": "*"}`),
		},
		{
			name: "unknown service is another rule",
			src:  catPolicy(`{"Effect": "Allow", "Action": "s4:GetObjekt", "Resource": "*"}`),
		},
		{
			name: "trust policy",
			kind: policy.Trust,
			src:  catPolicy(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRoll"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `unknown action "sts:AssumeRoll"; did you mean "sts:AssumeRole"?`, "sts:AssumeRole"}},
		},
	})
}

func TestActionWildcardInService(t *testing.T) {
	t.Parallel()
	runCatalogCases(t, "action-wildcard-in-service", []catCase{
		{
			name: "identity policy: IAM refuses it",
			src:  catPolicy(`{"Effect": "Allow", "Action": "dynamodb*:TagResource", "Resource": "*"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `the service prefix of "dynamodb*:TagResource" has a wildcard; it matches service dynamodb today`, ""}},
		},
		{
			name: "every service",
			src:  catPolicy(`{"Effect": "Deny", "Action": "*:Untag*", "Resource": "*"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `the service prefix of "*:Untag*" has a wildcard; it matches every service`, ""}},
		},
		{
			name: "several services, SCP is a warning",
			kind: policy.SCP,
			src:  catPolicy(`{"Effect": "Deny", "Action": "s3*:Get*", "Resource": "*"}`),
			want: []catFinding{{"warning", "Statement[0].Action[0]", `the service prefix of "s3*:Get*" has a wildcard; it matches services s3, s3-object-lambda, s3-outposts, s3express and 3 more today`, ""}},
		},
		{
			name: "question mark",
			kind: policy.Resource,
			src:  catPolicy(`{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s?:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}`),
			want: []catFinding{{"warning", "Statement[0].Action[0]", `the service prefix of "s?:GetObject" has a wildcard; it matches service s3 today`, ""}},
		},
		{
			name: "no service",
			kind: policy.Boundary,
			src:  catPolicy(`{"Effect": "Allow", "NotAction": "zz*:Get*", "Resource": "*"}`),
			want: []catFinding{{"error", "Statement[0].NotAction[0]", `the service prefix of "zz*:Get*" has a wildcard; it matches no service today`, ""}},
		},
		{
			name: "plain star and action wildcards are fine",
			src:  catPolicy(`{"Effect": "Allow", "Action": ["*", "s3:*", "ec2:Describe*"], "Resource": "*"}`),
		},
	})
}

func TestResourceActionMismatch(t *testing.T) {
	t.Parallel()
	const objectMsg = `s3:GetObject acts on accesspointobject ARNs (arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}) or object ARNs (arn:${Partition}:s3:::${BucketName}/${ObjectName}), and no Resource matches one`
	runCatalogCases(t, "resource-action-mismatch", []catCase{
		{
			name: "object action on a bucket",
			src:  catPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", objectMsg, ""}},
		},
		{
			name: "bucket action on objects",
			src:  catPolicy(`{"Effect": "Deny", "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/*"]}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `s3:ListBucket acts on accesspoint ARNs (arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}) or bucket ARNs (arn:${Partition}:s3:::${BucketName}), and no Resource matches one`, ""}},
		},
		{
			name: "each action needs one matching resource",
			src: catPolicy(`{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject"],
				"Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"]}`),
		},
		{
			name: "another service's ARN",
			src:  catPolicy(`{"Effect": "Allow", "Action": ["dynamodb:GetItem"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `dynamodb:GetItem acts on table ARNs (arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}), and no Resource matches one`, ""}},
		},
		{
			name: "log group without the stream part",
			src:  catPolicy(`{"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "arn:aws:logs:us-east-1:111122223333:log-group:app"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `logs:PutLogEvents acts on log-stream ARNs (arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}), and no Resource matches one`, ""}},
		},
		{
			name: "wildcards and variables match leniently",
			src: catPolicy(`{"Effect": "Allow", "Action": ["s3:GetObject", "logs:PutLogEvents", "iam:PassRole", "s3:ListBucket"],
				"Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}", "arn:aws:logs:*:*:log-group:/aws/lambda/*", "arn:aws:iam::*:role/service-role/*", "arn:aws:s3:::amzn-s3-demo-*"]}`),
		},
		{
			name: "a star anywhere in the ARN",
			src:  catPolicy(`{"Effect": "Allow", "Action": ["s3:GetObject", "ec2:StartInstances"], "Resource": ["arn:aws:*"]}`),
		},
		{
			name: "short ARN completed in identity policies",
			src:  catPolicy(`{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs"}`),
		},
		{
			name: "case is ignored",
			src:  catPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:AWS:S3:::amzn-s3-demo-bucket/Key"}`),
		},
		{
			name: "region field where the format has a variable may be empty",
			src:  catPolicy(`{"Effect": "Allow", "Action": "sns:Publish", "Resource": "arn:aws:sns::111122223333:alerts"}`),
		},
		{
			name: "fixed empty region in the format",
			src:  catPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:us-east-1::amzn-s3-demo-bucket/*"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", objectMsg, ""}},
		},
		{
			name: "pattern reported only when no action fits",
			src: catPolicy(`{"Effect": "Allow", "Action": ["s3:*Object", "s3:Get*"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}`,
				`{"Effect": "Allow", "Action": ["s3:PutObject*"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}`),
			want: []catFinding{
				{"error", "Statement[0].Action[0]", `"s3:*Object" matches 5 actions that act on resources, and none of them can act on a listed Resource (they act on accesspointobject and object ARNs)`, ""},
				{"error", "Statement[1].Action[0]", `"s3:PutObject*" matches 9 actions that act on resources, and none of them can act on a listed Resource (they act on accesspointobject and object ARNs)`, ""},
			},
		},
		{
			name: "actions that need star are not checked",
			src:  catPolicy(`{"Effect": "Allow", "Action": ["s3:ListAllMyBuckets", "ec2:DescribeInstances"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}`),
		},
		{
			name: "a pattern whose actions need star or act on other resources",
			src:  catPolicy(`{"Effect": "Allow", "Action": ["ec2:Describe*"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `"ec2:Describe*" matches 17 actions that act on resources, and none of them can act on a listed Resource (they act on capacity-reservation, client-vpn-endpoint, fleet and 9 more ARNs)`, ""}},
		},
		{
			name: "table action on an index",
			src:  catPolicy(`{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/*"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `dynamodb:GetItem acts on table ARNs (arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}), and no Resource matches one`, ""}},
		},
		{
			name: "skipped statements",
			src: catPolicy(
				`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "*"]}`,
				`{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::amzn-s3-demo-bucket"}`,
				`{"Effect": "Allow", "NotAction": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}`,
				`{"Effect": "Allow", "Action": ["*", "s3*:GetObject", "s3:NoSuchAction"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}`),
		},
		{
			name: "resource-based policy",
			kind: policy.Resource,
			src:  catPolicy(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", objectMsg, ""}},
		},
		{
			name: "many resource types are summarised",
			src:  catPolicy(`{"Effect": "Allow", "Action": "connect:GetMetricDataV2", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"}`),
			want: []catFinding{{"error", "Statement[0].Action[0]", `connect:GetMetricDataV2 acts on hierarchy-group ARNs (arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}/agent-group/${HierarchyGroupId}), queue ARNs (arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}/queue/${QueueId}), routing-profile ARNs (arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}/routing-profile/${RoutingProfileId}) or 1 other resource types, and no Resource matches one`, ""}},
		},
	})
}

// TestAPIGatewayShorthandIsNotAnARN checks that the ARN rules leave API
// Gateway's execute-api:/stage/METHOD/path alone, which the parser
// accepts in resource-based policies, even when a path has enough colons
// to split into six fields.
func TestAPIGatewayShorthandIsNotAnARN(t *testing.T) {
	t.Parallel()
	invoke := func(resource string) string {
		return catPolicy(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/caller"}, "Action": "execute-api:Invoke", "Resource": ` + resource + `}`)
	}
	runRuleCases(t, append(LookupRules("resource-action-mismatch"), LookupRules("arn-field-invalid")...), catFindingOf, []catCase{
		{name: "every method", kind: policy.Resource, src: invoke(`"execute-api:/*"`)},
		{name: "one method", kind: policy.Resource, src: invoke(`["execute-api:/prod/GET/pets", "execute-api:/*/POST/orders"]`)},
	})
	runCatalogCases(t, "resource-action-mismatch", []catCase{
		{name: "a path with colons", kind: policy.Resource, src: invoke(`"execute-api:/prod/POST/a:b:c:d:e"`)},
	})
}

func TestResourceStarRestrictable(t *testing.T) {
	t.Parallel()
	runCatalogCases(t, "resource-star-restrictable", []catCase{
		{
			name: "one action",
			src:  catPolicy(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}`),
			want: []catFinding{{"warning", "Statement[0].Resource[0]", `Statement[0] allows iam:PassRole on every resource, though it supports resource-level permissions`, ""}},
		},
		{
			name: "several, deduplicated and summarised",
			src: catPolicy(`{"Sid": "Data", "Effect": "Allow", "Action": ["dynamodb:GetItem", "DynamoDB:getitem", "s3:GetObject", "sqs:SendMessage", "kms:Decrypt", "s3:ListAllMyBuckets"],
				"Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/*", "*"]}`),
			want: []catFinding{{"warning", "Statement[0].Resource[1]", `Statement[0] (Sid Data) allows dynamodb:GetItem, s3:GetObject, sqs:SendMessage and 1 more on every resource, though they support resource-level permissions`, ""}},
		},
		{
			name: "more than four actions are counted",
			src:  catPolicy(`{"Effect": "Allow", "Action": ["iam:PassRole", "iam:GetRole", "iam:DeleteRole", "iam:TagRole", "iam:UntagRole", "iam:CreateRole"], "Resource": "*"}`),
			want: []catFinding{{"warning", "Statement[0].Resource[0]", `Statement[0] allows iam:PassRole, iam:GetRole, iam:DeleteRole and 3 more on every resource, though they support resource-level permissions`, ""}},
		},
		{
			name: "actions that need star, a single optional type, wildcards",
			src:  catPolicy(`{"Effect": "Allow", "Action": ["s3:ListAllMyBuckets", "cloudwatch:GetMetricData", "s3:Get*", "*", "s4:GetObject"], "Resource": "*"}`),
		},
		{
			name: "condition, deny, NotAction, NotResource, ARNs",
			src: catPolicy(
				`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}`,
				`{"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}`,
				`{"Effect": "Allow", "NotAction": "iam:PassRole", "Resource": "*"}`,
				`{"Effect": "Allow", "Action": "iam:PassRole", "NotResource": "*"}`,
				`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app"}`),
		},
		{
			name: "only identity policies",
			kind: policy.SCP,
			src:  catPolicy(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}`),
		},
	})
}

func TestConditionKeyUnknown(t *testing.T) {
	t.Parallel()
	cond := func(op, key string) string {
		return catPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"` + op + `": {"` + key + `": "x"}}}`)
	}
	runCatalogCases(t, "condition-key-unknown", []catCase{
		{
			name: "global key typo",
			src:  cond("StringEquals", "aws:PrincipalOrgId2"),
			want: []catFinding{{"error", "Statement[0].Condition.StringEquals.aws:PrincipalOrgId2", `unknown global condition key "aws:PrincipalOrgId2"; did you mean "aws:PrincipalOrgID"?`, "aws:PrincipalOrgID"}},
		},
		{
			name: "service key typo",
			src:  cond("StringLike", "s3:prefixx"),
			want: []catFinding{{"error", "Statement[0].Condition.StringLike.s3:prefixx", `unknown condition key "s3:prefixx": s3 defines no such key; did you mean "s3:prefix"?`, "s3:prefix"}},
		},
		{
			name: "unknown prefix",
			src:  cond("StringEquals", "s4:prefix"),
			want: []catFinding{{"error", "Statement[0].Condition.StringEquals.s4:prefix", `unknown condition key "s4:prefix": no service has the prefix "s4"; did you mean "s3:prefix"?`, "s3:prefix"}},
		},
		{
			name: "tag key without the tag",
			src:  cond("StringEquals", "aws:ResourceTag"),
			want: []catFinding{{"error", "Statement[0].Condition.StringEquals.aws:ResourceTag", `condition key "aws:ResourceTag" needs a tag key: write aws:ResourceTag/ followed by the tag's name, as in aws:ResourceTag/${TagKey}`, ""}},
		},
		{
			name: "tag key with an empty tag",
			src:  cond("StringEquals", "aws:PrincipalTag/"),
			want: []catFinding{{"error", "Statement[0].Condition.StringEquals.aws:PrincipalTag/", `condition key "aws:PrincipalTag/" needs a tag key: write aws:PrincipalTag/ followed by the tag's name, as in aws:PrincipalTag/${TagKey}`, ""}},
		},
		{
			name: "service tag key without the tag",
			src:  cond("StringEquals", "s3:ExistingObjectTag"),
			want: []catFinding{{"error", "Statement[0].Condition.StringEquals.s3:ExistingObjectTag", `condition key "s3:ExistingObjectTag" needs a tag key: write s3:ExistingObjectTag/ followed by the tag's name, as in s3:ExistingObjectTag/<key>`, ""}},
		},
		{
			name: "documented keys in any case",
			src: catPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {
				"StringEquals": {"aws:sourcevpce": "vpce-1a2b3c4d", "AWS:PrincipalTag/team": "blue", "s3:ExistingObjectTag/Team": "x", "kms:EncryptionContext:app": "x", "iam:PassedToService": "x"},
				"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}`),
		},
		{
			name: "identity provider and SAML keys are not checked",
			kind: policy.Trust,
			src: catPolicy(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {
				"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main",
					"oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub": "system:serviceaccount:a:b", "accounts.google.com:aud": "x", "cognito-identity.amazonaws.com:amr": "authenticated",
					"saml:made_up_attribute": "x", "login.example.com:sub": "x", "example.com/path:aud": "x"}}}`),
		},
		{
			name: "deprecated aws:ARN and undocumented keys AWS uses",
			src: catPolicy(`{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {
				"ArnNotLike": {"aws:ARN": "arn:aws:iam::111122223333:role/*"}, "StringNotEquals": {"aws:PrincipalOrgMasterAccountId": "111122223333"}}}`),
		},
		{
			name: "keys with variables and malformed keys are skipped",
			src:  catPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/${aws:username}": "x", "nokey": "x", ":x": "y"}}}`),
		},
		{
			name: "unknown key in an SCP",
			kind: policy.SCP,
			src:  catPolicy(`{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegions": "eu-west-1"}}}`),
			want: []catFinding{{"error", "Statement[0].Condition.StringNotEquals.aws:RequestedRegions", `unknown global condition key "aws:RequestedRegions"; did you mean "aws:RequestedRegion"?`, "aws:RequestedRegion"}},
		},
	})
}

func TestConditionKeyNotApplicable(t *testing.T) {
	t.Parallel()
	stmt := func(effect, actions, op, key string) string {
		return `{"Effect": "` + effect + `", "Action": ` + actions + `, "Resource": "*", "Condition": {"` + op + `": {"` + key + `": "x"}}}`
	}
	runCatalogCases(t, "condition-key-not-applicable", []catCase{
		{
			name: "key of another service",
			src:  catPolicy(stmt("Allow", `["dynamodb:Query", "dynamodb:GetItem"]`, "StringLike", "s3:prefix")),
			want: []catFinding{{"error", "Statement[0].Condition.StringLike.s3:prefix", `no action of Statement[0] supports condition key "s3:prefix" (a key of s3, not of the statement's services), so the key is absent from every request the statement matches`, ""}},
		},
		{
			name: "wrong action of the same service",
			src:  catPolicy(stmt("Allow", `"s3:GetObject"`, "StringLike", "s3:prefix")),
			want: []catFinding{{"error", "Statement[0].Condition.StringLike.s3:prefix", `no action of Statement[0] supports condition key "s3:prefix", so the key is absent from every request the statement matches`, ""}},
		},
		{
			name: "some actions",
			src:  catPolicy(stmt("Allow", `["iam:PassRole", "iam:GetRole", "iam:CreateRole", "iam:ListRoles"]`, "StringEquals", "iam:PassedToService")),
			want: []catFinding{{"warning", "Statement[0].Condition.StringEquals.iam:PassedToService", `"iam:GetRole" and "iam:CreateRole" do not support condition key "iam:PassedToService", so the key is absent from their requests`, ""}},
		},
		{
			name: "one action of several",
			src:  catPolicy(stmt("Deny", `["s3:ListBucket", "s3:GetObject"]`, "StringNotLike", "s3:prefix")),
			want: []catFinding{{"warning", "Statement[0].Condition.StringNotLike.s3:prefix", `"s3:GetObject" does not support condition key "s3:prefix", so the key is absent from its requests`, ""}},
		},
		{
			name: "resource type keys count",
			src:  catPolicy(stmt("Allow", `["ec2:StartInstances", "ec2:StopInstances"]`, "StringEquals", "ec2:ResourceTag/team")),
		},
		{
			name: "a pattern supports a key when one of its actions does",
			src:  catPolicy(stmt("Allow", `["s3:List*"]`, "StringLike", "s3:prefix")),
		},
		{
			name: "a pattern none of whose actions supports the key",
			src:  catPolicy(stmt("Allow", `["s3:ListBucket", "s3:*Object"]`, "StringLike", "s3:prefix")),
			want: []catFinding{{"warning", "Statement[0].Condition.StringLike.s3:prefix", `"s3:*Object" does not support condition key "s3:prefix", so the key is absent from its requests`, ""}},
		},
		{
			name: "global keys, star, service wildcards and NotAction are skipped",
			src: catPolicy(
				stmt("Allow", `"s3:GetObject"`, "StringEquals", "aws:SourceVpce"),
				stmt("Allow", `"s3:GetObject"`, "StringEquals", "ec2:SourceInstanceARN"),
				stmt("Allow", `["*", "s3:GetObject"]`, "StringLike", "s3:prefix"),
				stmt("Allow", `["s3*:GetObject"]`, "StringLike", "s3:prefix"),
				`{"Effect": "Allow", "NotAction": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "x"}}}`),
		},
		{
			name: "unknown keys and actions are other rules",
			src: catPolicy(
				stmt("Allow", `"s3:GetObject"`, "StringLike", "s3:prefixx"),
				stmt("Allow", `["s3:NoSuchAction"]`, "StringLike", "s3:prefix")),
		},
		{
			name: "keys no action lists and actions with no documented keys",
			src: catPolicy(
				stmt("Allow", `"iottwinmaker:GetEntity"`, "ForAnyValue:StringEquals", "iottwinmaker:linkedServices"),
				stmt("Allow", `["aws-marketplace:Subscribe"]`, "ForAnyValue:StringEquals", "aws-marketplace:ProductId")),
		},
		{
			name: "IfExists on actions some of which support the key",
			// reference_policies_examples_dynamodb_attributes.md
			src: catPolicy(`{"Effect": "Allow",
				"Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"],
				"Resource": ["arn:aws:dynamodb:*:*:table/table-name"],
				"Condition": {
					"ForAllValues:StringEquals": {"dynamodb:Attributes": ["column-name-1", "column-name-2", "column-name-3"]},
					"StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}}`),
		},
		{
			name: "IfExists on actions none of which supports the key",
			src:  catPolicy(stmt("Allow", `"s3:GetObject"`, "StringLikeIfExists", "s3:prefix")),
			want: []catFinding{{"error", "Statement[0].Condition.StringLikeIfExists.s3:prefix", `no action of Statement[0] supports condition key "s3:prefix", so the key is absent from every request the statement matches`, ""}},
		},
		{
			name: "IfExists and a plain operator on one key",
			src: catPolicy(`{"Effect": "Deny", "Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "*", "Condition": {
				"StringNotLikeIfExists": {"s3:prefix": "a"}, "StringLike": {"s3:prefix": "b"}}}`),
			want: []catFinding{{"warning", "Statement[0].Condition.StringLike.s3:prefix", `"s3:GetObject" does not support condition key "s3:prefix", so the key is absent from its requests`, ""}},
		},
		{
			name: "one finding per key",
			src: catPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {
				"StringLike": {"s3:prefix": "a"}, "StringNotLike": {"s3:prefix": "b"}}}`),
			want: []catFinding{{"error", "Statement[0].Condition.StringLike.s3:prefix", `no action of Statement[0] supports condition key "s3:prefix", so the key is absent from every request the statement matches`, ""}},
		},
	})
}

func TestConditionTypeMismatch(t *testing.T) {
	t.Parallel()
	cond := func(op, key, value string) string {
		return catPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"` + op + `": {"` + key + `": "` + value + `"}}}`)
	}
	runCatalogCases(t, "condition-type-mismatch", []catCase{
		{
			name: "numeric on a string key",
			src:  cond("NumericEquals", "aws:username", "10"),
			want: []catFinding{{"warning", "Statement[0].Condition.NumericEquals.aws:username", `NumericEquals compares numbers, but condition key "aws:username" holds text; use a String operator`, ""}},
		},
		{
			name: "date on a string key",
			src:  cond("DateLessThan", "aws:username", "2026-01-01"),
			want: []catFinding{{"warning", "Statement[0].Condition.DateLessThan.aws:username", `DateLessThan compares dates, but condition key "aws:username" holds text; use a String operator`, ""}},
		},
		{
			name: "ip on a string key",
			src:  cond("NotIpAddressIfExists", "aws:SourceVpc", "10.0.0.0/8"),
			want: []catFinding{{"warning", "Statement[0].Condition.NotIpAddressIfExists.aws:SourceVpc", `NotIpAddress compares IP addresses, but condition key "aws:SourceVpc" holds text; use a String operator`, ""}},
		},
		{
			name: "string on a bool key",
			src:  cond("StringEquals", "aws:SecureTransport", "true"),
			want: []catFinding{{"warning", "Statement[0].Condition.StringEquals.aws:SecureTransport", `StringEquals compares text, but condition key "aws:SecureTransport" holds Booleans; use a Bool operator`, ""}},
		},
		{
			name: "string on an ip key",
			src:  cond("StringLike", "aws:SourceIp", "203.0.113.*"),
			want: []catFinding{{"warning", "Statement[0].Condition.StringLike.aws:SourceIp", `StringLike compares text, but condition key "aws:SourceIp" holds IP addresses; use an IpAddress operator`, ""}},
		},
		{
			name: "bool on a date key, with a set qualifier on a multivalued key",
			src: catPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {
				"Bool": {"aws:CurrentTime": "true"}, "ForAnyValue:NumericEquals": {"aws:TagKeys": "1"}}}`),
			want: []catFinding{
				{"warning", "Statement[0].Condition.Bool.aws:CurrentTime", `Bool compares Booleans, but condition key "aws:CurrentTime" holds dates; use a Date operator`, ""},
				{"warning", "Statement[0].Condition.ForAnyValue:NumericEquals.aws:TagKeys", `NumericEquals compares numbers, but condition key "aws:TagKeys" holds text; use a String operator`, ""},
			},
		},
		{
			name: "service key",
			src:  cond("StringEquals", "s3:max-keys", "10"),
			want: []catFinding{{"warning", "Statement[0].Condition.StringEquals.s3:max-keys", `StringEquals compares text, but condition key "s3:max-keys" holds numbers; use a Numeric operator`, ""}},
		},
		{
			name: "accepted pairs",
			src: catPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {
				"StringLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*", "aws:PrincipalTag/team": "b*"},
				"ArnLike": {"aws:SourceVpcArn": "arn:aws:ec2:*:111122223333:vpc/*", "aws:PrincipalArn": "arn:aws:iam::111122223333:role/*"},
				"NumericLessThan": {"aws:EpochTime": "1767225600", "aws:MultiFactorAuthAge": "3600"},
				"DateGreaterThan": {"aws:EpochTime": "2026-01-01", "aws:TokenIssueTime": "2026-01-01"},
				"Bool": {"aws:SecureTransport": "true"},
				"IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
				"Null": {"aws:SourceIp": "false", "aws:MultiFactorAuthAge": "false"},
				"BinaryEquals": {"aws:username": "QmluYXJ5"}}}`),
		},
		{
			name: "unknown keys, provider keys and unknown operators are skipped",
			kind: policy.Trust,
			src: catPolicy(`{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {
				"NumericEquals": {"accounts.google.com:aud": "1", "aws:NoSuchKey": "1"}, "StringEqualz": {"aws:MultiFactorAuthAge": "1"}}}`),
		},
	})
}

func TestConditionForAllValuesSingleValued(t *testing.T) {
	t.Parallel()
	cond := func(effect, op, key string) string {
		return catPolicy(`{"Effect": "` + effect + `", "Action": "ec2:StartInstances", "Resource": "*", "Condition": {"` + op + `": {"` + key + `": ["a", "b"]}}}`)
	}
	runCatalogCases(t, "condition-forallvalues-single-valued", []catCase{
		{
			name: "tag key",
			src:  cond("Allow", "ForAllValues:StringEquals", "aws:PrincipalTag/team"),
			want: []catFinding{{"warning", "Statement[0].Condition.ForAllValues:StringEquals.aws:PrincipalTag/team", `ForAllValues:StringEquals on single-valued condition key "aws:PrincipalTag/team" is also true when the key is absent from the request; drop ForAllValues:`, ""}},
		},
		{
			name: "service key in a deny",
			src:  cond("Deny", "ForAllValues:StringLikeIfExists", "ec2:InstanceType"),
			want: []catFinding{{"warning", "Statement[0].Condition.ForAllValues:StringLikeIfExists.ec2:InstanceType", `ForAllValues:StringLikeIfExists on single-valued condition key "ec2:InstanceType" is also true when the key is absent from the request; drop ForAllValues:`, ""}},
		},
		{
			name: "multivalued keys",
			src: catPolicy(`{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {
				"ForAllValues:StringEquals": {"aws:TagKeys": ["a"], "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/*"]}}}`),
		},
		{
			name: "ForAnyValue, plain operators, unknown and provider keys",
			kind: policy.Trust,
			src: catPolicy(`{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {
				"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated", "aws:PrincipalTag/team": "a"},
				"ForAllValues:StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:x", "aws:NoSuchKey": "a"},
				"StringEquals": {"aws:PrincipalTag/team": "a"}}}`),
		},
	})
}

func TestConditionMissingQualifier(t *testing.T) {
	t.Parallel()
	runCatalogCases(t, "condition-missing-qualifier", []catCase{
		{
			name: "tag keys",
			src:  catPolicy(`{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"StringEquals": {"aws:TagKeys": ["a", "b"]}}}`),
			want: []catFinding{{"error", "Statement[0].Condition.StringEquals.aws:TagKeys", `condition key "aws:TagKeys" has several values in a request; write ForAnyValue:StringEquals or ForAllValues:StringEquals`, ""}},
		},
		{
			name: "IfExists and service keys",
			kind: policy.SCP,
			src:  catPolicy(`{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotLikeIfExists": {"aws:CalledVia": "cloudformation.amazonaws.com"}, "ArnNotEquals": {"autoscaling:TargetGroupARNs": "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/a/1"}}}`),
			want: []catFinding{
				{"error", "Statement[0].Condition.StringNotLikeIfExists.aws:CalledVia", `condition key "aws:CalledVia" has several values in a request; write ForAnyValue:StringNotLikeIfExists or ForAllValues:StringNotLikeIfExists`, ""},
				{"error", "Statement[0].Condition.ArnNotEquals.autoscaling:TargetGroupARNs", `condition key "autoscaling:TargetGroupARNs" has several values in a request; write ForAnyValue:ArnNotEquals or ForAllValues:ArnNotEquals`, ""},
			},
		},
		{
			name: "qualified, Null and single-valued keys",
			src: catPolicy(`{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {
				"ForAllValues:StringEquals": {"aws:TagKeys": ["a"]}, "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*"},
				"Null": {"aws:TagKeys": "false"}, "StringEquals": {"aws:RequestTag/team": "a"}}}`),
		},
		{
			name: "SAML keys are not checked",
			kind: policy.Trust,
			src:  catPolicy(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/idp"}, "Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"saml:edupersonaffiliation": "staff"}}}`),
		},
	})
}

// TestCatalogRulesRobust lints documents with grammar problems: the rules
// must not panic and must not report what the parser reports.
func TestCatalogRulesRobust(t *testing.T) {
	t.Parallel()
	docs := []string{
		`{"Statement": [{"Action": "s4:GetObject"}]}`,
		`{"Statement": [{"Effect": "Allow", "Resource": "arn:aws:s3:::b"}]}`,
		`{"Statement": [{"Effect": "Allow", "Action": [], "Resource": []}]}`,
		`{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username", "Condition": {"Bogus": {"s3:prefix": "x"}, "StringEquals": {"": "x"}}}]}`,
		`{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", 7, "s3:Get:Object"], "Resource": [7, "arn:aws:s3:::b"], "Condition": {"StringEquals": "x"}}]}`,
		`{"Statement": {"Effect": "Maybe", "NotAction": "s3:*", "NotResource": "*", "Condition": {"ForAllValues:": {"aws:TagKeys": "x"}, "ForAllValues:Null": {"aws:TagKeys": "true"}}}}`,
		`{"Statement": [{"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "arn:aws:logs:\u00e9:\u00e9:log-group:\u00e9"}]}`,
	}
	for _, kind := range policy.Kinds() {
		for _, d := range docs {
			for _, f := range testLinter.Lint("p.json", []byte(d), kind) {
				if slices.Contains(catalogRules, f.Rule) && f.Path == "" {
					t.Errorf("%s %s: finding without a path: %s", kind, d, f.Message)
				}
			}
		}
	}
}
