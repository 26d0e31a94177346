// Package wildcard matches strings against IAM wildcard patterns, where *
// matches any run of characters (possibly empty, crossing / and :) and ?
// matches exactly one character. Every other character is literal.
// Matching takes time linear in the length of the string for a given
// pattern: at most its length times the pattern's, without backtracking
// over stars.
package wildcard

import (
	"strings"
	"unicode/utf8"
)

// Pattern is a compiled IAM wildcard pattern.
type Pattern struct {
	text string
	form form
	lit  string // prefix, suffix, contains: the text between the stars
	// segs is the text before, between and after the stars of a general
	// pattern; nil when the pattern is not valid UTF-8.
	segs []segment
}

// form is the shape of a pattern, from the simplest.
type form uint8

const (
	exact    form = iota // no wildcard: compare text
	any                  // "*" (or "**"...): matches everything
	prefix               // lit followed by stars
	suffix               // stars followed by lit
	contains             // lit between stars
	general              // anything else
)

// segment is a run of a pattern without stars, which matches a fixed
// number of characters: its literal text, each ? one character.
type segment struct {
	text string
	wild bool // has a ?
}

// Compile compiles an IAM wildcard pattern. Every string is a valid pattern.
func Compile(pattern string) *Pattern {
	p := &Pattern{text: pattern}
	if !HasWildcard(pattern) {
		return p // exact
	}
	// A run of stars matches what one star does.
	lit := strings.TrimRight(strings.TrimLeft(pattern, "*"), "*")
	head, tail := pattern[0] == '*', pattern[len(pattern)-1] == '*'
	switch {
	case lit == "":
		p.form = any
	case !utf8.ValidString(pattern):
		// A star stops only between characters, which invalid UTF-8
		// blurs: Match leaves such a pattern to MatchPieces, which
		// reads each invalid byte as a character.
		p.form = general
	case HasWildcard(lit):
		p.form = general
		for _, text := range strings.Split(pattern, "*") {
			p.segs = append(p.segs, segment{text, strings.Contains(text, "?")})
		}
	case head && tail:
		p.form, p.lit = contains, lit
	case head:
		p.form, p.lit = suffix, lit
	default:
		p.form, p.lit = prefix, lit
	}
	return p
}

// String returns the pattern as written.
func (p *Pattern) String() string { return p.text }

// IsWildcard reports whether the pattern has a * or ?.
func (p *Pattern) IsWildcard() bool { return p.form != exact }

// Match reports whether s matches the pattern.
func (p *Pattern) Match(s string) bool {
	switch p.form {
	case exact:
		return s == p.text
	case any:
		return true
	case prefix:
		return strings.HasPrefix(s, p.lit)
	case suffix:
		return strings.HasSuffix(s, p.lit)
	case contains:
		return strings.Contains(s, p.lit)
	case general:
		if p.segs != nil {
			return matchSegments(p.segs, s)
		}
	}
	// A general pattern that is not valid UTF-8.
	return MatchPieces([]Piece{{Text: p.text}}, s)
}

// matchSegments reports whether s matches the segments of a pattern
// joined by stars: the first matches at the start of s, the last at its
// end, and each one between at its first match after the one before,
// which leaves the most room to those after it. Since a segment's text
// is valid UTF-8, a match can start only where a character of s does.
func matchSegments(segs []segment, s string) bool {
	n, ok := matchPrefix(segs[0], s)
	if !ok {
		return false
	}
	if len(segs) == 1 {
		return n == len(s)
	}
	s = s[n:]
	last := segs[len(segs)-1]
	if !last.wild {
		// A literal end is checked first, and kept out of reach of the
		// segments before it.
		if len(s) < len(last.text) || !strings.HasSuffix(s, last.text) {
			return false
		}
		s = s[:len(s)-len(last.text)]
		last = segment{}
	}
	for _, seg := range segs[1 : len(segs)-1] {
		i, n := index(seg, s)
		if i < 0 {
			return false
		}
		s = s[i+n:]
	}
	return hasSuffix(last, s)
}

