package cli

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/batch"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/internal/scenario"
	"github.com/iamsim/iamsim/internal/source"
)

// runBatch is `iamsim eval --requests FILE`: the policies come from the
// flags, a scenario or account data; the requests from the file, one
// JSON object per line or the records of CloudTrail logs (docs/cli.md,
// "Batch mode").
func runBatch(opts *evalOptions) error {
	if opts.Requests == "" {
		return fmt.Errorf("--strict applies to batch mode: give --requests FILE")
	}
	if opts.Format != "text" && opts.Format != "json" {
		return fmt.Errorf("--requests writes JSON lines: --format %q does not apply", opts.Format)
	}
	if err := opts.checkModeFlags(withRequests); err != nil {
		return err
	}
	if strings.TrimPrefix(opts.Requests, "file://") == "-" && opts.stdinPolicies() {
		return fmt.Errorf("standard input (-) can be read only once: it holds a policy, so --requests cannot be -")
	}
	chk := reqcheck.New(opts.AllowUnknownActions)
	resolve, err := opts.batchPolicies(chk)
	if err != nil {
		return err
	}
	bo := batch.Options{Resolve: resolve, Strict: opts.Strict, Trace: opts.Verbose, Check: chk,
		AssumedAccount: func(account string) string { return assumedNote(account, opts.batchAccountHow()) }}
	// A CloudTrail log file is read whole, as an account export is.
	bo.TrailLimits = source.Limits{MaxFileSize: opts.MaxExportSize, Flag: "--" + maxExportSizeFlag}
	if opts.Scenario == "" {
		if bo.Defaults, err = opts.context(); err != nil {
			return err
		}
	} else if opts.Now != "" {
		bo.Defaults = evaluator.Context{}
		if err := applyNow(bo.Defaults, opts.Now, opts.Clock); err != nil {
			return err
		}
	}
	if opts.Expect != "" {
		d, err := parseExpect(opts.Expect)
		if err != nil {
			return err
		}
		bo.Expect = &d
	}
	if isTerminal(opts.Stderr) {
		bo.Progress = func(s batch.Stats) {
			rate := 0.0
			if secs := s.Elapsed.Seconds(); secs > 0 {
				rate = float64(s.Records) / secs
			}
			fmt.Fprintf(opts.Stderr, "\r%d %s, %d malformed, %d not as expected, %.0f decisions/s ", s.Records, plural(s.Records, "request"), s.Errors, s.Mismatches, rate)
		}
	}
	if os.Getenv("GOGC") == "" {
		// The garbage is the input, a chunk at a time, and the live heap
		// small: collecting less often is some 10% faster, for about 30 MB
		// more peak memory (GOGC=100: 30 MB, 400: 58 MB on 2M lines).
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	stats, err := opts.runRequests(bo)
	if bo.Progress != nil {
		fmt.Fprintln(opts.Stderr)
	}
	switch {
	case errors.Is(err, batch.ErrStrict):
		fmt.Fprintf(opts.Stderr, "iamsim: %v\n", err)
		return &exitError{ExitInput}
	case err != nil:
		return err
	}
	// An empty input decides nothing: said, and an input error, as a
	// directory without scenarios is for iamsim test, so that a CI step
	// fed an empty log cannot pass (docs/cli.md, Batch mode).
	if stats.Records == 0 {
		fmt.Fprintf(opts.Stderr, "iamsim: 0 requests: --requests %s holds none, so nothing was decided\n", opts.Requests)
		return &exitError{ExitInput}
	}
	// Malformed lines are not decided: the other counts are of the
	// decided requests, and every count is said, whatever the exit status.
	if stats.Errors > 0 {
		fmt.Fprintf(opts.Stderr, "%d of %d %s %s malformed\n", stats.Errors, stats.Records, plural(stats.Records, "request"), wasWere(stats.Errors))
	}
	outcome := decisionsOutcome(opts.Stderr, stats.Records-stats.Errors, stats.Unreliable, stats.Mismatches)
	if stats.Errors > 0 {
		return &exitError{ExitInput}
	}
	return outcome
}

// runRequests reads --requests: - for standard input, a directory of log
// files, or a file.
func (opts *evalOptions) runRequests(bo batch.Options) (batch.Stats, error) {
	name := strings.TrimPrefix(opts.Requests, "file://")
	if name == "-" {
		return batch.Run("<stdin>", opts.Stdin, opts.Stdout, bo)
	}
	if info, err := os.Stat(name); err == nil && info.IsDir() {
		return batch.RunDir(name, opts.Stdout, bo)
	}
	f, err := os.Open(name)
	if err != nil {
		return batch.Stats{}, source.FileError(name, err)
	}
	defer f.Close()
	return batch.Run(name, f, opts.Stdout, bo)
}

// stdinPolicies reports whether a policy flag reads standard input.
func (opts *evalOptions) stdinPolicies() bool {
	args := append([]string{opts.ResourcePolicy, opts.Boundary, opts.SessionPolicy, opts.EndpointPolicy}, opts.Identity...)
	for _, level := range append(append([]string{}, opts.SCPs...), opts.RCPs...) {
		args = append(args, strings.Split(level, ",")...)
	}
	for _, a := range args {
		if strings.TrimPrefix(a, "file://") == "-" {
			return true
		}
	}
	return false
}

// batchPolicies returns what decides each request of a batch: one policy
// set from the flags or a scenario, or, with account data, the set of
// each principal and resource. The condition keys of the flags' or the
// scenario's documents join chk's, so that they are not reported as
// unknown context keys; with account data, each request's policies are
// added for that request (accountResolver).
func (opts *evalOptions) batchPolicies(chk *reqcheck.Checker) (batchResolve, error) {
	if opts.Scenario != "" {
		if err := opts.checkModeFlags(withScenarioRequests); err != nil {
			return nil, err
		}
		s, err := scenario.Loader{Limits: opts.Limits, AllowUnknownActions: opts.AllowUnknownActions}.Load(opts.Scenario)
		if err != nil {
			return nil, inputProblems(err)
		}
		set, err := evaluator.Compile(s.Policies, s.Organization)
		if err != nil {
			return nil, err
		}
		chk.AddPolicies(s.Policies)
		(&policyWarner{stderr: opts.Stderr}).warn(reqcheck.Documents(s.Policies)...)
		return fixedSet(set), nil
	}
	if len(opts.AccountDetails) == 0 && (opts.Org != "" || opts.ResourcePolicies != "") {
		return nil, fmt.Errorf("--org and --resource-policies describe real accounts: give their exports with --account-details")
	}
	flags, err := opts.flagPolicies()
	if err != nil {
		return nil, err
	}
	chk.AddPolicies(flags)
	if len(opts.AccountDetails) > 0 {
		return opts.accountResolver(flags, chk)
	}
	(&policyWarner{stderr: opts.Stderr}).warn(reqcheck.Documents(flags)...)
	set, err := evaluator.Compile(flags, evaluator.Organization{ManagementAccount: opts.ManagementAccount})
	if err != nil {
		return nil, err
	}
	return fixedSet(set), nil
}

// batchResolve is batch.Options.Resolve.
type batchResolve = func(*evaluator.Request, *batch.Resolution) (*evaluator.PolicySet, error)

// fixedSet resolves every request to set.
func fixedSet(set *evaluator.PolicySet) batchResolve {
	return func(*evaluator.Request, *batch.Resolution) (*evaluator.PolicySet, error) { return set, nil }
}

// batchAccountHow names the ways a batch gives a request's resource
// account.
func (opts *evalOptions) batchAccountHow() string {
	if len(opts.AccountDetails) > 0 {
		return `"resourceAccount" in the request line, or account: for the resource in the resource manifest (--resource-policies)`
	}
	return `"resourceAccount" in the request line`
}

// accountResolver resolves each request's policies from the account data,
// as `iamsim eval --account-details` does (account.Resolver), with a
// checker per policy set that knows its condition keys besides chk's, and
// the warnings on each set's statements said once. A context value of the
// request that overrides one the data derives gets a note, as in eval.
func (opts *evalOptions) accountResolver(flags evaluator.Policies, chk *reqcheck.Checker) (batchResolve, error) {
	warner := &policyWarner{stderr: opts.Stderr}
	r, err := opts.loadResolver(flags, account.ResolverOptions{
		RequestContexts: true, Check: chk,
		Compiled: func(pol evaluator.Policies) { warner.warn(reqcheck.Documents(pol)...) },
	})
	if err != nil {
		return nil, inputProblems(err)
	}
	return func(req *evaluator.Request, res *batch.Resolution) (*evaluator.PolicySet, error) {
		rs, err := r.Resolve(req, res.Keys)
		if err != nil {
			return nil, err
		}
		res.Check = rs.Check
		res.Notes = append(res.Notes, rs.Notes...)
		return rs.Set, nil
	}, nil
}

// wasWere is the verb of a count: "1 of 14 requests was", "2 of 14
// requests were".
func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}
