package api

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// appTemplate is the reports app of docs/iac.md: a role with an inline
// policy and a boundary, and a bucket policy.
const appTemplate = "../../testdata/iac/app/template.yaml"

// A policy flag takes a reference: the policy decides as a file would,
// and its statements stand at their lines of the template, named by the
// resource that holds them.
func TestEvaluateCodeReference(t *testing.T) {
	t.Parallel()
	cases, err := Engine{}.Evaluate(EvalOptions{
		Principal: "arn:aws:iam::111122223333:role/reports-app",
		Actions:   []string{"s3:GetObject", "s3:DeleteObject"},
		Resources: []string{"arn:aws:s3:::example-reports/2026/q4.pdf"},
		Identity:  []string{appTemplate + "#AppRole.Policies[0]"},
		Boundary:  appTemplate + "#AppBoundary",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"s3:GetObject arn:aws:s3:::example-reports/2026/q4.pdf allowed",
		"s3:DeleteObject arn:aws:s3:::example-reports/2026/q4.pdf explicitDeny",
	}
	if diff := cmp.Diff(want, decisions(cases)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	r := cases[1].Result.Deciding[0]
	if r.Pos != (policy.Pos{File: appTemplate, Line: 64, Col: 17}) || r.Policy != "AppRole.Policies[0]" {
		t.Errorf("the Deny stands at %v in %q, want template.yaml:64:17 in AppRole.Policies[0]", r.Pos, r.Policy)
	}
}

// A reference that names nothing, or several policies where one is
// taken, is an input error that lists what there is.
func TestCodeReferenceErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ arg, want string }{
		{appTemplate + "#AppRol", "no such policy (nearest: " + appTemplate + "#AppRole."},
		{appTemplate + "#AppRole", "holds 2 policies; name one: " + appTemplate + "#AppRole.AssumeRolePolicyDocument, " + appTemplate + "#AppRole.Policies[0]"},
		{appTemplate, "holds 4 policies; name one"},
	} {
		_, err := Engine{}.Evaluate(EvalOptions{Principal: "arn:aws:iam::111122223333:role/r", Actions: []string{"s3:GetObject"},
			Resources: []string{"*"}, Identity: []string{tc.arg}})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error with %q", tc.arg, err, tc.want)
		}
	}
}

