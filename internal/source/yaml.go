package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/policy"
)

// maxAliasNodes is the most nodes the aliases of one YAML file may add
// when expanded. Scenarios share a few anchored values; a file whose
// aliases multiply into millions of nodes (the "billion laughs") is
// refused before anything walks it.
const maxAliasNodes = 100_000

// ErrEmpty is ParseYAML's error for a file that holds no YAML document.
var ErrEmpty = errors.New("empty file")

// ParseYAML reads the single YAML document of src strictly, for a file
// that must hold exactly one: text that is not UTF-8 or starts with a
// byte order mark, a tab in the indentation, an alias without anchor, a
// second document, trailing data and aliases that expand without bound
// are errors (*Error) with a position. A file without a document returns
// ErrEmpty. what names the kind of file in messages ("a scenario").
// Scenarios, context files, lint configurations, organization files and
// manifests are read with it; it does not check keys, which each reader
// knows and checks with Mapping.
func ParseYAML(path string, src []byte, what string) (*yaml.Node, error) {
	loc := policy.NewLocator(path, src)
	if err := checkText(loc, src); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if err == io.EOF {
			return nil, ErrEmpty
		}
		if jerr := jsonError(path, loc, src); jerr != nil {
			return nil, jerr
		}
		return nil, yamlError(loc, src, err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err == nil:
		return nil, &Error{Pos: policy.Pos{File: path, Line: next.Line, Col: next.Column},
			Msg: fmt.Sprintf("a second YAML document: %s file holds one document", what)}
	default:
		pos := trailingPos(loc, src, &root)
		if !pos.IsValid() {
			pos = yamlError(loc, src, err).(*Error).Pos
		}
		return nil, &Error{Pos: pos, Msg: fmt.Sprintf("data after the end of the document: %s file holds one document", what)}
	}
	if err := checkAliases(path, &root); err != nil {
		return nil, err
	}
	return &root, nil
}

// checkText reports what YAML readers reject or misread in raw text,
// with the exact position: a byte order mark, bytes that are not UTF-8,
// control characters and a carriage return alone (old Mac line endings).
func checkText(loc *policy.Locator, src []byte) error {
	switch {
	case bytes.HasPrefix(src, []byte("\xef\xbb\xbf")):
		return &Error{Pos: loc.Pos(0), Msg: "the file starts with a UTF-8 byte order mark; save it without one"}
	case bytes.HasPrefix(src, []byte("\xff\xfe")), bytes.HasPrefix(src, []byte("\xfe\xff")):
		return &Error{Pos: loc.Pos(0), Msg: "the file is UTF-16 (it starts with a byte order mark); save it as UTF-8"}
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return &Error{Pos: loc.Pos(i), Msg: "invalid UTF-8"}
		case !printable(r):
			return &Error{Pos: loc.Pos(i), Msg: fmt.Sprintf("control character %U is not allowed in YAML", r)}
		case r == '\r' && (i+1 == len(src) || src[i+1] != '\n'):
			// YAML reads a lone CR as a line break and iamsim does not, so
			// their line numbers would disagree.
			return &Error{Pos: loc.Pos(i), Msg: "a carriage return without a line feed: save the file with LF or CRLF line endings"}
		}
		i += size
	}
	return nil
}

// printable reports whether YAML allows r in a file (YAML 1.2,
// c-printable).
func printable(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0x7e) || r == 0x85 ||
		(r >= 0xa0 && r <= 0xd7ff) || (r >= 0xe000 && r <= 0xfffd) || (r >= 0x10000 && r <= 0x10ffff)
}

var (
	yamlLine      = regexp.MustCompile(`^line (\d+): (.*)$`)
	unknownAnchor = regexp.MustCompile(`unknown anchor '(.*)' referenced`)
)

// jsonError reports the JSON syntax error of a .json file that YAML could
// not read either, in JSON's terms and at its exact position; nil for
// other files.
func jsonError(path string, loc *policy.Locator, src []byte) error {
	if !strings.EqualFold(filepath.Ext(path), ".json") {
		return nil
	}
	var v any
	var se *json.SyntaxError
	err := json.Unmarshal(src, &v)
	if !errors.As(err, &se) {
		return nil
	}
	// In the words policy files get.
	off, msg := policy.SyntaxMessage(src, err)
	return &Error{Pos: loc.Pos(off), Msg: msg}
}

