// Package source reads iamsim's inputs: policy, scenario, context,
// configuration and organization files, manifests and account exports,
// from a path or standard input, within Limits that travel with every
// read. An error names the file; a file larger than the limit is refused
// before it is read. YAML files are read strictly (ParseYAML), and the
// keys of their mappings checked in one wording (Mapping).
package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/iamsim/iamsim/policy"
)

// DefaultMaxFileSize is the most bytes iamsim reads of one policy,
// scenario, context or configuration file unless told otherwise: 1 MiB,
// 32 times AWS's largest policy quota (a KMS key policy, 32 KB).
const DefaultMaxFileSize = 1 << 20

// Limits bound what is read of one input file, and of each policy
// document parsed from it. The zero value reads with the defaults.
type Limits struct {
	// MaxFileSize is the most bytes read of one file; 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
	// Flag names the command-line flag that raises MaxFileSize, in the
	// message of a SizeError; "" means --max-file-size.
	Flag string
	// Policy bounds each policy document parsed from what is read
	// (docs/limits.md); a zero field means its default.
	Policy policy.Limits
}

func (l Limits) maxFileSize() int64 {
	if l.MaxFileSize <= 0 {
		return DefaultMaxFileSize
	}
	return l.MaxFileSize
}

// SizeError reports an input larger than the limit; nothing of it beyond
// the limit has been read.
type SizeError struct {
	Path  string
	Limit int64
	Flag  string // the flag that raises the limit; "" means --max-file-size
}

func (e *SizeError) Error() string {
	flag := e.Flag
	if flag == "" {
		flag = "--max-file-size"
	}
	return fmt.Sprintf("%s: the file is larger than %s, the most iamsim reads of one file (raise it with %s)", e.Path, FormatSize(e.Limit), flag)
}

// FormatSize renders a byte count in the largest binary unit that divides
// it: 1 MiB, 512 KiB, 1000 bytes.
func FormatSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadFile reads a whole input file: a directory, a file it may not read
// and a file larger than the limit are errors naming the file, and no
// more than the limit is ever held in memory.
func (l Limits) ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, FileError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, FileError(path, err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a file", path)
	}
	if info.Mode().IsRegular() && info.Size() > l.maxFileSize() {
		return nil, &SizeError{Path: path, Limit: l.maxFileSize(), Flag: l.Flag}
	}
	return l.Read(path, f)
}

// Read reads r to its end, as ReadFile does; name labels errors. It
// serves standard input and other streams whose size is not known ahead.
func (l Limits) Read(name string, r io.Reader) ([]byte, error) {
	max := l.maxFileSize()
	src, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, FileError(name, err)
	}
	if int64(len(src)) > max {
		return nil, &SizeError{Path: name, Limit: max, Flag: l.Flag}
	}
	return src, nil
}

// FileError turns a file system error into one clear message that starts
// with the path.
func FileError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file or directory", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied", path)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", path, pe.Err)
	}
	return fmt.Errorf("%s: %v", path, err)
}

// DefaultMaxExportSize is the most bytes iamsim reads of one file that
// AWS writes and iamsim reads whole, an account export or a CloudTrail
// log file, unless told otherwise: 1 GiB. An account may hold 5,000
// users, 5,000 roles and 5,000 customer managed policies of up to 5
// versions of 6,144 characters each (reference_iam-quotas.md), so a
// worst-case export is a few hundred MB (docs/limits.md).
const DefaultMaxExportSize = 1 << 30

// Export returns the limits of such a file: at most size bytes (0 means
// DefaultMaxExportSize), raised with --max-export-size, and each policy
// parsed from it within l's policy limits.
func (l Limits) Export(size int64) Limits {
	if size <= 0 {
		size = DefaultMaxExportSize
	}
	return Limits{MaxFileSize: size, Flag: "--max-export-size", Policy: l.Policy}
}
