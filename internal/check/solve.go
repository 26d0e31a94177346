package check

import (
	"slices"
	"strconv"
	"strings"
)

// witnessAccount is the account of the requests a witness makes up: the
// example account of AWS's documentation.
const witnessAccount = "111122223333"

// maxSolveStates bounds the searches for strings of one statement (a
// budget that its calls of solve share): past it the answer is unknown,
// which a check reads as "might allow". It keeps a check of any policy
// to a fraction of a second.
const maxSolveStates = 20000

// solution is what solve found.
type solution int

const (
	none    solution = iota // no string fits
	found                   // the string returned fits
	unknown                 // the search was cut short
)

// solve finds a string that matches every required pattern and no
// forbidden one: a resource in the intersection of the patterns. It
// prefers a readable string (fill), and otherwise searches the product of
// the patterns' automata breadth first, which finds the shortest string
// when there is one. Characters a pattern does not name behave alike, so
// the search reads the characters the patterns name and one other.
//
// Each state the search visits costs one of *budget.
func solve(required, forbidden []pattern, budget *int) (string, solution) {
	for _, p := range required {
		if s := fill(p); fits(s, required, forbidden) {
			return s, found
		}
	}
	if len(required) == 0 && fits("*", nil, forbidden) {
		return "*", found
	}
	all := append(slices.Clone(required), forbidden...)
	alphabet := alphabetOf(all)
	type node struct {
		states [][]int
		text   string
	}
	first := node{states: make([][]int, len(all))}
	for i, p := range all {
		first.states[i] = p.start()
	}
	seen := map[string]bool{key(first.states): true}
	queue := []node{first}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if accepted(all, n.states, len(required)) {
			return n.text, found
		}
		for _, r := range alphabet {
			next, alive := advance(all, n.states, r, len(required))
			if !alive {
				continue
			}
			k := key(next)
			if seen[k] {
				continue
			}
			if *budget <= 0 {
				return "", unknown
			}
			*budget--
			seen[k] = true
			queue = append(queue, node{next, n.text + string(r)})
		}
	}
	return "", none
}

// fits reports whether s matches every required pattern and no forbidden
// one.
func fits(s string, required, forbidden []pattern) bool {
	for _, p := range required {
		if !p.matches(s) {
			return false
		}
	}
	for _, p := range forbidden {
		if p.matches(s) {
			return false
		}
	}
	return true
}

// accepted reports whether the first nRequired automata accept and the
// others do not.
func accepted(all []pattern, states [][]int, nRequired int) bool {
	for i, p := range all {
		if p.accepts(states[i]) != (i < nRequired) {
			return false
		}
	}
	return true
}

// advance reads r in every automaton; alive is false when a required one
// has no state left, so no longer string can match it.
func advance(all []pattern, states [][]int, r rune, nRequired int) ([][]int, bool) {
	next := make([][]int, len(all))
	for i, p := range all {
		next[i] = p.step(states[i], r)
		if i < nRequired && len(next[i]) == 0 {
			return nil, false
		}
	}
	return next, true
}

// key encodes the states of every automaton, each set sorted.
func key(states [][]int) string {
	var b strings.Builder
	for _, s := range states {
		s = slices.Clone(s)
		slices.Sort(s)
		for _, x := range s {
			b.WriteString(strconv.Itoa(x))
			b.WriteByte(',')
		}
		b.WriteByte('|')
	}
	return b.String()
}

// alphabetOf returns the literal characters of the patterns and one
// character none of them names, which stands for all others.
func alphabetOf(ps []pattern) []rune {
	var out []rune
	for _, p := range ps {
		for _, t := range p {
			if t.kind == literal && !slices.Contains(out, t.r) {
				out = append(out, t.r)
			}
		}
	}
	slices.Sort(out)
	for _, r := range "x0-_zq" {
		if !slices.Contains(out, r) {
			return append(out, r)
		}
	}
	return out
}

// fill writes a string the pattern matches that reads like a resource: a
// lone * stays *, and in an ARN a wildcard in the region or account field
// becomes us-east-1 or the witness account, elsewhere "example".
func fill(p pattern) string {
	if p.isAll() {
		return "*"
	}
	arn := strings.HasPrefix(p.String(), "arn:")
	var b strings.Builder
	colons := 0
	for i, t := range p {
		if t.kind == literal {
			if t.r == ':' {
				colons++
			}
			b.WriteRune(t.r)
			continue
		}
		if i > 0 && p[i-1].kind != literal {
			continue // a run of wildcards gets one filler
		}
		switch {
		case arn && colons == 3:
			b.WriteString("us-east-1")
		case arn && colons == 4:
			b.WriteString(witnessAccount)
		case t.kind == anyOne:
			b.WriteByte('x')
		default:
			b.WriteString("example")
		}
	}
	return b.String()
}
