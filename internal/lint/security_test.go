package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// secFinding is what the security tests compare of a finding.
type secFinding struct {
	Level   string
	Path    string
	Message string
}

func secFindingOf(f Finding) secFinding { return secFinding{f.Level.String(), f.Path, f.Message} }

// secPolicy wraps statements (JSON objects) in a policy document.
func secPolicy(statements ...string) string {
	return `{"Version": "2012-10-17", "Statement": [` + strings.Join(statements, ",\n") + `]}`
}

type secCase = ruleCase[secFinding]

func runSecurityCases(t *testing.T, rule string, tests []secCase) {
	t.Helper()
	runRuleCases(t, LookupRules(rule), secFindingOf, tests)
}

func secError(path, msg string) []secFinding   { return []secFinding{{"error", path, msg}} }
func secWarning(path, msg string) []secFinding { return []secFinding{{"warning", path, msg}} }

func TestAdminStar(t *testing.T) {
	const all = `{"Effect": "Allow", "Action": "*", "Resource": "*"}`
	msg := `Statement[0] allows every action ("*") on every resource ("*") without a condition`
	runSecurityCases(t, "admin-star", []secCase{
		{"star", policy.Identity, secPolicy(all), secError("Statement[0].Action[0]", msg)},
		{"star colon star with sid", policy.Identity, secPolicy(`{"Sid": "Admin", "Effect": "Allow", "Action": "*:*", "Resource": "*"}`),
			secError("Statement[0].Action[0]", `Statement[0] (Sid Admin) allows every action ("*:*") on every resource ("*") without a condition`)},
		{"star among others", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": ["s3:GetObject", "*"], "Resource": ["arn:aws:s3:::example-bucket/*", "*"]}`),
			secError("Statement[0].Action[1]", msg)},
		{"second statement", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}`, all),
			secError("Statement[1].Action[0]", `Statement[1] allows every action ("*") on every resource ("*") without a condition`)},
		{"resource policy to a role", policy.Resource, secPolicy(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/admin"}, "Action": "*", "Resource": "*"}`),
			secError("Statement[0].Action[0]", `Statement[0] allows every action ("*") on the resource the policy is attached to ("*") without a condition`)},
		{"mfa does not limit the grant", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows every action ("*") on every resource ("*"); its condition on aws:MultiFactorAuthPresent does not limit the grant`)},
		{"transport, region and time do not limit the grant", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "*:*", "Resource": "*", "Condition": {
			"Bool": {"aws:SecureTransport": "true"}, "StringEquals": {"aws:RequestedRegion": "eu-west-1"},
			"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}, "NumericLessThan": {"aws:EpochTime": "1900000000", "aws:MultiFactorAuthAge": "3600"}}}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows every action ("*:*") on every resource ("*"); its conditions on aws:SecureTransport, aws:RequestedRegion, aws:CurrentTime and 2 more do not limit the grant`)},
		{"calling service does not limit the grant", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {
			"ForAnyValue:StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}, "StringEquals": {"AWS:CalledViaFirst": "cloudformation.amazonaws.com"}, "Bool": {"aws:ViaAWSService": "true"}}}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows every action ("*") on every resource ("*"); its conditions on aws:CalledVia, AWS:CalledViaFirst and aws:ViaAWSService do not limit the grant`)},
		{"resource policy with a transport condition", policy.Resource, secPolicy(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/admin"}, "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows every action ("*") on the resource the policy is attached to ("*"); its condition on aws:SecureTransport does not limit the grant`)},
		{"condition on the caller", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}, "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}`), nil},
		{"condition on the resources", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "platform"}}}`), nil},
		{"deny", policy.Identity, secPolicy(`{"Effect": "Deny", "Action": "*", "Resource": "*"}`), nil},
		{"deny with a transport condition", policy.Identity, secPolicy(`{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}`), nil},
		{"listed resources", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::example-bucket/*"}`), nil},
		{"not resource", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::example-bucket/*"}`), nil},
		{"not action", policy.Identity, secPolicy(`{"Effect": "Allow", "NotAction": "*", "Resource": "*"}`), nil},
		{"service wildcard", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}`), nil},
		{"scp full access", policy.SCP, secPolicy(all), nil},
		{"boundary", policy.Boundary, secPolicy(all), nil},
		{"session policy", policy.Session, secPolicy(all), nil},
		{"rcp full access", policy.RCP, secPolicy(`{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}`), nil},
		{"endpoint policy", policy.Endpoint, secPolicy(`{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}`), nil},
		{"resource policy to the account", policy.Resource, secPolicy(`{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666"]}, "Action": "*", "Resource": "*"}`), nil},
		{"boundary with a transport condition", policy.Boundary, secPolicy(`{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}`), nil},
	})
}

func TestServiceWildcard(t *testing.T) {
	onQueue := func(actions string) string {
		return secPolicy(`{"Effect": "Allow", "Action": ` + actions + `, "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"}`)
	}
	runSecurityCases(t, "service-wildcard", []secCase{
		{"service star", policy.Identity, onQueue(`"sqs:*"`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows every action of service sqs ("sqs:*")`)},
		{"upper case among others", policy.Identity, onQueue(`["sqs:SendMessage", "SQS:*", "sns:**"]`), []secFinding{
			{"warning", "Statement[0].Action[1]", `Statement[0] allows every action of service sqs ("SQS:*")`},
			{"warning", "Statement[0].Action[2]", `Statement[0] allows every action of service sns ("sns:**")`},
		}},
		{"star on listed resources", policy.Identity, onQueue(`"*"`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows every action of every service ("*")`)},
		{"star with not resource", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::example-bucket"}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows every action of every service ("*")`)},
		{"resource policy to a role", policy.Resource, secPolicy(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/reader"}, "Action": "sqs:*", "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows every action of service sqs ("sqs:*")`)},
		{"star on star is admin-star's", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "*", "Resource": "*"}`), nil},
		{"prefix wildcard", policy.Identity, onQueue(`["sqs:Get*", "*:Describe*"]`), nil},
		{"with a condition", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "sqs:*", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}}`), nil},
		{"unknown service", policy.Identity, onQueue(`"nosuchservice:*"`), nil},
		{"deny", policy.Identity, secPolicy(`{"Effect": "Deny", "Action": "sqs:*", "Resource": "*"}`), nil},
		{"scp", policy.SCP, secPolicy(`{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}`), nil},
		{"boundary", policy.Boundary, secPolicy(`{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}`), nil},
		{"session policy", policy.Session, onQueue(`"sqs:*"`), nil},
		{"default key policy", policy.Resource, secPolicy(`{"Sid": "EnableIAMUserPermissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}`), nil},
	})
}

func TestAllowNotActionNotResource(t *testing.T) {
	notAction := `Statement[0] allows every action that NotAction does not list, including actions AWS adds later`
	notResource := `Statement[0] allows its actions on every resource that NotResource does not list`
	runSecurityCases(t, "allow-notaction-notresource", []secCase{
		{"not action", policy.Identity, secPolicy(`{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}`),
			secWarning("Statement[0].NotAction", notAction)},
		{"not resource", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::example-secrets/*"}`),
			secWarning("Statement[0].NotResource", notResource)},
		{"both", policy.Identity, secPolicy(`{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::example-secrets/*"}`), []secFinding{
			{"warning", "Statement[0].NotAction", notAction},
			{"warning", "Statement[0].NotResource", notResource},
		}},
		{"with a condition", policy.Identity, secPolicy(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}`),
			secWarning("Statement[0].NotAction", notAction)},
		{"resource policy", policy.Resource, secPolicy(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::example-bucket/private/*"}`),
			secWarning("Statement[0].NotResource", notResource)},
		{"deny with not action", policy.Identity, secPolicy(`{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}`), nil},
		{"deny with not resource", policy.Identity, secPolicy(`{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::example-bucket/*"}`), nil},
		{"scp allow list", policy.SCP, secPolicy(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}`), nil},
		{"boundary allow list", policy.Boundary, secPolicy(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}`), nil},
		{"session policy allow list", policy.Session, secPolicy(`{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::example-secrets/*"}`), nil},
		{"action and resource", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), nil},
	})
}

func TestPassRoleBroad(t *testing.T) {
	allow := func(action, resource string) string {
		return secPolicy(`{"Effect": "Allow", ` + action + `, ` + resource + `}`)
	}
	withCondition := func(condition string) string {
		return secPolicy(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": ` + condition + `}`)
	}
	star := `Statement[0] allows iam:PassRole on "*" without an iam:PassedToService condition naming specific services`
	runSecurityCases(t, "passrole-broad", []secCase{
		{"star resource", policy.Identity, allow(`"Action": "iam:PassRole"`, `"Resource": "*"`), secError("Statement[0].Resource[0]", star)},
		{"lower case action", policy.Identity, allow(`"Action": "iam:passrole"`, `"Resource": "*"`), secError("Statement[0].Resource[0]", star)},
		{"wildcard action and role wildcard", policy.Identity, allow(`"Action": ["iam:GetRole", "iam:Pass*"]`, `"Resource": ["arn:aws:iam::111122223333:role/app", "arn:aws:iam::111122223333:role/*"]`),
			secError("Statement[0].Resource[1]", `Statement[0] allows iam:PassRole (through "iam:Pass*") on "arn:aws:iam::111122223333:role/*" without an iam:PassedToService condition naming specific services`)},
		{"full admin is left to admin-star", policy.Identity, allow(`"Action": "*"`, `"Resource": "*"`), nil},
		{"star action on every role", policy.Identity, allow(`"Action": "*"`, `"Resource": "arn:aws:iam::111122223333:role/*"`),
			secError("Statement[0].Resource[0]", `Statement[0] allows iam:PassRole (through "*") on "arn:aws:iam::111122223333:role/*" without an iam:PassedToService condition naming specific services`)},
		{"not action", policy.Identity, allow(`"NotAction": "s3:*"`, `"Resource": "*"`),
			secError("Statement[0].Resource[0]", `Statement[0] allows iam:PassRole (through NotAction) on "*" without an iam:PassedToService condition naming specific services`)},
		{"not resource", policy.Identity, allow(`"Action": "iam:PassRole"`, `"NotResource": "arn:aws:iam::111122223333:role/admin"`),
			secError("Statement[0].NotResource", `Statement[0] allows iam:PassRole on every role that NotResource does not list, without an iam:PassedToService condition naming specific services`)},
		{"not action and not resource", policy.Identity, allow(`"NotAction": "s3:*"`, `"NotResource": "arn:aws:iam::111122223333:role/admin"`),
			secError("Statement[0].NotResource", `Statement[0] allows iam:PassRole (through NotAction) on every role that NotResource does not list, without an iam:PassedToService condition naming specific services`)},
		{"any resource of the account", policy.Identity, allow(`"Action": "iam:PassRole"`, `"Resource": "arn:aws:iam::111122223333:*"`),
			secError("Statement[0].Resource[0]", `Statement[0] allows iam:PassRole on "arn:aws:iam::111122223333:*" without an iam:PassedToService condition naming specific services`)},
		{"any account", policy.Identity, allow(`"Action": "iam:PassRole"`, `"Resource": "arn:aws:iam::*:role/*"`),
			secError("Statement[0].Resource[0]", `Statement[0] allows iam:PassRole on "arn:aws:iam::*:role/*" without an iam:PassedToService condition naming specific services`)},
		{"negated passed to service", policy.Identity, withCondition(`{"StringNotEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}`), secError("Statement[0].Resource[0]", star)},
		{"passed to any service", policy.Identity, withCondition(`{"StringLike": {"iam:PassedToService": "*.amazonaws.com"}}`), secError("Statement[0].Resource[0]", star)},
		{"other condition", policy.Identity, withCondition(`{"StringEquals": {"aws:ResourceTag/team": "orders"}}`), secError("Statement[0].Resource[0]", star)},
		{"passed to service", policy.Identity, withCondition(`{"StringEquals": {"iam:PassedToService": ["lambda.amazonaws.com", "ec2.amazonaws.com"]}}`), nil},
		{"passed to service like", policy.Identity, withCondition(`{"StringLike": {"iam:PassedToService": "lambda.amazonaws.com"}}`), nil},
		{"one role", policy.Identity, allow(`"Action": "iam:PassRole"`, `"Resource": "arn:aws:iam::111122223333:role/service-role/orders"`), nil},
		{"name prefix", policy.Identity, allow(`"Action": "iam:PassRole"`, `"Resource": "arn:aws:iam::111122223333:role/app-*"`), nil},
		{"service role convention", policy.Identity, allow(`"Action": "iam:PassRole"`, `"Resource": "arn:aws:iam::*:role/Service*"`), nil},
		{"not action excluding it", policy.Identity, allow(`"NotAction": "iam:*"`, `"Resource": "*"`), nil},
		{"other action", policy.Identity, allow(`"Action": "iam:GetRole"`, `"Resource": "*"`), nil},
		{"not resource excluding everything", policy.Identity, allow(`"Action": "iam:PassRole"`, `"NotResource": "*"`), nil},
		{"deny", policy.Identity, secPolicy(`{"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}`), nil},
		{"scp", policy.SCP, allow(`"Action": "iam:PassRole"`, `"Resource": "*"`), nil},
		{"boundary", policy.Boundary, allow(`"Action": "iam:PassRole"`, `"Resource": "*"`), nil},
		{"session policy", policy.Session, allow(`"Action": "iam:PassRole"`, `"Resource": "*"`), nil},
	})
}

func TestPrivilegeEscalation(t *testing.T) {
	allow := func(actions string) string {
		return `{"Effect": "Allow", "Action": ` + actions + `, "Resource": "*"}`
	}
	tables := testLinter.securityTables()
	all := make([]int, len(tables.methods))
	for i := range all {
		all[i] = i
	}
	minimal := minimalMethods(tables.methods, all)
	runSecurityCases(t, "privilege-escalation", []secCase{
		{"one action", policy.Identity, secPolicy(allow(`["iam:GetPolicy", "iam:CreatePolicyVersion"]`)),
			secError("Statement[0].Action[1]", `Statement[0] allows privilege escalation by CreateNewPolicyVersion: iam:CreatePolicyVersion`)},
		{"across statements", policy.Identity, secPolicy(allow(`"iam:PassRole"`), allow(`["ec2:DescribeInstances", "ec2:RunInstances"]`)),
			secError("Statement[0].Action[0]", `Statement[0] allows privilege escalation by CreateEC2WithExistingIP: iam:PassRole, ec2:RunInstances (with Statement[1])`)},
		{"wildcards", policy.Identity, secPolicy(allow(`["iam:Pass*", "lambda:Create*", "lambda:InvokeFunction"]`)),
			secError("Statement[0].Action[0]", `Statement[0] allows privilege escalation by 2 methods: PassExistingRoleToNewLambdaThenInvoke and PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo`)},
		{"one finding per entry", policy.Identity, secPolicy(allow(`["iam:CreateAccessKey", "iam:AttachUserPolicy"]`)), []secFinding{
			{"error", "Statement[0].Action[0]", `Statement[0] allows privilege escalation by CreateAccessKey: iam:CreateAccessKey`},
			{"error", "Statement[0].Action[1]", `Statement[0] allows privilege escalation by AttachUserPolicy: iam:AttachUserPolicy`},
		}},
		{"service wildcard", policy.Identity, secPolicy(allow(`"glue:*"`)),
			secError("Statement[0].Action[0]", `Statement[0] allows privilege escalation by UpdateExistingGlueDevEndpoint: glue:UpdateDevEndpoint`)},
		{"methods of one entry make one finding", policy.Identity, secPolicy(allow(`["iam:Get*", "iam:*"]`)),
			secError("Statement[0].Action[1]", `Statement[0] allows privilege escalation by 13 methods: CreateAccessKey, CreateLoginProfile, UpdateLoginProfile and 10 more`)},
		{"a method that includes another is left out", policy.Identity, secPolicy(allow(`["iam:CreateAccessKey", "iam:DeleteAccessKey"]`)),
			secError("Statement[0].Action[0]", `Statement[0] allows privilege escalation by CreateAccessKey: iam:CreateAccessKey`)},
		{"not resource", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "iam:UpdateAssumeRolePolicy", "NotResource": "arn:aws:iam::111122223333:role/admin"}`),
			secError("Statement[0].Action[0]", `Statement[0] allows privilege escalation by UpdateRolePolicyToAssumeIt: iam:UpdateAssumeRolePolicy`)},
		{"denied on every resource", policy.Identity, secPolicy(allow(`["iam:CreatePolicyVersion", "iam:AttachUserPolicy"]`), `{"Effect": "Deny", "Action": "iam:CreatePolicyVersion", "Resource": "*"}`),
			secError("Statement[0].Action[1]", `Statement[0] allows privilege escalation by AttachUserPolicy: iam:AttachUserPolicy`)},
		{"conditional deny does not count", policy.Identity, secPolicy(allow(`"iam:AttachUserPolicy"`), `{"Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}`),
			secError("Statement[0].Action[0]", `Statement[0] allows privilege escalation by AttachUserPolicy: iam:AttachUserPolicy`)},
		{"deny on some resources does not count", policy.Identity, secPolicy(allow(`"iam:AttachUserPolicy"`), `{"Effect": "Deny", "Action": "iam:*", "Resource": "arn:aws:iam::111122223333:user/admin"}`),
			secError("Statement[0].Action[0]", `Statement[0] allows privilege escalation by AttachUserPolicy: iam:AttachUserPolicy`)},
		{"full admin is left to admin-star", policy.Identity, secPolicy(allow(`"*"`)), nil},
		{"every action but S3 is one finding", policy.Identity, secPolicy(`{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}`),
			secError("Statement[0].NotAction", fmt.Sprintf("Statement[0] allows privilege escalation by %d methods: CreateAccessKey, CreateLoginProfile, UpdateLoginProfile and %d more", len(minimal), len(minimal)-3))},
		{"pass role scoped", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app"}`, allow(`"ec2:RunInstances"`)), nil},
		{"one half only", policy.Identity, secPolicy(allow(`["iam:PassRole", "lambda:CreateFunction"]`)), nil},
		{"condition", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}`), nil},
		{"scoped", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "arn:aws:iam::111122223333:policy/app/*"}`), nil},
		{"deny", policy.Identity, secPolicy(`{"Effect": "Deny", "Action": "iam:CreatePolicyVersion", "Resource": "*"}`), nil},
		{"not action excluding them", policy.Identity, secPolicy(`{"Effect": "Allow", "NotAction": ["iam:*", "lambda:*", "glue:*", "ec2:*", "ec2-instance-connect:*", "ecs:*", "sagemaker:*", "cloudformation:*", "bedrock-agentcore:*"], "Resource": "*"}`), nil},
		{"scp", policy.SCP, secPolicy(allow(`"iam:CreatePolicyVersion"`)), nil},
		{"boundary", policy.Boundary, secPolicy(allow(`"iam:CreatePolicyVersion"`)), nil},
		{"session policy", policy.Session, secPolicy(allow(`"lambda:UpdateFunctionCode"`)), nil},
		{"resource policy", policy.Resource, secPolicy(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/x"}, "Action": "lambda:UpdateFunctionCode", "Resource": "*"}`), nil},
	})
}

// TestPrivilegeEscalationNotAction checks that a NotAction statement
// reports at NotAction, one finding for the methods it allows on its own
// and one for those it allows with the PassRole statement.
func TestPrivilegeEscalationNotAction(t *testing.T) {
	src := secPolicy(`{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}`,
		`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}`)
	got := lintFindings(policy.Identity, src, LookupRules("privilege-escalation"), secFindingOf)
	want := []secFinding{
		{"error", "Statement[0].NotAction", "Statement[0] allows privilege escalation by 23 methods: CreateEC2WithExistingIP, PassExistingRoleToNewLambdaThenInvoke, PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo and 20 more (with Statement[1])"},
		{"error", "Statement[0].NotAction", "Statement[0] allows privilege escalation by 10 methods: UpdateExistingGlueDevEndpoint, EditExistingLambdaFunctionWithRole, AccessExistingBedrockCodeInterpreterSession and 7 more"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("privilege-escalation findings mismatch (-want +got):\n%s", diff)
	}
}

// TestEscalationMethodsInCatalog keeps the method table in step with the
// catalog: an action the catalog does not know disables its method.
func TestEscalationMethodsInCatalog(t *testing.T) {
	cat := catalog.Default()
	for _, m := range escalationMethods {
		for _, a := range m.actions {
			if a != strings.ToLower(a) {
				t.Errorf("%s: %s is not lower case", m.name, a)
			}
			if _, ok := cat.Action(a); !ok {
				t.Errorf("%s: the catalog has no action %s", m.name, a)
			}
		}
	}
	for _, a := range append(append([]string{}, credentialActions...), dataExfiltrationActions...) {
		if a != strings.ToLower(a) {
			t.Errorf("%s is not lower case", a)
		}
	}
}

func TestResourceExposure(t *testing.T) {
	runSecurityCases(t, "resource-exposure", []secCase{
		{"one action", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:PutBucketPolicy", "Resource": "*"}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows permissions-management actions on every resource ("*"): s3:PutBucketPolicy`)},
		{"in action order", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"], "Resource": "*"}`),
			secWarning("Statement[0].Action[1]", `Statement[0] allows 2 permissions-management actions on every resource ("*"): s3:PutBucketPolicy and s3:DeleteBucketPolicy`)},
		{"service wildcard", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows 3 permissions-management actions on every resource ("*"): sqs:AddPermission, sqs:RemovePermission and sqs:SetQueueAttributes`)},
		{"many", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": ["kms:CreateGrant", "kms:PutKeyPolicy", "s3:PutBucketPolicy", "s3:PutBucketAcl"], "Resource": "*"}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows 4 permissions-management actions on every resource ("*"): kms:CreateGrant, kms:PutKeyPolicy, s3:PutBucketPolicy and 1 more`)},
		{"not resource", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:PutBucketPolicy", "NotResource": "arn:aws:s3:::example-logs"}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows permissions-management actions on every resource outside NotResource: s3:PutBucketPolicy`)},
		{"partly denied", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"], "Resource": "*"}`, `{"Effect": "Deny", "Action": "s3:PutBucketPolicy", "Resource": "*"}`),
			secWarning("Statement[0].Action[1]", `Statement[0] allows permissions-management actions on every resource ("*"): s3:DeleteBucketPolicy`)},
		{"denied", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:PutBucketPolicy", "Resource": "*"}`, `{"Effect": "Deny", "Action": "s3:Put*", "Resource": "*"}`), nil},
		{"scoped", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:PutBucketPolicy", "Resource": "arn:aws:s3:::example-logs"}`), nil},
		{"condition", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:PutBucketPolicy", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "logs"}}}`), nil},
		{"read actions", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}`), nil},
		{"scp", policy.SCP, secPolicy(`{"Effect": "Allow", "Action": "s3:PutBucketPolicy", "Resource": "*"}`), nil},
		{"session policy", policy.Session, secPolicy(`{"Effect": "Allow", "Action": "s3:PutBucketPolicy", "Resource": "*"}`), nil},
		{"resource policy", policy.Resource, secPolicy(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/x"}, "Action": "s3:PutBucketPolicy", "Resource": "*"}`), nil},
	})
}

func TestCredentialsExposure(t *testing.T) {
	runSecurityCases(t, "credentials-exposure", []secCase{
		{"assume role", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows actions that return credentials on every resource ("*"): sts:AssumeRole`)},
		{"service wildcard", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "sts:*", "Resource": "*"}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows 4 actions that return credentials on every resource ("*"): sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity and 1 more`)},
		{"each statement", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "*"}`, `{"Effect": "Allow", "Action": ["s3:GetObject", "ec2:GetPasswordData"], "NotResource": "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0"}`), []secFinding{
			{"warning", "Statement[0].Action[0]", `Statement[0] allows actions that return credentials on every resource ("*"): iam:CreateAccessKey`},
			{"warning", "Statement[1].Action[1]", `Statement[1] allows actions that return credentials on every resource outside NotResource: ec2:GetPasswordData`},
		}},
		{"not action", policy.Identity, secPolicy(`{"Effect": "Allow", "NotAction": ["iam:*", "sts:*", "airflow:*", "appsync:*", "chime:*", "cloud9:*", "codeartifact:*", "codepipeline:*", "cognito-identity:*", "cognito-idp:*", "connect:*", "ec2:*", "emr-containers:*", "finspace-api:*", "gamelift:*", "grafana:*", "license-manager:*", "lightsail:*", "mediapackage:*", "rds-db:*", "redshift:*"], "Resource": "*"}`),
			secWarning("Statement[0].NotAction", `Statement[0] allows actions that return credentials on every resource ("*"): redshift-serverless:GetCredentials`)},
		{"session token needs no permission", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": ["sts:GetSessionToken", "sts:GetCallerIdentity"], "Resource": "*"}`), nil},
		{"registry token", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "ecr-public:GetAuthorizationToken"], "Resource": "*"}`), nil},
		{"scoped", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/deploy"}`), nil},
		{"condition", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceAccount": "111122223333"}}}`), nil},
		{"denied", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}`, `{"Effect": "Deny", "NotAction": "s3:*", "Resource": "*"}`), nil},
		{"boundary", policy.Boundary, secPolicy(`{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}`), nil},
		{"session policy", policy.Session, secPolicy(`{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}`), nil},
	})
}

func TestDataExfiltration(t *testing.T) {
	runSecurityCases(t, "data-exfiltration", []secCase{
		{"secrets", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows data-read actions on every resource ("*"): secretsmanager:GetSecretValue`)},
		{"parameters", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": ["ssm:DescribeParameters", "ssm:GetParameter*"], "Resource": "*"}`),
			secWarning("Statement[0].Action[1]", `Statement[0] allows 3 data-read actions on every resource ("*"): ssm:GetParameter, ssm:GetParameters and ssm:GetParametersByPath`)},
		{"conditional deny does not count", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`, `{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}`),
			secWarning("Statement[0].Action[0]", `Statement[0] allows data-read actions on every resource ("*"): s3:GetObject`)},
		{"denied", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`, `{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}`), nil},
		{"scoped", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-reports/*"}`), nil},
		{"condition", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceAccount": "111122223333"}}}`), nil},
		{"other reads", policy.Identity, secPolicy(`{"Effect": "Allow", "Action": ["s3:GetBucketLocation", "ssm:DescribeParameters"], "Resource": "*"}`), nil},
		{"scp", policy.SCP, secPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), nil},
		{"session policy", policy.Session, secPolicy(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), nil},
	})
}

func TestTrustAnyPrincipal(t *testing.T) {
	trust := func(principal, condition string) string {
		st := `{"Effect": "Allow", "Principal": ` + principal + `, "Action": "sts:AssumeRole"`
		if condition != "" {
			st += `, "Condition": ` + condition
		}
		return secPolicy(st + `}`)
	}
	anyone := `Statement[0] lets any AWS principal ("*") assume the role`
	review := `Statement[0] lets any AWS principal ("*") assume the role when its conditions hold, and none of them limits the caller's account, organization or ARN; review them`
	runSecurityCases(t, "trust-any-principal", []secCase{
		{"aws star", policy.Trust, trust(`{"AWS": "*"}`, ""), secError("Statement[0].Principal.AWS[0]", anyone)},
		{"star", policy.Trust, trust(`"*"`, ""), secError("Statement[0].Principal", anyone)},
		{"star among accounts", policy.Trust, trust(`{"AWS": ["arn:aws:iam::111122223333:root", "*"]}`, ""), secError("Statement[0].Principal.AWS[1]", anyone)},
		{"external id only", policy.Trust, trust(`{"AWS": "*"}`, `{"StringEquals": {"sts:ExternalId": "a7f3c9"}}`), secWarning("Statement[0].Principal.AWS[0]", review)},
		{"negated account", policy.Trust, trust(`{"AWS": "*"}`, `{"StringNotEquals": {"aws:PrincipalAccount": "444455556666"}}`), secWarning("Statement[0].Principal.AWS[0]", review)},
		{"if exists", policy.Trust, trust(`{"AWS": "*"}`, `{"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`), secWarning("Statement[0].Principal.AWS[0]", review)},
		{"wildcard account", policy.Trust, trust(`{"AWS": "*"}`, `{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/deploy"}}`), secWarning("Statement[0].Principal.AWS[0]", review)},
		{"organization wildcard", policy.Trust, trust(`{"AWS": "*"}`, `{"StringLike": {"aws:PrincipalOrgID": "o-*"}}`), secWarning("Statement[0].Principal.AWS[0]", review)},
		{"organization", policy.Trust, trust(`{"AWS": "*"}`, `{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`), nil},
		{"organization paths", policy.Trust, trust(`{"AWS": "*"}`, `{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}`), nil},
		{"principal arn in the account", policy.Trust, trust(`{"AWS": "*"}`, `{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci-*"}}`), nil},
		{"named principal", policy.Trust, trust(`{"AWS": "arn:aws:iam::111122223333:role/deploy"}`, ""), nil},
		{"deny", policy.Trust, secPolicy(`{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}`), nil},
		{"resource policy", policy.Resource, secPolicy(`{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"}`), nil},
	})
}

func TestTrustOIDCUnconstrained(t *testing.T) {
	const github = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
	const eks = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
	web := func(federated, action, condition string) string {
		st := `{"Effect": "Allow", "Principal": {"Federated": "` + federated + `"}, "Action": "` + action + `"`
		if condition != "" {
			st += `, "Condition": ` + condition
		}
		return secPolicy(st + `}`)
	}
	oidc := func(federated, condition string) string {
		return web(federated, "sts:AssumeRoleWithWebIdentity", condition)
	}
	const aud = `"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"`
	noSub := `Statement[0] lets any GitHub Actions workflow of any repository assume the role: no condition on "token.actions.githubusercontent.com:sub"`
	subPath := "Statement[0].Condition.StringLike.token.actions.githubusercontent.com:sub"
	eksHost := "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
	runSecurityCases(t, "trust-oidc-unconstrained", []secCase{
		{"github without conditions", policy.Trust, oidc(github, ""), secError("Statement[0].Principal.Federated[0]", noSub)},
		{"github audience only", policy.Trust, oidc(github, `{"StringEquals": {`+aud+`}}`), secError("Statement[0].Principal.Federated[0]", noSub)},
		{"github any repository", policy.Trust, oidc(github, `{"StringEquals": {`+aud+`}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:*"}}`),
			secError(subPath, `Statement[0] lets a GitHub Actions workflow of any repository assume the role: "token.actions.githubusercontent.com:sub" admits "repo:*"`)},
		{"github any owner", policy.Trust, oidc(github, `{"StringLike": {"token.actions.githubusercontent.com:sub": ["repo:example-org/app:*", "repo:*/app:*"]}}`),
			secError(subPath, `Statement[0] lets a GitHub Actions workflow of any repository assume the role: "token.actions.githubusercontent.com:sub" admits "repo:*/app:*"`)},
		{"github only star", policy.Trust, oidc(github, `{"StringLike": {"token.actions.githubusercontent.com:sub": "*"}}`),
			secError(subPath, `Statement[0] lets a GitHub Actions workflow of any repository assume the role: "token.actions.githubusercontent.com:sub" admits "*"`)},
		{"github owner prefix", policy.Trust, oidc(github, `{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-*/app:*"}}`),
			secError(subPath, `Statement[0] lets a GitHub Actions workflow of any repository assume the role: "token.actions.githubusercontent.com:sub" admits "repo:octo-*/app:*"`)},
		{"github wildcard in repo:", policy.Trust, oidc(github, `{"StringLike": {"token.actions.githubusercontent.com:sub": "repo*"}}`),
			secError(subPath, `Statement[0] lets a GitHub Actions workflow of any repository assume the role: "token.actions.githubusercontent.com:sub" admits "repo*"`)},
		{"github leading wildcard", policy.Trust, oidc(github, `{"StringLike": {"token.actions.githubusercontent.com:sub": "*:ref:refs/heads/main"}}`),
			secError(subPath, `Statement[0] lets a GitHub Actions workflow of any repository assume the role: "token.actions.githubusercontent.com:sub" admits "*:ref:refs/heads/main"`)},
		{"github leading wildcard before the owner", policy.Trust, oidc(github, `{"StringLike": {"token.actions.githubusercontent.com:sub": ["repo:octo-org/app:*", "*octo-org/app*"]}}`),
			secError(subPath, `Statement[0] lets a GitHub Actions workflow of any repository assume the role: "token.actions.githubusercontent.com:sub" admits "*octo-org/app*"`)},
		{"github question mark in repo:", policy.Trust, oidc(github, `{"StringLike": {"token.actions.githubusercontent.com:sub": "re?o:*"}}`),
			secError(subPath, `Statement[0] lets a GitHub Actions workflow of any repository assume the role: "token.actions.githubusercontent.com:sub" admits "re?o:*"`)},
		{"github owner without a slash", policy.Trust, oidc(github, `{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-org*"}}`),
			secError(subPath, `Statement[0] lets a GitHub Actions workflow of any repository assume the role: "token.actions.githubusercontent.com:sub" admits "repo:octo-org*"`)},
		{"github negated subject", policy.Trust, oidc(github, `{"StringNotLike": {"token.actions.githubusercontent.com:sub": "repo:evil-org/*"}}`), secError("Statement[0].Principal.Federated[0]", noSub)},
		{"github enterprise issuer", policy.Trust, oidc("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com/example-enterprise", ""),
			secError("Statement[0].Principal.Federated[0]", `Statement[0] lets any GitHub Actions workflow of any repository assume the role: no condition on "token.actions.githubusercontent.com/example-enterprise:sub"`)},
		{"action wildcard", policy.Trust, web(github, "sts:AssumeRoleWith*", ""), secError("Statement[0].Principal.Federated[0]", noSub)},
		{"eks audience only", policy.Trust, oidc(eks, `{"StringEquals": {"`+eksHost+`:aud": "sts.amazonaws.com"}}`),
			secError("Statement[0].Principal.Federated[0]", `Statement[0] lets any identity of OIDC provider `+eksHost+` assume the role: no condition on "`+eksHost+`:sub"`)},
		{"eks any subject", policy.Trust, oidc(eks, `{"StringLike": {"`+eksHost+`:sub": "*"}}`),
			secError("Statement[0].Condition.StringLike."+eksHost+":sub", `Statement[0] lets any identity of OIDC provider `+eksHost+` assume the role: "`+eksHost+`:sub" admits "*"`)},
		{"eks any namespace", policy.Trust, oidc(eks, `{"StringEquals": {"`+eksHost+`:aud": "sts.amazonaws.com"}, "StringLike": {"`+eksHost+`:sub": "system:serviceaccount:*:*"}}`),
			secError("Statement[0].Condition.StringLike."+eksHost+":sub", `Statement[0] lets service accounts of any namespace of EKS cluster OIDC provider `+eksHost+` assume the role: "`+eksHost+`:sub" admits "system:serviceaccount:*:*"`)},
		{"eks any namespace without a name", policy.Trust, oidc(eks, `{"StringLike": {"`+eksHost+`:sub": ["system:serviceaccount:orders:api", "system:serviceaccount:*"]}}`),
			secError("Statement[0].Condition.StringLike."+eksHost+":sub", `Statement[0] lets service accounts of any namespace of EKS cluster OIDC provider `+eksHost+` assume the role: "`+eksHost+`:sub" admits "system:serviceaccount:*"`)},
		{"eks namespace prefix", policy.Trust, oidc(eks, `{"StringLike": {"`+eksHost+`:sub": "system:serviceaccount:team-*:deployer"}}`),
			secError("Statement[0].Condition.StringLike."+eksHost+":sub", `Statement[0] lets service accounts of any namespace of EKS cluster OIDC provider `+eksHost+` assume the role: "`+eksHost+`:sub" admits "system:serviceaccount:team-*:deployer"`)},
		{"eks in the China Regions", policy.Trust, oidc("arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLE", `{"StringLike": {"oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLE:sub": "system:serviceaccount:*:*"}}`),
			secError("Statement[0].Condition.StringLike.oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLE:sub", `Statement[0] lets service accounts of any namespace of EKS cluster OIDC provider oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLE assume the role: "oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLE:sub" admits "system:serviceaccount:*:*"`)},
		{"eks wildcard before the namespace", policy.Trust, oidc(eks, `{"StringLike": {"`+eksHost+`:sub": "system:*"}}`),
			secError("Statement[0].Condition.StringLike."+eksHost+":sub", `Statement[0] lets service accounts of any namespace of EKS cluster OIDC provider `+eksHost+` assume the role: "`+eksHost+`:sub" admits "system:*"`)},
		{"cognito without pool", policy.Trust, oidc("cognito-identity.amazonaws.com", `{"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}`),
			secError("Statement[0].Principal.Federated[0]", `Statement[0] lets identities of any Amazon Cognito identity pool assume the role: no condition on "cognito-identity.amazonaws.com:aud"`)},
		{"google without audience", policy.Trust, oidc("accounts.google.com", ""),
			secError("Statement[0].Principal.Federated[0]", `Statement[0] lets any user of accounts.google.com assume the role: no condition on a "accounts.google.com:" key`)},
		{"github repository", policy.Trust, oidc(github, `{"StringEquals": {`+aud+`, "token.actions.githubusercontent.com:sub": "repo:example-org/app:ref:refs/heads/main"}}`), nil},
		{"github organization", policy.Trust, oidc(github, `{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:example-org/*"}}`), nil},
		{"github literal star", policy.Trust, oidc(github, `{"StringEquals": {"token.actions.githubusercontent.com:sub": "repo:*"}}`), nil},
		{"github repository of one owner", policy.Trust, oidc(github, `{"StringLike": {"token.actions.githubusercontent.com:sub": ["repo:octo-org/app:*", "repo:octo-org/*-service:ref:refs/heads/main"]}}`), nil},
		{"github customized subject", policy.Trust, oidc(github, `{"StringLike": {"token.actions.githubusercontent.com:sub": "repository_owner_id:12345:*"}}`), nil},
		{"github key case", policy.Trust, oidc(github, `{"StringEquals": {"Token.Actions.GitHubUserContent.com:sub": "repo:example-org/app:environment:prod"}}`), nil},
		{"eks service account", policy.Trust, oidc(eks, `{"StringEquals": {"`+eksHost+`:sub": "system:serviceaccount:orders:api"}}`), nil},
		{"eks any service account of one namespace", policy.Trust, oidc(eks, `{"StringLike": {"`+eksHost+`:sub": "system:serviceaccount:orders:*"}}`), nil},
		{"eks any subject and one service account", policy.Trust, oidc(eks, `{"StringLike": {"`+eksHost+`:sub": "*"}, "StringEquals": {"`+eksHost+`:sub": "system:serviceaccount:orders:api"}}`), nil},
		{"eks any namespace and one service account", policy.Trust, oidc(eks, `{"StringLike": {"`+eksHost+`:sub": "system:serviceaccount:*:*"}, "StringEquals": {"`+eksHost+`:sub": "system:serviceaccount:orders:api"}}`), nil},
		{"eks service account prefix in one namespace", policy.Trust, oidc(eks, `{"StringLike": {"`+eksHost+`:sub": "system:serviceaccount:orders:api-*"}}`), nil},
		{"other provider's service accounts", policy.Trust, oidc("arn:aws:iam::111122223333:oidc-provider/oidc.example.com/k8s", `{"StringLike": {"oidc.example.com/k8s:sub": "system:serviceaccount:*:*"}}`), nil},
		{"cognito pool", policy.Trust, oidc("cognito-identity.amazonaws.com", `{"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456789012"}}`), nil},
		{"google audience", policy.Trust, oidc("accounts.google.com", `{"StringEquals": {"accounts.google.com:aud": "666777888999000"}}`), nil},
		{"saml", policy.Trust, web("arn:aws:iam::111122223333:saml-provider/ExampleIdP", "sts:AssumeRoleWithSAML", ""), nil},
		{"other action", policy.Trust, web(github, "sts:TagSession", ""), nil},
		{"deny", policy.Trust, secPolicy(`{"Effect": "Deny", "Principal": {"Federated": "` + github + `"}, "Action": "sts:AssumeRoleWithWebIdentity"}`), nil},
	})
}

