package explain

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// decide evaluates a request for user a of account 111122223333 on
// s3:GetObject against one identity policy, with a trace.
func decide(t *testing.T, identity string, ctx evaluator.Context) (*evaluator.Prepared, *evaluator.Result) {
	t.Helper()
	doc, err := policy.Parse("p.json", []byte(identity), policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Document{doc}}, evaluator.Organization{})
	if err != nil {
		t.Fatal(err)
	}
	prep, err := evaluator.Prepare(&evaluator.Request{Principal: "arn:aws:iam::111122223333:user/a", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Context: ctx})
	if err != nil {
		t.Fatal(err)
	}
	res := &evaluator.Result{}
	set.EvaluatePrepared(prep, evaluator.Options{Trace: true}, res)
	return prep, res
}

// TestColor checks that colour codes appear only when asked for.
func TestColor(t *testing.T) {
	t.Parallel()
	prep, res := decide(t, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`, nil)
	for _, color := range []bool{false, true} {
		var b bytes.Buffer
		Write(&b, prep, res, Options{Color: color})
		if got := strings.Contains(b.String(), "\x1b["); got != color {
			t.Errorf("color %v: escape codes present = %v", color, got)
		}
	}
}

// TestWrite pins the explanation of an explicit deny by a statement
// with a Sid and a condition, with the expected decision, a note and a
// missing key.
func TestWrite(t *testing.T) {
	t.Parallel()
	prep, res := decide(t, `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
  {"Sid": "NoPlainHTTP", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}`,
		evaluator.Context{"aws:SecureTransport": {Values: []string{"false"}}})
	res.Notes = append(res.Notes, evaluator.Note{Code: evaluator.NoteCode(msg.NoteWarning), Args: []any{"a front end's note"}})
	want := evaluator.Allowed
	var b bytes.Buffer
	Write(&b, prep, res, Options{Name: "plain HTTP", Expect: &want})
	const text = `plain HTTP
Request: arn:aws:iam::111122223333:user/a calls s3:GetObject on arn:aws:s3:::b/k
         IAM user; resource account 111122223333 (assumed: the principal's, as nothing gives it)

Evaluation, in AWS's order:
  1. Explicit deny check ......... 1 Deny statement matches
       ✓ Deny p.json:3:3 Sid "NoPlainHTTP"
           action    yes: s3:GetObject matches s3:GetObject
           resource  yes: arn:aws:s3:::b/k matches *
           condition yes: Bool aws:SecureTransport: request "false", policy "false"
  2. Resource control policies ... not applicable: no resource control policies supplied
  3. Service control policies .... not applicable: no service control policies supplied
  4. VPC endpoint policy ......... not applicable: no VPC endpoint used
  5. Resource-based policy ....... not applicable: no resource-based policy supplied
  6. Identity-based policies ..... denies
       ✓ Deny p.json:3:3 Sid "NoPlainHTTP" (see step 1)
       ✓ Allow p.json:2:3
           action    yes: s3:GetObject matches s3:*
           resource  yes: arn:aws:s3:::b/k matches *
  7. Permissions boundary ........ not applicable: no permissions boundary
  8. Session policy .............. not applicable: no session policy

Decision: explicitDeny
  explicitDeny: identity policy p.json:3:3 denies, and an explicit deny always wins
  expected allowed: MISMATCH
Note: warning: a front end's note
`
	if diff := cmp.Diff(text, b.String()); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
