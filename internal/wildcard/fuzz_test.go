package wildcard_test

import (
	"testing"
	"unicode/utf8"

	"github.com/iamsim/iamsim/internal/wildcard"
)

// token is one character of a pattern for the reference matcher: a
// wildcard (* or ?) or a literal character.
type token struct {
	r    rune
	wild bool
}

// tokens reads policy text: * and ? are wildcards unless literal is set
// (a substituted variable value, ${*}, ${?}).
func tokens(s string, literal bool) []token {
	var toks []token
	for _, r := range s {
		toks = append(toks, token{r: r, wild: !literal && (r == '*' || r == '?')})
	}
	return toks
}

// refMatch is the reference matcher (reference_policies_elements_resource.md
// "Using wildcards in resource ARNs"): a * matches any run of characters, possibly empty; a
// ? matches exactly one character; every other character matches itself.
// It works on runes and memoizes, so it is obviously correct and never
// exponential.
func refMatch(toks []token, s []rune) bool {
	memo := make(map[[2]int]bool)
	var match func(i, j int) bool
	match = func(i, j int) bool {
		if i == len(toks) {
			return j == len(s)
		}
		key := [2]int{i, j}
		if v, ok := memo[key]; ok {
			return v
		}
		var ok bool
		switch t := toks[i]; {
		case t.wild && t.r == '*':
			ok = match(i+1, j) || j < len(s) && match(i, j+1)
		case t.wild && t.r == '?':
			ok = j < len(s) && match(i+1, j+1)
		default:
			ok = j < len(s) && s[j] == t.r && match(i+1, j+1)
		}
		memo[key] = ok
		return ok
	}
	return match(0, 0)
}

// splitPieces cuts pattern into pieces at the rune boundaries whose bit is
// set in cuts (empty pieces included when a bit repeats a cut), and marks
// the pieces whose bit is set in literals as literal.
func splitPieces(pattern string, cuts, literals uint64) []wildcard.Piece {
	var pieces []wildcard.Piece
	start, n := 0, 0
	add := func(text string) {
		pieces = append(pieces, wildcard.Piece{Text: text, Literal: literals&(1<<(uint(len(pieces))%64)) != 0})
	}
	for i := range pattern {
		if i > 0 && cuts&(1<<(uint(n)%64)) != 0 {
			add(pattern[start:i])
			start = i
			if cuts&(1<<(uint(n+1)%64)) != 0 && cuts&(1<<(uint(n+2)%64)) != 0 {
				add("") // an empty piece, as an empty default value gives
			}
		}
		n++
	}
	add(pattern[start:])
	return pieces
}

func FuzzWildcard(f *testing.F) {
	seeds := []struct {
		pattern, input string
	}{
		{"*", ""},
		{"", ""},
		{"?", "é"},
		{"a*b", "a:b"},
		{"bucket/*/test/*", "bucket//test/object.jpg"},
		{"bucket/*/test/*", "bucket/1-test/object.jpg"},
		{"arn:aws:sqs:*:*:queue1", "arn:aws:sqs:us-east-1:111122223333:queue10"},
		{"file[1].txt", "file1.txt"},
		{"{a,b}", "a"},
		{`dir\*`, `dir\x`},
		{"[!a]", "b"},
		{"*a*a*a*b", "aaaaaaaaaaaaaaaaaaaa"},
		{"a*ant", "ant"},
		{"*?*?", "日本"},
		{"^$.+()|,-!", "^$.+()|,-!"},
		{"**?**", "x"},
		{"get*", "getobject"},
		{"get**", "ge"},
		{"*.txt", "a.txt"},
		{"**/x", "/x/x"},
		{"*abc*", "xxabxabcx"},
		{"**é**", "é"},
	}
	for i, s := range seeds {
		f.Add(s.pattern, s.input, uint64(i)*0x9e3779b97f4a7c15, uint64(i)*0x5851f42d4c957f2d)
	}
	f.Fuzz(func(t *testing.T, pattern, input string, cuts, literals uint64) {
		if !utf8.ValidString(pattern) || !utf8.ValidString(input) {
			// Policies and requests are JSON text, so valid UTF-8: the
			// reference has nothing to say here, but nothing may panic.
			if a, b := wildcard.Compile(pattern).Match(input), wildcard.MatchPieces([]wildcard.Piece{{Text: pattern}}, input); a != b {
				t.Errorf("invalid UTF-8: Compile(%q).Match(%q) = %t, MatchPieces = %t", pattern, input, a, b)
			}
			wildcard.MatchPieces(splitPieces(pattern, cuts, literals), input)
			t.Skip("only valid UTF-8 is compared with the reference")
		}
		if utf8.RuneCountInString(pattern) > 64 || utf8.RuneCountInString(input) > 256 {
			t.Skip("keep the reference matcher fast")
		}
		s := []rune(input)
		want := refMatch(tokens(pattern, false), s)
		if got := wildcard.Compile(pattern).Match(input); got != want {
			t.Errorf("Compile(%q).Match(%q) = %t, reference says %t", pattern, input, got, want)
		}
		if got := wildcard.MatchPieces([]wildcard.Piece{{Text: pattern}}, input); got != want {
			t.Errorf("MatchPieces({%q}, %q) = %t, reference says %t", pattern, input, got, want)
		}
		// The same pattern cut into policy-text pieces means the same.
		pieces := splitPieces(pattern, cuts, 0)
		if got := wildcard.MatchPieces(pieces, input); got != want {
			t.Errorf("MatchPieces(%+v, %q) = %t, reference says %t", pieces, input, got, want)
		}
		// Some pieces literal: their * and ? are plain characters.
		pieces = splitPieces(pattern, cuts, literals)
		var toks []token
		for _, p := range pieces {
			toks = append(toks, tokens(p.Text, p.Literal)...)
		}
		want = refMatch(toks, s)
		if got := wildcard.MatchPieces(pieces, input); got != want {
			t.Errorf("MatchPieces(%+v, %q) = %t, reference says %t", pieces, input, got, want)
		}
	})
}
