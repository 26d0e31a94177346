package account

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/managedpolicies"
	"github.com/iamsim/iamsim/internal/textdist"
	"github.com/iamsim/iamsim/policy"
)

// Principal is a user, role, role session or account root of the loaded
// accounts, with the identity policies AWS evaluates for its requests.
type Principal struct {
	ARN     string // as asked for
	Account string
	User    *User // set for a user
	Role    *Role // set for a role or role session
	// Group is set for a group, which is no principal but whose policies
	// AWS's SimulatePrincipalPolicy can simulate (Data.Group).
	Group *Group
	// Identity holds the principal's identity-based policies: a user's
	// inline and attached policies and those of its groups; a role's.
	Identity []Policy
	Boundary *Policy
	Tags     []Tag
	// OrgID and OrgPath are the principal's organization ID and path,
	// when the organization file gives them.
	OrgID, OrgPath string
	// Notes say where iamsim had to look beyond the export, such as AWS
	// managed policies taken from the embedded snapshot.
	Notes []evaluator.Note
}

// Principal resolves a principal ARN: arn:aws:iam::ACCOUNT:user/NAME,
// role/NAME, root, or a role session arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION.
// Paths in user and role ARNs must match the export's. A principal of an
// account that is not loaded (and not in the organization) has no
// identity policies, with a note saying so; so have service principals,
// identity providers and "*".
func (d *Data) Principal(arn string) (*Principal, error) {
	if arn == "*" || (!strings.HasPrefix(arn, "arn:") && strings.Contains(arn, ".")) {
		// Anonymous, a service principal or an identity provider: no
		// identity policies of its own.
		return &Principal{ARN: arn}, nil
	}
	f := strings.SplitN(arn, ":", 6)
	if len(f) != 6 || !policy.IsAccountID(f[4]) {
		return nil, &evaluator.RequestError{Field: evaluator.FieldPrincipal, Value: arn, Msg: principalForms}
	}
	acctID, res := f[4], f[5]
	acct, ok := d.Accounts[acctID]
	if !ok {
		p := &Principal{ARN: arn, Account: acctID, Notes: []evaluator.Note{note(NoteAccountNotLoaded, acctID, strings.Join(d.AccountIDs(), ", "))}}
		if d.Org != nil && d.Org.Contains(acctID) {
			return nil, fmt.Errorf("principal %s: account %s is in the organization but its export is not loaded (give it with --account-details)", arn, acctID)
		}
		return p, nil
	}
	p := &Principal{ARN: arn, Account: acctID, Notes: slices.Clip(acct.Notes)}
	if d.Org != nil && d.Org.Contains(acctID) && d.Org.ID != "" {
		p.OrgID, p.OrgPath = d.Org.ID, d.Org.Path(acctID)
	}
	switch {
	case f[2] == "iam" && res == "root":
		return p, nil
	case f[2] == "iam" && strings.HasPrefix(res, "user/"):
		u, err := find(acct.Users, lastSegment(res), "user", arn)
		if err != nil {
			return nil, err
		}
		if u.ARN != arn {
			return nil, fmt.Errorf("principal %s: the export has this user as %s", arn, u.ARN)
		}
		p.User, p.Tags = u, u.Tags
		return p, d.resolveUser(p, acct, u)
	case f[2] == "iam" && strings.HasPrefix(res, "role/"):
		r, err := find(acct.Roles, lastSegment(res), "role", arn)
		if err != nil {
			return nil, err
		}
		if r.ARN != arn {
			return nil, fmt.Errorf("principal %s: the export has this role as %s", arn, r.ARN)
		}
		p.Role, p.Tags = r, r.Tags
		return p, d.resolveRole(p, acct, r)
	case f[2] == "sts" && strings.HasPrefix(res, "assumed-role/"):
		parts := strings.Split(res, "/")
		if len(parts) != 3 || parts[1] == "" || parts[2] == "" {
			return nil, &evaluator.RequestError{Field: evaluator.FieldPrincipal, Value: arn, Msg: "a role session ARN is arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION"}
		}
		r, err := find(acct.Roles, parts[1], "role", arn)
		if err != nil {
			return nil, err
		}
		p.Role, p.Tags = r, r.Tags
		return p, d.resolveRole(p, acct, r)
	}
	return nil, &evaluator.RequestError{Field: evaluator.FieldPrincipal, Value: arn, Msg: principalForms}
}

// principalForms are the principals account data can resolve.
const principalForms = "want the ARN of a user, role, role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) or account root"

