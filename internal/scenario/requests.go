package scenario

import (
	"errors"
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
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
				if m := source.Resolve(v); m.Kind == yaml.MappingNode {
					for i := 0; i < len(m.Content); i += 2 {
						c.contextKeys = append(c.contextKeys, source.Resolve(m.Content[i]))
					}
				}
				return
			case "awsManagedKey":
				r.AWSManagedKey = l.boolean(v, key)
				return
			case "action":
				c.actionNode = source.Resolve(v)
			case "resource":
				c.resourceNode = source.Resolve(v)
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
					var re *evaluator.RequestError
					if errors.As(err, &re) {
						err = fmt.Errorf("expect %q: %s", text, re.Msg)
					}
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
		if source.Resolve(item).Kind != yaml.MappingNode {
			continue
		}
		for _, required := range []string{"principal", "action", "resource"} {
			if !seen[required] {
				l.errorf(item, "the request has no %s", required)
			}
		}
		if seen["principal"] && seen["action"] && seen["resource"] {
			// A bad resourceAccount is reported at its value already; the
			// whole request is checked without it, for its other faults.
			check := *r
			if !policy.IsAccountID(check.ResourceAccount) {
				check.ResourceAccount = ""
			}
			if _, err := evaluator.Prepare(&check); err != nil {
				l.errorf(item, "%v", err)
			}
		}
		if c.Name == "" {
			c.Name = r.Action + " " + r.Resource
		}
		s.Requests = append(s.Requests, c)
	}
}

// boolean reads true or false.
func (l *loader) boolean(n *yaml.Node, what string) bool {
	b, ok := l.scalar(n, what)
	if ok && b != "true" && b != "false" {
		l.errorf(n, "%s must be true or false", what)
	}
	return ok && b == "true"
}

// check checks each request's action, resource and context against the
// service catalog and the scenario's policies (reqcheck): an unknown action is an
// error at its position unless the file allows unknown actions; the
// warnings join their request.
func (l *loader) check(s *Scenario) {
	chk := reqcheck.New(s.AllowUnknownActions || l.opts.AllowUnknownActions, reqcheck.Documents(s.Policies)...)
	chk.Hint = "allowUnknownActions: true at the top of the scenario decides it anyway, for a service newer than iamsim's catalog"
	for i := range s.Requests {
		c := &s.Requests[i]
		w, err := chk.Action(c.Request.Action)
		if err != nil {
			l.errorf(c.actionNode, "%v", err)
			continue
		}
		if w != "" {
			c.Warnings = append(c.Warnings, fmt.Sprintf("%s: %s", l.pos(c.actionNode), w))
		}
		if c.resourceNode != nil {
			if w := chk.Resource(c.Request.Action, c.Request.Resource); w != "" {
				c.Warnings = append(c.Warnings, fmt.Sprintf("%s: %s", l.pos(c.resourceNode), w))
			}
		}
		for _, k := range c.contextKeys {
			if w := chk.ContextKey(c.Request.Action, k.Value); w != "" {
				c.Warnings = append(c.Warnings, fmt.Sprintf("%s: %s", l.pos(k), w))
			}
		}
	}
}

// context reads the context keys: a single value, or a list for a
// multi-valued key. Numbers and booleans are kept as their text.
func (l *loader) context(n *yaml.Node) evaluator.Context {
	ctx := evaluator.Context{}
	n = source.Resolve(n)
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "context must be a mapping of keys to values, not %s", source.NodeKind(n))
		return ctx
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := source.Resolve(n.Content[i]), source.Resolve(n.Content[i+1])
		if lower := evaluator.CanonicalKey(k.Value); seen[lower] {
			l.errorf(k, "duplicate context key %q (key names are case-insensitive)", k.Value)
			continue
		} else {
			seen[lower] = true
		}
		if v.Kind == yaml.SequenceNode {
			values := []string{}
			for _, item := range v.Content {
				if s, ok := l.scalar(item, "each value of a multi-valued context key"); ok {
					values = append(values, s)
				}
			}
			ctx.SetList(k.Value, values...)
			continue
		}
		if v.Kind == yaml.MappingNode {
			l.errorf(v, "a context value is a single value or a list of them, not a mapping")
			continue
		}
		if s, ok := l.scalar(v, "a context value"); ok {
			ctx.Set(k.Value, s)
		}
	}
	return ctx
}