func TestServicePrincipalConfusedDeputy(t *testing.T) {
	toQueue := func(principal, condition string) string {
		st := `{"Effect": "Allow", "Principal": ` + principal + `, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"`
		if condition != "" {
			st += `, "Condition": ` + condition
		}
		return secPolicy(st + `}`)
	}
	const sns = `{"Service": "sns.amazonaws.com"}`
	one := `Statement[0] allows service principal "sns.amazonaws.com" without a condition on aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths`
	runSecurityCases(t, "service-principal-confused-deputy", []secCase{
		{"no condition", policy.Resource, toQueue(sns, ""), secWarning("Statement[0].Principal.Service[0]", one)},
		{"two services", policy.Resource, toQueue(`{"Service": ["sns.amazonaws.com", "events.amazonaws.com"]}`, ""),
			secWarning("Statement[0].Principal.Service[0]", `Statement[0] allows service principals "sns.amazonaws.com", "events.amazonaws.com" without a condition on aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths`)},
		{"other condition", policy.Resource, toQueue(sns, `{"Bool": {"aws:SecureTransport": "true"}}`), secWarning("Statement[0].Principal.Service[0]", one)},
		{"negated source", policy.Resource, toQueue(sns, `{"StringNotEquals": {"aws:SourceAccount": "444455556666"}}`), secWarning("Statement[0].Principal.Service[0]", one)},
		{"null source", policy.Resource, toQueue(sns, `{"Null": {"aws:SourceArn": "false"}}`), secWarning("Statement[0].Principal.Service[0]", one)},
		{"source arn", policy.Resource, toQueue(sns, `{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:orders-events"}}`), nil},
		{"source account", policy.Resource, toQueue(sns, `{"StringEquals": {"aws:SourceAccount": "111122223333"}}`), nil},
		{"source organization", policy.Resource, toQueue(sns, `{"StringEquals": {"aws:SourceOrgID": "o-a1b2c3d4e5"}}`), nil},
		{"source owner", policy.Resource, toQueue(sns, `{"StringEquals": {"aws:SourceOwner": "111122223333"}}`), nil},
		{"account principal", policy.Resource, toQueue(`{"AWS": "arn:aws:iam::444455556666:role/producer"}`, ""), nil},
		{"deny", policy.Resource, secPolicy(`{"Effect": "Deny", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"}`), nil},
		{"trust policy", policy.Trust, secPolicy(`{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}`), nil},
	})
}

