package account

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/textdist"
)

// This file answers can: which actions a principal may perform.

// AccessLevels are the catalog's access levels in the order the queries
// report them. An action with two levels ("Permissions management, Write",
// "Tagging, Write") is grouped under its first.
var AccessLevels = []string{catalog.List, catalog.Read, catalog.Write, catalog.PermissionsManagement, catalog.Tagging}

// noPermission are the actions AWS allows without any policy (see
// evaluator: sts:GetCallerIdentity and sts:GetSessionToken).
var noPermission = map[string]bool{"sts:getcalleridentity": true, "sts:getsessiontoken": true}

// CanQuery asks which actions a principal may perform.
type CanQuery struct {
	// Principal is the ARN of a user, role, role session or root user of a
	// loaded account.
	Principal string
	// Resource, when set, is the resource every candidate action is
	// evaluated on. When empty, each action is evaluated on every Resource
	// entry of the identity-policy Allow statements that cover it (the
	// pattern as written, variables filled in from the context) and on "*".
	Resource string
	// ResourceAccount is the account that owns Resource, for ARNs without
	// one (S3); by default the ARN's account, else the resource-policy
	// manifest's.
	ResourceAccount string
	// Services limits the actions to these service prefixes; empty means
	// every service of the catalog.
	Services []string
	// Context is the request context of every evaluation.
	Context evaluator.Context
}

// CanAnswer is what a principal may do.
type CanAnswer struct {
	Principal       string
	Resource        string // "" when every resource pattern was tried
	ResourceAccount string
	// Grants are the allowed actions, by access level (in the order of
	// AccessLevels), then by name.
	Grants []Grant
	// Candidates is how many actions some Allow statement could match,
	// and so were evaluated; Catalog is how many the catalog (or the
	// chosen services) has.
	Candidates, Catalog int
	// Notes say where the data came from (AWS managed policies taken from
	// iamsim's snapshot) and what the answer assumes.
	Notes []evaluator.Note
	// Refused, when no action is allowed, are the nearest refusals (at
	// most MaxRefused, one per action: its nearest resource), and
	// RefusedCount how many candidate actions were refused in all.
	Refused      []Refusal
	RefusedCount int
}

// Grant is an action the principal may perform.
type Grant struct {
	Action       string   // "s3:GetObject", as the catalog spells it
	AccessLevels []string // the catalog's levels; the first groups it
	// On lists the resources (CanQuery.Resource) or resource patterns on
	// which the action is allowed, sorted, with what allowed it there.
	On []Allowance
}

// AccessLevel returns the access level the action is grouped under.
func (g *Grant) AccessLevel() string {
	if len(g.AccessLevels) == 0 {
		return ""
	}
	return g.AccessLevels[0]
}

// Allowance is one resource or resource pattern on which an action is
// allowed, and the statements that allowed it.
type Allowance struct {
	Resource string
	Deciding []evaluator.StatementRef
	Summary  string
}

