package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"

	"github.com/gobwas/glob"
	"go.yaml.in/yaml/v3"
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
		return nil, fmt.Errorf("%s: unknown rule %q (see docs/lint-rules.md)", source, rule)
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

// configFile is the shape of .iamsim.yaml.
type configFile struct {
	Lint struct {
		Ignore []struct {
			Rule   string   `yaml:"rule"`
			Paths  []string `yaml:"paths"`
			Path   string   `yaml:"path"`
			Reason string   `yaml:"reason"`
		} `yaml:"ignore"`
	} `yaml:"lint"`
}

// ParseConfig reads a configuration file. Unknown keys are errors, so a
// misspelt key does not silently suppress nothing; every error names the
// file, line and column.
func ParseConfig(name string, src []byte) (*Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var file configFile
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&file); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	entries := ignoreNodes(&root)
	cfg := &Config{}
	for i, e := range file.Lint.Ignore {
		source := name
		if i < len(entries) {
			source = fmt.Sprintf("%s:%d:%d", name, entries[i].Line, entries[i].Column)
		}
		if e.Rule == "" {
			return nil, fmt.Errorf("%s: an ignore entry needs a rule", source)
		}
		paths := e.Paths
		if e.Path != "" {
			paths = append(paths, e.Path)
		}
		s, err := NewSuppression(e.Rule, paths, e.Reason, source)
		if err != nil {
			return nil, err
		}
		cfg.Ignore = append(cfg.Ignore, s)
	}
	return cfg, nil
}

// ignoreNodes returns the YAML nodes of the lint.ignore entries, for their
// positions.
func ignoreNodes(root *yaml.Node) []*yaml.Node {
	child := func(n *yaml.Node, key string) *yaml.Node {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1]
			}
		}
		return nil
	}
	if len(root.Content) == 0 {
		return nil
	}
	ignore := child(child(root.Content[0], "lint"), "ignore")
	if ignore == nil || ignore.Kind != yaml.SequenceNode {
		return nil
	}
	return ignore.Content
}
