package account

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// Organization is an AWS Organizations tree with the SCPs and RCPs
// attached at each node (docs/accounts.md, "The organization file").
type Organization struct {
	File string
	// ID is the organization's ID (o-a1b2c3d4e5), "" when the file does
	// not give it; with it, requests carry aws:PrincipalOrgID,
	// aws:PrincipalOrgPaths, aws:ResourceOrgID and aws:ResourceOrgPaths.
	ID                string
	ManagementAccount string
	Root              *OrgNode
	accounts          map[string]*orgAccount
	// scpsOff and rcpsOff are set when the policy type is not enabled in
	// the root (list-roots PolicyTypes): its policies are not evaluated.
	scpsOff, rcpsOff bool
}

// OrgNode is the root or an OU.
type OrgNode struct {
	ID, Name   string
	SCPs, RCPs []Policy
	Accounts   []string
	Children   []*OrgNode
	parent     *OrgNode
}

// orgAccount is an account's place in the tree and the policies attached
// to the account itself.
type orgAccount struct {
	node       *OrgNode
	scps, rcps []Policy
}

// Members returns the member accounts: every account in the tree but the
// management account.
func (o *Organization) Members() []string {
	var out []string
	for _, id := range sortedKeys(o.accounts) {
		if id != o.ManagementAccount {
			out = append(out, id)
		}
	}
	return out
}

// Contains reports whether the account is in the organization.
func (o *Organization) Contains(account string) bool {
	_, ok := o.accounts[account]
	return ok
}

// Chain is a list of policies per level, from the root down to an account.
type Chain [][]Policy

// Documents returns the chain's documents in the evaluator's shape.
func (c Chain) Documents() [][]*policy.Document {
	out := make([][]*policy.Document, len(c))
	for i, level := range c {
		for _, p := range level {
			out[i] = append(out[i], p.Doc)
		}
	}
	return out
}

// SCPs returns the SCP chain of an account's principals: the SCPs of every
// node from the root to the account's OU, then the account's own. It is
// nil for an account outside the organization, and when SCPs are not
// enabled in the root.
func (o *Organization) SCPs(account string) Chain { return o.chain(account, true) }

// RCPs returns the RCP chain of an account's resources.
func (o *Organization) RCPs(account string) Chain { return o.chain(account, false) }

func (o *Organization) chain(account string, scp bool) Chain {
	a, ok := o.accounts[account]
	if !ok || scp && o.scpsOff || !scp && o.rcpsOff {
		return nil
	}
	pick := func(n *OrgNode) []Policy {
		if scp {
			return n.SCPs
		}
		return n.RCPs
	}
	var levels Chain
	for n := a.node; n != nil; n = n.parent {
		levels = append(Chain{pick(n)}, levels...)
	}
	own := a.rcps
	if scp {
		own = a.scps
	}
	return append(levels, own)
}

// The policies AWS attaches to every node by default
// (orgs_manage_policies_scps.md: FullAWSAccess; RCPFullAWSAccess).
const (
	fullAWSAccess    = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`
	rcpFullAWSAccess = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}`
)

// LoadOrganization reads an organization file (YAML or JSON) with the
// default Limits.
func LoadOrganization(path string) (*Organization, error) { return Limits{}.LoadOrganization(path) }

// LoadOrganization is LoadOrganization reading no file beyond l.Files.
func (l Limits) LoadOrganization(path string) (*Organization, error) {
	src, err := l.Files.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return l.ParseOrganization(path, src)
}

// ParseOrganization reads an organization file; policy files are found
// relative to its directory and read with the default Limits.
func ParseOrganization(name string, src []byte) (*Organization, error) {
	return Limits{}.ParseOrganization(name, src)
}

// ParseOrganization is ParseOrganization reading no policy file beyond
// l.Files. The YAML is read strictly (source.ParseYAML): every problem
// of the text has a position, and a key given twice is an error.
func (l Limits) ParseOrganization(name string, src []byte) (*Organization, error) {
	top, err := parseYAML(name, src, "an organization", "empty organization file: want a mapping with managementAccount and root")
	if err != nil {
		return nil, err
	}
	r := &orgReader{name: name, dir: filepath.Dir(name), limits: l.Files, org: &Organization{File: name, accounts: map[string]*orgAccount{}}}
	if top.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d:%d: an organization file is a mapping with managementAccount and root", name, top.Line, top.Column)
	}
	r.fields(top, "the organization file", map[string]func(*yaml.Node){
		"id":                func(v *yaml.Node) { r.org.ID = r.orgID(v) },
		"managementAccount": func(v *yaml.Node) { r.org.ManagementAccount = r.accountID(v) },
		"root":              func(v *yaml.Node) { r.org.Root = r.node(v, nil) },
	})
	if r.org.Root == nil && len(r.errs) == 0 {
		r.errorf(top, "the organization file has no root")
	}
	if r.org.ManagementAccount == "" && len(r.errs) == 0 {
		r.errorf(top, "the organization file names no managementAccount")
	}
	if len(r.errs) > 0 {
		return nil, errors.Join(r.errs...)
	}
	return r.org, nil
}

