package scenario

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/iac"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

var policyKeys = []string{"identity", "resource", ResourcePolicyTypeKey, "boundary", "session", "endpoint", "scps", "rcps"}

func (l *loader) policies(n *yaml.Node, p *evaluator.Policies) {
	var resource, kindNode *yaml.Node
	l.mapping(n, "policies", policyKeys, func(key string, v *yaml.Node) {
		switch key {
		case "identity":
			for _, item := range l.documentList(v, "identity", "identity: [ {file: policy.json} ]") {
				if d := l.document(item, policy.Identity); d != nil {
					p.Identity = append(p.Identity, d)
				}
			}
		case "resource":
			resource = v // read once its kind is known
		case ResourcePolicyTypeKey:
			kindNode = v
		case "boundary":
			p.Boundary = l.document(v, policy.Boundary)
		case "session":
			p.Session = l.document(v, policy.Session)
		case "endpoint":
			p.Endpoint = l.document(v, policy.Endpoint)
		case "scps":
			p.SCPs = l.levels(v, "scps", policy.SCP)
		case "rcps":
			p.RCPs = l.levels(v, "rcps", policy.RCP)
		}
	})
	switch kind, given := l.resourcePolicyType(kindNode); {
	case given && resource == nil:
		l.errorf(kindNode, "%s says how to read the resource policy: give policies' resource too", ResourcePolicyTypeKey)
	case resource == nil:
	case given:
		p.Resource = l.readDocument(resource, kind, false)
	default:
		p.Resource = l.document(resource, policy.Resource)
	}
}

// resourcePolicyType reads resourcePolicyType: resource or trust; given
// is false when the key is absent (the kind is then detected) or wrong.
func (l *loader) resourcePolicyType(n *yaml.Node) (policy.Kind, bool) {
	if n == nil {
		return 0, false
	}
	s, ok := l.scalar(n, ResourcePolicyTypeKey)
	if !ok {
		return 0, false
	}
	switch s {
	case "resource":
		return policy.Resource, true
	case "trust":
		return policy.Trust, true
	}
	l.errorf(n, "%s %q: want resource or trust", ResourcePolicyTypeKey, s)
	return 0, false
}

// documentList returns the items of a list of documents; a single
// document in its place is an error, not a guess.
func (l *loader) documentList(n *yaml.Node, what, example string) []*yaml.Node {
	n = source.Resolve(n)
	if n.Kind == yaml.MappingNode {
		l.errorf(n, "%s must be a list of policy documents, not a single document; write %s", what, example)
		return nil
	}
	return l.list(n, what)
}

// levels reads an SCP or RCP chain: a list of levels from the root, each
// a list of documents.
func (l *loader) levels(n *yaml.Node, what string, kind policy.Kind) [][]*policy.Document {
	var out [][]*policy.Document
	for i, level := range l.documentList(n, what, what+": [ [ {file: root.json} ], [ {file: ou.json} ] ]") {
		items := l.documentList(level, what+" level "+itoa(i+1), what+": [ [ {file: root.json} ] ]: each level is a list")
		var docs []*policy.Document
		for _, item := range items {
			if d := l.document(item, kind); d != nil {
				docs = append(docs, d)
			}
		}
		if len(items) == 0 && source.Resolve(level).Kind == yaml.SequenceNode {
			l.errorf(level, "%s level %d is empty: every level of an organization has at least one policy", what, i+1)
		}
		out = append(out, docs)
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }

// document reads one policy: {file: path} relative to the scenario, or an
// inline policy document. A resource policy's kind (resource-based or
// role trust policy) is detected from its content.
func (l *loader) document(n *yaml.Node, kind policy.Kind) *policy.Document {
	return l.readDocument(n, kind, kind == policy.Resource)
}

// readDocument reads one policy as document does, as a policy of kind,
// or, when detect is set, of the kind its content shows: then a problem
// the kind decides says what was detected and how to choose the other
// (resourcePolicyType:).
func (l *loader) readDocument(n *yaml.Node, kind policy.Kind, detect bool) *policy.Document {
	n = source.Resolve(n)
	if n.Kind != yaml.MappingNode {
		hint := ""
		if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
			hint = fmt.Sprintf(": for a file, write {file: %s}", n.Value)
		}
		l.errorf(n, "a policy is {file: path} or an inline policy document, not %s%s", source.NodeKind(n), hint)
		return nil
	}
	if len(n.Content) > 2 {
		for i := 0; i < len(n.Content); i += 2 {
			if n.Content[i].Value != "file" {
				continue
			}
			// {file: path, ...} is neither form: not an inline document.
			other := n.Content[0]
			if i == 0 {
				other = n.Content[2]
			}
			l.errorf(other, "unknown key %q beside file: a policy is {file: path} or an inline policy document", other.Value)
			return nil
		}
	}
	var name string
	var src []byte
	if len(n.Content) == 2 && n.Content[0].Value == "file" {
		file, ok := l.scalar(n.Content[1], "file")
		if !ok {
			return nil
		}
		name = source.Beside(l.dir, file)
		if path, selector, ok := iac.SplitRef(name); ok {
			return l.codeDocument(n.Content[1], path, selector, kind, detect)
		}
		b, err := l.opts.Limits.ReadFile(name)
		if err != nil {
			l.errorf(n.Content[1], "%v", err)
			return nil
		}
		if iac.DetectFile(name, b) != iac.None {
			return l.codeDocument(n.Content[1], name, "", kind, detect)
		}
		src = b
	} else {
		name, src = l.path, inlineJSON(n)
	}
	var doc *policy.Document
	var err error
	if detect {
		doc, err = ParseDetected(name, src, ResourcePolicyTypeKey+":", l.opts.Limits.Policy)
	} else {
		doc, err = l.opts.Limits.Policy.Parse(name, src, kind)
	}
	if err != nil {
		for _, e := range err.(policy.ErrorList) {
			l.errs = append(l.errs, e)
		}
		return nil
	}
	return doc
}

