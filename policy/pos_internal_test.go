package policy

import (
	"math/rand/v2"
	"testing"
)

// TestPosFromMatchesPos checks that reading on from a cursor gives the
// position a search from the start of the line gives, whatever the order
// of the offsets, across line breaks, multi-byte characters, tabs and
// invalid UTF-8.
func TestPosFromMatchesPos(t *testing.T) {
	t.Parallel()
	src := []byte("{\n\t\"é\": \"€x\",\r\n  \"k\": [\"\xe2\x82\", 1]\n\n}\xf0\x9f\x98\x80 ")
	for _, base := range []int{0, 2} {
		ix := newLineIndex("p.json", src, base)
		var c cursor
		r := rand.New(rand.NewPCG(1, 2))
		for i := 0; i < 2000; i++ {
			off := r.IntN(len(src)+4) - 2 - base
			if i < len(src) {
				off = i - base // every offset in order first
			}
			if got, want := ix.posFrom(&c, off), ix.pos(off); got != want {
				t.Fatalf("base %d, offset %d: posFrom = %v, pos = %v", base, off, got, want)
			}
		}
	}
}
