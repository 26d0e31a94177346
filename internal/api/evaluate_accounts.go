package api

import (
	"fmt"
	"slices"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/reqcheck"
)

// resolver loads the account data that opts name and returns its
// resolver, the policies given laid over the data (account.Overlay).
func (e Engine) resolver(opts EvalOptions, given evaluator.Policies, ro account.ResolverOptions) (*account.Resolver, error) {
	ro.Overlay = account.Overlay{Policies: given, ManagementAccount: opts.ManagementAccount}
	// A usage error comes before any file is read.
	if err := ro.Overlay.Check(opts.Org != ""); err != nil {
		return nil, err
	}
	data, err := e.accountData(opts.AccountSources)
	if err != nil {
		return nil, err
	}
	return account.NewResolver(data, ro)
}

// accountCases builds the requests of an evaluation with account data:
// the principal's policies come from its account's export, the
// resource's policy from the manifest or the role's trust policy, the
// SCP and RCP chains from the organization. The policies given add to
// what the data gives: Identity adds identity policies; ResourcePolicy,
// Boundary, SessionPolicy and EndpointPolicy set those policies. The
// condition keys of the policies that decide each request join chk's, so
// that a context key only an account policy reads is not reported.
func (e Engine) accountCases(opts EvalOptions, given evaluator.Policies, ctx evaluator.Context, chk *reqcheck.Checker) ([]evalCase, error) {
	r, err := e.resolver(opts, given, account.ResolverOptions{Context: ctx})
	if err != nil {
		return nil, err
	}
	prin, err := r.Principal(opts.Principal)
	if err != nil {
		return nil, err
	}
	if err := sessionPolicyApplies(given, "--session-policy", prin, opts.Principal); err != nil {
		return nil, err
	}
	var cases []evalCase
	for _, a := range opts.Actions {
		for _, res := range opts.Resources {
			req := evaluator.Request{Principal: opts.Principal, Action: a, Resource: res, ResourceAccount: opts.ResourceAccount, RoleARN: opts.RoleARN}
			accountFrom := ""
			if req.ResourceAccount == "" {
				req.ResourceAccount, accountFrom = manifestOwner(r.Data(), res)
			}
			rs, err := r.Resolve(&req, nil)
			if err != nil {
				return nil, err
			}
			chk.AddPolicies(rs.Policies)
			notes := append(append(slices.Clip(prin.Notes), rs.Notes...), placeholderNotes(rs.Policies)...)
			cases = append(cases, evalCase{set: rs.Set, notes: notes,
				Case: Case{Request: req, AccountFrom: accountFrom, Warnings: chk.PolicyActions(reqcheck.Documents(rs.Policies)...)}})
		}
	}
	return cases, prepareCases(cases)
}

// sessionPolicyApplies refuses a session policy given (by flag) for a
// principal (named arn) of the account data that is not a role session:
// AWS applies session policies to role sessions and federated users.
func sessionPolicyApplies(given evaluator.Policies, flag string, prin *account.Principal, arn string) error {
	if given.Session != nil && prin.Role == nil {
		return fmt.Errorf("%s: %s is not a role session; AWS applies session policies to role sessions (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) and federated users", flag, arn)
	}
	return nil
}
