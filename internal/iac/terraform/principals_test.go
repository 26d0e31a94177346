package terraform_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/internal/iac/terraform"
)

// Principals carry the policies every kind of attachment gives them.
func TestPrincipals(t *testing.T) {
	src := `locals {
  doc = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
resource "aws_iam_policy" "managed" { policy = local.doc }
resource "aws_iam_policy" "boundary" { policy = local.doc }
resource "aws_iam_policy" "shared" { policy = local.doc }
resource "aws_iam_role" "r" {
  name                 = "app"
  assume_role_policy   = local.doc
  managed_policy_arns  = [aws_iam_policy.managed.arn, "arn:aws:iam::aws:policy/ReadOnlyAccess"]
  permissions_boundary = aws_iam_policy.boundary.arn
}
resource "aws_iam_role_policy" "inline" {
  role   = aws_iam_role.r.id
  policy = local.doc
}
resource "aws_iam_user" "u" { name = "alice" }
resource "aws_iam_user_policy" "inline" {
  user   = "alice"
  policy = local.doc
}
resource "aws_iam_user" "v" {
  name                 = "bob"
  permissions_boundary = "arn:aws:iam::111122223333:policy/external"
}
resource "aws_iam_group" "g" { name = "devs" }
resource "aws_iam_group_policy_attachment" "g" {
  group      = aws_iam_group.g.name
  policy_arn = aws_iam_policy.shared.arn
}
resource "aws_iam_policy_attachment" "all" {
  name       = "all"
  users      = [aws_iam_user.u.name]
  roles      = ["app"]
  policy_arn = aws_iam_policy.shared.arn
}
resource "aws_iam_group_membership" "m" {
  name  = "m"
  group = aws_iam_group.g.name
  users = [aws_iam_user.u.name, aws_iam_user.v.name]
}`
	set, err := terraform.ReadFile("main.tf", []byte(src), testOptions(nil))
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		Resource, Name, Boundary, Trust string
		Inline, Attached, ARNs, Groups  []string
	}
	name := func(i int) string {
		if i < 0 {
			return ""
		}
		return set.Policies[i].Name()
	}
	var got []summary
	for _, p := range set.Principals {
		s := summary{Resource: p.Resource, Name: p.Name, Boundary: name(p.Boundary) + p.BoundaryARN, Trust: name(p.Trust), ARNs: p.ManagedARNs}
		for _, i := range p.Inline {
			s.Inline = append(s.Inline, name(i))
		}
		for _, i := range p.Attached {
			s.Attached = append(s.Attached, name(i))
		}
		for _, g := range p.Groups {
			s.Groups = append(s.Groups, set.Principals[g].Resource)
		}
		got = append(got, s)
	}
	want := []summary{
		{Resource: "aws_iam_role.r", Name: "app", Boundary: "aws_iam_policy.boundary", Trust: "aws_iam_role.r.assume_role_policy",
			Inline: []string{"aws_iam_role_policy.inline"}, Attached: []string{"aws_iam_policy.managed", "aws_iam_policy.shared"},
			ARNs: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"}},
		{Resource: "aws_iam_user.u", Name: "alice", Inline: []string{"aws_iam_user_policy.inline"}, Attached: []string{"aws_iam_policy.shared"},
			Groups: []string{"aws_iam_group.g"}},
		{Resource: "aws_iam_user.v", Name: "bob", Boundary: "arn:aws:iam::111122223333:policy/external", Groups: []string{"aws_iam_group.g"}},
		{Resource: "aws_iam_group.g", Name: "devs", Attached: []string{"aws_iam_policy.shared"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("principals mismatch (-want +got):\n%s", diff)
	}
}
