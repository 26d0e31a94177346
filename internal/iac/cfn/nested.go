package cfn

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// nesting is where a template stands among nested stacks: the
// templates that nest it, outermost first, to refuse a cycle, and what
// reading the outermost one has met.
type nesting struct {
	chain []string
	state *nestState
}

// nestState counts the nested templates read from the outermost one,
// which bounds the work of stacks that nest the same template many times
// over, and says whether a stack was found too deep, which is said once.
type nestState struct {
	reads int
	deep  bool
}

// readNested reads the template of a nested stack, an
// AWS::CloudFormation::Stack whose TemplateURL, or an
// AWS::Serverless::Application whose Location, is a path relative to
// this template (as `aws cloudformation package` and `sam build` take
// them), or whose template CDK wrote beside this one (nestedPath),
// through Options.ReadFile, with the stack's Parameters as its
// parameter values. Its policies and principals join the set, their
// Resource prefixed with the stack's logical ID and a slash
// ("Network/AppRole"); their File is the nested template. A template on
// S3 or the web, or a SAR application, is not read.
func (rd *reader) readNested(r *resource) {
	t := rd.t
	urlNode := r.prop("TemplateURL")
	if r.typ == "AWS::Serverless::Application" {
		urlNode = r.prop("Location")
	}
	if urlNode == nil || t.opts.ReadFile == nil {
		return
	}
	path, ok := t.nestedPath(r, urlNode)
	if !ok {
		if t.opts.Note != nil {
			t.opts.Note(t.pos(t.offset(urlNode)), "nested stack "+r.id+" is not read: its template is not a local file")
		}
		return
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(t.name), path)
	}
	chain := append(slices.Clone(t.nest.chain), t.name)
	if slices.Contains(chain, path) {
		t.fail(urlNode, top, "nested stack %s reads %s, which nests this template: a cycle", r.id, path)
		return
	}
	if len(chain) > maxNesting {
		if !t.nest.state.deep {
			t.nest.state.deep = true
			t.fail(urlNode, top, "nested stacks more than %d deep", maxNesting)
		}
		return
	}
	if t.nest.state.reads++; t.nest.state.reads > maxNested {
		// Said once, at the first stack left unread.
		if t.nest.state.reads == maxNested+1 {
			t.fail(urlNode, top, "more than %d nested stacks' templates to read", maxNested)
		}
		return
	}
	values, ok := rd.nestedValues(r)
	if !ok {
		return
	}
	src, err := t.opts.ReadFile(path)
	if err != nil {
		t.fail(urlNode, top, "nested stack %s: %v", r.id, err)
		return
	}
	set, paths, err := read(path, src, policydoc.Options{Values: values, ReadFile: t.opts.ReadFile}, nesting{chain, t.nest.state})
	var list policy.ErrorList
	if errors.As(err, &list) {
		t.errs = append(t.errs, list...)
	} else if err != nil {
		t.fail(urlNode, top, "nested stack %s: %v", r.id, err)
	}
	rd.merge(r.id, set, paths)
}

// nestedValues returns the values a nested stack's template is read
// with: the pseudo parameters this one was given and the stack's
// Parameters, a list joined with commas as CloudFormation passes it.
func (rd *reader) nestedValues(r *resource) (map[string]string, bool) {
	values := map[string]string{}
	for k, v := range rd.t.opts.Values {
		if strings.HasPrefix(k, "AWS::") {
			values[k] = v
		}
	}
	n := r.prop("Parameters")
	if n == nil {
		return values, true
	}
	params, ok := rd.t.eval(n, top, 0)
	if !ok {
		return nil, false
	}
	if params.kind != kMap {
		_, ok := rd.t.fail(n, top, "the Parameters of %s should be a mapping, not %s", r.id, describe(params))
		return nil, ok
	}
	for i, k := range params.keys {
		v := params.items[i]
		if s, isStr := v.str(); isStr {
			values[k.name] = s
			continue
		}
		if v.kind != kList {
			_, ok := rd.t.fail(n, top, "parameter %s of %s should be a string or a list, not %s", k.name, r.id, describe(v))
			return nil, ok
		}
		parts := make([]string, len(v.items))
		for j, item := range v.items {
			parts[j] = render(item)
		}
		values[k.name] = strings.Join(parts, ",")
	}
	return values, true
}

// nestedPath returns the path of a nested stack's template: its
// TemplateURL (or Location) when that is a local path, else the asset
// CDK wrote the template to (the aws:asset:path metadata of a stack
// whose aws:asset:property is TemplateURL, which CDK sets on the
// AWS::CloudFormation::Stack of a NestedStack, its URL being the asset's
// place on S3).
func (t *template) nestedPath(r *resource, urlNode *yaml.Node) (string, bool) {
	meta := lookup(r.node, "Metadata")
	if asset := lookup(meta, "aws:asset:path"); asset != nil && asset.Kind == yaml.ScalarNode {
		if prop := lookup(meta, "aws:asset:property"); prop != nil && prop.Value == "TemplateURL" {
			return asset.Value, true
		}
	}
	u, ok := t.eval(urlNode, top, 0)
	if !ok || u.kind != kString || strings.Contains(u.s, "://") || strings.HasPrefix(u.s, "s3:") || strings.Contains(u.s, "{{") {
		return "", false
	}
	return u.s, true
}

// merge adds a nested stack's set, and its construct paths, under the
// stack's logical ID.
func (rd *reader) merge(stack string, set *policydoc.Set, paths map[string]string) {
	for id, path := range paths {
		rd.constructs[stack+"/"+id] = path
	}
	base, pbase := len(rd.set.Policies), len(rd.set.Principals)
	for _, p := range set.Policies {
		p.Resource = stack + "/" + p.Resource
		rd.set.Policies = append(rd.set.Policies, p)
	}
	shift := func(list []int, by int) []int {
		out := make([]int, len(list))
		for i, x := range list {
			out[i] = x + by
		}
		return out
	}
	for _, pr := range set.Principals {
		pr.Resource = stack + "/" + pr.Resource
		pr.Inline, pr.Attached, pr.Groups = shift(pr.Inline, base), shift(pr.Attached, base), shift(pr.Groups, pbase)
		if pr.Boundary >= 0 {
			pr.Boundary += base
		}
		if pr.Trust >= 0 {
			pr.Trust += base
		}
		rd.set.Principals = append(rd.set.Principals, pr)
	}
}
