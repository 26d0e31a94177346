package terraform_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/internal/iac/terraform"
	"github.com/iamsim/iamsim/policy"
)

// files are the files the tests' file() and templatefile() read.
var files = map[string]string{
	"p.json":   `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`,
	"p.tpl":    `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "${action}", "Resource": "*"}]}`,
	"wrap.tpl": `${jsonencode({Version = "2012-10-17", Statement = [for a in actions : {Effect = "Allow", Action = a, Resource = "*"}]})}`,
}

func testOptions(values map[string]string) terraform.Options {
	return terraform.Options{Options: policydoc.Options{
		Values: values,
		ReadFile: func(name string) ([]byte, error) {
			if s, ok := files[name]; ok {
				return []byte(s), nil
			}
			return nil, os.ErrNotExist
		},
	}}
}

// readOne reads src as main.tf and returns its policies by name.
func readOne(t *testing.T, src string, values map[string]string) map[string]policydoc.Policy {
	t.Helper()
	set, err := terraform.ReadFile("main.tf", []byte(src), testOptions(values))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]policydoc.Policy{}
	for _, p := range set.Policies {
		got[p.Name()] = p
	}
	return got
}

func compact(t *testing.T, doc []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, doc); err != nil {
		t.Fatalf("document is not JSON: %v\n%s", err, doc)
	}
	return b.String()
}

const stmt = `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`

// Each form of expression gives the document Terraform would send.
func TestExpressions(t *testing.T) {
	for _, tc := range []struct {
		name   string
		src    string
		values map[string]string
		want   string
	}{
		{"jsonencode sorts keys", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Resource = "*", Effect = "Allow", Action = "s3:GetObject" }] })
}`, nil, `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}`},
		{"quoted string", `resource "aws_iam_policy" "p" {
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"
}`, nil, `{"Version":"2012-10-17","Statement":[` + stmt + `]}`},
		{"heredoc", "resource \"aws_iam_policy\" \"p\" {\n  policy = <<EOT\n{\"Version\": \"2012-10-17\", \"Statement\": [" + stmt + "]}\nEOT\n}", nil,
			`{"Version":"2012-10-17","Statement":[` + stmt + `]}`},
		{"variable default and -var", `variable "action" { default = "s3:GetObject" }
variable "effect" { default = "Allow" }
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = var.effect, Action = var.action, Resource = "*" }] })
}`, map[string]string{"effect": "Deny"}, `{"Statement":[{"Action":"s3:GetObject","Effect":"Deny","Resource":"*"}]}`},
		{"typed -var", `variable "actions" { type = list(string) }
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })
}`, map[string]string{"actions": `["s3:GetObject", "s3:PutObject"]`}, `{"Statement":[{"Action":["s3:GetObject","s3:PutObject"],"Effect":"Allow","Resource":"*"}]}`},
		{"locals and functions", `locals {
  buckets = ["a", "b"]
  arns    = concat([for b in local.buckets : format("arn:aws:s3:::%s", b)], ["arn:aws:s3:::${join("-", local.buckets)}"])
  tags    = merge({ team = "x" }, { env = "dev" })
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{
    Effect = lookup(local.tags, "env", "prod") == "dev" ? "Allow" : "Deny"
    Action = tolist(toset(["s3:GetObject", "s3:GetObject"]))
    Resource = [element(local.arns, 1), try(local.arns[5], local.arns[2])]
  }] })
}`, nil, `{"Statement":[{"Action":["s3:GetObject"],"Effect":"Allow","Resource":["arn:aws:s3:::b","arn:aws:s3:::a-b"]}]}`},
		{"more functions", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{
    Effect   = alltrue([true, !anytrue([false])]) ? "Allow" : "Deny"
    Action   = nonsensitive(sensitive(one(["s3:GetObject"])))
    Resource = coalesce(one([]), "*")
  }] })
}`, nil, `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"*"}]}`},
		{"resource reference", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*" }] })
}`, nil, `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"{{aws_s3_bucket.b.arn}}/*"}]}`},
		{"configured argument", `resource "aws_s3_bucket" "b" { bucket = "my-bucket" }
