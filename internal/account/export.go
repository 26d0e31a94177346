package account

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/iamsim/iamsim/policy"
)

// Load reads account exports (the JSON of `aws iam
// get-account-authorization-details`), one file per account, with the
// default Limits. Every problem is reported with its file, line and
// column, and any problem fails the load: AWS stores only valid policies,
// so a policy that does not parse means a damaged export, and answers
// from it could be wrong.
func Load(paths ...string) (*Data, error) { return Limits{}.Load(paths...) }

// Load is Load reading no export beyond l.MaxExportSize.
func (l Limits) Load(paths ...string) (*Data, error) {
	d := &Data{Accounts: map[string]*Account{}}
	var errs []error
	for _, path := range paths {
		src, err := l.export().ReadFile(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		acct, err := l.ParseExport(path, src)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, ok := d.Accounts[acct.ID]; ok {
			errs = append(errs, fmt.Errorf("%s: account %s is already loaded from %s", path, acct.ID, prev.File))
			continue
		}
		d.Accounts[acct.ID] = acct
	}
	return d, errors.Join(errs...)
}

// ParseExport reads one account export. name labels positions. The JSON
// is checked strictly first (no byte order mark, UTF-8, no key twice in
// an object), as AWS prints it. Its policies are parsed with the default
// limits.
func ParseExport(name string, src []byte) (*Account, error) { return Limits{}.ParseExport(name, src) }

// ParseExport is ParseExport parsing each policy within l.Files.Policy.
func (l Limits) ParseExport(name string, src []byte) (*Account, error) {
	lim := l.Files.Policy
	p := &exportParser{name: name, src: src, limits: lim, loc: lim.NewLocator(name, src)}
	if err := p.read(); err != nil {
		return nil, err
	}
	return p.acct, nil
}

// IsExport reports whether src has the shape of an account export: a
// JSON object with a UserDetailList, GroupDetailList or RoleDetailList
// member, or a Policies array of managed policies (with a
// PolicyVersionList; AWS Organizations' list-policies output also has a
// Policies array).
func IsExport(src []byte) bool {
	if !gjson.ValidBytes(src) {
		return false
	}
	root := gjson.ParseBytes(src)
	if !root.IsObject() {
		return false
	}
	if hasMember(root, entityLists...) {
		return true
	}
	first := root.Get("Policies").Get("0")
	return first.IsObject() && first.Get("PolicyVersionList").Exists()
}

// entityLists are the members of an export that list its users, groups
// and roles; Policies lists its managed policies.
var entityLists = []string{"UserDetailList", "GroupDetailList", "RoleDetailList"}

// hasExportList reports whether an object has one of the members of an
// export that list its entities or managed policies.
func hasExportList(root gjson.Result) bool {
	return hasMember(root, append(entityLists, "Policies")...)
}

// hasMember reports whether an object has one of the keys.
func hasMember(root gjson.Result, keys ...string) bool {
	for _, key := range keys {
		if root.Get(key).Exists() {
			return true
		}
	}
	return false
}

// Source is the text of one policy document of an account export, not
// yet parsed.
type Source struct {
	// Origin names the principal or managed policy and the policy, as in
	// "role deploy, trust policy" or "managed policy ReadOnly (v2)".
	Origin string
	// Kind is policy.Trust for a role's trust policy, policy.Boundary
	// for a managed policy the export counts as used only as a
	// permissions boundary, and policy.Identity for the others (a managed
	// policy both attached and used as a boundary is linted as attached,
	// the stricter). The use of a managed policy is in Origin: "managed
	// policy DevBoundary (v2, a permissions boundary)" (managedUse).
	Kind policy.Kind
	// Name labels the positions of the document: the export's name for
	// a document written as a JSON object, which stands at
	// Text[Start:End] of the export (Text is the whole export); the
	// export's name followed by the origin in parentheses for a
	// URL-encoded document, whose decoded text is Text.
	Name       string
	Text       []byte
	Start, End int
	// Encoded reports a URL-encoded document; At is the position of its
	// string in the export.
	Encoded bool
	At      policy.Pos
}

// Sources returns the policy documents of an account export, unparsed, in
// the order of the export: for each user, group and role its inline
// policies (and a role's trust policy), then the default version of each
// managed policy. An export whose shape is wrong (not JSON, a list that is
// not an array, a document that is neither an object nor a string) is an
// error, returned with the documents found; problems inside the documents
// are left to the caller.
func Sources(name string, src []byte) ([]Source, error) {
	p := &exportParser{name: name, src: src, loc: policy.NewLocator(name, src), sources: []Source{}}
	err := p.read()
	return p.sources, err
}

// read reads the export into p.acct, or with p.sources set lists its
// documents there without parsing them.
func (p *exportParser) read() error {
	if err := checkJSON(p.loc, p.src); err != nil {
		return err
	}
	root := gjson.ParseBytes(p.src)
	if !root.IsObject() {
		return inputError(p.pos(root), "an account export is a JSON object with UserDetailList, GroupDetailList, RoleDetailList and Policies")
	}
	if !hasExportList(root) {
		return inputError(p.pos(root), "not an account export: no UserDetailList, GroupDetailList, RoleDetailList or Policies (want the output of aws iam get-account-authorization-details)")
	}
	a := &Account{File: p.name, Users: map[string]*User{}, Groups: map[string]*Group{}, Roles: map[string]*Role{}, Policies: map[string]*ManagedPolicy{}}
	p.acct = a
	p.each(root, "UserDetailList", p.user)
	p.each(root, "GroupDetailList", p.group)
	p.each(root, "RoleDetailList", p.role)
	p.each(root, "Policies", p.managedPolicy)
	if a.ID == "" && len(p.errs) == 0 {
		p.errs = append(p.errs, inputError(p.pos(root), "the export names no user, group, role or customer managed policy, so its account is unknown"))
	}
	return errors.Join(p.errs...)
}

type exportParser struct {
	name   string
	src    []byte
	limits policy.Limits // of each policy parsed
	loc    *policy.Locator
	acct   *Account
	errs   []error
	// sources, when not nil, collects the documents instead of parsing
	// them.
	sources []Source
}

func (p *exportParser) pos(r gjson.Result) policy.Pos { return p.loc.Pos(r.Index) }

func (p *exportParser) errorf(r gjson.Result, format string, args ...any) {
	p.errs = append(p.errs, inputError(p.pos(r), format, args...))
}

// each calls fn for every object of the array root[key].
func (p *exportParser) each(root gjson.Result, key string, fn func(gjson.Result)) {
	list := root.Get(key)
	if !list.Exists() {
		return
	}
	if !list.IsArray() {
		p.errorf(list, "%s must be an array", key)
		return
	}
	list.ForEach(func(_, item gjson.Result) bool {
		if !item.IsObject() {
			p.errorf(item, "each entry of %s must be an object", key)
		} else {
			fn(item)
		}
		return true
	})
}

// str returns obj[key] as a string, reporting a missing or non-string
// value when required.
func (p *exportParser) str(obj gjson.Result, key string, required bool) string {
	v := obj.Get(key)
	switch {
	case v.Type == gjson.String:
		return v.Str
	case !v.Exists() && !required:
		return ""
	case !v.Exists():
		p.errorf(obj, "%s is missing", key)
	default:
		p.errorf(v, "%s must be a string", key)
	}
	return ""
}

// arn reads obj.Arn and records its account as the export's.
func (p *exportParser) arn(obj gjson.Result) string {
	arn := p.str(obj, "Arn", true)
	if arn == "" {
		return ""
	}
	f := strings.SplitN(arn, ":", 6)
	if len(f) != 6 || f[0] != "arn" || !policy.IsAccountID(f[4]) {
		if len(f) == 6 && f[4] == "aws" {
			return arn // an AWS managed policy
		}
		p.errorf(obj.Get("Arn"), "Arn %q is not the ARN of an IAM entity of an account", arn)
		return ""
	}
	switch {
	case p.acct.ID == "":
		p.acct.ID = f[4]
	case p.acct.ID != f[4]:
		p.errorf(obj.Get("Arn"), "Arn %q belongs to account %s, but this export is of account %s", arn, f[4], p.acct.ID)
	}
	return arn
}

func (p *exportParser) user(obj gjson.Result) {
	u := &User{Name: p.str(obj, "UserName", true), ARN: p.arn(obj), ID: p.str(obj, "UserId", false), Path: p.str(obj, "Path", false)}
	u.Inline = p.inline(obj, "UserPolicyList", "user "+u.Name)
	u.Attached = p.attached(obj)
	u.Boundary = p.boundary(obj)
	u.Tags = p.tags(obj)
	obj.Get("GroupList").ForEach(func(_, g gjson.Result) bool {
		if g.Type != gjson.String {
			p.errorf(g, "GroupList holds group names")
		} else {
			u.Groups = append(u.Groups, g.Str)
		}
		return true
	})
	p.add(obj, "user", u.Name, func() bool { _, dup := p.acct.Users[u.Name]; p.acct.Users[u.Name] = u; return dup })
}

func (p *exportParser) group(obj gjson.Result) {
	g := &Group{Name: p.str(obj, "GroupName", true), ARN: p.arn(obj), ID: p.str(obj, "GroupId", false), Path: p.str(obj, "Path", false)}
	g.Inline = p.inline(obj, "GroupPolicyList", "group "+g.Name)
	g.Attached = p.attached(obj)
	p.add(obj, "group", g.Name, func() bool { _, dup := p.acct.Groups[g.Name]; p.acct.Groups[g.Name] = g; return dup })
}

func (p *exportParser) role(obj gjson.Result) {
	r := &Role{Name: p.str(obj, "RoleName", true), ARN: p.arn(obj), ID: p.str(obj, "RoleId", false), Path: p.str(obj, "Path", false)}
	r.Inline = p.inline(obj, "RolePolicyList", "role "+r.Name)
	r.Attached = p.attached(obj)
	r.Boundary = p.boundary(obj)
	r.Tags = p.tags(obj)
	if t := obj.Get("AssumeRolePolicyDocument"); t.Exists() {
		r.Trust = p.document(t, "role "+r.Name+", trust policy", policy.Trust)
	}
	p.add(obj, "role", r.Name, func() bool { _, dup := p.acct.Roles[r.Name]; p.acct.Roles[r.Name] = r; return dup })
}

func (p *exportParser) managedPolicy(obj gjson.Result) {
	mp := &ManagedPolicy{Name: p.str(obj, "PolicyName", true), ARN: p.arn(obj), Path: p.str(obj, "Path", false), VersionID: p.str(obj, "DefaultVersionId", false)}
	found := false
	obj.Get("PolicyVersionList").ForEach(func(_, v gjson.Result) bool {
		if !v.Get("IsDefaultVersion").Bool() {
			return true
		}
		if found {
			p.errorf(v, "policy %s has two default versions", mp.Name)
			return false
		}
		found = true
		id := p.str(v, "VersionId", false)
		if mp.VersionID == "" {
			mp.VersionID = id
		}
		origin, kind := fmt.Sprintf("managed policy %s (%s)", mp.Name, id), policy.Identity
		if p.sources != nil {
			var use string
			kind, use = managedUse(obj)
			origin = fmt.Sprintf("managed policy %s (%s%s)", mp.Name, id, use)
		}
		doc := p.document(v.Get("Document"), origin, kind)
		if doc != nil {
			mp.Default = *doc
		}
		return true
	})
	if !found {
		p.errorf(obj, "policy %s lists no default version (IsDefaultVersion true) in PolicyVersionList", mp.Name)
		return
	}
	if mp.ARN == "" {
		return
	}
	if _, dup := p.acct.Policies[mp.ARN]; dup {
		p.errorf(obj, "policy %s appears twice", mp.ARN)
	}
	p.acct.Policies[mp.ARN] = mp
}

// managedUse returns the kind to lint a managed policy's document as, from
// the counts of its Policies entry, and what to add to its label after
// the version: a policy used only as a permissions boundary is a boundary
// (", a permissions boundary"); one also attached is linted as
// identity-based, the stricter, and says so; without the counts (older
// exports) the kind is assumed identity-based, and says so too.
func managedUse(obj gjson.Result) (policy.Kind, string) {
	attached, boundary := obj.Get("AttachmentCount"), obj.Get("PermissionsBoundaryUsageCount")
	switch {
	case attached.Type != gjson.Number || boundary.Type != gjson.Number:
		return policy.Identity, ", assumed identity-based: no AttachmentCount and PermissionsBoundaryUsageCount"
	case boundary.Int() == 0:
		return policy.Identity, ""
	case attached.Int() == 0:
		return policy.Boundary, ", a permissions boundary"
	}
	return policy.Identity, ", attached and a permissions boundary: linted as identity-based, the stricter"
}

// add stores an entity, reporting a second one of the same name.
func (p *exportParser) add(obj gjson.Result, what, name string, store func() (dup bool)) {
	if name == "" {
		return
	}
	if store() {
		p.errorf(obj, "%s %s appears twice", what, name)
	}
}

// inline reads a list of {PolicyName, PolicyDocument}.
func (p *exportParser) inline(obj gjson.Result, key, owner string) []Policy {
	var out []Policy
	obj.Get(key).ForEach(func(_, item gjson.Result) bool {
		name := p.str(item, "PolicyName", true)
		if doc := p.document(item.Get("PolicyDocument"), owner+", inline policy "+name, policy.Identity); doc != nil {
			out = append(out, *doc)
		}
		return true
	})
	return out
}

func (p *exportParser) attached(obj gjson.Result) []string {
	var out []string
	obj.Get("AttachedManagedPolicies").ForEach(func(_, item gjson.Result) bool {
		if arn := p.str(item, "PolicyArn", true); arn != "" {
			out = append(out, arn)
		}
		return true
	})
	return out
}

func (p *exportParser) boundary(obj gjson.Result) string {
	b := obj.Get("PermissionsBoundary")
	if !b.Exists() {
		return ""
	}
	return p.str(b, "PermissionsBoundaryArn", true)
}

func (p *exportParser) tags(obj gjson.Result) []Tag {
	var out []Tag
	obj.Get("Tags").ForEach(func(_, t gjson.Result) bool {
		out = append(out, Tag{Key: p.str(t, "Key", true), Value: p.str(t, "Value", false)})
		return true
	})
	return out
}

// document parses a policy document written as a JSON object (AWS CLI
// output; positions are the export's) or as a URL-encoded string (the raw
// API; positions are the decoded text's, labelled with the file and the
// policy's origin). A document that does not parse is reported. When
// p.sources is set, the document is listed there instead, and nil is
// returned.
func (p *exportParser) document(v gjson.Result, origin string, kind policy.Kind) *Policy {
	src, ok := p.source(v, origin, kind)
	if !ok {
		return nil
	}
	if p.sources != nil {
		p.sources = append(p.sources, src)
		return nil
	}
	var doc *policy.Document
	var err error
	if src.Encoded {
		doc, err = p.limits.Parse(src.Name, src.Text, kind)
	} else {
		doc, err = p.loc.ParseEmbedded(src.Start, src.End, kind)
	}
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("%s:\n%w", origin, err))
		return nil
	}
	doc.Name = origin
	return &Policy{Doc: doc, Origin: origin}
}

// source returns the text of a policy document, reporting a value that is
// neither a JSON object nor a URL-encoded string.
func (p *exportParser) source(v gjson.Result, origin string, kind policy.Kind) (Source, bool) {
	switch {
	case v.IsObject():
		return Source{Origin: origin, Kind: kind, Name: p.name, Text: p.src, Start: v.Index, End: v.Index + len(v.Raw)}, true
	case v.Type == gjson.String:
		text, err := url.QueryUnescape(v.Str)
		if err != nil {
			p.errorf(v, "%s: the document is neither a JSON object nor URL-encoded JSON: %v", origin, err)
			return Source{}, false
		}
		return Source{Origin: origin, Kind: kind, Name: fmt.Sprintf("%s (%s)", p.name, origin), Text: []byte(text), Encoded: true, At: p.pos(v)}, true
	}
	p.errorf(v, "%s: the document must be a JSON object or a URL-encoded string", origin)
	return Source{}, false
}
