package matcher_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/policy"
)

func TestActionMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		element string // the Action or NotAction member
		action  string // the request's action
		want    bool
	}{
		{
			// reference_policies_elements_action.md: an exact action name.
			name: "exact", element: `"Action": "s3:GetObject"`, action: "s3:GetObject", want: true,
		},
		{
			// reference_policies_elements_action.md: "The prefix and the action name are case insensitive. For example, iam:ListAccessKeys is the same as IAM:listaccesskeys."
			name: "case-insensitive/documented", element: `"Action": "IAM:listaccesskeys"`, action: "iam:ListAccessKeys", want: true,
		},
		{
			// reference_policies_elements_action.md: prefix and name are case-insensitive (reference_policies_elements_action.md).
			name: "case-insensitive/request upper case", element: `"Action": "s3:getobject"`, action: "S3:GETOBJECT", want: true,
		},
		{
			// reference_policies_elements_action.md: exact names never prefix-match: s3:GetObject ≠ s3:GetObjectAcl (reference_policies_elements_action.md).
			name: "exact never prefix-matches", element: `"Action": "s3:GetObject"`, action: "s3:GetObjectAcl", want: false,
		},
		{
			// reference_policies_elements_action.md: exact names never match a shorter name.
			name: "exact never suffix-matches", element: `"Action": "s3:GetObjectAcl"`, action: "s3:GetObject", want: false,
		},
		{
			// reference_policies_elements_action.md: wildcards are case-insensitive too: s3:get* matches s3:GetObjectTagging (reference_policies_elements_action.md).
			name: "wildcard/lower-case pattern", element: `"Action": "s3:get*"`, action: "s3:GetObjectTagging", want: true,
		},
		{
			// reference_policies_elements_action.md: * may match the empty run (reference_policies_elements_action.md).
			name: "wildcard/empty run", element: `"Action": "s3:GetObject*"`, action: "s3:GetObject", want: true,
		},
		{
			// reference_policies_elements_action.md: * in the middle of a name.
			name: "wildcard/middle", element: `"Action": "s3:Get*Tagging"`, action: "s3:GetBucketTagging", want: true,
		},
		{
			// reference_policies_elements_action.md: * in the middle of a name; the suffix must match.
			name: "wildcard/middle non-match", element: `"Action": "s3:Get*Tagging"`, action: "s3:GetObjectAcl", want: false,
		},
		{
			// reference_policies_elements_action.md: a wildcard needs its literal prefix.
			name: "wildcard/prefix non-match", element: `"Action": "s3:List*"`, action: "s3:GetObject", want: false,
		},
		{
			// reference_policies_elements_action.md [current]: ? is exactly one character (reference_policies_elements_action.md).
			name: "question/one character", element: `"Action": "s3:GetObjectAc?"`, action: "s3:GetObjectAcl", want: true,
		},
		{
			// reference_policies_elements_action.md [current]: ? is exactly one character, not several (reference_policies_elements_action.md).
			name: "question/not several", element: `"Action": "s3:GetObject?"`, action: "s3:GetObjectAcl", want: false,
		},
		{
			// reference_policies_elements_action.md [current]: ? is exactly one character, not zero (reference_policies_elements_action.md).
			name: "question/not zero", element: `"Action": "s3:GetObject?"`, action: "s3:GetObject", want: false,
		},
		{
			// reference_policies_elements_action.md: "*" alone is every action (reference_policies_elements_action.md).
			name: "star alone/any service", element: `"Action": "*"`, action: "iam:CreateUser", want: true,
		},
		{
			// reference_policies_elements_action.md: "*" alone is every action, even a made-up one.
			name: "star alone/any action", element: `"Action": "*"`, action: "ec2:RunInstances", want: true,
		},
		{
			// reference_policies_elements_action.md: s3:* covers every S3 action.
			name: "service star/same service", element: `"Action": "s3:*"`, action: "s3:DeleteBucket", want: true,
		},
		{
			// reference_policies_elements_action.md: no wildcard reaches another service (reference_policies_elements_action.md).
			name: "service star/other service", element: `"Action": "s3:*"`, action: "ec2:RunInstances", want: false,
		},
		{
			// reference_policies_elements_action.md: the service part must equal the request's: s3 is not s3express (reference_policies_elements_action.md).
			name: "service star/longer prefix", element: `"Action": "s3:*"`, action: "s3express:CreateSession", want: false,
		},
		{
			// reference_policies_elements_action.md: a name wildcard does not cross into another service (reference_policies_elements_action.md).
			name: "name wildcard/other service", element: `"Action": "iam:Get*"`, action: "s3:GetObject", want: false,
		},
		{
			// reference_policies_elements_action.md: several actions are OR'ed.
			name: "list/second matches", element: `"Action": ["s3:PutObject", "s3:GetObject"]`, action: "s3:GetObject", want: true,
		},
		{
			// reference_policies_elements_action.md: several actions are OR'ed; none matches.
			name: "list/none matches", element: `"Action": ["s3:PutObject", "s3:GetObject"]`, action: "s3:DeleteObject", want: false,
		},
		{
			// reference_policies_elements_notaction.md: NotAction covers every unlisted action (reference_policies_elements_action.md).
			name: "NotAction/unlisted same service", element: `"NotAction": "s3:DeleteBucket"`, action: "s3:GetObject", want: true,
		},
		{
			// reference_policies_elements_notaction.md: NotAction covers every unlisted action, other services too; Resource limits it (reference_policies_elements_action.md).
			name: "NotAction/unlisted other service", element: `"NotAction": "s3:DeleteBucket"`, action: "iam:CreateUser", want: true,
		},
		{
			// reference_policies_elements_notaction.md: NotAction does not cover the listed action.
			name: "NotAction/listed", element: `"NotAction": "s3:DeleteBucket"`, action: "s3:DeleteBucket", want: false,
		},
		{
			// reference_policies_elements_notaction.md, reference_policies_elements_action.md: the listed action matches case-insensitively.
			name: "NotAction/listed other case", element: `"NotAction": "S3:deletebucket"`, action: "s3:DeleteBucket", want: false,
		},
		{
			// reference_policies_elements_notaction.md: NotAction with a wildcard excludes the whole service ("NotAction": "iam:*").
			name: "NotAction/wildcard excludes service", element: `"NotAction": "iam:*"`, action: "iam:CreateUser", want: false,
		},
		{
			// reference_policies_elements_notaction.md: NotAction iam:* covers the other services.
			name: "NotAction/wildcard other service", element: `"NotAction": "iam:*"`, action: "s3:GetObject", want: true,
		},
		{
			// reference_policies_elements_notaction.md: NotAction with a list excludes each entry.
			name: "NotAction/list", element: `"NotAction": ["iam:*", "sts:*"]`, action: "sts:AssumeRole", want: false,
		},
		{
			// reference_policies_elements_notaction.md: NotAction "*" covers nothing.
			name: "NotAction/star", element: `"NotAction": "*"`, action: "s3:GetObject", want: false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := compileStatement(t, v2012, tt.element+`, "Resource": "*"`)
			service, name := splitAction(tt.action)
			if diff := cmp.Diff(tt.want, st.Action.Match(service, name)); diff != "" {
				t.Errorf("%s: Match(%q) mismatch (-want +got):\n%s", tt.element, tt.action, diff)
			}
		})
	}
}

