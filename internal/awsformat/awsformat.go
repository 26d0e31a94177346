// Package awsformat prints decided requests in the response format of the
// IAM API actions SimulateCustomPolicy and SimulatePrincipalPolicy, as the
// AWS CLI prints it (eval --format aws, simulate-custom-policy,
// simulate-principal-policy). It reads only the requests and their
// evaluator.Results; docs/aws-format.md gives the mapping.
package awsformat

import (
	"encoding/json"
	"io"
	"reflect"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
)

// Case is one decided request.
type Case struct {
	Request evaluator.Request
	Result  *evaluator.Result
}

// Write prints the decided requests as the AWS CLI prints a
// SimulateCustomPolicy response: indented by four spaces, without
// escaping <, > and &. separate says that each request is a simulation of
// its own (a scenario's requests); otherwise the requests are the action ×
// resource pairs of one simulation.
func Write(w io.Writer, cases []Case, separate bool) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "    ")
	enc.SetEscapeHTML(false)
	return enc.Encode(responseOf(cases, separate))
}

// responseOf converts the requests to EvaluationResults. AWS answers
// each action of a simulation with one EvaluationResult, whatever the
// number of resources, so consecutive requests that differ only in their
// resource make one, unless each request is a simulation of its own.
func responseOf(cases []Case, separate bool) response {
	out := response{EvaluationResults: []evaluationResult{}}
	for start := 0; start < len(cases); {
		end := start + 1
		for !separate && end < len(cases) && sameCall(cases[start].Request, cases[end].Request) {
			end++
		}
		out.EvaluationResults = append(out.EvaluationResults, evaluation(cases[start:end]))
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

// evaluation converts the requests of one action on its resources. The
// top-level fields are the aggregate: the most restrictive decision, the
// statements of the requests that got it, and every missing key (IAM API
// Reference, EvaluationResult).
func evaluation(group []Case) evaluationResult {
	first := group[0].Request
	er := evaluationResult{
		EvalActionName:       first.Action,
		EvalResourceName:     first.Resource,
		EvalDecision:         evaluator.Allowed,
		MatchedStatements:    []statement{},
		MissingContextValues: []string{},
	}
	rsrs := make([]resourceSpecificResult, len(group))
	details := make([]*decisionDetails, len(group))
	for i, c := range group {
		rsrs[i], details[i] = resourceResult(c)
		if restrictiveness(c.Result.Decision) > restrictiveness(er.EvalDecision) {
			er.EvalDecision = c.Result.Decision
		}
	}
	for i, c := range group {
		rsr := rsrs[i]
		if c.Result.Decision == er.EvalDecision {
			er.MatchedStatements = appendStatements(er.MatchedStatements, rsr.MatchedStatements)
		}
		er.MissingContextValues = appendKeys(er.MissingContextValues, rsr.MissingContextValues)
		if scpsSupplied(c.Result) {
			if er.OrganizationsDecisionDetail == nil {
				er.OrganizationsDecisionDetail = &organizationsDecisionDetail{AllowedByOrganizations: true}
			}
			er.OrganizationsDecisionDetail.AllowedByOrganizations = er.OrganizationsDecisionDetail.AllowedByOrganizations && allowedBySCPs(c.Result)
		}
		if b := rsr.PermissionsBoundaryDecisionDetail; b != nil {
			if er.PermissionsBoundaryDecisionDetail == nil {
				er.PermissionsBoundaryDecisionDetail = &permissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: true}
			}
			er.PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary = er.PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary && b.AllowedByPermissionsBoundary
		}
		if d := details[i]; d != nil {
			if er.EvalDecisionDetails == nil {
				er.EvalDecisionDetails = &decisionDetails{}
			}
			for k, v := range *d {
				if old, ok := (*er.EvalDecisionDetails)[k]; !ok || restrictiveness(v) > restrictiveness(old) {
					(*er.EvalDecisionDetails)[k] = v
				}
			}
		}
		if c.Request.Resource != "*" {
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

// resourceResult converts the result on one resource, and returns the
// request's EvalDecisionDetails for the aggregate. A permissions boundary
// detail is given when a boundary applies to the caller;
// EvalDecisionDetails only for a cross-account request
// (ResourceSpecificResult).
func resourceResult(c Case) (resourceSpecificResult, *decisionDetails) {
	res := c.Result
	rsr := resourceSpecificResult{
		EvalResourceName:     c.Request.Resource,
		EvalResourceDecision: res.Decision,
		MatchedStatements:    []statement{},
		MissingContextValues: []string{},
	}
	for _, s := range res.Deciding {
		rsr.MatchedStatements = append(rsr.MatchedStatements, statementOf(s, res.Caller))
	}
	for _, m := range res.Missing {
		rsr.MissingContextValues = appendKeys(rsr.MissingContextValues, []string{m.Key})
	}
	if v := res.Verdict(evaluator.LayerBoundary); v != evaluator.NotApplicable {
		rsr.PermissionsBoundaryDecisionDetail = &permissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: v == evaluator.Allows}
	}
	details := decisionDetailsOf(c)
	if res.CrossAccount {
		rsr.EvalDecisionDetails = details
	}
	return rsr, details
}

// statementOf converts a deciding statement. StartPosition is the
// statement's opening brace; EndPosition is the column just past its
// closing brace, where AWS puts it (docs/aws-format.md, "Positions").
func statementOf(s evaluator.StatementRef, kind evaluator.PrincipalKind) statement {
	return statement{
		SourcePolicyID:   s.Policy,
		SourcePolicyType: policyType(s.Layer, kind),
		StartPosition:    position{Line: s.Pos.Line, Column: s.Pos.Col},
		EndPosition:      position{Line: s.EndAfter().Line, Column: s.EndAfter().Col},
	}
}

// policyType maps a layer to the closest PolicySourceType value (user,
// group, role, aws-managed, user-managed, resource, none).
func policyType(l evaluator.Layer, kind evaluator.PrincipalKind) string {
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

// decisionDetailsOf is EvalDecisionDetails for one request: nil when an
// SCP denied (the simulation ends there) or when a same-account request
// names no resource; empty for a same-account request on a resource; for
// a cross-account request, the decision of the caller's identity-based
// policies and of the resource-based policy (EvaluationResult).
func decisionDetailsOf(c Case) *decisionDetails {
	res := c.Result
	if scpsSupplied(res) && !allowedBySCPs(res) {
		return nil
	}
	if !res.CrossAccount {
		if c.Request.Resource == "*" {
			return nil
		}
		return &decisionDetails{}
	}
	return &decisionDetails{
		policyType(evaluator.LayerIdentity, res.Caller): verdictDecision(res.Verdict(evaluator.LayerIdentity)),
		policyType(evaluator.LayerResource, 0):          verdictDecision(res.Verdict(evaluator.LayerResource)),
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
	v := res.Verdict(evaluator.LayerSCP)
	return v != evaluator.Denies && v != evaluator.Silent
}

// appendStatements appends the statements not already in list.
func appendStatements(list, add []statement) []statement {
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
