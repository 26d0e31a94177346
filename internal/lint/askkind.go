package lint

import "github.com/iamsim/iamsim/policy"

// A rule asks questions about the kind of the policy it checks (does the
// kind grant permissions, is it a trust policy, which size quota applies)
// through kindIs and kindValue, never by reading checker.policyKind. When
// the checker tracks them, it records each question with its answer: a
// rule that got the same answers as kind k would have got took the same
// path through its check, so linting as k gives the same findings of that
// rule. LintDetected lints a document as its detected kind once, then as
// each kind that looks the same runs again only the rules that asked a
// question k answers otherwise.

// kindQuestion is one question a rule asked about the kind, with the
// answer it got: is(kind) == answer, or, when is is nil, what
// policy.CompleteARN made of entry.
type kindQuestion struct {
	is     func(policy.Kind) bool
	answer bool

	entry, completed string
	variables        bool
}

// alike reports whether kind k answers the question as it was answered.
func (q *kindQuestion) alike(k policy.Kind) bool {
	if q.is == nil {
		return policy.CompleteARN(k, q.entry, q.variables) == q.completed
	}
	return q.is(k) == q.answer
}

// kindIs answers a question about the kind of the policy, and records it
// when the checker tracks questions.
func (c *checker) kindIs(is func(policy.Kind) bool) bool {
	answer := is(c.policyKind)
	if c.track {
		c.asked = append(c.asked, kindQuestion{is: is, answer: answer})
	}
	return answer
}

// kindValue works out something that depends on the kind of the policy,
// and records, when the checker tracks questions, whether another kind
// gives the same. f must give the same answer every time it is asked
// about the same kind.
func kindValue[T comparable](c *checker, f func(policy.Kind) T) T {
	v := f(c.policyKind)
	if c.track {
		c.asked = append(c.asked, kindQuestion{is: func(k policy.Kind) bool { return f(k) == v }, answer: true})
	}
	return v
}

// completeARN is policy.CompleteARN for the kind of the policy, with
// each placeholder of infrastructure code (policy.HasPlaceholder) read as
// a wildcard. It is kindValue without a closure to allocate for every
// Resource entry.
func (c *checker) completeARN(entry string, variables bool) string {
	// A placeholder of infrastructure code may be any value: as a
	// wildcard, no field check judges it and any resource type matches.
	entry = policy.MaskPlaceholders(entry, "*")
	completed := policy.CompleteARN(c.policyKind, entry, variables)
	if c.track {
		c.asked = append(c.asked, kindQuestion{entry: entry, completed: completed, variables: variables})
	}
	return completed
}

// The questions the rules ask, besides kindGrants, kindIdentityLike and
// storedByIAM.

func isIdentity(k policy.Kind) bool { return k == policy.Identity }
func isResource(k policy.Kind) bool { return k == policy.Resource }
func isTrust(k policy.Kind) bool    { return k == policy.Trust }

// isOrganizations reports whether AWS Organizations keeps policies of kind
// k: SCPs and RCPs.
func isOrganizations(k policy.Kind) bool { return k == policy.SCP || k == policy.RCP }
