package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// bucketPolicy is a bucket policy whose first statement allows
// s3:GetObject to principal with the condition block cond ("" for none),
// followed by the statements more.
func bucketPolicy(principal, cond string, more ...string) string {
	st := `{"Sid": "Read", "Effect": "Allow", "Principal": ` + principal + `, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-reports/*"`
	if cond != "" {
		st += `, "Condition": ` + cond
	}
	return identity(append([]string{st + "}"}, more...)...)
}

func TestNoPublicAccessPrincipals(t *testing.T) {
	t.Parallel()
	cat := testCatalog(t)
	tests := []struct {
		name, kind, typ, policy string
		public                  bool
	}{
		{name: `Principal "*"`, policy: bucketPolicy(`"*"`, ""), public: true},
		{name: `{"AWS": "*"}`, policy: bucketPolicy(`{"AWS": "*"}`, ""), public: true},
		{name: `{"AWS": ["111122223333", "*"]}`, policy: bucketPolicy(`{"AWS": ["111122223333", "*"]}`, ""), public: true},
		{name: "an account", policy: bucketPolicy(`{"AWS": "444455556666"}`, "")},
		{name: "a role", policy: bucketPolicy(`{"AWS": "arn:aws:iam::444455556666:role/reader"}`, "")},
		{name: "a service", policy: bucketPolicy(`{"Service": "cloudtrail.amazonaws.com"}`, "")},
		{name: "another service's resource type", typ: "AWS::SQS::Queue", policy: bucketPolicy(`"*"`, "")},
		{
			name:   "a Deny to everyone without conditions",
			policy: bucketPolicy(`"*"`, "", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}`),
		},
		{
			name:   "a Deny to one account leaves the public",
			policy: bucketPolicy(`"*"`, "", `{"Effect": "Deny", "Principal": {"AWS": "444455556666"}, "Action": "s3:*", "Resource": "*"}`),
			public: true,
		},
		{
			name:   "a Deny of some objects leaves the others public",
			policy: bucketPolicy(`"*"`, "", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::example-reports/private/*"}`),
			public: true,
		},
		{
			name:   "a Deny to everyone outside an organization",
			policy: bucketPolicy(`"*"`, "", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}`),
		},
		{
			name:   "a Deny to everyone outside a VPC endpoint, IfExists",
			policy: bucketPolicy(`"*"`, "", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}`),
		},
		{
			name:   "a Deny under a condition that does not restrict",
			policy: bucketPolicy(`"*"`, "", `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}`),
			public: true,
		},
		{
			name:   "a Deny outside an organization that does not cover the action",
			policy: bucketPolicy(`"*"`, "", `{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}`),
			public: true,
		},
		{
			name: "a trust policy open to anyone", kind: "trust", typ: "AWS::IAM::AssumeRolePolicyDocument",
			policy: identity(`{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}`), public: true,
		},
		{
			name: "a trust policy open to every Google user", kind: "trust", typ: "AWS::IAM::AssumeRolePolicyDocument",
			policy: identity(`{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}`), public: true,
		},
		{
			name: "a trust policy open to one Google application", kind: "trust", typ: "AWS::IAM::AssumeRolePolicyDocument",
			policy: identity(`{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"accounts.google.com:aud": "66677788899.apps.googleusercontent.com"}}}`),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			kind := policy.Resource
			if tt.kind == "trust" {
				kind = policy.Trust
			}
			typ := tt.typ
			if typ == "" {
				typ = "AWS::S3::Bucket"
			}
			doc := parse(t, kind, tt.policy)
			res, err := NoPublicAccess(cat, doc, typ)
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Result == Fail; got != tt.public {
				t.Errorf("public %v, want %v: %+v", got, tt.public, res)
			}
			checkWitnesses(t, doc, res)
		})
	}
}

