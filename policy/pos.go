package policy

import (
	"bytes"
	"fmt"
	"sort"
	"unicode/utf8"
)

// Pos is a position in a policy source: the file name, and the 1-based line
// and column, the column counted in characters (Unicode code points).
type Pos struct {
	File string
	Line int
	Col  int
}

// String renders the position as file:line:col.
func (p Pos) String() string {
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsValid reports whether the position points somewhere (line 1 or later).
func (p Pos) IsValid() bool { return p.Line > 0 }

// lineIndex converts byte offsets in one document to positions in the
// file that holds it. The document is src[base:]; positions point into
// text, which is src itself unless the document was written from another
// file (a template, say), whose bytes spans place it in.
type lineIndex struct {
	file   string
	src    []byte // the source offsets count in
	base   int    // where the document starts in src
	text   []byte // the file positions point into
	starts []int  // byte offset of the start of every line of text
	spans  []Span // nil when text is src
}

func newLineIndex(file string, src []byte, base int) *lineIndex {
	return &lineIndex{file: file, src: src, base: base, text: src, starts: lineStarts(src)}
}

func lineStarts(text []byte) []int {
	starts := []int{0}
	for i, b := range text {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// A Span places part of a policy document that a reader wrote in the
// file it was written from: the document's bytes from Start, up to the
// next Span's Start, stand for the file's bytes from At. When Exact is
// set they are the file's bytes one for one, so an offset inside moves
// the position as far; otherwise every offset of the span is at At, as
// for a value a reader rewrote (a YAML scalar written as a JSON string,
// an intrinsic function resolved).
type Span struct {
	Start int
	At    int
	Exact bool
}

// inText returns the offset in text of the byte at abs in src.
func (ix *lineIndex) inText(abs int) int {
	if ix.spans == nil {
		return abs
	}
	i := sort.Search(len(ix.spans), func(i int) bool { return ix.spans[i].Start > abs }) - 1
	if i < 0 {
		i = 0
	}
	s := ix.spans[i]
	at := s.At
	if s.Exact && abs > s.Start {
		at += abs - s.Start
	}
	return max(0, min(at, len(ix.text)))
}

// pos returns the position of the byte at offset in the document;
// offsets past the end point just after the last character.
func (ix *lineIndex) pos(offset int) Pos {
	at := ix.inText(max(0, min(ix.base+offset, len(ix.src))))
	line := sort.Search(len(ix.starts), func(i int) bool { return ix.starts[i] > at }) - 1
	col := utf8.RuneCount(ix.text[ix.starts[line]:at]) + 1
	return Pos{File: ix.file, Line: line + 1, Col: col}
}

// cursor is a position in a lineIndex's text: a byte offset at the
// start of a character, with its 1-based line and column.
type cursor struct{ offset, line, col int }

// posFrom is pos for a reader that asks for positions mostly in source
// order: an offset at or after c is found by reading on from c, not from
// the start of its line, and c moves to it.
func (ix *lineIndex) posFrom(c *cursor, offset int) Pos {
	at := ix.inText(max(0, min(ix.base+offset, len(ix.src))))
	var p Pos
	if c.line == 0 || at < c.offset {
		p = ix.pos(offset)
	} else {
		p = Pos{File: ix.file, Line: c.line, Col: c.col}
		rest := ix.text[c.offset:at]
		for i := bytes.IndexByte(rest, '\n'); i >= 0; i = bytes.IndexByte(rest, '\n') {
			p.Line, p.Col, rest = p.Line+1, 1, rest[i+1:]
		}
		p.Col += utf8.RuneCount(rest)
	}
	// Counting on from c counts the characters between, as long as c does
	// not split one.
	if at == len(ix.text) || utf8.RuneStart(ix.text[at]) {
		*c = cursor{at, p.Line, p.Col}
	}
	return p
}

// line returns the text of the 1-based line n, without its line break.
func (ix *lineIndex) line(n int) string {
	if n < 1 || n > len(ix.starts) {
		return ""
	}
	end := len(ix.text)
	if n < len(ix.starts) {
		end = ix.starts[n] - 1
	}
	text := ix.text[ix.starts[n-1]:end]
	if len(text) > 0 && text[len(text)-1] == '\r' {
		text = text[:len(text)-1]
	}
	return string(text)
}

// Locator turns byte offsets of a source into positions, for readers of
// files that hold policies (account exports, scenario files).
type Locator struct {
	ix     *lineIndex
	limits Limits // of every parse of the source
}

// NewLocator returns a Locator for src, labelled name, whose parses apply
// DefaultLimits.
func NewLocator(name string, src []byte) *Locator { return DefaultLimits.NewLocator(name, src) }

// Pos returns the position of the byte at offset.
func (l *Locator) Pos(offset int) Pos { return l.ix.pos(offset) }

// Source returns the source the Locator was made for: the document a
// mapped Locator places.
func (l *Locator) Source() []byte { return l.ix.src }

// Name returns the name that labels the Locator's positions.
func (l *Locator) Name() string { return l.ix.file }

// Line returns the text of the 1-based line n, without its line break,
// or "" when there is no such line.
func (l *Locator) Line(n int) string { return l.ix.line(n) }
