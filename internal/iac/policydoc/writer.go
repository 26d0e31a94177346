package policydoc

import (
	"bytes"
	"encoding/json"

	"github.com/iamsim/iamsim/policy"
)

// A Writer writes a policy document as JSON while recording, for every
// value and key, the offset in the user's file it was read from, so that
// a parse of the document reports positions there. Commas are written
// for the caller.
type Writer struct {
	buf   []byte
	spans []policy.Span
	// first is, per open object or array, whether nothing is in it yet.
	first []bool
	// afterKey is set between a key and its value.
	afterKey bool
}

// Bytes returns the document and its spans.
func (w *Writer) Bytes() ([]byte, []policy.Span) { return w.buf, w.spans }

// mark starts a value (or key) read from the file at offset at.
func (w *Writer) mark(at int) {
	if w.afterKey {
		w.afterKey = false
	} else if n := len(w.first); n > 0 {
		if !w.first[n-1] {
			w.buf = append(w.buf, ',')
		}
		w.first[n-1] = false
	}
	w.point(at)
}

// point places the bytes written from here on at offset at.
func (w *Writer) point(at int) {
	if n := len(w.spans); n > 0 && w.spans[n-1].Start == len(w.buf) {
		w.spans[n-1] = policy.Span{Start: len(w.buf), At: at}
		return
	}
	w.spans = append(w.spans, policy.Span{Start: len(w.buf), At: at})
}

// BeginObject opens an object read from offset at.
func (w *Writer) BeginObject(at int) {
	w.mark(at)
	w.buf = append(w.buf, '{')
	w.first = append(w.first, true)
}

// EndObject closes the innermost object.
func (w *Writer) EndObject() { w.end('}') }

// BeginArray opens an array read from offset at.
func (w *Writer) BeginArray(at int) {
	w.mark(at)
	w.buf = append(w.buf, '[')
	w.first = append(w.first, true)
}

// EndArray closes the innermost array.
func (w *Writer) EndArray() { w.end(']') }

func (w *Writer) end(c byte) {
	w.first = w.first[:len(w.first)-1]
	w.buf = append(w.buf, c)
}

// Key writes an object key read from offset at.
func (w *Writer) Key(k string, at int) {
	w.mark(at)
	w.buf = appendJSONString(w.buf, k)
	w.buf = append(w.buf, ':')
	w.afterKey = true
}

// String writes a string value read from offset at; every offset inside
// it is at at.
func (w *Writer) String(s string, at int) {
	w.mark(at)
	w.buf = appendJSONString(w.buf, s)
}

// StringExact writes a string value whose characters stand one for one
// in the file from offset at (a YAML plain scalar, a JSON string without
// escapes): an offset inside it points at its character. Where JSON
// would escape a character, the string is written as String writes it.
func (w *Writer) StringExact(s string, at int) {
	quoted := appendJSONString(nil, s)
	if len(quoted) != len(s)+2 {
		w.String(s, at)
		return
	}
	w.mark(at)
	w.buf = append(w.buf, '"')
	w.spans = append(w.spans, policy.Span{Start: len(w.buf), At: at, Exact: true})
	w.buf = append(w.buf, s...)
	w.point(at + len(s))
	w.buf = append(w.buf, '"')
}

// Raw writes a JSON value as it stands in the file at offset at (a
// policy written as JSON inside a template): when exact, its bytes are
// the file's from at, so every offset inside keeps its position.
func (w *Writer) Raw(js []byte, at int, exact bool) {
	w.mark(at)
	if exact {
		w.spans[len(w.spans)-1].Exact = true
	}
	w.buf = append(w.buf, js...)
}

// Literal writes a number, true, false or null, given as its JSON text,
// read from offset at.
func (w *Writer) Literal(text string, at int) {
	w.mark(at)
	w.buf = append(w.buf, text...)
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it but leaving <, > and & alone: a policy is no HTML.
func appendJSONString(b []byte, s string) []byte {
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return append(b, bytes.TrimSuffix(out.Bytes(), []byte("\n"))...)
}
