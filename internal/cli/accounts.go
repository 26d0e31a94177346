package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/policy"
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

// contextWarnings checks the context keys given to can or who-can
// (reqcheck) for a request of action ("" for can: any action) against
// the catalog and the condition keys of every policy of the loaded data,
// and returns the warnings as notes of the answer.
func contextWarnings(data *account.Data, action string, ctx evaluator.Context) []string {
	if len(ctx) == 0 {
		return nil
	}
	var notes []string
	for _, w := range reqcheck.New(false, accountDocuments(data)...).Context(action, ctx) {
		notes = append(notes, "warning: "+w)
	}
	return notes
}

// accountDocuments lists every policy document of the loaded data: the
// accounts' inline, managed and trust policies, the manifest's resource
// policies, and the organization's SCPs and RCPs.
func accountDocuments(data *account.Data) []*policy.Document {
	var docs []*policy.Document
	add := func(ps ...account.Policy) {
		for _, p := range ps {
			docs = append(docs, p.Doc)
		}
	}
	for _, id := range data.AccountIDs() {
		a := data.Accounts[id]
		for _, u := range a.Users {
			add(u.Inline...)
		}
		for _, g := range a.Groups {
			add(g.Inline...)
		}
		for _, r := range a.Roles {
			add(r.Inline...)
			if r.Trust != nil {
				add(*r.Trust)
			}
		}
		for _, mp := range a.Policies {
			add(mp.Default)
		}
	}
	for _, arn := range data.Resources.ARNs() {
		if p, ok := data.Resources.For(arn); ok {
			add(p)
		}
	}
	if data.Org != nil {
		for _, m := range data.Org.Members() {
			for _, chain := range []account.Chain{data.Org.SCPs(m), data.Org.RCPs(m)} {
				for _, level := range chain {
					add(level...)
				}
			}
		}
	}
	return docs
}