// yamlError gives a YAML syntax error the file:line:col form. The YAML
// reader reports a line only, and not always the right one: markLine
// finds the line of the construct it names and syntaxLocation the column
// (yamlpos.go).
func yamlError(loc *policy.Locator, src []byte, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		if off := aliasOffset(src, m[1]); off >= 0 {
			return &Error{Pos: loc.Pos(off), Msg: fmt.Sprintf("alias *%s names no anchor: define &%s before it", m[1], m[1])}
		}
	}
	if exact := markLine(src, msg); exact > 0 {
		line = exact
	}
	if strings.Contains(msg, "tab character") || strings.Contains(msg, "cannot start any token") {
		if off := indentTab(src, line); off >= 0 {
			return &Error{Pos: loc.Pos(off), Msg: "a tab in the indentation: YAML indents with spaces only"}
		}
	}
	off, text := syntaxLocation(src, line, msg)
	return &Error{Pos: loc.Pos(off), Msg: text}
}

// aliasOffset returns the offset of the first alias *name in src, or -1.
func aliasOffset(src []byte, name string) int {
	token := []byte("*" + name)
	for from := 0; ; {
		i := bytes.Index(src[from:], token)
		if i < 0 {
			return -1
		}
		end := from + i + len(token)
		if end == len(src) || bytes.IndexByte([]byte(" \t\r\n,]}"), src[end]) >= 0 {
			return from + i
		}
		from = end
	}
}

// indentTab returns the offset of the first tab in the indentation of a
// line with content, preferring line from on (the YAML reader's report
// may fall a line short), or -1.
func indentTab(src []byte, from int) int {
	first := -1
	start := 0
	for line := 1; start < len(src); line++ {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		text := src[start:end]
		indent := len(text) - len(bytes.TrimLeft(text, " \t"))
		if tab := bytes.IndexByte(text[:indent], '\t'); tab >= 0 && len(bytes.TrimSpace(text)) > 0 {
			if line >= from {
				return start + tab
			}
			if first < 0 {
				first = start + tab
			}
		}
		start = end + 1
	}
	return first
}

// trailingPos returns where data follows a JSON document, or an invalid
// position when root is not JSON.
func trailingPos(loc *policy.Locator, src []byte, root *yaml.Node) policy.Pos {
	if len(root.Content) == 0 || root.Content[0].Style&yaml.FlowStyle == 0 {
		return policy.Pos{}
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	var v json.RawMessage
	if dec.Decode(&v) != nil {
		return policy.Pos{}
	}
	off := int(dec.InputOffset())
	for off < len(src) && strings.IndexByte(" \t\r\n", src[off]) >= 0 {
		off++
	}
	return loc.Pos(off)
}

// checkAliases refuses an alias inside its own anchor and aliases that
// expand the document by more than maxAliasNodes nodes, at the alias
// where that happens. The expanded size is the count of the nodes of the
// document plus, for each alias in it, the expanded size of its anchor,
// so each node is visited once.
func checkAliases(path string, root *yaml.Node) error {
	a := &aliasCheck{path: path, sizes: map[*yaml.Node]int{}, open: map[*yaml.Node]bool{}}
	added := 0
	var walk func(n *yaml.Node) error
	walk = func(n *yaml.Node) error {
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil {
				return nil
			}
			s, err := a.size(n.Alias)
			if err != nil {
				return err
			}
			if added += s; added > maxAliasNodes {
				return &Error{Pos: policy.Pos{File: path, Line: n.Line, Col: n.Column},
					Msg: fmt.Sprintf("the aliases of this file expand it by more than %d nodes; write the values out or use fewer aliases", maxAliasNodes)}
			}
			return nil
		}
		for _, c := range n.Content {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(root)
}

// aliasCheck measures anchored nodes with their aliases expanded.
type aliasCheck struct {
	path  string
	sizes map[*yaml.Node]int  // expanded size of each anchored node measured, at most maxAliasNodes+1
	open  map[*yaml.Node]bool // anchored nodes being measured
}

func (a *aliasCheck) size(n *yaml.Node) (int, error) {
	if s, ok := a.sizes[n]; ok {
		return s, nil
	}
	if n.Anchor != "" {
		a.open[n] = true
		defer delete(a.open, n)
	}
	total := 1
	for _, c := range n.Content {
		s := 1
		if c.Kind == yaml.AliasNode && c.Alias != nil {
			if a.open[c.Alias] {
				return 0, &Error{Pos: policy.Pos{File: a.path, Line: c.Line, Col: c.Column},
					Msg: fmt.Sprintf("alias *%s is inside its own anchor", c.Value)}
			}
			c = c.Alias
		}
		if c.Kind != yaml.AliasNode {
			var err error
			if s, err = a.size(c); err != nil {
				return 0, err
			}
		}
		total = min(total+s, maxAliasNodes+1)
	}
	if n.Anchor != "" {
		a.sizes[n] = total
	}
	return total, nil
}
