package evaluator

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

func mustParse(t *testing.T, name, src string, kind policy.Kind) *policy.Document {
	t.Helper()
	d, err := policy.Parse(name, []byte(src), kind)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestMissingKeys checks that keys the policies reference but the request
// lacks are listed, relevant only where the statement's action, resource
// and principal matched (like AWS's MissingContextValues).
func TestMissingKeys(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, "p.json", `{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
		{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*", "Condition": {"StringEquals": {"ec2:InstanceType": "t3.micro"}}}]}`, policy.Identity)
	set, err := Compile(Policies{Identity: []*policy.Document{doc}}, Organization{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := set.Evaluate(&Request{Principal: "arn:aws:iam::111122223333:user/a", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []MissingKey{{Key: "aws:SecureTransport", Relevant: true}, {Key: "ec2:InstanceType"}}
	if diff := cmp.Diff(want, res.Missing); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if res.Decision != ImplicitDeny || !hasNote(res, NoteSecureTransport) {
		t.Errorf("got %s with notes %q, want implicitDeny with the aws:SecureTransport note", res.Decision, res.Notes)
	}
}

func hasNote(res *Result, code NoteCode) bool {
	for _, x := range res.Notes {
		if x.Code == code {
			return true
		}
	}
	return false
}

// TestNotes checks the notes for keys AWS always sends or never invents
// (reference_policies_condition-keys.md; docs/evaluation-logic.md#the-request).
func TestNotes(t *testing.T) {
	t.Parallel()
	dated := mustParse(t, "p.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}}]}`, policy.Identity)
	endpoint := mustParse(t, "vpce.json", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}`, policy.Endpoint)
	set, err := Compile(Policies{Identity: []*policy.Document{dated}, Endpoint: endpoint}, Organization{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := set.Evaluate(&Request{Principal: "arn:aws:iam::111122223333:user/a", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []NoteCode{NoteTimeAbsent, NoteNoSourceVpce} {
		if !hasNote(res, n) {
			t.Errorf("notes %q lack %q", res.Notes, n)
		}
	}
}

// TestResultJSON pins the JSON shape of a result (documented in
// docs/evaluation-logic.md).
func TestResultJSON(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, "p.json", `{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`, policy.Identity)
	set, err := Compile(Policies{Identity: []*policy.Document{doc}}, Organization{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := set.Evaluate(&Request{Principal: "arn:aws:iam::111122223333:user/a", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"decision":"allowed","deciding":[{"layer":"identity","policy":"p.json","sid":"Read","index":0,"effect":"Allow","line":1,"column":41,"endLine":1,"endColumn":118}],` +
		`"layers":[{"layer":"rcp","verdict":"notApplicable","why":"no resource control policies supplied"},` +
		`{"layer":"scp","verdict":"notApplicable","why":"no service control policies supplied"},` +
		`{"layer":"endpoint","verdict":"notApplicable","why":"no VPC endpoint used"},` +
		`{"layer":"resource","verdict":"notApplicable","why":"no resource-based policy supplied"},` +
		`{"layer":"identity","verdict":"allows","statements":[{"layer":"identity","policy":"p.json","sid":"Read","index":0,"effect":"Allow","line":1,"column":41,"endLine":1,"endColumn":118}]},` +
		`{"layer":"boundary","verdict":"notApplicable","why":"no permissions boundary"},` +
		`{"layer":"session","verdict":"notApplicable","why":"no session policy"}],` +
		`"summary":"allowed: identity policy p.json:1:41 allows and no guardrail blocks"}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", strings.ReplaceAll(diff, "},{", "},\n{"))
	}
}
