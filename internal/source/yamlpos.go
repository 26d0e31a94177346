package source

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The YAML reader (yaml.v3) reports a syntax error with one line number
// and no column. For parser errors that number is the 0-based line of the
// construct being read (the list whose ']' is missing), for scanner
// errors the 1-based one, and on the first line of a file it falls back
// to where the reader stopped. This file recovers the exact line by
// reading the input once more behind one extra line break (every mark
// then lies past line 0, so the number always names the construct), and
// the column by looking at the tokens of that line (yamltokens.go): each
// message names the kind of token the construct starts with. Where the
// reader stopped is found by following the tokens as it reads them; the
// message says it when that is known.

// parserProblems are the yaml.v3 messages raised by its parser, whose
// line numbers are 0-based; every other message comes from its scanner.
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// markLine returns the 1-based line of the mark behind the yaml.v3
// syntax error msg for src, or 0 when reading src again does not repeat
// the error.
func markLine(src []byte, msg string) int {
	shifted := append([]byte{'\n'}, src...)
	dec := yaml.NewDecoder(bytes.NewReader(shifted))
	var err error
	for range 2 {
		var n yaml.Node
		if err = dec.Decode(&n); err != nil {
			break
		}
	}
	if err == nil || err == io.EOF {
		return 0
	}
	got := strings.TrimPrefix(err.Error(), "yaml: ")
	m := yamlLine.FindStringSubmatch(got)
	if m == nil {
		// Every mark of the shifted input lies past its first line, so a
		// message without a line has no mark at all: it is about the start.
		if got == msg {
			return 1
		}
		return 0
	}
	if m[2] != msg {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	if !parserProblems[msg] {
		n-- // scanner lines are 1-based already: the extra line break is one too many
	}
	return max(n, 1)
}

// syntaxLocation returns the offset of the construct a yaml.v3 syntax
// error on the 1-based line ln names, and the message to give there. The
// construct is the one yaml.v3 names: the list or mapping being read,
// the string being scanned, the character it stopped at. When the place
// where the reader stopped can be told too, the message says it.
func syntaxLocation(src []byte, ln int, msg string) (int, string) {
	start, end := lineBounds(src, ln)
	toks := tokens(src)
	var on []int // indexes of the tokens that start on the line
	for i, t := range toks {
		if t.off >= start && t.off < end {
			on = append(on, i)
		}
	}
	first := func(kinds string) int {
		for _, i := range on {
			if strings.IndexByte(kinds, toks[i].kind) >= 0 {
				return i
			}
		}
		return -1
	}
	lineStart := firstContent(src, start, end)
	at := func(off int) string { return posText(src, off) }
	switch msg {
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'":
		kind, what := byte('['), "list"
		if strings.HasSuffix(msg, "'}'") {
			kind, what = '{', "mapping"
		}
		oi, stop := flowCulprit(src, toks, on, kind)
		if oi < 0 {
			return lineStart, "invalid YAML: " + msg
		}
		o := toks[oi]
		expect := strings.TrimPrefix(msg, "did not find expected ")
		closed := o.match >= 0 && toks[o.match].kind == closerOf(kind)
		switch {
		case stop >= 0 && !closed:
			return o.off, "invalid YAML: '" + string(kind) + "' opens a " + what + " that is never closed: at " + at(stop) + " the YAML reader expected " + expect
		case stop >= 0:
			return o.off, "invalid YAML: in the " + what + " that opens here, the YAML reader expected " + expect + " at " + at(stop)
		}
		return o.off, "invalid YAML: in the " + what + " that opens here, the YAML reader expected " + expect
	case "did not find expected key", "did not find expected '-' indicator":
		wantDash := strings.Contains(msg, "'-'")
		ti := -1
		for _, i := range on {
			if toks[i].kind != '-' || wantDash {
				ti = i
				break
			}
		}
		if ti < 0 {
			return lineStart, "invalid YAML: " + msg
		}
		what, expect := "mapping", "a key"
		if wantDash {
			what, expect = "list", "a '-' entry"
		}
		stop := blockStop(src, toks, on, ti, wantDash)
		for _, t := range toks {
			if t.off > toks[ti].off && (t.kind == ']' || t.kind == '}') && t.depth == 0 && (stop < 0 || t.off < stop) {
				return toks[ti].off, "invalid YAML: in the " + what + " that starts here, the YAML reader expected " + expect + " at " + at(t.off) + ", where '" + string(t.kind) + "' closes nothing"
			}
		}
		if stop >= 0 {
			return toks[ti].off, "invalid YAML: in the " + what + " that starts here, the YAML reader expected " + expect + " at " + at(stop) + ": check the indentation"
		}
		return toks[ti].off, "invalid YAML: in the " + what + " that starts here, the YAML reader expected " + expect + ": check the indentation"
	case "did not find expected node content", "did not find expected <document start>":
		if end == len(src) || firstContent(src, start, end) == end {
			// At the end of the file: a flow collection left open, as in
			// "lint: [", is the cause.
			for i := len(toks) - 1; i >= 0; i-- {
				if t := toks[i]; (t.kind == '[' || t.kind == '{') && t.match < 0 {
					what := "list"
					if t.kind == '{' {
						what = "mapping"
					}
					return t.off, "invalid YAML: '" + string(t.kind) + "' opens a " + what + " that is never closed: at " + at(len(src)) + " the YAML reader expected a value"
				}
			}
		}
		if i := first("]},"); i >= 0 {
			return toks[i].off, "invalid YAML: " + msg
		}
		for _, i := range on[min(1, len(on)):] {
			if prev := toks[i-1]; toks[i].depth == 0 && (prev.kind == 'q' || ((prev.kind == '[' || prev.kind == '{') && prev.match >= 0)) {
				return toks[i].off, "invalid YAML: " + msg
			}
		}
	case "found character that cannot start any token":
		if i := first("@`"); i >= 0 {
			return toks[i].off, "invalid YAML: " + msg
		}
	case "mapping values are not allowed in this context":
		var colons []int
		for _, i := range on {
			if toks[i].kind == ':' {
				colons = append(colons, toks[i].off)
			}
		}
		if len(colons) > 0 {
			return colons[min(1, len(colons)-1)], "invalid YAML: " + msg
		}
	case "block sequence entries are not allowed in this context", "mapping keys are not allowed in this context":
		kind := msg[0] // 'b' or 'm'
		ind := byte('-')
		if kind == 'm' {
			ind = '?'
		}
		found := -1
		for n, i := range on {
			if toks[i].kind == ind {
				found = toks[i].off
				if n > 0 && toks[on[n-1]].kind != '-' && toks[on[n-1]].kind != '?' {
					break
				}
			}
		}
		if found >= 0 {
			return found, "invalid YAML: " + msg
		}
	case "found unexpected end of stream", "found unexpected document indicator":
		for _, i := range on {
			t := toks[i]
			if t.kind != 'q' {
				continue
			}
			if t.end < 0 && t.match < 0 {
				return t.off, "invalid YAML: the quoted string that starts here is never closed"
			}
			if t.match >= 0 {
				return t.off, "invalid YAML: the quoted string that starts here runs into the document marker at " + at(t.match) + ": close it first"
			}
		}
	case "found unknown escape character", "did not find expected hexdecimal number", "found invalid Unicode character escape code":
		for _, i := range on {
			if t := toks[i]; t.kind == 'q' && src[t.off] == '"' {
				if off, what := badEscape(src, t.off, t.end); off >= 0 {
					return off, "invalid YAML: " + what + " in a double-quoted string"
				}
			}
		}
	case "did not find expected alphabetic or numeric character":
		for _, i := range on {
			if t := toks[i]; (t.kind == '&' || t.kind == '*') && t.end == t.off+1 {
				name := "an anchor"
				if t.kind == '*' {
					name = "an alias"
				}
				return t.off, "invalid YAML: " + name + " needs a name: did not find expected alphabetic or numeric character"
			}
		}
	case "did not find the expected '>'", "did not find expected tag URI", "found undefined tag handle":
		if i := first("!"); i >= 0 {
			return toks[i].off, "invalid YAML: " + msg
		}
	case "found an indentation indicator equal to 0":
		if i := first("|>"); i >= 0 {
			return toks[i].off, "invalid YAML: " + msg
		}
	case "could not find expected ':'":
		for _, i := range on {
			if toks[i].kind != '-' {
				return toks[i].off, "invalid YAML: could not find expected ':' after the key that starts here"
			}
		}
	}
	if strings.Contains(msg, "directive") || strings.Contains(msg, "comment or line break") || strings.Contains(msg, "whitespace") {
		if i := first("%|>!"); i >= 0 {
			return toks[i].off, "invalid YAML: " + msg
		}
	}
	return lineStart, "invalid YAML: " + msg
}

func closerOf(open byte) byte {
	if open == '{' {
		return '}'
	}
	return ']'
}

// flowCulprit returns, of the flow collections of kind that open on the
// line (the indexes on), the one the reader stopped in and the offset
// where it stopped: the innermost never closed, else the innermost one
// with a token out of place. The offset is -1 when none shows a problem.
func flowCulprit(src []byte, toks []token, on []int, kind byte) (int, int) {
	fallback := -1
	for n := len(on) - 1; n >= 0; n-- {
		i := on[n]
		if toks[i].kind != kind {
			continue
		}
		if fallback < 0 {
			fallback = i
		}
		if stop := flowStop(src, toks, i); stop >= 0 {
			return i, stop
		}
	}
	return fallback, -1
}

// flowStop reads the entries of the flow collection toks[oi] as yaml.v3
// does and returns the offset of the first token that is neither a ','
// nor the closing bracket where one is due, len(src) when the file ends
// first, or -1 when the collection reads well.
func flowStop(src []byte, toks []token, oi int) int {
	closer := closerOf(toks[oi].kind)
	i := oi + 1
	// node reads one node and reports whether it spans lines; ok is
	// false for a nested collection never closed, the problem of that one.
	node := func() (start int, ok bool) {
		for i < len(toks) && (toks[i].kind == '&' || toks[i].kind == '!') {
			i++
		}
		if i >= len(toks) {
			return len(src), true
		}
		t := toks[i]
		switch t.kind {
		case 'p', 'q', '*':
			i++
			return t.off, true
		case '[', '{':
			if t.match < 0 {
				return 0, false
			}
			i = t.match + 1
			return t.off, true
		}
		return t.off, true // an empty node
	}
	for {
		if i >= len(toks) {
			return len(src)
		}
		if toks[i].kind == closer {
			return -1
		}
		explicit := toks[i].kind == '?'
		if explicit {
			i++
		}
		start, ok := node()
		if !ok {
			return -1
		}
		if i < len(toks) && toks[i].kind == ':' {
			// An implicit key stands on one line with its ':'.
			if !explicit && bytes.IndexByte(src[min(start, toks[i].off):toks[i].off], '\n') >= 0 {
				return toks[i].off
			}
			i++
			if _, ok := node(); !ok {
				return -1
			}
		}
		if i >= len(toks) {
			return len(src)
		}
		switch toks[i].kind {
		case ',':
			i++
		case closer:
			return -1
		default:
			return toks[i].off
		}
	}
}

// blockStop follows the lines after the block list or mapping whose
// first entry is toks[ti] and returns the offset of the first line that
// does not fit its indentation (or, for a list, of an entry without '-',
// for a mapping of a '-' where a key is due), or -1.
func blockStop(src []byte, toks []token, on []int, ti int, list bool) int {
	ls := bytes.LastIndexByte(src[:toks[ti].off], '\n') + 1
	base := toks[ti].off - ls
	stack := []int{base}
	for n := range on {
		if on[n] > ti && (toks[on[n]-1].kind == '-' || toks[on[n]-1].kind == '?') {
			stack = append(stack, toks[on[n]].off-ls)
		}
	}
	lastLine := on[len(on)-1]
	indentless := false
	for i := lastLine + 1; i < len(toks); i++ {
		t := toks[i]
		s, first := lineStartBefore(src, t.off)
		if t.depth != 0 || !first {
			continue
		}
		col := t.off - s
		popped := false
		for len(stack) > 0 && stack[len(stack)-1] > col {
			stack, popped = stack[:len(stack)-1], true
		}
		switch {
		case len(stack) == 0:
			return -1 // the block ended
		case stack[len(stack)-1] < col:
			if popped {
				return t.off
			}
			stack = append(stack, col)
		case len(stack) == 1:
			if list && t.kind != '-' {
				return t.off
			}
			if !list && t.kind == '-' {
				if prev := toks[i-1]; !indentless && prev.kind != ':' {
					return t.off
				}
				indentless = true
			} else {
				indentless = false
			}
		}
		for j := i + 1; j < len(toks) && (toks[j-1].kind == '-' || toks[j-1].kind == '?') && toks[j].off < lineEnd(src, s); j++ {
			stack = append(stack, toks[j].off-s)
		}
	}
	return -1
}

// badEscape returns the offset and a description of the first escape
// YAML does not know in the double-quoted scalar from off to end (end -1:
// to the end of src), or -1.
func badEscape(src []byte, off, end int) (int, string) {
	if end < 0 {
		end = len(src)
	}
	for j := off + 1; j < end-1; j++ {
		if src[j] != '\\' {
			continue
		}
		e := src[j+1]
		digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
		switch {
		case digits > 0:
			v := 0
			for k := 0; k < digits; k++ {
				p := j + 2 + k
				if p >= len(src) || !isHex(src[p]) {
					return j, "escape \\" + string(e) + " needs " + strconv.Itoa(digits) + " hexadecimal digits"
				}
				d, _ := strconv.ParseUint(string(src[p]), 16, 8)
				v = v<<4 | int(d)
			}
			if (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF {
				return j, "escape " + string(src[j:j+2+digits]) + " is not a Unicode character"
			}
			j += 1 + digits
		case strings.IndexByte("0abt\tnvfre \"/\\N_LP\n\r", e) >= 0:
			j++
		default:
			return j, "unknown escape \\" + string(e)
		}
	}
	return -1, ""
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// lineBounds returns the offsets of the start and the end (the line
// break, or len(src)) of the 1-based line ln, clamped to the lines there
// are.
func lineBounds(src []byte, ln int) (int, int) {
	start := 0
	for n := 1; n < ln; n++ {
		i := bytes.IndexByte(src[start:], '\n')
		if i < 0 {
			break
		}
		start += i + 1
	}
	return start, lineEnd(src, start)
}

// lineStartBefore returns the start of the line of offset off when only
// spaces and tabs stand between them; else -1 and false.
func lineStartBefore(src []byte, off int) (int, bool) {
	i := off
	for i > 0 && isBlank(src[i-1]) {
		i--
	}
	if i > 0 && src[i-1] != '\n' {
		return -1, false
	}
	return i, true
}

// lineOf returns the 1-based line of offset off.
func lineOf(src []byte, off int) int {
	return bytes.Count(src[:min(off, len(src))], []byte("\n")) + 1
}

// firstContent returns the offset of the first character of the line
// from start to end that is not a space or a tab, or start.
func firstContent(src []byte, start, end int) int {
	for i := start; i < end; i++ {
		if !isBlank(src[i]) && src[i] != '\r' {
			return i
		}
	}
	return start
}

// posText writes the position of offset off in src as line:column.
func posText(src []byte, off int) string {
	ln := lineOf(src, off)
	s, _ := lineBounds(src, ln)
	return strconv.Itoa(ln) + ":" + strconv.Itoa(len([]rune(string(src[s:min(off, len(src))])))+1)
}