// Group resolves a group ARN, arn:aws:iam::ACCOUNT:group/NAME, to the
// group's inline and attached policies, as AWS's SimulatePrincipalPolicy
// does for a group as PolicySourceArn. A group is not a principal: it
// cannot make requests, so the caller is someone else (--caller-arn in
// simulate-principal-policy). The result has the group's account and
// organization, and no boundary or tags: groups have neither.
func (d *Data) Group(arn string) (*Principal, error) {
	f := strings.SplitN(arn, ":", 6)
	if len(f) != 6 || f[2] != "iam" || !policy.IsAccountID(f[4]) || !strings.HasPrefix(f[5], "group/") {
		return nil, fmt.Errorf("%q is not the ARN of a group, arn:aws:iam::ACCOUNT:group/NAME", arn)
	}
	acct, ok := d.Accounts[f[4]]
	if !ok {
		return nil, fmt.Errorf("group %s: account %s is not loaded (loaded: %s)", arn, f[4], strings.Join(d.AccountIDs(), ", "))
	}
	g, err := find(acct.Groups, lastSegment(f[5]), "group", arn)
	if err != nil {
		return nil, err
	}
	if g.ARN != arn {
		return nil, fmt.Errorf("group %s: the export has this group as %s", arn, g.ARN)
	}
	p := &Principal{ARN: arn, Account: acct.ID, Group: g, Identity: append([]Policy(nil), g.Inline...)}
	if d.Org != nil && d.Org.Contains(acct.ID) && d.Org.ID != "" {
		p.OrgID, p.OrgPath = d.Org.ID, d.Org.Path(acct.ID)
	}
	return p, d.attach(p, acct, g.Attached, "group "+g.Name)
}

func lastSegment(res string) string { return res[strings.LastIndexByte(res, '/')+1:] }

// find looks an entity up by name, suggesting the nearest name when it is
// missing.
func find[V any](m map[string]V, name, what, arn string) (V, error) {
	if v, ok := m[name]; ok {
		return v, nil
	}
	var zero V
	names := sortedKeys(m)
	folded := make([]string, len(names))
	for i, n := range names {
		folded[i] = strings.ToLower(n)
	}
	best := ""
	if i := textdist.NearestWithin(strings.ToLower(name), folded, len(name)/2+2); i >= 0 {
		best = names[i]
	}
	export := "the export"
	if f, ok := policy.SplitARN(arn); ok {
		export += " of account " + f[4]
	}
	if best != "" {
		return zero, fmt.Errorf("principal %s: %s has no %s %s; did you mean %s?", arn, export, what, name, best)
	}
	return zero, fmt.Errorf("principal %s: %s has no %s %s", arn, export, what, name)
}

func (d *Data) resolveUser(p *Principal, acct *Account, u *User) error {
	p.Identity = append(p.Identity, u.Inline...)
	if err := d.attach(p, acct, u.Attached, "user "+u.Name); err != nil {
		return err
	}
	for _, name := range u.Groups {
		g, ok := acct.Groups[name]
		if !ok {
			return fmt.Errorf("principal %s: user %s is in group %s, which the export does not list", p.ARN, u.Name, name)
		}
		p.Identity = append(p.Identity, g.Inline...)
		if err := d.attach(p, acct, g.Attached, "group "+g.Name); err != nil {
			return err
		}
	}
	return d.setBoundary(p, acct, u.Boundary, "user "+u.Name)
}

func (d *Data) resolveRole(p *Principal, acct *Account, r *Role) error {
	p.Identity = append(p.Identity, r.Inline...)
	if err := d.attach(p, acct, r.Attached, "role "+r.Name); err != nil {
		return err
	}
	return d.setBoundary(p, acct, r.Boundary, "role "+r.Name)
}

// attach adds the managed policies attached to an entity.
func (d *Data) attach(p *Principal, acct *Account, arns []string, owner string) error {
	for _, arn := range arns {
		pol, snapshot, err := d.managedPolicy(acct, arn)
		if err != nil {
			return fmt.Errorf("principal %s: %s: %w", p.ARN, owner, err)
		}
		p.Identity = append(p.Identity, pol.attachedTo(owner+", "))
		if snapshot {
			p.Notes = append(p.Notes, note(NoteManagedFromSnapshot, arn))
		}
	}
	return nil
}

func (d *Data) setBoundary(p *Principal, acct *Account, arn, owner string) error {
	if arn == "" {
		return nil
	}
	pol, snapshot, err := d.managedPolicy(acct, arn)
	if err != nil {
		return fmt.Errorf("principal %s: %s's permissions boundary: %w", p.ARN, owner, err)
	}
	b := pol.attachedTo(owner + ", permissions boundary ")
	p.Boundary = &b
	if snapshot {
		p.Notes = append(p.Notes, note(NoteManagedFromSnapshot, arn))
	}
	return nil
}

// attachedTo returns the policy named as attached through an entity
// ("group Developers, " + "managed policy Tools (v2)"). The document is a
// shallow copy, so the explanation names the attachment while the
// statements stay shared.
func (p Policy) attachedTo(prefix string) Policy {
	doc := *p.Doc
	doc.Name = prefix + p.Origin
	return Policy{Doc: &doc, Origin: doc.Name}
}

