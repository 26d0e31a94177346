package api

import "github.com/iamsim/iamsim/evaluator"

// The notes the engine adds to a result or an answer, about its inputs.
// The words of each are the message of the catalog with the code for ID;
// account data's notes are internal/account's (account.NoteAccountNotLoaded
// and the others).
const (
	// NoteAccountAssumed: the resource ARN names no account and nothing
	// gave one, so the resource account was assumed to be the
	// principal's (args: the account, how to give the owner).
	NoteAccountAssumed evaluator.NoteCode = "resource-account-assumed"
	// NoteSnapshotVersion: a policy is an AWS managed policy from
	// iamsim's snapshot, which AWS may have changed since (args: its
	// ARN, its version, the snapshot's date).
	NoteSnapshotVersion evaluator.NoteCode = "managed-policy-snapshot-version"
	// NoteWarning: a warning on the request's inputs, such as an unknown
	// action or context key (args: the warning's words).
	NoteWarning evaluator.NoteCode = "warning"
)

// warningNotes returns each warning as a NoteWarning note.
func warningNotes(warnings []string) []evaluator.Note {
	var notes []evaluator.Note
	for _, w := range warnings {
		notes = append(notes, evaluator.Note{Code: NoteWarning, Args: []any{w}})
	}
	return notes
}