func TestResourcePolicyPublic(t *testing.T) {
	read := func(principal, condition string) string {
		st := `{"Effect": "Allow", "Principal": ` + principal + `, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"`
		if condition != "" {
			st += `, "Condition": ` + condition
		}
		return secPolicy(st + `}`)
	}
	anyone := `Statement[0] allows any principal ("*"), including anonymous callers where the service accepts them`
	unlimited := `Statement[0] allows any principal ("*"): none of its conditions limits the caller's account, organization or network`
	runSecurityCases(t, "resource-policy-public", []secCase{
		{"star", policy.Resource, read(`"*"`, ""), secError("Statement[0].Principal", anyone)},
		{"aws star", policy.Resource, read(`{"AWS": "*"}`, ""), secError("Statement[0].Principal.AWS[0]", anyone)},
		{"transport only", policy.Resource, read(`"*"`, `{"Bool": {"aws:SecureTransport": "true"}}`), secError("Statement[0].Principal", unlimited)},
		{"every address", policy.Resource, read(`"*"`, `{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "0.0.0.0/0"]}}`), secError("Statement[0].Principal", unlimited)},
		{"any organization", policy.Resource, read(`"*"`, `{"StringLike": {"aws:PrincipalOrgID": "*"}}`), secError("Statement[0].Principal", unlimited)},
		{"negated", policy.Resource, read(`"*"`, `{"StringNotEquals": {"aws:PrincipalAccount": "444455556666"}}`), secError("Statement[0].Principal", unlimited)},
		{"if exists", policy.Resource, read(`"*"`, `{"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}}`), secError("Statement[0].Principal", unlimited)},
		{"for all values", policy.Resource, read(`"*"`, `{"ForAllValues:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*"}}`), secError("Statement[0].Principal", unlimited)},
		{"via service only", policy.Resource, read(`"*"`, `{"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}`), secError("Statement[0].Principal", unlimited)},
		{"user name", policy.Resource, read(`"*"`, `{"StringEquals": {"aws:username": "alice"}}`), secError("Statement[0].Principal", unlimited)},
		{"any endpoint", policy.Resource, read(`"*"`, `{"StringLike": {"aws:SourceVpce": "vpce-*"}}`), secError("Statement[0].Principal", unlimited)},
		{"organization", policy.Resource, read(`"*"`, `{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`), nil},
		{"endpoint", policy.Resource, read(`{"AWS": "*"}`, `{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}`), nil},
		{"address range", policy.Resource, read(`"*"`, `{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}`), nil},
		{"caller account", policy.Resource, read(`"*"`, `{"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "s3.us-east-1.amazonaws.com"}}`), nil},
		{"principal arn", policy.Resource, read(`"*"`, `{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/readers-*"}}`), nil},
		{"among other conditions", policy.Resource, read(`"*"`, `{"Bool": {"aws:SecureTransport": "true"}, "StringEquals": {"aws:SourceAccount": "111122223333"}}`), nil},
		{"named principal", policy.Resource, read(`{"AWS": "arn:aws:iam::444455556666:root"}`, ""), nil},
		{"deny", policy.Resource, secPolicy(`{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::example-bucket/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}`), nil},
		{"trust policy", policy.Trust, secPolicy(`{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}`), nil},
		{"endpoint policy", policy.Endpoint, read(`"*"`, ""), nil},
	})
}

