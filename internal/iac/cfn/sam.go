package cfn

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/source"

	"github.com/iamsim/iamsim/internal/managedpolicies"
	"github.com/iamsim/iamsim/internal/textdist"
	"github.com/iamsim/iamsim/policy"
)

// policyTemplatesJSON is SAM's policy templates, from
// aws/serverless-application-model's
// samtranslator/policy_templates_data/policy_templates.json (Apache-2.0;
// docs/sources.md).
//
//go:embed policy_templates.json
var policyTemplatesJSON []byte

// A samTemplate is one SAM policy template: its parameters and the
// definition they are substituted into.
type samTemplate struct {
	params     []string
	definition *yaml.Node
}

var (
	samOnce      sync.Once
	samTemplates map[string]samTemplate
	samNames     []string
)

// policyTemplates returns SAM's policy templates, read on first use.
func policyTemplates() map[string]samTemplate {
	samOnce.Do(func() {
		var root yaml.Node
		if err := yaml.Unmarshal(policyTemplatesJSON, &root); err != nil {
			panic("cfn: the embedded SAM policy templates do not parse: " + err.Error())
		}
		samTemplates = map[string]samTemplate{}
		all := lookup(root.Content[0], "Templates")
		for i := 0; i+1 < len(all.Content); i += 2 {
			name, body := all.Content[i].Value, all.Content[i+1]
			st := samTemplate{definition: lookup(body, "Definition")}
			params := lookup(body, "Parameters")
			for j := 0; params != nil && j+1 < len(params.Content); j += 2 {
				st.params = append(st.params, params.Content[j].Value)
			}
			samTemplates[name] = st
			samNames = append(samNames, name)
		}
		sort.Strings(samNames)
	})
	return samTemplates
}

func isServerless(typ string) bool {
	return typ == "AWS::Serverless::Function" || typ == "AWS::Serverless::StateMachine"
}

// managedARN returns the ARN of a managed policy SAM's Policies names:
// an ARN as it is, an AWS managed policy's name as the ARN of the policy
// of that name in iamsim's snapshot (some live under a path, such as
// service-role/), else under the plain AWS path.
func (rd *reader) managedARN(name string) string {
	if strings.HasPrefix(name, "arn:") || strings.HasPrefix(name, "{{") {
		return name
	}
	if snap, err := managedpolicies.Embedded(); err == nil {
		i := sort.Search(len(snap.Policies), func(i int) bool { return snap.Policies[i].Name >= name })
		if i < len(snap.Policies) && snap.Policies[i].Name == name {
			return strings.Replace(snap.Policies[i].ARN, "arn:aws:", "arn:"+rd.t.pseudoString("AWS::Partition")+":", 1)
		}
	}
	return "arn:" + rd.t.pseudoString("AWS::Partition") + ":iam::aws:policy/" + name
}

// expand writes the document a SAM policy template gives with the
// parameters item passes it. Its values are placed at the template's
// name in the user's file, and those the parameters give where those are.
func (rd *reader) expand(r *resource, path, name string, item *yaml.Node) int {
	key, args := deref(item.Content[0]), deref(item.Content[1])
	st, ok := policyTemplates()[key.Value]
	if !ok {
		msg := fmt.Sprintf("%s of %s: unknown SAM policy template %s", path, r.id, key.Value)
		if near := textdist.Nearest(key.Value, samNames); near != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", near)
		}
		rd.t.errs = append(rd.t.errs, rd.t.errAt(rd.t.content(key), msg))
		return -1
	}
	sc := &scope{refs: map[string]*val{}, fixed: rd.t.content(key)}
	if args.Kind != yaml.MappingNode && !(args.Kind == yaml.ScalarNode && args.Tag == "!!null") {
		rd.t.fail(args, top, "the parameters of SAM policy template %s should be a mapping, not %s", key.Value, source.NodeKind(args))
		return -1
	}
	for _, p := range st.params {
		n := lookup(args, p)
		if n == nil {
			rd.t.fail(key, top, "SAM policy template %s needs parameter %s", key.Value, p)
			return -1
		}
		v, ok := rd.t.eval(n, top, 0)
		if !ok {
			return -1
		}
		sc.refs[p] = v
	}
	doc, ok := rd.t.eval(st.definition, sc, 0)
	if !ok {
		return -1
	}
	return rd.addVal(r, path, name, policy.Identity, doc)
}

// branch returns the node a Policies item stands for once each Fn::If
// around it has taken its branch: nil for AWS::NoValue.
func (t *template) branch(n *yaml.Node) (*yaml.Node, bool) {
	for depth := 0; ; depth++ {
		n = deref(n)
		fn, arg := intrinsic(n)
		switch {
		case fn == "Ref" && arg.Value == "AWS::NoValue":
			return nil, true
		case fn != "Fn::If":
			return n, true
		case depth > maxDepth:
			_, ok := t.fail(n, top, "Fn::If nested more than %d deep", maxDepth)
			return nil, ok
		}
		items, ok := t.args(fn, arg, top, 3, 3)
		if !ok {
			return nil, false
		}
		holds, ok := t.conditionHolds(items[0].Value, items[0], top)
		if !ok {
			return nil, false
		}
		n = items[2]
		if holds {
			n = items[1]
		}
	}
}
