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

// addTemplateFlags defines --template, infrastructure code whose users,
// roles and groups make an account as an export does, and, when
// principal is not nil, --principal-resource, which names one of them
// as the principal.
func addTemplateFlags(cmd *cobra.Command, templates *[]string, principal *string) {
	f := cmd.Flags()
	f.StringArrayVar(templates, "template", nil, "infrastructure code whose users, roles and groups make an account: a CloudFormation, SAM or CDK template, a Terraform module or plan (repeatable; docs/iac.md)")
	if principal != nil {
		f.StringVar(principal, "principal-resource", "", "the principal: a user or role of --template, by logical ID, Terraform address or name")
	}
}

// addQueryFlags defines the request flags can and who-can share:
// --resource-account, --context and --format.
func addQueryFlags(cmd *cobra.Command, resourceAccount *string, context *[]string, format *string) {
	f := cmd.Flags()
	f.StringVar(resourceAccount, "resource-account", "", "account that owns --resource (default: the ARN's account, else the manifest's)")
	f.StringArrayVar(context, "context", nil, "context key=value for every request; key=v1,v2 or a repeated key gives a multi-valued key (repeatable)")
	f.StringVar(format, "format", "text", "output: text or json")
}

// accountSources names the account data that --account-details,
// --template, --org and --resource-policies give.
func accountSources(details, templates []string, org, resources string) api.AccountSources {
	return api.AccountSources{AccountDetails: details, Templates: templates, Org: org, ResourcePolicies: resources}
}
