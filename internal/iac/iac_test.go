package iac_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/iac"
)

// What a path holds is told by its content; a directory by its files.
func TestDetect(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, src string
		want      iac.Format
	}{
		{"t.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\n", iac.CloudFormation},
		{"t.json", `{"Resources": {"R": {"Type": "AWS::IAM::Role"}}}`, iac.CloudFormation},
		{"main.tf", `resource "aws_iam_policy" "p" {}`, iac.Terraform},
		{"plan.json", `{"format_version": "1.2", "planned_values": {}}`, iac.TerraformPlan},
		{"policy.json", `{"Version": "2012-10-17", "Statement": []}`, iac.None},
		{"scenario.yaml", "policies: {}\nrequests: []\n", iac.None},
	} {
		if got := iac.DetectFile(tc.name, []byte(tc.src)); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
	dir := t.TempDir()
	if got := iac.DetectDir(dir); got != iac.None {
		t.Errorf("an empty directory: %v", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := iac.DetectDir(dir); got != iac.Terraform {
		t.Errorf("a directory of .tf files: %v", got)
	}
}

// What a reader leaves unread is never silent: a nested stack whose
// template is on S3 is a note at the place that names it.
func TestReaderNotes(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "t.yaml")
	src := "Resources:\n  Net:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://s3.amazonaws.com/b/net.yaml\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &iac.Reader{}
	if _, _, err := r.Read(file); err != nil {
		t.Fatal(err)
	}
	notes := r.Notes(file)
	if len(notes) != 1 || !strings.HasPrefix(notes[0], file+":5:20: nested stack Net is not read") {
		t.Errorf("notes %q", notes)
	}
	if _, _, err := r.Read(filepath.Join(filepath.Dir(file), "missing.yaml")); err == nil {
		t.Error("a missing file was read")
	}
}

// A CDK cloud assembly's policies are named by stack and logical ID, and
// labelled with the construct that made them, which CDK users know.
func TestCDKAssembly(t *testing.T) {
	t.Parallel()
	r := &iac.Reader{}
	set, format, err := r.Read("../../testdata/iac/cfn/cdk.out")
	if err != nil || format != iac.CDKAssembly {
		t.Fatalf("format %v, error %v", format, err)
	}
	for _, p := range set.Policies {
		if p.Name() == "ingest-prod.RawKey8F2E3C4B.KeyPolicy" {
			if got := p.Label(); got != "ingest-prod.RawKey8F2E3C4B.KeyPolicy (construct IngestStack/RawKey)" {
				t.Errorf("label %q", got)
			}
			return
		}
	}
	t.Errorf("no key policy among %v", iac.Names(set))
}