// matchPrefix reports whether s begins with a match of seg, and the
// match's length in bytes.
func matchPrefix(seg segment, s string) (int, bool) {
	if !seg.wild {
		return len(seg.text), strings.HasPrefix(s, seg.text)
	}
	i := 0
	for j := 0; j < len(seg.text); j++ {
		switch {
		case i == len(s):
			return 0, false
		case seg.text[j] == '?':
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		case seg.text[j] != s[i]:
			return 0, false
		default:
			i++
		}
	}
	return i, true
}

// index returns where the first match of seg in s starts, and its length
// in bytes; the start is -1 when there is none.
func index(seg segment, s string) (int, int) {
	if !seg.wild {
		return strings.Index(s, seg.text), len(seg.text)
	}
	for i := 0; ; {
		if n, ok := matchPrefix(seg, s[i:]); ok {
			return i, n
		}
		if i == len(s) {
			return -1, 0
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
}

// hasSuffix reports whether s ends with a match of seg.
func hasSuffix(seg segment, s string) bool {
	if !seg.wild {
		return strings.HasSuffix(s, seg.text)
	}
	for i := 0; ; {
		if n, ok := matchPrefix(seg, s[i:]); ok && i+n == len(s) {
			return true
		}
		if i == len(s) {
			return false
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
}

// HasWildcard reports whether s has a * or ?.
func HasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// Piece is part of a pattern whose variables were filled in for one
// request: policy text, where * and ? are wildcards, or a literal value,
// where they are plain characters.
type Piece struct {
	Text    string
	Literal bool
}

// MatchPieces reports whether s matches the pattern made of pieces. It
// runs in time proportional to len(s) times the pattern length (no
// exponential backtracking) and does not allocate.
func MatchPieces(pieces []Piece, s string) bool {
	var (
		p          cursor // where we are in the pattern
		si         int    // where we are in s
		star       cursor // the pattern just after the last *
		starS      = -1   // where in s that * started matching
		hasStarred bool
	)
	for si < len(s) {
		c, ok := p.peek(pieces)
		switch {
		case ok && c.wild && c.b == '?':
			_, n := utf8.DecodeRuneInString(s[si:])
			si += n
			p = p.next(pieces)
		case ok && c.wild && c.b == '*':
			p = p.next(pieces)
			star, starS, hasStarred = p, si, true
		case ok && !c.wild && c.b == s[si]:
			si++
			p = p.next(pieces)
		case hasStarred:
			// Let the last * absorb one more character and retry.
			_, n := utf8.DecodeRuneInString(s[starS:])
			starS += n
			si, p = starS, star
		default:
			return false
		}
	}
	for {
		c, ok := p.peek(pieces)
		if !ok {
			return true
		}
		if !c.wild || c.b != '*' {
			return false
		}
		p = p.next(pieces)
	}
}

// cursor is a byte position in a list of pieces.
type cursor struct{ piece, off int }

// char is one byte of the pattern; wild is set for * and ? in policy text.
type char struct {
	b    byte
	wild bool
}

// peek returns the pattern byte at the cursor, skipping empty pieces.
func (c cursor) peek(pieces []Piece) (char, bool) {
	for c.piece < len(pieces) {
		pc := pieces[c.piece]
		if c.off < len(pc.Text) {
			b := pc.Text[c.off]
			return char{b: b, wild: !pc.Literal && (b == '*' || b == '?')}, true
		}
		c.piece, c.off = c.piece+1, 0
	}
	return char{}, false
}

// next moves the cursor one byte forward.
func (c cursor) next(pieces []Piece) cursor {
	for c.piece < len(pieces) && c.off >= len(pieces[c.piece].Text) {
		c.piece, c.off = c.piece+1, 0
	}
	c.off++
	return c
}
