package api

import (
	"errors"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/reqcheck"
)

// Baseline is the old side of a replay diff (BatchOptions.Baseline): the
// policies each request is decided against besides the current ones, to
// find the requests whose decision a change of policy changes
// (docs/cli.md, "Replay diff"). A policy given here replaces the
// current one of its kind on the old side; a kind not given is the same
// on both sides.
type Baseline struct {
	// Identity, ResourcePolicy, Boundary, SessionPolicy, EndpointPolicy,
	// SCPs and RCPs are policy arguments, as EvalOptions takes them;
	// ResourcePolicy is read as EvalOptions.ResourcePolicyType says.
	Identity       []string
	ResourcePolicy string
	Boundary       string
	SessionPolicy  string
	EndpointPolicy string
	SCPs           []string
	RCPs           []string
	// Scenario is a scenario file whose policies are the old side of
	// those of EvalOptions.Scenario.
	Scenario string
}

// Given reports whether a baseline is given: the batch is then a replay
// diff.
func (b Baseline) Given() bool { return b.givesPolicies() || b.Scenario != "" }

// givesPolicies reports whether a baseline policy flag is given.
func (b Baseline) givesPolicies() bool {
	return len(b.Identity) > 0 || b.ResourcePolicy != "" || b.Boundary != "" || b.SessionPolicy != "" ||
		b.EndpointPolicy != "" || len(b.SCPs) > 0 || len(b.RCPs) > 0
}

// NoPolicy is the value of a baseline flag that says the old side has no
// policy of its kind, for a change that adds one (with account data, the
// old side then has the data's own, as when the flag is not given).
const NoPolicy = "none"

// flags returns the baseline's policy arguments as eval's options, to
// read them as eval reads its own; NoPolicy reads as no policy.
func (b Baseline) flags(opts EvalOptions) EvalOptions {
	one := func(arg string) string {
		if arg == NoPolicy {
			return ""
		}
		return arg
	}
	some := func(args []string) []string {
		var out []string
		for _, a := range args {
			if a != NoPolicy {
				out = append(out, a)
			}
		}
		return out
	}
	return EvalOptions{Identity: some(b.Identity), ResourcePolicy: one(b.ResourcePolicy), ResourcePolicyType: opts.ResourcePolicyType,
		Boundary: one(b.Boundary), SessionPolicy: one(b.SessionPolicy), EndpointPolicy: one(b.EndpointPolicy),
		SCPs: some(b.SCPs), RCPs: some(b.RCPs), Stdin: opts.Stdin}
}

// over returns the current policies with those the baseline gives (old,
// read from its flags) in their place.
func (b Baseline) over(current, old evaluator.Policies) evaluator.Policies {
	p := current
	if len(b.Identity) > 0 {
		p.Identity = old.Identity
	}
	if b.ResourcePolicy != "" {
		p.Resource = old.Resource
	}
	if b.Boundary != "" {
		p.Boundary = old.Boundary
	}
	if b.SessionPolicy != "" {
		p.Session = old.Session
	}
	if b.EndpointPolicy != "" {
		p.Endpoint = old.Endpoint
	}
	if len(b.SCPs) > 0 {
		p.SCPs = old.SCPs
	}
	if len(b.RCPs) > 0 {
		p.RCPs = old.RCPs
	}
	return p
}

// check refuses a baseline that does not fit the options' source of
// policies, and a second reader of standard input: the CLI refuses
// these first, in the words of its flags.
func (b Baseline) check(opts BatchOptions) error {
	switch {
	case b.Scenario != "" && opts.Scenario == "":
		return errors.New("--baseline-scenario is the baseline of the policies of --scenario: give --scenario FILE")
	case b.givesPolicies() && opts.Scenario != "":
		return errors.New("--scenario gives the policies: give their baseline with --baseline-scenario, not a baseline policy flag")
	case opts.Org != "" && (len(b.SCPs) > 0 || len(b.RCPs) > 0):
		return errors.New("--org gives the SCPs and RCPs of both sides: do not combine it with --baseline-scp or --baseline-rcp")
	}
	readers := 0
	for _, reads := range []bool{strings.TrimPrefix(opts.Requests, "file://") == "-", opts.stdinPolicies(), b.flags(opts.EvalOptions).stdinPolicies()} {
		if reads {
			readers++
		}
	}
	if readers > 1 {
		return errors.New("standard input (-) can be read only once: give one of --requests, a policy flag and a baseline policy flag as -")
	}
	return nil
}

// baselineResolve is batch.Options.Baseline.
type baselineResolve = func(*evaluator.Request) (*evaluator.PolicySet, error)

// baselineSet compiles the baseline laid over the current policies given
// (without account data); the condition keys of its documents join
// chk's, and the warnings on its statements are said once.
func (e Engine) baselineSet(opts EvalOptions, b Baseline, given evaluator.Policies, chk *reqcheck.Checker, warner *policyWarner) (baselineResolve, error) {
	old, err := e.baselinePolicies(opts, b, given)
	if err != nil {
		return nil, err
	}
	chk.AddPolicies(old)
	warner.warnOn(reqcheck.Documents(old)...)
	set, err := evaluator.Compile(old, evaluator.Organization{ManagementAccount: opts.ManagementAccount})
	return fixedBaseline(set), err
}

// fixedBaseline gives every request the baseline set.
func fixedBaseline(set *evaluator.PolicySet) baselineResolve {
	return func(*evaluator.Request) (*evaluator.PolicySet, error) { return set, nil }
}

// baselinePolicies reads the baseline's policies and lays them over the
// current ones.
func (e Engine) baselinePolicies(opts EvalOptions, b Baseline, given evaluator.Policies) (evaluator.Policies, error) {
	old, err := e.flagPolicies(b.flags(opts), "--baseline-")
	if err != nil {
		return old, err
	}
	return b.over(given, old), nil
}

// baselineResolver resolves each request's baseline policies from the
// account data r holds, the baseline laid over the data as the current
// policies are (account.Overlay): it is called with the request r's
// own Resolve has completed, so its context, resource account and role
// are the same on both sides.
func (e Engine) baselineResolver(r *account.Resolver, opts EvalOptions, old evaluator.Policies, ro account.ResolverOptions) (baselineResolve, error) {
	ro.Overlay = account.Overlay{Policies: old, ManagementAccount: opts.ManagementAccount}
	ro.Check = nil // the current side's checkers check the request
	base, err := account.NewResolver(r.Data(), ro)
	if err != nil {
		return nil, err
	}
	return func(req *evaluator.Request) (*evaluator.PolicySet, error) {
		if err := sessionApplies(base, old, "--baseline-session-policy", req.Principal); err != nil {
			return nil, err
		}
		rs, err := base.Resolve(req, nil)
		if err != nil {
			return nil, err
		}
		return rs.Set, nil
	}, nil
}
