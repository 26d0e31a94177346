package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/tidwall/gjson"
)

// The JSON plan is the output of terraform show -json PLANFILE
// (https://developer.hashicorp.com/terraform/internals/json-format): its
// planned_values hold every resource with its address and the values it
// will have, a policy as a JSON string; a value unknown until apply is
// left out and marked in resource_changes' after_unknown; configuration
// keeps, for each argument, the references it was written with.

// IsPlan reports whether src looks like a JSON plan: an object with a
// format_version and planned_values.
func IsPlan(src []byte) bool {
	if !gjson.ValidBytes(src) {
		return false
	}
	r := gjson.ParseBytes(src)
	return r.IsObject() && r.Get("format_version").Exists() && r.Get("planned_values").IsObject()
}

// ReadPlan reads the policies of a JSON plan. Each policy's positions
// are in the plan file: inside the JSON string that holds it, exact
// where the string's characters are not escaped, else at the escape.
// opts.Note is told of each policy unknown until apply.
func ReadPlan(name string, src []byte, opts Options) (*policydoc.Set, error) {
	r := newReader(".", opts)
	r.files[name] = src
	if !gjson.ValidBytes(src) {
		r.errorf(loc{file: name, off: syntaxOffset(src)}, "the plan is not valid JSON")
		return r.set, r.errs.Err()
	}
	plan := gjson.ParseBytes(src)
	if !plan.IsObject() || !plan.Get("planned_values").IsObject() {
		r.errorf(loc{file: name}, "not a Terraform plan: no planned_values (write it with terraform show -json PLANFILE)")
		return r.set, r.errs.Err()
	}
	if v := plan.Get("format_version").String(); v != "" && !strings.HasPrefix(v, "1.") {
		r.errorf(loc{file: name, off: plan.Get("format_version").Index}, "plan format version %s is not supported: iamsim reads version 1", v)
		return r.set, r.errs.Err()
	}
	p := &planReader{r: r, name: name, plan: plan, unknown: map[string]gjson.Result{}, seen: map[string]bool{}}
	plan.Get("resource_changes").ForEach(func(_, rc gjson.Result) bool {
		p.unknown[rc.Get("address").String()] = rc.Get("change.after_unknown")
		return true
	})
	p.module(plan.Get("planned_values.root_module"), plan.Get("configuration.root_module"), 0)
	// Data sources read during the plan may stand only in the prior state.
	p.module(plan.Get("prior_state.values.root_module"), plan.Get("configuration.root_module"), 0)
	return r.finish()
}

// syntaxOffset returns where encoding/json finds src invalid.
func syntaxOffset(src []byte) int {
	var v any
	var se *json.SyntaxError
	if err := json.Unmarshal(src, &v); errors.As(err, &se) {
		return max(0, int(se.Offset)-1)
	}
	return 0
}

type planReader struct {
	r       *reader
	name    string
	plan    gjson.Result
	unknown map[string]gjson.Result // after_unknown by address
	seen    map[string]bool         // addresses read
}

// module reads the resources of a module of the plan, then its child
// modules; conf is the module's configuration.
func (p *planReader) module(mod, conf gjson.Result, depth int) {
	if depth > maxModuleDepth*4 {
		return
	}
	mod.Get("resources").ForEach(func(_, res gjson.Result) bool {
		p.resource(res, conf)
		return len(p.r.set.Policies) < maxPolicies
	})
	mod.Get("child_modules").ForEach(func(_, child gjson.Result) bool {
		p.module(child, childConfig(conf, child.Get("address").String()), depth+1)
		return true
	})
}

// childConfig finds the configuration of a child module by its address
// ("module.a.module.b[0]").
func childConfig(conf gjson.Result, address string) gjson.Result {
	parts := strings.Split(address, "module.")
	name := parts[len(parts)-1]
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i]
	}
	name = strings.TrimSuffix(name, ".")
	var out gjson.Result
	conf.Get("module_calls").ForEach(func(k, v gjson.Result) bool {
		if k.Str == name {
			out = v.Get("module")
			return false
		}
		return true
	})
	return out
}

