package mcp

import (
	"fmt"

	"github.com/iamsim/iamsim/internal/api"
)

// CanInput are the arguments of the can tool.
type CanInput struct {
	Accounts
	Principal string `json:"principal" jsonschema:"a user, role, role session or root user ARN of the loaded accounts"`
	Resource  string `json:"resource,omitempty" jsonschema:"decide every action on this resource ARN (or *) instead of on the policies' resource patterns"`
	// ResourceAccount owns Resource.
	ResourceAccount string         `json:"resourceAccount,omitempty" jsonschema:"the account that owns the resource"`
	Services        []string       `json:"services,omitempty" jsonschema:"only actions of these service prefixes, such as s3"`
	Context         map[string]any `json:"context,omitempty" jsonschema:"the request context: key to a string, or to a list of strings"`
}

// CanOutput is what a principal may do.
type CanOutput struct {
	Principal string  `json:"principal"`
	Resource  string  `json:"resource,omitempty"`
	Grants    []Grant `json:"grants"`
	// Candidates of the Catalog's actions were decided: those an Allow
	// statement covers and those that need no permission.
	Candidates int `json:"candidates"`
	Catalog    int `json:"catalog"`
	// Refused are, when nothing is allowed, the nearest refusals.
	Refused []Refusal `json:"refused,omitempty"`
	Notes   []string  `json:"notes,omitempty"`
}

// Grant is an action allowed, with where and by what.
type Grant struct {
	Action       string      `json:"action"`
	AccessLevels []string    `json:"accessLevels"`
	On           []Allowance `json:"on"`
}

// Allowance is a resource, or resource pattern, on which an action is
// allowed, with the statements that allow it.
type Allowance struct {
	Resource string      `json:"resource"`
	Deciding []Statement `json:"deciding"`
	Summary  string      `json:"summary"`
}

// Refusal is a request decided and refused, with what refused it.
type Refusal struct {
	Principal string      `json:"principal,omitempty"`
	Action    string      `json:"action,omitempty"`
	Resource  string      `json:"resource,omitempty"`
	Decision  string      `json:"decision"`
	Summary   string      `json:"summary"`
	Denied    []Statement `json:"denied,omitempty"`
	Missing   []string    `json:"missing,omitempty" jsonschema:"context keys a condition tested that the request lacked"`
}

// WhoCanInput are the arguments of the who-can tool.
type WhoCanInput struct {
	Accounts
	Action   string `json:"action" jsonschema:"the action, service:Name"`
	Resource string `json:"resource" jsonschema:"the resource ARN, or * for actions on no resource"`
	// ResourceAccount owns Resource.
	ResourceAccount     string         `json:"resourceAccount,omitempty" jsonschema:"the account that owns the resource"`
	Context             map[string]any `json:"context,omitempty" jsonschema:"the request context: key to a string, or to a list of strings"`
	AllowUnknownActions bool           `json:"allowUnknownActions,omitempty"`
}

// WhoCanOutput lists who may perform an action on a resource.
type WhoCanOutput struct {
	Action   string `json:"action"`
	Resource string `json:"resource"`
	// Principals are the users and roles of the loaded accounts that may;
	// External the principals of other accounts the resource policy lets
	// in.
	Principals []Access `json:"principals"`
	External   []Access `json:"external,omitempty"`
	// Checked counts the users and roles checked.
	Checked int       `json:"checked"`
	Refused []Refusal `json:"refused,omitempty"`
	Notes   []string  `json:"notes,omitempty"`
}

// Access is a principal that may perform the action.
type Access struct {
	Principal string      `json:"principal" jsonschema:"the principal ARN; * for any principal"`
	Type      string      `json:"type"`
	Deciding  []Statement `json:"deciding"`
	Summary   string      `json:"summary"`
}

// needAccounts refuses a question without account data.
func needAccounts(a Accounts) error {
	if len(a.AccountDetails) == 0 && len(a.Templates) == 0 {
		return fmt.Errorf("accountDetails or templates: give the account exports (docs/accounts.md) or infrastructure code (docs/iac.md)")
	}
	return nil
}

// canTool answers what in.Principal may do (api.Engine.Can).
func canTool(e api.Engine, in CanInput) (CanOutput, string, error) {
	out := CanOutput{Grants: []Grant{}}
	if err := needAccounts(in.Accounts); err != nil {
		return out, "", err
	}
	if in.Principal == "" {
		return out, "", fmt.Errorf("principal: give a principal ARN of the loaded accounts")
	}
	ctx, err := requestContext(in.Context)
	if err != nil {
		return out, "", err
	}
	ans, err := e.Can(in.sources(), api.CanOptions{Principal: in.Principal, Resource: in.Resource, ResourceAccount: in.ResourceAccount,
		Services: in.Services, Context: ctx})
	if err != nil {
		return out, "", err
	}
	out = CanOutput{Principal: ans.Principal, Resource: ans.Resource, Grants: make([]Grant, 0, len(ans.Grants)),
		Candidates: ans.Candidates, Catalog: ans.Catalog, Refused: refusalsOf(ans.Refused), Notes: notesOf(ans.Notes)}
	for _, g := range ans.Grants {
		grant := Grant{Action: g.Action, AccessLevels: g.AccessLevels, On: make([]Allowance, 0, len(g.On))}
		for _, a := range g.On {
			grant.On = append(grant.On, Allowance{Resource: a.Resource, Deciding: statementsOf(a.Deciding), Summary: a.Summary})
		}
		out.Grants = append(out.Grants, grant)
	}
	return out, "", nil
}

// whoCanTool answers who may perform in.Action on in.Resource
// (api.Engine.WhoCan).
func whoCanTool(e api.Engine, in WhoCanInput) (WhoCanOutput, string, error) {
	out := WhoCanOutput{Principals: []Access{}}
	if err := needAccounts(in.Accounts); err != nil {
		return out, "", err
	}
	if in.Action == "" || in.Resource == "" {
		return out, "", fmt.Errorf("action and resource: give the action (service:Name) and the resource ARN (or *)")
	}
	ctx, err := requestContext(in.Context)
	if err != nil {
		return out, "", err
	}
	ans, err := e.WhoCan(in.sources(), api.WhoCanOptions{Action: in.Action, Resource: in.Resource, ResourceAccount: in.ResourceAccount,
		Context: ctx, AllowUnknownActions: in.AllowUnknownActions})
	if err != nil {
		return out, "", err
	}
	return WhoCanOutput{Action: ans.Action, Resource: ans.Resource, Principals: accessesOf(ans.Principals), External: accessesOf(ans.External),
		Checked: ans.Checked, Refused: refusalsOf(ans.Refused), Notes: notesOf(ans.Notes)}, "", nil
}

// accessesOf converts the api's principals that may.
func accessesOf(list []api.Access) []Access {
	out := make([]Access, 0, len(list))
	for _, a := range list {
		out = append(out, Access{Principal: a.Principal, Type: a.Type, Deciding: statementsOf(a.Deciding), Summary: a.Summary})
	}
	return out
}

// refusalsOf converts the api's refusals.
func refusalsOf(list []api.Refusal) []Refusal {
	var out []Refusal
	for _, r := range list {
		out = append(out, Refusal{Principal: r.Principal, Action: r.Action, Resource: r.Resource, Decision: r.Decision.String(),
			Summary: r.Summary, Denied: statementsOf(r.Denied), Missing: r.Missing})
	}
	return out
}
