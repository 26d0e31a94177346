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
// source that holds it.
type lineIndex struct {
	file   string
	src    []byte // the whole source
	base   int    // where the document starts in src
	starts []int  // byte offset of the start of every line of src
}

func newLineIndex(file string, src []byte, base int) *lineIndex {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{file: file, src: src, base: base, starts: starts}
}

// pos returns the position of the byte at offset in the document;
// offsets past the end point just after the last character.
func (ix *lineIndex) pos(offset int) Pos {
	offset = max(0, min(ix.base+offset, len(ix.src)))
	line := sort.Search(len(ix.starts), func(i int) bool { return ix.starts[i] > offset }) - 1
	col := utf8.RuneCount(ix.src[ix.starts[line]:offset]) + 1
	return Pos{File: ix.file, Line: line + 1, Col: col}
}

// cursor is a position in a lineIndex's source: a byte offset at the
// start of a character, with its 1-based line and column.
type cursor struct{ offset, line, col int }

// posFrom is pos for a reader that asks for positions mostly in source
// order: an offset at or after c is found by reading on from c, not from
// the start of its line, and c moves to it.
func (ix *lineIndex) posFrom(c *cursor, offset int) Pos {
	abs := max(0, min(ix.base+offset, len(ix.src)))
	var p Pos
	if c.line == 0 || abs < c.offset {
		p = ix.pos(offset)
	} else {
		p = Pos{File: ix.file, Line: c.line, Col: c.col}
		rest := ix.src[c.offset:abs]
		for i := bytes.IndexByte(rest, '\n'); i >= 0; i = bytes.IndexByte(rest, '\n') {
			p.Line, p.Col, rest = p.Line+1, 1, rest[i+1:]
		}
		p.Col += utf8.RuneCount(rest)
	}
	// Counting on from c counts the characters between, as long as c does
	// not split one.
	if abs == len(ix.src) || utf8.RuneStart(ix.src[abs]) {
		*c = cursor{abs, p.Line, p.Col}
	}
	return p
}

// line returns the text of the 1-based line n, without its line break.
func (ix *lineIndex) line(n int) string {
	if n < 1 || n > len(ix.starts) {
		return ""
	}
	end := len(ix.src)
	if n < len(ix.starts) {
		end = ix.starts[n] - 1
	}
	text := ix.src[ix.starts[n-1]:end]
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

// Source returns the source the Locator was made for.
func (l *Locator) Source() []byte { return l.ix.src }

// Name returns the name that labels the Locator's positions.
func (l *Locator) Name() string { return l.ix.file }

// Line returns the text of the 1-based line n, without its line break,
// or "" when there is no such line.
func (l *Locator) Line(n int) string { return l.ix.line(n) }
