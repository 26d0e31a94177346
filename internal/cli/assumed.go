package cli

import (
	"fmt"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// assumedAccountNote says, for a request whose resource ARN names no
// account (S3's do not) and which nothing else gives one, that the
// resource account was assumed to be the principal's, and how to give
// it; "" when nothing was assumed. how names the ways the command takes
// the resource account.
func assumedAccountNote(p *evaluator.Prepared, how string) string {
	account, from := p.ResourceAccount()
	if from != "principal" || p.Request.Resource == "*" {
		return ""
	}
	return assumedNote(account, how)
}

// assumedNote is assumedAccountNote's note for a resource account
// assumed to be account, the principal's.
func assumedNote(account, how string) string {
	return fmt.Sprintf("the resource account was assumed to be %s, the principal's, since the resource ARN names no account and nothing gave one: the request is decided as same-account; give the owner with %s", account, how)
}

// resourceAccountHow names the ways eval takes the resource account.
func (opts *evalOptions) resourceAccountHow() string {
	switch {
	case opts.Scenario != "":
		return "resourceAccount: in the scenario's request"
	case len(opts.AccountDetails) > 0:
		return "--resource-account, or account: for the resource in the resource manifest (--resource-policies)"
	}
	return "--resource-account"
}

// detectedKindProblems adds to each problem that depends on the policy's
// kind (an element the kind forbids or requires) the kind iamsim
// detected, why, and, when the command has one (override), the flag
// that chooses the other: the guess decides whether the policy is
// accepted at all.
func detectedKindProblems(problems policy.ErrorList, kind policy.Kind, override string) policy.ErrorList {
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
