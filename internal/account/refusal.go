package account

import (
	"sort"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// MaxRefused is how many refused requests an answer that allows nothing
// shows, nearest first.
const MaxRefused = 5

// Refusal is a request that was decided in full and refused, for an
// answer that allows nothing: who asked (who-can) or what (can), the
// evaluator's reason, which names what refused it (a Deny statement, an
// SCP or RCP level, the boundary, the session policy, a resource policy
// that does not name the caller), and the context keys it lacked.
type Refusal struct {
	// Principal, Type and ServiceLinked name the caller, as in Access.
	Principal     string
	Type          string
	ServiceLinked bool
	Action        string
	Resource      string
	Decision      evaluator.Decision
	// Summary is the evaluator's one-sentence reason.
	Summary string
	// Denied are the Deny statements that decided an explicitDeny.
	Denied []evaluator.StatementRef
	// Missing are the context keys that conditions of statements that
	// applied to the request tested and the request lacked: giving them
	// could change the decision.
	Missing []string
	// Obstacles counts what stood in the way, for ordering: each layer
	// (or SCP and RCP level) that denied, each guardrail that stayed
	// silent, and a grant that fell short (no identity-based or
	// resource-based policy allowed, or, across accounts, not both).
	Obstacles int
	// shortfall is set when the grant fell short.
	shortfall bool
}

// refusalOf reads a refused result: its reason, Deny statements,
// relevant missing keys, and the obstacles its layers' verdicts show.
// Across accounts (the evaluator's Result.CrossAccount) both the
// identity-based and the resource-based policy must allow.
func refusalOf(r *evaluator.Result) Refusal {
	f := Refusal{Decision: r.Decision, Summary: r.Summary()}
	for _, s := range r.Deciding {
		if s.Effect == policy.Deny {
			f.Denied = append(f.Denied, s)
		}
	}
	for _, m := range r.Missing {
		if m.Relevant {
			f.Missing = append(f.Missing, m.Key)
		}
	}
	granted := map[evaluator.Layer]bool{}
	for _, l := range r.Layers {
		switch {
		case l.Verdict == evaluator.Denies:
			f.Obstacles++
		case l.Verdict == evaluator.Allows:
			granted[l.Layer] = true
		case l.Verdict == evaluator.Silent && l.Layer != evaluator.LayerIdentity && l.Layer != evaluator.LayerResource:
			f.Obstacles++ // a guardrail: an SCP or RCP level, the endpoint, boundary or session policy
		}
	}
	identity, resource := granted[evaluator.LayerIdentity], granted[evaluator.LayerResource]
	switch {
	case !identity && !resource, r.CrossAccount && !(identity && resource),
		f.Obstacles == 0: // refused without a guardrail: a trust or key policy
		f.Obstacles++
		f.shortfall = true
	}
	return f
}

// nearer orders refusals: fewer obstacles first; then those granted
// access and stopped only by guardrails or Deny statements; then those
// that lacked a context key.
func nearer(a, b *Refusal) bool {
	switch {
	case a.Obstacles != b.Obstacles:
		return a.Obstacles < b.Obstacles
	case a.shortfall != b.shortfall:
		return !a.shortfall
	}
	return len(a.Missing) > 0 && len(b.Missing) == 0
}

// nearest returns at most MaxRefused of the refusals, nearest first,
// keeping their order otherwise.
func nearest(list []Refusal) []Refusal {
	sort.SliceStable(list, func(i, j int) bool { return nearer(&list[i], &list[j]) })
	if len(list) > MaxRefused {
		list = list[:MaxRefused]
	}
	return list
}
