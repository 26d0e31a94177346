package terraform_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/internal/iac/terraform"
	"github.com/iamsim/iamsim/policy"
)

// findValue finds a value of a document by its text: a Sid, an action,
// a resource, a principal or a condition value.
func findValue(d *policy.Document, text string) (policy.Value, bool) {
	for _, st := range d.Statements {
		vals := []policy.Value{st.Sid}
		if st.Action != nil {
			vals = append(vals, st.Action.Items...)
		}
		if st.Resource != nil {
			vals = append(vals, st.Resource.Items...)
		}
		if st.Principal != nil {
			for _, e := range st.Principal.Entries {
				vals = append(vals, e.Value)
			}
		}
		for _, c := range st.Conditions {
			vals = append(vals, c.Values...)
		}
		for _, v := range vals {
			if v.Text == text {
				return v, true
			}
		}
	}
	return policy.Value{}, false
}

// Each value of an extracted document is reported where it is written:
// inside a jsonencode, a heredoc, a template file, a rendered
// aws_iam_policy_document, a plan's escaped string (a JSON string at its
// escaped opening quote); a value read from another file (a variable's
// default, a file() of a source document) where it is referred to.
func TestPositions(t *testing.T) {
	module, err := terraform.ReadModule(filepath.Join(testdata, "app"), terraform.Options{})
	if err != nil {
		t.Fatal(err)
	}
	planFile := filepath.Join(testdata, "plan", "plan.json")
	src, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := terraform.ReadPlan(planFile, src, terraform.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		set    *policydoc.Set
		policy string
		value  string
		file   string // relative to testdata
		needle string // unique in file, starting where the value is reported
	}{
		{"jsonencode", module, "aws_iam_role.app.inline_policy[0]", "logs:CreateLogStream", "app/main.tf", "logs:CreateLogStream"},
		{"jsonencode template", module, "aws_iam_role.app.inline_policy[0]", "arn:aws:logs:us-east-1:111122223333:log-group:/app/dev:*", "app/main.tf", "local.log_group}:*"},
		{"indented heredoc", module, "aws_iam_group_policy.admins", "iam:*", "app/main.tf", `"iam:*"`},
		{"heredoc condition", module, "aws_iam_group_policy.admins", "false", "app/main.tf", `"false"}}`},
		{"heredoc interpolation", module, "aws_iam_policy.boundary", "arn:aws:iam::{{data.aws_caller_identity.current.account_id}}:*", "app/iam.tf", `"arn:aws:iam::${data`},
		{"document action", module, "data.aws_iam_policy_document.assume", "sts:AssumeRole", "app/iam.tf", "sts:AssumeRole"},
		{"document user", module, "aws_iam_role.app.assume_role_policy", "sts:AssumeRole", "app/iam.tf", "sts:AssumeRole"},
		{"variable default", module, "data.aws_iam_policy_document.assume", "ec2.amazonaws.com", "app/iam.tf", "var.trusted_services"},
		{"document condition", module, "data.aws_iam_policy_document.assume", "111122223333", "app/iam.tf", "var.account_id]"},
		{"document template", module, "data.aws_iam_policy_document.base", "arn:aws:s3:::acme-app-data/home/${aws:username}/*", "app/iam.tf", "arn:aws:s3:::${var.bucket_name}/home"},
		{"source document", module, "aws_iam_policy.app", "ReadData", "app/iam.tf", "ReadData"},
		{"override file", module, "aws_iam_policy.app", "s3:DeleteObject", "app/iam.tf", `file("${path.module}/policies/override.json")`},
		{"templatefile", module, "aws_iam_policy.logs", "logs:DescribeLogStreams", "app/policies/logs.json.tpl", `"logs:DescribeLogStreams"`},
		{"templatefile interpolation", module, "aws_iam_policy.logs", "arn:aws:logs:us-east-1:111122223333:log-group:/app/dev:*", "app/policies/logs.json.tpl", `"${log_group}:*"`},
		{"scp", module, "aws_organizations_policy.deny_regions", "organizations:*", "app/org.tf", "organizations:*"},
		{"scp condition", module, "aws_organizations_policy.deny_regions", "eu-west-1", "app/org.tf", "eu-west-1"},
		{"child module", module, "module.storage.aws_sqs_queue_policy.q[1]", "sqs:SendMessage", "app/modules/storage/main.tf", "sqs:SendMessage"},
		{"child module document", module, "module.storage.aws_s3_bucket_policy.this", "AppReads", "app/modules/storage/main.tf", "AppReads"},
		{"plan", plan, "aws_iam_policy.app", "s3:ListBucket", "plan/plan.json", `\"s3:ListBucket\"`},
		{"plan escaped", plan, "module.storage.aws_s3_bucket_policy.this", "AppReads", "plan/plan.json", `\"AppReads\"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p *policydoc.Policy
			for i := range tc.set.Policies {
				if tc.set.Policies[i].Name() == tc.policy {
					p = &tc.set.Policies[i]
				}
			}
			if p == nil {
				t.Fatalf("no policy %s", tc.policy)
			}
			d, err := p.Locator(policy.DefaultLimits).ParseEmbedded(0, len(p.Doc), p.Kind)
			if err != nil && d == nil {
				// Placeholders are no ARNs to the parser; the document is
				// read for its positions nonetheless.
				d, err = p.Locator(policy.DefaultLimits).ParseEmbedded(0, len(p.Doc), policy.Identity)
			}
			if d == nil {
				t.Fatalf("parse: %v", err)
			}
			v, ok := findValue(d, tc.value)
			if !ok {
				t.Fatalf("no value %q in %s", tc.value, p.Doc)
			}
			name := filepath.Join(testdata, filepath.FromSlash(tc.file))
			text, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(string(text), tc.needle); n != 1 {
				t.Fatalf("needle %q found %d times in %s", tc.needle, n, tc.file)
			}
			want := policy.NewLocator(name, text).Pos(strings.Index(string(text), tc.needle))
			if diff := cmp.Diff(want, v.Pos); diff != "" {
				t.Errorf("position of %q mismatch (-want +got):\n%s", tc.value, diff)
			}
		})
	}
}

// A policy in a plan is placed inside its escaped JSON string: a value
// after an escape (\n, \u00e9, a surrogate pair) keeps its exact column.
func TestPlanEscapes(t *testing.T) {
	src := `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","values":{"policy":"{\"Statement\":[{\"Sid\":\"\u00e9\ud83d\ude00\",\n\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"}}]}}}`
	set, err := terraform.ReadPlan("plan.json", []byte(src), terraform.Options{})
	if err != nil || len(set.Policies) != 1 {
		t.Fatalf("%v policies, %v", set.Policies, err)
	}
	p := set.Policies[0]
	d, err := p.Locator(policy.DefaultLimits).ParseEmbedded(0, len(p.Doc), p.Kind)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := findValue(d, "s3:GetObject")
	want := policy.NewLocator("plan.json", []byte(src)).Pos(strings.Index(src, `\"s3:GetObject`))
	if diff := cmp.Diff(want, v.Pos); diff != "" {
		t.Errorf("position mismatch (-want +got):\n%s", diff)
	}
	if d.Statements[0].Sid.Text != "é😀" {
		t.Errorf("Sid %q, want the decoded escapes", d.Statements[0].Sid.Text)
	}
}
