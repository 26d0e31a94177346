package account

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// Limits bound what the account readers read. The zero value reads with
// the defaults.
type Limits struct {
	// Files bounds every file but the exports: organization files and
	// directories, manifests and the policy files they name; its Policy
	// bounds every policy parsed, those of the exports included.
	Files source.Limits
	// MaxExportSize is the most bytes read of one account export; 0
	// means source.DefaultMaxExportSize.
	MaxExportSize int64
}

// export returns the read limits of an export.
func (l Limits) export() source.Limits { return l.Files.Export(l.MaxExportSize) }

// checkJSON checks the text of a JSON file AWS printed: no byte order
// mark, UTF-8 only, valid syntax (encoding/json's check, which reads no
// deeper than 10,000 levels) and no key twice in one object. The problem
// is returned with its position.
func checkJSON(loc *policy.Locator, src []byte) error {
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		return inputError(loc.Pos(0), "the file starts with a UTF-8 byte order mark, which JSON does not allow; save it without one")
	}
	if !utf8.Valid(src) {
		return inputError(loc.Pos(policy.FirstInvalidUTF8(src)), "invalid UTF-8")
	}
	if !json.Valid(src) {
		return syntaxError(loc, src)
	}
	return checkKeys(loc, src)
}

// checkKeys reports the first key that appears twice in one object of
// src, valid JSON. It reads src once. The keys of the open objects are
// kept on one stack of slices of src; an object's keys are compared one
// by one up to smallObject keys, and through a set beyond.
func checkKeys(loc *policy.Locator, src []byte) error {
	const smallObject = 16
	type frame struct {
		object bool
		start  int // its first key in keys
		set    map[string]bool
	}
	var stack []frame
	var keys [][]byte
	expectKey := false
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '{', '[':
			stack = append(stack, frame{object: src[i] == '{', start: len(keys)})
			expectKey = src[i] == '{'
		case '}', ']':
			keys = keys[:stack[len(stack)-1].start]
			stack = stack[:len(stack)-1]
			expectKey = false
		case ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1].object
		case '"':
			start := i
			escaped := false
			for i++; src[i] != '"'; i++ {
				if src[i] == '\\' {
					escaped = true
					i++
				}
			}
			if !expectKey {
				continue
			}
			expectKey = false
			key := src[start+1 : i]
			if escaped {
				var text string
				json.Unmarshal(src[start:i+1], &text) // valid: checked before
				key = []byte(text)
			}
			top := &stack[len(stack)-1]
			dup := false
			if top.set != nil {
				dup = top.set[string(key)]
				top.set[string(key)] = true
			} else {
				for _, k := range keys[top.start:] {
					dup = dup || bytes.Equal(k, key)
				}
				keys = append(keys, key)
				if len(keys)-top.start > smallObject {
					top.set = map[string]bool{}
					for _, k := range keys[top.start:] {
						top.set[string(k)] = true
					}
				}
			}
			if dup {
				return inputError(loc.Pos(start), "duplicate key %q: JSON parsers keep only one of the two", key)
			}
		}
	}
	return nil
}

// syntaxError locates the first JSON syntax error and says it in the
// words policy files get (policy.SyntaxMessage).
func syntaxError(loc *policy.Locator, src []byte) error {
	var v json.RawMessage
	at, msg := policy.SyntaxMessage(src, json.Unmarshal(src, &v))
	return inputError(loc.Pos(at), "%s", msg)
}

// parseYAML reads the one YAML document of an organization file or a
// manifest strictly (source.ParseYAML); empty is the message for a file
// without one.
func parseYAML(name string, src []byte, what, empty string) (*yaml.Node, error) {
	root, err := source.ParseYAML(name, src, what)
	if err == source.ErrEmpty {
		return nil, fmt.Errorf("%s:1:1: %s", name, empty)
	}
	if err != nil {
		return nil, err
	}
	return root.Content[0], nil
}
