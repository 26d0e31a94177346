package cfn

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// TestPositions parses every document of the testdata templates with
// its Locator and checks that each Effect, Action, Resource, principal
// and condition value, and each problem the parser reports, points at
// the template's text of that value: its characters where the template
// writes it as it is, else the intrinsic function or SAM policy template
// that made it.
func TestPositions(t *testing.T) {
	for _, in := range inputs {
		for _, s := range readInput(t, in.file) {
			for _, p := range s.Set.Policies {
				checkPolicy(t, &p)
			}
		}
	}
}

func checkPolicy(t *testing.T, p *policydoc.Policy) {
	t.Helper()
	text := strings.Split(string(p.Text), "\n")
	check := func(what string, pos policy.Pos, value string) {
		t.Helper()
		if pos.File != p.File || pos.Line < 1 || pos.Line > len(text) {
			t.Errorf("%s: %s %q at %s, outside %s", p.Name(), what, value, pos, p.File)
			return
		}
		line := []rune(text[pos.Line-1])
		if pos.Col < 1 || pos.Col > len(line) {
			t.Errorf("%s: %s %q at %s, past the end of line %q", p.Name(), what, value, pos, string(line))
			return
		}
		rest := string(line[pos.Col-1:])
		if !pointsAt(rest, value) && !derived(p, rest) {
			t.Errorf("%s: %s %q at %s, which reads %q", p.Name(), what, value, pos, rest)
		}
	}
	doc, err := p.Locator(policy.DefaultLimits).ParseEmbedded(0, len(p.Doc), p.Kind)
	var list policy.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			check("problem "+string(e.Code), e.Pos, "")
		}
	}
	if doc == nil {
		return
	}
	for _, st := range doc.Statements {
		check("Effect", st.EffectPos, map[policy.Effect]string{policy.Allow: "Allow", policy.Deny: "Deny"}[st.Effect])
		for _, l := range []*policy.List{st.Action, st.Resource} {
			if l == nil {
				continue
			}
			for _, v := range l.Items {
				check("value", v.Pos, v.Text)
			}
		}
		if st.Principal != nil {
			for _, e := range st.Principal.Entries {
				check("principal", e.Pos, e.Text)
			}
		}
		for _, c := range st.Conditions {
			check("condition key", c.Key.Pos, c.Key.Text)
			for _, v := range c.Values {
				check("condition value", v.Pos, v.Text)
			}
		}
	}
}

// pointsAt reports whether the template text rest, from a position on,
// is the value there: its characters, perhaps quoted, or what made a
// value the template does not write as it is (a function, a SAM policy
// template, the ${} of a Fn::Sub).
func pointsAt(rest, value string) bool {
	text := strings.TrimLeft(rest, `"'\\`)
	if value != "" && strings.HasPrefix(text, value) {
		return true
	}
	// A Fn::Sub rewrote the value from where its text differs.
	same := 0
	for same < len(text) && same < len(value) && text[same] == value[same] {
		same++
	}
	if strings.HasPrefix(text[same:], "${") {
		return true
	}
	for _, start := range []string{"!", "{", "[", "Fn::", "Ref", `"Fn::`, `"Ref"`} {
		if strings.HasPrefix(rest, start) {
			return true
		}
	}
	name, _, _ := strings.Cut(rest, ":")
	_, isSAM := policyTemplates()[name]
	return isSAM || value == "" && len(strings.TrimSpace(rest)) > 0
}

// Columns count characters, on a line with characters past ASCII too.
func TestPositionsOnAWideLine(t *testing.T) {
	src := "Resources: {P: {Type: AWS::IAM::ManagedPolicy, Properties: {PolicyDocument: {Statement: [{Sid: \"éé\", Effect: Allow, Action: s3:GetObjekt, Resource: \"*\"}]}}}}\n"
	set, err := Read("w.yaml", []byte(src), policydoc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Policies[0]
	doc, err := p.Locator(policy.DefaultLimits).ParseEmbedded(0, len(p.Doc), p.Kind)
	if err != nil {
		t.Fatal(err)
	}
	col := len([]rune(src[:strings.Index(src, "s3:GetObjekt")])) + 1
	want := policy.Pos{File: "w.yaml", Line: 1, Col: col}
	if got := doc.Statements[0].Action.Items[0].Pos; got != want {
		t.Errorf("Action at %v, want %v", got, want)
	}
	checkPolicy(t, &p)
}

// derived reports whether the template text rest is what SAM derived a
// document from that the template does not write: a role's trust policy
// at the function's logical ID, a DeadLetterQueuePolicy at its property.
func derived(p *policydoc.Policy, rest string) bool {
	if p.Type != "AWS::Serverless::Function" && p.Type != "AWS::Serverless::StateMachine" {
		return false
	}
	return strings.HasPrefix(rest, p.Resource+":") || strings.HasPrefix(rest, p.Path+":")
}
