package terraform

import (
	"fmt"
	"github.com/iamsim/iamsim/policy"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
)

// A linkKind is how a policy or group comes to a principal.
type linkKind uint8

const (
	linkInline linkKind = iota
	linkAttach
	linkBoundary
	linkGroup
)

// A link ties a principal, named by a reference or a name, to a policy,
// named by an ARN or a placeholder, or by its index; or a user to a
// group. Links are resolved once every module is read.
type link struct {
	kind      linkKind
	principal string // as the code gives it; "" when index is set
	index     int    // the principal's index in Set.Principals
	ptype     string // aws_iam_role, aws_iam_user or aws_iam_group
	policy    int    // linkInline: the policy's index
	arn       string // linkAttach, linkBoundary: the ARN or placeholder
	group     string // linkGroup: the group, as the code gives it
}

// linkTypes are the resource types that tie policies and groups to
// principals, with the principal type and the arguments that name it.
var linkTypes = map[string]*struct {
	ptype, principal string
	list             bool
}{
	"aws_iam_role_policy":                        {"aws_iam_role", "role", false},
	"aws_iam_user_policy":                        {"aws_iam_user", "user", false},
	"aws_iam_group_policy":                       {"aws_iam_group", "group", false},
	"aws_iam_role_policy_attachment":             {"aws_iam_role", "role", false},
	"aws_iam_user_policy_attachment":             {"aws_iam_user", "user", false},
	"aws_iam_group_policy_attachment":            {"aws_iam_group", "group", false},
	"aws_iam_role_policy_attachments_exclusive":  {"aws_iam_role", "role_name", false},
	"aws_iam_user_policy_attachments_exclusive":  {"aws_iam_user", "user_name", false},
	"aws_iam_group_policy_attachments_exclusive": {"aws_iam_group", "group_name", false},
	"aws_iam_policy_attachment":                  {"", "", true},
	"aws_iam_user_group_membership":              {"aws_iam_user", "user", false},
	"aws_iam_group_membership":                   {"aws_iam_group", "group", false},
}

