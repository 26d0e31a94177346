package api

import (
	"fmt"
	"io"
	"maps"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/awsformat"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/policy"
)

// SimulateOptions are the inputs of a simulation as AWS's
// SimulatePrincipalPolicy and SimulateCustomPolicy take them (iamsim
// simulate-principal-policy and simulate-custom-policy), named as the
// AWS CLI names them.
type SimulateOptions struct {
	Custom          bool   // simulate-custom-policy
	PolicySourceARN string // simulate-principal-policy
	PolicyInputs    []string
	BoundaryInputs  []string
	ActionNames     []string
	ResourceARNs    []string
	ResourcePolicy  string
	ResourceOwner   string
	CallerARN       string
	ContextEntries  []string
	AccountSources
	// AllowUnknownActions makes an action the catalog does not know a
	// warning instead of an input error.
	AllowUnknownActions bool
	// Stdin is what a policy argument - reads.
	Stdin io.Reader
	// Warn, when set, is called with each warning, in order: AWS's
	// response has no place for them.
	Warn func(warning string)
}

// Simulate decides every action of opts on every resource (* when none
// is given), as AWS's SimulatePrincipalPolicy (the policies of
// PolicySourceARN in the account data) or SimulateCustomPolicy (Custom:
// the policies given) does, and returns the decided requests in AWS's
// order, for awsformat.Write. Warnings go to opts.Warn: first those on
// the policies' statements, then those on the requests, then the
// resource accounts assumed to be the caller's.
func (e Engine) Simulate(opts SimulateOptions) ([]awsformat.Case, error) {
	r := &policyReader{stdin: opts.Stdin, limits: e.Limits, code: e.codeReader()}
	var pol evaluator.Policies
	for i, in := range opts.PolicyInputs {
		if d := r.policyArg(in, fmt.Sprintf("--policy-input-list[%d]", i), policy.Identity); d != nil {
			pol.Identity = append(pol.Identity, d)
		}
	}
	if len(opts.BoundaryInputs) > 1 {
		return nil, fmt.Errorf("--permissions-boundary-policy-input-list: a principal has one permissions boundary; give one policy")
	}
	for _, in := range opts.BoundaryInputs {
		pol.Boundary = r.policyArg(in, "--permissions-boundary-policy-input-list", policy.Boundary)
	}
	if opts.ResourcePolicy != "" {
		pol.Resource = r.policyArg(opts.ResourcePolicy, "--resource-policy", policy.Resource)
	}
	if err := r.done(); err != nil {
		return nil, err
	}
	owner, err := resourceOwner(opts.ResourceOwner)
	if err != nil {
		return nil, err
	}
	ctx := evaluator.Context{}
	if err := parseContextEntries(ctx, opts.ContextEntries); err != nil {
		return nil, err
	}
	chk := reqcheck.New(opts.AllowUnknownActions, reqcheck.Documents(pol)...)
	warnings, err := checkActions(chk, "--action-names", opts.ActionNames)
	if err != nil {
		return nil, err
	}
	resources := opts.ResourceARNs
	if len(resources) == 0 {
		resources = []string{"*"}
	}
	// The warnings on the policies' statements come first, once each.
	warner := &policyWarner{warn: opts.Warn}
	var cases []simulated
	if opts.Custom {
		warner.warnOn(reqcheck.Documents(pol)...)
		cases, err = simulateCustom(opts, pol, ctx, resources, owner)
	} else {
		cases, err = e.simulatePrincipal(opts, pol, ctx, resources, owner, chk, warner)
	}
	if err != nil {
		return nil, err
	}
	if opts.Warn != nil {
		for _, a := range opts.ActionNames {
			for _, w := range append(append(warnings[a], chk.Context(a, ctx)...), resourceWarnings(chk, a, resources)...) {
				opts.Warn(w)
			}
		}
		opts.warnAssumedAccounts(cases)
	}
	out := make([]awsformat.Case, len(cases))
	for i, c := range cases {
		out[i] = c.Case
	}
	return out, nil
}

// simulated is a decided request of a simulation, with the request as
// decided.
type simulated struct {
	awsformat.Case
	prepared *evaluator.Prepared
}

// resourceWarnings checks the resources of simulate-*'s requests for
// action a (reqcheck): AWS decides every action on every resource, so an
// action is reported only when it acts on none of them, once per
// resource.
func resourceWarnings(chk *reqcheck.Checker, a string, resources []string) []string {
	var out []string
	for _, r := range resources {
		w := chk.Resource(a, r)
		if w == "" {
			return nil
		}
		out = append(out, w)
	}
	return out
}

// warnAssumedAccounts says on standard error, once per resource, when a
// resource's account was assumed to be the caller's: AWS's output has no
// place for eval's note.
func (opts SimulateOptions) warnAssumedAccounts(cases []simulated) {
	how := accountHow("--resource-owner", !opts.Custom)
	said := map[string]bool{}
	for _, c := range cases {
		if n, ok := AssumedAccountNote(c.prepared, how); ok && !said[c.Request.Resource] {
			said[c.Request.Resource] = true
			opts.Warn(c.Request.Resource + ": " + n.String())
		}
	}
}

