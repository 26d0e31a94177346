package cfn

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// TestMalformed reads each template of testdata/iac/cfn/malformed, each
// with one problem, and wants that problem alone, at its position.
func TestMalformed(t *testing.T) {
	tests := []struct{ file, want string }{
		{"bad-json-string.yaml", `10:62: E028 the policy document's JSON: expected , or } after a value, found '"': is a comma missing?`},
		{"cycle-a.yaml", "malformed/cycle-b.yaml:5:20: E028 nested stack Back reads malformed/cycle-a.yaml, which nests this template: a cycle"},
		{"duplicate-id.json", `1:50: E028 duplicate logical ID "A"`},
		{"no-resources.yaml", "1:1: E028 the template has no Resources section"},
		{"no-type.yaml", "2:3: E028 resource Role has no Type"},
		{"not-a-mapping.yaml", "1:1: E028 a template is a mapping of sections, not a list"},
		{"sam-missing-parameter.yaml", "8:11: E028 SAM policy template DynamoDBCrudPolicy needs parameter TableName"},
		{"sam-unknown-template.yaml", "8:11: E028 Policies[0] of Fn: unknown SAM policy template S3ReadPolicyy (did you mean S3ReadPolicy?)"},
		{"tab.yaml", "3:1: E028 a tab in the indentation: YAML indents with spaces only"},
		{"trailing-comma.json", "5:57: E028 invalid JSON: trailing comma before }: JSON allows no comma after the last entry"},
		{"unclosed-flow.yaml", "5:45: E028 invalid YAML: '[' opens a list that is never closed: at 6:1 the YAML reader expected ',' or ']'"},
		{"undefined-condition.yaml", `4:16: E028 resource P names condition "IsProd", which the Conditions section does not define`},
		{"unknown-function.yaml", "9:23: E028 unknown intrinsic function Fn::Sup (did you mean Fn::Sub?)"},
		{"unknown-ref.yaml", `14:29: E028 Fn::GetAtt to "Buckett", which is not a resource of this template (did you mean "Bucket"?)`},
		{"unsupported-function.yaml", "9:95: E028 Fn::GetAZs is not supported in a policy: write the value it stands for"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			name := "malformed/" + tt.file
			src, err := testOptions.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Read(name, src, testOptions)
			var list policy.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("want a list of problems, got %v", err)
			}
			want := tt.want
			if want[0] != 'm' {
				want = name + ":" + want
			}
			if diff := cmp.Diff([]string{want}, errorStrings(list)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if list[0].Line == "" {
				t.Errorf("the problem quotes no line")
			}
		})
	}
}

func errorStrings(list policy.ErrorList) []string {
	var out []string
	for _, e := range list {
		out = append(out, e.Error())
	}
	return out
}

func TestIsTemplate(t *testing.T) {
	tests := []struct {
		name, src string
		want      bool
	}{
		{"format version", "AWSTemplateFormatVersion: '2010-09-09'\n", true},
		{"SAM transform", "Transform: AWS::Serverless-2016-10-31\nResources: {}\n", true},
		{"YAML resources", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n", true},
		{"JSON resources", `{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`, true},
		{"a policy", `{"Version": "2012-10-17", "Statement": []}`, false},
		{"a scenario", "requests:\n  - action: s3:GetObject\n    resource: arn:aws:s3:::b\n", false},
		{"a Terraform file", "resource \"aws_iam_role\" \"r\" {\n  name = \"r\"\n}\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsTemplate([]byte(tt.src)); got != tt.want {
				t.Errorf("IsTemplate = %v, want %v", got, tt.want)
			}
		})
	}
}

// Stacks that nest the same template many times over are bounded, not
// read a hundred to the eighth times.
func TestNestedFanOut(t *testing.T) {
	// Each template nests 20 stacks of the next one: f.yaml, fx.yaml...
	fan := func(name string) []byte {
		var b strings.Builder
		b.WriteString("Resources:\n")
		for i := range 20 {
			fmt.Fprintf(&b, "  S%d:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: %sx.yaml}\n", i, strings.TrimSuffix(name, ".yaml"))
		}
		return []byte(b.String())
	}
	opts := policydoc.Options{ReadFile: func(path string) ([]byte, error) { return fan(path), nil }}
	_, err := Read("f.yaml", fan("f.yaml"), opts)
	var list policy.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("want a list of problems, got %v", err)
	}
	// Depth first, the first stacks go 8 deep; then the bound on reads
	// stops the rest. Each is said once.
	want := []string{
		"fxxxxxxx.yaml:31:31: E028 more than 100 nested stacks' templates to read",
		"fxxxxxxxx.yaml:4:31: E028 nested stacks more than 8 deep",
	}
	if diff := cmp.Diff(want, errorStrings(list)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// A template nested twice reports its problem once.
func TestNestedTwice(t *testing.T) {
	parent := []byte("Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: child.yaml}\n  B:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: child.yaml}\n")
	child := []byte("Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties: {PolicyDocument: !Ref Nope}\n")
	opts := policydoc.Options{ReadFile: func(string) ([]byte, error) { return child, nil }}
	_, err := Read("parent.yaml", parent, opts)
	var list policy.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("want a list of problems, got %v", err)
	}
	want := []string{`child.yaml:4:34: E028 Ref to "Nope", which is not a parameter or resource of this template (did you mean "P"?)`}
	if diff := cmp.Diff(want, errorStrings(list)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
