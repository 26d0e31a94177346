package api

import (
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/reqcheck"
)

// AccountSources name the account data a question reads: AWS's account
// exports, the organization and the resource-policy manifest
// (docs/accounts.md).
type AccountSources struct {
	// AccountDetails are the files of `aws iam
	// get-account-authorization-details` (--account-details), one account
	// each; an entry may list several files separated by commas.
	AccountDetails []string
	// Templates are infrastructure code (--template): templates,
	// Terraform modules or plans, CDK cloud assemblies, whose users, roles
	// and groups make an account as an export does (docs/iac.md).
	Templates []string
	// Org is an organization file, or a directory of aws organizations
	// output (--org); "" for none.
	Org string
	// ResourcePolicies is a resource-policy manifest, or a directory with
	// resource-policies.yaml (--resource-policies); "" for none.
	ResourcePolicies string
}

// loaded reports whether the sources name accounts: exports or code.
func (s AccountSources) loaded() bool { return len(s.AccountDetails) > 0 || len(s.Templates) > 0 }

// Basis is what an answer about loaded accounts rests on, for the lines
// that say what was assumed.
type Basis struct {
	// Accounts are the IDs of the loaded accounts, sorted.
	Accounts []string
	// Organization names the organization, "ID (FILE)" or its file when
	// the file gives no ID; "" without one.
	Organization string
	// ResourcePolicies says whether resource-based policies were loaded
	// beyond role trust policies: a manifest, or the code's own (a
	// template's bucket policy).
	ResourcePolicies bool
}

// accountData reads the account data that src names, reading no file
// beyond the Engine's limits. Problems in the files come back as
// Problems.
func (e Engine) accountData(src AccountSources) (*account.Data, error) {
	lim := account.Limits{Files: e.Limits, MaxExportSize: e.MaxExportSize}
	var files []string
	for _, x := range src.AccountDetails {
		files = append(files, strings.Split(x, ",")...)
	}
	d, err := lim.Load(files...)
	if err == nil && src.Org != "" {
		d.Org, err = lim.LoadOrganizationAny(src.Org)
	}
	if err == nil && src.ResourcePolicies != "" {
		d.Resources, err = lim.LoadResources(src.ResourcePolicies)
	}
	if err == nil {
		err = e.addCodeAccounts(d, src.Templates)
	}
	if err != nil {
		return nil, InputProblems(err)
	}
	return d, nil
}

// basisOf says what answers about data rest on.
func basisOf(data *account.Data) Basis {
	b := Basis{Accounts: data.AccountIDs(), ResourcePolicies: data.Resources != nil}
	if data.Org != nil {
		b.Organization = data.Org.File
		if data.Org.ID != "" {
			b.Organization = data.Org.ID + " (" + data.Org.File + ")"
		}
	}
	return b
}

// contextWarnings checks the context keys given to can or who-can
// (reqcheck) for a request of action ("" for can: any action) against
// the catalog and the condition keys of every policy of the loaded data,
// and returns the warnings as notes of the answer.
func contextWarnings(data *account.Data, action string, ctx evaluator.Context) []evaluator.Note {
	if len(ctx) == 0 {
		return nil
	}
	return warningNotes(reqcheck.New(false, data.Documents()...).Context(action, ctx))
}
