package check

import (
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// token is one character of a pattern: a literal rune, or one of the
// wildcards ? (one character) and * (any run of characters).
type token struct {
	r    rune
	kind tokenKind
}

type tokenKind uint8

const (
	literal tokenKind = iota
	anyOne            // ?
	anyRun            // *
)

// pattern is an IAM wildcard pattern as a list of tokens: what a
// Resource entry, an Action entry or a listed resource matches.
type pattern []token

// compileGlob reads an IAM wildcard pattern: * and ? are wildcards,
// everything else is literal.
func compileGlob(s string) pattern {
	p := make(pattern, 0, len(s))
	for _, r := range s {
		switch r {
		case '*':
			p = append(p, token{kind: anyRun})
		case '?':
			p = append(p, token{kind: anyOne})
		default:
			p = append(p, token{r: r})
		}
	}
	return p
}

// compileEntry reads a Resource entry of a document: the ARN completed as
// AWS completes it in identity-based policies, and each policy variable
// read as * (its value, which the request supplies, might be anything;
// reference_policies_variables.md). ${*}, ${?} and ${$} stand for their
// literal character. variable reports whether the entry has a variable.
func compileEntry(doc *policy.Document, text string) (p pattern, variable bool) {
	text = policy.CompleteARN(doc.Kind, text, doc.HasVariables())
	t, err := policy.ParseTemplate(text, doc.HasVariables())
	if err != nil {
		return compileGlob(text), false
	}
	for _, seg := range t {
		switch seg.Kind {
		case policy.SegmentPattern:
			p = append(p, compileGlob(seg.Text)...)
		case policy.SegmentLiteral:
			for _, r := range seg.Text {
				p = append(p, token{r: r})
			}
		case policy.SegmentVariable:
			p = append(p, token{kind: anyRun})
			variable = true
		}
	}
	return p, variable
}

// String writes the pattern back as IAM writes it.
func (p pattern) String() string {
	var b strings.Builder
	for _, t := range p {
		switch t.kind {
		case anyOne:
			b.WriteByte('?')
		case anyRun:
			b.WriteByte('*')
		default:
			b.WriteRune(t.r)
		}
	}
	return b.String()
}

// isAll reports whether the pattern matches every string: it is stars
// only.
func (p pattern) isAll() bool {
	for _, t := range p {
		if t.kind != anyRun {
			return false
		}
	}
	return len(p) > 0
}

// matches reports whether s matches the pattern.
func (p pattern) matches(s string) bool {
	states := p.start()
	for _, r := range s {
		states = p.step(states, r)
		if len(states) == 0 {
			return false
		}
	}
	return p.accepts(states)
}

// A pattern is matched by a nondeterministic automaton whose states are
// positions in the token list: position i has matched tokens [0, i).

// start returns the states before any character.
func (p pattern) start() []int { return p.closure([]int{0}) }

// closure adds to states every position reachable without reading: past
// each * (which may match nothing).
func (p pattern) closure(states []int) []int {
	for i := 0; i < len(states); i++ {
		if s := states[i]; s < len(p) && p[s].kind == anyRun && !hasState(states, s+1) {
			states = append(states, s+1)
		}
	}
	return states
}

// step returns the states after reading r.
func (p pattern) step(states []int, r rune) []int {
	var next []int
	for _, s := range states {
		if s == len(p) {
			continue
		}
		switch t := p[s]; {
		case t.kind == anyRun:
			next = addState(next, s)
		case t.kind == anyOne || t.r == r:
			next = addState(next, s+1)
		}
	}
	return p.closure(next)
}

// accepts reports whether the states include the end of the pattern.
func (p pattern) accepts(states []int) bool { return hasState(states, len(p)) }

func hasState(states []int, s int) bool {
	for _, x := range states {
		if x == s {
			return true
		}
	}
	return false
}

func addState(states []int, s int) []int {
	if hasState(states, s) {
		return states
	}
	return append(states, s)
}
