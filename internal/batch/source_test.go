package batch

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/source"
)

// cloudTrailDay returns testdata/batch's CloudTrail log file, plain and
// gzip-compressed.
func cloudTrailDay(t *testing.T) (plain, gzipped []byte) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "batch", "cloudtrail-2026-11-20.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(src)
	zw.Close()
	return src, gz.Bytes()
}

// TestTrailLimit checks that a CloudTrail log file, which is read whole,
// is read no further than Options.TrailLimits allows, counted
// decompressed, and that the error names the file. Request lines are
// read a chunk at a time, whatever their size.
func TestTrailLimit(t *testing.T) {
	t.Parallel()
	src, gz := cloudTrailDay(t)
	lim := source.Limits{MaxFileSize: int64(len(src)) - 1, Flag: "--max-export-size"}
	opts := Options{Resolve: fixed(loadSet(t, "identity-app-new.json")), TrailLimits: lim}
	want := "trail.json: the file is larger than " + source.FormatSize(lim.MaxFileSize) + ", the most iamsim reads of one file (raise it with --max-export-size)"
	for name, input := range map[string][]byte{"plain": src, "gzip": gz} {
		if _, err := Run("trail.json", bytes.NewReader(input), io.Discard, opts); err == nil || err.Error() != want {
			t.Errorf("%s: error = %v, want %s", name, err, want)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "trail.json")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := RunDir(dir, io.Discard, opts); err == nil || err.Error() != strings.Replace(want, "trail.json", path, 1) {
		t.Errorf("in a directory: error = %v, want it to name %s", err, path)
	}

	opts.TrailLimits.MaxFileSize = int64(len(src))
	if _, err := Run("trail.json", bytes.NewReader(src), io.Discard, opts); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	lines := simpleLines(1000)
	opts.TrailLimits.MaxFileSize = 64
	if stats, err := Run("requests.jsonl", bytes.NewReader(lines), io.Discard, opts); err != nil || stats.Records != 1000 {
		t.Errorf("request lines: %d records, %v; want 1000 and no error", stats.Records, err)
	}
}
