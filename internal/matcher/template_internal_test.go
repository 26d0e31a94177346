package matcher

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/wildcard"
)

// TestEqualFoldPieces checks that comparing pieces one rune at a time
// gives strings.EqualFold of the joined text (reference_policies_elements_condition_operators.md "String condition
// operators": StringEqualsIgnoreCase), tricky folds included.
func TestEqualFoldPieces(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		pieces []string
		s      string
	}{
		{name: "ASCII", pieces: []string{"home/", "Alice", "/"}, s: "HOME/alice/"},
		{name: "ASCII other", pieces: []string{"home/", "Alice", "/"}, s: "HOME/alicia/"},
		{name: "shorter", pieces: []string{"ab", "c"}, s: "AB"},
		{name: "longer", pieces: []string{"ab"}, s: "ABC"},
		{name: "empty pieces", pieces: []string{"", "a", "", "b", ""}, s: "AB"},
		{name: "no pieces", pieces: nil, s: ""},
		{name: "no pieces non-empty", pieces: nil, s: "a"},
		{name: "Kelvin sign", pieces: []string{"\u212a"}, s: "k"},
		{name: "sigma forms", pieces: []string{"Σ", "σ"}, s: "ςΣ"},
		{name: "sharp s is no ss", pieces: []string{"ß"}, s: "ss"},
		{name: "multi-byte against ASCII", pieces: []string{"é"}, s: "e"},
		{name: "true", pieces: []string{"TrUe"}, s: "true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var pieces []wildcard.Piece
			for _, p := range tt.pieces {
				pieces = append(pieces, wildcard.Piece{Text: p, Literal: true})
			}
			want := strings.EqualFold(tt.s, strings.Join(tt.pieces, ""))
			if diff := cmp.Diff(want, equalFoldPieces(pieces, tt.s)); diff != "" {
				t.Errorf("equalFoldPieces(%q, %q) mismatch (-want +got):\n%s", tt.pieces, tt.s, diff)
			}
		})
	}
}

// FuzzTemplateMatch checks that matching a template by its literal head
// and compiled tail agrees with matching all its pieces, variables filled
// in, with wildcard.MatchPieces.
func FuzzTemplateMatch(f *testing.F) {
	seeds := []struct{ text, s, username string }{
		{"arn:aws:s3:::bucket/${aws:username}/*", "arn:aws:s3:::bucket/alice/notes.txt", "alice"},
		{"arn:aws:s3:::bucket/${aws:username}/*", "arn:aws:s3:::bucket/alicia/notes.txt", "alice"},
		{"arn:aws:s3:::*/${aws:username}/*", "arn:aws:s3:::b/alice/x", "alice"},
		{"home/${aws:username}", "home/a*", "a*"},
		{"home/${aws:username}", "home/ab", "a*"},
		{"${*}${?}${$}/${aws:username, 'x'}?", "*?$/x!", ""},
		{"a?b${aws:username}*c", "axbuc", "u"},
		{"${aws:username}", "", ""},
		{"pre${aws:PrincipalTag/team}*", "prexyz", "x"},
		{"\xff${aws:username}*", "\xffa\xfe", "a"},
	}
	for _, s := range seeds {
		f.Add(s.text, s.s, s.username, false)
	}
	f.Fuzz(func(t *testing.T, text, s, username string, noUsername bool) {
		tmpl := compileTemplate(text, true)
		ctx := MapContext{}
		if !noUsername {
			ctx.Set("aws:username", username)
		}
		var buf [maxPieces]wildcard.Piece
		pieces, ok := tmpl.resolve(ctx, buf[:])
		want := ok && wildcard.MatchPieces(pieces, s)
		if tmpl.static != nil {
			want = wildcard.MatchPieces([]wildcard.Piece{{Text: text}}, s)
		}
		if got := tmpl.matchLike(ctx, s); got != want {
			t.Errorf("template %q, aws:username %q: matchLike(%q) = %t, matching the pieces %+v says %t", text, username, s, got, pieces, want)
		}
		var memo Memo
		memo.Reset(ctx)
		if got := tmpl.matchLike(&memo, s); got != want {
			t.Errorf("template %q, aws:username %q: matchLike(%q) through a Memo = %t, want %t", text, username, s, got, want)
		}
	})
}
