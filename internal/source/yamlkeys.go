package source

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/textdist"
	"github.com/iamsim/iamsim/policy"
)

// Error is a problem in a YAML file, at a position.
type Error struct {
	Pos policy.Pos
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Pos, e.Msg) }

// Resolve follows an alias to its anchor.
func Resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// NodeKind names the kind of a YAML node for messages: "a mapping", "a
// list", "an empty value", the value "x" or "an alias".
func NodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "an empty value"
		}
		return fmt.Sprintf("the value %q", n.Value)
	}
	return "an alias"
}

// Mapping is the keys one kind of YAML mapping may have, for the readers
// of iamsim's YAML files, which share its words for a key it may not.
type Mapping struct {
	// What names the mapping in messages: "the scenario", "lint".
	What string
	// Known are the keys the mapping may have, in the order messages
	// list them.
	Known []string
	// Suggest makes an unknown key's message name the nearest known key,
	// (did you mean "ignore"?), or else list them as (known: a, b);
	// without it, the message lists them as (want one of a, b).
	Suggest bool
}

// Keys calls read with each key of the mapping node n that m knows and
// its value, in order, and bad with each other key (aliases followed)
// and what is wrong with it: a key the mapping does not know, or a known
// key given again, which read does not get.
func (m Mapping) Keys(n *yaml.Node, read func(key string, value *yaml.Node), bad func(key *yaml.Node, msg string)) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := Resolve(n.Content[i]), n.Content[i+1]
		switch {
		case seen[k.Value]:
			bad(k, fmt.Sprintf("duplicate key %q in %s", k.Value, m.What))
		case !slices.Contains(m.Known, k.Value):
			bad(k, m.unknown(k.Value))
		default:
			seen[k.Value] = true
			read(k.Value, v)
		}
	}
}

// unknown says that key is not one of the mapping's.
func (m Mapping) unknown(key string) string {
	hint := "want one of " + strings.Join(m.Known, ", ")
	if m.Suggest {
		hint = "known: " + strings.Join(m.Known, ", ")
		if near := textdist.Nearest(key, m.Known); near != "" {
			hint = fmt.Sprintf("did you mean %q?", near)
		}
	}
	return fmt.Sprintf("unknown key %q in %s (%s)", key, m.What, hint)
}
