package batch

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzRun feeds arbitrary input to Run: it must never panic, and must
// give one JSON result per non-blank line (or per record of a log).
func FuzzRun(f *testing.F) {
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
	set := loadSet(f, "identity-app-new.json")
	f.Fuzz(func(t *testing.T, input []byte) {
		var out bytes.Buffer
		stats, err := Run("fuzz", bytes.NewReader(input), &out, Options{Resolve: fixed(set), Workers: 1, Trace: true})
		if err != nil {
			return // a read error (a broken gzip stream)
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if out.Len() == 0 {
			lines = nil
		}
		if len(lines) != stats.Records {
			t.Fatalf("%d results for %d records", len(lines), stats.Records)
		}
		for _, l := range lines {
			if !json.Valid([]byte(l)) {
				t.Fatalf("result is not JSON: %s", l)
			}
		}
	})
}
