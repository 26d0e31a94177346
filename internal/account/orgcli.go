package account

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// The file names of an organization directory: the JSON the AWS CLI prints
// for each `aws organizations` command, one file per command and argument
// (docs/accounts.md, "Organizations from the AWS CLI";
// testdata/accounts/export-organization.sh writes them).
const (
	orgDescribeFile = "describe-organization.json"
	orgRootsFile    = "list-roots.json"
	orgOUsDir       = "list-organizational-units-for-parent" // /PARENT-ID.json
	orgAccountsDir  = "list-accounts-for-parent"             // /PARENT-ID.json
	orgPoliciesDir  = "list-policies-for-target"             // /TYPE/TARGET-ID.json
	orgPolicyDir    = "describe-policy"                      // /POLICY-ID.json
)

// The policy types of list-policies-for-target --filter.
const (
	scpType = "SERVICE_CONTROL_POLICY"
	rcpType = "RESOURCE_CONTROL_POLICY"
)

// LoadOrganizationAny reads --org: a directory of `aws organizations`
// output (LoadOrganizationDir), or else an organization file
// (LoadOrganization), with the default Limits.
func LoadOrganizationAny(path string) (*Organization, error) {
	return Limits{}.LoadOrganizationAny(path)
}

// LoadOrganizationAny is LoadOrganizationAny reading no file beyond
// l.Files.
func (l Limits) LoadOrganizationAny(path string) (*Organization, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return l.LoadOrganizationDir(path)
	}
	return l.LoadOrganization(path)
}

// LoadOrganizationDir reads the organization from a directory holding the
// JSON output of `aws organizations describe-organization`, `list-roots`,
// `list-organizational-units-for-parent` and `list-accounts-for-parent` for
// every parent, `list-policies-for-target` for every target and enabled
// policy type, and `describe-policy` for every policy listed. Problems are
// reported with their file, line and column; a policy's Content, a JSON
// document in a string, is parsed on its own and its positions are labelled
// with the file and the policy's ID and name.
func LoadOrganizationDir(dir string) (*Organization, error) { return Limits{}.LoadOrganizationDir(dir) }

// LoadOrganizationDir is LoadOrganizationDir reading no file beyond
// l.Files.
func (l Limits) LoadOrganizationDir(dir string) (*Organization, error) {
	r := &orgDirReader{dir: dir, limits: l.Files, policies: map[string]*parsedOrgPolicy{},
		org: &Organization{File: dir, accounts: map[string]*orgAccount{}}}
	r.read()
	if len(r.errs) > 0 {
		return nil, errors.Join(r.errs...)
	}
	return r.org, nil
}

type orgDirReader struct {
	dir    string
	limits source.Limits
	org    *Organization
	errs   []error
	// enabled holds the policy types enabled in the root (list-roots
	// PolicyTypes with Status ENABLED).
	enabled map[string]bool
	// policies caches describe-policy documents by ID and type.
	policies map[string]*parsedOrgPolicy
	// seen guards against an OU listed under two parents.
	seen map[string]bool
}

// parsedOrgPolicy is a describe-policy document, checked once and parsed
// again for each attachment, which names it.
type parsedOrgPolicy struct {
	name, label string
	src         []byte // nil when it is missing or did not parse
	kind        policy.Kind
}

// jsonFile is one file of the directory, parsed.
type jsonFile struct {
	name    string
	command string // the aws organizations command that printed it
	loc     *policy.Locator
	root    gjson.Result
}

func (f *jsonFile) pos(v gjson.Result) policy.Pos { return f.loc.Pos(v.Index) }

// open reads and checks one file; missing is reported only when required.
func (r *orgDirReader) open(rel string, required bool) *jsonFile {
	name := filepath.Join(r.dir, rel)
	if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) && !required {
		return nil
	}
	src, err := r.limits.ReadFile(name)
	if err != nil {
		r.errs = append(r.errs, err)
		return nil
	}
	command, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	f := &jsonFile{name: name, command: strings.TrimSuffix(command, ".json"), loc: policy.NewLocator(name, src)}
	if err := checkJSON(f.loc, src); err != nil {
		r.errs = append(r.errs, err)
		return nil
	}
	f.root = gjson.ParseBytes(src)
	if !f.root.IsObject() {
		r.errorf(f, f.root, "the AWS CLI prints a JSON object here")
		return nil
	}
	return f
}

