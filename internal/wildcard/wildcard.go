// Package wildcard matches strings against IAM wildcard patterns, where *
// matches any run of characters (possibly empty, crossing / and :) and ?
// matches exactly one character. Every other character is literal: the
// glob syntax of gobwas/glob ([ ] { } \ ,) is quoted away before
// compiling.
package wildcard

import (
	"strings"
	"unicode/utf8"

	"github.com/gobwas/glob"
)

// Pattern is a compiled IAM wildcard pattern.
type Pattern struct {
	text string
	form form
	lit  string        // prefix, suffix, contains: the text between the stars
	glob *glob.Pattern // other wildcards, if valid UTF-8 (else MatchPieces)
}

// form is the shape of a pattern, from the simplest.
type form uint8

const (
	exact    form = iota // no wildcard: compare text
	any                  // "*" (or "**"...): matches everything
	prefix               // lit followed by stars
	suffix               // stars followed by lit
	contains             // lit between stars
	general              // anything else: glob, or MatchPieces
)

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
	case HasWildcard(lit):
		p.form = general
		if utf8.ValidString(pattern) {
			// The quoted pattern has only * and ? as syntax, so it always
			// compiles. gobwas rejects invalid UTF-8 as a syntax error;
			// Match then uses MatchPieces, which compares such bytes as
			// themselves.
			p.glob = glob.MustCompile(quote(pattern))
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

// quote turns an IAM pattern into a gobwas pattern that keeps * and ? as
// wildcards and makes every other glob metacharacter literal.
func quote(pattern string) string {
	var b strings.Builder
	for {
		i := strings.IndexAny(pattern, "*?")
		if i < 0 {
			b.WriteString(glob.QuoteMeta(pattern))
			return b.String()
		}
		b.WriteString(glob.QuoteMeta(pattern[:i]))
		b.WriteByte(pattern[i])
		pattern = pattern[i+1:]
	}
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
		if p.glob != nil {
			return p.glob.Match(s)
		}
	}
	// A general pattern that is not valid UTF-8.
	return MatchPieces([]Piece{{Text: p.text}}, s)
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
