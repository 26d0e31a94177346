package cli

import (
	"fmt"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/scenario"
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

// detectedKindProblems is scenario.DetectedKindProblems: a detected
// kind's problems say what was detected and how to override it, in eval
// (--resource-policy-type) as in scenarios (resourcePolicyType:).
func detectedKindProblems(problems policy.ErrorList, kind policy.Kind, override string) policy.ErrorList {
	return scenario.DetectedKindProblems(problems, kind, override)
}
