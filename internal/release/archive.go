package release

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// File is one file of an archive.
type File struct {
	Name string      // its name inside the archive's top directory
	Mode fs.FileMode // permission bits: 0o755 for the binary, 0o644 otherwise
	Data []byte
}

// WriteTarGz writes files under the directory dir as a gzip-compressed tar.
// Every header carries mtime and owner 0 and the gzip header no name or
// time, so the same files give the same bytes.
func WriteTarGz(w io.Writer, dir string, files []File, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	header := func(name string, typ byte, mode fs.FileMode, size int64) *tar.Header {
		return &tar.Header{
			Typeflag: typ, Name: name, Mode: int64(mode.Perm()), Size: size,
			ModTime: mtime.UTC(), Format: tar.FormatUSTAR,
		}
	}
	if err := tw.WriteHeader(header(dir+"/", tar.TypeDir, 0o755, 0)); err != nil {
		return err
	}
	for _, f := range sortedFiles(files) {
		if err := tw.WriteHeader(header(path.Join(dir, f.Name), tar.TypeReg, f.Mode, int64(len(f.Data)))); err != nil {
			return err
		}
		if _, err := tw.Write(f.Data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// WriteZip writes files under the directory dir as a zip, every entry
// deflated and dated mtime in UTC, so the same files give the same bytes.
func WriteZip(w io.Writer, dir string, files []File, mtime time.Time) error {
	zw := zip.NewWriter(w)
	dirHeader := &zip.FileHeader{Name: dir + "/", Method: zip.Store, Modified: mtime.UTC()}
	dirHeader.SetMode(fs.ModeDir | 0o755)
	if _, err := zw.CreateHeader(dirHeader); err != nil {
		return err
	}
	for _, f := range sortedFiles(files) {
		h := &zip.FileHeader{Name: path.Join(dir, f.Name), Method: zip.Deflate, Modified: mtime.UTC()}
		h.SetMode(f.Mode.Perm())
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func sortedFiles(files []File) []File {
	out := append([]File(nil), files...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// WriteChecksums writes SHA256SUMS in dir: one line per named file of dir,
// sorted by name, in the "HEX  NAME" form that sha256sum -c and
// shasum -a 256 -c read.
func WriteChecksums(dir string, names []string) error {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	var b strings.Builder
	for _, name := range sorted {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), name)
	}
	return os.WriteFile(filepath.Join(dir, ChecksumsFile), []byte(b.String()), 0o644)
}

// ChecksumsFile is the name of the checksums file next to the archives.
const ChecksumsFile = "SHA256SUMS"