// TestResourcePolicyPublicDeny checks the Deny statements that limit an
// Allow to "*" in a resource-based policy.
func TestResourcePolicyPublicDeny(t *testing.T) {
	const allowRead = `{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"}`
	deny := func(principal, action, resource, condition string) string {
		return `{"Effect": "Deny", "Principal": ` + principal + `, ` + action + `, ` + resource + `, "Condition": ` + condition + `}`
	}
	const bucket = `"Resource": ["arn:aws:s3:::example-bucket", "arn:aws:s3:::example-bucket/*"]`
	const outsideOrg = `{"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`
	anyone := `Statement[1] allows any principal ("*"), including anonymous callers where the service accepts them`
	reported := func(principalPath string) []secFinding { return secError(principalPath, anyone) }
	// The private API policy of the API Gateway developer guide
	// (apigateway-resource-policies-examples), with its execute-api:/*
	// shorthand.
	privateAPI := secPolicy(
		`{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*", "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}`,
		`{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}`)
	runSecurityCases(t, "resource-policy-public", []secCase{
		{"private API", policy.Resource, privateAPI, nil},
		{"private API, one method", policy.Resource, secPolicy(
			`{"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*", "Condition": {"StringNotEqualsIfExists": {"aws:SourceVpc": "vpc-1a2b3c4d"}}}`,
			`{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/GET/pets"}`), nil},
		{"organization by Deny", policy.Resource, secPolicy(deny(`"*"`, `"Action": "s3:GetObject"`, bucket, outsideOrg), allowRead), nil},
		{"service wildcard", policy.Resource, secPolicy(deny(`{"AWS": "*"}`, `"Action": "S3:*"`, `"Resource": "arn:aws:s3:::example-bucket/*"`, outsideOrg), allowRead), nil},
		{"every action and resource", policy.Resource, secPolicy(deny(`"*"`, `"Action": "*"`, `"Resource": "*"`, `{"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}`), allowRead), nil},
		{"prefix pattern", policy.Resource, secPolicy(deny(`"*"`, `"Action": "s3:Get*"`, `"Resource": "arn:aws:s3:::example-*"`, `{"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/readers-*"}}`), allowRead), nil},
		{"not action that keeps it", policy.Resource, secPolicy(deny(`"*"`, `"NotAction": "s3:ListBucket"`, bucket, outsideOrg), allowRead), nil},
		{"several keys", policy.Resource, secPolicy(deny(`"*"`, `"Action": "s3:*"`, bucket, `{"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5", "aws:SourceVpce": "vpce-1a2b3c4d"}, "StringNotLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}`), allowRead), nil},
		{"deny after the allow", policy.Resource, secPolicy(allowRead, deny(`"*"`, `"Action": "s3:GetObject"`, bucket, outsideOrg)), nil},
		{"positive operator denies only whom it names", policy.Resource, secPolicy(deny(`"*"`, `"Action": "s3:*"`, bucket, `{"IpAddress": {"aws:SourceIp": "198.51.100.0/24"}}`), allowRead), reported("Statement[1].Principal")},
		{"key that does not limit the caller", policy.Resource, secPolicy(deny(`"*"`, `"Action": "s3:*"`, bucket, `{"StringNotEquals": {"aws:RequestedRegion": "us-east-1"}}`), allowRead), reported("Statement[1].Principal")},
		{"another condition", policy.Resource, secPolicy(deny(`"*"`, `"Action": "s3:*"`, bucket, `{"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}, "Bool": {"aws:SecureTransport": "false"}}`), allowRead), reported("Statement[1].Principal")},
		{"set qualifier", policy.Resource, secPolicy(deny(`"*"`, `"Action": "s3:*"`, bucket, `{"ForAnyValue:StringNotLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*"}}`), allowRead), reported("Statement[1].Principal")},
		{"ignoring case", policy.Resource, secPolicy(deny(`"*"`, `"Action": "s3:*"`, bucket, `{"StringNotEqualsIgnoreCase": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`), allowRead), reported("Statement[1].Principal")},
		{"any endpoint", policy.Resource, secPolicy(deny(`"*"`, `"Action": "s3:*"`, bucket, `{"StringNotLike": {"aws:SourceVpce": "vpce-*"}}`), allowRead), reported("Statement[1].Principal")},
		{"every address", policy.Resource, secPolicy(deny(`"*"`, `"Action": "s3:*"`, bucket, `{"NotIpAddress": {"aws:SourceIp": "0.0.0.0/0"}}`), allowRead), reported("Statement[1].Principal")},
		{"other actions", policy.Resource, secPolicy(deny(`"*"`, `"Action": ["s3:PutObject", "s3:Get*Acl"]`, bucket, outsideOrg), allowRead), reported("Statement[1].Principal")},
		{"not action excluding it", policy.Resource, secPolicy(deny(`"*"`, `"NotAction": "s3:Get*"`, bucket, outsideOrg), allowRead), reported("Statement[1].Principal")},
		{"other resources", policy.Resource, secPolicy(deny(`"*"`, `"Action": "s3:*"`, `"Resource": "arn:aws:s3:::example-bucket/private/*"`, outsideOrg), allowRead), reported("Statement[1].Principal")},
		{"not resource", policy.Resource, secPolicy(deny(`"*"`, `"Action": "s3:*"`, `"NotResource": "arn:aws:s3:::example-logs/*"`, outsideOrg), allowRead), reported("Statement[1].Principal")},
		{"named principal", policy.Resource, secPolicy(deny(`{"AWS": "arn:aws:iam::444455556666:root"}`, `"Action": "s3:*"`, bucket, outsideOrg), allowRead), reported("Statement[1].Principal")},
		{"allow with not action", policy.Resource, secPolicy(deny(`"*"`, `"Action": "s3:*"`, bucket, outsideOrg),
			`{"Effect": "Allow", "Principal": "*", "NotAction": "s3:DeleteObject", "Resource": "arn:aws:s3:::example-bucket/*"}`), reported("Statement[1].Principal")},
		{"allow with not action, deny everything", policy.Resource, secPolicy(deny(`"*"`, `"Action": "*"`, bucket, outsideOrg),
			`{"Effect": "Allow", "Principal": "*", "NotAction": "s3:DeleteObject", "Resource": "arn:aws:s3:::example-bucket/*"}`), nil},
	})
}

