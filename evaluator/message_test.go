package evaluator

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/msg"
)

// TestMessageRender checks that a message renders its nested messages
// first, in the same catalog, and that a message without an ID joins its
// arguments.
func TestMessageRender(t *testing.T) {
	t.Parallel()
	m := Message{Args: []any{message(msg.MatchFound, "s3:GetObject", "s3:*"), message(msg.MatchVariables, Message{Args: []any{
		message(msg.MatchVariableValue, "${aws:username}", "alice"), message(msg.MatchVariableSep), message(msg.MatchVariableNone, "${aws:userid}"),
	}})}}
	const english = "s3:GetObject matches s3:* (${aws:username} → alice; ${aws:userid} → no value: matches nothing)"
	if diff := cmp.Diff(english, m.String()); diff != "" {
		t.Errorf("English mismatch (-want +got):\n%s", diff)
	}
	marker := func(id string, args ...any) string {
		s := "<" + id
		for _, a := range args {
			s += " " + fmt.Sprint(a)
		}
		return s + ">"
	}
	const marked = "<match-found s3:GetObject s3:*><match-variables <match-variable-value ${aws:username} alice><match-variable-sep><match-variable-none ${aws:userid}>>"
	if diff := cmp.Diff(marked, m.Render(marker)); diff != "" {
		t.Errorf("marked mismatch (-want +got):\n%s", diff)
	}
}

// TestMessageJSON checks that a message marshals as its English words,
// and that a field holding none is left out.
func TestMessageJSON(t *testing.T) {
	t.Parallel()
	got, err := json.Marshal([]LayerResult{{Layer: LayerSession, Why: message(msg.WhyNoSession)}, {Layer: LayerIdentity, Verdict: Allows}})
	if err != nil {
		t.Fatal(err)
	}
	const want = `[{"layer":"session","verdict":"notApplicable","why":"no session policy"},{"layer":"identity","verdict":"allows"}]`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if !(Message{}).IsZero() || (Message{}).String() != "" {
		t.Errorf("the zero Message is not empty")
	}
}
