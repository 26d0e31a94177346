package terraform_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/iac/terraform"
	"github.com/iamsim/iamsim/policy"
)

// Malformed code gives one error per problem, at its place.
func TestMalformed(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		pos  string // line:col
		msg  string
	}{
		{"unclosed block", "resource \"aws_iam_policy\" \"p\" {\n  policy = \"{}\"\n", "1:31", "unclosed configuration block"},
		{"bad expression", "resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({ a = })\n}\n", "2:29", "invalid expression"},
		{"unknown function", "resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({ a = nosuch(1) })\n}\n", "2:29", "call to unknown function"},
		{"unknown function of a placeholder", "resource \"aws_iam_policy\" \"p\" {\n  policy = nosuch(aws_s3_bucket.b.arn)\n}\n", "2:12", "call to unknown function"},
		{"cycle", "locals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_iam_policy\" \"p\" {\n  policy = local.a\n}\n", "3:7", "local.a refers to itself"},
		{"object policy", "resource \"aws_iam_policy\" \"p\" {\n  policy = { Version = \"2012-10-17\" }\n}\n", "2:12", "a policy must be a JSON string"},
		{"missing file", "resource \"aws_iam_policy\" \"p\" {\n  policy = file(\"nope.json\")\n}\n", "2:17", "nope.json"},
		{"duplicate sid", "data \"aws_iam_policy_document\" \"d\" {\n  statement {\n    sid = \"A\"\n  }\n  statement {\n    sid = \"A\"\n  }\n}\n", "6:11", "duplicate Sid \"A\""},
		{"count too large", "resource \"aws_iam_policy\" \"p\" {\n  count  = 100000\n  policy = \"{}\"\n}\n", "2:12", "more than the 1000 instances"},
		{"wide format", "resource \"aws_iam_policy\" \"p\" {\n  policy = format(\"%099999999d\", 1)\n}\n", "2:12", "format width"},
		{"bad index", "variable \"l\" { default = [\"a\"] }\nresource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({ a = var.l[3] })\n}\n", "3:34", "out of range"},
		{"deep nesting", "locals {\n  x = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n}\n", "2:1006", "brackets nested more than 1000 deep"},
		{"set of strings", "data \"aws_iam_policy_document\" \"d\" {\n  statement {\n    actions = \"s3:GetObject\"\n  }\n}\n", "3:15", "a list of strings is required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := terraform.ReadFile("main.tf", []byte(tc.src), testOptions(nil))
			var list policy.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("want an ErrorList, got %v", err)
			}
			if len(list) != 1 {
				t.Fatalf("want one error, got %d:\n%v", len(list), err)
			}
			e := list[0]
			if got := strings.TrimPrefix(e.Pos.String(), "main.tf:"); got != tc.pos || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got %v, want main.tf:%s: ...%s...", e, tc.pos, tc.msg)
			}
		})
	}
}

// A module that calls itself, and modules nested too deep, are errors at
// the module block; the policies read before are kept.
func TestModuleBounds(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("self/main.tf", "resource \"aws_iam_policy\" \"p\" {\n  policy = \"{}\"\n}\nmodule \"again\" {\n  source = \"./\"\n}\n")
	var deep strings.Builder
	for i := 0; i < 10; i++ {
		write(fmt.Sprintf("deep/%s/main.tf", strings.Repeat("m/", i)), "module \"m\" {\n  source = \"./m\"\n}\n")
		deep.WriteString("m/")
	}
	for _, tc := range []struct {
		dir, pos, msg string
	}{
		{"self", "self/main.tf:4:1", `module "again" calls itself`},
		{"deep", "deep/m/m/m/m/m/m/m/m/main.tf:1:1", "modules nested more than 8 deep"},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			set, err := terraform.ReadModule(filepath.Join(dir, tc.dir), terraform.Options{})
			var list policy.ErrorList
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("want one error, got %v", err)
			}
			if got := filepath.ToSlash(list[0].Pos.String()); !strings.HasSuffix(got, tc.pos) || !strings.Contains(list[0].Msg, tc.msg) {
				t.Errorf("got %v, want %s: ...%s...", list[0], tc.pos, tc.msg)
			}
			if set == nil {
				t.Fatal("nil Set")
			}
		})
	}
	if _, err := terraform.ReadModule(filepath.Join(dir, "none"), terraform.Options{}); err == nil {
		t.Error("a missing directory reads without error")
	}
}
