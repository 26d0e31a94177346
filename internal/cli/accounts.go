package cli

import (
	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/internal/api"
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
	return api.AccountSources{AccountDetails: details, Org: org, ResourcePolicies: resources}
}
