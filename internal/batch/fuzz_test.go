package batch

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
)

// FuzzRun feeds arbitrary input to Run: it must never panic, and must
// give one JSON result per non-blank line (or per record of a log).
func FuzzRun(f *testing.F) {
	addSeeds(f)
	set := loadSet(f, "identity-app-new.json")
	f.Fuzz(func(t *testing.T, input []byte) {
		var out bytes.Buffer
		stats, err := Run("fuzz", bytes.NewReader(input), &out, Options{Resolve: fixed(set), Workers: 1, Trace: true})
		if err != nil {
			return // a read error (a broken gzip stream)
		}
		if lines := resultLines(t, out.String()); len(lines) != stats.Records {
			t.Fatalf("%d results for %d records", len(lines), stats.Records)
		}
	})
}

// FuzzReplayDiff feeds arbitrary input to a replay diff: it must never
// panic, and must write a JSON line for each malformed request and for
// each request whose decision changed or is unreliable, the changed ones
// with old and new decisions that differ.
func FuzzReplayDiff(f *testing.F) {
	addSeeds(f)
	oldSet, newSet := loadSet(f, "identity-app-old.json"), loadSet(f, "identity-app-new.json")
	opts := Options{Resolve: fixed(newSet), Workers: 1,
		Baseline: func(*evaluator.Request) (*evaluator.PolicySet, error) { return oldSet, nil }}
	f.Fuzz(func(t *testing.T, input []byte) {
		var out bytes.Buffer
		stats, err := Run("fuzz", bytes.NewReader(input), &out, opts)
		if err != nil {
			return // a read error (a broken gzip stream)
		}
		lines := resultLines(t, out.String())
		changed := 0
		for _, l := range lines {
			var r struct {
				Change   string
				Old, New struct{ Decision string }
			}
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				t.Fatal(err)
			}
			if r.Change != "" {
				changed++
				if r.Old.Decision == r.New.Decision {
					t.Fatalf("%s but the decisions are the same: %s", r.Change, l)
				}
			}
		}
		// An unreliable request is written whether or not it changed.
		if changed != stats.Changed || stats.Unreliable == 0 && len(lines) != stats.Errors+stats.Changed {
			t.Fatalf("%d lines, %d changed, for stats %+v", len(lines), changed, stats)
		}
	})
}

// addSeeds adds the request and CloudTrail files of testdata/batch, and
// each of their lines, to a fuzz target's corpus.
func addSeeds(f *testing.F) {
	for _, name := range []string{"requests.jsonl", "cloudtrail-2026-11-20.json"} {
		src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "batch", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
		for _, line := range strings.Split(string(src), "\n") {
			f.Add([]byte(line))
		}
	}
}

// resultLines splits a run's output into lines, each of which must be
// JSON.
func resultLines(t *testing.T, out string) []string {
	t.Helper()
	if out == "" {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for _, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Fatalf("result is not JSON: %s", l)
		}
	}
	return lines
}
