package release

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Target is one platform iamsim is released for.
type Target struct{ OS, Arch string }

// Targets are the platforms of a release: Linux, macOS and Windows, each
// on amd64 and arm64.
var Targets = []Target{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

// VersionVar is the variable that -ldflags -X stamps with the version.
const VersionVar = "github.com/iamsim/iamsim/internal/cli.Version"

// BuildFlags are the go build flags of every release binary, the
// Dockerfile's included: no file system paths (-trimpath), no build ID,
// VCS stamp or symbol table that would vary between checkouts, and the
// version stamped.
func BuildFlags(version string) []string {
	return []string{"-trimpath", "-buildvcs=false", "-ldflags", "-s -w -buildid= -X " + VersionVar + "=" + version}
}

// Name is the base name of t's archive and of its top directory.
func (t Target) Name(version string) string {
	return fmt.Sprintf("iamsim_%s_%s_%s", version, t.OS, t.Arch)
}

// Archive is the file name of t's archive: a zip for Windows, a tar.gz
// for the others.
func (t Target) Archive(version string) string {
	if t.OS == "windows" {
		return t.Name(version) + ".zip"
	}
	return t.Name(version) + ".tar.gz"
}

// Options say what Dist builds.
type Options struct {
	Root    string    // the repository: where go build runs, LICENSE and README.md are read
	Out     string    // the directory the archives and SHA256SUMS are written to
	Version string    // stamped into the binaries and named in the archives
	Mtime   time.Time // the date of every archive entry (the commit's, for a release)
	Go      string    // the go command; "go" when empty
}

// Dist builds the binary of every target statically (CGO_ENABLED=0), packs
// each with LICENSE and README.md, and writes SHA256SUMS. It returns the
// archives' names.
func Dist(opts Options) ([]string, error) {
	if err := checkVersion(opts.Version); err != nil {
		return nil, err
	}
	var docs []File
	for _, name := range []string{"LICENSE", "README.md"} {
		data, err := os.ReadFile(filepath.Join(opts.Root, name))
		if err != nil {
			return nil, err
		}
		docs = append(docs, File{Name: name, Mode: 0o644, Data: data})
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "iamsim-dist-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	var names []string
	for _, t := range Targets {
		bin, err := build(opts, t, tmp)
		if err != nil {
			return nil, err
		}
		name := t.Archive(opts.Version)
		if err := writeArchive(filepath.Join(opts.Out, name), t, opts, append(docs, bin)); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, WriteChecksums(opts.Out, names)
}

// checkVersion refuses a version that cannot be part of a file name.
func checkVersion(v string) error {
	if v == "" || strings.ContainsAny(v, "/\\ \t\n:*?\"<>|") {
		return fmt.Errorf("version %q: want a non-empty name without spaces, slashes or :*?\"<>|", v)
	}
	return nil
}

// build runs go build for t and returns the binary as an archive file.
func build(opts Options, t Target, tmp string) (File, error) {
	exe := "iamsim"
	if t.OS == "windows" {
		exe += ".exe"
	}
	out := filepath.Join(tmp, t.OS+"_"+t.Arch, exe)
	goCmd := opts.Go
	if goCmd == "" {
		goCmd = "go"
	}
	args := append(append([]string{"build"}, BuildFlags(opts.Version)...), "-o", out, "./cmd/iamsim")
	cmd := exec.Command(goCmd, args...)
	cmd.Dir = opts.Root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.OS, "GOARCH="+t.Arch)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return File{}, fmt.Errorf("go build for %s/%s: %v\n%s", t.OS, t.Arch, err, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return File{}, err
	}
	return File{Name: exe, Mode: 0o755, Data: data}, nil
}

func writeArchive(path string, t Target, opts Options, files []File) error {
	var buf bytes.Buffer
	var err error
	if t.OS == "windows" {
		err = WriteZip(&buf, t.Name(opts.Version), files, opts.Mtime)
	} else {
		err = WriteTarGz(&buf, t.Name(opts.Version), files, opts.Mtime)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
