package cli

import (
	"strings"
	"testing"
)

// TestPolicyLimitsReachEveryReader checks that the parser limit flags
// reach each reader of policies: files, scenarios and the policies they
// name, account exports, organization files and directories, manifests
// and the linter (account.Limits' tests cover organizations and
// manifests). A policy of more than 16 bytes is E025 everywhere.
func TestPolicyLimitsReachEveryReader(t *testing.T) {
	request := []string{"--principal", "arn:aws:iam::111111111111:user/org-admin", "--action", "s3:GetObject", "--resource", "*"}
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"lint a file", []string{"lint", "testdata/hostile/policy.json"}},
		{"lint an export", []string{"lint", validExport}},
		{"eval --identity", append([]string{"eval", "--identity", "testdata/hostile/policy.json"}, request...)},
		{"eval --scenario", []string{"eval", "--scenario", "testdata/cases/s3-home-dirs.yaml"}},
		{"eval --requests --scenario", []string{"eval", "--requests", "testdata/batch/requests.jsonl", "--scenario", "testdata/cases/s3-home-dirs.yaml"}},
		{"test", []string{"test", "testdata/cases/s3-home-dirs.yaml"}},
		{"eval --account-details", append([]string{"eval", "--account-details", validExport}, request...)},
		{"simulate-custom-policy", []string{"simulate-custom-policy", "--action-names", "s3:GetObject", "--policy-input-list", "file://testdata/hostile/policy.json"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", append([]string{"--max-policy-size", "16"}, tt.args...)...)
			if code != ExitInput || !strings.Contains(stdout+stderr, "more than the limit of 16") {
				t.Errorf("exit code %d, want %d and a document past the limit; stdout:\n%s\nstderr:\n%s", code, ExitInput, stdout, stderr)
			}
		})
	}
}
