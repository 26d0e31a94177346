package policy_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/policy"
)

// A document written from another file (a template) reports its
// positions, and quotes its lines, in that file: an exact span moves
// with the offset, any other span stays at its start.
func TestMappedLocator(t *testing.T) {
	text := []byte("Resources:\n  Role:\n    Effect: Alow\n    Action: s3:GetObject\n")
	doc := []byte(`{"Version":"2012-10-17","Statement":{"Effect":"Alow","Action":"s3:GetObject","Resource":"*"}}`)
	effect := indexOf(t, doc, `"Alow"`)
	action := indexOf(t, doc, `"s3:GetObject"`)
	spans := []policy.Span{
		{Start: 0, At: indexOf(t, text, "Role")},
		{Start: effect, At: indexOf(t, text, "Alow")},
		{Start: effect + 1, At: indexOf(t, text, "Alow"), Exact: true},
		{Start: effect + len(`"Alow"`), At: indexOf(t, text, "Role")},
		{Start: action, At: indexOf(t, text, "s3:GetObject")},
	}
	loc := policy.DefaultLimits.NewMappedLocator("template.yaml", text, doc, spans)
	_, err := loc.ParseEmbedded(0, len(doc), policy.Identity)
	var list policy.ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("want one error, got %v", err)
	}
	got := list[0]
	want := policy.Pos{File: "template.yaml", Line: 3, Col: 13}
	if diff := cmp.Diff(want, got.Pos); diff != "" {
		t.Errorf("error position mismatch (-want +got):\n%s", diff)
	}
	if got.Line != "    Effect: Alow" {
		t.Errorf("quoted line %q, want the template's line 3", got.Line)
	}
	if p := loc.Pos(action + 3); p != (policy.Pos{File: "template.yaml", Line: 4, Col: 13}) {
		t.Errorf("an offset inside a rewritten value is at the value's start, got %v", p)
	}
	if p := loc.Pos(effect + 3); p != (policy.Pos{File: "template.yaml", Line: 3, Col: 15}) {
		t.Errorf("an offset inside an exact span moves with it, got %v", p)
	}
}

func indexOf(t *testing.T, b []byte, s string) int {
	t.Helper()
	for i := 0; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == s {
			return i
		}
	}
	t.Fatalf("%q not in %q", s, b)
	return 0
}
