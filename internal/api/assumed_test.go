package api

import (
	"testing"

	"github.com/iamsim/iamsim/evaluator"
)

// TestAssumedNoteWords pins the words of the note on an assumed resource
// account for each way a front end takes the resource account.
func TestAssumedNoteWords(t *testing.T) {
	t.Parallel()
	const manifest = ", or account: for the resource in the resource manifest (--resource-policies)"
	tests := []struct {
		name string
		how  evaluator.Message
		want string
	}{
		{"eval", EvalOptions{}.resourceAccountHow(), "--resource-account"},
		{"eval with account data", EvalOptions{AccountSources: AccountSources{AccountDetails: []string{"a.json"}}}.resourceAccountHow(), "--resource-account" + manifest},
		{"scenario", EvalOptions{Scenario: "s.yaml"}.resourceAccountHow(), "resourceAccount: in the scenario's request"},
		{"batch", EvalOptions{}.batchAccountHow(), `"resourceAccount" in the request line`},
		{"batch with account data", EvalOptions{AccountSources: AccountSources{AccountDetails: []string{"a.json"}}}.batchAccountHow(), `"resourceAccount" in the request line` + manifest},
		{"simulate-custom-policy", accountHow("--resource-owner", false), "--resource-owner"},
		{"simulate-principal-policy", accountHow("--resource-owner", true), "--resource-owner" + manifest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n := assumedNote("111122223333", tt.how)
			want := "the resource account was assumed to be 111122223333, the principal's, since the resource ARN names no account and nothing gave one: " +
				"the request is decided as same-account; give the owner with " + tt.want
			if n.Code != NoteAccountAssumed || n.String() != want {
				t.Errorf("got %s %q, want %s %q", n.Code, n, NoteAccountAssumed, want)
			}
		})
	}
}
