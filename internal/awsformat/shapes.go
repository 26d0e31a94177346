package awsformat

import "github.com/iamsim/iamsim/evaluator"

// response is the response of the IAM API actions SimulateCustomPolicy
// and SimulatePrincipalPolicy as the AWS CLI prints it (IAM API Reference,
// SimulatePrincipalPolicy "Response Elements"). Fields are in the order of
// the API's shapes, which is the order the AWS CLI prints; the mapping and
// every choice are in docs/aws-format.md.
type response struct {
	EvaluationResults []evaluationResult `json:"EvaluationResults"`
	IsTruncated       bool               `json:"IsTruncated"`
}

// evaluationResult is the EvaluationResult of one action: the aggregate
// over its resources, and one ResourceSpecificResult per resource ARN.
type evaluationResult struct {
	EvalActionName                    string                             `json:"EvalActionName"`
	EvalResourceName                  string                             `json:"EvalResourceName"`
	EvalDecision                      evaluator.Decision                 `json:"EvalDecision"`
	MatchedStatements                 []statement                        `json:"MatchedStatements"`
	MissingContextValues              []string                           `json:"MissingContextValues"`
	OrganizationsDecisionDetail       *organizationsDecisionDetail       `json:"OrganizationsDecisionDetail,omitempty"`
	PermissionsBoundaryDecisionDetail *permissionsBoundaryDecisionDetail `json:"PermissionsBoundaryDecisionDetail,omitempty"`
	// EvalDecisionDetails is nil (omitted) or a map, possibly empty ({}).
	EvalDecisionDetails     *decisionDetails         `json:"EvalDecisionDetails,omitempty"`
	ResourceSpecificResults []resourceSpecificResult `json:"ResourceSpecificResults,omitempty"`
}

// resourceSpecificResult is the result on one resource.
type resourceSpecificResult struct {
	EvalResourceName                  string                             `json:"EvalResourceName"`
	EvalResourceDecision              evaluator.Decision                 `json:"EvalResourceDecision"`
	MatchedStatements                 []statement                        `json:"MatchedStatements"`
	MissingContextValues              []string                           `json:"MissingContextValues"`
	EvalDecisionDetails               *decisionDetails                   `json:"EvalDecisionDetails,omitempty"`
	PermissionsBoundaryDecisionDetail *permissionsBoundaryDecisionDetail `json:"PermissionsBoundaryDecisionDetail,omitempty"`
}

// statement is a Statement: a reference to a statement that decided.
type statement struct {
	SourcePolicyID   string   `json:"SourcePolicyId"`
	SourcePolicyType string   `json:"SourcePolicyType"`
	StartPosition    position `json:"StartPosition"`
	EndPosition      position `json:"EndPosition"`
}

// position is a Position: a 1-based line and column.
type position struct {
	Line   int `json:"Line"`
	Column int `json:"Column"`
}

// organizationsDecisionDetail says whether the SCPs allowed.
type organizationsDecisionDetail struct {
	AllowedByOrganizations bool `json:"AllowedByOrganizations"`
}

// permissionsBoundaryDecisionDetail says whether the boundary allowed.
type permissionsBoundaryDecisionDetail struct {
	AllowedByPermissionsBoundary bool `json:"AllowedByPermissionsBoundary"`
}

// decisionDetails is EvalDecisionDetails: a policy type's decision, by
// the type's SourcePolicyType value.
type decisionDetails map[string]evaluator.Decision
