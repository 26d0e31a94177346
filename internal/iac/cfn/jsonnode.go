package cfn

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// jsonNodes reads a JSON template, which json.Valid accepted, into the
// YAML nodes the rest of the reader walks, with the lines, columns
// (in characters), tags and styles the YAML reader would give them. A
// JSON template (every CDK template) is read several times faster so
// than by the YAML reader, which spends most of its time on YAML's own
// syntax.
func jsonNodes(src []byte) *yaml.Node {
	r := &jsonNodeReader{src: src, line: 1, col: 1}
	return r.value()
}

// jsonNodeReader walks valid JSON, keeping the line and column of the
// byte at pos.
type jsonNodeReader struct {
	src       []byte
	pos       int
	line, col int
}

// skip passes white space, and the commas and colons between values.
func (r *jsonNodeReader) skip() {
	for r.pos < len(r.src) {
		switch r.src[r.pos] {
		case '\n':
			r.line++
			r.col = 1
		case ' ', '\t', '\r', ',', ':':
			r.col++
		default:
			return
		}
		r.pos++
	}
}

// advance moves past the bytes up to end, none of them a line break.
func (r *jsonNodeReader) advance(end int) {
	r.col += utf8.RuneCount(r.src[r.pos:end])
	r.pos = end
}

func (r *jsonNodeReader) value() *yaml.Node {
	r.skip()
	n := &yaml.Node{Line: r.line, Column: r.col}
	switch c := r.src[r.pos]; c {
	case '{', '[':
		n.Kind, n.Tag, n.Style = yaml.MappingNode, "!!map", yaml.FlowStyle
		closer := byte('}')
		if c == '[' {
			n.Kind, n.Tag, closer = yaml.SequenceNode, "!!seq", ']'
		}
		r.advance(r.pos + 1)
		for r.skip(); r.src[r.pos] != closer; r.skip() {
			n.Content = append(n.Content, r.value())
		}
		r.advance(r.pos + 1)
	case '"':
		end := r.pos + 1
		escaped := false
		for r.src[end] != '"' {
			if r.src[end] == '\\' {
				escaped = true
				end++
			}
			end++
		}
		n.Kind, n.Tag, n.Style = yaml.ScalarNode, "!!str", yaml.DoubleQuotedStyle
		n.Value = string(r.src[r.pos+1 : end])
		if escaped {
			_ = json.Unmarshal(r.src[r.pos:end+1], &n.Value) // valid JSON
		}
		r.advance(end + 1)
	default:
		end := r.pos
		for end < len(r.src) && !strings.ContainsRune(" \t\r\n,:]}", rune(r.src[end])) {
			end++
		}
		n.Kind, n.Value = yaml.ScalarNode, string(r.src[r.pos:end])
		switch {
		case c == 't' || c == 'f':
			n.Tag = "!!bool"
		case c == 'n':
			n.Tag = "!!null"
		case strings.ContainsAny(n.Value, ".eE"):
			n.Tag = "!!float"
		default:
			n.Tag = "!!int"
		}
		r.advance(end)
	}
	return n
}