// resource reads one resource of the plan.
func (p *planReader) resource(res, conf gjson.Result) {
	r := p.r
	addr, typ, mode := res.Get("address").String(), res.Get("type").String(), res.Get("mode").String()
	if addr == "" || p.seen[addr] {
		return
	}
	p.seen[addr] = true
	vals := res.Get("values")
	prefix := modulePrefix(addr, mode, typ)
	exprs := configExpressions(conf, strings.TrimPrefix(addr, prefix))
	at := loc{file: p.name, off: res.Index}
	if mode == "data" {
		if typ == "aws_iam_policy_document" {
			if i, ok := p.policy(vals.Get("json"), policydoc.Policy{Resource: addr, Type: typ}, at); ok {
				r.docIndex[addr] = append(r.docIndex[addr], i)
			}
		}
		return
	}
	name := vals.Get("name").String()
	pi := -1
	if principalTypes[typ] {
		r.set.Principals = append(r.set.Principals, policydoc.Principal{
			Resource: addr, Type: typ, Name: name, Pos: r.pos(at), Boundary: -1, Trust: -1,
		})
		pi = len(r.set.Principals) - 1
		for _, arn := range p.texts(vals, exprs, "managed_policy_arns", prefix) {
			r.links = append(r.links, link{kind: linkAttach, index: pi, arn: arn})
		}
		if arn := p.text(vals, exprs, "permissions_boundary", prefix); arn != "" {
			r.links = append(r.links, link{kind: linkBoundary, index: pi, arn: arn})
		}
	}
	if typ == "aws_iam_policy" {
		if arn := vals.Get("arn").String(); arn != "" {
			r.policyARNs[arn] = len(r.set.Policies)
		}
	}
	var policies []int
	for _, pa := range policyAttrs[typ] {
		pol := policydoc.Policy{Resource: addr, Type: typ, Kind: pa.kind, PolicyName: name}
		if typ == "aws_organizations_policy" {
			k, ok := organizationsKinds[vals.Get("type").String()]
			if !ok {
				continue
			}
			pol.Kind = k
		}
		if pa.block != "" {
			vals.Get(pa.block).ForEach(func(i, blk gjson.Result) bool {
				q := pol
				q.Path = fmt.Sprintf("%s[%d]", pa.block, i.Int())
				q.PolicyName = blk.Get("name").String()
				if j, ok := p.policy(blk.Get(pa.name), q, at); ok && typ == "aws_iam_role" {
					r.set.Principals[pi].Inline = append(r.set.Principals[pi].Inline, j)
				}
				return true
			})
			continue
		}
		if !pa.whole {
			pol.Path = pa.name
		}
		if pa.name == "assume_role_policy" {
			pol.PolicyName = ""
		}
		v := vals.Get(pa.name)
		if !v.Exists() {
			if p.unknown[addr].Get(pa.name).Bool() && r.opts.Note != nil {
				r.opts.Note(r.pos(at), fmt.Sprintf("%s.%s is unknown until apply: the plan does not hold it", addr, pa.name))
			}
			continue
		}
		for _, ref := range exprs.Get(pa.name + ".references").Array() {
			if s := ref.String(); strings.HasPrefix(s, "data.aws_iam_policy_document.") {
				if _, ok := r.docUses[prefix+trimAttr(s)]; !ok {
					r.docUses[prefix+trimAttr(s)] = pol.Kind
				}
			}
		}
		if i, ok := p.policy(v, pol, at); ok {
			policies = append(policies, i)
			if pa.name == "assume_role_policy" && pi >= 0 {
				r.set.Principals[pi].Trust = i
			}
		}
	}
	lt := linkTypes[typ]
	if lt == nil {
		return
	}
	arn := p.text(vals, exprs, "policy_arn", prefix)
	add := func(l link) {
		l.index = -1
		r.links = append(r.links, l)
	}
	switch typ {
	case "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy":
		who := p.text(vals, exprs, lt.principal, prefix)
		for _, i := range policies {
			add(link{kind: linkInline, principal: who, ptype: lt.ptype, policy: i})
		}
	case "aws_iam_policy_attachment":
		for _, f := range []struct{ arg, ptype string }{{"users", "aws_iam_user"}, {"roles", "aws_iam_role"}, {"groups", "aws_iam_group"}} {
			for _, who := range p.texts(vals, exprs, f.arg, prefix) {
				add(link{kind: linkAttach, principal: who, ptype: f.ptype, arn: arn})
			}
		}
	case "aws_iam_role_policy_attachments_exclusive", "aws_iam_user_policy_attachments_exclusive", "aws_iam_group_policy_attachments_exclusive":
		who := p.text(vals, exprs, lt.principal, prefix)
		for _, a := range p.texts(vals, exprs, "policy_arns", prefix) {
			add(link{kind: linkAttach, principal: who, ptype: lt.ptype, arn: a})
		}
	case "aws_iam_user_group_membership":
		who := p.text(vals, exprs, "user", prefix)
		for _, g := range p.texts(vals, exprs, "groups", prefix) {
			add(link{kind: linkGroup, principal: who, ptype: "aws_iam_user", group: g})
		}
	case "aws_iam_group_membership":
		g := p.text(vals, exprs, "group", prefix)
		for _, who := range p.texts(vals, exprs, "users", prefix) {
			add(link{kind: linkGroup, principal: who, ptype: "aws_iam_user", group: g})
		}
	default:
		add(link{kind: linkAttach, principal: p.text(vals, exprs, lt.principal, prefix), ptype: lt.ptype, arn: arn})
	}
}

