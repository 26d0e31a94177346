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

	anyMode = withScenario | withRequests | withScenarioRequests
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
	{name: "--action", given: func(o *evalOptions) bool { return len(o.Actions) > 0 }},
	{name: "--resource", given: func(o *evalOptions) bool { return len(o.Resources) > 0 }},
	{name: "--resource-account", given: func(o *evalOptions) bool { return o.ResourceAccount != "" }},
	{name: "--context", given: func(o *evalOptions) bool { return len(o.Context) > 0 }, modes: withRequests},
	{name: "--context-file", given: func(o *evalOptions) bool { return o.ContextFile != "" }, modes: withRequests},
	{name: "--context-entries", given: func(o *evalOptions) bool { return len(o.ContextEntries) > 0 }, modes: withRequests},
	{name: "--identity", given: func(o *evalOptions) bool { return len(o.Identity) > 0 }, modes: withRequests},
	{name: "--resource-policy", given: func(o *evalOptions) bool { return o.ResourcePolicy != "" }, modes: withRequests},
	{name: "--resource-policy-type", given: func(o *evalOptions) bool { return o.ResourcePolicyType != "" }, modes: withRequests},
	{name: "--boundary", given: func(o *evalOptions) bool { return o.Boundary != "" }, modes: withRequests},
	{name: "--session-policy", given: func(o *evalOptions) bool { return o.SessionPolicy != "" }, modes: withRequests},
	{name: "--endpoint-policy", given: func(o *evalOptions) bool { return o.EndpointPolicy != "" }, modes: withRequests},
	{name: "--scp", given: func(o *evalOptions) bool { return len(o.SCPs) > 0 }, modes: withRequests},
	{name: "--rcp", given: func(o *evalOptions) bool { return len(o.RCPs) > 0 }, modes: withRequests},
	{name: "--management-account", given: func(o *evalOptions) bool { return o.ManagementAccount != "" }, modes: withRequests},
	{name: "--role-arn", given: func(o *evalOptions) bool { return o.RoleARN != "" }},
	{name: "--now", given: func(o *evalOptions) bool { return o.Now != "" }, modes: anyMode},
	{name: "--scenario", given: func(o *evalOptions) bool { return o.Scenario != "" }, modes: anyMode},
	{name: "--account-details", given: func(o *evalOptions) bool { return len(o.AccountDetails) > 0 }, modes: withRequests},
	{name: "--org", given: func(o *evalOptions) bool { return o.Org != "" }, modes: withRequests},
	{name: "--resource-policies", given: func(o *evalOptions) bool { return o.ResourcePolicies != "" }, modes: withRequests},
	// --format's values are checked per mode (batch writes text or JSON).
	{name: "--format", given: func(o *evalOptions) bool { return o.Format != "" && o.Format != "text" }, modes: anyMode},
	{name: "--verbose", given: func(o *evalOptions) bool { return o.Verbose }, modes: anyMode},
	{name: "--no-color", given: func(o *evalOptions) bool { return o.NoColor }, modes: anyMode, quiet: true},
	{name: "--expect", given: func(o *evalOptions) bool { return o.Expect != "" }, modes: anyMode},
	{name: "--requests", given: func(o *evalOptions) bool { return o.Requests != "" }, modes: withRequests | withScenarioRequests},
	// --strict without --requests is refused by runBatch, in words of
	// its own.
	{name: "--strict", given: func(o *evalOptions) bool { return o.Strict }, modes: withRequests | withScenarioRequests},
	{name: "--allow-unknown-actions", given: func(o *evalOptions) bool { return o.AllowUnknownActions }, modes: anyMode},
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
