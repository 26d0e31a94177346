package scenario

import (
	"fmt"

	"github.com/iamsim/iamsim/policy"
)

// ResourcePolicyTypeKey is the key of a scenario's policies that says how
// to read its resource policy, resource or trust, instead of detecting it.
const ResourcePolicyTypeKey = "resourcePolicyType"

// DetectedKindProblems adds to each problem that depends on a resource
// policy's kind (an element the kind forbids or requires) the kind iamsim
// detected, why, and, when the input has one (override: a flag such as
// --resource-policy-type, or "resourcePolicyType:"), how to choose the
// other: the guess decides whether the policy is accepted at all.
func DetectedKindProblems(problems policy.ErrorList, kind policy.Kind, override string) policy.ErrorList {
	why, other := "some statement names a non-role action or no statement names a Principal", "trust"
	if kind == policy.Trust {
		why, other = "every statement names a Principal and only role actions (sts:AssumeRole*, sts:TagSession...)", "resource"
	}
	out := make(policy.ErrorList, len(problems))
	for i, e := range problems {
		out[i] = e
		if e.Code == policy.CodeNotAllowedForKind || e.Code == policy.CodeResourceMissing || e.Code == policy.CodePrincipalMissing {
			c := *e
			c.Msg += fmt.Sprintf(" (read as a %s policy, detected because %s", kind, why)
			if override != "" {
				c.Msg += fmt.Sprintf("; give %s %s to read it otherwise", override, other)
			}
			c.Msg += ")"
			out[i] = &c
		}
	}
	return out
}
