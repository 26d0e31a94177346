package api

import (
	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// AssumedAccountNote says, for a request whose resource ARN names no
// account (S3's do not) and which nothing else gives one, that the
// resource account was assumed to be the principal's, and how to give
// it (a NoteAccountAssumed note); false when nothing was assumed. how
// names the ways the front end takes the resource account
// (ScenarioResourceAccount for a scenario).
func AssumedAccountNote(p *evaluator.Prepared, how evaluator.Message) (evaluator.Note, bool) {
	account, ok := p.AssumedResourceAccount()
	if !ok {
		return evaluator.Note{}, false
	}
	return assumedNote(account, how), true
}

// assumedNote is AssumedAccountNote's note for a resource account
// assumed to be account, the principal's.
func assumedNote(account string, how evaluator.Message) evaluator.Note {
	return evaluator.Note{Code: NoteAccountAssumed, Args: []any{account, how}}
}

// manifestOwner returns the account that the account data gives a
// resource, with where it came from when that is not the resource's ARN:
// "the resource manifest FILE", for a resource (an S3 bucket or object)
// whose ARN names no account and the manifest's account: gives one.
func manifestOwner(data *account.Data, res string) (owner, from string) {
	owner = data.Resources.Owner(res)
	if f, ok := policy.SplitARN(res); owner == "" || ok && f[4] != "" {
		return owner, ""
	}
	return owner, "the resource manifest " + data.Resources.File
}

// ScenarioResourceAccount is how a scenario gives a resource account.
var ScenarioResourceAccount = evaluator.Message{ID: string(msg.HowScenario)}

// accountHow names way, a flag or a Message, as the way to give a
// resource account, and with the resource manifest's account: when
// manifest is set.
func accountHow(way any, manifest bool) evaluator.Message {
	if manifest {
		return evaluator.Message{ID: string(msg.HowOrManifest), Args: []any{way}}
	}
	return evaluator.Message{Args: []any{way}}
}

// resourceAccountHow names the ways eval takes the resource account.
func (opts EvalOptions) resourceAccountHow() evaluator.Message {
	if opts.Scenario != "" {
		return ScenarioResourceAccount
	}
	return accountHow("--resource-account", opts.AccountSources.loaded())
}