resource "aws_s3_bucket" "c" {
  count  = 2
  bucket = "c-${count.index}"
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = ["arn:aws:s3:::${aws_s3_bucket.b.bucket}/*", aws_s3_bucket.b.arn, "arn:aws:s3:::${aws_s3_bucket.c[1].bucket}"] }] })
}`, nil, `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":["arn:aws:s3:::my-bucket/*","{{aws_s3_bucket.b.arn}}","arn:aws:s3:::c-1"]}]}`},
		{"bound placeholder", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*" }] })
}`, map[string]string{"aws_s3_bucket.b.arn": "arn:aws:s3:::real"}, `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::real/*"}]}`},
		{"computed from unknown", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = upper(aws_s3_bucket.b.arn) }] })
}`, nil, `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"{{upper(aws_s3_bucket.b.arn)}}"}]}`},
		{"other data source and impure function", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${data.aws_caller_identity.me.account_id}-${timestamp()}" }] })
}`, nil, `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::{{data.aws_caller_identity.me.account_id}}-{{timestamp()}}"}]}`},
		{"undeclared in one file", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = local.action, Resource = var.arn }] })
}`, nil, `{"Statement":[{"Action":"{{local.action}}","Effect":"Allow","Resource":"{{var.arn}}"}]}`},
		{"file", `resource "aws_iam_policy" "p" {
  policy = file("p.json")
}`, nil, `{"Version":"2012-10-17","Statement":[` + stmt + `]}`},
		{"templatefile", `resource "aws_iam_policy" "p" {
  policy = templatefile("p.tpl", { action = "s3:GetObject" })
}`, nil, `{"Version":"2012-10-17","Statement":[` + stmt + `]}`},
		{"templatefile of jsonencode", `resource "aws_iam_policy" "p" {
  policy = templatefile("wrap.tpl", { actions = ["s3:GetObject"] })
}`, nil, `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}`},
		{"policy_document json", `data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.minified_json
}`, nil, `{"Version":"2012-10-17","Statement":[` + stmt + `]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := readOne(t, tc.src, tc.values)
			p, ok := got["aws_iam_policy.p"]
			if !ok {
				t.Fatalf("no aws_iam_policy.p in %v", got)
			}
			if diff := cmp.Diff(tc.want, compact(t, p.Doc)); diff != "" {
				t.Errorf("document mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(policydoc.PlaceholderNames(tc.want), orNil(p.Placeholders)); diff != "" {
				t.Errorf("placeholders mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func orNil(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// count and for_each make one policy per instance, its key in the
// address; a collection unknown until apply makes one, its key a
// placeholder.
func TestInstances(t *testing.T) {
	src := `variable "names" { default = { a = "s3:GetObject", b = "s3:PutObject" } }
resource "aws_iam_policy" "each" {
  for_each = var.names
  name     = each.key
  policy   = jsonencode({ Statement = [{ Effect = "Allow", Action = each.value, Resource = "*" }] })
}
resource "aws_iam_policy" "count" {
  count  = 2
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b${count.index}" }] })
}
resource "aws_iam_policy" "none" {
  count  = 0
  policy = "{}"
}
resource "aws_iam_policy" "unknown" {
  for_each = aws_s3_bucket.all.tags
  policy   = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = each.value }] })
}`
	got := readOne(t, src, nil)
	var names []string
	for name := range got {
		names = append(names, name)
	}
	want := map[string]string{
		`aws_iam_policy.each["a"]`: `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"*"}]}`,
		`aws_iam_policy.each["b"]`: `{"Statement":[{"Action":"s3:PutObject","Effect":"Allow","Resource":"*"}]}`,
		`aws_iam_policy.count[0]`:  `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::b0"}]}`,
		`aws_iam_policy.count[1]`:  `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::b1"}]}`,
		`aws_iam_policy.unknown`:   `{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"{{each.value}}"}]}`,
	}
	gotDocs := map[string]string{}
	for name, p := range got {
		gotDocs[name] = compact(t, p.Doc)
	}
	if diff := cmp.Diff(want, gotDocs); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if got := got[`aws_iam_policy.each["b"]`].PolicyName; got != "b" {
		t.Errorf("name %q, want each.key b", got)
	}
}

// Every resource type of the table holds its policy in its argument,
// with its kind and path.
func TestResourceTypes(t *testing.T) {
	doc := `jsonencode({ Version = "2012-10-17", Statement = [] })`
	for _, tc := range []struct {
		typ, body string
		name      string
		kind      policy.Kind
	}{
		{"aws_iam_policy", "policy = " + doc, "aws_iam_policy.x", policy.Identity},
		{"aws_iam_role", "assume_role_policy = " + doc, "aws_iam_role.x.assume_role_policy", policy.Trust},
		{"aws_iam_role", "inline_policy {\n name = \"a\"\n policy = " + doc + "\n}\ninline_policy {\n policy = " + doc + "\n}", "aws_iam_role.x.inline_policy[1]", policy.Identity},
		{"aws_iam_role_policy", "policy = " + doc, "aws_iam_role_policy.x", policy.Identity},
		{"aws_iam_user_policy", "policy = " + doc, "aws_iam_user_policy.x", policy.Identity},
		{"aws_iam_group_policy", "policy = " + doc, "aws_iam_group_policy.x", policy.Identity},
		{"aws_organizations_policy", "content = " + doc, "aws_organizations_policy.x", policy.SCP},
		{"aws_organizations_policy", "type = \"RESOURCE_CONTROL_POLICY\"\ncontent = " + doc, "aws_organizations_policy.x", policy.RCP},
		{"aws_s3_bucket_policy", "policy = " + doc, "aws_s3_bucket_policy.x", policy.Resource},
		{"aws_s3_bucket", "policy = " + doc, "aws_s3_bucket.x.policy", policy.Resource},
		{"aws_sqs_queue_policy", "policy = " + doc, "aws_sqs_queue_policy.x", policy.Resource},
		{"aws_sns_topic_policy", "policy = " + doc, "aws_sns_topic_policy.x", policy.Resource},
		{"aws_kms_key", "policy = " + doc, "aws_kms_key.x.policy", policy.Resource},
		{"aws_ecr_repository_policy", "policy = " + doc, "aws_ecr_repository_policy.x", policy.Resource},
		{"aws_secretsmanager_secret_policy", "policy = " + doc, "aws_secretsmanager_secret_policy.x", policy.Resource},
		{"aws_cloudwatch_log_resource_policy", "policy_document = " + doc, "aws_cloudwatch_log_resource_policy.x", policy.Resource},
		{"aws_opensearch_domain_policy", "access_policies = " + doc, "aws_opensearch_domain_policy.x", policy.Resource},
		{"aws_efs_file_system_policy", "policy = " + doc, "aws_efs_file_system_policy.x", policy.Resource},
		{"aws_backup_vault_policy", "policy = " + doc, "aws_backup_vault_policy.x", policy.Resource},
		{"aws_glacier_vault", "access_policy = " + doc, "aws_glacier_vault.x.access_policy", policy.Resource},
		{"aws_s3control_access_point_policy", "policy = " + doc, "aws_s3control_access_point_policy.x", policy.Resource},
		{"aws_api_gateway_rest_api_policy", "policy = " + doc, "aws_api_gateway_rest_api_policy.x", policy.Resource},
		{"aws_vpc_endpoint", "policy = " + doc, "aws_vpc_endpoint.x.policy", policy.Endpoint},
		{"aws_transfer_user", "policy = " + doc, "aws_transfer_user.x.policy", policy.Session},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := readOne(t, fmt.Sprintf("resource %q \"x\" {\n%s\n}\n", tc.typ, tc.body), nil)
			p, ok := got[tc.name]
			if !ok {
				t.Fatalf("no %s in %v", tc.name, got)
			}
			if p.Kind != tc.kind || p.Type != tc.typ {
				t.Errorf("kind %v type %s, want %v %s", p.Kind, p.Type, tc.kind, tc.typ)
			}
		})
	}
	for _, src := range []string{
		`resource "aws_lambda_permission" "x" { action = "lambda:InvokeFunction" }`,
		`resource "aws_iam_policy" "x" { policy = data.aws_iam_policy.existing.policy }`,
		`resource "aws_organizations_policy" "x" {
  type    = "TAG_POLICY"
  content = jsonencode({ tags = {} })
}`,
		`resource "aws_iam_policy" "x" { policy = null }`,
	} {
		if got := readOne(t, src, nil); len(got) != 0 {
			t.Errorf("%s: want no policy, got %v", src, got)
		}
	}
}
