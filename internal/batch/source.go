package batch

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/iamsim/iamsim/internal/source"
)

// Run decides the requests of one input, named name in results and
// errors: JSON lines, or a CloudTrail log file ({"Records": [...]}),
// gzip-compressed or plain, told apart by their first bytes. Results go
// to w, one line each, in input order. It returns ErrStrict when
// Options.Strict stopped it.
func Run(name string, r io.Reader, w io.Writer, opts Options) (Stats, error) {
	return run(func(next func() *chunk, send func(*chunk)) error {
		_, err := readInput(name, "", r, opts.trailLimits(), next, send)
		return err
	}, w, opts)
}

// RunDir decides the requests of every file under dir whose name ends in
// .json, .jsonl, .json.gz or .jsonl.gz, in lexical order of their paths;
// CloudTrail digest files are skipped. Results name their file.
func RunDir(dir string, w io.Writer, opts Options) (Stats, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		base := strings.TrimSuffix(name, ".gz")
		if d.Type().IsRegular() && (strings.HasSuffix(base, ".json") || strings.HasSuffix(base, ".jsonl")) && !strings.Contains(name, "CloudTrail-Digest") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return Stats{}, err
	}
	sort.Strings(files)
	return run(func(next func() *chunk, send func(*chunk)) error {
		for _, path := range files {
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			more, err := readInput(path, path, f, opts.trailLimits(), next, send)
			f.Close()
			if err != nil || !more {
				return err
			}
		}
		return nil
	}, w, opts)
}

// readInput reads one input into chunks, a CloudTrail log file within
// trail; more is false when the run was stopped.
func readInput(name, label string, r io.Reader, trail source.Limits, next func() *chunk, send func(*chunk)) (more bool, err error) {
	br := bufio.NewReaderSize(r, 256<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return false, fmt.Errorf("%s: %v", name, err)
		}
		defer gz.Close()
		br = bufio.NewReaderSize(gz, 256<<10)
	}
	head, _ := br.Peek(4096)
	if isCloudTrail(head) {
		return readTrail(name, label, br, trail, next, send)
	}
	return readLines(name, label, br, next, send)
}

// isCloudTrail reports whether a document starts as a CloudTrail log
// file: an object whose first member is "Records".
func isCloudTrail(head []byte) bool {
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	head = bytes.TrimLeft(head[1:], " \t\r\n")
	return bytes.HasPrefix(head, []byte(`"Records"`))
}

// readLines reads JSON lines into chunks: about chunkBytes of whole
// lines each, read straight into the chunk's buffer, then converted to
// one string whose slices the lines are. Blank lines are skipped but
// counted.
func readLines(name, label string, r io.Reader, next func() *chunk, send func(*chunk)) (bool, error) {
	lineNo := 0
	var carry []byte // the start of a line that the last chunk cut
	eof := false
	for !eof || len(carry) > 0 {
		c := next()
		if c == nil {
			return false, nil
		}
		c.file, c.label = name, label
		c.data = append(c.data[:0], carry...)
		carry = carry[:0]
		end := -1 // just past the chunk's last line break; carry has none
		for !eof && (len(c.data) < chunkBytes || end < 0) {
			want := max(chunkBytes-len(c.data), 4096) // then look for the line's end
			if cap(c.data)-len(c.data) < want {
				grown := make([]byte, len(c.data), len(c.data)+max(want, chunkBytes))
				copy(grown, c.data)
				c.data = grown
			}
			n, err := r.Read(c.data[len(c.data) : len(c.data)+want])
			if i := bytes.LastIndexByte(c.data[len(c.data):len(c.data)+n], '\n'); i >= 0 {
				end = len(c.data) + i + 1
			}
			c.data = c.data[:len(c.data)+n]
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return false, fmt.Errorf("%s: %v", name, err)
			}
		}
		if eof {
			end = len(c.data) // the last line may lack its line break
		}
		carry = append(carry, c.data[end:]...)
		text := string(c.data[:end])
		for start := 0; start < len(text); {
			stop := strings.IndexByte(text[start:], '\n')
			if stop < 0 {
				stop = len(text)
			} else {
				stop += start
			}
			lineNo++
			line := strings.TrimSuffix(text[start:stop], "\r")
			if strings.TrimSpace(line) != "" {
				c.items = append(c.items, item{raw: line, line: lineNo})
			}
			start = stop + 1
		}
		send(c)
	}
	return true, nil
}

// readTrail reads a CloudTrail log file, whole (AWS delivers a file
// every five minutes or so per region; each is small) but no more of it
// than lim allows, decompressed, and gives its records in chunks.
func readTrail(name, label string, r io.Reader, lim source.Limits, next func() *chunk, send func(*chunk)) (bool, error) {
	src, err := lim.Read(name, r)
	if err != nil {
		return false, err
	}
	text := string(src)
	c := next()
	if c == nil {
		return false, nil
	}
	c.file, c.label = name, label
	if !gjson.Valid(text) {
		c.items = append(c.items, item{raw: text, line: 1, err: syntaxError(text)})
		send(c)
		return true, nil
	}
	records := gjson.Get(text, "Records")
	if !records.IsArray() {
		c.items = append(c.items, item{raw: text, line: 1, err: errorAt(records.Index, "Records must be a list of CloudTrail records, not %s", typeName(records))})
		send(c)
		return true, nil
	}
	line, pos, n := 1, 0, 0
	stopped := false
	records.ForEach(func(_, rec gjson.Result) bool {
		line += strings.Count(text[pos:rec.Index], "\n")
		pos = rec.Index
		n++
		if len(c.items) == chunkItems {
			send(c)
			if c = next(); c == nil {
				stopped = true
				return false
			}
			c.file, c.label = name, label
		}
		col := rec.Index - (strings.LastIndexByte(text[:rec.Index], '\n') + 1)
		c.items = append(c.items, item{raw: rec.Raw, line: line, col: col, record: n})
		return true
	})
	if stopped {
		return false, nil
	}
	send(c)
	return true, nil
}
