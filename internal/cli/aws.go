package cli

import (
	"encoding/json"
	"io"
	"reflect"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// awsResponse is the response of the IAM API actions SimulateCustomPolicy
// and SimulatePrincipalPolicy as the AWS CLI prints it (IAM API Reference,
// SimulatePrincipalPolicy "Response Elements"). Fields are in the order of
// the API's shapes, which is the order the AWS CLI prints; the mapping and
// every choice are in docs/aws-format.md.
type awsResponse struct {
	EvaluationResults []awsEvaluationResult `json:"EvaluationResults"`
	IsTruncated       bool                  `json:"IsTruncated"`
}

// awsEvaluationResult is the EvaluationResult of one action: the aggregate
// over its resources, and one ResourceSpecificResult per resource ARN.
type awsEvaluationResult struct {
	EvalActionName                    string                                `json:"EvalActionName"`
	EvalResourceName                  string                                `json:"EvalResourceName"`
	EvalDecision                      evaluator.Decision                    `json:"EvalDecision"`
	MatchedStatements                 []awsStatement                        `json:"MatchedStatements"`
	MissingContextValues              []string                              `json:"MissingContextValues"`
	OrganizationsDecisionDetail       *awsOrganizationsDecisionDetail       `json:"OrganizationsDecisionDetail,omitempty"`
	PermissionsBoundaryDecisionDetail *awsPermissionsBoundaryDecisionDetail `json:"PermissionsBoundaryDecisionDetail,omitempty"`
	// EvalDecisionDetails is nil (omitted) or a map, possibly empty ({}).
	EvalDecisionDetails     *awsDecisionDetails         `json:"EvalDecisionDetails,omitempty"`
	ResourceSpecificResults []awsResourceSpecificResult `json:"ResourceSpecificResults,omitempty"`
}

// awsResourceSpecificResult is the result on one resource.
type awsResourceSpecificResult struct {
	EvalResourceName                  string                                `json:"EvalResourceName"`
	EvalResourceDecision              evaluator.Decision                    `json:"EvalResourceDecision"`
	MatchedStatements                 []awsStatement                        `json:"MatchedStatements"`
	MissingContextValues              []string                              `json:"MissingContextValues"`
	EvalDecisionDetails               *awsDecisionDetails                   `json:"EvalDecisionDetails,omitempty"`
	PermissionsBoundaryDecisionDetail *awsPermissionsBoundaryDecisionDetail `json:"PermissionsBoundaryDecisionDetail,omitempty"`
}

// awsStatement is a Statement: a reference to a statement that decided.
type awsStatement struct {
	SourcePolicyID   string      `json:"SourcePolicyId"`
	SourcePolicyType string      `json:"SourcePolicyType"`
	StartPosition    awsPosition `json:"StartPosition"`
	EndPosition      awsPosition `json:"EndPosition"`
}

// awsPosition is a Position: a 1-based line and column.
type awsPosition struct {
	Line   int `json:"Line"`
	Column int `json:"Column"`
}

type awsOrganizationsDecisionDetail struct {
	AllowedByOrganizations bool `json:"AllowedByOrganizations"`
}

type awsPermissionsBoundaryDecisionDetail struct {
	AllowedByPermissionsBoundary bool `json:"AllowedByPermissionsBoundary"`
}

// awsDecisionDetails is EvalDecisionDetails: a policy type's decision, by
// the type's SourcePolicyType value.
type awsDecisionDetails map[string]evaluator.Decision

// awsCase is one decided request.
type awsCase struct {
	request evaluator.Request
	result  *evaluator.Result
	// prepared is the request as decided, when the command keeps it
	// (simulate-*: for warnAssumedAccounts).
	prepared *evaluator.Prepared
}

// writeAWS prints the decided requests as the AWS CLI prints a
// SimulateCustomPolicy response: indented by four spaces, without
// escaping <, > and &. separate says that each request is a simulation of
// its own (a scenario's requests); otherwise the requests are the action ×
// resource pairs of one simulation.
func writeAWS(w io.Writer, cases []awsCase, separate bool) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "    ")
	enc.SetEscapeHTML(false)
	return enc.Encode(awsResponseOf(cases, separate))
}

// awsResponseOf converts the requests to EvaluationResults. AWS answers
// each action of a simulation with one EvaluationResult, whatever the
// number of resources, so consecutive requests that differ only in their
// resource make one, unless each request is a simulation of its own.
func awsResponseOf(cases []awsCase, separate bool) awsResponse {
	out := awsResponse{EvaluationResults: []awsEvaluationResult{}}
	for start := 0; start < len(cases); {
		end := start + 1
		for !separate && end < len(cases) && sameCall(cases[start].request, cases[end].request) {
			end++
		}
		out.EvaluationResults = append(out.EvaluationResults, awsEvaluation(cases[start:end]))
		start = end
	}
	return out
}