// Can answers a CanQuery: every catalog action (of the chosen services)
// the principal may perform. Candidate actions are those an Allow
// statement of the principal's identity policies can match (or of the
// resource's policy, with a resource); each is then decided with the full
// evaluation logic: resource policy, RCPs, SCPs, boundary.
func (d *Data) Can(q CanQuery) (*CanAnswer, error) {
	p, err := d.Principal(q.Principal)
	if err != nil {
		return nil, err
	}
	_, loaded := d.Accounts[p.Account]
	root := loaded && p.User == nil && p.Role == nil
	if !loaded && p.Account != "" {
		return nil, fmt.Errorf("principal %s: account %s is not loaded (loaded: %s); give its export with --account-details", q.Principal, p.Account, strings.Join(d.AccountIDs(), ", "))
	}
	if !loaded || !root && p.User == nil && p.Role == nil {
		return nil, fmt.Errorf("principal %s: want a user, role, role session or root user of a loaded account (loaded: %s)", q.Principal, strings.Join(d.AccountIDs(), ", "))
	}
	actions, err := catalogActions(q.Services)
	if err != nil {
		return nil, err
	}
	ans := &CanAnswer{Principal: q.Principal, Resource: q.Resource, Catalog: len(actions)}
	ans.Notes = append(ans.Notes, p.Notes...)
	r, cache, err := d.newQuery(q.Context)
	if err != nil {
		return nil, err
	}
	x := newDecider(r, cache, p)
	if q.Resource != "" {
		ans.ResourceAccount = q.ResourceAccount
		if ans.ResourceAccount == "" {
			ans.ResourceAccount = d.Resources.Owner(q.Resource)
		}
		if _, err := evaluator.Prepare(&evaluator.Request{Principal: p.ARN, Action: "iam:GetUser", Resource: q.Resource, ResourceAccount: ans.ResourceAccount}); err != nil {
			return nil, err
		}
		if ans.ResourceAccount == "" && q.Resource != "*" {
			ans.Notes = append(ans.Notes, note(NoteOwnerIsPrincipals, q.Resource))
		}
	}
	identity := x.allowStatements(p.Identity)
	var resource []evaluator.Statement
	if q.Resource != "" {
		for _, rp := range d.resourcePolicies(q.Resource) {
			resource = append(resource, x.cache.allow(rp.Doc)...)
		}
	}
	if root {
		ans.Notes = append(ans.Notes, note(NoteRootEveryAction))
	}
	var refused []Refusal
	for _, a := range actions {
		if !root && !noPermission[a.lower] && !anyActionMatch(identity, a.service, a.name) && !anyActionMatch(resource, a.service, a.name) {
			continue
		}
		ans.Candidates++
		var targets []string
		switch {
		case q.Resource != "":
			targets = []string{q.Resource}
		default:
			targets = x.patterns(identity, a.service, a.name)
		}
		g := Grant{Action: a.FullName(), AccessLevels: a.AccessLevels}
		var near *Refusal // the action's nearest refusal, while nothing is allowed
		for _, res := range targets {
			owner := ans.ResourceAccount
			if q.Resource == "" {
				owner = d.Resources.Owner(res)
			}
			r, ok, err := x.decide(a.FullName(), res, owner)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue // a pattern that is no resource ARN is passed over
			}
			if r.Decision != evaluator.Allowed {
				if len(ans.Grants) == 0 && len(g.On) == 0 {
					f := refusalOf(r)
					if near == nil || nearer(&f, near) {
						f.Action, f.Resource = a.FullName(), res
						near = &f
					}
				}
				continue
			}
			g.On = append(g.On, Allowance{Resource: res, Deciding: cloneRefs(r.Deciding), Summary: r.Summary()})
		}
		switch {
		case len(g.On) > 0:
			ans.Grants = append(ans.Grants, g)
		case near != nil:
			refused = append(refused, *near)
		}
	}
	sortGrants(ans.Grants)
	if len(ans.Grants) == 0 {
		ans.RefusedCount, ans.Refused = len(refused), nearest(refused)
	}
	return ans, nil
}

// sortGrants orders grants by access level, keeping the catalog's order
// (service prefix, then action name ignoring case) within a level.
func sortGrants(gs []Grant) {
	rank := func(g *Grant) int {
		for i, l := range AccessLevels {
			if l == g.AccessLevel() {
				return i
			}
		}
		return len(AccessLevels)
	}
	sort.SliceStable(gs, func(i, j int) bool { return rank(&gs[i]) < rank(&gs[j]) })
}

// catalogAction is a catalog action with its name split and lower-cased
// once for matching.
type catalogAction struct {
	*catalog.Action
	lower, service, name string
}

var catalogIndex struct {
	once    sync.Once
	actions []catalogAction
	err     error
}

// catalogActions returns the catalog's actions, of the given services
// only when some are named.
func catalogActions(services []string) ([]catalogAction, error) {
	catalogIndex.once.Do(func() {
		cat, err := catalog.Load()
		if err != nil {
			catalogIndex.err = err
			return
		}
		for _, s := range cat.Services() {
			for _, a := range s.Actions {
				lower := strings.ToLower(a.FullName())
				svc, name, _ := strings.Cut(lower, ":")
				catalogIndex.actions = append(catalogIndex.actions, catalogAction{Action: a, lower: lower, service: svc, name: name})
			}
		}
	})
	if catalogIndex.err != nil || len(services) == 0 {
		return catalogIndex.actions, catalogIndex.err
	}
	cat := catalog.Default()
	want := map[string]bool{}
	for _, s := range services {
		svc, ok := cat.Service(s)
		if !ok {
			return nil, unknownService(cat, s)
		}
		want[svc.Prefix] = true
	}
	var out []catalogAction
	for _, a := range catalogIndex.actions {
		if want[a.Service] {
			out = append(out, a)
		}
	}
	return out, nil
}

func unknownService(cat *catalog.Catalog, prefix string) error {
	var prefixes []string
	for _, s := range cat.Services() {
		prefixes = append(prefixes, s.Prefix)
	}
	if i := textdist.NearestWithin(strings.ToLower(prefix), prefixes, len(prefix)/2+2); i >= 0 {
		return fmt.Errorf("service %q is not in the catalog; did you mean %s?", prefix, prefixes[i])
	}
	return fmt.Errorf("service %q is not in the catalog", prefix)
}
