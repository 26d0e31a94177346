package api

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/reqcheck"
)

// EvalOptions are the inputs of an evaluation (iamsim eval): the requests
// and the policies that decide them, given one by one, by a scenario, or
// with account data. Each policy argument is a file (path or
// file://path), - for Stdin, inline JSON (a value starting with "{"), or
// an AWS managed policy ARN from iamsim's snapshot.
type EvalOptions struct {
	// Principal, Actions and Resources give the requests: every action
	// with every resource.
	Principal string
	Actions   []string
	Resources []string
	// ResourceAccount is the account that owns the resources ("" for the
	// ARN's account, else the manifest's, else the principal's).
	ResourceAccount string
	// Context, ContextFile and ContextEntries give the requests' context:
	// key=value entries, a JSON or YAML file, and the AWS CLI's
	// --context-entries.
	Context        []string
	ContextFile    string
	ContextEntries []string
	// Identity, ResourcePolicy, Boundary, SessionPolicy and
	// EndpointPolicy are policy arguments.
	Identity       []string
	ResourcePolicy string
	// ResourcePolicyType is resource or trust: how to read
	// ResourcePolicy; "" detects it from the content.
	ResourcePolicyType string
	Boundary           string
	SessionPolicy      string
	EndpointPolicy     string
	// SCPs and RCPs are the chains, root first: each level is
	// POLICY[,POLICY...] or one inline policy.
	SCPs              []string
	RCPs              []string
	ManagementAccount string
	// RoleARN is the full ARN of the role behind a role session
	// principal.
	RoleARN string
	// Now sets aws:CurrentTime and aws:EpochTime: an RFC 3339 instant, or
	// "now" for Clock's time (time.Now's when Clock is nil).
	Now   string
	Clock func() time.Time
	// Scenario is a scenario file that gives the policies (and, outside
	// a batch, the requests).
	Scenario string
	// AccountSources name the account data, if any.
	AccountSources
	// PrincipalResource names the principal as a user or role of the
	// Templates: its logical ID, Terraform address or name in the code.
	PrincipalResource string
	// AllowUnknownActions makes an action the catalog does not know a
	// warning instead of an input error.
	AllowUnknownActions bool
	// Stdin is what a policy argument - reads.
	Stdin io.Reader
}

// Case is one decided request of an evaluation.
type Case struct {
	// Name is the scenario's name of the request.
	Name string
	// Request is the request as given; Prepared as decided.
	Request  evaluator.Request
	Prepared *evaluator.Prepared
	// Result is the decision with its trace; its notes include where
	// account data came from and a resource account that was assumed.
	Result *evaluator.Result
	// Expect is the decision the scenario expects, if any.
	Expect *evaluator.Decision
	// AccountFrom says where the request's resource account came from
	// when the engine, not the user, gave it: "the resource manifest
	// FILE" (explain.Options.AccountFrom).
	AccountFrom string
	// Warnings are the request's problems that did not stop it: an
	// action of a policy statement that the catalog does not know
	// (first), an unknown action allowed by AllowUnknownActions, an
	// unknown context key. Requests may share them: a front end says
	// each once.
	Warnings []string
}

// evalCase is one request to decide, with the policies that decide it.
type evalCase struct {
	Case
	set *evaluator.PolicySet
	// notes say where account data came from (AWS managed policies taken
	// from iamsim's snapshot); they join the result's notes.
	notes []evaluator.Note
}

// Evaluate decides the requests that opts gives (from a scenario, from
// account data, or one by one) and returns them in order, each with its
// traced result. Every request is checked and prepared before any is
// decided.
func (e Engine) Evaluate(opts EvalOptions) ([]Case, error) {
	if opts.PrincipalResource != "" {
		arn, err := e.PrincipalOfCode(opts.Templates, opts.PrincipalResource)
		if err != nil {
			return nil, err
		}
		opts.Principal = arn
	}
	cases, err := e.evalCases(opts)
	if err != nil {
		return nil, err
	}
	out := make([]Case, len(cases))
	how := opts.resourceAccountHow()
	for i, c := range cases {
		res := &evaluator.Result{}
		c.set.EvaluatePrepared(c.Prepared, evaluator.Options{Trace: true}, res)
		res.Notes = append(res.Notes, c.notes...)
		if n, ok := AssumedAccountNote(c.Prepared, how); ok {
			res.Notes = append(res.Notes, n)
		}
		c.Result = res
		out[i] = c.Case
	}
	return out, nil
}

