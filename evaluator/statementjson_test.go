package evaluator

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestStatementForms pins the three JSON forms of a deciding statement
// byte for byte.
func TestStatementForms(t *testing.T) {
	t.Parallel()
	scp := StatementRef{Layer: LayerSCP, Level: 2, Policy: "deny.json", Sid: "NoS3", Index: 1, Effect: policy.Deny,
		Pos: policy.Pos{File: "deny.json", Line: 4, Col: 5}, End: policy.Pos{File: "deny.json", Line: 9, Col: 5}}
	identity := StatementRef{Layer: LayerIdentity, Policy: "arn:aws:iam::aws:policy/ReadOnlyAccess", Effect: policy.Allow,
		Pos: policy.Pos{File: `odd "name" <&>.json`, Line: 3}}
	tests := []struct {
		name                   string
		ref                    StatementRef
		full, compact, located string
	}{
		{name: "an SCP level's Deny with a Sid", ref: scp,
			full:    `{"layer":"scp","level":2,"policy":"deny.json","sid":"NoS3","index":1,"effect":"Deny","line":4,"column":5,"endLine":9,"endColumn":6}`,
			compact: `{"layer":"scp","level":2,"policy":"deny.json","sid":"NoS3","effect":"Deny","at":"deny.json:4:5"}`,
			located: `{"layer":"scp","level":2,"policy":"deny.json","sid":"NoS3","effect":"Deny","file":"deny.json","line":4,"column":5}`},
		{name: "no Sid, no column, a file name to escape", ref: identity,
			full:    `{"layer":"identity","policy":"arn:aws:iam::aws:policy/ReadOnlyAccess","index":0,"effect":"Allow","line":3,"column":0,"endLine":0,"endColumn":0}`,
			compact: `{"layer":"identity","policy":"arn:aws:iam::aws:policy/ReadOnlyAccess","effect":"Allow","at":"odd \"name\" <&>.json:3"}`,
			located: `{"layer":"identity","policy":"arn:aws:iam::aws:policy/ReadOnlyAccess","effect":"Allow","file":"odd \"name\" <&>.json","line":3,"column":0}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			full, err := json.Marshal(tt.ref)
			if err != nil {
				t.Fatal(err)
			}
			// can and who-can print the located form without escaping
			// <, > and &.
			var located bytes.Buffer
			enc := json.NewEncoder(&located)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(tt.ref.Located()); err != nil {
				t.Fatal(err)
			}
			got := []string{string(full), string(tt.ref.AppendCompactJSON(nil)), strings.TrimSuffix(located.String(), "\n")}
			if diff := cmp.Diff([]string{tt.full, tt.compact, tt.located}, got); diff != "" {
				t.Errorf("full, compact, located mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCompactFormAllocates checks that the compact form appends to a
// slice with room without allocating.
func TestCompactFormAllocates(t *testing.T) {
	ref := StatementRef{Layer: LayerSCP, Level: 2, Policy: "deny.json", Sid: "Ünïcode \"quoted\"", Effect: policy.Deny,
		Pos: policy.Pos{File: "deny.json", Line: 4, Col: 5}}
	buf := make([]byte, 0, 256)
	if n := testing.AllocsPerRun(100, func() { buf = ref.AppendCompactJSON(buf[:0]) }); n != 0 {
		t.Errorf("%v allocations, want 0", n)
	}
}
