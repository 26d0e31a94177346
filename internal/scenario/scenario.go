// Package scenario loads scenario files: a set of policies and the
// requests to decide against them, with optional expected decisions. The
// format is YAML (JSON is YAML too) and is described in docs/scenarios.md.
package scenario

import (
	"errors"
	"fmt"
	"path/filepath"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/iac"
	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// Scenario is a loaded scenario file.
type Scenario struct {
	Path         string
	Name         string
	Organization evaluator.Organization
	Policies     evaluator.Policies
	Requests     []Case
	// AllowUnknownActions is the file's allowUnknownActions: actions the
	// service catalog does not know are decided, with a warning, instead
	// of being errors.
	AllowUnknownActions bool
}

// Case is one request of a scenario.
type Case struct {
	Name    string
	Doc     string // the AWS documentation the expectation comes from
	Pos     policy.Pos
	Request evaluator.Request
	// Expect is the expected decision, if the scenario gives one.
	Expect *evaluator.Decision
	// Warnings are the request's problems that do not stop it, each
	// starting with its position: an unknown action the file allows, a
	// resource the action never acts on, an unknown context key (reqcheck).
	Warnings []string

	actionNode   *yaml.Node   // the action's value, for positions
	resourceNode *yaml.Node   // the resource's value, for positions
	contextKeys  []*yaml.Node // the context's keys
}

// Loader loads scenario files.
type Loader struct {
	// Limits bound every file read and every policy parsed.
	Limits source.Limits
	// AllowUnknownActions is the command line's --allow-unknown-actions:
	// it allows unknown actions in every scenario loaded, as a file's
	// allowUnknownActions does.
	AllowUnknownActions bool
	// Code reads the infrastructure code a policy's file names
	// (template.yaml#AppRole.Policies[0]); nil reads it within Limits,
	// binding nothing the code leaves open.
	Code *iac.Reader
}

// Load reads and checks a scenario file and every policy it names, with
// the default limits. All problems found are returned together (a
// policy's problems as policy.ErrorList entries).
func Load(path string) (*Scenario, error) { return Loader{}.Load(path) }

// Load reads and checks a scenario file and every policy it names,
// reading no file beyond the limits.
func (ld Loader) Load(path string) (*Scenario, error) {
	src, err := ld.Limits.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ld.Parse(path, src)
}

// Parse reads a scenario from src with the default limits; path names it
// and anchors relative policy file names.
func Parse(path string, src []byte) (*Scenario, error) { return Loader{}.Parse(path, src) }

// Parse reads a scenario from src; path names it and anchors relative
// policy file names, which are read within the limits.
func (ld Loader) Parse(path string, src []byte) (*Scenario, error) {
	l := &loader{path: path, dir: filepath.Dir(path), opts: ld}
	root, err := source.ParseYAML(path, src, "a scenario")
	if err == source.ErrEmpty {
		return nil, &source.Error{Pos: policy.Pos{File: path, Line: 1, Col: 1}, Msg: "empty scenario file"}
	}
	if err != nil {
		return nil, err
	}
	s := &Scenario{Path: path}
	l.scenario(root.Content[0], s)
	if len(l.errs) == 0 {
		l.check(s)
	}
	if len(l.errs) > 0 {
		return s, errors.Join(l.errs...)
	}
	return s, nil
}

// ParseContext reads a context file: a mapping of context keys to a
// value, or a list for a multi-valued key, as a request's context in a
// scenario. path names src in positions.
func ParseContext(path string, src []byte) (evaluator.Context, error) {
	root, err := source.ParseYAML(path, src, "a context")
	if err == source.ErrEmpty {
		return nil, &source.Error{Pos: policy.Pos{File: path, Line: 1, Col: 1}, Msg: "empty context file: want a mapping of context keys to values"}
	}
	if err != nil {
		return nil, err
	}
	ctx, err := ReadContext(path, root.Content[0])
	if err != nil {
		return nil, err
	}
	return ctx, nil
}

// ReadContext reads a request context from a YAML node of the file at
// path, as a scenario's request context: keys to a value, or to a list
// for a multi-valued key. Problems name path:line:col.
func ReadContext(path string, n *yaml.Node) (evaluator.Context, error) {
	l := &loader{path: path, dir: filepath.Dir(path)}
	ctx := l.context(n)
	return ctx, errors.Join(l.errs...)
}

type loader struct {
	opts Loader // the limits and options of the load
	path string
	dir  string
	errs []error
}

func (l *loader) pos(n *yaml.Node) policy.Pos {
	return policy.Pos{File: l.path, Line: n.Line, Col: n.Column}
}

func (l *loader) errorf(n *yaml.Node, format string, args ...any) {
	l.errs = append(l.errs, &source.Error{Pos: l.pos(n), Msg: fmt.Sprintf(format, args...)})
}

// mapping walks a mapping node's keys, reporting unknown and duplicate
// keys; fn gets each known key's value.
func (l *loader) mapping(n *yaml.Node, what string, known []string, fn func(key string, value *yaml.Node)) {
	n = source.Resolve(n)
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "%s must be a mapping, not %s", what, source.NodeKind(n))
		return
	}
	source.Mapping{What: what, Known: known}.Keys(n, fn, func(k *yaml.Node, msg string) { l.errorf(k, "%s", msg) })
}