// sameCall reports whether two requests differ at most in their resource
// and its account, as the resources of one simulation call do.
func sameCall(a, b evaluator.Request) bool {
	b.Resource, b.ResourceAccount = a.Resource, a.ResourceAccount
	return reflect.DeepEqual(a, b)
}

// awsEvaluation converts the requests of one action on its resources. The
// top-level fields are the aggregate: the most restrictive decision, the
// statements of the requests that got it, and every missing key (IAM API
// Reference, EvaluationResult).
func awsEvaluation(group []awsCase) awsEvaluationResult {
	first := group[0].request
	er := awsEvaluationResult{
		EvalActionName:       first.Action,
		EvalResourceName:     first.Resource,
		EvalDecision:         evaluator.Allowed,
		MatchedStatements:    []awsStatement{},
		MissingContextValues: []string{},
	}
	rsrs := make([]awsResourceSpecificResult, len(group))
	details := make([]*awsDecisionDetails, len(group))
	for i, c := range group {
		rsrs[i], details[i] = awsResource(c)
		if restrictiveness(c.result.Decision) > restrictiveness(er.EvalDecision) {
			er.EvalDecision = c.result.Decision
		}
	}
	for i, c := range group {
		rsr := rsrs[i]
		if c.result.Decision == er.EvalDecision {
			er.MatchedStatements = appendStatements(er.MatchedStatements, rsr.MatchedStatements)
		}
		er.MissingContextValues = appendKeys(er.MissingContextValues, rsr.MissingContextValues)
		if scpsSupplied(c.result) {
			if er.OrganizationsDecisionDetail == nil {
				er.OrganizationsDecisionDetail = &awsOrganizationsDecisionDetail{AllowedByOrganizations: true}
			}
			er.OrganizationsDecisionDetail.AllowedByOrganizations = er.OrganizationsDecisionDetail.AllowedByOrganizations && allowedBySCPs(c.result)
		}
		if b := rsr.PermissionsBoundaryDecisionDetail; b != nil {
			if er.PermissionsBoundaryDecisionDetail == nil {
				er.PermissionsBoundaryDecisionDetail = &awsPermissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: true}
			}
			er.PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary = er.PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary && b.AllowedByPermissionsBoundary
		}
		if d := details[i]; d != nil {
			if er.EvalDecisionDetails == nil {
				er.EvalDecisionDetails = &awsDecisionDetails{}
			}
			for k, v := range *d {
				if old, ok := (*er.EvalDecisionDetails)[k]; !ok || restrictiveness(v) > restrictiveness(old) {
					(*er.EvalDecisionDetails)[k] = v
				}
			}
		}
		if c.request.Resource != "*" {
			er.ResourceSpecificResults = append(er.ResourceSpecificResults, rsr)
		}
	}
	return er
}

// restrictiveness orders the decisions: allowed, implicitDeny, explicitDeny.
func restrictiveness(d evaluator.Decision) int {
	switch d {
	case evaluator.Allowed:
		return 0
	case evaluator.ImplicitDeny:
		return 1
	}
	return 2
}

// awsResource converts the result on one resource, and returns the
// request's EvalDecisionDetails for the aggregate. A permissions boundary
// detail is given when a boundary applies to the caller;
// EvalDecisionDetails only for a cross-account request
// (ResourceSpecificResult).
func awsResource(c awsCase) (awsResourceSpecificResult, *awsDecisionDetails) {
	kind, cross := caller(c.request)
	rsr := awsResourceSpecificResult{
		EvalResourceName:     c.request.Resource,
		EvalResourceDecision: c.result.Decision,
		MatchedStatements:    []awsStatement{},
		MissingContextValues: []string{},
	}
	for _, s := range c.result.Deciding {
		rsr.MatchedStatements = append(rsr.MatchedStatements, awsStatementOf(s, kind))
	}
	for _, m := range c.result.Missing {
		rsr.MissingContextValues = appendKeys(rsr.MissingContextValues, []string{m.Key})
	}
	if v := layerVerdict(c.result, evaluator.LayerBoundary); v != evaluator.NotApplicable {
		rsr.PermissionsBoundaryDecisionDetail = &awsPermissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: v == evaluator.Allows}
	}
	details := decisionDetails(c, kind, cross)
	if cross {
		rsr.EvalDecisionDetails = details
	}
	return rsr, details
}

// awsStatementOf converts a deciding statement. StartPosition is the
// statement's opening brace; EndPosition is the column just past its
// closing brace, where AWS puts it (docs/aws-format.md, "Positions").
func awsStatementOf(s evaluator.StatementRef, kind evaluator.PrincipalKind) awsStatement {
	return awsStatement{
		SourcePolicyID:   s.Policy,
		SourcePolicyType: awsPolicyType(s.Layer, kind),
		StartPosition:    awsPosition{Line: s.Pos.Line, Column: s.Pos.Col},
		EndPosition:      awsPosition{Line: s.EndAfter().Line, Column: s.EndAfter().Col},
	}
}

