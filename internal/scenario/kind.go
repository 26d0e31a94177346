package scenario

import (
	"fmt"

	"github.com/iamsim/iamsim/policy"
)

// ResourcePolicyTypeKey is the key of a scenario's policies that says how
// to read its resource policy, resource or trust, instead of detecting it.
const ResourcePolicyTypeKey = "resourcePolicyType"

// ParseDetected parses a resource policy as the kind its content shows,
// a role trust policy or a resource-based policy (policy.DetectKind). Its
// problems are a policy.ErrorList in which each problem the kind decides
// also says what was detected and, when override names a way to choose
// the kind, whether choosing the other would help (detectedKindProblems).
// Every parse applies lim.
func ParseDetected(name string, src []byte, override string, lim policy.Limits) (*policy.Document, error) {
	kind := policy.Resource
	if policy.DetectKind(src) == policy.Trust {
		kind = policy.Trust
	}
	doc, err := lim.Parse(name, src, kind)
	if err != nil {
		return nil, detectedKindProblems(err.(policy.ErrorList), name, src, kind, override, lim)
	}
	return doc, nil
}

// detectedKindProblems adds to each problem that depends on a resource
// policy's kind (an element the kind forbids or requires) the kind iamsim
// detected and why. When the input has a way to choose the kind
// (override: a flag such as --resource-policy-type, or
// "resourcePolicyType:"), it also says whether choosing the other kind
// would help, by reading src (the policy named name) as the other kind:
// when that reading has no such problem, how to choose it; when it has
// this same problem, that the other kind needs the same (a statement
// without Principal fails as a trust policy too); else nothing. A trust
// policy is never suggested for a document that names actions other
// than a role's.
func detectedKindProblems(problems policy.ErrorList, name string, src []byte, kind policy.Kind, override string, lim policy.Limits) policy.ErrorList {
	why, other := "some statement names a non-role action or no statement names a Principal", policy.Trust
	if kind == policy.Trust {
		why, other = "every statement names a Principal and only role actions (sts:AssumeRole*, sts:TagSession...)", policy.Resource
	}
	// The kind problems of the other reading, by position and code.
	type key struct {
		pos  policy.Pos
		code policy.Code
	}
	var otherProblems map[key]bool
	if override != "" {
		otherProblems = map[key]bool{}
		if _, err := lim.Parse(name, src, other); err != nil {
			if list, ok := err.(policy.ErrorList); ok {
				for _, e := range list {
					if isKindProblem(e) {
						otherProblems[key{e.Pos, e.Code}] = true
					}
				}
			}
		}
	}
	out := make(policy.ErrorList, len(problems))
	for i, e := range problems {
		out[i] = e
		if !isKindProblem(e) {
			continue
		}
		c := *e
		c.Msg += fmt.Sprintf(" (read as a %s policy, detected because %s", kind, why)
		switch {
		case override == "":
		case otherProblems[key{e.Pos, e.Code}]:
			c.Msg += fmt.Sprintf("; a %s policy needs the same, so %s %s would not help", other, override, other)
		case other == policy.Trust && !policy.NamesOnlyRoleActions(src):
			// A trust policy would parse, but it decides only STS calls
			// on its role, so reading it as one changes nothing for the
			// better.
			c.Msg += fmt.Sprintf("; a trust policy grants only role actions (sts:AssumeRole*, sts:TagSession...) and this one names others, so %s %s would not help", override, other)
		case len(otherProblems) == 0:
			c.Msg += fmt.Sprintf("; give %s %s to read it otherwise", override, other)
		}
		c.Msg += ")"
		out[i] = &c
	}
	return out
}

// isKindProblem reports whether a problem depends on the policy's kind:
// an element the kind forbids, or one it requires.
func isKindProblem(e *policy.Error) bool {
	return e.Code == policy.CodeNotAllowedForKind || e.Code == policy.CodeResourceMissing || e.Code == policy.CodePrincipalMissing
}