// resourceOwner reads --resource-owner: an account ID or the account's
// root ARN, as AWS takes it.
func resourceOwner(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	id := s
	if f := strings.SplitN(s, ":", 6); len(f) == 6 && f[5] == "root" {
		id = f[4]
	}
	if !policy.IsAccountID(id) {
		return "", fmt.Errorf("--resource-owner %q: want an account ID or arn:aws:iam::ACCOUNT:root", s)
	}
	return id, nil
}

// simulateCustom decides the requests of SimulateCustomPolicy, by the
// policies given.
func simulateCustom(opts SimulateOptions, pol evaluator.Policies, ctx evaluator.Context, resources []string, owner string) ([]simulated, error) {
	set, err := evaluator.Compile(pol, evaluator.Organization{})
	if err != nil {
		return nil, err
	}
	caller := opts.CallerARN
	if caller == "" {
		// AWS simulates an unnamed IAM user of the resource's account.
		acct := owner
		if acct == "" {
			acct = "123456789012"
		}
		caller = "arn:aws:iam::" + acct + ":user/simulated-user"
	}
	var cases []simulated
	for _, a := range opts.ActionNames {
		for _, res := range resources {
			req := evaluator.Request{Principal: caller, Action: a, Resource: res, ResourceAccount: owner, Context: maps.Clone(ctx)}
			c, err := decide(set, req)
			if err != nil {
				return nil, err
			}
			cases = append(cases, c)
		}
	}
	return cases, nil
}

// simulatePrincipal decides the requests of the policy source; the
// documents of each request's policies join chk's, so that a context key
// they read is not reported, and warner says what is wrong with their
// statements' actions.
func (e Engine) simulatePrincipal(opts SimulateOptions, extra evaluator.Policies, ctx evaluator.Context, resources []string, owner string, chk *reqcheck.Checker, warner *policyWarner) ([]simulated, error) {
	data, err := e.accountData(opts.AccountSources)
	if err != nil {
		return nil, err
	}
	group := strings.HasPrefix(opts.PolicySourceARN, "arn:aws:iam::") && strings.Contains(opts.PolicySourceARN, ":group/")
	var prin *account.Principal
	if group {
		prin, err = data.Group(opts.PolicySourceARN)
	} else {
		prin, err = data.Principal(opts.PolicySourceARN)
	}
	if err != nil {
		return nil, err
	}
	if prin.User == nil && prin.Role == nil && prin.Group == nil {
		return nil, fmt.Errorf("--policy-source-arn %s: not a user, group or role of the loaded accounts", opts.PolicySourceARN)
	}
	caller := opts.CallerARN
	switch {
	case caller != "":
	case group:
		// A group makes no requests. AWS requires CallerArn when a
		// resource policy is simulated and the source is not a user;
		// without one, iamsim's caller is an unnamed user of the group's
		// account, as simulate-custom-policy's is.
		caller = "arn:aws:iam::" + prin.Account + ":user/simulated-user"
	default:
		caller = opts.PolicySourceARN
	}
	// The request's context (tags, organization keys) is the caller's:
	// the policy source's by default, else the --caller-arn principal's
	// when it is in the loaded accounts.
	from := prin
	if opts.CallerARN != "" {
		from = nil
		if p, err := data.Principal(opts.CallerARN); err == nil {
			from = p
		}
	}
	r, err := account.NewResolver(data, account.ResolverOptions{Overlay: account.Overlay{Policies: extra}, Context: ctx})
	if err != nil {
		return nil, err
	}
	var cases []simulated
	for _, a := range opts.ActionNames {
		for _, res := range resources {
			// The resource's owner: --resource-owner, else the manifest's
			// account: for it, as in eval --account-details.
			req := evaluator.Request{Principal: caller, Action: a, Resource: res, ResourceAccount: owner}
			rs, err := r.ResolveAs(prin, from, &req)
			if err != nil {
				return nil, err
			}
			chk.AddPolicies(rs.Policies)
			warner.warnOn(reqcheck.Documents(rs.Policies)...)
			if group && opts.CallerARN == "" && rs.Policies.Resource != nil {
				return nil, fmt.Errorf("--caller-arn is required: %s is a group, which makes no requests, and %s on %s has a resource-based policy whose Principal element needs a caller (AWS requires CallerArn here too)", opts.PolicySourceARN, a, res)
			}
			c, err := decide(rs.Set, req)
			if err != nil {
				return nil, err
			}
			cases = append(cases, c)
		}
	}
	return cases, nil
}

// decide prepares and evaluates one request.
func decide(set *evaluator.PolicySet, req evaluator.Request) (simulated, error) {
	prep, err := evaluator.Prepare(&req)
	if err != nil {
		return simulated{}, err
	}
	res := &evaluator.Result{}
	set.EvaluatePrepared(prep, evaluator.Options{}, res)
	return simulated{Case: awsformat.Case{Request: req, Result: res}, prepared: prep}, nil
}
