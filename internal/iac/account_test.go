package iac_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/internal/iac"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// verbatim is a policy written as JSON in a file, placed one for one.
func verbatim(resource, path string, kind policy.Kind, doc string) policydoc.Policy {
	return policydoc.Policy{File: "main.tf", Text: []byte(doc), Resource: resource, Path: path, Kind: kind,
		Doc: []byte(doc), Spans: []policy.Span{{Exact: true}}}
}

// The account code would create holds each role and user with its
// inline, attached and boundary policies and a role's trust policy, as an
// export does; customer managed policies of the code are the account's,
// named by their names.
func TestAccount(t *testing.T) {
	t.Parallel()
	allow := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	set := &policydoc.Set{
		Policies: []policydoc.Policy{
			verbatim("aws_iam_role.app", "assume_role_policy", policy.Trust, trust),
			verbatim("aws_iam_role.app", "inline_policy[0]", policy.Identity, allow),
			verbatim("aws_iam_policy.read", "", policy.Identity, allow),
			verbatim("aws_iam_policy.limit", "", policy.Identity, allow),
		},
		Principals: []policydoc.Principal{
			{Resource: "aws_iam_role.app", Type: "aws_iam_role", Name: "app", Inline: []int{1}, Attached: []int{2}, Boundary: 3, Trust: 0,
				ManagedARNs: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"}},
			{Resource: "aws_iam_user.ci", Type: "aws_iam_user", Boundary: -1, Trust: -1, Attached: []int{2}},
		},
	}
	set.Policies[2].PolicyName = "read"
	acct, err := iac.Account(set, "111122223333", "main.tf", policy.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	role := acct.Roles["app"]
	if role == nil {
		t.Fatalf("no role app: %v", acct.Roles)
	}
	want := []string{"arn:aws:iam::111122223333:policy/read", "arn:aws:iam::aws:policy/ReadOnlyAccess"}
	if diff := cmp.Diff(want, role.Attached); diff != "" {
		t.Errorf("attached mismatch (-want +got):\n%s", diff)
	}
	if role.ARN != "arn:aws:iam::111122223333:role/app" || role.Boundary != "arn:aws:iam::111122223333:policy/aws_iam_policy.limit" {
		t.Errorf("role %s, boundary %s", role.ARN, role.Boundary)
	}
	if role.Trust == nil || role.Trust.Doc.Kind != policy.Trust || len(role.Inline) != 1 {
		t.Errorf("trust %v, inline %d", role.Trust, len(role.Inline))
	}
	if got := role.Inline[0].Origin; got != "role app, aws_iam_role.app.inline_policy[0]" {
		t.Errorf("inline origin %q", got)
	}
	user := acct.Users["aws_iam_user.ci"]
	if user == nil || user.ARN != "arn:aws:iam::111122223333:user/aws_iam_user.ci" {
		t.Errorf("user named by its address: %+v", user)
	}
	if mp := acct.Policies["arn:aws:iam::111122223333:policy/read"]; mp == nil || mp.Default.Doc == nil {
		t.Errorf("managed policy read: %+v", mp)
	}
}

// A document of the code with problems is an error at its position in
// the code; the account still holds the rest.
func TestAccountProblems(t *testing.T) {
	t.Parallel()
	bad := `{"Version":"2012-10-17","Statement":[{"Effect":"Alow","Action":"s3:GetObject","Resource":"*"}]}`
	set := &policydoc.Set{
		Policies:   []policydoc.Policy{verbatim("aws_iam_role.app", "inline_policy[0]", policy.Identity, bad)},
		Principals: []policydoc.Principal{{Resource: "aws_iam_role.app", Type: "aws_iam_role", Inline: []int{0}, Boundary: -1, Trust: -1}},
	}
	acct, err := iac.Account(set, "111122223333", "main.tf", policy.DefaultLimits)
	list, ok := err.(policy.ErrorList)
	if !ok || len(list) != 1 || list[0].Pos.File != "main.tf" || list[0].Pos.Line != 1 {
		t.Fatalf("got %v", err)
	}
	if acct.Roles["aws_iam_role.app"] == nil {
		t.Error("the role is gone")
	}
}
