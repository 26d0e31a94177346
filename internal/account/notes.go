package account

import (
	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/msg"
)

// The notes of account data: where iamsim had to look beyond the
// exports, which values of a request it kept over those the data
// derives, and what an answer assumes. The words of each are the message
// of the catalog with the code for ID.
const (
	// NoteAccountNotLoaded: the principal's account is not loaded, so
	// its identity-based policies are unknown (args: the account, the
	// loaded accounts).
	NoteAccountNotLoaded evaluator.NoteCode = "account-not-loaded"
	// NoteManagedFromSnapshot: an attached AWS managed policy is not in
	// the exports and comes from iamsim's snapshot (args: its ARN).
	NoteManagedFromSnapshot evaluator.NoteCode = "managed-policy-from-snapshot"
	// NoteContextOverride: a value of the request's context overrides
	// the one the data derives (args: the key as the request spelled
	// it, the request's values, the derived value, where it came from).
	NoteContextOverride evaluator.NoteCode = "context-overrides-derived"
	// NoteOwnerIsPrincipals: can's resource has no known owner, which is
	// taken to be the principal's account (args: the resource).
	NoteOwnerIsPrincipals evaluator.NoteCode = "resource-owner-principal-account"
	// NoteOwnerIsEachPrincipal: who-can's resource has no known owner,
	// and each principal is taken to be in it (args: the resource).
	NoteOwnerIsEachPrincipal evaluator.NoteCode = "resource-owner-each-principal"
	// NoteRootEveryAction: the root user has no identity-based policies,
	// so can takes every action as a candidate.
	NoteRootEveryAction evaluator.NoteCode = "root-every-action-candidate"
)

// note returns the note code with args.
func note(code evaluator.NoteCode, args ...any) evaluator.Note {
	return evaluator.Note{Code: code, Args: args}
}

// Where a derived context value comes from, an argument of
// NoteContextOverride.
var (
	fromTags = evaluator.Message{ID: string(msg.ContextFromTags)}
	fromOrg  = evaluator.Message{ID: string(msg.ContextFromOrg)}
)