// resource reads one instance of a resource block: its policies, the
// principal it declares, the links it makes.
func (r *reader) resource(m *module, b *block, in instance) {
	sc := &scope{r: r, m: m, count: in.count, each: in.each}
	addr := m.prefix + b.address() + in.key
	name := sc.text(b.body.Attributes["name"])
	pi := -1
	if principalTypes[b.typ] {
		r.set.Principals = append(r.set.Principals, policydoc.Principal{
			Resource: addr, Type: b.typ, Name: name, Pos: r.pos(rangeLoc(b.def)), Boundary: -1, Trust: -1,
		})
		pi = len(r.set.Principals) - 1
		if a := b.body.Attributes["managed_policy_arns"]; a != nil {
			for _, arn := range sc.texts(a.Expr) {
				r.links = append(r.links, link{kind: linkAttach, index: pi, arn: arn})
			}
		}
		if arn := sc.text(b.body.Attributes["permissions_boundary"]); arn != "" {
			r.links = append(r.links, link{kind: linkBoundary, index: pi, arn: arn})
		}
	}
	kindOf := func(pa policyAttr) (bool, policydoc.Policy) {
		p := policydoc.Policy{Resource: addr, Type: b.typ, Kind: pa.kind, PolicyName: name}
		if pa.kind == policy.Resource {
			p.Targets = targets(sc, b)
		}
		if b.typ == "aws_organizations_policy" {
			typ := sc.text(b.body.Attributes["type"])
			if typ == "" {
				typ = "SERVICE_CONTROL_POLICY"
			}
			k, ok := organizationsKinds[typ]
			p.Kind = k
			return ok, p
		}
		return true, p
	}
	var policies []int
	for _, pa := range policyAttrs[b.typ] {
		ok, p := kindOf(pa)
		if !ok {
			continue
		}
		if pa.block != "" {
			blocks, err := sc.blocks(b.body, pa.block)
			if err != nil {
				r.addErr(err)
				continue
			}
			for i, bl := range blocks {
				q := p
				q.Path = fmt.Sprintf("%s[%d]", pa.block, i)
				q.PolicyName = bl.sc.text(bl.body.Attributes["name"])
				if i, ok := r.policyAttr(bl.sc, bl.body, pa.name, q); ok && b.typ == "aws_iam_role" {
					r.set.Principals[pi].Inline = append(r.set.Principals[pi].Inline, i)
				}
			}
			continue
		}
		if !pa.whole {
			p.Path = pa.name
		}
		if pa.name == "assume_role_policy" {
			p.PolicyName = ""
		}
		if i, ok := r.policyAttr(sc, b.body, pa.name, p); ok {
			policies = append(policies, i)
			if pa.name == "assume_role_policy" && pi >= 0 {
				r.set.Principals[pi].Trust = i
			}
		}
	}
	lt := linkTypes[b.typ]
	if lt == nil {
		return
	}
	arn := sc.text(b.body.Attributes["policy_arn"])
	switch b.typ {
	case "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy":
		who := sc.text(b.body.Attributes[lt.principal])
		for _, i := range policies {
			r.links = append(r.links, link{kind: linkInline, principal: who, index: -1, ptype: lt.ptype, policy: i})
		}
	case "aws_iam_policy_attachment":
		for _, f := range []struct{ arg, ptype string }{{"users", "aws_iam_user"}, {"roles", "aws_iam_role"}, {"groups", "aws_iam_group"}} {
			if a := b.body.Attributes[f.arg]; a != nil {
				for _, who := range sc.texts(a.Expr) {
					r.links = append(r.links, link{kind: linkAttach, principal: who, index: -1, ptype: f.ptype, arn: arn})
				}
			}
		}
	case "aws_iam_role_policy_attachments_exclusive", "aws_iam_user_policy_attachments_exclusive", "aws_iam_group_policy_attachments_exclusive":
		who := sc.text(b.body.Attributes[lt.principal])
		if a := b.body.Attributes["policy_arns"]; a != nil {
			for _, arn := range sc.texts(a.Expr) {
				r.links = append(r.links, link{kind: linkAttach, principal: who, index: -1, ptype: lt.ptype, arn: arn})
			}
		}
	case "aws_iam_user_group_membership":
		who := sc.text(b.body.Attributes["user"])
		if a := b.body.Attributes["groups"]; a != nil {
			for _, g := range sc.texts(a.Expr) {
				r.links = append(r.links, link{kind: linkGroup, principal: who, index: -1, ptype: "aws_iam_user", group: g})
			}
		}
	case "aws_iam_group_membership":
		g := sc.text(b.body.Attributes["group"])
		if a := b.body.Attributes["users"]; a != nil {
			for _, who := range sc.texts(a.Expr) {
				r.links = append(r.links, link{kind: linkGroup, principal: who, index: -1, ptype: "aws_iam_user", group: g})
			}
		}
	default:
		who := sc.text(b.body.Attributes[lt.principal])
		r.links = append(r.links, link{kind: linkAttach, principal: who, index: -1, ptype: lt.ptype, arn: arn})
	}
}

// policyAttr adds the policy an argument holds.
func (r *reader) policyAttr(sc *scope, body *hclsyntax.Body, name string, p policydoc.Policy) (int, bool) {
	a := body.Attributes[name]
	if a == nil {
		return 0, false
	}
	n, err := sc.eval(a.Expr)
	if err != nil {
		r.addErr(err)
		return 0, false
	}
	if n.kind == kJSON && n.source != "" {
		if _, ok := r.docUses[n.source]; !ok {
			r.docUses[n.source] = p.Kind
		}
	}
	return r.addPolicy(n, p, rangeLoc(a.Expr.Range()))
}

// text evaluates an argument that names something (a role, an ARN) to
// its text: a placeholder for a reference to a resource; "" when it
// cannot be known.
func (sc *scope) text(a *hclsyntax.Attribute) string {
	if a == nil {
		return ""
	}
	n, err := sc.eval(a.Expr)
	if err != nil || n.kind != kString {
		return ""
	}
	return n.str
}

