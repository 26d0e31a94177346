package policy

import (
	"encoding/json"
	"errors"
	"testing"
)

// TestSyntaxMessage checks the words and offsets every JSON reader of
// iamsim gives a syntax error, from json.Unmarshal's errors as the account
// and batch readers get them.
func TestSyntaxMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		offset    int
		msg       string
	}{
		{"trailing comma, at the comma", `{"a": [1, 2,]}`, 11, "trailing comma before ]: JSON allows no comma after the last entry"},
		{"missing comma", `{"a": 1 "b": 2}`, 8, `expected , or } after a value, found '"': is a comma missing?`},
		{"comment", "{\"a\": 1 // note\n}", 8, "JSON has no comments: remove the text from / to the end of the comment"},
		{"single quotes", `{'a': 1}`, 1, "JSON writes keys and strings in double quotes, not single quotes"},
		{"unclosed, at the end of the text", "{\"a\": [1\n\n", 8, "unexpected end of input: the document is not closed"},
		{"empty", "", 0, "unexpected end of input: the document is not closed"},
		{"data after the document", `{} {}`, 3, "data after the end of the document, starting with '{'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var v any
			err := json.Unmarshal([]byte(tt.src), &v)
			offset, msg := SyntaxMessage([]byte(tt.src), err)
			if offset != tt.offset || msg != tt.msg {
				t.Errorf("SyntaxMessage(%q) = %d, %q; want %d, %q", tt.src, offset, msg, tt.offset, tt.msg)
			}
		})
	}
	if _, msg := SyntaxMessage([]byte("x"), errors.New("read failed")); msg != "read failed" {
		t.Errorf("another error: %q, want its own text", msg)
	}
}
