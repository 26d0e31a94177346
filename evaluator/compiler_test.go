package evaluator

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestCompiler checks that a Compiler decides as Compile does, compiles a
// document's statements once, and names each shallow copy of a document
// by its own name.
func TestCompiler(t *testing.T) {
	t.Parallel()
	shared := mustParse(t, "shared.json", `{"Version": "2012-10-17", "Statement": [
		{"Sid": "Home", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"},
		{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}`, policy.Identity)
	copyOf := func(name string) *policy.Document {
		d := *shared
		d.Name = name
		return &d
	}
	c := NewCompiler()
	var sets []*PolicySet
	for _, name := range []string{"user alice, managed policy Shared", "user bob, managed policy Shared"} {
		set, err := c.Compile(Policies{Identity: []*policy.Document{copyOf(name)}}, Organization{})
		if err != nil {
			t.Fatal(err)
		}
		sets = append(sets, set)
	}
	if sets[0].identity[0].Statements[0] != sets[1].identity[0].Statements[0] {
		t.Error("the copies' statements were compiled twice")
	}
	plain, err := Compile(Policies{Identity: []*policy.Document{copyOf("user bob, managed policy Shared")}}, Organization{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, resource, secure string }{
		{"own home", "arn:aws:s3:::b/bob/k", "true"},
		{"other home", "arn:aws:s3:::b/alice/k", "true"},
		{"no TLS", "arn:aws:s3:::b/bob/k", "false"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := &Request{Principal: "arn:aws:iam::111122223333:user/bob", Action: "s3:GetObject", Resource: tt.resource, Context: Context{}}
			req.Context.Set("aws:SecureTransport", tt.secure)
			want, err := plain.Evaluate(req, Options{Trace: true})
			if err != nil {
				t.Fatal(err)
			}
			got, err := sets[1].Evaluate(req, Options{Trace: true})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(Result{})); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	res, err := sets[0].Evaluate(&Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/alice/k"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Deciding) != 1 || res.Deciding[0].Policy != "user alice, managed policy Shared" {
		t.Errorf("deciding = %+v, want alice's copy of the policy", res.Deciding)
	}
}
