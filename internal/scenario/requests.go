package scenario

import (
	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/evaluator"
)

var requestKeys = []string{"name", "doc", "principal", "action", "resource", "resourceAccount", "context", "expect", "roleArn", "uniqueId", "federatingUser", "awsManagedKey"}

func (l *loader) requests(n *yaml.Node, s *Scenario) {
	for _, item := range l.list(n, "requests") {
		c := Case{Pos: l.pos(item)}
		r := &c.Request
		seen := map[string]bool{}
		l.mapping(item, "a request", requestKeys, func(key string, v *yaml.Node) {
			seen[key] = true
			switch key {
			case "context":
				r.Context = l.context(v)
				return
			case "awsManagedKey":
				b, ok := l.scalar(v, key)
				r.AWSManagedKey = ok && b == "true"
				if ok && b != "true" && b != "false" {
					l.errorf(v, "awsManagedKey must be true or false")
				}
				return
			}
			text, ok := l.scalar(v, key)
			if !ok {
				return
			}
			switch key {
			case "name":
				c.Name = text
			case "doc":
				c.Doc = text
			case "principal":
				r.Principal = text
			case "action":
				r.Action = text
			case "resource":
				r.Resource = text
			case "resourceAccount":
				r.ResourceAccount = l.account(v, key)
			case "expect":
				d, err := evaluator.ParseDecision(text)
				if err != nil {
					l.errorf(v, "%v", err)
					return
				}
				c.Expect = &d
			case "roleArn":
				r.RoleARN = text
			case "uniqueId":
				r.UniqueID = text
			case "federatingUser":
				r.FederatingUser = text
			}
		})
		if resolve(item).Kind != yaml.MappingNode {
			continue
		}
		for _, required := range []string{"principal", "action", "resource"} {
			if !seen[required] {
				l.errorf(item, "the request has no %s", required)
			}
		}
		if _, err := evaluator.Prepare(r); err != nil && seen["principal"] && seen["action"] && seen["resource"] {
			l.errorf(item, "%v", err)
		}
		if c.Name == "" {
			c.Name = r.Action + " " + r.Resource
		}
		s.Requests = append(s.Requests, c)
	}
}

// context reads the context keys: a single value, or a list for a
// multi-valued key. Numbers and booleans are kept as their text.
func (l *loader) context(n *yaml.Node) evaluator.Context {
	ctx := evaluator.Context{}
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "context must be a mapping of keys to values, not %s", kindName(n))
		return ctx
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if lower := evaluator.CanonicalKey(k.Value); seen[lower] {
			l.errorf(k, "duplicate context key %q (key names are case-insensitive)", k.Value)
			continue
		} else {
			seen[lower] = true
		}
		if v.Kind == yaml.SequenceNode {
			values := []string{}
			for _, item := range v.Content {
				if s, ok := l.scalar(item, "a context value"); ok {
					values = append(values, s)
				}
			}
			ctx.SetList(k.Value, values...)
			continue
		}
		if s, ok := l.scalar(v, "a context value"); ok {
			ctx.Set(k.Value, s)
		}
	}
	return ctx
}
