package api

import "github.com/iamsim/iamsim/internal/account"

// CanOptions ask which actions a principal of the loaded accounts may
// perform: on one resource, or on the resource patterns of its policies.
type CanOptions = account.CanQuery

// CanAnswer is what a principal may do, by access level, with what the
// answer rests on.
type CanAnswer struct {
	account.CanAnswer
	Basis Basis
}

// Grant is an action the principal may perform, with the resources or
// patterns it is allowed on.
type Grant = account.Grant

// Allowance is a resource or resource pattern on which an action is
// allowed, and the statements that allowed it.
type Allowance = account.Allowance

// Refusal is a request decided and refused, listed when an answer allows
// nothing: who or what asked, the evaluator's reason, the Deny statements
// and the context keys the request lacked.
type Refusal = account.Refusal

// AccessLevels are the catalog's access levels in the order can groups
// its grants.
var AccessLevels = account.AccessLevels

// Can answers which actions of the embedded service catalog a principal
// of the accounts src names may perform (`iamsim can`). Each candidate
// action is decided with the full evaluation logic; the context keys of
// opts are checked against the catalog and the loaded policies, and the
// warnings join the answer's notes.
func (e Engine) Can(src AccountSources, opts CanOptions) (*CanAnswer, error) {
	data, err := e.accountData(src)
	if err != nil {
		return nil, err
	}
	ans, err := data.Can(opts)
	if err != nil {
		return nil, err
	}
	ans.Notes = append(ans.Notes, contextWarnings(data, "", opts.Context)...)
	return &CanAnswer{CanAnswer: *ans, Basis: basisOf(data)}, nil
}