// modulePrefix returns the module part of a resource address, with its
// final dot: "module.net." of "module.net.aws_iam_policy.p[0]".
func modulePrefix(addr, mode, typ string) string {
	marker := typ + "."
	if mode == "data" {
		marker = "data." + marker
	}
	if i := strings.LastIndex(addr, marker); i > 0 {
		return addr[:i]
	}
	return ""
}

// configExpressions finds a resource's expressions in its module's
// configuration by its address within the module, keys left out.
func configExpressions(conf gjson.Result, addr string) gjson.Result {
	if i := strings.IndexByte(addr, '['); i >= 0 {
		addr = addr[:i]
	}
	var out gjson.Result
	conf.Get("resources").ForEach(func(_, res gjson.Result) bool {
		if res.Get("address").String() == addr {
			out = res.Get("expressions")
			return false
		}
		return true
	})
	return out
}

// trimAttr drops the last attribute of a reference.
func trimAttr(ref string) string {
	if i := strings.LastIndexByte(ref, '.'); i >= 0 {
		return ref[:i]
	}
	return ref
}

// text returns an argument's planned value, or, when unknown until
// apply, a placeholder for the resource attribute its configuration
// refers to.
func (p *planReader) text(vals, exprs gjson.Result, arg, prefix string) string {
	if v := vals.Get(arg); v.Type == gjson.String {
		return v.Str
	}
	refs := exprs.Get(arg + ".references").Array()
	if len(refs) > 0 {
		return placeholderText(prefix + refs[0].String())
	}
	return ""
}

// texts is text for a list argument.
func (p *planReader) texts(vals, exprs gjson.Result, arg, prefix string) []string {
	var out []string
	if v := vals.Get(arg); v.IsArray() {
		v.ForEach(func(_, e gjson.Result) bool {
			if e.Type == gjson.String {
				out = append(out, e.Str)
			}
			return true
		})
		return out
	}
	// A list unknown until apply: each resource it refers to, by the
	// references that name an attribute.
	for _, ref := range exprs.Get(arg + ".references").Array() {
		if s := ref.String(); strings.Count(s, ".") >= 2 {
			out = append(out, placeholderText(prefix+s))
		}
	}
	return out
}

// policy adds the policy a JSON string value of the plan holds.
func (p *planReader) policy(v gjson.Result, pol policydoc.Policy, at loc) (int, bool) {
	if v.Type != gjson.String {
		return 0, false
	}
	return p.r.addPolicy(jsonStringNode(p.name, v), pol, at)
}

// jsonStringNode returns a JSON string of a file as a string node: runs
// of characters written without escapes are exact, each escape is at its
// backslash.
func jsonStringNode(file string, v gjson.Result) *node {
	raw := []byte(v.Raw)
	base := v.Index + 1
	n := &node{kind: kString, at: loc{file, v.Index}, str: v.Str}
	var out bytes.Buffer
	run := false
	for i := 1; i < len(raw)-1; {
		c := raw[i]
		if c != '\\' {
			if !run {
				n.pieces = append(n.pieces, piece{start: out.Len(), at: loc{file, base + i - 1}, exact: true})
				run = true
			}
			out.WriteByte(c)
			i++
			continue
		}
		run = false
		n.pieces = append(n.pieces, piece{start: out.Len(), at: loc{file, base + i - 1}})
		w := 2
		if i+1 < len(raw) && raw[i+1] == 'u' {
			w = 6
			var r1 rune
			fmt.Sscanf(string(raw[i+2:min(i+6, len(raw))]), "%x", &r1)
			if utf16.IsSurrogate(r1) && i+12 <= len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
				w = 12
			}
		}
		var s string
		if json.Unmarshal(append(append([]byte{'"'}, raw[i:min(i+w, len(raw))]...), '"'), &s) != nil {
			break
		}
		out.WriteString(s)
		i += w
	}
	if out.String() != v.Str || len(n.pieces) == 0 {
		// The escapes did not decode as expected: the whole string is at
		// its start.
		n.pieces = []piece{{at: loc{file, base}}}
	}
	return n
}
