package cli

import (
	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/api"
)

// assumedAccountNote is api.AssumedAccountNote, for iamsim test.
func assumedAccountNote(p *evaluator.Prepared, how string) string {
	return api.AssumedAccountNote(p, how)
}

// scenarioResourceAccount is how a scenario gives a resource account.
const scenarioResourceAccount = api.ScenarioResourceAccount
