package cli

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/iamsim/iamsim/internal/reqcheck"
)

// TestEvalFlagModes gives every flag of eval, one at a time, in each mode
// that restricts flags, and checks that it is accepted or refused as the
// mode says, in the words of the mode. A flag eval gains without a row in
// evalFlags fails here.
func TestEvalFlagModes(t *testing.T) {
	t.Parallel()
	refusedWithRequests := "--requests gives the requests: do not combine it with --principal, --principal-resource, --action, --resource, --resource-account or --role-arn"
	modes := []struct {
		name  string
		mode  evalMode
		valid []string
		// refusal is the error for flag %s.
		refusal string
	}{
		{name: "--scenario", mode: withScenario,
			valid:   []string{"--now", "--scenario", "--format", "--verbose", "--no-color", "--expect", "--allow-unknown-actions"},
			refusal: "--scenario gives the policies and requests: do not combine it with %s (only --now, --format, --verbose, --expect, --allow-unknown-actions)"},
		{name: "--requests", mode: withRequests,
			valid: []string{"--context", "--context-file", "--context-entries", "--identity", "--resource-policy", "--resource-policy-type",
				"--boundary", "--session-policy", "--endpoint-policy", "--scp", "--rcp", "--management-account", "--now", "--scenario",
				"--account-details", "--template", "--org", "--resource-policies", "--format", "--verbose", "--no-color", "--expect", "--requests",
				"--strict", "--allow-unknown-actions", "--baseline-identity", "--baseline-resource-policy", "--baseline-boundary",
				"--baseline-session-policy", "--baseline-endpoint-policy", "--baseline-scp", "--baseline-rcp", "--baseline-scenario"},
			refusal: refusedWithRequests + "%.0s"},
		{name: "--scenario --requests", mode: withScenarioRequests,
			valid: []string{"--now", "--scenario", "--format", "--verbose", "--no-color", "--expect", "--requests", "--strict", "--allow-unknown-actions",
				"--baseline-scenario"},
			refusal: "--scenario gives the policies: do not combine it with %s (only --now, --format, --verbose, --expect, --requests, --strict, --allow-unknown-actions, --baseline-scenario)"},
		{name: "replay diff", mode: withReplay,
			valid: []string{"--context", "--context-file", "--context-entries", "--identity", "--resource-policy", "--resource-policy-type",
				"--boundary", "--session-policy", "--endpoint-policy", "--scp", "--rcp", "--management-account", "--now", "--scenario",
				"--account-details", "--template", "--org", "--resource-policies", "--format", "--verbose", "--no-color", "--requests",
				"--strict", "--allow-unknown-actions", "--baseline-identity", "--baseline-resource-policy", "--baseline-boundary",
				"--baseline-session-policy", "--baseline-endpoint-policy", "--baseline-scp", "--baseline-rcp", "--baseline-scenario"},
			refusal: "a --baseline- flag gives the old policies of a replay diff: do not combine it with --principal, --principal-resource, --action, --resource, --resource-account, --role-arn or --expect%.0s"},
	}
	rows := map[string]evalFlag{}
	for _, f := range evalFlags {
		rows[f.name] = f
	}
	seen := map[string]bool{}
	newEvalCmd(nil).Flags().VisitAll(func(fl *pflag.Flag) {
		name := "--" + fl.Name
		seen[name] = true
		_, ok := rows[name]
		if !ok {
			t.Errorf("%s has no row in evalFlags: say which modes it is valid in", name)
			return
		}
		arg := name + "=x"
		switch {
		case fl.Value.Type() == "bool":
			arg = name
		case name == "--format":
			arg = name + "=json"
		}
		opts, err := parseOptions(newEvalCmd, []string{arg})
		if err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
		for _, other := range evalFlags {
			if got := other.given(opts); got != (other.name == name) {
				t.Errorf("given %s, the row of %s says given = %v", arg, other.name, got)
			}
		}
		for _, m := range modes {
			t.Run(m.name+"/"+name, func(t *testing.T) {
				err := opts.checkModeFlags(m.mode)
				switch {
				case slices.Contains(m.valid, name) && err != nil:
					t.Errorf("refused: %v", err)
				case !slices.Contains(m.valid, name) && err == nil:
					t.Errorf("accepted, want %q", fmt.Sprintf(m.refusal, name))
				case err != nil && err.Error() != fmt.Sprintf(m.refusal, name):
					t.Errorf("error %q, want %q", err, fmt.Sprintf(m.refusal, name))
				}
			})
		}
	})
	for name := range rows {
		if !seen[name] {
			t.Errorf("evalFlags has a row for %s, which eval does not have", name)
		}
	}
}

// TestEvalFlagModesCLI checks the refusals as a user meets them: batch
// mode with --scenario says --requests' refusal first, then --scenario's.
func TestEvalFlagModesCLI(t *testing.T) {
	const batchScenario = "--scenario gives the policies: do not combine it with %s (only --now, --format, --verbose, --expect, --requests, --strict, --allow-unknown-actions, --baseline-scenario)"
	scenario, requests := "testdata/cases/s3-home-dirs.yaml", "testdata/batch/requests.jsonl"
	runCases(t, []cliCase{
		{name: "eval --scenario --resource-policy-type", args: []string{"eval", "--scenario", scenario, "--resource-policy-type", "trust"}, wantCode: ExitInput,
			wantStderr: "iamsim: --scenario gives the policies and requests: do not combine it with --resource-policy-type (only --now, --format, --verbose, --expect, --allow-unknown-actions)\n"},
		{name: "eval --scenario --requests --principal", args: []string{"eval", "--scenario", scenario, "--requests", requests, "--principal", testPrincipal}, wantCode: ExitInput,
			wantStderr: "iamsim: --requests gives the requests: do not combine it with --principal, --principal-resource, --action, --resource, --resource-account or --role-arn\n"},
		{name: "eval --scenario --requests --identity", args: []string{"eval", "--scenario", scenario, "--requests", requests, "--identity", "testdata/hostile/policy.json"}, wantCode: ExitInput,
			wantStderr: "iamsim: " + fmt.Sprintf(batchScenario, "--identity") + "\n"},
		{name: "eval --scenario --requests --context", args: []string{"eval", "--scenario", scenario, "--requests", requests, "--context", "aws:SourceIp=203.0.113.5"}, wantCode: ExitInput,
			wantStderr: "iamsim: " + fmt.Sprintf(batchScenario, "--context") + "\n"},
		{name: "eval --scenario --requests --resource-policy-type", args: []string{"eval", "--scenario", scenario, "--requests", requests, "--resource-policy-type", "trust"}, wantCode: ExitInput,
			wantStderr: "iamsim: " + fmt.Sprintf(batchScenario, "--resource-policy-type") + "\n"},
	})
}

// TestAllowUnknownActionsFlag checks that the flag is the one the
// refusal of an unknown action names (reqcheck.AllowFlag).
func TestAllowUnknownActionsFlag(t *testing.T) {
	t.Parallel()
	for _, cmd := range []*cobra.Command{newEvalCmd(runEval), newSimulateCmd(true, runSimulate), newWhoCanCmd(runWhoCan)} {
		if cmd.Flags().Lookup(strings.TrimPrefix(reqcheck.AllowFlag, "--")) == nil {
			t.Errorf("%s has no %s", cmd.Name(), reqcheck.AllowFlag)
		}
	}
}
