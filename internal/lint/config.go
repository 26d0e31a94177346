package lint

import (
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gobwas/glob"
	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/internal/textdist"
)

// Config is the lint part of a configuration file (.iamsim.yaml):
//
//	lint:
//	  ignore:
//	    - rule: resource-star-restrictable
//	      paths: ["legacy/**"]
//	      reason: reviewed in SEC-142
//
// docs/cli.md describes the format.
type Config struct {
	Ignore []*Suppression
}

// Suppression silences the findings of some rules in some files.
type Suppression struct {
	// Rule is what the user wrote: a rule ID, a parser code or an Access
	// Analyzer code with the AA: prefix. Rules are the rules it names.
	Rule  string
	Rules []*Rule
	// Paths are globs over file paths as given on the command line, with
	// / as separator and ** for any number of directories; none means
	// every file.
	Paths  []string
	Reason string
	// Source is where the suppression was written, as file:line:col, or
	// "--ignore" for the command line.
	Source string

	globs []*glob.Pattern
	used  int
}

// NewSuppression returns a suppression of the named rule in files that
// match one of the path globs (every file when there are none). It fails
// when the name matches no rule or a glob is malformed.
func NewSuppression(rule string, paths []string, reason, source string) (*Suppression, error) {
	rules := LookupRules(rule)
	if len(rules) == 0 {
		return nil, fmt.Errorf("%s: unknown rule %q (%s)", source, rule, suggestRule(rule))
	}
	for _, r := range rules {
		if r.Code.IsInput() {
			return nil, fmt.Errorf("%s: %s cannot be suppressed: it reports a file that is not a usable policy document", source, r.ID)
		}
	}
	s := &Suppression{Rule: rule, Rules: rules, Paths: paths, Reason: reason, Source: source}
	for _, p := range paths {
		g, err := glob.Compile(cleanPath(p), '/')
		if err != nil {
			return nil, fmt.Errorf("%s: path glob %q: %v", source, p, err)
		}
		s.globs = append(s.globs, g)
	}
	return s, nil
}

// suggestRule proposes the rule name nearest to an unknown one, of the
// same form (rule ID, parser code or AA: code), or points to the list.
func suggestRule(name string) string {
	var names []string
	for n := range rulesByName {
		if strings.HasPrefix(n, "aa:") == strings.HasPrefix(strings.ToLower(name), "aa:") {
			names = append(names, n)
		}
	}
	if near := textdist.Nearest(strings.ToLower(name), names); near != "" {
		if rules := rulesByName[near]; strings.HasPrefix(near, "aa:") {
			near = "AA:" + strings.ToUpper(near[3:])
		} else if near == strings.ToLower(string(rules[0].Code)) {
			near = string(rules[0].Code)
		}
		return fmt.Sprintf("did you mean %q?", near)
	}
	return "docs/lint-rules.md lists the rules"
}

// Matches reports whether the suppression silences f, found in file.
func (s *Suppression) Matches(f *Finding, file string) bool {
	hit := false
	for _, r := range s.Rules {
		if r == f.Rule {
			hit = true
		}
	}
	if !hit {
		return false
	}
	if len(s.globs) == 0 {
		return true
	}
	file = cleanPath(file)
	for _, g := range s.globs {
		if g.Match(file) {
			return true
		}
	}
	return false
}

// Used returns how many findings the suppression has silenced.
func (s *Suppression) Used() int { return s.used }

// Suppress returns the first suppression that silences f in file, or nil.
// Every suppression that matches counts the use, so that none is reported
// as unused because an earlier one matched first.
func (c *Config) Suppress(f *Finding, file string) *Suppression {
	var first *Suppression
	for _, s := range c.Ignore {
		if s.Matches(f, file) {
			s.used++
			if first == nil {
				first = s
			}
		}
	}
	return first
}

// cleanPath turns a path into the slash-separated form globs match.
func cleanPath(p string) string {
	return strings.TrimPrefix(path.Clean(filepath.ToSlash(p)), "./")
}

// ParseConfig reads a configuration file. Unknown keys are errors, so a
// misspelt key does not silently suppress nothing; every error is one
// line that starts with the file, line and column.
func ParseConfig(name string, src []byte) (*Config, error) {
	root, err := source.ParseYAML(name, src, "a configuration")
	if err == source.ErrEmpty {
		return &Config{}, nil
	}
	if err != nil {
		return nil, err
	}
	r := configReader{name: name}
	cfg := &Config{}
	r.mapping(root.Content[0], "the configuration", map[string]func(*yaml.Node){
		"lint": func(lint *yaml.Node) {
			r.mapping(lint, "lint", map[string]func(*yaml.Node){
				"ignore": func(list *yaml.Node) {
					if list.Kind != yaml.SequenceNode {
						r.errorf(list, "lint.ignore is a list of entries (- rule: ...), not %s", source.NodeKind(list))
						return
					}
					for _, entry := range list.Content {
						if s := r.ignoreEntry(entry); s != nil {
							cfg.Ignore = append(cfg.Ignore, s)
						}
					}
				},
			})
		},
	})
	if r.err != nil {
		return nil, r.err
	}
	return cfg, nil
}

// configReader walks the YAML of a configuration file, keeping the first
// problem.
type configReader struct {
	name string
	err  error
}

func (r *configReader) pos(n *yaml.Node) string {
	return fmt.Sprintf("%s:%d:%d", r.name, n.Line, n.Column)
}

func (r *configReader) errorf(n *yaml.Node, format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%s: %s", r.pos(n), fmt.Sprintf(format, args...))
	}
}

// mapping calls the function of each key of a mapping node, reporting a
// node that is not a mapping, a key given twice and a key that has no
// function (with the nearest known key).
func (r *configReader) mapping(n *yaml.Node, what string, keys map[string]func(*yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "%s is a mapping of keys to values, not %s", what, source.NodeKind(n))
		return
	}
	known := slices.Sorted(maps.Keys(keys))
	source.Mapping{What: what, Known: known, Suggest: true}.Keys(n,
		func(key string, v *yaml.Node) { keys[key](v) },
		func(k *yaml.Node, msg string) { r.errorf(k, "%s", msg) })
}

// str reads a scalar.
func (r *configReader) str(n *yaml.Node, key string) string {
	if n.Kind != yaml.ScalarNode {
		r.errorf(n, "%s is a string, not %s", key, source.NodeKind(n))
		return ""
	}
	return n.Value
}

// ignoreEntry reads one entry of lint.ignore.
func (r *configReader) ignoreEntry(n *yaml.Node) *Suppression {
	var rule, reason string
	var paths []string
	r.mapping(n, "an ignore entry", map[string]func(*yaml.Node){
		"rule":   func(v *yaml.Node) { rule = r.str(v, "rule") },
		"reason": func(v *yaml.Node) { reason = r.str(v, "reason") },
		"path":   func(v *yaml.Node) { paths = append(paths, r.str(v, "path")) },
		"paths": func(v *yaml.Node) {
			if v.Kind != yaml.SequenceNode {
				r.errorf(v, "paths is a list of globs, not %s; write path: for one", source.NodeKind(v))
				return
			}
			for _, p := range v.Content {
				paths = append(paths, r.str(p, "each entry of paths"))
			}
		},
	})
	if r.err != nil {
		return nil
	}
	if rule == "" {
		r.errorf(n, "an ignore entry needs a rule")
		return nil
	}
	s, err := NewSuppression(rule, paths, reason, r.pos(n))
	if err != nil && r.err == nil {
		r.err = err
	}
	return s
}