// evalCases builds the requests with their policy sets: from a scenario,
// from account data, or from the options one by one.
func (e Engine) evalCases(opts EvalOptions) ([]evalCase, error) {
	if opts.Scenario != "" {
		return e.scenarioCases(opts)
	}
	if !opts.AccountSources.loaded() && (opts.Org != "" || opts.ResourcePolicies != "") {
		return nil, fmt.Errorf("--org and --resource-policies describe real accounts: give their exports with --account-details, or the code that creates them with --template")
	}
	p, err := e.evalPolicies(opts)
	if err != nil {
		return nil, err
	}
	ctx, err := e.context(opts)
	if err != nil {
		return nil, err
	}
	chk := reqcheck.New(opts.AllowUnknownActions, reqcheck.Documents(p)...)
	warnings, err := checkActions(chk, "--action", opts.Actions)
	if err != nil {
		return nil, err
	}
	notes := append(snapshotNotes(p), placeholderNotes(p)...)
	var cases []evalCase
	if opts.AccountSources.loaded() {
		cases, err = e.accountCases(opts, p, ctx, chk)
	} else {
		cases, err = givenCases(opts, p, ctx)
		// One policy set decides every case: check its actions once. The
		// cases share the list; appends below go to a clipped copy.
		policyWarnings := chk.PolicyActions(reqcheck.Documents(p)...)
		for i := range cases {
			cases[i].Warnings = policyWarnings
		}
	}
	for i := range cases {
		// The context as given: account data adds keys of its own.
		a := cases[i].Request.Action
		cases[i].Warnings = append(append(slices.Clip(cases[i].Warnings), warnings[a]...), chk.Context(a, ctx)...)
		if w := chk.Resource(a, cases[i].Request.Resource); w != "" {
			cases[i].Warnings = append(cases[i].Warnings, w)
		}
		cases[i].notes = append(cases[i].notes, notes...)
	}
	return cases, err
}

// givenCases builds the requests of the options, every action with every
// resource, decided by the policies given.
func givenCases(opts EvalOptions, p evaluator.Policies, ctx evaluator.Context) ([]evalCase, error) {
	org := evaluator.Organization{ManagementAccount: opts.ManagementAccount}
	set, err := evaluator.Compile(p, org)
	if err != nil {
		return nil, err
	}
	var cases []evalCase
	for _, a := range opts.Actions {
		for _, res := range opts.Resources {
			cases = append(cases, evalCase{set: set, Case: Case{Request: evaluator.Request{
				Principal: opts.Principal, Action: a, Resource: res, ResourceAccount: opts.ResourceAccount,
				Context: ctx, RoleARN: opts.RoleARN,
			}}})
		}
	}
	return cases, prepareCases(cases)
}

// checkActions checks the actions a flag gives (reqcheck): an unknown
// one is an error naming the flag, unless unknown actions are allowed;
// the warnings are returned by action.
func checkActions(chk *reqcheck.Checker, flag string, actions []string) (map[string][]string, error) {
	warnings := map[string][]string{}
	for _, a := range actions {
		w, err := chk.Action(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", flag, err)
		}
		if w != "" {
			warnings[a] = []string{w}
		}
	}
	return warnings, nil
}

// context reads the request context the options give.
func (e Engine) context(opts EvalOptions) (evaluator.Context, error) {
	ctx := evaluator.Context{}
	if opts.ContextFile != "" {
		if err := parseContextFile(ctx, opts.ContextFile, e.Limits); err != nil {
			return nil, err
		}
	}
	if err := ParseContext(ctx, opts.Context); err != nil {
		return nil, err
	}
	if err := parseContextEntries(ctx, opts.ContextEntries); err != nil {
		return nil, err
	}
	if err := applyNow(ctx, opts.Now, opts.Clock); err != nil {
		return nil, err
	}
	return ctx, nil
}

// prepareCases checks and prepares every request once, before any is
// evaluated.
func prepareCases(cases []evalCase) error {
	for i := range cases {
		p, err := evaluator.Prepare(&cases[i].Request)
		if err != nil {
			return err
		}
		cases[i].Prepared = p
	}
	return nil
}
