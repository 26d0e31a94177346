package cli

import (
	"fmt"
	"strings"
)

// evalMode is a way of running eval that takes some flags of the rest
// and refuses others: the flags it is valid in are named in evalFlags,
// once for eval and batch mode.
type evalMode uint8

const (
	// withScenario is `eval --scenario FILE`: the scenario gives the
	// policies and the requests.
	withScenario evalMode = 1 << iota
	// withRequests is `eval --requests FILE`: the file gives the
	// requests, the flags or account data the policies.
	withRequests
	// withScenarioRequests is `eval --scenario FILE --requests FILE`: the
	// scenario gives the policies, the file the requests.
	withScenarioRequests
	// withReplay is a replay diff: `eval --requests FILE` with a baseline
	// flag, which gives the old policies (docs/cli.md, "Replay diff"); it
	// is checked after the mode of --requests (and --scenario).
	withReplay

	anyMode = withScenario | withRequests | withScenarioRequests | withReplay
	// batchMode is every mode of --requests.
	batchMode = withRequests | withScenarioRequests | withReplay
	// flagsMode is a batch whose policies come from the flags.
	flagsMode = withRequests | withReplay
)

// evalModes are the modes in the order their checks run, with what their
// flag gives and how a refusal reads. A mode that lists its valid flags
// ("only ...") names the refused flag given; one that lists its refused
// flags names them all.
var evalModes = []struct {
	mode       evalMode
	flag       string
	gives      string
	listsValid bool
}{
	{withScenario, "--scenario", "the policies and requests", true},
	{withRequests, "--requests", "the requests", false},
	{withScenarioRequests, "--scenario", "the policies", true},
	{withReplay, "a --baseline- flag", "the old policies of a replay diff", false},
}

// evalFlag is one flag of eval: how to tell it was given, and the modes
// it may be given in.
type evalFlag struct {
	name  string
	given func(*evalOptions) bool
	modes evalMode
	// quiet flags change only how output looks: a refusal's "only" list
	// does not name them.
	quiet bool
}