// TestNotActionLimitedByResource follows the NotAction example of
// reference_policies_elements_notaction.md: Allow NotAction s3:DeleteBucket on arn:aws:s3:::* grants nothing
// outside S3 and not s3:ListAllMyBuckets (resource "*").
func TestNotActionLimitedByResource(t *testing.T) {
	t.Parallel()
	st := compileStatement(t, v2012, `"NotAction": "s3:DeleteBucket", "Resource": "arn:aws:s3:::*"`)
	tests := []struct {
		name     string
		action   string
		resource string
		want     bool
	}{
		// reference_policies_elements_notaction.md: "NotAction ... with Resource": the statement covers unlisted S3 actions on S3 resources.
		{name: "S3 action on S3 resource", action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key", want: true},
		// reference_policies_elements_notaction.md: the listed action is excluded.
		{name: "listed action", action: "s3:DeleteBucket", resource: "arn:aws:s3:::bucket", want: false},
		// reference_policies_elements_notaction.md: an IAM action matches NotAction but not the S3 Resource (reference_policies_elements_action.md).
		{name: "other service", action: "iam:CreateUser", resource: "arn:aws:iam::111122223333:user/bob", want: false},
		// reference_policies_elements_notaction.md: s3:ListAllMyBuckets has resource "*", which arn:aws:s3:::* does not match (reference_policies_elements_action.md).
		{name: "resource-less action", action: "s3:ListAllMyBuckets", resource: "*", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			service, name := splitAction(tt.action)
			got := st.Action.Match(service, name) && st.Resource.Match(tt.resource, newContext())
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s on %s mismatch (-want +got):\n%s", tt.action, tt.resource, diff)
			}
		})
	}
}

