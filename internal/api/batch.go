package api

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/batch"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/internal/source"
)

// BatchOptions are the inputs of a batch (iamsim eval --requests): the
// policies come from the EvalOptions (given one by one, by a scenario or
// with account data), the requests from a file, one JSON object per line
// or the records of CloudTrail logs (docs/cli.md, "Batch mode").
type BatchOptions struct {
	EvalOptions
	// Requests is a JSON-lines file, a CloudTrail log (gzip or plain), a
	// directory of them, or - for Stdin.
	Requests string
	// Strict stops the batch at the first malformed request (ErrStrict).
	Strict bool
	// Trace adds each request's full result to its line.
	Trace bool
	// Expect is the decision every request must get ("" for none, else
	// allowed, explicitDeny or implicitDeny).
	Expect string
	// Output gets one JSON line per request.
	Output io.Writer
	// Progress, when set, is called now and then with the counts so far.
	Progress func(Stats)
	// Warn, when set, is called once with each warning on an action of a
	// policy statement that the catalog does not know: a line of output
	// has no place for it.
	Warn func(warning string)
	// Baseline, when given, makes the batch a replay diff: each request
	// is decided against the baseline (old) and the current (new)
	// policies, and only the requests whose decision changes are
	// written, with both decisions (Stats.Changes counts them). Expect
	// must then be "".
	Baseline Baseline
}

// Stats are the counts of a batch: requests read, malformed, decided
// against their expected decision, unreliable.
type Stats = batch.Stats

// ErrStrict is the error of a batch with Strict set that met a malformed
// request; its message says which.
var ErrStrict = batch.ErrStrict

// NamesStdin reports whether a file argument (a path, file://path or -)
// names standard input.
func NamesStdin(arg string) bool {
	_, stdin := source.Name(arg)
	return stdin
}

// ReadsPolicyFromStdin reports whether a policy argument reads standard
// input (-), which a batch's Requests then cannot.
func (opts EvalOptions) ReadsPolicyFromStdin() bool { return opts.stdinPolicies() }

// RunBatch decides every request of opts.Requests and writes a line for
// each to opts.Output.
func (e Engine) RunBatch(opts BatchOptions) (Stats, error) {
	if opts.Baseline.Given() {
		if err := opts.Baseline.check(opts); err != nil {
			return Stats{}, err
		}
		if opts.Expect != "" {
			return Stats{}, errors.New("a replay diff compares two decisions: --expect does not apply")
		}
	}
	chk := reqcheck.New(opts.AllowUnknownActions)
	warner := &policyWarner{warn: opts.Warn}
	resolve, baseline, err := e.batchPolicies(opts.EvalOptions, opts.Baseline, chk, warner)
	if err != nil {
		return Stats{}, err
	}
	bo := batch.Options{Resolve: resolve, Baseline: baseline, Strict: opts.Strict, Trace: opts.Trace, Check: chk, Progress: opts.Progress,
		AssumedAccount: func(account string) string { return assumedNote(account, opts.batchAccountHow()).String() }}
	// A CloudTrail log file is read whole, as an account export is.
	bo.TrailLimits = e.Limits.Export(e.MaxExportSize)
	if opts.Scenario == "" {
		if bo.Defaults, err = e.context(opts.EvalOptions); err != nil {
			return Stats{}, err
		}
	} else if opts.Now != "" {
		bo.Defaults = evaluator.Context{}
		if err := applyNow(bo.Defaults, opts.Now, opts.Clock); err != nil {
			return Stats{}, err
		}
	}
	if opts.Expect != "" {
		d, err := ParseExpect(opts.Expect)
		if err != nil {
			return Stats{}, err
		}
		bo.Expect = &d
	}
	return opts.run(bo)
}

// run reads the requests: - for standard input, a directory of log
// files, or a file.
func (opts BatchOptions) run(bo batch.Options) (Stats, error) {
	name, stdin := source.Name(opts.Requests)
	if stdin {
		return batch.Run(name, opts.Stdin, opts.Output, bo)
	}
	if info, err := os.Stat(name); err == nil && info.IsDir() {
		return batch.RunDir(name, opts.Output, bo)
	}
	f, err := os.Open(name)
	if err != nil {
		return Stats{}, source.FileError(name, err)
	}
	defer f.Close()
	return batch.Run(name, f, opts.Output, bo)
}

// ParseExpect reads an expected decision: allowed, explicitDeny or
// implicitDeny.
func ParseExpect(s string) (evaluator.Decision, error) {
	d, err := evaluator.ParseDecision(s)
	var re *evaluator.RequestError
	if errors.As(err, &re) {
		return d, fmt.Errorf("--expect %q: %s", s, re.Msg)
	}
	return d, nil
}

