package cli

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestExpandFlags(t *testing.T) {
	got, err := parseOptions(newExpandCmd, []string{"--format", "json", "s3:Get*", "iam:PassRole"})
	if err != nil {
		t.Fatal(err)
	}
	want := expandOptions{Patterns: []string{"s3:Get*", "iam:PassRole"}, Format: "json"}
	if diff := cmp.Diff(want, *got, cmpopts.IgnoreFields(expandOptions{}, "Stdout", "Stderr")); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if _, err := parseOptions(newExpandCmd, nil); err == nil {
		t.Error("expand without patterns was accepted")
	}
}

func TestExpand(t *testing.T) {
	runCases(t, []cliCase{
		// IAM matches actions case-insensitively (reference_policies_elements_action.md).
		{name: "wildcard and exact, any case", args: []string{"expand", "S3:getobject*", "iam:PassRole"}, golden: "expand.golden"},
		{name: "json", args: []string{"expand", "--format", "json", "sts:AssumeRole*"}, golden: "expand.json.golden"},
		{name: "misspelt action", args: []string{"expand", "s3:GetObjekt"}, wantCode: ExitFindings, golden: "expand-unknown.golden",
			wantStderr: "iamsim: s3:GetObjekt matches no action in the catalog; did you mean s3:GetObject?\n"},
		{name: "not an action pattern", args: []string{"expand", "GetObject"}, wantCode: ExitInput,
			wantStderr: "iamsim: pattern \"GetObject\": an action pattern is service:Name, with * and ? as wildcards\n"},
	})
}