// TestCandidates checks the per-service statement index: Candidates keeps
// every statement that can cover an action of the service, in policy
// order, and leaves out those naming only other services.
func TestCandidates(t *testing.T) {
	t.Parallel()
	p := mustCompile(t, policy.Identity, `{"Version": "2012-10-17", "Statement": [
		{"Sid": "S3Read", "Effect": "Allow", "Action": ["s3:Get*", "S3:ListBucket"], "Resource": "*"},
		{"Sid": "Any", "Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Sid": "EC2", "Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"},
		{"Sid": "NotIAM", "Effect": "Deny", "NotAction": "iam:*", "Resource": "*"},
		{"Sid": "WildService", "Effect": "Allow", "Action": "s?:PutObject", "Resource": "*"},
		{"Sid": "S3AndEC2", "Effect": "Allow", "Action": ["ec2:Describe*", "s3:PutObject", "s3:DeleteObject"], "Resource": "*"},
		{"Sid": "IAM", "Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*"}]}`)
	sids := func(sts []*matcher.Statement) []string {
		var out []string
		for _, st := range sts {
			out = append(out, st.Source.Sid.Text)
		}
		return out
	}
	tests := []struct {
		name    string
		service string
		want    []string
	}{
		{name: "named service", service: "s3", want: []string{"S3Read", "Any", "NotIAM", "WildService", "S3AndEC2"}},
		{name: "another named service", service: "ec2", want: []string{"Any", "EC2", "NotIAM", "WildService", "S3AndEC2"}},
		{name: "named after the any-service statements", service: "iam", want: []string{"Any", "NotIAM", "WildService", "IAM"}},
		{name: "unnamed service", service: "sqs", want: []string{"Any", "NotIAM", "WildService"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, sids(p.Candidates(matcher.NewKey(tt.service)))); diff != "" {
				t.Errorf("Candidates(%q) mismatch (-want +got):\n%s", tt.service, diff)
			}
		})
	}
	// Whatever the action, the candidates that match are the statements
	// that match.
	for _, action := range []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket", "ec2:RunInstances", "ec2:DescribeVpcs", "iam:CreateUser", "iam:DeleteUser", "sqs:SendMessage", "sx:PutObject"} {
		service, name := splitAction(action)
		matching := func(sts []*matcher.Statement) []string {
			var out []*matcher.Statement
			for _, st := range sts {
				if st.Action.Match(service, name) {
					out = append(out, st)
				}
			}
			return sids(out)
		}
		if diff := cmp.Diff(matching(p.Statements), matching(p.Candidates(matcher.NewKey(service)))); diff != "" {
			t.Errorf("%s: matching candidates mismatch (-statements +candidates):\n%s", action, diff)
		}
	}
}

// TestCandidatesSmallPolicy checks that a policy too small to index gives
// all its statements.
func TestCandidatesSmallPolicy(t *testing.T) {
	t.Parallel()
	p := mustCompile(t, policy.Identity, `{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}]}`)
	if got := len(p.Candidates(matcher.NewKey("s3"))); got != 1 {
		t.Errorf("Candidates(\"s3\") holds %d statements, want the policy's 1", got)
	}
}
