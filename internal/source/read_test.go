package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "p.json")
	if err := os.WriteFile(file, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	if src, err := (Limits{MaxFileSize: 10}).ReadFile(file); err != nil || string(src) != "0123456789" {
		t.Errorf("at the limit: %q, %v", src, err)
	}
	for _, tt := range []struct {
		path  string
		limit int64
		want  string
	}{
		{file, 9, file + ": the file is larger than 9 bytes, the most iamsim reads of one file (raise it with --max-file-size)"},
		{dir, 0, dir + ": is a directory, not a file"},
		{filepath.Join(dir, "missing.json"), 0, filepath.Join(dir, "missing.json") + ": no such file or directory"},
	} {
		_, err := Limits{MaxFileSize: tt.limit}.ReadFile(tt.path)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ReadFile(%s) = %v, want %s", tt.path, err, tt.want)
		}
	}
	if _, err := (Limits{MaxFileSize: 4}).Read("<stdin>", strings.NewReader("12345")); err == nil || !strings.Contains(err.Error(), "larger than 4 bytes") {
		t.Errorf("Read past the limit: %v", err)
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{1: "1 byte", 1000: "1000 bytes", 1 << 10: "1 KiB", 3 << 20: "3 MiB", 1 << 30: "1 GiB", 1536: "1536 bytes"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}