// managedPolicy finds a managed policy by ARN: in the account's export,
// for AWS managed policies in any loaded export, else in the embedded
// snapshot of AWS managed policies, which snapshot reports (for a note
// saying so).
func (d *Data) managedPolicy(acct *Account, arn string) (pol Policy, snapshot bool, err error) {
	if mp, ok := acct.Policies[arn]; ok {
		return mp.Default, false, nil
	}
	if !strings.HasPrefix(arn, managedpolicies.ARNPrefix+"/") {
		return Policy{}, false, fmt.Errorf("managed policy %s is not in the export of account %s", arn, acct.ID)
	}
	for _, id := range d.AccountIDs() {
		if mp, ok := d.Accounts[id].Policies[arn]; ok {
			return mp.Default, false, nil
		}
	}
	pol, err = d.snapshotPolicy(arn)
	if err != nil {
		return Policy{}, false, err
	}
	return pol, true, nil
}

// snapshots caches the AWS managed policies parsed from the embedded
// snapshot, shared by every Data.
var snapshots struct {
	sync.Mutex
	byARN map[string]Policy
}

func (d *Data) snapshotPolicy(arn string) (Policy, error) {
	snapshots.Lock()
	defer snapshots.Unlock()
	if p, ok := snapshots.byARN[arn]; ok {
		return p, nil
	}
	snap, err := managedpolicies.Embedded()
	if err != nil {
		return Policy{}, err
	}
	mp, ok := snap.ByARN(arn)
	if !ok {
		return Policy{}, fmt.Errorf("%s is neither in the exports nor an AWS managed policy iamsim knows (snapshot of %s)", arn, snap.Info.Date)
	}
	doc, err := policy.Parse("AWS managed policy "+mp.Name, mp.Document, policy.Identity)
	if err != nil {
		return Policy{}, fmt.Errorf("AWS managed policy %s: %w", mp.Name, err)
	}
	origin := fmt.Sprintf("AWS managed policy %s (%s, from iamsim's snapshot)", mp.Name, mp.VersionID)
	doc.Name = origin
	p := Policy{Doc: doc, Origin: origin}
	if snapshots.byARN == nil {
		snapshots.byARN = map[string]Policy{}
	}
	snapshots.byARN[arn] = p
	return p, nil
}

// rcpAccountOf returns the account whose RCP chain governs a request:
// the resource's owner, else (unknown) the caller's, which the evaluator
// takes too; for an action on no resource (resource "*", such as
// s3:ListAllMyBuckets), always the caller's (Organizations User Guide,
// orgs_manage_policies_rcps.md, "RCP effects on permissions").
func rcpAccountOf(resource, owner, callerAccount string) string {
	if resource == "*" || owner == "" {
		return callerAccount
	}
	return owner
}

// policies assembles the policies of a request by the principal on a
// resource: its identity policies and boundary, the resource's policy (a
// role's trust policy for sts:AssumeRole* on a role of the loaded
// accounts), and the SCP and RCP chains of the organization. resourceAccount
// is the account that owns the resource ("" when unknown).
func (d *Data) policies(p *Principal, action, resource, resourceAccount string) (evaluator.Policies, evaluator.Organization) {
	var pol evaluator.Policies
	for _, ip := range p.Identity {
		pol.Identity = append(pol.Identity, ip.Doc)
	}
	if p.Boundary != nil {
		pol.Boundary = p.Boundary.Doc
	}
	if rp, ok := d.resourcePolicy(action, resource); ok {
		pol.Resource = rp.Doc
	}
	var org evaluator.Organization
	if d.Org != nil {
		org.ManagementAccount = d.Org.ManagementAccount
		org.Members = d.Org.Members()
		if d.Org.Contains(p.Account) {
			pol.SCPs = d.Org.SCPs(p.Account).Documents()
		}
		if resourceAccount != "" && d.Org.Contains(resourceAccount) {
			pol.RCPs = d.Org.RCPs(resourceAccount).Documents()
		}
	}
	return pol, org
}

// resourcePolicy returns the resource-based policy of a request's resource.
func (d *Data) resourcePolicy(action, resource string) (Policy, bool) {
	if isAssumeRole(action) {
		if r := d.role(resource); r != nil && r.Trust != nil {
			return *r.Trust, true
		}
	}
	return d.Resources.For(resource)
}

// role returns the loaded role with the given ARN, or nil.
func (d *Data) role(arn string) *Role {
	f := strings.SplitN(arn, ":", 6)
	if len(f) != 6 || f[2] != "iam" || !strings.HasPrefix(f[5], "role/") {
		return nil
	}
	acct, ok := d.Accounts[f[4]]
	if !ok {
		return nil
	}
	if r, ok := acct.Roles[lastSegment(f[5])]; ok && r.ARN == arn {
		return r
	}
	return nil
}
