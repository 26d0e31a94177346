package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/reqcheck"
)

// addAccountFlags defines the flags that load real accounts,
// --account-details, --org and --resource-policies, for the commands that
// read them (eval, can, who-can, simulate-principal-policy).
func addAccountFlags(cmd *cobra.Command, details *[]string, org, resources *string) {
	f := cmd.Flags()
	f.StringArrayVar(details, "account-details", nil, "account export (aws iam get-account-authorization-details), FILE[,FILE...] (repeatable: one per account; docs/accounts.md)")
	f.StringVar(org, "org", "", "organization: a file (OUs, accounts, SCPs, RCPs) or a directory of aws organizations output (docs/accounts.md, \"Organizations from the AWS CLI\")")
	f.StringVar(resources, "resource-policies", "", "resource-policy manifest, or a directory with resource-policies.yaml")
}

// addQueryFlags defines the request flags can and who-can share:
// --resource-account, --context and --format.
func addQueryFlags(cmd *cobra.Command, resourceAccount *string, context *[]string, format *string) {
	f := cmd.Flags()
	f.StringVar(resourceAccount, "resource-account", "", "account that owns --resource (default: the ARN's account, else the manifest's)")
	f.StringArrayVar(context, "context", nil, "context key=value for every request; key=v1,v2 or a repeated key gives a multi-valued key (repeatable)")
	f.StringVar(format, "format", "text", "output: text or json")
}

// accountSources names the account data that --account-details, --org
// and --resource-policies give.
func accountSources(details []string, org, resources string) api.AccountSources {
	return api.AccountSources{Exports: details, Org: org, ResourcePolicies: resources}
}

// accountEngine returns the engine of the commands that read accounts,
// with the read limits the root flags set (accountLimits).
func accountEngine(cmd *cobra.Command) api.Engine {
	l := accountLimits(cmd)
	return api.Engine{Limits: l.Files, MaxExportSize: l.MaxExportSize}
}

// accountQueryError renders the problems of the account files
// (api.LoadError) with their positions; other errors pass unchanged.
func accountQueryError(err error) error {
	var le *api.LoadError
	if errors.As(err, &le) {
		return inputProblems(le.Err)
	}
	return err
}

// loadAccountData reads the account exports, the organization and
// the resource policies that --account-details, --org and
// --resource-policies name, reading no file beyond lim. Problems in the
// files come back as input problems (exit 2).
func loadAccountData(lim account.Limits, exports []string, org, resources string) (*account.Data, error) {
	var files []string
	for _, e := range exports {
		files = append(files, strings.Split(e, ",")...)
	}
	d, err := lim.Load(files...)
	if err == nil && org != "" {
		d.Org, err = lim.LoadOrganizationAny(org)
	}
	if err == nil && resources != "" {
		d.Resources, err = lim.LoadResources(resources)
	}
	if err != nil {
		return nil, inputProblems(err)
	}
	return d, nil
}

// loadResolver loads the account data that --account-details, --org and
// --resource-policies name and returns its resolver, the policies of the
// flags laid over the data (account.Overlay).
func (opts *evalOptions) loadResolver(flags evaluator.Policies, ro account.ResolverOptions) (*account.Resolver, error) {
	ro.Overlay = account.Overlay{Policies: flags, ManagementAccount: opts.ManagementAccount}
	// A usage error comes before any file is read.
	if err := ro.Overlay.Check(opts.Org != ""); err != nil {
		return nil, err
	}
	data, err := loadAccountData(account.Limits{Files: opts.Limits, MaxExportSize: opts.MaxExportSize}, opts.AccountDetails, opts.Org, opts.ResourcePolicies)
	if err != nil {
		return nil, err
	}
	return account.NewResolver(data, ro)
}

// loadAccounts builds the requests of `iamsim eval --account-details`: the
// principal's policies come from its account's export, the resource's
// policy from the manifest or the role's trust policy, the SCP and RCP
// chains from the organization. Policy flags add to what the data gives:
// --identity adds identity policies; --resource-policy, --boundary,
// --session-policy and --endpoint-policy set those policies. The condition
// keys of the policies that decide each request join chk's, so that a
// context key only an account policy reads is not reported.
func (opts *evalOptions) loadAccounts(flags evaluator.Policies, ctx evaluator.Context, chk *reqcheck.Checker) ([]evalCase, error) {
	r, err := opts.loadResolver(flags, account.ResolverOptions{Context: ctx})
	if err != nil {
		return nil, err
	}
	prin, err := r.Principal(opts.Principal)
	if err != nil {
		return nil, err
	}
	if flags.Session != nil && prin.Role == nil {
		return nil, fmt.Errorf("--session-policy: %s is not a role session; AWS applies session policies to role sessions (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) and federated users", opts.Principal)
	}
	var cases []evalCase
	for _, a := range opts.Actions {
		for _, res := range opts.Resources {
			req := evaluator.Request{Principal: opts.Principal, Action: a, Resource: res, ResourceAccount: opts.ResourceAccount, RoleARN: opts.RoleARN}
			accountFrom := ""
			if req.ResourceAccount == "" {
				req.ResourceAccount, accountFrom = opts.manifestOwner(r.Data(), res)
			}
			rs, err := r.Resolve(&req, nil)
			if err != nil {
				return nil, err
			}
			chk.AddPolicies(rs.Policies)
			notes := append(slices.Clip(prin.Notes), rs.Notes...)
			cases = append(cases, evalCase{set: rs.Set, request: req, notes: notes, accountFrom: accountFrom, warnings: chk.PolicyActions(reqcheck.Documents(rs.Policies)...)})
		}
	}
	return cases, prepareCases(cases)
}
