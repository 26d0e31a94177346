package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
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

// TestAWSPolicyType checks the SourcePolicyType of each layer: a value of
// the PolicySourceType enumeration (IAM API Reference, Statement).
func TestAWSPolicyType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		layer evaluator.Layer
		kind  evaluator.PrincipalKind
		want  string
	}{
		{name: "an IAM user's identity policy", layer: evaluator.LayerIdentity, kind: evaluator.PrincipalUser, want: "user"},
		{name: "a federated user's policies are its IAM user's", layer: evaluator.LayerIdentity, kind: evaluator.PrincipalFederatedUser, want: "user"},
		{name: "a role session's identity policy", layer: evaluator.LayerIdentity, kind: evaluator.PrincipalRoleSession, want: "role"},
		{name: "a role's identity policy", layer: evaluator.LayerIdentity, kind: evaluator.PrincipalRole, want: "role"},
		{name: "resource-based policy", layer: evaluator.LayerResource, kind: evaluator.PrincipalUser, want: "resource"},
		{name: "VPC endpoint policy, a resource-based policy of the endpoint", layer: evaluator.LayerEndpoint, kind: evaluator.PrincipalUser, want: "resource"},
		{name: "permissions boundary, a managed policy", layer: evaluator.LayerBoundary, kind: evaluator.PrincipalUser, want: "user-managed"},
		{name: "SCP", layer: evaluator.LayerSCP, kind: evaluator.PrincipalUser, want: "none"},
		{name: "RCP", layer: evaluator.LayerRCP, kind: evaluator.PrincipalUser, want: "none"},
		{name: "session policy", layer: evaluator.LayerSession, kind: evaluator.PrincipalRoleSession, want: "none"},
	}
	valid := map[string]bool{"user": true, "group": true, "role": true, "aws-managed": true, "user-managed": true, "resource": true, "none": true}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := awsPolicyType(tt.layer, tt.kind)
			if got != tt.want {
				t.Errorf("awsPolicyType(%s, %s) = %q, want %q", tt.layer, tt.kind, got, tt.want)
			}
			if !valid[got] {
				t.Errorf("%q is not a PolicySourceType value", got)
			}
		})
	}
}

// TestAWSAggregate checks how one action's requests on several resources
// make one EvaluationResult: the most restrictive decision, the statements
// of the requests that got it, every missing key; and that separate
// simulations stay separate.
func TestAWSAggregate(t *testing.T) {
	t.Parallel()
	const user = "arn:aws:iam::111122223333:user/alice"
	allow := evaluator.StatementRef{Layer: evaluator.LayerIdentity, Policy: "p.json", Index: 0, Effect: policy.Allow,
		Pos: policy.Pos{File: "p.json", Line: 3, Col: 5}, End: policy.Pos{File: "p.json", Line: 8, Col: 5}}
	deny := evaluator.StatementRef{Layer: evaluator.LayerIdentity, Policy: "p.json", Index: 1, Effect: policy.Deny,
		Pos: policy.Pos{File: "p.json", Line: 9, Col: 5}, End: policy.Pos{File: "p.json", Line: 14, Col: 5}}
	request := func(resource string) evaluator.Request {
		return evaluator.Request{Principal: user, Action: "s3:GetObject", Resource: resource}
	}
	cases := []awsCase{
		{request: request("arn:aws:s3:::b/a"), result: &evaluator.Result{Decision: evaluator.Allowed, Deciding: []evaluator.StatementRef{allow},
			Missing: []evaluator.MissingKey{{Key: "aws:SourceIp", Relevant: true}}}},
		{request: request("arn:aws:s3:::b/secret"), result: &evaluator.Result{Decision: evaluator.ExplicitDeny, Deciding: []evaluator.StatementRef{deny},
			Missing: []evaluator.MissingKey{{Key: "aws:sourceip"}, {Key: "s3:prefix"}}}},
		{request: request("arn:aws:s3:::c/x"), result: &evaluator.Result{Decision: evaluator.ImplicitDeny}},
	}
	t.Run("one simulation", func(t *testing.T) {
		t.Parallel()
		got := awsResponseOf(cases, false)
		if len(got.EvaluationResults) != 1 {
			t.Fatalf("got %d EvaluationResults, want 1", len(got.EvaluationResults))
		}
		er := got.EvaluationResults[0]
		wantStatement := awsStatement{SourcePolicyID: "p.json", SourcePolicyType: "user",
			StartPosition: awsPosition{Line: 9, Column: 5}, EndPosition: awsPosition{Line: 14, Column: 6}}
		if diff := cmp.Diff([]awsStatement{wantStatement}, er.MatchedStatements); diff != "" {
			t.Errorf("MatchedStatements mismatch (-want +got):\n%s", diff)
		}
		if er.EvalDecision != evaluator.ExplicitDeny || er.EvalResourceName != "arn:aws:s3:::b/a" {
			t.Errorf("EvalDecision, EvalResourceName = %s, %s; want explicitDeny, the first resource", er.EvalDecision, er.EvalResourceName)
		}
		if diff := cmp.Diff([]string{"aws:SourceIp", "s3:prefix"}, er.MissingContextValues); diff != "" {
			t.Errorf("MissingContextValues mismatch (-want +got):\n%s", diff)
		}
		var decisions []evaluator.Decision
		for _, r := range er.ResourceSpecificResults {
			decisions = append(decisions, r.EvalResourceDecision)
		}
		if diff := cmp.Diff([]evaluator.Decision{evaluator.Allowed, evaluator.ExplicitDeny, evaluator.ImplicitDeny}, decisions); diff != "" {
			t.Errorf("EvalResourceDecision mismatch (-want +got):\n%s", diff)
		}
		if er.EvalDecisionDetails == nil || len(*er.EvalDecisionDetails) != 0 {
			t.Errorf("EvalDecisionDetails = %v, want present and empty for a same-account simulation on resource ARNs", er.EvalDecisionDetails)
		}
	})
	t.Run("separate simulations", func(t *testing.T) {
		t.Parallel()
		got := awsResponseOf(cases, true)
		var decisions []evaluator.Decision
		for _, er := range got.EvaluationResults {
			decisions = append(decisions, er.EvalDecision)
		}
		if diff := cmp.Diff([]evaluator.Decision{evaluator.Allowed, evaluator.ExplicitDeny, evaluator.ImplicitDeny}, decisions); diff != "" {
			t.Errorf("EvalDecision mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("another caller is another simulation", func(t *testing.T) {
		t.Parallel()
		other := append([]awsCase(nil), cases...)
		other[2].request.Principal = strings.Replace(user, "alice", "bob", 1)
		if got := awsResponseOf(other, false); len(got.EvaluationResults) != 2 {
			t.Errorf("got %d EvaluationResults, want 2", len(got.EvaluationResults))
		}
	})
}
