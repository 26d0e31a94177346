package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/internal/api"
)

// addBaselineFlags defines the flags of a replay diff's old side
// (docs/cli.md, "Replay diff"), each named as the policy flag it stands
// for on that side.
func addBaselineFlags(cmd *cobra.Command, b *api.Baseline) {
	f := cmd.Flags()
	side := func(flag string) string {
		return "replay diff with --requests: " + flag + " of the old side, or " + api.NoPolicy
	}
	f.StringArrayVar(&b.Identity, "baseline-identity", nil, side("--identity")+" (repeatable)")
	f.StringVar(&b.ResourcePolicy, "baseline-resource-policy", "", side("--resource-policy"))
	f.StringVar(&b.Boundary, "baseline-boundary", "", side("--boundary"))
	f.StringVar(&b.SessionPolicy, "baseline-session-policy", "", side("--session-policy"))
	f.StringVar(&b.EndpointPolicy, "baseline-endpoint-policy", "", side("--endpoint-policy"))
	f.StringArrayVar(&b.SCPs, "baseline-scp", nil, side("--scp")+" (repeat per level)")
	f.StringArrayVar(&b.RCPs, "baseline-rcp", nil, side("--rcp")+" (repeat per level)")
	f.StringVar(&b.Scenario, "baseline-scenario", "", "replay diff with --requests: the scenario whose policies are the old side of --scenario's")
}

// replayOutcome reports a replay diff's counts on standard error: the
// requests decided, how many changed and how; a change, or an unreliable
// decision on either side, makes the exit status 1, as a widening does
// for iamsim diff.
func replayOutcome(stderr io.Writer, stats api.Stats) error {
	decided := stats.Records - stats.Errors
	fmt.Fprintf(stderr, "%d %s, %d changed", decided, plural(decided, "request"), stats.Changed)
	if stats.Changed > 0 {
		fmt.Fprintf(stderr, ": %d newly denied, %d newly allowed", stats.NewlyDenied, stats.NewlyAllowed)
		if other := stats.Changed - stats.NewlyDenied - stats.NewlyAllowed; other > 0 {
			fmt.Fprintf(stderr, ", %d denied another way", other)
		}
	}
	fmt.Fprintln(stderr)
	if stats.Unreliable > 0 {
		fmt.Fprintf(stderr, "iamsim: %d of %d %s unreliable on either side: a Deny statement did not apply only because a request value has the wrong type\n",
			stats.Unreliable, decided, plural(decided, "comparison"))
	}
	if stats.Changed > 0 || stats.Unreliable > 0 {
		return &exitError{ExitFindings}
	}
	return nil
}
