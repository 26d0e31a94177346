package evaluator

import (
	"reflect"
	"slices"
)

// NoteCode identifies a note of the evaluator: stable and kebab-case,
// so that a program can tell notes apart without reading their words.
type NoteCode string

// The evaluator's notes (docs/evaluation-logic.md explains the rules
// and choices they name).
const (
	// NoteFullAccessMissing: a level of an SCP or RCP chain without an
	// Allow denies implicitly; AWS attaches FullAWSAccess by default.
	NoteFullAccessMissing NoteCode = "full-access-missing"
	// NoteStarGrantDirect: a grant to "*" without an aws:PrincipalArn
	// condition is read as a direct grant.
	NoteStarGrantDirect NoteCode = "star-grant-direct"
	// NoteAWSOwned: the resource belongs to AWS, and the caller's own
	// policies decide.
	NoteAWSOwned NoteCode = "aws-owned-resource"
	// NoteCrossAccount: both the caller's and the resource's account
	// must allow.
	NoteCrossAccount NoteCode = "cross-account"
	// NoteAccountUnknown: the resource's account is unknown, so the
	// request is treated as cross-account.
	NoteAccountUnknown NoteCode = "resource-account-unknown"
	// NoteSessionNotGiven: a statement names a session of the caller's
	// role, but the request gives no session name.
	NoteSessionNotGiven NoteCode = "session-name-not-given"
	// NoteSecureTransport: aws:SecureTransport is absent, though AWS
	// sends it with every request.
	NoteSecureTransport NoteCode = "secure-transport-absent"
	// NoteTimeAbsent: aws:CurrentTime and aws:EpochTime are absent, and
	// iamsim never invents them.
	NoteTimeAbsent NoteCode = "current-time-absent"
	// NoteNoSourceVpce: a VPC endpoint policy is given but the request
	// has no aws:SourceVpce.
	NoteNoSourceVpce NoteCode = "source-vpce-absent"
	// NoteUnsubstituted: a Resource entry has a policy variable before
	// the fifth colon, which AWS does not substitute.
	NoteUnsubstituted NoteCode = "variable-not-substituted"
	// NoteRCPCallerAccount: an action on no resource type meets the RCPs
	// of the caller's account.
	NoteRCPCallerAccount NoteCode = "rcp-caller-account"
	// NoteReservedIAMRole: the service rule for IAM Identity Center's
	// /aws-reserved/ roles, which only notes.
	NoteReservedIAMRole NoteCode = "service-rule-reserved-iam-role"
)

// Note is a rule or iamsim choice that shaped a decision, a value
// iamsim assumed, or what a front end says of its inputs (account data,
// the command line): a code and the variable parts of its words. JSON
// shows its words, in English.
type Note struct {
	// Code identifies the note; its words are the message of the catalog
	// that has the code for ID. The evaluator's codes are declared here,
	// a front end's in the package that makes the note.
	Code NoteCode
	// Args are the variable parts of the words, as Message's: strings,
	// numbers or Messages; none for the evaluator's notes.
	Args []any
}

// Message returns the note as a Message, for a renderer to say in the
// reader's language.
func (n Note) Message() Message { return Message{ID: string(n.Code), Args: n.Args} }

// String returns the note's words in English.
func (n Note) String() string { return n.Message().String() }

// Equal reports whether two notes say the same: the same code with the
// same arguments.
func (n Note) Equal(o Note) bool {
	return n.Code == o.Code && slices.EqualFunc(n.Args, o.Args, func(a, b any) bool { return reflect.DeepEqual(a, b) })
}

// MarshalText implements encoding.TextMarshaler: the note's words.
func (n Note) MarshalText() ([]byte, error) { return []byte(n.String()), nil }
