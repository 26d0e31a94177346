package evaluator_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// TestNoteJSON checks that a note marshals as its words: an evaluator's
// from the catalog, a front end's from the catalog with its arguments,
// a Message among them rendered first.
func TestNoteJSON(t *testing.T) {
	t.Parallel()
	override := evaluator.Note{Code: evaluator.NoteCode(msg.NoteContextOverride),
		Args: []any{"aws:PrincipalOrgID", "o-other", "o-a1b2c3d4e5", evaluator.Message{ID: string(msg.ContextFromOrg)}}}
	got, err := json.Marshal([]evaluator.Note{{Code: evaluator.NoteCrossAccount}, override})
	if err != nil {
		t.Fatal(err)
	}
	want := `["cross-account request: the caller's account and the resource's account must both allow (docs/evaluation-logic.md#cross-account-requests)",` +
		`"the request's context aws:PrincipalOrgID=o-other overrides the value o-a1b2c3d4e5 derived from the organization"]`
	if string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestNoteEqual checks that notes are equal when their codes and
// arguments are, Messages among them compared by value.
func TestNoteEqual(t *testing.T) {
	t.Parallel()
	org := func(id msg.ID) evaluator.Note {
		return evaluator.Note{Code: evaluator.NoteCode(msg.NoteContextOverride), Args: []any{"k", "a", "b", evaluator.Message{ID: string(id)}}}
	}
	if !org(msg.ContextFromOrg).Equal(org(msg.ContextFromOrg)) {
		t.Error("equal notes are not Equal")
	}
	if org(msg.ContextFromOrg).Equal(org(msg.ContextFromTags)) {
		t.Error("notes with different arguments are Equal")
	}
	if (evaluator.Note{Code: evaluator.NoteCrossAccount}).Equal(evaluator.Note{Code: evaluator.NoteAWSOwned}) {
		t.Error("notes with different codes are Equal")
	}
}

// TestNotesDoNotAllocate checks that a reused Result gathers notes (here
// the cross-account and aws:SecureTransport notes) without allocating.
// It does not call t.Parallel: testing.AllocsPerRun counts the
// allocations of the whole process.
func TestNotesDoNotAllocate(t *testing.T) {
	doc, err := policy.Parse("p.json", []byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}}`), policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Document{doc}}, evaluator.Organization{})
	if err != nil {
		t.Fatal(err)
	}
	prep, err := evaluator.Prepare(&evaluator.Request{Principal: "arn:aws:iam::111122223333:user/a", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "444455556666"})
	if err != nil {
		t.Fatal(err)
	}
	var res evaluator.Result
	set.EvaluatePrepared(prep, evaluator.Options{}, &res)
	want := []evaluator.Note{{Code: evaluator.NoteSecureTransport}, {Code: evaluator.NoteCrossAccount}}
	if diff := cmp.Diff(want, res.Notes); diff != "" {
		t.Errorf("notes mismatch (-want +got):\n%s", diff)
	}
	if got := testing.AllocsPerRun(100, func() { set.EvaluatePrepared(prep, evaluator.Options{}, &res) }); got != 0 {
		t.Errorf("%v allocations per evaluation, want 0", got)
	}
}
