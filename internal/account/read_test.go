package account

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

func TestCheckJSON(t *testing.T) {
	tests := []struct {
		name, src, want string // want "" for no problem
	}{
		{name: "same key in two objects", src: `{"a": {"k": 1}, "b": {"k": 2}, "c": [{"k": 1}, {"k": 2}]}`},
		{name: "string values that look like keys", src: `{"a": "a", "b": ["a", "a"]}`},
		{name: "duplicate", src: "{\"a\": 1,\n \"a\": 2}", want: `f.json:2:2: duplicate key "a": JSON parsers keep only one of the two`},
		{name: "duplicate after a nested object", src: `{"a": {"a": 1}, "b": 2, "a": 3}`, want: `f.json:1:25: duplicate key "a": JSON parsers keep only one of the two`},
		{name: "escaped duplicate", src: `{"a\"b": 1, "a\u0022b": 2}`, want: `f.json:1:13: duplicate key "a\"b": JSON parsers keep only one of the two`},
		{name: "byte order mark", src: "\xef\xbb\xbf{}", want: "f.json:1:1: the file starts with a UTF-8 byte order mark, which JSON does not allow; save it without one"},
		{name: "invalid UTF-8", src: "{\"a\": \"\xff\"}", want: "f.json:1:8: invalid UTF-8"},
		{name: "syntax", src: `{"a": }`, want: "f.json:1:7: expected a value (a string in double quotes, a number, true, false, null, an object or an array), found '}'"},
		{name: "trailing comma", src: "{\"a\": [1, 2,\n]}", want: "f.json:1:12: trailing comma before ]: JSON allows no comma after the last entry"},
		{name: "not closed", src: `{"a": 1`, want: "f.json:1:8: unexpected end of input: the document is not closed"}, {name: "empty", src: " \n", want: "f.json:1:1: unexpected end of input: the document is not closed"},
	}
	var many strings.Builder
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&many, `"k%d": %d, `, i, i)
	}
	tests = append(tests,
		struct{ name, src, want string }{name: "many keys", src: "{" + many.String() + `"k": {}}`},
		struct{ name, src, want string }{name: "duplicate among many keys", src: "{" + many.String() + `"k3": 0}`,
			want: `f.json:1:202: duplicate key "k3": JSON parsers keep only one of the two`})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if err := checkJSON(policy.NewLocator("f.json", []byte(tt.src)), []byte(tt.src)); err != nil {
				got = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzCheckKeys compares the duplicate-key check with one built on
// encoding/json's token stream: for valid JSON both find a duplicate, or
// neither does.
func FuzzCheckKeys(f *testing.F) {
	for _, s := range []string{`{"a": 1, "a": 2}`, `{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}`, `{"a\"": 1, "a\u0022": 2}`, `["a", "a", {"b": "b"}]`, `{"k": ",", "k2": "{", "k3": "\\"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		// checkJSON refuses text that is not UTF-8 before checkKeys reads
		// it; encoding/json, the reference, reads each bad byte as U+FFFD,
		// so that "\x80" and "\x83" would be one key to it.
		if !json.Valid([]byte(src)) || !utf8.ValidString(src) {
			return
		}
		got := checkKeys(policy.NewLocator("f.json", []byte(src)), []byte(src)) != nil
		if want := hasDuplicateKey(src); got != want {
			t.Errorf("checkKeys found a duplicate: %v, the reference: %v, in %q", got, want, src)
		}
	})
}

// hasDuplicateKey reports whether an object of valid JSON src has a key
// twice, reading src with encoding/json's tokens.
func hasDuplicateKey(src string) bool {
	dec := json.NewDecoder(strings.NewReader(src))
	type frame struct {
		object bool
		keys   map[string]bool
		key    bool // the next token of an object is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.key {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				continue
			}
			k := tok.(string)
			if top.keys[k] {
				return true
			}
			top.keys[k] = true
			top.key = false
			continue
		}
		if top != nil && top.object {
			top.key = true // this token is the value
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, keys: map[string]bool{}, key: true})
		case json.Delim('['):
			stack = append(stack, &frame{})
		case json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
	}
}
