package diffcorpus

import (
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/scenario"
	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// The keys of expect.yaml and of its universe.
var (
	expectKeys   = source.Mapping{What: "expect.yaml", Known: []string{"kind", "why", "widens", "narrows", "possible", "widened", "notWidened", "universe"}, Suggest: true}
	universeKeys = source.Mapping{What: "universe", Known: []string{"actions", "resources", "principals", "contexts"}, Suggest: true}
	required     = []string{"kind", "why", "widens", "narrows", "possible"}
)

// ScenarioKind is the kind of a case whose OLD and NEW are scenario
// files, compared as a whole.
const ScenarioKind = "scenario"

// ParseExpect reads an expect.yaml strictly: unknown or duplicate keys,
// a missing required key and a value of the wrong shape are errors with
// path:line:col.
func ParseExpect(path string, src []byte) (policy.Kind, Expectation, error) {
	r := &reader{path: path}
	var kind policy.Kind
	var e Expectation
	root, err := source.ParseYAML(path, src, "an expect.yaml")
	if err == source.ErrEmpty {
		return kind, e, &source.Error{Pos: policy.Pos{File: path, Line: 1, Col: 1}, Msg: "empty expect.yaml: want " + strings.Join(required, ", ")}
	}
	if err != nil {
		return kind, e, err
	}
	n := source.Resolve(root.Content[0])
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "expect.yaml must be a mapping, not %s", source.NodeKind(n))
		return kind, e, errors.Join(r.errs...)
	}
	seen := map[string]bool{}
	expectKeys.Keys(n, func(key string, v *yaml.Node) {
		seen[key] = true
		switch key {
		case "kind":
			if s, ok := r.scalar(v, key); ok {
				if s == ScenarioKind {
					e.Scenario = true
					return
				}
				k, err := policy.ParseKind(s)
				if err != nil {
					r.errorf(v, "%v", err)
				}
				kind = k
			}
		case "why":
			e.Why, _ = r.scalar(v, key)
			if strings.TrimSpace(e.Why) == "" {
				r.errorf(v, "why must give the reasoning")
			}
		case "widens":
			e.Widens = r.boolean(v, key)
		case "narrows":
			e.Narrows = r.boolean(v, key)
		case "possible":
			e.Possible = r.boolean(v, key)
		case "widened":
			e.Widened = r.strings(v, key)
		case "notWidened":
			e.NotWidened = r.strings(v, key)
		case "universe":
			e.Universe = r.universe(v)
		}
	}, r.bad)
	for _, k := range required {
		if !seen[k] {
			r.errorf(n, "expect.yaml lacks the key %q", k)
		}
	}
	return kind, e, errors.Join(r.errs...)
}

// reader collects the problems of one expect.yaml.
type reader struct {
	path string
	errs []error
}

func (r *reader) errorf(n *yaml.Node, format string, args ...any) {
	r.errs = append(r.errs, &source.Error{Pos: policy.Pos{File: r.path, Line: n.Line, Col: n.Column}, Msg: fmt.Sprintf(format, args...)})
}

func (r *reader) bad(k *yaml.Node, msg string) { r.errorf(k, "%s", msg) }

// scalar returns a scalar's text, reporting other node kinds.
func (r *reader) scalar(n *yaml.Node, what string) (string, bool) {
	n = source.Resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		r.errorf(n, "%s must be a single value, not %s", what, source.NodeKind(n))
		return "", false
	}
	return n.Value, true
}

func (r *reader) boolean(n *yaml.Node, what string) bool {
	s, ok := r.scalar(n, what)
	if ok && s != "true" && s != "false" {
		r.errorf(n, "%s must be true or false, not %q", what, s)
	}
	return s == "true"
}

// strings reads a list of single values.
func (r *reader) strings(n *yaml.Node, what string) []string {
	n = source.Resolve(n)
	if n.Kind != yaml.SequenceNode {
		r.errorf(n, "%s must be a list, not %s", what, source.NodeKind(n))
		return nil
	}
	var out []string
	for _, item := range n.Content {
		if s, ok := r.scalar(item, "each entry of "+what); ok {
			out = append(out, s)
		}
	}
	return out
}

func (r *reader) universe(n *yaml.Node) *Universe {
	n = source.Resolve(n)
	u := &Universe{}
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "universe must be a mapping, not %s", source.NodeKind(n))
		return u
	}
	universeKeys.Keys(n, func(key string, v *yaml.Node) {
		switch key {
		case "actions":
			u.Actions = r.strings(v, key)
		case "resources":
			u.Resources = r.strings(v, key)
		case "principals":
			u.Principals = r.strings(v, key)
		case "contexts":
			v = source.Resolve(v)
			if v.Kind != yaml.SequenceNode {
				r.errorf(v, "contexts must be a list of contexts, not %s", source.NodeKind(v))
				return
			}
			for _, item := range v.Content {
				ctx, err := scenario.ReadContext(r.path, item)
				if err != nil {
					r.errs = append(r.errs, err)
				}
				u.Contexts = append(u.Contexts, ctx)
			}
		}
	}, r.bad)
	return u
}
