package cfn

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// The bounds of the work one template may ask for, so that hostile input
// gets an error instead of unbounded time or memory. CloudFormation's own
// quotas are far lower: 500 resources, 200 parameters, 1 MB of template
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
const (
	maxResources = 5000
	maxDepth     = 100      // nesting of intrinsic functions and values
	maxString    = 1 << 20  // bytes of one string an intrinsic builds
	maxBuilt     = 64 << 20 // bytes all the strings intrinsics build add up to
	maxSteps     = 2_000_000
	maxNesting   = 8   // nested stacks, one in another
	maxNested    = 100 // nested stacks' templates read for one template
)

// A template is one CloudFormation template being read.
type template struct {
	name  string
	src   []byte
	lines []int // offset of the start of each line
	opts  policydoc.Options
	// nest is where this template stands among nested stacks.
	nest nesting

	params     map[string]*param
	mappings   *yaml.Node
	conditions map[string]*condition
	resources  map[string]*resource
	order      []string   // logical IDs in template order
	sam        bool       // the template has the SAM transform
	globals    *yaml.Node // SAM's Globals section

	// wide holds, for each line with characters past ASCII that a node
	// stands on, the byte offset of each of its characters (nil for an
	// ASCII line).
	wide map[int][]int

	errs       policy.ErrorList
	steps      int
	builtBytes int // bytes Fn::Sub and Fn::Join built
}

// A param is a template parameter.
type param struct {
	typ  string
	def  *yaml.Node // Default, or nil
	node *yaml.Node
}

// A condition is an entry of the Conditions section, evaluated once.
type condition struct {
	node  *yaml.Node
	state condState
	// unknown names what an undecidable condition depends on.
	unknown string
}

type condState uint8

const (
	condTodo condState = iota
	condBusy
	condTrue
	condFalse
	condUnknown
	condFailed
)

// A resource is an entry of the Resources section.
type resource struct {
	id    string
	typ   string
	key   *yaml.Node // the logical ID's key
	node  *yaml.Node // the resource's mapping
	props *yaml.Node // Properties, or nil
	cond  string
	// attrs memoizes Ref ("") and GetAtt values; busy guards a cycle.
	attrs map[string]*val
	busy  map[string]bool
}

// prop returns the node of the resource's property name, or nil.
func (r *resource) prop(name string) *yaml.Node { return lookup(r.props, name) }

// lookup returns the value of key k of the mapping n, or nil.
func lookup(n *yaml.Node, k string) *yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if deref(n.Content[i]).Value == k {
			return deref(n.Content[i+1])
		}
	}
	return nil
}

// deref follows an alias to its anchor.
func deref(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	return source.Resolve(n)
}

// parseTemplate reads the sections of a template. A problem with the
// file or its sections is returned as a positioned error list.
func parseTemplate(name string, src []byte, opts policydoc.Options, nest nesting) (*template, error) {
	t := &template{name: name, src: src, opts: opts, nest: nest, lines: lineStarts(src),
		params: map[string]*param{}, conditions: map[string]*condition{}, resources: map[string]*resource{}}
	top, err := t.root()
	if err != nil {
		return nil, err
	}
	if top.Kind != yaml.MappingNode {
		return nil, policy.ErrorList{t.errAt(t.offset(top), "a template is a mapping of sections, not "+source.NodeKind(top))}
	}
	t.sam = isSAM(lookup(top, "Transform"))
	t.globals = lookup(top, "Globals")
	t.readParameters(lookup(top, "Parameters"))
	t.mappings = lookup(top, "Mappings")
	t.readConditions(lookup(top, "Conditions"))
	t.readResources(top)
	if len(t.errs) > 0 {
		return nil, t.errs
	}
	return t, nil
}

// root reads the template's document: a JSON template (one that starts
// with an object) as JSON, which CloudFormation requires it to be,
// anything else as YAML.
func (t *template) root() (*yaml.Node, error) {
	isJSON := strings.HasPrefix(strings.TrimLeft(string(t.src[:min(len(t.src), 4096)]), " \t\r\n"), "{")
	if isJSON && json.Valid(t.src) {
		return jsonNodes(t.src), nil
	}
	root, err := source.ParseYAML(t.name, t.src, "a template")
	if err != nil {
		var se *source.Error
		if errors.As(err, &se) {
			return nil, policy.ErrorList{{Pos: se.Pos, Code: policy.CodeInfrastructure, Msg: se.Msg, Line: t.line(se.Pos.Line)}}
		}
		if errors.Is(err, source.ErrEmpty) {
			return nil, policy.ErrorList{t.errAt(0, "the template is empty")}
		}
		return nil, err
	}
	if isJSON {
		// The YAML reader forgives what JSON does not (a trailing comma,
		// a comment); CloudFormation reads the template as JSON.
		var v any
		off, msg := policy.SyntaxMessage(t.src, json.Unmarshal(t.src, &v))
		return nil, policy.ErrorList{t.errAt(off, "invalid JSON: "+msg)}
	}
	return deref(root.Content[0]), nil
}

// isSAM reports whether a Transform section names the SAM transform.
func isSAM(n *yaml.Node) bool {
	n = deref(n)
	if n == nil {
		return false
	}
	if n.Kind == yaml.ScalarNode {
		return strings.HasPrefix(n.Value, "AWS::Serverless")
	}
	for _, c := range n.Content {
		if isSAM(c) {
			return true
		}
	}
	return false
}

func (t *template) readParameters(n *yaml.Node) {
	if n == nil {
		return
	}
	if !t.wantMap(n, "Parameters") {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if !t.wantMap(v, "parameter "+k.Value) {
			continue
		}
		p := &param{node: k, def: lookup(v, "Default")}
		if ty := lookup(v, "Type"); ty != nil {
			p.typ = ty.Value
		}
		t.params[k.Value] = p
	}
}