// TestRestrictingKeys checks each condition key that restricts a "*"
// principal, with StringEquals (IpAddress for aws:SourceIp) and a fixed
// value, and that kms:ViaService and aws:username do not.
func TestRestrictingKeys(t *testing.T) {
	t.Parallel()
	cat := testCatalog(t)
	values := map[keyKind]string{
		keyAccount: "111122223333", keyARN: "arn:aws:iam::111122223333:role/reader", keyOrgID: "o-a1b2c3d4e5",
		keyOrgPath: "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/", keyID: "vpce-1a2b3c4d", keyUserID: "AROAEXAMPLEID:alice", keyIP: "203.0.113.0/24",
	}
	type keyCase struct {
		key      string
		restrict bool
	}
	var cases []keyCase
	for key := range restrictingKeys {
		cases = append(cases, keyCase{key, true})
	}
	cases = append(cases, keyCase{"kms:ViaService", false}, keyCase{"aws:username", false}, keyCase{"aws:SecureTransport", false})
	for _, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			t.Parallel()
			kind, ok := restrictingKeys[c.key]
			op, v := "StringEquals", values[kind]
			if kind == keyIP {
				op = "IpAddress"
			}
			if !ok {
				v = "s3.us-east-1.amazonaws.com"
			}
			doc := parse(t, policy.Resource, bucketPolicy(`"*"`, fmt.Sprintf(`{%q: {%q: %q}}`, op, c.key, v)))
			res, err := NoPublicAccess(cat, doc, "AWS::S3::Bucket")
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Result == Pass; got != c.restrict {
				t.Errorf("%s %s %q restricts: %v, want %v", op, c.key, v, got, c.restrict)
			}
			checkWitnesses(t, doc, res)
		})
	}
}

// TestRestrictingOperators checks which operators, values and set
// qualifiers restrict a "*" principal.
func TestRestrictingOperators(t *testing.T) {
	t.Parallel()
	cat := testCatalog(t)
	tests := []struct {
		cond     string
		restrict bool
	}{
		{`{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`, true},
		{`{"StringEqualsIgnoreCase": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`, true},
		{`{"StringLike": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`, true},
		{`{"StringLike": {"aws:PrincipalOrgID": "*"}}`, false},
		{`{"StringLike": {"aws:PrincipalOrgID": "o-*"}}`, false},
		{`{"StringLike": {"aws:PrincipalAccount": "1111222233*"}}`, false},
		{`{"StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*"}}`, true},
		{`{"StringLike": {"aws:PrincipalOrgPaths": "o-*/*"}}`, false},
		{`{"StringLike": {"aws:userid": "AROAEXAMPLEID:*"}}`, true},
		{`{"StringLike": {"aws:userid": "*:alice"}}`, false},
		{`{"StringEquals": {"aws:PrincipalOrgID": ["o-a1b2c3d4e5", "o-f6g7h8i9j0"]}}`, true},
		{`{"StringLike": {"aws:PrincipalOrgID": ["o-a1b2c3d4e5", "*"]}}`, false},
		{`{"StringEquals": {"aws:PrincipalOrgID": ""}}`, false},
		{`{"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`, false},
		{`{"StringNotLike": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`, false},
		{`{"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`, false},
		{`{"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`, false},
		{`{"ForAnyValue:StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`, true},
		{`{"ArnEquals": {"aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"}}`, true},
		{`{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/*"}}`, true},
		{`{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/reader"}}`, false},
		{`{"ArnNotEquals": {"aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"}}`, false},
		{`{"StringLike": {"aws:SourceArn": "arn:aws:s3:::logs-*"}}`, false},
		{`{"StringEquals": {"aws:SourceArn": "arn:aws:s3:::logs-bucket"}}`, true},
		{`{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}`, true},
		{`{"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}`, false},
		{`{"IpAddress": {"aws:SourceIp": "::/0"}}`, false},
		{`{"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}`, false},
		{`{"StringEquals": {"aws:SourceIp": "203.0.113.7"}}`, false},
		{`{"Null": {"aws:PrincipalOrgID": "false"}}`, false},
		{`{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}, "Bool": {"aws:SecureTransport": "true"}}`, true},
		{`{"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}`, false},
		{`{"StringEquals": {"aws:PrincipalOrgID": "${aws:PrincipalTag/org}"}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.cond, func(t *testing.T) {
			t.Parallel()
			doc := parse(t, policy.Resource, bucketPolicy(`"*"`, tt.cond))
			res, err := NoPublicAccess(cat, doc, "AWS::S3::Bucket")
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Result == Pass; got != tt.restrict {
				t.Errorf("restricts: %v, want %v", got, tt.restrict)
			}
			checkWitnesses(t, doc, res)
		})
	}
}

func TestResourceTypes(t *testing.T) {
	t.Parallel()
	cat := testCatalog(t)
	for typ, prefix := range resourceTypes {
		if _, ok := cat.Service(prefix); !ok {
			t.Errorf("%s: the catalog has no service %q", typ, prefix)
		}
	}
	if _, err := ResourceTypeKind("AWS::S3::Buckett"); err == nil || !strings.Contains(err.Error(), "did you mean AWS::S3::Bucket?") {
		t.Errorf("error %v, want a suggestion", err)
	}
	if k, _ := ResourceTypeKind("AWS::IAM::AssumeRolePolicyDocument"); k != policy.Trust {
		t.Errorf("kind %v, want trust", k)
	}
}