// awsPolicyType maps a layer to the closest PolicySourceType value (user,
// group, role, aws-managed, user-managed, resource, none).
func awsPolicyType(l evaluator.Layer, kind evaluator.PrincipalKind) string {
	switch l {
	case evaluator.LayerIdentity:
		switch kind {
		case evaluator.PrincipalUser, evaluator.PrincipalFederatedUser:
			return "user"
		case evaluator.PrincipalRole, evaluator.PrincipalRoleSession:
			return "role"
		}
	case evaluator.LayerResource, evaluator.LayerEndpoint:
		return "resource"
	case evaluator.LayerBoundary:
		return "user-managed"
	}
	return "none"
}

// decisionDetails is EvalDecisionDetails for one request: nil when an SCP
// denied (the simulation ends there) or when a same-account request names
// no resource; empty for a same-account request on a resource; for a
// cross-account request, the decision of the caller's identity-based
// policies and of the resource-based policy (EvaluationResult).
func decisionDetails(c awsCase, kind evaluator.PrincipalKind, cross bool) *awsDecisionDetails {
	if scpsSupplied(c.result) && !allowedBySCPs(c.result) {
		return nil
	}
	if !cross {
		if c.request.Resource == "*" {
			return nil
		}
		return &awsDecisionDetails{}
	}
	return &awsDecisionDetails{
		awsPolicyType(evaluator.LayerIdentity, kind): verdictDecision(layerVerdict(c.result, evaluator.LayerIdentity)),
		awsPolicyType(evaluator.LayerResource, 0):    verdictDecision(layerVerdict(c.result, evaluator.LayerResource)),
	}
}

// verdictDecision is the decision a layer's verdict alone amounts to.
func verdictDecision(v evaluator.Verdict) evaluator.Decision {
	switch v {
	case evaluator.Allows:
		return evaluator.Allowed
	case evaluator.Denies:
		return evaluator.ExplicitDeny
	}
	return evaluator.ImplicitDeny
}

// layerVerdict returns the verdict of a single-policy layer.
func layerVerdict(res *evaluator.Result, l evaluator.Layer) evaluator.Verdict {
	for _, lr := range res.Layers {
		if lr.Layer == l {
			return lr.Verdict
		}
	}
	return evaluator.NotApplicable
}

// scpsSupplied reports whether SCP levels were evaluated or exempted: a
// chain of levels, not the placeholder of an absent one.
func scpsSupplied(res *evaluator.Result) bool {
	for _, lr := range res.Layers {
		if lr.Layer == evaluator.LayerSCP && lr.Level > 0 {
			return true
		}
	}
	return false
}

// allowedBySCPs reports whether no SCP level denied or stayed silent.
func allowedBySCPs(res *evaluator.Result) bool {
	for _, lr := range res.Layers {
		if lr.Layer == evaluator.LayerSCP && (lr.Verdict == evaluator.Denies || lr.Verdict == evaluator.Silent) {
			return false
		}
	}
	return true
}

// caller returns the kind of the request's caller, and whether it
// belongs to an account other than the resource's (then both accounts
// must allow). Callers without an account (services, anonymous,
// federation calls) are decided by the resource's account alone. A
// resource AWS owns (an AWS managed policy) is decided by the caller's
// account alone.
func caller(req evaluator.Request) (evaluator.PrincipalKind, bool) {
	p, err := evaluator.Prepare(&req)
	if err != nil {
		return 0, false // load has already refused such a request
	}
	switch p.PrincipalKind() {
	case evaluator.PrincipalUser, evaluator.PrincipalRoleSession, evaluator.PrincipalRole, evaluator.PrincipalFederatedUser, evaluator.PrincipalRoot:
		fields, _ := policy.SplitARN(req.Principal)
		account, _ := p.ResourceAccount()
		return p.PrincipalKind(), account != fields[4] && !p.IsAWSOwned()
	}
	return p.PrincipalKind(), false
}

// appendStatements appends the statements not already in list.
func appendStatements(list, add []awsStatement) []awsStatement {
	for _, s := range add {
		found := false
		for _, t := range list {
			if s == t {
				found = true
				break
			}
		}
		if !found {
			list = append(list, s)
		}
	}
	return list
}

// appendKeys appends the context keys not already in list; key names
// compare case-insensitively.
func appendKeys(list, add []string) []string {
	for _, k := range add {
		found := false
		for _, l := range list {
			if strings.EqualFold(k, l) {
				found = true
				break
			}
		}
		if !found {
			list = append(list, k)
		}
	}
	return list
}
