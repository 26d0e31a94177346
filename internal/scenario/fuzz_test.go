package scenario

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// FuzzParseScenario checks that Parse and ParseContext never panic, and
// that every problem they report in the file itself points into it. It
// is seeded with the shipped scenarios and the hostile-input fixtures.
// Policy files named by a seed resolve against testdata/scenarios.
func FuzzParseScenario(f *testing.F) {
	for _, pattern := range []string{"../../testdata/scenarios/*.yaml", "../../testdata/hostile/*"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	path := filepath.Join("..", "..", "testdata", "scenarios", "fuzz.yaml")
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := bytes.Count(src, []byte("\n")) + 1
		check := func(err error) {
			var visit func(error)
			visit = func(err error) {
				if j, ok := err.(interface{ Unwrap() []error }); ok {
					for _, e := range j.Unwrap() {
						visit(e)
					}
					return
				}
				var pos policy.Pos
				var se *source.Error
				var pe *policy.Error
				switch {
				case errors.As(err, &se):
					pos = se.Pos
				case errors.As(err, &pe):
					pos = pe.Pos
				default:
					t.Fatalf("error %T without a position: %v", err, err)
				}
				if pos.File == path && (pos.Line < 1 || pos.Line > lines || pos.Col < 1) {
					t.Errorf("position %s is outside the %d-line input: %v", pos, lines, err)
				}
			}
			visit(err)
		}
		if _, err := Parse(path, src); err != nil {
			check(err)
		}
		if _, err := ParseContext(path, src); err != nil {
			check(err)
		}
	})
}

// BenchmarkBillionLaughs measures refusing an alias bomb of 9^9 nodes.
func BenchmarkBillionLaughs(b *testing.B) {
	src := []byte(billionLaughs("name"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("s.yaml", src); err == nil {
			b.Fatal("accepted")
		}
	}
}
