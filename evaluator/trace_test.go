package evaluator

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/policy"
)

// TestTraceRendersRecorded checks that a trace renders each condition as
// Explain does when asked later, for every step, also when the trace's
// storage grew while it was recorded and when a Result is reused.
func TestTraceRendersRecorded(t *testing.T) {
	t.Parallel()
	var sts []string
	for i := 0; i < 60; i++ {
		sts = append(sts, plainShape.filler(i, ""), variablesShape.filler(i, ""))
	}
	sts = append(sts, variablesShape.identity)
	doc := mustParse(t, "identity.json", `{"Version": "2012-10-17", "Statement": [`+strings.Join(sts, ",")+`]}`, policy.Identity)
	set, err := Compile(Policies{Identity: []*policy.Document{doc}}, Organization{})
	if err != nil {
		t.Fatal(err)
	}
	req := &Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/alice/notes.txt", Context: Context{}}
	for k, v := range map[string]string{"aws:SecureTransport": "true", "aws:SourceIp": "203.0.113.7", "aws:PrincipalTag/team": "blue", "aws:CurrentTime": "2026-03-01T12:00:00Z", "s3:ExistingObjectTag/owner": "alice"} {
		req.Context.Set(k, v)
	}
	p, err := Prepare(req)
	if err != nil {
		t.Fatal(err)
	}
	var reused Result
	set.EvaluatePrepared(p, Options{Trace: true}, &reused) // fills the storage
	for _, res := range []*Result{{}, &reused} {
		set.EvaluatePrepared(p, Options{Trace: true}, res)
		if res.Decision != Allowed || len(res.Trace) != len(sts) {
			t.Fatalf("got %s with %d steps, want allowed with %d", res.Decision, len(res.Trace), len(sts))
		}
		for _, st := range res.Trace {
			// The matcher's trace, its rule worded by the catalog.
			var want, got []*matcher.ConditionTrace
			var wantReasons, gotReasons []string
			for _, c := range st.statement.Conditions {
				tr := c.Explain(p.ctx, st.Effect)
				if id := conditionRules[tr.Rule]; id != "" {
					wantReasons = append(wantReasons, message(id).String())
				} else {
					wantReasons = append(wantReasons, "")
				}
				tr.Rule = matcher.RuleValue
				want = append(want, tr)
			}
			for _, c := range st.Conditions() {
				got = append(got, &matcher.ConditionTrace{Operator: c.Operator, Key: c.Key, Pos: c.Pos, Present: c.Present, RequestValues: c.RequestValues,
					PolicyValues: c.PolicyValues, Unresolved: c.Unresolved, Malformed: c.Malformed, Result: c.Result})
				gotReasons = append(gotReasons, c.Reason.String())
			}
			if diff := cmp.Diff(wantReasons, gotReasons); diff != "" {
				t.Errorf("statement %d: condition reasons mismatch (-want +got):\n%s", st.Index, diff)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("statement %d: conditions mismatch (-want +got):\n%s", st.Index, diff)
			}
			if !st.Equal(st) {
				t.Errorf("statement %d: a step is not Equal to itself", st.Index)
			}
		}
		if want, got := fmt.Sprint(res.Trace[len(sts)-1].Action()), "{true s3:GetObject matches s3:GetObject}"; got != want {
			t.Errorf("last step: Action() = %s, want %s", got, want)
		}
	}
}

// TestStepJSON checks that a step's JSON holds its reference, whether it
// matched, and the rendered details (a StatementRef's own MarshalJSON
// once took over and dropped them).
func TestStepJSON(t *testing.T) {
	t.Parallel()
	doc := mustParse(t, "p.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}`, policy.Identity)
	set, err := Compile(Policies{Identity: []*policy.Document{doc}}, Organization{})
	if err != nil {
		t.Fatal(err)
	}
	req := &Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Context: Context{}}
	req.Context.Set("aws:SecureTransport", "true")
	res, err := set.Evaluate(req, Options{Trace: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(res.Trace[0])
	if err != nil {
		t.Fatal(err)
	}
	want := `{"layer":"identity","policy":"p.json","index":0,"effect":"Allow","line":1,"column":41,"endLine":1,"endColumn":159,"matched":true,` +
		`"action":{"matched":true,"detail":"s3:GetObject matches s3:GetObject"},"resource":{"matched":true,"detail":"arn:aws:s3:::b/k matches *"},` +
		`"conditions":[{"operator":"Bool","key":"aws:SecureTransport","present":true,"requestValues":["true"],"policyValues":["true"],"result":true}]}`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestResourceVariablesShown checks that a Resource entry with policy
// variables reads the same on a match and a miss: as written, with the
// values its variables take (iam-user-guide reference_policies_variables.md:
// a variable is replaced by the key's value, or its default when the key
// is absent, and only in Version 2012-10-17 policies).
func TestResourceVariablesShown(t *testing.T) {
	t.Parallel()
	const entry = `arn:aws:s3:::b/${aws:username}/${aws:PrincipalTag/team, 'none'}/*`
	tests := []struct {
		name, version, resource string
		matched                 bool
		want                    string
	}{
		{"match", "2012-10-17", "arn:aws:s3:::b/alice/none/x", true,
			"arn:aws:s3:::b/alice/none/x matches " + entry + " (${aws:username} → alice; ${aws:PrincipalTag/team, 'none'} → none (the key is absent))"},
		{"miss", "2012-10-17", "arn:aws:s3:::b/bob/none/x", false,
			"arn:aws:s3:::b/bob/none/x matches none of [" + entry + "] (${aws:username} → alice; ${aws:PrincipalTag/team, 'none'} → none (the key is absent))"},
		{"no substitution in Version 2008-10-17", "2008-10-17", "arn:aws:s3:::b/alice/none/x", false,
			"arn:aws:s3:::b/alice/none/x matches none of [" + entry + "]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, "p.json", `{"Version": "`+tt.version+`", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "`+entry+`"}}`, policy.Identity)
			set, err := Compile(Policies{Identity: []*policy.Document{doc}}, Organization{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := set.Evaluate(&Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: tt.resource}, Options{Trace: true})
			if err != nil {
				t.Fatal(err)
			}
			got := res.Trace[0].Resource()
			if diff := cmp.Diff(tt.want, got.Detail.String()); diff != "" || got.Matched != tt.matched {
				t.Errorf("matched %t, want %t; detail mismatch (-want +got):\n%s", got.Matched, tt.matched, diff)
			}
		})
	}
}