type orgReader struct {
	name, dir string
	limits    source.Limits // for the policy files named, and every policy parsed
	org       *Organization
	errs      []error
}

func (r *orgReader) errorf(n *yaml.Node, format string, args ...any) {
	r.errs = append(r.errs, fmt.Errorf("%s:%d:%d: %s", r.name, n.Line, n.Column, fmt.Sprintf(format, args...)))
}

// fields calls the handler of every key of a mapping, reporting unknown
// keys and a key given twice.
func (r *orgReader) fields(n *yaml.Node, what string, handlers map[string]func(*yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "%s must be a mapping", what)
		return
	}
	source.Mapping{What: what, Known: sortedKeys(handlers)}.Keys(n,
		func(key string, v *yaml.Node) { handlers[key](source.Resolve(v)) },
		func(k *yaml.Node, msg string) { r.errorf(k, "%s", msg) })
}

func (r *orgReader) accountID(v *yaml.Node) string {
	if v.Kind != yaml.ScalarNode {
		r.errorf(v, "an account ID is one value of 12 digits, such as 111122223333")
		return ""
	}
	if !policy.IsAccountID(v.Value) {
		// YAML keeps a plain number's digits as written: quotes are
		// never the fix.
		r.errorf(v, "account %q: want a 12-digit account ID, such as 111122223333", v.Value)
		return ""
	}
	return v.Value
}

// orgID reads an organization ID: o- and 10 to 32 lower-case letters or
// digits (Organizations API reference).
func (r *orgReader) orgID(v *yaml.Node) string {
	id := v.Value
	ok := len(id) >= 12 && len(id) <= 34 && id[:2] == "o-"
	for _, c := range id[min(2, len(id)):] {
		ok = ok && (c >= 'a' && c <= 'z' || c >= '0' && c <= '9')
	}
	if v.Kind != yaml.ScalarNode || !ok {
		r.errorf(v, "an organization ID is o- and 10 to 32 lower-case letters or digits, such as o-a1b2c3d4e5")
		return ""
	}
	return id
}

// Path returns an account's organization path as aws:PrincipalOrgPaths
// and aws:ResourceOrgPaths hold it: o-id/r-id/ou-id/.../ (the entities from
// the root to the account's OU; reference_policies_condition-keys.md). It
// is "" when the organization ID or a node ID is unknown, or the account is
// not in the organization.
func (o *Organization) Path(account string) string {
	a, ok := o.accounts[account]
	if !ok || o.ID == "" {
		return ""
	}
	path := ""
	for n := a.node; n != nil; n = n.parent {
		if n.ID == "" {
			return ""
		}
		path = n.ID + "/" + path
	}
	return o.ID + "/" + path
}

// node reads the root or an OU.
func (r *orgReader) node(v *yaml.Node, parent *OrgNode) *OrgNode {
	n := &OrgNode{parent: parent}
	what := "the root"
	if parent != nil {
		what = "an OU"
	}
	var scps, rcps *yaml.Node
	r.fields(v, what, map[string]func(*yaml.Node){
		"id":   func(v *yaml.Node) { n.ID = v.Value },
		"name": func(v *yaml.Node) { n.Name = v.Value },
		"scps": func(v *yaml.Node) { scps = v },
		"rcps": func(v *yaml.Node) { rcps = v },
		"accounts": func(v *yaml.Node) {
			r.list(v, "accounts", func(item *yaml.Node) { r.account(item, n) })
		},
		"ous": func(v *yaml.Node) {
			r.list(v, "ous", func(item *yaml.Node) { n.Children = append(n.Children, r.node(item, n)) })
		},
	})
	label := n.label()
	n.SCPs = r.policies(scps, label, true)
	n.RCPs = r.policies(rcps, label, false)
	return n
}

// label names a node in policy origins: "OU Production", "the root".
func (n *OrgNode) label() string {
	switch {
	case n.parent == nil:
		return "the root"
	case n.Name != "":
		return "OU " + n.Name
	}
	return "OU " + n.ID
}