func (r *orgDirReader) errorf(f *jsonFile, v gjson.Result, format string, args ...any) {
	r.errs = append(r.errs, inputError(f.pos(v), format, args...))
}

// str reads obj[key], a required string.
func (r *orgDirReader) str(f *jsonFile, obj gjson.Result, key string) string {
	v := obj.Get(key)
	if v.Type != gjson.String || v.Str == "" {
		r.errorf(f, obj, "%s is missing or not a string", key)
		return ""
	}
	return v.Str
}

// list returns the objects of f.root[key], an array the command prints.
func (r *orgDirReader) list(f *jsonFile, key string) []gjson.Result {
	v := f.root.Get(key)
	if !v.IsArray() {
		r.errorf(f, f.root, "%s is missing or not an array: want the output of aws organizations %s", key, f.command)
		return nil
	}
	var out []gjson.Result
	for _, item := range v.Array() {
		if !item.IsObject() {
			r.errorf(f, item, "each entry of %s must be an object", key)
			continue
		}
		out = append(out, item)
	}
	return out
}

func (r *orgDirReader) read() {
	desc := r.open(orgDescribeFile, false)
	if desc == nil {
		if len(r.errs) == 0 {
			// Not an export of the organization at all: one line says so.
			r.errs = append(r.errs, fmt.Errorf("%s: no %s: a directory given to --org holds the output of the aws organizations commands (docs/accounts.md)", r.dir, orgDescribeFile))
		}
		return
	}
	roots := r.open(orgRootsFile, true)
	if desc == nil || roots == nil {
		return
	}
	o := desc.root.Get("Organization")
	if !o.IsObject() {
		r.errorf(desc, desc.root, "no Organization object: want the output of aws organizations describe-organization")
		return
	}
	r.org.ID = r.str(desc, o, "Id")
	if id := r.str(desc, o, "MasterAccountId"); id != "" {
		if !policy.IsAccountID(id) {
			r.errorf(desc, o.Get("MasterAccountId"), "MasterAccountId %q: want a 12-digit account ID", id)
		}
		r.org.ManagementAccount = id
	}
	list := r.list(roots, "Roots")
	if len(list) != 1 {
		if len(list) > 1 || len(r.errs) == 0 {
			r.errorf(roots, roots.root, "an organization has one root; Roots lists %d", len(list))
		}
		return
	}
	root := list[0]
	r.enabled = map[string]bool{}
	for _, t := range root.Get("PolicyTypes").Array() {
		if t.Get("Status").Str == "ENABLED" {
			r.enabled[t.Get("Type").Str] = true
		}
	}
	r.org.scpsOff, r.org.rcpsOff = !r.enabled[scpType], !r.enabled[rcpType]
	r.seen = map[string]bool{}
	r.org.Root = r.node(r.str(roots, root, "Id"), root.Get("Name").Str, nil)
}

// node reads a parent (the root or an OU): its policies, its accounts and
// its child OUs.
func (r *orgDirReader) node(id, name string, parent *OrgNode) *OrgNode {
	n := &OrgNode{ID: id, Name: name, parent: parent}
	if id == "" {
		return n
	}
	label := n.label()
	n.SCPs = r.attached(id, label, true)
	n.RCPs = r.attached(id, label, false)
	if f := r.open(filepath.Join(orgAccountsDir, id+".json"), true); f != nil {
		for _, a := range r.list(f, "Accounts") {
			acct := r.str(f, a, "Id")
			if acct == "" {
				continue
			}
			if !policy.IsAccountID(acct) {
				r.errorf(f, a.Get("Id"), "Id %q: want a 12-digit account ID", acct)
				continue
			}
			if _, dup := r.org.accounts[acct]; dup {
				r.errorf(f, a, "account %s appears twice in the organization", acct)
				continue
			}
			n.Accounts = append(n.Accounts, acct)
			label := "account " + acct
			r.org.accounts[acct] = &orgAccount{node: n, scps: r.attached(acct, label, true), rcps: r.attached(acct, label, false)}
		}
	}
	if f := r.open(filepath.Join(orgOUsDir, id+".json"), true); f != nil {
		for _, ou := range r.list(f, "OrganizationalUnits") {
			ouID := r.str(f, ou, "Id")
			if ouID == "" {
				continue
			}
			if r.seen[ouID] {
				r.errorf(f, ou, "OU %s appears twice in the organization", ouID)
				continue
			}
			r.seen[ouID] = true
			n.Children = append(n.Children, r.node(ouID, ou.Get("Name").Str, n))
		}
	}
	return n
}

