package api

import (
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/policy"
)

// policyWarner says, once each, the warnings on the actions of policy
// statements that the catalog does not know (reqcheck.PolicyActions),
// for the questions whose answer has no place for them: a batch (once
// per policy set) and a simulation.
type policyWarner struct {
	warn func(string)
	said map[string]bool
}

func (p *policyWarner) warnOn(docs ...*policy.Document) {
	if p.warn == nil {
		return
	}
	for _, w := range reqcheck.New(true).PolicyActions(docs...) {
		if !p.said[w] {
			if p.said == nil {
				p.said = map[string]bool{}
			}
			p.said[w] = true
			p.warn(w)
		}
	}
}
