package cfn

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/source"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/internal/textdist"
)

// The intrinsic functions and what they do are those of the
// CloudFormation User Guide's "Intrinsic function reference"
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html).

// call applies the intrinsic function fn, called at node n, to its
// argument.
func (t *template) call(fn string, n, arg *yaml.Node, sc *scope, depth int) (*val, bool) {
	switch fn {
	case "Ref":
		if arg.Kind != yaml.ScalarNode {
			return t.fail(n, sc, "Ref takes a name, not %s", source.NodeKind(arg))
		}
		return t.ref(arg.Value, t.at(n, sc), sc)
	case "Fn::GetAtt":
		return t.getAtt(n, arg, sc, depth)
	case "Fn::Sub":
		return t.sub(n, arg, sc, depth)
	case "Fn::Join":
		return t.join(n, arg, sc, depth)
	case "Fn::Select":
		return t.selectFn(n, arg, sc, depth)
	case "Fn::Split":
		return t.split(n, arg, sc, depth)
	case "Fn::If":
		return t.ifFn(n, arg, sc, depth)
	case "Fn::FindInMap":
		return t.findInMap(n, arg, sc, depth)
	case "Fn::ImportValue":
		name, ok := t.evalString(arg, sc, depth, "the export name of Fn::ImportValue")
		if !ok {
			return nil, false
		}
		// A placeholder's name holds no braces: those of placeholders in
		// the export name are dropped.
		clean := strings.NewReplacer("{{", "", "}}", "").Replace(name.s)
		return strVal(t.valueOf(clean), t.at(n, sc)), true
	case "Fn::Base64":
		s, ok := t.evalString(arg, sc, depth, "the argument of Fn::Base64")
		if !ok {
			return nil, false
		}
		return strVal(base64.StdEncoding.EncodeToString([]byte(s.s)), t.at(n, sc)), true
	case "Fn::ToJsonString":
		// A policy property reads a mapping as it reads the JSON text
		// of one, so the value is kept as it is.
		return t.eval(arg, sc, depth)
	case "Fn::Length":
		l, ok := t.evalList(arg, sc, depth, "the argument of Fn::Length")
		if !ok {
			return nil, false
		}
		return &val{kind: kNumber, s: strconv.Itoa(len(l.items)), at: t.at(n, sc)}, true
	case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition":
		return t.fail(n, sc, "%s belongs in the Conditions section or in the condition of Fn::If", fn)
	case "Fn::GetAZs", "Fn::Cidr", "Fn::Transform", "Fn::ForEach", "Fn::GetParam":
		return t.fail(n, sc, "%s is not supported in a policy: write the value it stands for", fn)
	}
	known := []string{"Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::If",
		"Fn::FindInMap", "Fn::ImportValue", "Fn::Base64", "Fn::ToJsonString", "Fn::Length"}
	msg := fmt.Sprintf("unknown intrinsic function %s", fn)
	if near := textdist.Nearest(fn, known); near != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", near)
	}
	return t.fail(n, sc, "%s", msg)
}

// getAtt resolves Fn::GetAtt: [LogicalId, Attribute] or "LogicalId.Attribute".
func (t *template) getAtt(n, arg *yaml.Node, sc *scope, depth int) (*val, bool) {
	var id, attr string
	switch arg.Kind {
	case yaml.ScalarNode:
		var found bool
		id, attr, found = strings.Cut(arg.Value, ".")
		if !found || id == "" || attr == "" {
			return t.fail(n, sc, "Fn::GetAtt takes LogicalId.Attribute, not %q", arg.Value)
		}
	default:
		items, ok := t.args("Fn::GetAtt", arg, sc, 2, 2)
		if !ok {
			return nil, false
		}
		if items[0].Kind != yaml.ScalarNode {
			return t.fail(items[0], sc, "the logical ID of Fn::GetAtt should be a name, not %s", source.NodeKind(items[0]))
		}
		a, ok := t.evalString(items[1], sc, depth, "the attribute of Fn::GetAtt")
		if !ok {
			return nil, false
		}
		id, attr = items[0].Value, a.s
	}
	return t.attribute(id, attr, t.at(n, sc), sc)
}