func TestActionPattern(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*", "s3:getobject", true},
		{"s3:GetObject", "s3:getobject", true},
		{"S3:Get*", "s3:getobject", true},
		{"s3:Get*", "s3:putobject", false},
		{"s3:*Object", "s3:getobject", true},
		{"s3:*Object", "s3:getobjectacl", false},
		{"s3:?etObject", "s3:getobject", true},
		{"s3:?etObject", "s3:etobject", false},
		{"*:Describe*", "ec2:describeinstances", true},
		{"iam:*Policy*", "iam:createpolicyversion", true},
		{"iam:*Policy*", "iam:passrole", false},
		{"iam:Pass**", "iam:passrole", true},
		{"", "iam:passrole", false},
		{"KMS:De?rypt", "kms:decrypt", true},
		// Only ASCII case is folded: the Kelvin sign, which Unicode lowers
		// to k, is not a k.
		{"\u212Ams:Decrypt", "kms:decrypt", false},
	}
	for _, tt := range tests {
		if got := testLinter.actionPattern(tt.pattern).Match(tt.name); got != tt.want {
			t.Errorf("actionPattern(%q).Match(%q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

// TestSecurityRulesRobust lints documents with grammar problems with
// every policy kind: the security checks must not panic on them.
func TestSecurityRulesRobust(t *testing.T) {
	docs := []string{
		`{"Statement": [{"Effect": "Allow"}]}`,
		`{"Statement": [{"Effect": "Maybe", "Action": "*", "Resource": "*"}]}`,
		`{"Statement": [{"Effect": "Allow", "Action": [], "Resource": []}]}`,
		`{"Statement": [{"Effect": "Allow", "NotAction": [], "NotResource": []}]}`,
		`{"Statement": [{"Effect": "Allow", "Principal": {}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"Bogus": {"x:sub": "*"}}}]}`,
		`{"Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"/:sub": []}}}]}`,
		`{"Statement": [{"Effect": "Allow", "Principal": {"Service": []}, "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceArn": []}}}]}`,
		`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["iam:PassRole", 3], "Resource": ["", "arn:"]}]}`,
		`{"Statement": {"Effect": "Allow", "Action": "iam:PassRole", "NotResource": "*", "Condition": {"StringEquals": {"iam:PassedToService": []}}}}`,
		`[]`,
		`{"Statement": []}`,
	}
	for _, kind := range policy.Kinds() {
		for _, src := range docs {
			testLinter.Lint("robust.json", []byte(src), kind)
		}
	}
}
