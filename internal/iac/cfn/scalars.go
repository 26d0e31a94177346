package cfn

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// A string value keeps where its characters stand in the template, so
// that a policy written as JSON text inside a template is placed
// character by character: the pieces of a block scalar are its lines,
// those of a quoted string the runs between its escapes.

// blockPieces places each line of a literal block scalar, or returns
// nil when the lines do not stand as they are in the template.
func (t *template) blockPieces(n *yaml.Node) []piece {
	if n.Style&yaml.LiteralStyle == 0 {
		return nil
	}
	lines := strings.Split(strings.TrimRight(n.Value, "\n"), "\n")
	ln := n.Line // the 0-based index of the line after the header
	indent := -1
	var pieces []piece
	off := 0
	for _, text := range lines {
		if ln >= len(t.lines) {
			return nil
		}
		start := t.lines[ln]
		if indent < 0 && text != "" {
			indent = 0
			for start+indent < len(t.src) && t.src[start+indent] == ' ' {
				indent++
			}
		}
		if text != "" {
			if !t.verbatim(text, start+indent) {
				return nil
			}
			pieces = append(pieces, piece{off, start + indent})
		}
		off += len(text) + 1
		ln++
	}
	if len(pieces) == 0 {
		return nil
	}
	return pieces
}

// escapedPieces places the characters of a double-quoted string, written
// on one line from offset at, whose escapes (\" \\ \n \uXXXX...) make
// its value differ from its text: each run between escapes stands as it
// is, and each escaped character at its backslash. It returns nil for a
// string it cannot follow, which is then placed at its start.
func (t *template) escapedPieces(value string, at int) []piece {
	var pieces []piece
	var b strings.Builder
	inRun := false
	for i := at; i < len(t.src) && t.src[i] != '"'; {
		c := t.src[i]
		switch {
		case c == '\n' || c == '\r':
			return nil // a folded line: YAML's rules, not followed here
		case c != '\\':
			if !inRun {
				pieces = append(pieces, piece{b.Len(), i})
				inRun = true
			}
			b.WriteByte(c)
			i++
		default:
			r, size := unescape(t.src[i:])
			if size == 0 {
				return nil
			}
			pieces = append(pieces, piece{b.Len(), i})
			inRun = false
			b.WriteRune(r)
			i += size
		}
	}
	if b.String() != value {
		return nil
	}
	return pieces
}

// unescape reads the escape at the start of s (JSON's, which YAML's
// double-quoted strings share) and returns the character and its length,
// or a length of 0.
func unescape(s []byte) (rune, int) {
	if len(s) < 2 {
		return 0, 0
	}
	switch s[1] {
	case '"', '\\', '/':
		return rune(s[1]), 2
	case 'b':
		return '\b', 2
	case 'f':
		return '\f', 2
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	case 'u':
		if len(s) < 6 {
			return 0, 0
		}
		n, err := strconv.ParseUint(string(s[2:6]), 16, 32)
		if err != nil || utf8.RuneLen(rune(n)) < 0 {
			return 0, 0
		}
		return rune(n), 6
	}
	return 0, 0
}
