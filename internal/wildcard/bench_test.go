package wildcard_test

import (
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
