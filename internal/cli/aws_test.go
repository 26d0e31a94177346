package cli

import (
	"encoding/json"
	"testing"
)

// TestEvalAWS pins --format aws, the response shape of AWS's
// SimulateCustomPolicy (docs/aws-format.md), with golden files.
func TestEvalAWS(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		golden   string
	}{
		{name: "same account: a scenario's requests are separate simulations",
			args: []string{"eval", "--format", "aws", "--scenario", "testdata/cases/s3-home-dirs.yaml"}, golden: "eval-s3-home-dirs.aws.golden"},
		{name: "SCP levels and a permissions boundary",
			args: []string{"eval", "--format", "aws", "--scenario", "testdata/golden/inputs/aws-scp-boundary.yaml"}, golden: "eval-scp-boundary.aws.golden"},
		{name: "cross-account: the decision of each side",
			args: []string{"eval", "--format", "aws", "--scenario", "testdata/golden/inputs/aws-cross-account.yaml"}, golden: "eval-cross-account.aws.golden"},
		{name: "flags: one EvaluationResult per action, one ResourceSpecificResult per resource",
			args: []string{"eval", "--format", "aws", "--principal", "arn:aws:iam::111122223333:user/alice", "--identity", "testdata/policies/identity-s3-home-dirs.json",
				"--action", "s3:GetObject", "--action", "s3:ListAllMyBuckets", "--resource", "arn:aws:s3:::mybucket/alice/a", "--resource", "arn:aws:s3:::mybucket/bob/b"},
			golden: "eval-pairs.aws.golden"},
		{name: "flags: no resource ARN, no ResourceSpecificResults and no EvalDecisionDetails",
			args: []string{"eval", "--format", "aws", "--principal", "arn:aws:iam::111122223333:user/alice", "--identity", "testdata/policies/identity-s3-home-dirs.json",
				"--action", "s3:ListAllMyBuckets", "--resource", "*", "--expect", "explicitDeny"},
			wantCode: ExitFindings, golden: "eval-star.aws.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.wantCode, stderr)
			}
			var resp map[string]any
			if err := json.Unmarshal([]byte(stdout), &resp); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, stdout)
			}
			golden(t, tt.golden, stdout)
		})
	}
}