// attached reads the SCPs or RCPs attached to a target. A policy type that
// is not enabled in the root has no files and no effect.
func (r *orgDirReader) attached(target, where string, scp bool) []Policy {
	typ := scpType
	if !scp {
		typ = rcpType
	}
	if !r.enabled[typ] {
		return nil
	}
	f := r.open(filepath.Join(orgPoliciesDir, typ, target+".json"), true)
	if f == nil {
		return nil
	}
	var out []Policy
	for _, s := range r.list(f, "Policies") {
		id := r.str(f, s, "Id")
		if id == "" {
			continue
		}
		if t := s.Get("Type").Str; t != "" && t != typ {
			r.errorf(f, s.Get("Type"), "policy %s is of type %s, in a list of %s", id, t, typ)
			continue
		}
		p := r.policy(id, typ, f, s)
		if p.src == nil {
			continue
		}
		doc, err := r.limits.Policy.Parse(p.label, p.src, p.kind)
		if err != nil {
			continue // reported when the policy was read
		}
		doc.Name = fmt.Sprintf("%s attached to %s", p.name, where)
		out = append(out, Policy{Doc: doc, Origin: doc.Name})
	}
	if len(out) == 0 && len(r.errs) == 0 {
		r.errorf(f, f.root, "%s has no %s: AWS requires at least one at every node", where, kindName(scp))
	}
	return out
}

// policy reads describe-policy/ID.json once. AWS's FullAWSAccess and
// RCPFullAWSAccess need no file: their content is known.
func (r *orgDirReader) policy(id, typ string, list *jsonFile, summary gjson.Result) *parsedOrgPolicy {
	if p, ok := r.policies[id]; ok {
		return p
	}
	p := &parsedOrgPolicy{name: summary.Get("Name").Str, kind: policy.SCP}
	r.policies[id] = p
	if typ == rcpType {
		p.kind = policy.RCP
	}
	rel := filepath.Join(orgPolicyDir, id+".json")
	builtin := map[string]string{"p-FullAWSAccess": fullAWSAccess, "p-RCPFullAWSAccess": rcpFullAWSAccess}[id]
	f := r.open(rel, builtin == "")
	if f == nil {
		if builtin != "" {
			p.label, p.src = p.name, []byte(builtin)
		}
		return p
	}
	pol := f.root.Get("Policy")
	content := pol.Get("Content")
	if !pol.IsObject() || content.Type != gjson.String {
		r.errorf(f, f.root, "no Policy.Content string: want the output of aws organizations describe-policy --policy-id %s", id)
		return p
	}
	if got := pol.Get("PolicySummary.Id").Str; got != id {
		r.errorf(f, pol, "this describes policy %q, not %s", got, id)
		return p
	}
	if name := pol.Get("PolicySummary.Name").Str; name != "" {
		p.name = name
	}
	label := fmt.Sprintf("%s (policy %s %s, Content)", f.name, id, p.name)
	if _, err := r.limits.Policy.Parse(label, []byte(content.Str), p.kind); err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s: policy %s (%s), listed in %s:\n%w", f.pos(content), id, p.name, list.name, err))
		return p
	}
	p.label, p.src = label, []byte(content.Str)
	return p
}
