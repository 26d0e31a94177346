package diff

import (
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// tokKind is the kind of one token of a glob.
type tokKind uint8

const (
	tokLit  tokKind = iota // a character
	tokOne                 // ? or one character of a format slot
	tokStar                // * or the rest of a format slot
)

type tok struct {
	kind tokKind
	r    rune
}

// templateGlob reads a Resource entry: * and ? are wildcards, and each
// variable is variableToken.
func templateGlob(s string, variables bool) []tok {
	t, err := policy.ParseTemplate(s, variables)
	if err != nil {
		return litToks(s)
	}
	var out []tok
	for _, seg := range t {
		switch seg.Kind {
		case policy.SegmentVariable:
			out = append(out, litToks(variableToken)...)
		case policy.SegmentLiteral:
			out = append(out, litToks(seg.Text)...)
		default:
			for _, r := range seg.Text {
				switch r {
				case '*':
					out = append(out, tok{kind: tokStar})
				case '?':
					out = append(out, tok{kind: tokOne})
				default:
					out = append(out, tok{kind: tokLit, r: r})
				}
			}
		}
	}
	return out
}

// formatGlob reads a catalog ARN format: each ${...} slot stands for one
// or more characters.
func formatGlob(format string) []tok {
	var out []tok
	for format != "" {
		i := strings.Index(format, "${")
		if i < 0 {
			break
		}
		for _, r := range format[:i] {
			out = append(out, tok{kind: tokLit, r: r})
		}
		end := strings.IndexByte(format[i:], '}')
		if end < 0 {
			format = format[i:]
			break
		}
		switch format[i : i+end+1] {
		case "${Partition}":
			out = append(out, litToks("aws")...)
		case "${Account}":
			out = append(out, litToks(HomeAccount)...)
		default:
			out = append(out, tok{kind: tokOne}, tok{kind: tokStar})
		}
		format = format[i+end+1:]
	}
	for _, r := range format {
		out = append(out, tok{kind: tokLit, r: r})
	}
	return out
}

func litToks(s string) []tok {
	var out []tok
	for _, r := range s {
		out = append(out, tok{kind: tokLit, r: r})
	}
	return out
}

// intersect returns a string every glob matches, if there is one: a
// walk through the tuples of their positions, each step skipping a *
// or consuming one character that every glob not at a * accepts. A
// character no glob fixes is 'x'. With fill set every * stands for at
// least one character, and characters are consumed before a * is
// skipped (the pattern's filled-in form); else a * is empty where it
// can be.
func intersect(globs [][]tok, fill bool) (string, bool) {
	if fill {
		globs = filled(globs)
	}
	pos := make([]int, len(globs))
	failed := map[string]bool{}
	var out []rune
	var walk func() bool
	walk = func() bool {
		key := posKey(pos)
		if failed[key] {
			return false
		}
		done := true
		for g, p := range pos {
			done = done && p == len(globs[g])
		}
		if done {
			return true
		}
		if fill && (consume(globs, pos, &out, walk) || skip(globs, pos, walk)) ||
			!fill && (skip(globs, pos, walk) || consume(globs, pos, &out, walk)) {
			return true
		}
		failed[key] = true
		return false
	}
	if !walk() {
		return "", false
	}
	return string(out), true
}

// filled makes every * of the globs stand for one or more characters.
func filled(globs [][]tok) [][]tok {
	out := make([][]tok, len(globs))
	for i, g := range globs {
		for j, t := range g {
			if t.kind == tokStar && (j == 0 || g[j-1].kind != tokOne) {
				out[i] = append(out[i], tok{kind: tokOne})
			}
			out[i] = append(out[i], t)
		}
	}
	return out
}

// posKey packs a tuple of positions into a map key.
func posKey(pos []int) string {
	b := make([]byte, 0, 2*len(pos))
	for _, p := range pos {
		b = append(b, byte(p>>8), byte(p))
	}
	return string(b)
}

// skip tries each way of skipping one glob's *.
func skip(globs [][]tok, pos []int, walk func() bool) bool {
	for g, p := range pos {
		if p < len(globs[g]) && globs[g][p].kind == tokStar {
			pos[g]++
			ok := walk()
			pos[g]--
			if ok {
				return true
			}
		}
	}
	return false
}

// consume tries to consume one character: the one some glob's literal
// fixes, else 'x'. Every glob must accept it or stand at a *, and at
// least one must not stand at a *.
func consume(globs [][]tok, pos []int, out *[]rune, walk func() bool) bool {
	c, fixed, moving := 'x', false, false
	for g, p := range pos {
		if p == len(globs[g]) {
			return false
		}
		switch t := globs[g][p]; t.kind {
		case tokLit:
			if fixed && t.r != c {
				return false
			}
			c, fixed, moving = t.r, true, true
		case tokOne:
			moving = true
		}
	}
	if !moving {
		return false
	}
	saved := append([]int(nil), pos...)
	for g, p := range pos {
		if globs[g][p].kind != tokStar {
			pos[g]++
		}
	}
	n := len(*out)
	*out = append(*out, c)
	ok := walk()
	if !ok {
		*out = (*out)[:n]
		copy(pos, saved)
	}
	return ok
}
