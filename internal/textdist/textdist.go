// Package textdist measures how far apart two names are, for "did you
// mean" suggestions.
package textdist

import "strings"

// Levenshtein returns the edit distance between a and b: the fewest byte
// insertions, deletions and substitutions that turn one into the other.
func Levenshtein(a, b string) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Nearest returns the candidate closest to s, ignoring case, when it is
// close enough to be a misspelling (fewer than len(s)/2+2 edits) and is
// not s itself; otherwise "". Ties go to the candidate first in lexical
// order.
func Nearest(s string, candidates []string) string {
	best, bestDist := "", len(s)/2+2
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if d := Levenshtein(ls, strings.ToLower(c)); d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	if best == s {
		return ""
	}
	return best
}