func (r *orgReader) list(v *yaml.Node, what string, fn func(*yaml.Node)) {
	if v.Kind != yaml.SequenceNode {
		r.errorf(v, "%s must be a list", what)
		return
	}
	for _, item := range v.Content {
		// An organization file may share a list of policies through an
		// anchor.
		fn(source.Resolve(item))
	}
}

// account reads an account entry: "111122223333", or
// {id: "111122223333", scps: [...], rcps: [...]}.
func (r *orgReader) account(v *yaml.Node, n *OrgNode) {
	var id string
	var scps, rcps *yaml.Node
	if v.Kind == yaml.MappingNode {
		r.fields(v, "an account", map[string]func(*yaml.Node){
			"id":   func(v *yaml.Node) { id = r.accountID(v) },
			"scps": func(v *yaml.Node) { scps = v },
			"rcps": func(v *yaml.Node) { rcps = v },
		})
	} else {
		id = r.accountID(v)
	}
	if id == "" {
		return
	}
	if _, dup := r.org.accounts[id]; dup {
		r.errorf(v, "account %s appears twice in the organization", id)
		return
	}
	n.Accounts = append(n.Accounts, id)
	label := "account " + id
	r.org.accounts[id] = &orgAccount{node: n, scps: r.policies(scps, label, true), rcps: r.policies(rcps, label, false)}
}

// policies reads a list of SCPs or RCPs. An absent list stands for AWS's
// default full-access policy, which every node has unless detached.
func (r *orgReader) policies(v *yaml.Node, where string, scp bool) []Policy {
	kind, builtin, builtinName := policy.SCP, fullAWSAccess, "FullAWSAccess"
	if !scp {
		kind, builtin, builtinName = policy.RCP, rcpFullAWSAccess, "RCPFullAWSAccess"
	}
	attach := func(name string, doc *policy.Document) Policy {
		doc.Name = fmt.Sprintf("%s attached to %s", name, where)
		return Policy{Doc: doc, Origin: doc.Name}
	}
	builtinPolicy := func() Policy {
		// iamsim's own text, not input: the default limits, which it is
		// within, not the caller's, which may be smaller.
		doc, err := policy.Parse(builtinName, []byte(builtin), kind)
		if err != nil {
			panic(err) // the built-in policies are constants, tested
		}
		return attach(builtinName, doc)
	}
	if v == nil {
		return []Policy{builtinPolicy()}
	}
	var out []Policy
	r.list(v, kindName(scp), func(item *yaml.Node) {
		switch {
		case item.Kind == yaml.ScalarNode && item.Value == builtinName:
			out = append(out, builtinPolicy())
		case item.Kind == yaml.ScalarNode:
			path := source.Beside(r.dir, item.Value)
			src, err := r.limits.ReadFile(path)
			if err != nil {
				r.errorf(item, "%v", err)
				return
			}
			if doc := r.parse(item, path, src, kind); doc != nil {
				out = append(out, attach(filepath.Base(item.Value), doc))
			}
		case item.Kind == yaml.MappingNode:
			var name string
			var document *yaml.Node
			r.fields(item, "an inline policy", map[string]func(*yaml.Node){
				"name":     func(v *yaml.Node) { name = v.Value },
				"document": func(v *yaml.Node) { document = v },
			})
			if document == nil {
				r.errorf(item, "an inline policy needs a document")
				return
			}
			var doc any
			if err := document.Decode(&doc); err != nil {
				r.errorf(document, "%v", err)
				return
			}
			src, err := json.Marshal(doc)
			if err != nil {
				r.errorf(document, "the document is not JSON: %v", err)
				return
			}
			if d := r.parse(item, fmt.Sprintf("%s (policy %s at line %d)", r.name, name, document.Line), src, kind); d != nil {
				out = append(out, attach(name, d))
			}
		default:
			r.errorf(item, "a policy is a file path, %s, or {name: ..., document: {...}}", builtinName)
		}
	})
	if len(out) == 0 && len(r.errs) == 0 {
		r.errorf(v, "%s has no %s: AWS requires at least one at every node", where, kindName(scp))
	}
	return out
}

func (r *orgReader) parse(at *yaml.Node, name string, src []byte, kind policy.Kind) *policy.Document {
	doc, err := r.limits.Policy.Parse(name, src, kind)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s:%d:%d: policy %s:\n%w", r.name, at.Line, at.Column, name, err))
		return nil
	}
	return doc
}

func kindName(scp bool) string {
	if scp {
		return "SCPs"
	}
	return "RCPs"
}
