package reqcheck

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestAction checks that an action the catalog does not know is an
// error with "did you mean", or a warning when unknown actions are
// allowed; a wildcard is an error either way.
func TestAction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		action      string
		allow       bool
		wantWarning string
		wantErr     string
	}{
		{name: "known", action: "s3:GetObject"},
		{name: "known, any case", action: "S3:getobject"},
		{name: "typo", action: "s3:GetObjectt", wantErr: `unknown action "s3:GetObjectt" (did you mean "s3:GetObject"?)`},
		{name: "unknown service", action: "s4:GetObject", wantErr: `unknown action "s4:GetObject": no service has the prefix "s4" (did you mean "s3:GetObject"?)`},
		{name: "nothing close", action: "newservice:StartThing",
			wantErr: `unknown action "newservice:StartThing": no service has the prefix "newservice"; --allow-unknown-actions decides it anyway, for a service newer than iamsim's catalog`},
		{name: "typo allowed", action: "s3:GetObjectt", allow: true,
			wantWarning: `action "s3:GetObjectt" is not in iamsim's service catalog (did you mean "s3:GetObject"?); decided as given, since unknown actions are allowed`},
		{name: "newer service allowed", action: "newservice:StartThing", allow: true,
			wantWarning: `action "newservice:StartThing" is not in iamsim's service catalog; decided as given, since unknown actions are allowed`},
		{name: "wildcard", action: "s3:Get*", wantErr: `action "s3:Get*" has a wildcard: a request names one action (iamsim expand "s3:Get*" lists those it matches)`},
		{name: "wildcard allowed", action: "s3:Get*", allow: true, wantErr: `action "s3:Get*" has a wildcard: a request names one action (iamsim expand "s3:Get*" lists those it matches)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w, err := New(tt.allow).Action(tt.action)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff(tt.wantErr, gotErr); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantWarning, w); diff != "" {
				t.Errorf("warning mismatch (-want +got):\n%s", diff)
			}
		})
	}
	var ue *UnknownActionError
	if _, err := New(false).Action("s3:GetObjectt"); !errors.As(err, &ue) || ue.Suggestion != "s3:GetObject" {
		t.Errorf("got %#v, want an *UnknownActionError suggesting s3:GetObject", err)
	}
}

// TestContextKey checks which context keys are reported: those that are
// neither global, of the action's service, a tag-key template match, nor
// used by a supplied policy.
func TestContextKey(t *testing.T) {
	t.Parallel()
	doc, err := policy.Parse("p.json", []byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
		"Condition": {"StringEquals": {"custom:Team": "a", "kms:ViaService": "s3.us-east-1.amazonaws.com"}}}]}`), policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		action string
		key    string
		want   string
	}{
		{name: "global", action: "s3:GetObject", key: "aws:SecureTransport"},
		{name: "global, any case", action: "s3:GetObject", key: "AWS:securetransport"},
		{name: "global tag template", action: "s3:GetObject", key: "aws:PrincipalTag/team"},
		{name: "request tag template", action: "ec2:RunInstances", key: "aws:RequestTag/Owner"},
		{name: "service key", action: "s3:ListBucket", key: "s3:prefix"},
		{name: "service tag template", action: "s3:GetObject", key: "s3:ExistingObjectTag/team"},
		{name: "service resource tag", action: "secretsmanager:GetSecretValue", key: "secretsmanager:ResourceTag/Project"},
		{name: "identity provider", action: "sts:AssumeRoleWithWebIdentity", key: "token.actions.githubusercontent.com:sub"},
		{name: "saml", action: "sts:AssumeRoleWithSAML", key: "saml:aud"},
		{name: "a policy uses it", action: "s3:GetObject", key: "custom:team"},
		{name: "another service's key a policy uses", action: "s3:GetObject", key: "kms:ViaService"},
		{name: "the unknown action's own service", action: "newservice:StartThing", key: "newservice:Mode"},
		{name: "global typo", action: "s3:GetObject", key: "aws:SecureTransprot",
			want: `unknown context key "aws:SecureTransprot": not a global condition key, and no supplied policy uses it (did you mean "aws:SecureTransport"?)`},
		{name: "service typo", action: "s3:ListBucket", key: "s3:prefixx",
			want: `unknown context key "s3:prefixx": not a key of s3, and no supplied policy uses it (did you mean "s3:prefix"?)`},
		{name: "another service's key", action: "s3:GetObject", key: "dynamodb:LeadingKeys",
			want: `context key "dynamodb:LeadingKeys" is a key of dynamodb, not of s3, and no supplied policy uses it`},
		{name: "unknown prefix", action: "s3:GetObject", key: "s4:prefix",
			want: `unknown context key "s4:prefix": no service has the prefix "s4", and no supplied policy uses it (did you mean "s3:prefix"?)`},
		{name: "near a policy's key", action: "s3:GetObject", key: "custom:Tem",
			want: `unknown context key "custom:Tem": no service has the prefix "custom", and no supplied policy uses it (did you mean "custom:Team"?)`},
		{name: "any action, a service key", key: "dynamodb:LeadingKeys"},
		{name: "any action, a service typo", key: "s3:prefixx",
			want: `unknown context key "s3:prefixx": not a key of s3, and no supplied policy uses it (did you mean "s3:prefix"?)`},
		{name: "no prefix", action: "s3:GetObject", key: "SecureTransport",
			want: `context key "SecureTransport" has no service prefix (aws:, s3:, ...), and no supplied policy uses it (did you mean "aws:SecureTransport"?)`},
	}
	chk := New(false, doc)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, chk.ContextKey(tt.action, tt.key)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestExtend checks that an extended checker knows the keys of its own
