package catalog

import (
	"encoding/json"
	"fmt"
)

// scanner reads the catalog file's JSON in one pass without reflection.
// A string without escapes is a substring of the input, so decoding the
// file allocates nothing per string; a string with escapes is unquoted by
// encoding/json. The first error stops the scan: every method is then a
// no-op, and err reports the byte offset where reading failed.
type scanner struct {
	s   string
	i   int
	err error

	actions []Action            // readFile's buffer for a service's actions
	buf     []string            // strs' buffer
	shared  map[string][]string // strs' arrays by their JSON text
}

// fail records the first error at the current offset.
func (d *scanner) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("catalog: offset %d: %s", d.i, fmt.Sprintf(format, args...))
	}
}

func (d *scanner) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// peek returns the next byte after white space, or 0 at the end.
func (d *scanner) peek() byte {
	d.ws()
	if d.i < len(d.s) {
		return d.s[d.i]
	}
	return 0
}

func (d *scanner) expect(c byte) bool {
	if d.err != nil {
		return false
	}
	if d.peek() != c {
		d.fail("expected %q", c)
		return false
	}
	d.i++
	return true
}

// object reads an object, calling field with each key; field must read
// the value (or skip it).
func (d *scanner) object(field func(key string)) {
	if !d.expect('{') {
		return
	}
	if d.peek() == '}' {
		d.i++
		return
	}
	for d.err == nil {
		k := d.str()
		if !d.expect(':') {
			return
		}
		field(k)
		if d.err != nil {
			return
		}
		switch d.peek() {
		case ',':
			d.i++
		case '}':
			d.i++
			return
		default:
			d.fail("expected ',' or '}'")
		}
	}
}

// array reads an array, calling elem once per element; elem must read it.
func (d *scanner) array(elem func()) {
	if !d.expect('[') {
		return
	}
	if d.peek() == ']' {
		d.i++
		return
	}
	for d.err == nil {
		elem()
		if d.err != nil {
			return
		}
		switch d.peek() {
		case ',':
			d.i++
		case ']':
			d.i++
			return
		default:
			d.fail("expected ',' or ']'")
		}
	}
}

// null reads a null if one is next, as encoding/json leaves the field
// unchanged for it.
func (d *scanner) null() bool {
	if d.err == nil && d.peek() == 'n' && len(d.s)-d.i >= 4 && d.s[d.i:d.i+4] == "null" {
		d.i += 4
		return true
	}
	return false
}

// str reads a string.
func (d *scanner) str() string {
	if d.null() || !d.expect('"') {
		return ""
	}
	start := d.i
	escaped := false
	for d.i < len(d.s) {
		switch c := d.s[d.i]; {
		case c == '"':
			d.i++
			if !escaped {
				return d.s[start : d.i-1]
			}
			var v string
			if err := json.Unmarshal([]byte(d.s[start-1:d.i]), &v); err != nil {
				d.i = start
				d.fail("%v", err)
			}
			return v
		case c == '\\':
			escaped = true
			d.i += 2
		case c < 0x20:
			d.fail("control character in string")
			return ""
		default:
			d.i++
		}
	}
	d.fail("unterminated string")
	return ""
}

// strs reads an array of strings. As with encoding/json, null gives nil
// and [] an empty slice. Arrays spelled the same share one slice (the
// catalog is read-only): most actions have ["Read"] or ["Write"], and
// most resource types the same few keys.
func (d *scanner) strs() []string {
	if d.null() {
		return nil
	}
	d.ws()
	start := d.i
	d.buf = d.buf[:0]
	d.array(func() { d.buf = append(d.buf, d.str()) })
	if d.err != nil {
		return nil
	}
	raw := d.s[start:d.i]
	if v, ok := d.shared[raw]; ok {
		return v
	}
	v := make([]string, len(d.buf)) // len == cap: an append never writes into a shared array
	copy(v, d.buf)
	if d.shared == nil {
		d.shared = map[string][]string{}
	}
	d.shared[raw] = v
	return v
}

// boolean reads true or false.
func (d *scanner) boolean() bool {
	if d.null() {
		return false
	}
	d.peek()
	switch {
	case len(d.s)-d.i >= 4 && d.s[d.i:d.i+4] == "true":
		d.i += 4
		return true
	case len(d.s)-d.i >= 5 && d.s[d.i:d.i+5] == "false":
		d.i += 5
		return false
	}
	d.fail("expected true or false")
	return false
}

// skip reads any value and discards it: a field the loader does not use.
func (d *scanner) skip() {
	switch d.peek() {
	case '{':
		d.object(func(string) { d.skip() })
	case '[':
		d.array(d.skip)
	case '"':
		d.str()
	default:
		start := d.i
		for d.i < len(d.s) && (d.s[d.i] == '-' || d.s[d.i] == '+' || d.s[d.i] == '.' ||
			d.s[d.i] >= '0' && d.s[d.i] <= '9' || d.s[d.i] >= 'a' && d.s[d.i] <= 'z' || d.s[d.i] == 'E') {
			d.i++
		}
		if !json.Valid([]byte(d.s[start:d.i])) {
			d.i = start
			d.fail("invalid value")
		}
	}
}
