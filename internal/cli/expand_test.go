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
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		golden     string
		wantStderr string
	}{
		// IAM matches actions case-insensitively (reference_policies_elements_action.md).
		{name: "wildcard and exact, any case", args: []string{"expand", "S3:getobject*", "iam:PassRole"}, golden: "expand.golden"},
		{name: "json", args: []string{"expand", "--format", "json", "sts:AssumeRole*"}, golden: "expand.json.golden"},
		{name: "misspelt action", args: []string{"expand", "s3:GetObjekt"}, wantCode: ExitFindings, golden: "expand-unknown.golden",
			wantStderr: "s3:GetObjekt matches no action in the catalog; did you mean s3:GetObject?\n"},
		{name: "not an action pattern", args: []string{"expand", "GetObject"}, wantCode: ExitInput,
			wantStderr: "iamsim: pattern \"GetObject\": an action pattern is service:Name, with * and ? as wildcards\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d", code, tt.wantCode)
			}
			if diff := cmp.Diff(tt.wantStderr, stderr); diff != "" {
				t.Errorf("stderr mismatch (-want +got):\n%s", diff)
			}
			if tt.golden != "" {
				golden(t, tt.golden, stdout)
			} else if stdout != "" {
				t.Errorf("unexpected output:\n%s", stdout)
			}
		})
	}
}
