package wildcard_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/wildcard"
)

var benchSink bool

func BenchmarkMatch(b *testing.B) {
	const object = "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/projects/2026/report.pdf"
	adversarial := strings.Repeat("a", 1000)
	cases := []struct {
		name    string
		pattern string
		input   string
	}{
		{"exact", object, object},
		{"prefix", "arn:aws:s3:::amzn-s3-demo-bucket/home/*", object},
		{"suffix", "*.pdf", object},
		{"middle-star", "arn:aws:s3:::amzn-s3-demo-bucket/*/report.pdf", object},
		{"many-stars", "arn:aws:s3:::*-bucket/*/alice/*/2026/*.pdf", object},
		{"adversarial", "*a*a*a*a*a*a*b", adversarial},
	}
	for _, c := range cases {
		p := wildcard.Compile(c.pattern)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchSink = p.Match(c.input)
			}
		})
	}
	pieces := []wildcard.Piece{
		{Text: "arn:aws:s3:::amzn-s3-demo-bucket/home/"},
		{Text: "alice", Literal: true},
		{Text: "/*"},
	}
	b.Run("pieces", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			benchSink = wildcard.MatchPieces(pieces, object)
		}
	})
	adv := []wildcard.Piece{{Text: "*a*a*a*a*a*a*b"}}
	b.Run("pieces-adversarial", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			benchSink = wildcard.MatchPieces(adv, adversarial)
		}
	})
}

// linearPatterns are patterns that make backtracking matchers slow on a
// long run of "a": exponential for a naive recursive matcher, quadratic
// or worse for one that retries every split.
var linearPatterns = []string{"*a*a*a*a*a*b", "a*a*a*a*a*a*a*a*a*a*b*", "*a?a*a?a*?b*", "*?*?*?*?*?*?*b"}

// BenchmarkMatchLinear matches linearPatterns against strings of 1 KB,
// 10 KB and 100 KB: ns/op grows ten-fold with each (MB/s stays level).
func BenchmarkMatchLinear(b *testing.B) {
	for _, pattern := range linearPatterns {
		p := wildcard.Compile(pattern)
		pieces := []wildcard.Piece{{Text: pattern}}
		for _, n := range []int{1 << 10, 10 << 10, 100 << 10} {
			s := strings.Repeat("a", n)
			b.Run(fmt.Sprintf("%s/Match/n=%dKB", pattern, n>>10), func(b *testing.B) {
				b.SetBytes(int64(n))
				for b.Loop() {
					benchSink = p.Match(s)
				}
			})
			b.Run(fmt.Sprintf("%s/MatchPieces/n=%dKB", pattern, n>>10), func(b *testing.B) {
				b.SetBytes(int64(n))
				for b.Loop() {
					benchSink = wildcard.MatchPieces(pieces, s)
				}
			})
		}
	}
}
