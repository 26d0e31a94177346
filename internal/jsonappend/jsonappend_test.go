package jsonappend

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestString pins the escaping of String, byte for byte.
func TestString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{name: "empty", in: "", want: `""`},
		{name: "plain", in: "plain", want: `"plain"`},
		{name: "quote and backslash", in: `a " b \ c`, want: `"a \" b \\ c"`},
		{name: "named control characters", in: "tab\tnew\nline\rcr", want: `"tab\tnew\nline\rcr"`},
		{name: "other control characters", in: "\x00\b\f\x1f", want: `"\u0000\u0008\u000c\u001f"`},
		{name: "HTML characters as they are", in: "<a & b>", want: `"<a & b>"`},
		{name: "line and paragraph separators as they are", in: "\u2028\u2029", want: "\"\u2028\u2029\""},
		{name: "multibyte UTF-8", in: "é€😀日本", want: `"é€😀日本"`},
		{name: "invalid UTF-8", in: "bad \xff utf-8 \xc3", want: `"bad \ufffd utf-8 \ufffd"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, string(String(nil, tt.in))); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStringDecodes checks that String writes what encoding/json reads
// back as encoding/json's own encoding does, over random strings.
func TestStringDecodes(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "Z", "0", " ", `"`, `\`, "/", "\t", "\n", "\x00", "\x1f", "\x7f", "<", "&", "é", "😀", "\u2028", "\xff", "\xc3"}
	for range 2000 {
		var b bytes.Buffer
		for range rng.Intn(12) {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		s := b.String()
		want, _ := json.Marshal(s)
		var back, got string
		if err := json.Unmarshal(String(nil, s), &got); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		_ = json.Unmarshal(want, &back)
		if got != back {
			t.Errorf("%q: decodes to %q, want %q", s, got, back)
		}
	}
}

// TestFields checks the separators Key puts between an object's fields.
func TestFields(t *testing.T) {
	t.Parallel()
	b := []byte("{")
	b = Field(b, "name", "x")
	b = IntField(b, "n", -3)
	b = Key(b, "list")
	b = append(b, '[')
	b = String(b, "first")
	b = append(b, ']')
	b = append(b, '}')
	if diff := cmp.Diff(`{"name":"x","n":-3,"list":["first"]}`, string(b)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