// sub resolves Fn::Sub: a string whose ${Name} and ${LogicalId.Attribute}
// are replaced, with an optional mapping of variables.
func (t *template) sub(n, arg *yaml.Node, sc *scope, depth int) (*val, bool) {
	strNode := arg
	vars := map[string]*yaml.Node{}
	if arg.Kind == yaml.SequenceNode {
		items, ok := t.args("Fn::Sub", arg, sc, 2, 2)
		if !ok {
			return nil, false
		}
		if items[1].Kind != yaml.MappingNode {
			return t.fail(items[1], sc, "the variables of Fn::Sub should be a mapping, not %s", source.NodeKind(items[1]))
		}
		for i := 0; i+1 < len(items[1].Content); i += 2 {
			vars[deref(items[1].Content[i]).Value] = items[1].Content[i+1]
		}
		strNode = items[0]
	}
	if strNode.Kind != yaml.ScalarNode {
		return t.fail(strNode, sc, "Fn::Sub takes a string, not %s", source.NodeKind(strNode))
	}
	text := t.placer(t.scalar(strNode, sc))
	var out concat
	s := text.v.s
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "${")
		if j < 0 {
			out.add(text.slice(i, len(s)))
			break
		}
		j += i
		out.add(text.slice(i, j))
		if strings.HasPrefix(s[j:], "${!") {
			out.addAt("${", text.at(j))
			i = j + 3
			continue
		}
		end := strings.IndexByte(s[j:], '}')
		if end < 0 {
			return t.fail(strNode, sc, "Fn::Sub: ${ at byte %d is not closed by }", j)
		}
		name := strings.TrimSpace(s[j+2 : j+end])
		at := text.at(j)
		if sc.fixed >= 0 {
			at = sc.fixed
		}
		var v *val
		var ok bool
		if node, isVar := vars[name]; isVar {
			v, ok = t.evalString(node, sc, depth, "the variable "+name+" of Fn::Sub")
		} else if id, attr, dotted := strings.Cut(name, "."); dotted && !strings.Contains(id, "::") {
			v, ok = t.attribute(id, attr, at, sc)
		} else {
			v, ok = t.ref(name, at, sc)
			if ok && v.kind != kString && v.kind != kNumber && v.kind != kBool {
				return t.failAt(at, "Fn::Sub: ${%s} is %s, not a string", name, describe(v))
			}
		}
		if !ok {
			return nil, false
		}
		if sc.fixed >= 0 {
			// In a SAM policy template, a variable stands where the
			// user's file gives its value.
			at = v.at
		}
		out.addAt(v.s, at)
		if out.len() > maxString {
			return t.fail(n, sc, "Fn::Sub builds a string longer than %d bytes", maxString)
		}
		i = j + end + 1
	}
	return t.built(n, sc, "Fn::Sub", &out)
}

// join resolves Fn::Join: [delimiter, [values]].
func (t *template) join(n, arg *yaml.Node, sc *scope, depth int) (*val, bool) {
	items, ok := t.args("Fn::Join", arg, sc, 2, 2)
	if !ok {
		return nil, false
	}
	delim, ok := t.evalString(items[0], sc, depth, "the delimiter of Fn::Join")
	if !ok {
		return nil, false
	}
	list, ok := t.evalList(items[1], sc, depth, "the values of Fn::Join")
	if !ok {
		return nil, false
	}
	var out concat
	for i, item := range list.items {
		if _, isStr := item.str(); !isStr {
			return t.fail(items[1], sc, "Fn::Join joins strings, not %s", describe(item))
		}
		if i > 0 {
			out.add(delim)
		}
		out.add(item)
		if out.len() > maxString {
			return t.fail(n, sc, "Fn::Join builds a string longer than %d bytes", maxString)
		}
	}
	return t.built(n, sc, "Fn::Join", &out)
}

// built returns the string a function built, counting its bytes against
// what the template may build in all.
func (t *template) built(n *yaml.Node, sc *scope, fn string, out *concat) (*val, bool) {
	if t.builtBytes += out.len(); t.builtBytes > maxBuilt {
		return t.fail(n, sc, "%s: the template's functions build more than %d bytes of strings", fn, maxBuilt)
	}
	return out.val(t.at(n, sc)), true
}