// scalar returns a scalar's text, reporting other node kinds.
func (l *loader) scalar(n *yaml.Node, what string) (string, bool) {
	n = source.Resolve(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		l.errorf(n, "%s must be a single value, not %s", what, source.NodeKind(n))
		return "", false
	}
	return n.Value, true
}

func (l *loader) scenario(n *yaml.Node, s *Scenario) {
	if msg := notAScenario(source.Resolve(n)); msg != "" {
		l.errorf(n, "%s", msg)
		return
	}
	l.mapping(n, "the scenario", []string{"name", "organization", "policies", "requests", "allowUnknownActions"}, func(key string, v *yaml.Node) {
		switch key {
		case "name":
			s.Name, _ = l.scalar(v, "name")
		case "allowUnknownActions":
			s.AllowUnknownActions = l.boolean(v, key)
		case "organization":
			l.organization(v, &s.Organization)
		case "policies":
			l.policies(v, &s.Policies)
		case "requests":
			l.requests(v, s)
		}
	})
}

// notAScenario says what a file given as a scenario is instead, when its
// keys show it is another input of iamsim's: a policy document or an
// account export, whose every key would otherwise be "unknown".
func notAScenario(n *yaml.Node) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch n.Content[i].Value {
		case "Statement":
			return "a policy document, not a scenario (which has policies and requests: docs/scenarios.md); iamsim lint checks a policy, and eval --identity decides requests with it"
		case "UserDetailList", "RoleDetailList", "GroupDetailList":
			return "an account export, not a scenario (which has policies and requests: docs/scenarios.md); give an export with --account-details"
		}
	}
	return ""
}

func (l *loader) organization(n *yaml.Node, o *evaluator.Organization) {
	l.mapping(n, "organization", []string{"managementAccount", "members"}, func(key string, v *yaml.Node) {
		switch key {
		case "managementAccount":
			o.ManagementAccount = l.account(v, "managementAccount")
		case "members":
			for _, m := range l.list(v, "members") {
				o.Members = append(o.Members, l.account(m, "a member account"))
			}
		}
	})
}

// account reads an account ID. YAML keeps a plain number's digits as
// written, leading zeros included, so quoting is never the fix.
func (l *loader) account(n *yaml.Node, what string) string {
	s, ok := l.scalar(n, what)
	if ok && !policy.IsAccountID(s) {
		l.errorf(n, "%s %q: want a 12-digit account ID, such as 111122223333", what, s)
	}
	return s
}

// list returns the items of a sequence node, reporting other kinds.
func (l *loader) list(n *yaml.Node, what string) []*yaml.Node {
	n = source.Resolve(n)
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s must be a list, not %s", what, source.NodeKind(n))
		return nil
	}
	return n.Content
}
