package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// FuzzLint lints arbitrary bytes as every kind of policy: linting never
// panics, every finding names a rule and a level, its span lies inside the
// input and does not run backwards, and linting the same input twice gives
// the same findings, also when it is worked out from linting the input as
// its detected kind (LintDetected). Seeds: every policy under testdata and every rule
// example.
func FuzzLint(f *testing.F) {
	for _, pattern := range []string{"testdata/lint/*.json", "testdata/policies/*.json", "testdata/policies/bad/*.json"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", pattern))
		for _, name := range files {
			src, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src, uint8(policy.DetectKind(src)))
		}
	}
	for _, r := range Rules() {
		f.Add([]byte(r.Bad.Policy), uint8(r.Bad.Kind))
		f.Add([]byte(r.Good.Policy), uint8(r.Good.Kind))
	}
	l := New(catalog.Default())
	kinds := policy.Kinds()
	f.Fuzz(func(t *testing.T, src []byte, k uint8) {
		kind := kinds[int(k)%len(kinds)]
		got := l.Lint("fuzz.json", src, kind)
		lines := strings.Split(string(src), "\n")
		for _, fd := range got {
			if fd.Rule == nil || fd.Level < Note || fd.Level > Error || fd.Message == "" {
				t.Fatalf("malformed finding %+v", fd)
			}
			checkInside(t, fd, fd.Pos, lines)
			checkInside(t, fd, fd.End, lines)
			if fd.End.Line < fd.Pos.Line || (fd.End.Line == fd.Pos.Line && fd.End.Col < fd.Pos.Col) {
				t.Fatalf("%s: span %v..%v runs backwards", fd.Rule.ID, fd.Pos, fd.End)
			}
		}
		again := l.Lint("fuzz.json", src, kind)
		if diff := cmp.Diff(describe(got), describe(again)); diff != "" {
			t.Fatalf("linting twice differs (-first +second):\n%s", diff)
		}
		d := l.lintDetected(l.Limits.NewLocator("fuzz.json", src))
		detected, same := d.as(kind)
		if same {
			detected = d.sorted()
		}
		if diff := cmp.Diff(describe(got), describe(detected)); diff != "" {
			t.Fatalf("linting as %v after detecting %v differs (-Lint +LintDetected):\n%s", kind, d.c.policyKind, diff)
		}
	})
}

// checkInside fails unless pos is a position of the source: a line that
// exists and a column at most one past its last character.
func checkInside(t *testing.T, fd Finding, pos policy.Pos, lines []string) {
	t.Helper()
	if pos.Line < 1 || pos.Line > len(lines) {
		t.Fatalf("%s: line %d outside the input's %d lines", fd.Rule.ID, pos.Line, len(lines))
	}
	if n := utf8.RuneCountInString(lines[pos.Line-1]); pos.Col < 1 || pos.Col > n+1 {
		t.Fatalf("%s: column %d outside line %d (%d characters)", fd.Rule.ID, pos.Col, pos.Line, n)
	}
}
