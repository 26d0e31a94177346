package cfn

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// document resolves the policy document at node n: a mapping, or a
// string of JSON (as AWS::Logs::ResourcePolicy takes one, or a
// Fn::Sub of one), which is read with each value placed where its
// characters stand in the template.
func (t *template) document(n *yaml.Node, sc *scope) (*val, bool) {
	v, ok := t.eval(n, sc, 0)
	if !ok {
		return nil, false
	}
	switch v.kind {
	case kMap, kNoValue:
		return v, true
	case kString:
		return t.jsonDocument(v)
	}
	return t.fail(n, sc, "a policy document should be a mapping or a JSON string, not %s", describe(v))
}

// jsonDocument reads a policy document written as a JSON string.
func (t *template) jsonDocument(s *val) (*val, bool) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s.s)))
	dec.UseNumber()
	r := &jsonReader{t: t, s: s, pl: t.placer(s), dec: dec}
	v, err := r.value(0)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = errors.New("data after the JSON document")
		}
	}
	if err != nil {
		off, msg := policy.SyntaxMessage([]byte(s.s), err)
		if r.depthErr {
			off, msg = r.start, err.Error()
		}
		t.errs = append(t.errs, t.errAt(r.pl.at(off), "the policy document's JSON: "+msg))
		return nil, false
	}
	return v, true
}

// jsonReader reads the JSON text of a string value into values placed
// in the template.
type jsonReader struct {
	t        *template
	s        *val
	pl       *placer
	dec      *json.Decoder
	start    int // where the last token read starts in s
	depthErr bool
}

// next returns the next token and where it starts.
func (r *jsonReader) next() (json.Token, int, error) {
	off := int(r.dec.InputOffset())
	for off < len(r.s.s) && bytes.IndexByte([]byte(" \t\r\n,:"), r.s.s[off]) >= 0 {
		off++
	}
	r.start = off
	tok, err := r.dec.Token()
	return tok, off, err
}

func (r *jsonReader) value(depth int) (*val, error) {
	tok, off, err := r.next()
	if err != nil {
		return nil, err
	}
	return r.from(tok, off, depth)
}

func (r *jsonReader) from(tok json.Token, off, depth int) (*val, error) {
	at := r.pl.at(off)
	if depth > maxDepth {
		r.depthErr = true
		return nil, errors.New("nested too deep")
	}
	switch tok := tok.(type) {
	case json.Delim:
		v := &val{kind: kList, at: at}
		if tok == '{' {
			v.kind = kMap
		}
		for r.dec.More() {
			if v.kind == kMap {
				k, koff, err := r.next()
				if err != nil {
					return nil, err
				}
				v.keys = append(v.keys, mapKey{k.(string), r.pl.at(koff + 1)})
			}
			item, err := r.value(depth + 1)
			if err != nil {
				return nil, err
			}
			v.items = append(v.items, item)
		}
		if _, _, err := r.next(); err != nil {
			return nil, err
		}
		return v, nil
	case string:
		return &val{kind: kString, s: tok, at: r.pl.at(off + 1)}, nil
	case json.Number:
		return &val{kind: kNumber, s: tok.String(), at: at}, nil
	case bool:
		if tok {
			return &val{kind: kBool, s: "true", at: at}, nil
		}
		return &val{kind: kBool, s: "false", at: at}, nil
	}
	return &val{kind: kNull, at: at}, nil
}

// write writes a resolved document with the Writer, each value placed
// where it was read: a string whose characters stand in the template as
// they are is placed character by character.
func (t *template) write(w *policydoc.Writer, v *val) {
	switch v.kind {
	case kMap:
		w.BeginObject(v.at)
		for i, k := range v.keys {
			w.Key(k.name, k.at)
			t.write(w, v.items[i])
		}
		w.EndObject()
	case kList:
		w.BeginArray(v.at)
		for _, item := range v.items {
			t.write(w, item)
		}
		w.EndArray()
	case kString:
		if ps := v.piecesOf(); len(ps) == 1 && t.verbatim(v.s, ps[0].at) {
			w.StringExact(v.s, ps[0].at)
		} else {
			w.String(v.s, v.at)
		}
	case kNumber, kBool:
		w.Literal(v.s, v.at)
	default:
		w.Literal("null", v.at)
	}
}
