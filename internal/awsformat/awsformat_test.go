package awsformat

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// TestPolicyType checks the SourcePolicyType of each layer: a value of
// the PolicySourceType enumeration (IAM API Reference, Statement).
func TestPolicyType(t *testing.T) {
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
			got := policyType(tt.layer, tt.kind)
			if got != tt.want {
				t.Errorf("policyType(%s, %s) = %q, want %q", tt.layer, tt.kind, got, tt.want)
			}
			if !valid[got] {
				t.Errorf("%q is not a PolicySourceType value", got)
			}
		})
	}
}

// TestAggregate checks how one action's requests on several resources
// make one EvaluationResult: the most restrictive decision, the statements
// of the requests that got it, every missing key; and that separate
// simulations stay separate.
func TestAggregate(t *testing.T) {
	t.Parallel()
	const user = "arn:aws:iam::111122223333:user/alice"
	allow := evaluator.StatementRef{Layer: evaluator.LayerIdentity, Policy: "p.json", Index: 0, Effect: policy.Allow,
		Pos: policy.Pos{File: "p.json", Line: 3, Col: 5}, End: policy.Pos{File: "p.json", Line: 8, Col: 5}}
	deny := evaluator.StatementRef{Layer: evaluator.LayerIdentity, Policy: "p.json", Index: 1, Effect: policy.Deny,
		Pos: policy.Pos{File: "p.json", Line: 9, Col: 5}, End: policy.Pos{File: "p.json", Line: 14, Col: 5}}
	request := func(resource string) evaluator.Request {
		return evaluator.Request{Principal: user, Action: "s3:GetObject", Resource: resource}
	}
	cases := []Case{
		{Request: request("arn:aws:s3:::b/a"), Result: &evaluator.Result{Caller: evaluator.PrincipalUser, Decision: evaluator.Allowed, Deciding: []evaluator.StatementRef{allow},
			Missing: []evaluator.MissingKey{{Key: "aws:SourceIp", Relevant: true}}}},
		{Request: request("arn:aws:s3:::b/secret"), Result: &evaluator.Result{Caller: evaluator.PrincipalUser, Decision: evaluator.ExplicitDeny, Deciding: []evaluator.StatementRef{deny},
			Missing: []evaluator.MissingKey{{Key: "aws:sourceip"}, {Key: "s3:prefix"}}}},
		{Request: request("arn:aws:s3:::c/x"), Result: &evaluator.Result{Caller: evaluator.PrincipalUser, Decision: evaluator.ImplicitDeny}},
	}
	t.Run("one simulation", func(t *testing.T) {
		t.Parallel()
		got := responseOf(cases, false)
		if len(got.EvaluationResults) != 1 {
			t.Fatalf("got %d EvaluationResults, want 1", len(got.EvaluationResults))
		}
		er := got.EvaluationResults[0]
		wantStatement := statement{SourcePolicyID: "p.json", SourcePolicyType: "user",
			StartPosition: position{Line: 9, Column: 5}, EndPosition: position{Line: 14, Column: 6}}
		if diff := cmp.Diff([]statement{wantStatement}, er.MatchedStatements); diff != "" {
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
		got := responseOf(cases, true)
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
		other := append([]Case(nil), cases...)
		other[2].Request.Principal = strings.Replace(user, "alice", "bob", 1)
		if got := responseOf(other, false); len(got.EvaluationResults) != 2 {
			t.Errorf("got %d EvaluationResults, want 2", len(got.EvaluationResults))
		}
	})
}

// TestCrossAccountDetails checks that EvalDecisionDetails come from the
// result alone: its cross-account fact, the caller's kind and the layers'
// verdicts, whatever the request names.
func TestCrossAccountDetails(t *testing.T) {
	t.Parallel()
	req := evaluator.Request{Principal: "arn:aws:sts::111122223333:assumed-role/app/s", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}
	layers := []evaluator.LayerResult{
		{Layer: evaluator.LayerResource, Verdict: evaluator.Allows},
		{Layer: evaluator.LayerIdentity, Verdict: evaluator.Silent},
	}
	tests := []struct {
		name  string
		cross bool
		want  *decisionDetails
	}{
		{name: "same account: present and empty", want: &decisionDetails{}},
		{name: "cross-account: each side's decision", cross: true,
			want: &decisionDetails{"role": evaluator.ImplicitDeny, "resource": evaluator.Allowed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := &evaluator.Result{Decision: evaluator.ImplicitDeny, Layers: layers, Caller: evaluator.PrincipalRoleSession, CrossAccount: tt.cross}
			got := responseOf([]Case{{Request: req, Result: res}}, false).EvaluationResults[0]
			if diff := cmp.Diff(tt.want, got.EvalDecisionDetails); diff != "" {
				t.Errorf("EvalDecisionDetails mismatch (-want +got):\n%s", diff)
			}
			if rsr := got.ResourceSpecificResults[0]; (rsr.EvalDecisionDetails != nil) != tt.cross {
				t.Errorf("ResourceSpecificResult's EvalDecisionDetails = %v, want them only across accounts", rsr.EvalDecisionDetails)
			}
		})
	}
}