func (t *template) readConditions(n *yaml.Node) {
	if n == nil || !t.wantMap(n, "Conditions") {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		t.conditions[deref(n.Content[i]).Value] = &condition{node: deref(n.Content[i+1])}
	}
}

func (t *template) readResources(top *yaml.Node) {
	n := lookup(top, "Resources")
	if n == nil {
		t.errs = append(t.errs, t.errAt(t.offset(top), "the template has no Resources section"))
		return
	}
	if !t.wantMap(n, "Resources") {
		return
	}
	if len(n.Content)/2 > maxResources {
		t.errs = append(t.errs, t.errAt(t.offset(n), fmt.Sprintf("more than %d resources", maxResources)))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if _, dup := t.resources[k.Value]; dup {
			t.errs = append(t.errs, t.errAt(t.offset(k), fmt.Sprintf("duplicate logical ID %q", k.Value)))
			continue
		}
		if !t.wantMap(v, "resource "+k.Value) {
			continue
		}
		r := &resource{id: k.Value, key: k, node: v, attrs: map[string]*val{}, busy: map[string]bool{}}
		ty := lookup(v, "Type")
		if ty == nil || ty.Kind != yaml.ScalarNode || ty.Value == "" {
			t.errs = append(t.errs, t.errAt(t.offset(k), fmt.Sprintf("resource %s has no Type", k.Value)))
			continue
		}
		r.typ = ty.Value
		if p := lookup(v, "Properties"); p != nil && t.wantMap(p, "the Properties of "+k.Value) {
			r.props = p
		}
		if c := lookup(v, "Condition"); c != nil {
			r.cond = c.Value
			if _, ok := t.conditions[c.Value]; !ok {
				t.errs = append(t.errs, t.errAt(t.offset(c), fmt.Sprintf("resource %s names condition %q, which the Conditions section does not define", k.Value, c.Value)))
				continue
			}
		}
		t.resources[k.Value] = r
		t.order = append(t.order, k.Value)
	}
}

// wantMap reports whether n is a mapping, recording an error if not.
func (t *template) wantMap(n *yaml.Node, what string) bool {
	if n.Kind == yaml.MappingNode {
		return true
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return false
	}
	t.errs = append(t.errs, t.errAt(t.offset(n), fmt.Sprintf("%s should be a mapping, not %s", what, source.NodeKind(n))))
	return false
}

// errAt returns a problem at offset off of the template.
func (t *template) errAt(off int, msg string) *policy.Error {
	p := t.pos(off)
	return &policy.Error{Pos: p, Code: policy.CodeInfrastructure, Msg: msg, Line: t.line(p.Line)}
}

// pos returns the position of offset off.
func (t *template) pos(off int) policy.Pos {
	off = max(0, min(off, len(t.src)))
	ln := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off })
	col := off - t.lines[ln-1]
	if runes := t.runes(ln); runes != nil {
		col = sort.SearchInts(runes, off)
	}
	return policy.Pos{File: t.name, Line: ln, Col: col + 1}
}

// line returns the text of line n, 1-based.
func (t *template) line(n int) string {
	if n < 1 || n > len(t.lines) {
		return ""
	}
	end := len(t.src)
	if n < len(t.lines) {
		end = t.lines[n] - 1
	}
	return strings.TrimSuffix(string(t.src[t.lines[n-1]:end]), "\r")
}

// offset returns the byte offset where node n starts: its tag, quote or
// first character.
func (t *template) offset(n *yaml.Node) int {
	if n == nil || n.Line < 1 || n.Line > len(t.lines) {
		return 0
	}
	start, end := t.lineSpan(n.Line)
	col := max(n.Column-1, 0)
	runes := t.runes(n.Line)
	if runes == nil {
		return min(start+col, end)
	}
	if col >= len(runes) {
		return end
	}
	return runes[col]
}

// lineSpan returns where line n (1-based) starts and ends, before its
// line feed.
func (t *template) lineSpan(n int) (int, int) {
	end := len(t.src)
	if n < len(t.lines) {
		end = t.lines[n] - 1
	}
	return t.lines[n-1], end
}

// runes returns the byte offset of each character of line n, or nil
// when the line is ASCII, where characters are bytes. YAML counts
// columns in characters; finding a line's offsets once keeps a long
// line (a minified JSON template) from costing its length per node.
func (t *template) runes(n int) []int {
	if offs, seen := t.wide[n]; seen {
		return offs
	}
	start, end := t.lineSpan(n)
	var offs []int
	for i := start; i < end; i++ {
		if t.src[i] >= utf8.RuneSelf {
			for j := start; j < end; {
				offs = append(offs, j)
				_, size := utf8.DecodeRune(t.src[j:end])
				j += size
			}
			break
		}
	}
	if t.wide == nil {
		t.wide = map[int][]int{}
	}
	t.wide[n] = offs
	return offs
}

// content returns the offset of a scalar's first character: past its
// tag and opening quote.
func (t *template) content(n *yaml.Node) int {
	off := t.offset(n)
	if off < len(t.src) && t.src[off] == '!' {
		for off < len(t.src) && t.src[off] != ' ' && t.src[off] != '\n' && t.src[off] != '[' && t.src[off] != '{' {
			off++
		}
		for off < len(t.src) && t.src[off] == ' ' {
			off++
		}
	}
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && off < len(t.src) && (t.src[off] == '"' || t.src[off] == '\'') {
		off++
	}
	return off
}

// verbatim reports whether s stands character for character in the
// template at offset at.
func (t *template) verbatim(s string, at int) bool {
	return at >= 0 && at+len(s) <= len(t.src) && string(t.src[at:at+len(s)]) == s
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}
