package release

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var (
	testMtime = time.Unix(1767225600, 0)
	testFiles = []File{
		{Name: "iamsim", Mode: 0o755, Data: []byte("binary")},
		{Name: "LICENSE", Mode: 0o644, Data: []byte("licence")},
	}
)

// entry is what a reader sees of one archive entry.
type entry struct {
	Name string
	Mode fs.FileMode
	Time time.Time
	Data string
}

func readTarGz(t *testing.T, b []byte) []entry {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var out []entry
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, entry{h.Name, h.FileInfo().Mode(), h.ModTime.UTC(), string(data)})
	}
}

func readZip(t *testing.T, b []byte) []entry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out []entry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, entry{f.Name, f.Mode(), f.Modified.UTC(), string(data)})
	}
	return out
}

// TestArchives writes each kind of archive twice, checks that the bytes
// are the same, and reads the entries back: the top directory first, then
// the files by name, with their modes and the given date.
func TestArchives(t *testing.T) {
	want := []entry{
		{"top/", fs.ModeDir | 0o755, testMtime.UTC(), ""},
		{"top/LICENSE", 0o644, testMtime.UTC(), "licence"},
		{"top/iamsim", 0o755, testMtime.UTC(), "binary"},
	}
	for _, tc := range []struct {
		name  string
		write func(io.Writer, string, []File, time.Time) error
		read  func(*testing.T, []byte) []entry
	}{
		{"tar.gz", WriteTarGz, readTarGz},
		{"zip", WriteZip, readZip},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var first, second bytes.Buffer
			if err := tc.write(&first, "top", testFiles, testMtime); err != nil {
				t.Fatal(err)
			}
			// The same files in another order, in another time zone.
			reordered := []File{testFiles[1], testFiles[0]}
			if err := tc.write(&second, "top", reordered, testMtime.In(time.FixedZone("X", 5*3600))); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Errorf("the same files gave different bytes")
			}
			if diff := cmp.Diff(want, tc.read(t, first.Bytes())); diff != "" {
				t.Errorf("entries mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWriteChecksums checks SHA256SUMS's lines: sorted by name, in the
// form sha256sum -c reads.
func TestWriteChecksums(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"b.zip": "", "a.tar.gz": "abc"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteChecksums(dir, []string{"b.zip", "a.tar.gz"}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, ChecksumsFile))
	if err != nil {
		t.Fatal(err)
	}
	want := "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a.tar.gz\n" +
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  b.zip\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("SHA256SUMS mismatch (-want +got):\n%s", diff)
	}
	if err := WriteChecksums(dir, []string{"missing.zip"}); err == nil || !strings.Contains(err.Error(), "missing.zip") {
		t.Errorf("a missing archive: error %v, want one naming missing.zip", err)
	}
}
