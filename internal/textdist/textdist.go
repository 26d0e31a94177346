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

// NearestWithin returns the index of the candidate fewest edits from s
// (Levenshtein, on the bytes as given: fold case first to ignore it),
// when that is fewer than limit; the first of candidates equally near
// wins. It returns -1 when no candidate is that near.
func NearestWithin(s string, candidates []string, limit int) int {
	best := -1
	for i, c := range candidates {
		if d := Levenshtein(s, c); d < limit {
			best, limit = i, d
		}
	}
	return best
}

// Nearest returns the candidate closest to s, ignoring case, when it is
// close enough to be a misspelling (fewer than len(s)/2+2 edits) and is
// not s itself; otherwise "".
//
// A name cut short is read as a truncation, not a misspelling: a
// candidate that s is the start of beats candidates that are fewer edits
// away, so "AA:PASS_ROLE_WITH_STAR" gives
// "AA:PASS_ROLE_WITH_STAR_IN_RESOURCE", not the nearer
// "AA:PASS_ROLE_WITH_NOT_RESOURCE". Among such completions the shortest
// wins. Otherwise the fewest edits win, then the candidate sharing the
// longest prefix with s, then the one first in lexical order.
func Nearest(s string, candidates []string) string {
	var best Rank
	for _, c := range candidates {
		if r := NewRank(s, c); r.Dist < len(s)/2+2 && (best.Name == "" || r.Before(best)) {
			best = r
		}
	}
	if best.Name == s {
		return ""
	}
	return best.Name
}

// Rank is how well a candidate fits a name, for choosing suggestions;
// callers that weigh distances their own way use RankAt.
type Rank struct {
	Name      string // the candidate
	Dist      int    // edits from the name, ignoring case
	Common    int    // length of the prefix shared with the name, ignoring case
	Completes bool   // the name is a proper prefix of the candidate: it was cut short
}

// NewRank ranks candidate c for the name s, ignoring case.
func NewRank(s, c string) Rank {
	return RankAt(s, c, Levenshtein(strings.ToLower(s), strings.ToLower(c)))
}

// RankAt ranks candidate c for the name s, ignoring case, at a distance
// the caller worked out its own way.
func RankAt(s, c string, dist int) Rank {
	ls, lc := strings.ToLower(s), strings.ToLower(c)
	common := CommonPrefix(ls, lc)
	return Rank{Name: c, Dist: dist, Common: common, Completes: common == len(ls) && len(lc) > len(ls)}
}

// Before reports whether r is a better suggestion than o: an exact match
// (ignoring case), then a completion of a name cut short, then the fewest
// edits, the longest shared prefix, and the first in lexical order.
func (r Rank) Before(o Rank) bool {
	switch {
	case (r.Dist == 0) != (o.Dist == 0):
		return r.Dist == 0
	case r.Completes != o.Completes:
		return r.Completes
	case r.Dist != o.Dist:
		return r.Dist < o.Dist
	case r.Common != o.Common:
		return r.Common > o.Common
	}
	return r.Name < o.Name
}

// CommonPrefix returns how many leading bytes a and b share.
func CommonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
