package mcp

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/explain"
)

// EvalInput are the arguments of the eval tool: the requests, and the
// policies or account data that decide them. Each policy argument is
// inline JSON (starting with "{"), a file path, a FILE#SELECTOR reference
// to a policy of a template or Terraform (docs/iac.md), or an AWS managed
// policy ARN.
type EvalInput struct {
	Principal       string         `json:"principal" jsonschema:"the principal ARN: a user, role, role session, root user or service"`
	Actions         []string       `json:"actions" jsonschema:"the actions, service:Name; every action is decided with every resource"`
	Resources       []string       `json:"resources,omitempty" jsonschema:"the resource ARNs (* for actions on no resource)"`
	ResourceAccount string         `json:"resourceAccount,omitempty" jsonschema:"the account that owns the resources, when their ARNs do not say"`
	Context         map[string]any `json:"context,omitempty" jsonschema:"the request context: key to a string, or to a list of strings for a multi-valued key"`
	Identity        []string       `json:"identity,omitempty" jsonschema:"identity-based policies"`
	ResourcePolicy  string         `json:"resourcePolicy,omitempty" jsonschema:"the resource-based policy, or a role's trust policy"`
	Boundary        string         `json:"boundary,omitempty" jsonschema:"the permissions boundary"`
	SessionPolicy   string         `json:"sessionPolicy,omitempty" jsonschema:"the session policy"`
	SCPs            []string       `json:"scps,omitempty" jsonschema:"the SCP levels, root first: each POLICY[,POLICY...] or one inline policy"`
	RCPs            []string       `json:"rcps,omitempty" jsonschema:"the RCP levels, root first: each POLICY[,POLICY...] or one inline policy"`
	RoleARN         string         `json:"roleArn,omitempty" jsonschema:"the role behind a role-session principal"`
	Accounts
	AllowUnknownActions bool `json:"allowUnknownActions,omitempty" jsonschema:"make an action the catalog does not know a warning instead of an error"`
}

// Accounts name account data: exports of aws iam
// get-account-authorization-details or infrastructure code, with the
// organization and the resource policies.
type Accounts struct {
	AccountDetails   []string `json:"accountDetails,omitempty" jsonschema:"files of aws iam get-account-authorization-details, one account each"`
	Templates        []string `json:"templates,omitempty" jsonschema:"infrastructure code whose users, roles and groups make an account: templates, Terraform modules or plans"`
	Org              string   `json:"org,omitempty" jsonschema:"an organization file, or a directory of aws organizations output (SCPs and RCPs)"`
	ResourcePolicies string   `json:"resourcePolicies,omitempty" jsonschema:"a resource-policy manifest, or a directory holding resource-policies.yaml"`
}

// sources returns the account data as the api takes it.
func (a Accounts) sources() api.AccountSources {
	return api.AccountSources{AccountDetails: a.AccountDetails, Templates: a.Templates, Org: a.Org, ResourcePolicies: a.ResourcePolicies}
}

// EvalOutput is the eval tool's answer: one decision per request.
type EvalOutput struct {
	Decisions []Decision `json:"decisions"`
}

// Decision is one decided request.
type Decision struct {
	Principal string `json:"principal"`
	Action    string `json:"action"`
	Resource  string `json:"resource"`
	// Decision is allowed, explicitDeny or implicitDeny.
	Decision string `json:"decision" jsonschema:"allowed, explicitDeny or implicitDeny"`
	Summary  string `json:"summary" jsonschema:"why, in one sentence"`
	// Deciding are the statements that decided: the matching Deny
	// statements, or the Allow statements that granted access.
	Deciding []Statement `json:"deciding"`
	Notes    []string    `json:"notes,omitempty" jsonschema:"the rules and assumptions that shaped the decision"`
	Warnings []string    `json:"warnings,omitempty" jsonschema:"problems of the request that did not stop it"`
	// Explanation is the teaching explanation iamsim eval prints.
	Explanation string `json:"explanation" jsonschema:"each step of AWS's evaluation order, as iamsim eval prints it"`
}

// evalTool decides the requests of in (api.Engine.Evaluate); the text
// content is the explanations.
func evalTool(e api.Engine, in EvalInput) (EvalOutput, string, error) {
	out := EvalOutput{Decisions: []Decision{}}
	if in.Principal == "" {
		return out, "", fmt.Errorf("principal: give the principal ARN")
	}
	if len(in.Actions) == 0 {
		return out, "", fmt.Errorf("actions: give at least one action")
	}
	policies := []struct {
		field string
		args  []string
	}{{"identity", in.Identity}, {"resourcePolicy", []string{in.ResourcePolicy}}, {"boundary", []string{in.Boundary}},
		{"sessionPolicy", []string{in.SessionPolicy}}, {"scps", in.SCPs}, {"rcps", in.RCPs}}
	for _, p := range policies {
		if err := noStdin(p.field, p.args); err != nil {
			return out, "", err
		}
	}
	entries, err := contextEntries(in.Context)
	if err != nil {
		return out, "", err
	}
	resources := in.Resources
	if len(resources) == 0 {
		resources = []string{"*"}
	}
	cases, err := e.Evaluate(api.EvalOptions{
		Principal: in.Principal, Actions: in.Actions, Resources: resources, ResourceAccount: in.ResourceAccount,
		ContextEntries: entries, Identity: in.Identity, ResourcePolicy: in.ResourcePolicy, Boundary: in.Boundary,
		SessionPolicy: in.SessionPolicy, SCPs: in.SCPs, RCPs: in.RCPs, RoleARN: in.RoleARN,
		AccountSources: in.sources(), AllowUnknownActions: in.AllowUnknownActions,
	})
	if err != nil {
		return out, "", err
	}
	var text strings.Builder
	for i, c := range cases {
		var b strings.Builder
		explain.Write(&b, c.Prepared, c.Result, explain.Options{AccountFrom: c.AccountFrom})
		out.Decisions = append(out.Decisions, Decision{
			Principal: c.Request.Principal, Action: c.Request.Action, Resource: c.Request.Resource,
			Decision: c.Result.Decision.String(), Summary: c.Result.Summary(), Deciding: statementsOf(c.Result.Deciding),
			Notes: notesOf(c.Result.Notes), Warnings: c.Warnings, Explanation: b.String(),
		})
		if i > 0 {
			text.WriteString("\n")
		}
		for _, w := range c.Warnings {
			fmt.Fprintf(&text, "Warning: %s\n", w)
		}
		text.WriteString(b.String())
	}
	return out, text.String(), nil
}

// contextEntries turns the context argument into the AWS CLI's
// --context-entries, which keep a value's commas.
func contextEntries(ctx map[string]any) ([]string, error) {
	type entry struct {
		ContextKeyName   string
		ContextKeyValues []string
		ContextKeyType   string
	}
	values, err := contextValues(ctx)
	if err != nil || len(values) == 0 {
		return nil, err
	}
	entries := make([]entry, 0, len(values))
	for _, v := range values {
		typ := "string"
		if v.multi {
			typ = "stringList"
		}
		entries = append(entries, entry{v.key, v.values, typ})
	}
	b, err := json.Marshal(entries)
	return []string{string(b)}, err
}

// noStdin refuses - (standard input) as a policy argument: the server's
// standard input carries the protocol.
func noStdin(field string, args []string) error {
	for _, a := range args {
		if strings.TrimSpace(a) == "-" {
			return fmt.Errorf("%s: - (standard input) carries the protocol here: give the policy as JSON text or a path", field)
		}
	}
	return nil
}
