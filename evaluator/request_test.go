package evaluator

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParsePrincipal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		req     Request
		want    principal
		wantErr string
	}{
		// reference_policies_elements_principal.md; STS API Reference.
		{name: "IAM user with path", req: Request{Principal: "arn:aws:iam::111122223333:user/division/alice"},
			want: principal{kind: PrincipalUser, arn: "arn:aws:iam::111122223333:user/division/alice", partition: "aws", account: "111122223333", name: "alice", rootARN: "arn:aws:iam::111122223333:root"}},
		{name: "role session", req: Request{Principal: "arn:aws:sts::111122223333:assumed-role/dev/alice"},
			want: principal{kind: PrincipalRoleSession, arn: "arn:aws:sts::111122223333:assumed-role/dev/alice", partition: "aws", account: "111122223333", name: "dev", session: "alice", roleARN: "arn:aws:iam::111122223333:role/dev", rootARN: "arn:aws:iam::111122223333:root"}},
		{name: "role session with its role's path", req: Request{Principal: "arn:aws:sts::111122223333:assumed-role/dev/alice", RoleARN: "arn:aws:iam::111122223333:role/team/dev"},
			want: principal{kind: PrincipalRoleSession, arn: "arn:aws:sts::111122223333:assumed-role/dev/alice", partition: "aws", account: "111122223333", name: "dev", session: "alice", roleARN: "arn:aws:iam::111122223333:role/team/dev", rootARN: "arn:aws:iam::111122223333:root"}},
		// D17 (docs/evaluation-logic.md#choices-iamsim-makes): a service-linked role is known by its path.
		{name: "service-linked role session", req: Request{Principal: "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForECS/ecs", RoleARN: "arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"},
			want: principal{kind: PrincipalRoleSession, arn: "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForECS/ecs", partition: "aws", account: "111122223333", name: "AWSServiceRoleForECS", session: "ecs", roleARN: "arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS", rootARN: "arn:aws:iam::111122223333:root", slr: true}},
		{name: "role shorthand", req: Request{Principal: "arn:aws:iam::111122223333:role/dev"},
			want: principal{kind: PrincipalRole, arn: "arn:aws:iam::111122223333:role/dev", partition: "aws", account: "111122223333", name: "dev", roleARN: "arn:aws:iam::111122223333:role/dev", rootARN: "arn:aws:iam::111122223333:root"}},
		{name: "federated user", req: Request{Principal: "arn:aws:sts::111122223333:federated-user/bob"},
			want: principal{kind: PrincipalFederatedUser, arn: "arn:aws:sts::111122223333:federated-user/bob", partition: "aws", account: "111122223333", name: "bob", rootARN: "arn:aws:iam::111122223333:root"}},
		{name: "root user", req: Request{Principal: "arn:aws-cn:iam::111122223333:root"},
			want: principal{kind: PrincipalRoot, arn: "arn:aws-cn:iam::111122223333:root", partition: "aws-cn", account: "111122223333", rootARN: "arn:aws-cn:iam::111122223333:root"}},
		{name: "service principal", req: Request{Principal: "cloudtrail.amazonaws.com"},
			want: principal{kind: PrincipalService, arn: "cloudtrail.amazonaws.com", name: "cloudtrail.amazonaws.com"}},
		// id_roles_create_for-idp_oidc.md: cognito-identity.amazonaws.com is an OIDC provider, not a service.
		{name: "Cognito is an OIDC provider", req: Request{Principal: "cognito-identity.amazonaws.com"},
			want: principal{kind: PrincipalOIDC, arn: "cognito-identity.amazonaws.com", name: "cognito-identity.amazonaws.com"}},
		{name: "GitHub OIDC provider", req: Request{Principal: "token.actions.githubusercontent.com"},
			want: principal{kind: PrincipalOIDC, arn: "token.actions.githubusercontent.com", name: "token.actions.githubusercontent.com"}},
		{name: "OIDC provider ARN", req: Request{Principal: "arn:aws:iam::111122223333:oidc-provider/accounts.google.com"},
			want: principal{kind: PrincipalOIDC, arn: "arn:aws:iam::111122223333:oidc-provider/accounts.google.com", partition: "aws", name: "accounts.google.com", rootARN: "arn:aws:iam::111122223333:root"}},
		{name: "SAML provider", req: Request{Principal: "arn:aws:iam::111122223333:saml-provider/corp"},
			want: principal{kind: PrincipalSAML, arn: "arn:aws:iam::111122223333:saml-provider/corp", partition: "aws", name: "arn:aws:iam::111122223333:saml-provider/corp", rootARN: "arn:aws:iam::111122223333:root"}},
		{name: "anonymous", req: Request{Principal: "*"}, want: principal{kind: PrincipalAnonymous, arn: "*"}},
		// reference_policies_elements_principal.md: other forms name no caller, so they are input errors listing the accepted ones.
		{name: "group ARN", req: Request{Principal: "arn:aws:iam::111122223333:group/devs"}, wantErr: "want an IAM user"},
		{name: "bare account", req: Request{Principal: "111122223333"}, wantErr: "want an IAM user"},
		{name: "bad account", req: Request{Principal: "arn:aws:iam::1111:user/a"}, wantErr: "want an IAM user"},
		{name: "session without a session name", req: Request{Principal: "arn:aws:sts::111122223333:assumed-role/dev"}, wantErr: "assumed-role/ROLE/SESSION"},
		{name: "role ARN of another role", req: Request{Principal: "arn:aws:sts::111122223333:assumed-role/dev/a", RoleARN: "arn:aws:iam::111122223333:role/ops"}, wantErr: `role ARN "arn:aws:iam::111122223333:role/ops": want the ARN of role "dev" in account 111122223333 (arn:aws:iam::111122223333:role/dev, with the role's path if it has one)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parsePrincipal(&tt.req)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(principal{})); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDerivedContext checks the keys AWS sets from the principal
// (reference_policies_condition-keys.md "Properties of the principal").
func TestDerivedContext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		req  Request
		want []string
	}{
		{name: "IAM user", req: Request{Principal: "arn:aws:iam::111122223333:user/alice", UniqueID: "AIDAEXAMPLE1234567890"},
			want: []string{"aws:PrincipalAccount=111122223333", "aws:PrincipalArn=arn:aws:iam::111122223333:user/alice", "aws:PrincipalIsAWSService=false", "aws:PrincipalType=User", "aws:userid=AIDAEXAMPLE1234567890", "aws:username=alice"}},
		// D18 (docs/evaluation-logic.md#choices-iamsim-makes): aws:PrincipalArn of a session is its role's ARN.
		{name: "role session", req: Request{Principal: "arn:aws:sts::111122223333:assumed-role/dev/alice", UniqueID: "AROAEXAMPLE1234567890"},
			want: []string{"aws:PrincipalAccount=111122223333", "aws:PrincipalArn=arn:aws:iam::111122223333:role/dev", "aws:PrincipalIsAWSService=false", "aws:PrincipalType=AssumedRole", "aws:userid=AROAEXAMPLE1234567890:alice"}},
		{name: "federated user", req: Request{Principal: "arn:aws:sts::111122223333:federated-user/bob"},
			want: []string{"aws:PrincipalAccount=111122223333", "aws:PrincipalArn=arn:aws:sts::111122223333:federated-user/bob", "aws:PrincipalIsAWSService=false", "aws:PrincipalType=FederatedUser", "aws:userid=111122223333:bob"}},
		{name: "root", req: Request{Principal: "arn:aws:iam::111122223333:root"},
			want: []string{"aws:PrincipalAccount=111122223333", "aws:PrincipalArn=arn:aws:iam::111122223333:root", "aws:PrincipalIsAWSService=false", "aws:PrincipalType=Account", "aws:userid=111122223333"}},
		{name: "service", req: Request{Principal: "s3.amazonaws.com"},
			want: []string{"aws:PrincipalIsAWSService=true", "aws:PrincipalServiceName=s3.amazonaws.com"}},
		{name: "anonymous", req: Request{Principal: "*"},
			want: []string{"aws:PrincipalAccount=anonymous", "aws:PrincipalType=Anonymous", "aws:userid=anonymous"}},
		// reference_sts_vpc_endpoint_policies.md: federated callers get none of these keys.
		{name: "web identity caller", req: Request{Principal: "accounts.google.com"}, want: nil},
		// docs/evaluation-logic.md#the-request: a supplied value beats a derived one.
		{name: "supplied beats derived", req: Request{Principal: "arn:aws:iam::111122223333:user/alice", Context: Context{"AWS:Username": {Values: []string{"mallory"}}}},
			want: []string{"AWS:Username=mallory", "aws:PrincipalAccount=111122223333", "aws:PrincipalArn=arn:aws:iam::111122223333:user/alice", "aws:PrincipalIsAWSService=false", "aws:PrincipalType=User"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := Prepare(&Request{Principal: tt.req.Principal, Action: "s3:GetObject", Resource: "*", UniqueID: tt.req.UniqueID, Context: tt.req.Context})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			add := func(name string, want Origin) {
				origin, ok := p.ContextOrigin(name)
				if !ok {
					return
				}
				if origin != want {
					t.Errorf("%s: origin %d, want %d", name, origin, want)
				}
				values, _, _ := p.ctx.Lookup(strings.ToLower(name))
				got = append(got, name+"="+strings.Join(values, ","))
			}
			supplied := map[string]bool{}
			for name := range tt.req.Context {
				supplied[strings.ToLower(name)] = true
				add(name, Supplied)
			}
			for _, d := range []derivedKey{keyUsername, keyUserid, keyPrincipalArn, keyPrincipalType, keyPrincipalAccount, keyIsAWSService, keyServiceName} {
				if !supplied[d.key.Name] {
					add(d.name, Derived)
				}
			}
			sort.Strings(got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestResourceAccount checks the default resource account
// (docs/evaluation-logic.md#the-request).
func TestResourceAccount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, principal, resource, account string
		want, from                         string
	}{
		{"given", "arn:aws:iam::111122223333:user/a", "arn:aws:s3:::b/k", "444455556666", "444455556666", "request"},
		{"from the ARN", "arn:aws:iam::111122223333:user/a", "arn:aws:sqs:us-east-1:444455556666:q", "", "444455556666", "resource ARN"},
		{"S3 defaults to the principal's", "arn:aws:iam::111122223333:user/a", "arn:aws:s3:::b/k", "", "111122223333", "principal"},
		{"unknown", "s3.amazonaws.com", "arn:aws:s3:::b/k", "", "", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := Prepare(&Request{Principal: tt.principal, Action: "s3:GetObject", Resource: tt.resource, ResourceAccount: tt.account})
			if err != nil {
				t.Fatal(err)
			}
			got, from := p.ResourceAccount()
			if got != tt.want || from != tt.from {
				t.Errorf("got %q from %s, want %q from %s", got, from, tt.want, tt.from)
			}
		})
	}
}

func TestPrepareErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"action without service", Request{Principal: "*", Action: "GetObject", Resource: "*"}, `action "GetObject"`},
		{"action with wildcard", Request{Principal: "*", Action: "s3:Get*", Resource: "*"}, `action "s3:Get*": an action is service:ActionName, without wildcards`},
		{"resource not an ARN", Request{Principal: "*", Action: "s3:GetObject", Resource: "bucket/key"}, `resource "bucket/key"`},
		{"bad resource account", Request{Principal: "*", Action: "s3:GetObject", Resource: "*", ResourceAccount: "12"}, `resource account "12": want a 12-digit account ID`},
		{"federating user of a non-federated principal", Request{Principal: "arn:aws:iam::111122223333:user/a", Action: "s3:GetObject", Resource: "*", FederatingUser: "arn:aws:iam::111122223333:user/b"}, `federating user "arn:aws:iam::111122223333:user/b": only a federated user (arn:aws:sts::ACCOUNT:federated-user/NAME) has a federating user, and principal "arn:aws:iam::111122223333:user/a" is not one`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Prepare(&tt.req)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
			// A command line names its flag in place of the field.
			var re *RequestError
			if !errors.As(err, &re) || !strings.HasPrefix(tt.want, string(re.Field)+" ") {
				t.Errorf("err = %#v, want a RequestError whose field begins %q", err, tt.want)
			}
		})
	}
}

// TestParseDecisionErrors checks that a refused decision says what is
// wanted and proposes the decision that policy words most likely meant.
func TestParseDecisionErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"policy word Allow", "Allow", `decision "Allow": want allowed, explicitDeny or implicitDeny; did you mean allowed?`},
		{"policy word Deny", "Deny", `decision "Deny": want allowed, explicitDeny or implicitDeny; did you mean explicitDeny (a Deny statement matched) or implicitDeny (nothing allowed)?`},
		{"other case", "ImplicitDeny", `decision "ImplicitDeny": want allowed, explicitDeny or implicitDeny; did you mean implicitDeny?`},
		{"nothing near", "yes", `decision "yes": want allowed, explicitDeny or implicitDeny`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseDecision(tt.in)
			if err == nil || err.Error() != tt.want {
				t.Errorf("ParseDecision(%q) = %v, want %s", tt.in, err, tt.want)
			}
		})
	}
}

func TestDecisionText(t *testing.T) {
	t.Parallel()
	for _, d := range []Decision{Allowed, ExplicitDeny, ImplicitDeny} {
		got, err := ParseDecision(d.String())
		if err != nil || got != d {
			t.Errorf("ParseDecision(%q) = %v, %v", d.String(), got, err)
		}
	}
	if _, err := ParseDecision("Allowed"); err == nil {
		t.Error("ParseDecision accepts a decision in the wrong case")
	}
}

// TestPreparer checks that a Preparer, whose caches fill and empty, gives
// what Prepare gives, errors included.
func TestPreparer(t *testing.T) {
	t.Parallel()
	reqs := []Request{
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"},
		{Principal: "arn:aws:sts::111122223333:assumed-role/dev/alice", Action: "S3:PutObject", Resource: "arn:aws:s3:::b/k", UniqueID: "AROAEXAMPLE1234567890"},
		{Principal: "arn:aws:sts::111122223333:assumed-role/dev/alice", RoleARN: "arn:aws:iam::111122223333:role/team/dev", Action: "s3:GetObject", Resource: "*"},
		{Principal: "arn:aws:sts::111122223333:assumed-role/dev/alice", RoleARN: "arn:aws:iam::444455556666:role/dev", Action: "s3:GetObject", Resource: "*"},
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:Get*", Resource: "*"},
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:", Resource: "*"},
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: ":GetObject", Resource: "*"},
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:a:b", Resource: "*"},
		{Principal: "alice", Action: "s3:GetObject", Resource: "*"},
		{Principal: "s3.amazonaws.com", Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:111122223333:key/k"},
	}
	contexts := []Context{
		nil,
		{"aws:SourceIp": {Values: []string{"203.0.113.7"}}, "aws:username": {Values: []string{"mallory"}}},
		{"aws:sourceip": {Values: []string{"198.51.100.1"}}, "AWS:Username": {Values: []string{"eve"}}},
		{"aws:TagKeys": {Values: []string{"a", "b"}, Multi: true}},
		{"aws:RequestedRegion": {Values: []string{"eu-west-1"}}},
		{},
	}
	lookups := []string{"aws:requestedregion", "aws:sourceip", "aws:username", "aws:tagkeys", "aws:principalarn", "aws:userid", "aws:principaltype", "aws:principalaccount", "aws:principalisawsservice", "aws:principalservicename"}
	pr := NewPreparer()
	var into Prepared
	for round := 0; round < 3*len(contexts); round++ {
		for i := range reqs {
			req := reqs[i]
			req.Context = contexts[(round+i)%len(contexts)]
			want, wantErr := Prepare(&req)
			got, gotErr := pr.Prepare(&req)
			intoErr := pr.PrepareInto(&req, &into)
			if (gotErr == nil) != (intoErr == nil) {
				t.Fatalf("request %d: PrepareInto error %v, Prepare error %v", i, intoErr, gotErr)
			}
			if (wantErr == nil) != (gotErr == nil) || wantErr != nil && wantErr.Error() != gotErr.Error() {
				t.Fatalf("request %d: error %v, want %v", i, gotErr, wantErr)
			}
			if wantErr != nil {
				continue
			}
			for _, p := range []*Prepared{got, &into} {
				if p.principal != want.principal || p.service != want.service || p.name != want.name || p.rcpService != want.rcpService || p.serviceKey != want.serviceKey {
					t.Errorf("request %d: prepared %+v, want %+v", i, p, want)
				}
				for _, k := range lookups {
					wv, wm, wok := want.ctx.Lookup(k)
					gv, gm, gok := p.ctx.Lookup(k)
					if diff := cmp.Diff([]any{wv, wm, wok}, []any{gv, gm, gok}); diff != "" {
						t.Errorf("request %d, context %v: key %s mismatch (-want +got):\n%s", i, req.Context, k, diff)
					}
				}
			}
		}
	}
	for i := 0; i < PreparerCacheSize+10; i++ {
		req := Request{Principal: fmt.Sprintf("arn:aws:iam::111122223333:user/u%d", i), Action: fmt.Sprintf("s3:Get%d", i), Resource: "*"}
		if _, err := pr.Prepare(&req); err != nil {
			t.Fatal(err)
		}
	}
	if len(pr.principals) > PreparerCacheSize || len(pr.actions) > PreparerCacheSize {
		t.Errorf("caches hold %d principals and %d actions, more than %d", len(pr.principals), len(pr.actions), PreparerCacheSize)
	}
}