// documents besides its base's, and that the base does not learn them.
func TestExtend(t *testing.T) {
	t.Parallel()
	parse := func(key string) *policy.Document {
		d, err := policy.Parse("p.json", []byte(`{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
			"Condition": {"StringEquals": {"`+key+`": "a"}}}}`), policy.Identity)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	base := New(false, parse("custom:Base"))
	ext := base.Extend(parse("dynamodb:LeadingKeys"))
	for _, tt := range []struct {
		chk       *Checker
		key       string
		wantKnown bool
	}{
		{base, "custom:Base", true}, {ext, "custom:Base", true},
		{ext, "dynamodb:LeadingKeys", true}, {base, "dynamodb:LeadingKeys", false},
	} {
		if got := tt.chk.ContextKey("s3:GetObject", tt.key) == ""; got != tt.wantKnown {
			t.Errorf("%s known: %v, want %v", tt.key, got, tt.wantKnown)
		}
	}
}

// TestPolicyActions checks that a statement's action the catalog does not
// know is a positioned warning with "did you mean", whether or not
// unknown actions are allowed, and that patterns matching some action are
// not reported.
func TestPolicyActions(t *testing.T) {
	t.Parallel()
	src := `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:Get*", "*"], "Resource": "*"},
  {"Effect": "Deny", "Action": ["s3:GetObjectt", "s3:Gett*", "s4:PutObject"], "Resource": "*"},
  {"Effect": "Deny", "NotAction": "iam:CreateUserr", "Resource": "*"}]}`
	doc, err := policy.Parse("deny.json", []byte(src), policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`deny.json:3:33: unknown action "s3:GetObjectt"; did you mean "s3:GetObject"? (the statement matches no request for it; lint rule action-unknown)`,
		`deny.json:3:50: action pattern "s3:Gett*" matches no s3 action (the statement matches no request for it; lint rule action-unknown)`,
		`deny.json:3:62: unknown service prefix "s4" in action "s4:PutObject"; did you mean "s3:PutObject"? (the statement matches no request for it; lint rule action-unknown-service)`,
		`deny.json:4:35: unknown action "iam:CreateUserr"; did you mean "iam:CreateUser"? (the NotAction exempts no request for it; lint rule action-unknown)`,
	}
	for _, allow := range []bool{false, true} {
		if diff := cmp.Diff(want, New(allow).PolicyActions(doc, nil, doc)); diff != "" {
			t.Errorf("allow=%v: mismatch (-want +got):\n%s", allow, diff)
		}
	}
}

// TestResource checks a request's resource against the resource types
// of its action: a bucket is no object, a role no S3 object, "*" is for
// actions without resource types and only for them.
func TestResource(t *testing.T) {
	t.Parallel()
	const never = "; AWS never authorizes this request as written"
	object := "object: arn:${Partition}:s3:::${BucketName}/${ObjectName}"
	getObject := "s3:GetObject acts on (accesspointobject: arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}; " + object + ")"
	tests := []struct {
		name, action, resource, want string
	}{
		{name: "object", action: "s3:GetObject", resource: "arn:aws:s3:::mybucket/report.csv"},
		{name: "object key with slashes", action: "s3:GetObject", resource: "arn:aws:s3:::mybucket/a/b/c"},
		{name: "object named star", action: "s3:GetObject", resource: "arn:aws:s3:::mybucket/*"},
		{name: "case is ignored", action: "S3:getobject", resource: "ARN:AWS:S3:::MyBucket/Key"},
		{
			name: "bucket for an object action", action: "s3:GetObject", resource: "arn:aws:s3:::mybucket",
			want: `resource "arn:aws:s3:::mybucket" is not a resource ` + getObject + never,
		},
		{name: "bucket", action: "s3:ListBucket", resource: "arn:aws:s3:::mybucket"},
		{
			name: "object for a bucket action", action: "s3:ListBucket", resource: "arn:aws:s3:::mybucket/k",
			want: `resource "arn:aws:s3:::mybucket/k" is not a resource s3:ListBucket acts on (accesspoint: arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}; bucket: arn:${Partition}:s3:::${BucketName})` + never,
		},
		{name: "role", action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/path/Admin"},
		{
			name: "object for AssumeRole", action: "sts:AssumeRole", resource: "arn:aws:s3:::mybucket/k",
			want: `resource "arn:aws:s3:::mybucket/k" is not a resource sts:AssumeRole acts on (role: arn:${Partition}:iam::${Account}:role/${RoleNameWithPath})` + never,
		},
		{name: "star without resource types", action: "s3:ListAllMyBuckets", resource: "*"},
		{
			name: "ARN without resource types", action: "s3:ListAllMyBuckets", resource: "arn:aws:s3:::mybucket",
			want: `resource "arn:aws:s3:::mybucket" is not a resource s3:ListAllMyBuckets acts on (it acts on no resource type: AWS authorizes it against "*")` + never,
		},
		{
			name: "star with resource types", action: "s3:GetObject", resource: "*",
			want: `resource "*" is not a resource ` + getObject + never,
		},
		{name: "star with one optional type", action: "cloudwatch:GetMetricData", resource: "*"},
		{
			name: "not an ARN", action: "s3:GetObject", resource: "mybucket/k",
			want: `resource "mybucket/k" is not a resource ` + getObject + never,
		},
		{name: "unknown action", action: "s3:GetObjectz", resource: "arn:aws:s3:::mybucket"},
		{name: "no resource", action: "s3:GetObject", resource: ""},
	}
	chk := New(true)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, chk.Resource(tt.action, tt.resource)); diff != "" {
				t.Errorf("Resource(%q, %q) mismatch (-want +got):\n%s", tt.action, tt.resource, diff)
			}
		})
	}
}