// evalFlags are every flag of eval, in the order of its help. A flag
// that is not here is refused by TestEvalFlagModes.
var evalFlags = []evalFlag{
	{name: "--principal", given: func(o *evalOptions) bool { return o.Principal != "" }},
	{name: "--principal-resource", given: func(o *evalOptions) bool { return o.PrincipalResource != "" }},
	{name: "--action", given: func(o *evalOptions) bool { return len(o.Actions) > 0 }},
	{name: "--resource", given: func(o *evalOptions) bool { return len(o.Resources) > 0 }},
	{name: "--resource-account", given: func(o *evalOptions) bool { return o.ResourceAccount != "" }},
	{name: "--context", given: func(o *evalOptions) bool { return len(o.Context) > 0 }, modes: flagsMode},
	{name: "--context-file", given: func(o *evalOptions) bool { return o.ContextFile != "" }, modes: flagsMode},
	{name: "--context-entries", given: func(o *evalOptions) bool { return len(o.ContextEntries) > 0 }, modes: flagsMode},
	{name: "--identity", given: func(o *evalOptions) bool { return len(o.Identity) > 0 }, modes: flagsMode},
	{name: "--resource-policy", given: func(o *evalOptions) bool { return o.ResourcePolicy != "" }, modes: flagsMode},
	{name: "--resource-policy-type", given: func(o *evalOptions) bool { return o.ResourcePolicyType != "" }, modes: flagsMode},
	{name: "--boundary", given: func(o *evalOptions) bool { return o.Boundary != "" }, modes: flagsMode},
	{name: "--session-policy", given: func(o *evalOptions) bool { return o.SessionPolicy != "" }, modes: flagsMode},
	{name: "--endpoint-policy", given: func(o *evalOptions) bool { return o.EndpointPolicy != "" }, modes: flagsMode},
	{name: "--scp", given: func(o *evalOptions) bool { return len(o.SCPs) > 0 }, modes: flagsMode},
	{name: "--rcp", given: func(o *evalOptions) bool { return len(o.RCPs) > 0 }, modes: flagsMode},
	{name: "--management-account", given: func(o *evalOptions) bool { return o.ManagementAccount != "" }, modes: flagsMode},
	{name: "--role-arn", given: func(o *evalOptions) bool { return o.RoleARN != "" }},
	{name: "--now", given: func(o *evalOptions) bool { return o.Now != "" }, modes: anyMode},
	{name: "--scenario", given: func(o *evalOptions) bool { return o.Scenario != "" }, modes: anyMode},
	{name: "--account-details", given: func(o *evalOptions) bool { return len(o.AccountDetails) > 0 }, modes: flagsMode},
	{name: "--template", given: func(o *evalOptions) bool { return len(o.Templates) > 0 }, modes: flagsMode},
	{name: "--org", given: func(o *evalOptions) bool { return o.Org != "" }, modes: flagsMode},
	{name: "--resource-policies", given: func(o *evalOptions) bool { return o.ResourcePolicies != "" }, modes: flagsMode},
	// --format's values are checked per mode (batch writes text or JSON).
	{name: "--format", given: func(o *evalOptions) bool { return o.Format != "" && o.Format != "text" }, modes: anyMode},
	{name: "--verbose", given: func(o *evalOptions) bool { return o.Verbose }, modes: anyMode},
	{name: "--no-color", given: func(o *evalOptions) bool { return o.NoColor }, modes: anyMode, quiet: true},
	// A replay diff compares two decisions: there is none to expect.
	{name: "--expect", given: func(o *evalOptions) bool { return o.Expect != "" }, modes: anyMode &^ withReplay},
	{name: "--requests", given: func(o *evalOptions) bool { return o.Requests != "" }, modes: batchMode},
	// --strict without --requests is refused by runBatch, in words of
	// its own.
	{name: "--strict", given: func(o *evalOptions) bool { return o.Strict }, modes: batchMode},
	{name: "--allow-unknown-actions", given: func(o *evalOptions) bool { return o.AllowUnknownActions }, modes: anyMode},
	// The baseline flags need --requests (runBatch says so) and replace
	// the policy flag of their name on the old side; --baseline-scenario
	// needs --scenario, which refuses the others.
	{name: "--baseline-identity", given: func(o *evalOptions) bool { return len(o.Baseline.Identity) > 0 }, modes: flagsMode},
	{name: "--baseline-resource-policy", given: func(o *evalOptions) bool { return o.Baseline.ResourcePolicy != "" }, modes: flagsMode},
	{name: "--baseline-boundary", given: func(o *evalOptions) bool { return o.Baseline.Boundary != "" }, modes: flagsMode},
	{name: "--baseline-session-policy", given: func(o *evalOptions) bool { return o.Baseline.SessionPolicy != "" }, modes: flagsMode},
	{name: "--baseline-endpoint-policy", given: func(o *evalOptions) bool { return o.Baseline.EndpointPolicy != "" }, modes: flagsMode},
	{name: "--baseline-scp", given: func(o *evalOptions) bool { return len(o.Baseline.SCPs) > 0 }, modes: flagsMode},
	{name: "--baseline-rcp", given: func(o *evalOptions) bool { return len(o.Baseline.RCPs) > 0 }, modes: flagsMode},
	{name: "--baseline-scenario", given: func(o *evalOptions) bool { return o.Baseline.Scenario != "" }, modes: batchMode},
}

// batchOnly returns the first flag given that applies only to batch mode
// (--strict, a baseline flag), or "".
func (opts *evalOptions) batchOnly() string {
	for _, f := range evalFlags {
		if (f.name == "--strict" || strings.HasPrefix(f.name, "--baseline-")) && f.given(opts) {
			return f.name
		}
	}
	return ""
}

// checkModeFlags refuses the first flag given that mode does not take,
// in the words of evalModes.
func (opts *evalOptions) checkModeFlags(mode evalMode) error {
	for _, m := range evalModes {
		if m.mode != mode {
			continue
		}
		var valid, refused []string
		var bad string
		for _, f := range evalFlags {
			switch {
			case f.modes&mode == 0:
				refused = append(refused, f.name)
				if bad == "" && f.given(opts) {
					bad = f.name
				}
			case f.name != m.flag && !f.quiet:
				valid = append(valid, f.name)
			}
		}
		switch {
		case bad == "":
			return nil
		case m.listsValid:
			return fmt.Errorf("%s gives %s: do not combine it with %s (only %s)", m.flag, m.gives, bad, strings.Join(valid, ", "))
		default:
			return fmt.Errorf("%s gives %s: do not combine it with %s", m.flag, m.gives, joinOr(refused))
		}
	}
	return fmt.Errorf("eval mode %d has no flags", mode)
}
