// Package check answers the questions of IAM Access Analyzer's custom
// policy checks offline, in Access Analyzer's vocabulary: does a policy
// grant none of a list of access (CheckAccessNotGranted), and does a
// resource policy grant public access (CheckNoPublicAccess). Each answer
// is PASS or FAIL with the statements that make it FAIL, their
// positions, and where one can be built a witness: a request the
// evaluator allows. docs/checks.md describes the reasoning and where it
// follows Access Analyzer rather than a strict reading of IAM.
package check

import (
	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// Outcome is a check's result: PASS or FAIL, as Access Analyzer spells
// them.
type Outcome string

// The outcomes.
const (
	Pass Outcome = "PASS"
	Fail Outcome = "FAIL"
)

// Result is the answer of one check on one policy, shaped as Access
// Analyzer's response (result, message, reasons) with iamsim's additions
// in the reasons.
type Result struct {
	Result  Outcome
	Message string
	// Reasons are the statements that make the result FAIL, in the order
	// of the policy; none for PASS.
	Reasons []Reason
}

// Reason is one statement that grants what the check looks for.
type Reason struct {
	// Description says what the statement grants, in one sentence.
	Description string
	// StatementIndex is the statement's place in the policy, from 0.
	StatementIndex int
	// StatementID is the statement's Sid; "" when it has none.
	StatementID string
	// Pos is where the statement starts.
	Pos policy.Pos
	// Witness is a request the statement grants, confirmed by the
	// evaluator; nil when none could be built (a condition iamsim cannot
	// satisfy), and then Note says why.
	Witness *Witness
	Note    string
}

// Witness is a request that proves a reason: the evaluator, given the
// checked policy alone, decides it Allowed.
type Witness struct {
	Principal string
	// RoleARN is the role of a role-session principal, with its path;
	// "" for any other principal.
	RoleARN  string
	Action   string
	Resource string
	// ResourceAccount is the account that owns the resource; "" when the
	// resource ARN names it, or the caller's account owns it.
	ResourceAccount string
	// Context holds the context keys the request needs, in the order the
	// conditions name them.
	Context []ContextEntry
}

// ContextEntry is one context key of a witness with its values.
type ContextEntry struct {
	Key    string
	Values []string
}

// request is the witness as a request to the evaluator.
func (w *Witness) request() *evaluator.Request {
	ctx := evaluator.Context{}
	for _, e := range w.Context {
		ctx.Add(e.Key, e.Values, len(e.Values) > 1)
	}
	return &evaluator.Request{Principal: w.Principal, RoleARN: w.RoleARN, Action: w.Action, Resource: w.Resource, ResourceAccount: w.ResourceAccount, Context: ctx}
}

// reason builds the reason of a statement.
func reason(st *policy.Statement, description string) Reason {
	return Reason{Description: description, StatementIndex: st.Index, StatementID: st.Sid.Text, Pos: st.Pos}
}