// codeDocument reads the policy of infrastructure code that a policy's
// file, at node at, names: path's policy that selector names, or its only
// one (docs/iac.md).
func (l *loader) codeDocument(at *yaml.Node, path, selector string, kind policy.Kind, detect bool) *policy.Document {
	code := l.opts.Code
	if code == nil {
		code = &iac.Reader{Limits: l.opts.Limits}
		l.opts.Code = code
	}
	set, _, err := code.Read(path)
	var p *policydoc.Policy
	if err == nil {
		p, err = iac.SelectOne(set, path, selector)
	}
	if err != nil {
		if list, ok := err.(policy.ErrorList); ok {
			for _, e := range list {
				l.errs = append(l.errs, e)
			}
		} else {
			l.errorf(at, "%v", err)
		}
		return nil
	}
	doc, err := p.Parse(l.opts.Limits.Policy, iac.KindAs(p, kind, detect))
	if err != nil {
		for _, e := range err.(policy.ErrorList) {
			l.errs = append(l.errs, e)
		}
		return nil
	}
	return doc
}

// inlineJSON renders an inline policy written in YAML as JSON whose
// tokens stand on the same lines as in the scenario file, so that the
// policy's positions point into the scenario file. Values keep their
// columns; a plain YAML key gains a JSON quote one column to its left.
func inlineJSON(n *yaml.Node) []byte {
	w := &jsonWriter{line: 1, col: 1}
	w.node(n)
	return []byte(w.b.String())
}

type jsonWriter struct {
	b         strings.Builder
	line, col int
}

// moveTo pads with newlines and spaces up to shift columns before a
// node's position, when ahead of it.
func (w *jsonWriter) moveTo(n *yaml.Node, shift int) {
	for w.line < n.Line {
		w.b.WriteByte('\n')
		w.line, w.col = w.line+1, 1
	}
	for w.line == n.Line && w.col < n.Column-shift {
		w.b.WriteByte(' ')
		w.col++
	}
}

func (w *jsonWriter) write(s string) {
	w.b.WriteString(s)
	w.col += utf8.RuneCountInString(s)
}

func (w *jsonWriter) node(n *yaml.Node) {
	n = source.Resolve(n)
	switch {
	case n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle == 0:
		w.moveTo(n, 2) // a block mapping starts at its first key
	case n.Kind == yaml.SequenceNode && n.Style&yaml.FlowStyle == 0:
		w.moveTo(n, 1) // a block sequence starts at its first "-"
	default:
		w.moveTo(n, 0)
	}
	switch n.Kind {
	case yaml.MappingNode:
		w.write("{")
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				w.write(",")
			}
			key := n.Content[i]
			shift := 1
			if key.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
				shift = 0
			}
			w.moveTo(key, shift)
			w.write(quote(key.Value))
			w.write(":")
			w.node(n.Content[i+1])
		}
		w.write("}")
	case yaml.SequenceNode:
		w.write("[")
		for i, item := range n.Content {
			if i > 0 {
				w.write(",")
			}
			w.node(item)
		}
		w.write("]")
	default:
		w.write(scalarJSON(n))
	}
}

// scalarJSON keeps YAML's types: numbers and booleans stay bare, null
// stays null, everything else is a string.
func scalarJSON(n *yaml.Node) string {
	switch n.Tag {
	case "!!int", "!!float":
		if json.Valid([]byte(n.Value)) {
			return n.Value
		}
	case "!!bool":
		if n.Value == "true" || n.Value == "false" {
			return n.Value
		}
	case "!!null":
		return "null"
	}
	return quote(n.Value)
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