// batchPolicies returns what decides each request of a batch: one policy
// set from the options or a scenario, or, with account data, the set of
// each principal and resource; and, when a baseline is given, the same
// for the baseline (nil otherwise). The condition keys of the options'
// or the scenario's documents join chk's, so that they are not reported
// as unknown context keys; with account data, each request's policies
// are added for that request (accountResolver).
func (e Engine) batchPolicies(opts EvalOptions, b Baseline, chk *reqcheck.Checker, warner *policyWarner) (batchResolve, baselineResolve, error) {
	if opts.Scenario != "" {
		set, err := e.scenarioSet(opts, chk, warner)
		if err != nil || b.Scenario == "" {
			return fixedSet(set), nil, err
		}
		old, err := e.scenarioSet(EvalOptions{Scenario: b.Scenario, AllowUnknownActions: opts.AllowUnknownActions}, chk, warner)
		return fixedSet(set), fixedBaseline(old), err
	}
	if !opts.AccountSources.loaded() && (opts.Org != "" || opts.ResourcePolicies != "") {
		return nil, nil, fmt.Errorf("--org and --resource-policies describe real accounts: give their exports with --account-details, or the code that creates them with --template")
	}
	given, err := e.evalPolicies(opts)
	if err != nil {
		return nil, nil, err
	}
	chk.AddPolicies(given)
	if opts.AccountSources.loaded() {
		return e.accountResolver(opts, b, given, chk, warner)
	}
	warner.warnOn(reqcheck.Documents(given)...)
	set, err := evaluator.Compile(given, evaluator.Organization{ManagementAccount: opts.ManagementAccount})
	if err != nil || !b.Given() {
		return fixedSet(set), nil, err
	}
	baseline, err := e.baselineSet(opts, b, given, chk, warner)
	return fixedSet(set), baseline, err
}

// scenarioSet reads a scenario's policies for a batch: its requests are
// not decided.
func (e Engine) scenarioSet(opts EvalOptions, chk *reqcheck.Checker, warner *policyWarner) (*evaluator.PolicySet, error) {
	s, set, err := e.scenario(opts)
	if err != nil {
		return nil, err
	}
	chk.AddPolicies(s.Policies)
	warner.warnOn(reqcheck.Documents(s.Policies)...)
	return set, nil
}

// batchResolve is batch.Options.Resolve.
type batchResolve = func(*evaluator.Request, *batch.Resolution) (*evaluator.PolicySet, error)

// fixedSet resolves every request to set.
func fixedSet(set *evaluator.PolicySet) batchResolve {
	return func(*evaluator.Request, *batch.Resolution) (*evaluator.PolicySet, error) { return set, nil }
}

// batchAccountHow names the ways a batch gives a request's resource
// account.
func (opts EvalOptions) batchAccountHow() evaluator.Message {
	return accountHow(evaluator.Message{ID: string(msg.HowRequestLine)}, opts.AccountSources.loaded())
}

// accountResolver resolves each request's policies from the account data,
// as an evaluation with account data does (account.Resolver), with a
// checker per policy set that knows its condition keys besides chk's, and
// the warnings on each set's statements said once. A context value of the
// request that overrides one the data derives gets a note, as in eval. A
// session policy given for a principal that is not a role session makes
// the request's line an error, as it stops eval. A baseline, when given,
// is laid over the same data (baselineResolver).
func (e Engine) accountResolver(opts EvalOptions, b Baseline, given evaluator.Policies, chk *reqcheck.Checker, warner *policyWarner) (batchResolve, baselineResolve, error) {
	ro := account.ResolverOptions{
		RequestContexts: true, Check: chk,
		Compiled: func(pol evaluator.Policies) { warner.warnOn(reqcheck.Documents(pol)...) },
	}
	r, err := e.resolver(opts, given, ro)
	if err != nil {
		return nil, nil, err
	}
	var baseline baselineResolve
	if b.Given() {
		old, err := e.baselinePolicies(opts, b, given)
		if err != nil {
			return nil, nil, err
		}
		chk.AddPolicies(old)
		if baseline, err = e.baselineResolver(r, opts, old, ro); err != nil {
			return nil, nil, err
		}
	}
	return func(req *evaluator.Request, res *batch.Resolution) (*evaluator.PolicySet, error) {
		if err := sessionApplies(r, given, "--session-policy", req.Principal); err != nil {
			return nil, err
		}
		rs, err := r.Resolve(req, res.Keys)
		if err != nil {
			return nil, err
		}
		res.Check = rs.Check
		for _, n := range rs.Notes {
			res.Notes = append(res.Notes, n.String())
		}
		return rs.Set, nil
	}, baseline, nil
}

// sessionApplies refuses a session policy among pol, given by flag, for
// a principal of r's data that is not a role session
// (sessionPolicyApplies).
func sessionApplies(r *account.Resolver, pol evaluator.Policies, flag, arn string) error {
	if pol.Session == nil {
		return nil
	}
	prin, err := r.Principal(arn)
	if err != nil {
		return err
	}
	return sessionPolicyApplies(pol, flag, prin, arn)
}
