package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// TestColor checks that colour codes appear only when asked for, and that
// a buffer is no terminal.
func TestColor(t *testing.T) {
	t.Parallel()
	doc, err := policy.Parse("p.json", []byte(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`), policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Document{doc}}, evaluator.Organization{})
	if err != nil {
		t.Fatal(err)
	}
	req := &evaluator.Request{Principal: "arn:aws:iam::111122223333:user/a", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}
	prep, err := evaluator.Prepare(req)
	if err != nil {
		t.Fatal(err)
	}
	res := &evaluator.Result{}
	set.EvaluatePrepared(prep, evaluator.Options{Trace: true}, res)
	for _, color := range []bool{false, true} {
		var b bytes.Buffer
		explain(&b, prep, res, explainOptions{Color: color})
		if got := strings.Contains(b.String(), "\x1b["); got != color {
			t.Errorf("color %v: escape codes present = %v", color, got)
		}
	}
	if isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer counts as a terminal")
	}
}