// --template makes the code an account: the role's inline policy, its
// boundary and its trust policy come from the template, and the answer
// says which account was assumed.
func TestEvaluateTemplatePrincipal(t *testing.T) {
	t.Parallel()
	cases, err := Engine{}.Evaluate(EvalOptions{
		PrincipalResource: "AppRole",
		Actions:           []string{"s3:GetObject", "s3:PutObject"},
		Resources:         []string{"arn:aws:s3:::example-reports/drafts/q1.pdf"},
		AccountSources:    AccountSources{Templates: []string{appTemplate}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"s3:GetObject arn:aws:s3:::example-reports/drafts/q1.pdf allowed",
		"s3:PutObject arn:aws:s3:::example-reports/drafts/q1.pdf implicitDeny", // the boundary
	}
	if diff := cmp.Diff(want, decisions(cases)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if got := cases[0].Request.Principal; got != "arn:aws:iam::123456789012:role/reports-app" {
		t.Errorf("principal %s", got)
	}
	if !slices.ContainsFunc(cases[0].Result.Notes, func(n evaluator.Note) bool { return n.Code == NoteCodeAccountAssumed }) {
		t.Errorf("no note that the account was assumed: %v", cases[0].Result.Notes)
	}
	bound, err := Engine{Code: CodeValues{Values: map[string]string{"AWS::AccountId": "111122223333"}}}.Evaluate(EvalOptions{
		PrincipalResource: "reports-app", Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::example-reports/x"},
		AccountSources: AccountSources{Templates: []string{appTemplate}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := bound[0].Request.Principal; got != "arn:aws:iam::111122223333:role/reports-app" ||
		slices.ContainsFunc(bound[0].Result.Notes, func(n evaluator.Note) bool { return n.Code == NoteCodeAccountAssumed }) {
		t.Errorf("--var AWS::AccountId: principal %s, notes %v", got, bound[0].Result.Notes)
	}
	_, err = Engine{}.Evaluate(EvalOptions{PrincipalResource: "AppRoel", Actions: []string{"s3:GetObject"}, Resources: []string{"*"},
		AccountSources: AccountSources{Templates: []string{appTemplate}}})
	if err == nil || !strings.Contains(err.Error(), "did you mean AppRole?") {
		t.Errorf("a misspelt principal: %v", err)
	}
}

// A value the code leaves unknown until deploy matches only itself, and
// the decision says so.
func TestPlaceholderNote(t *testing.T) {
	t.Parallel()
	cases, err := Engine{}.Evaluate(EvalOptions{
		Principal:      "arn:aws:iam::444455556666:root",
		Actions:        []string{"s3:GetObject"},
		Resources:      []string{"arn:aws:s3:::example-reports/x"},
		ResourcePolicy: appTemplate + "#ReportsBucketPolicy",
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := cases[0].Result.Decision; got != evaluator.Allowed {
		t.Errorf("the auditors' account reads: %v", got)
	}
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "t.yaml")
	src := "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  R:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n          - {Effect: Allow, Action: sqs:SendMessage, Resource: !GetAtt Q.Arn}\n"
	if err := os.WriteFile(tmpl, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cases, err = Engine{}.Evaluate(EvalOptions{Principal: "arn:aws:iam::111122223333:user/u", Actions: []string{"sqs:SendMessage"},
		Resources: []string{"arn:aws:sqs:us-east-1:111122223333:q"}, Identity: []string{tmpl + "#R"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(cases[0].Result.Notes, func(n evaluator.Note) bool { return n.Code == NotePlaceholder }) {
		t.Errorf("no placeholder note: %v", cases[0].Result.Notes)
	}
}

// Lint reads a template policy by policy, each at its lines and named by
// its resource.
func TestLintCode(t *testing.T) {
	t.Parallel()
	report, err := Engine{}.Lint(LintOptions{Paths: []string{appTemplate}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range report.Files {
		got = append(got, f.Policy+" "+f.Kind.String())
	}
	want := []string{"ReportsBucketPolicy resource", "AppBoundary identity", "AppRole.AssumeRolePolicyDocument trust", "AppRole.Policies[0] identity"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("policies mismatch (-want +got):\n%s", diff)
	}
	if f := report.Files[1].Findings; len(f) == 0 || f[0].Pos.File != appTemplate || f[0].Pos.Line != 35 {
		t.Errorf("the boundary's finding: %+v", f)
	}
}

// diff compares two templates policy by policy, and --base compares the
// working tree's with a revision's, read with git.
func TestDiffCode(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(appTemplate)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	old, new := filepath.Join(dir, "old.yaml"), filepath.Join(dir, "template.yaml")
	widened := strings.Replace(string(src), `Action: ["s3:Get*", "s3:List*"]`, `Action: ["s3:Get*", "s3:List*", "s3:Put*"]`, 1)
	for file, text := range map[string]string{old: string(src), new: widened} {
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check := func(report *DiffReport) {
		t.Helper()
		// The boundary now lets WriteDrafts through: the role may write
		// drafts, found at the role's level with the boundary and the
		// grant named.
		if len(report.Pairs) != 1 || !strings.HasPrefix(report.Pairs[0].Subject, "role reports-app: ") {
			t.Fatalf("pairs %+v", report.Pairs)
		}
		w := report.Pairs[0].Widenings
		if len(w) != 1 || w[0].Witness.Action != "s3:PutObject" || w[0].Statement.Pos.File != new || w[0].Statement.Pos.Line != 34 ||
			w[0].Grant == nil || w[0].Grant.Pos.Line != 60 {
			t.Errorf("widenings %+v", w)
		}
	}
	report, err := Engine{}.Diff(DiffOptions{Old: old, New: new})
	if err != nil {
		t.Fatal(err)
	}
	check(report)
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	if err := os.WriteFile(new, src, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "template.yaml"}, {"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "x"}} {
		if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	if err := os.WriteFile(new, []byte(strings.Replace(widened, `"s3:Put*"]`, `"s3:Put*", "s3:Delete*"]`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	report, err = Engine{}.Diff(DiffOptions{Base: "HEAD", New: new})
	if err != nil {
		t.Fatal(err)
	}
	check(report) // NoDeletes still denies s3:DeleteObject
	if !strings.HasPrefix(report.Pairs[0].Old, "HEAD:") {
		t.Errorf("OLD is named %q, want HEAD:...", report.Pairs[0].Old)
	}
}

// --template brings the code's resource policies too: the bucket policy
// lets the auditors' account in, and a request from there is decided
// cross-account, which needs the caller's identity policies as well.
func TestEvaluateTemplateResourcePolicy(t *testing.T) {
	t.Parallel()
	cases, err := Engine{}.Evaluate(EvalOptions{
		Principal:      "arn:aws:iam::444455556666:role/auditor",
		Actions:        []string{"s3:GetObject"},
		Resources:      []string{"arn:aws:s3:::example-reports/q4.pdf"},
		AccountSources: AccountSources{Templates: []string{appTemplate}},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := cases[0].Result
	if r.Decision != evaluator.ImplicitDeny || !r.CrossAccount || r.Verdict(evaluator.LayerResource) != evaluator.Allows {
		t.Errorf("decision %v, cross-account %v, resource layer %v", r.Decision, r.CrossAccount, r.Verdict(evaluator.LayerResource))
	}
}

// lint and diff take references too: lint the policies one selects, diff
// the policies two select, one against one even when their names differ.
func TestReferencesInLintAndDiff(t *testing.T) {
	t.Parallel()
	report, err := Engine{}.Lint(LintOptions{Paths: []string{appTemplate + "#AppRole"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range report.Files {
		got = append(got, f.Policy)
	}
	if diff := cmp.Diff([]string{"AppRole.AssumeRolePolicyDocument", "AppRole.Policies[0]"}, got); diff != "" {
		t.Errorf("linted policies mismatch (-want +got):\n%s", diff)
	}
	report, err = Engine{}.Lint(LintOptions{Paths: []string{appTemplate + "#Nope"}})
	if err != nil || len(report.Inputs) != 1 || report.Inputs[0].Err == nil || !strings.Contains(report.Inputs[0].Err.Error(), "no such policy") {
		t.Errorf("a reference to nothing: %v, inputs %+v", err, report.Inputs)
	}
	d, err := Engine{}.Diff(DiffOptions{Old: appTemplate + "#AppBoundary", New: "../../testdata/iac/diff/new.yaml#AppBoundary"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pairs) != 1 || len(d.Pairs[0].Widenings) == 0 || d.Pairs[0].Widenings[0].Statement.Pos.Line != 34 {
		t.Errorf("pairs %+v", d.Pairs)
	}
	d, err = Engine{}.Diff(DiffOptions{Old: appTemplate + "#AppRole.Policies[0]", New: "../../testdata/iac/terraform/app#aws_iam_role.app.inline_policy[0]"})
	if err != nil || len(d.Pairs) != 1 || d.Pairs[0].Kind != policy.Identity || len(d.Pairs[0].Widenings) != 2 {
		t.Errorf("a template's policy against a module's: %v %+v", err, d)
	}
}

// A Terraform policy document that no resource uses has no property to
// say its kind: lint detects it, as it detects a policy file's, and says
// so.
func TestLintCodeDetectedKind(t *testing.T) {
	t.Parallel()
	report, err := Engine{}.Lint(LintOptions{Paths: []string{"../../testdata/iac/terraform/app#data.aws_iam_policy_document.base"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Files) != 1 || report.Files[0].Guess == nil || report.Files[0].Guess.Kind != policy.Identity {
		t.Errorf("files %+v", report.Files)
	}
}
