package cfn

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/source"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
)

// Conditions are evaluated as the CloudFormation User Guide's "Condition
// functions" page describes
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html),
// with the parameter values Read is given. A condition that depends on a
// value unknown until deploy cannot be decided, and a policy that needs
// it is an error naming the value to give.

// truth is a condition's value: true, false, or unknown until deploy.
type truth struct {
	known, holds bool
	unknown      string // what an unknown condition depends on
}

// conditionHolds reports whether the named condition holds, used at n.
func (t *template) conditionHolds(name string, n *yaml.Node, sc *scope) (bool, bool) {
	tr, ok := t.condition(name, n, sc)
	if !ok {
		return false, false
	}
	if !tr.known {
		_, ok := t.fail(n, sc, "condition %s cannot be decided before deploy: it depends on %s; give its value", name, tr.unknown)
		return false, ok
	}
	return tr.holds, true
}

// condition evaluates the named condition once.
func (t *template) condition(name string, n *yaml.Node, sc *scope) (truth, bool) {
	c, ok := t.conditions[name]
	if !ok {
		_, ok := t.fail(n, sc, "condition %q is not defined in the Conditions section", name)
		return truth{}, ok
	}
	switch c.state {
	case condTrue, condFalse:
		return truth{known: true, holds: c.state == condTrue}, true
	case condUnknown:
		return truth{unknown: c.unknown}, true
	case condFailed:
		return truth{}, false
	case condBusy:
		_, ok := t.fail(n, sc, "condition %s depends on itself", name)
		return truth{}, ok
	}
	c.state = condBusy
	tr, ok := t.evalCond(c.node, 0)
	switch {
	case !ok:
		c.state = condFailed
	case !tr.known:
		c.state, c.unknown = condUnknown, tr.unknown
	case tr.holds:
		c.state = condTrue
	default:
		c.state = condFalse
	}
	return tr, ok
}

// evalCond evaluates a condition function.
func (t *template) evalCond(n *yaml.Node, depth int) (truth, bool) {
	n = deref(n)
	if depth > maxDepth {
		_, ok := t.fail(n, top, "conditions nested more than %d deep", maxDepth)
		return truth{}, ok
	}
	fn, arg := intrinsic(n)
	if fn == "" && n.Kind == yaml.MappingNode && len(n.Content) == 2 && deref(n.Content[0]).Value == "Condition" {
		fn, arg = "Condition", deref(n.Content[1])
	}
	switch fn {
	case "Condition":
		if arg.Kind != yaml.ScalarNode {
			_, ok := t.fail(n, top, "Condition takes a condition's name, not %s", source.NodeKind(arg))
			return truth{}, ok
		}
		return t.condition(arg.Value, arg, top)
	case "Fn::Equals":
		items, ok := t.args(fn, arg, top, 2, 2)
		if !ok {
			return truth{}, false
		}
		a, ok := t.eval(items[0], top, depth+1)
		if !ok {
			return truth{}, false
		}
		b, ok := t.eval(items[1], top, depth+1)
		if !ok {
			return truth{}, false
		}
		return equals(a, b), true
	case "Fn::Not":
		items, ok := t.args(fn, arg, top, 1, 1)
		if !ok {
			return truth{}, false
		}
		tr, ok := t.evalCond(items[0], depth+1)
		tr.holds = !tr.holds
		return tr, ok
	case "Fn::And", "Fn::Or":
		items, ok := t.args(fn, arg, top, 2, 10)
		if !ok {
			return truth{}, false
		}
		// And is false when one is, Or true when one is, whatever the
		// others; otherwise one unknown makes the whole unknown.
		decisive := fn == "Fn::Or"
		var unknown string
		for _, item := range items {
			tr, ok := t.evalCond(item, depth+1)
			if !ok {
				return truth{}, false
			}
			if !tr.known {
				unknown = tr.unknown
				continue
			}
			if tr.holds == decisive {
				return truth{known: true, holds: decisive}, true
			}
		}
		if unknown != "" {
			return truth{unknown: unknown}, true
		}
		return truth{known: true, holds: !decisive}, true
	}
	_, ok := t.fail(n, top, "a condition should be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition, not %s", describeCond(n, fn))
	return truth{}, ok
}

func describeCond(n *yaml.Node, fn string) string {
	if fn != "" {
		return fn
	}
	return source.NodeKind(n)
}

// equals compares two values for Fn::Equals; one that holds a value
// unknown until deploy is equal only to the same text.
func equals(a, b *val) truth {
	as, bs := render(a), render(b)
	if as == bs {
		return truth{known: true, holds: true}
	}
	for _, s := range []string{as, bs} {
		if names := policydoc.PlaceholderNames(s); len(names) > 0 {
			return truth{unknown: names[0]}
		}
	}
	return truth{known: true, holds: false}
}

// render writes a value as text for comparison.
func render(v *val) string {
	switch v.kind {
	case kList, kMap:
		parts := make([]string, len(v.items))
		for i, item := range v.items {
			parts[i] = render(item)
			if v.kind == kMap {
				parts[i] = v.keys[i].name + "=" + parts[i]
			}
		}
		return fmt.Sprintf("[%s]", strings.Join(parts, ","))
	}
	return v.s
}
