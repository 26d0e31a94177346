package source

import "bytes"

// token is one token of a YAML file as tokens() finds them.
type token struct {
	kind  byte // the character that starts it; 'p' plain scalar, 'q' quoted scalar
	off   int  // where it starts
	end   int  // just past where it ends; -1 for a quoted scalar or a flow collection never closed
	depth int  // the flow depth it stands at
	match int  // for '[' and '{': the index of the closing token, -1 if none; for a quoted scalar: the offset of a document marker that ends it early, else -1
}

// tokens splits src into the tokens that locating errors needs: quoted
// and plain scalars, flow brackets, indicators, properties, block scalar
// headers and characters no token starts with. It follows YAML closely
// enough for that and never fails.
func tokens(src []byte) []token {
	var toks []token
	var open []int // indexes of the flow collections open
	lineStart := 0
	atLineStart := true
	blockIndent := -1 // inside a block scalar: lines indented more than this belong to it
	for i := 0; i < len(src); {
		c := src[i]
		if atLineStart {
			lineStart = i
			indent := 0
			for i+indent < len(src) && src[i+indent] == ' ' {
				indent++
			}
			rest := i + indent
			if blockIndent >= 0 {
				if rest >= len(src) || src[rest] == '\n' || src[rest] == '\r' || indent > blockIndent {
					// A line of the block scalar (or a blank one).
					i = lineEnd(src, i) + 1
					continue
				}
				blockIndent = -1
			}
			atLineStart = false
			if len(open) == 0 && indent == 0 && documentMarker(src, i) {
				toks = append(toks, token{kind: 'D', off: i, end: i + 3, match: -1})
				i += 3
				continue
			}
			if c == '%' && len(open) == 0 {
				toks = append(toks, token{kind: '%', off: i, end: lineEnd(src, i), match: -1})
				i = lineEnd(src, i)
				continue
			}
		}
		switch {
		case c == '\n':
			atLineStart = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '#' && (i == lineStart || isBlank(src[i-1])):
			i = lineEnd(src, i)
			continue
		}
		depth := len(open)
		switch c {
		case '"', '\'':
			end, marker := quotedEnd(src, i)
			toks = append(toks, token{kind: 'q', off: i, end: end, depth: depth, match: marker})
			if end < 0 {
				return toks
			}
			i = end
		case '[', '{':
			toks = append(toks, token{kind: c, off: i, end: -1, depth: depth, match: -1})
			open = append(open, len(toks)-1)
			i++
		case ']', '}':
			toks = append(toks, token{kind: c, off: i, end: i + 1, depth: depth, match: -1})
			if len(open) > 0 {
				o := open[len(open)-1]
				open = open[:len(open)-1]
				toks[o].match, toks[o].end = len(toks)-1, i+1
			}
			i++
		case ',':
			toks = append(toks, token{kind: c, off: i, end: i + 1, depth: depth, match: -1})
			i++
		case '-', '?', ':':
			if isBreakOrBlank(src, i+1) || (depth > 0 && c != '-' && isFlowIndicator(src[i+1])) {
				toks = append(toks, token{kind: c, off: i, end: i + 1, depth: depth, match: -1})
				i++
				continue
			}
			i = plainToken(&toks, src, i, depth)
		case '&', '*', '!':
			end := i + 1
			for end < len(src) && !isBlank(src[end]) && src[end] != '\n' && src[end] != '\r' && (depth == 0 || !isFlowIndicator(src[end])) {
				end++
			}
			toks = append(toks, token{kind: c, off: i, end: end, depth: depth, match: -1})
			i = end
		case '|', '>':
			if depth > 0 {
				i = plainToken(&toks, src, i, depth)
				continue
			}
			toks = append(toks, token{kind: c, off: i, end: lineEnd(src, i), depth: depth, match: -1})
			blockIndent = indentOf(src, lineStart)
			i = lineEnd(src, i)
		case '@', '`':
			toks = append(toks, token{kind: c, off: i, end: i + 1, depth: depth, match: -1})
			i++
		default:
			i = plainToken(&toks, src, i, depth)
		}
	}
	return toks
}

// plainToken adds the plain scalar starting at i and returns where it
// ends: at ": " or " #", in a flow collection also at a flow indicator,
// and at the end of the line outside one (a plain scalar that goes on
// over lines is then read as several).
func plainToken(toks *[]token, src []byte, i, depth int) int {
	start, end := i, i
	for j := i; j < len(src); j++ {
		c := src[j]
		if c == '\n' {
			if depth == 0 {
				break
			}
			if documentMarker(src, j+1) {
				break
			}
			continue
		}
		if c == ':' && (isBreakOrBlank(src, j+1) || (depth > 0 && isFlowIndicator(src[j+1]))) {
			break
		}
		if c == '#' && j > start && isBlank(src[j-1]) {
			break
		}
		if depth > 0 && isFlowIndicator(c) {
			break
		}
		if !isBlank(c) && c != '\r' {
			end = j + 1
		}
	}
	*toks = append(*toks, token{kind: 'p', off: start, end: end, depth: depth, match: -1})
	return max(end, i+1)
}

// quotedEnd returns the offset just past the quoted scalar that starts at
// i, or -1 when it never ends; marker is the offset of a document marker
// at the start of a line inside it ("---" or "..."), or -1.
func quotedEnd(src []byte, i int) (end, marker int) {
	q := src[i]
	marker = -1
	for j := i + 1; j < len(src); j++ {
		switch {
		case src[j] == '\n' && marker < 0 && documentMarker(src, j+1):
			marker = j + 1
		case q == '"' && src[j] == '\\':
			j++
		case src[j] == q && q == '\'' && j+1 < len(src) && src[j+1] == '\'':
			j++
		case src[j] == q:
			return j + 1, marker
		}
	}
	return -1, marker
}

// documentMarker reports whether a "---" or "..." line starts at i.
func documentMarker(src []byte, i int) bool {
	if i+3 > len(src) {
		return false
	}
	m := string(src[i : i+3])
	return (m == "---" || m == "...") && isBreakOrBlank(src, i+3)
}

// isBreakOrBlank reports whether src has a space, a tab, a line break or
// its end at i.
func isBreakOrBlank(src []byte, i int) bool {
	return i >= len(src) || isBlank(src[i]) || src[i] == '\n' || src[i] == '\r'
}

func isBlank(c byte) bool         { return c == ' ' || c == '\t' }
func isFlowIndicator(c byte) bool { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}' }

// lineEnd returns the offset of the line break that ends the line of i,
// or len(src).
func lineEnd(src []byte, i int) int {
	if n := bytes.IndexByte(src[i:], '\n'); n >= 0 {
		return i + n
	}
	return len(src)
}

// indentOf returns the number of spaces that start the line at start.
func indentOf(src []byte, start int) int {
	n := 0
	for start+n < len(src) && src[start+n] == ' ' {
		n++
	}
	return n
}
