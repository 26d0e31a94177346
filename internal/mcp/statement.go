package mcp

import "github.com/iamsim/iamsim/evaluator"

// Statement is a policy statement that decided a request: its layer, the
// policy (a file, an AWS managed policy ARN, or the argument an inline
// policy came from), its Sid and index, and where it stands.
type Statement struct {
	Layer string `json:"layer" jsonschema:"the layer: identity, resource, boundary, session, scp, rcp, endpoint"`
	// Level is the SCP or RCP level, from 1 at the organization's root.
	Level  int    `json:"level,omitempty" jsonschema:"the SCP or RCP level, from 1 at the root"`
	Policy string `json:"policy" jsonschema:"the policy: its file, AWS managed policy ARN, or the argument of an inline policy"`
	Sid    string `json:"sid,omitempty"`
	Index  int    `json:"index" jsonschema:"the statement's index in the policy, from 0"`
	// Position is file:line:col of the statement's opening brace.
	Position string `json:"position,omitempty" jsonschema:"file:line:col of the statement"`
}

// statementsOf converts the evaluator's references to statements.
func statementsOf(refs []evaluator.StatementRef) []Statement {
	out := make([]Statement, 0, len(refs))
	for _, r := range refs {
		s := Statement{Layer: r.Layer.String(), Level: r.Level, Policy: r.Policy, Sid: r.Sid, Index: r.Index}
		if r.Pos.IsValid() {
			s.Position = r.Where()
		}
		out = append(out, s)
	}
	return out
}

// notesOf says the notes in English.
func notesOf(notes []evaluator.Note) []string {
	out := make([]string, 0, len(notes))
	for _, n := range notes {
		out = append(out, n.String())
	}
	return out
}