// selectFn resolves Fn::Select: [index, list].
func (t *template) selectFn(n, arg *yaml.Node, sc *scope, depth int) (*val, bool) {
	items, ok := t.args("Fn::Select", arg, sc, 2, 2)
	if !ok {
		return nil, false
	}
	iv, ok := t.evalString(items[0], sc, depth, "the index of Fn::Select")
	if !ok {
		return nil, false
	}
	idx, err := strconv.Atoi(iv.s)
	if err != nil || idx < 0 {
		return t.fail(items[0], sc, "the index of Fn::Select should be a number from 0, not %q", iv.s)
	}
	list, ok := t.evalList(items[1], sc, depth, "the values of Fn::Select")
	if !ok {
		return nil, false
	}
	if list.unknown != "" {
		return strVal(t.valueOf(fmt.Sprintf("%s[%d]", list.unknown, idx)), t.at(n, sc)), true
	}
	if idx >= len(list.items) {
		return t.fail(items[0], sc, "Fn::Select index %d is past the end of a list of %d", idx, len(list.items))
	}
	return list.items[idx], true
}

// split resolves Fn::Split: [delimiter, string].
func (t *template) split(n, arg *yaml.Node, sc *scope, depth int) (*val, bool) {
	items, ok := t.args("Fn::Split", arg, sc, 2, 2)
	if !ok {
		return nil, false
	}
	delim, ok := t.evalString(items[0], sc, depth, "the delimiter of Fn::Split")
	if !ok {
		return nil, false
	}
	if delim.s == "" {
		return t.fail(items[0], sc, "the delimiter of Fn::Split is empty")
	}
	s, ok := t.evalString(items[1], sc, depth, "the string of Fn::Split")
	if !ok {
		return nil, false
	}
	out := &val{kind: kList, at: t.at(n, sc)}
	if names := policydoc.PlaceholderNames(s.s); len(names) == 1 && s.s == policydoc.Placeholder(names[0]) {
		out.unknown = names[0] + ".split(" + delim.s + ")"
	}
	pl := t.placer(s)
	for i := 0; ; {
		j := strings.Index(s.s[i:], delim.s)
		if j < 0 {
			out.items = append(out.items, pl.slice(i, len(s.s)))
			return out, true
		}
		out.items = append(out.items, pl.slice(i, i+j))
		i += j + len(delim.s)
	}
}

// ifFn resolves Fn::If: [condition, value if true, value if false].
func (t *template) ifFn(n, arg *yaml.Node, sc *scope, depth int) (*val, bool) {
	items, ok := t.args("Fn::If", arg, sc, 3, 3)
	if !ok {
		return nil, false
	}
	if items[0].Kind != yaml.ScalarNode {
		return t.fail(items[0], sc, "the condition of Fn::If should be a condition's name, not %s", source.NodeKind(items[0]))
	}
	holds, ok := t.conditionHolds(items[0].Value, items[0], sc)
	if !ok {
		return nil, false
	}
	if holds {
		return t.eval(items[1], sc, depth)
	}
	return t.eval(items[2], sc, depth)
}

// findInMap resolves Fn::FindInMap: [map, top-level key, second-level key].
func (t *template) findInMap(n, arg *yaml.Node, sc *scope, depth int) (*val, bool) {
	items, ok := t.args("Fn::FindInMap", arg, sc, 3, 4)
	if !ok {
		return nil, false
	}
	node := t.mappings
	what := "the Mappings section"
	for _, item := range items[:3] {
		k, ok := t.evalString(item, sc, depth, "a key of Fn::FindInMap")
		if !ok {
			return nil, false
		}
		next := lookup(node, k.s)
		if next == nil {
			// AWS::LanguageExtensions adds a fourth argument, {DefaultValue: value}.
			if len(items) == 4 && lookup(items[3], "DefaultValue") != nil {
				return t.eval(lookup(items[3], "DefaultValue"), sc, depth)
			}
			return t.fail(item, sc, "Fn::FindInMap: %s has no key %q", what, k.s)
		}
		node, what = next, fmt.Sprintf("%q", k.s)
	}
	return t.eval(node, sc, depth)
}
