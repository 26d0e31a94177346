package cli

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/iamsim/iamsim/internal/api"
)

// runBatch is `iamsim eval --requests FILE`: the policies come from the
// flags, a scenario or account data; the requests from the file, one
// JSON object per line or the records of CloudTrail logs (docs/cli.md,
// "Batch mode").
func runBatch(opts *evalOptions) error {
	if opts.Requests == "" {
		return fmt.Errorf("%s applies to batch mode: give --requests FILE", opts.batchOnly())
	}
	if opts.Format != "text" && opts.Format != "json" {
		return fmt.Errorf("--requests writes JSON lines: --format %q does not apply", opts.Format)
	}
	if err := opts.checkModeFlags(withRequests); err != nil {
		return err
	}
	if api.NamesStdin(opts.Requests) && opts.ReadsPolicyFromStdin() {
		return fmt.Errorf("standard input (-) can be read only once: it holds a policy, so --requests cannot be -")
	}
	if opts.Scenario != "" {
		if err := opts.checkModeFlags(withScenarioRequests); err != nil {
			return err
		}
	}
	if opts.Baseline.Given() {
		if opts.Baseline.Scenario != "" && opts.Scenario == "" {
			return fmt.Errorf("--baseline-scenario gives the old side of the policies of --scenario: give --scenario FILE, or the old policies with --baseline-identity and the other baseline flags")
		}
		if err := opts.checkModeFlags(withReplay); err != nil {
			return err
		}
	}
	bo := api.BatchOptions{EvalOptions: opts.EvalOptions, Requests: opts.Requests, Strict: opts.Strict, Trace: opts.Verbose,
		Expect: opts.Expect, Baseline: opts.Baseline, Output: opts.Stdout, Warn: func(w string) { fmt.Fprintf(opts.Stderr, "iamsim: warning: %s\n", w) }}
	// progressed is set once a progress line is on the terminal, which a
	// newline then ends.
	progressed := false
	if isTerminal(opts.Stderr) {
		bo.Progress = func(s api.Stats) {
			progressed = true
			rate := 0.0
			if secs := s.Elapsed.Seconds(); secs > 0 {
				rate = float64(s.Records) / secs
			}
			found := fmt.Sprintf("%d not as expected", s.Mismatches)
			if opts.Baseline.Given() {
				found = fmt.Sprintf("%d changed", s.Changed)
			}
			fmt.Fprintf(opts.Stderr, "\r%d %s, %d malformed, %s, %.0f decisions/s ", s.Records, plural(s.Records, "request"), s.Errors, found, rate)
		}
	}
	if os.Getenv("GOGC") == "" {
		// The garbage is the input, a chunk at a time, and the live heap
		// small: collecting less often is some 10% faster, for about 30 MB
		// more peak memory (GOGC=100: 30 MB, 400: 58 MB on 2M lines).
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	stats, err := opts.Engine.RunBatch(bo)
	if progressed {
		fmt.Fprintln(opts.Stderr)
	}
	switch {
	case errors.Is(err, api.ErrStrict):
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
	var outcome error
	if opts.Baseline.Given() {
		outcome = replayOutcome(opts.Stderr, stats)
	} else {
		outcome = decisionsOutcome(opts.Stderr, stats.Records-stats.Errors, stats.Unreliable, stats.Mismatches)
	}
	if stats.Errors > 0 {
		return &exitError{ExitInput}
	}
	return outcome
}

// wasWere is the verb of a count: "1 of 14 requests was", "2 of 14
// requests were".
func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}
