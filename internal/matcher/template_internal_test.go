package matcher

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/wildcard"
)

// TestEqualFoldPieces checks that comparing pieces one rune at a time
// gives strings.EqualFold of the joined text (OPS "String condition
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