// texts evaluates a list of names.
func (sc *scope) texts(expr hcl.Expression) []string {
	n, err := sc.eval(expr)
	if err != nil {
		return nil
	}
	if n.kind == kString {
		return []string{n.str}
	}
	var out []string
	for _, e := range n.elems {
		if e.kind == kString && n.kind == kTuple {
			out = append(out, e.str)
		}
	}
	return out
}

// resolve ties the links to principals and policies.
func (r *reader) resolve() {
	set := r.set
	for _, l := range r.links {
		pi := l.index
		if pi < 0 {
			pi = r.findPrincipal(l.principal, l.ptype)
		}
		if pi < 0 {
			continue
		}
		p := &set.Principals[pi]
		switch l.kind {
		case linkInline:
			p.Inline = append(p.Inline, l.policy)
		case linkAttach:
			if i := r.findPolicy(l.arn); i >= 0 {
				if !containsInt(p.Attached, i) {
					p.Attached = append(p.Attached, i)
				}
			} else if l.arn != "" && !contains(p.ManagedARNs, l.arn) {
				p.ManagedARNs = append(p.ManagedARNs, l.arn)
			}
		case linkBoundary:
			if i := r.findPolicy(l.arn); i >= 0 {
				p.Boundary = i
			} else {
				p.BoundaryARN = l.arn
			}
		case linkGroup:
			if g := r.findPrincipal(l.group, "aws_iam_group"); g >= 0 && !containsInt(p.Groups, g) {
				p.Groups = append(p.Groups, g)
			}
		}
	}
}

// referenced returns the address a value refers to when it is a
// placeholder for one of a resource's attributes
// ("{{aws_iam_role.app.name}}" gives "aws_iam_role.app").
func referenced(s string) (string, bool) {
	name, ok := placeholderName(stringNode(s, loc{}, false))
	if !ok {
		return "", false
	}
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return "", false
	}
	return name[:i], true
}

// findPrincipal finds a principal of a type by a reference to it or by
// its name (or an ARN that ends in its name).
func (r *reader) findPrincipal(s, ptype string) int {
	if s == "" {
		return -1
	}
	addr, isRef := referenced(s)
	for i, p := range r.set.Principals {
		if ptype != "" && p.Type != ptype {
			continue
		}
		if isRef && p.Resource == addr {
			return i
		}
		if !isRef && p.Name != "" && (p.Name == s || strings.HasSuffix(s, "/"+p.Name)) {
			return i
		}
	}
	return -1
}

// findPolicy finds the aws_iam_policy an ARN refers to.
func (r *reader) findPolicy(s string) int {
	if i, ok := r.policyARNs[s]; ok {
		return i
	}
	addr, ok := referenced(s)
	if !ok {
		return -1
	}
	for i, p := range r.set.Policies {
		if p.Type == "aws_iam_policy" && p.Resource == addr {
			return i
		}
	}
	return -1
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// targetAttrs are, per resource type, the argument that names the
// resource a resource policy is attached to, and how its value becomes an
// ARN: a bucket's name, a queue's URL, a topic's ARN (the resources'
// pages of the AWS provider's documentation).
var targetAttrs = map[string]struct {
	name string
	arn  func(v string) string
}{
	"aws_s3_bucket_policy": {"bucket", func(v string) string { return "arn:aws:s3:::" + v }},
	"aws_sqs_queue_policy": {"queue_url", func(v string) string { return policydoc.QueueARN("aws", v) }},
	"aws_sns_topic_policy": {"arn", func(v string) string { return v }},
}

// targets returns the ARN of the resource b's policy is attached to, when
// the code determines it: none that holds a placeholder.
func targets(sc *scope, b *block) []string {
	ta, ok := targetAttrs[b.typ]
	if !ok {
		return nil
	}
	v := sc.text(b.body.Attributes[ta.name])
	if v == "" || policy.HasPlaceholder(v) {
		return nil
	}
	if arn := ta.arn(v); strings.HasPrefix(arn, "arn:") {
		return []string{arn}
	}
	return nil
}
