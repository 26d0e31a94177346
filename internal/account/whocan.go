package account

import (
	"slices"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
)

// This file answers who-can: which principals may perform an action on a resource.

// WhoCanQuery asks which principals may perform an action on a resource.
type WhoCanQuery struct {
	Action   string
	Resource string
	// ResourceAccount owns the resource; by default the ARN's account,
	// else the resource-policy manifest's.
	ResourceAccount string
	// Context is the request context of every evaluation.
	Context evaluator.Context
	// Progress, when set, is called after each principal is checked.
	Progress func(done, total int)
}

// WhoCanAnswer lists who may perform an action on a resource.
type WhoCanAnswer struct {
	Action, Resource, ResourceAccount string
	// Principals are the users and roles of the loaded accounts that may,
	// sorted by ARN.
	Principals []Access
	// External are the principals of accounts that are not loaded that
	// the resource policy lets in: the resource's side allows, and their
	// own account's policies, which are not loaded, must allow too.
	External []Access
	// Checked is how many users and roles were checked.
	Checked int
	// Notes say what the answer assumes and where the data of the
	// allowed principals came from.
	Notes []evaluator.Note
	// Refused, when no user or role of the loaded accounts is allowed,
	// are the nearest of those whose policies could allow the action (at
	// most MaxRefused), and RefusedCount how many were refused in all.
	Refused      []Refusal
	RefusedCount int
}

// Access is a principal that may perform the action.
type Access struct {
	Principal string // ARN; "*" for any principal
	// Type is "user", "role", "account" (a root user: the whole account
	// when the account's policies allow) or "any".
	Type          string
	ServiceLinked bool
	Deciding      []evaluator.StatementRef
	Summary       string
}

// WhoCan answers a WhoCanQuery: every user and role of the loaded
// accounts decided with the full evaluation logic, and the principals of
// other accounts that the resource policy names in its Allow statements.
func (d *Data) WhoCan(q WhoCanQuery) (*WhoCanAnswer, error) {
	ans := &WhoCanAnswer{Action: q.Action, Resource: q.Resource, ResourceAccount: q.ResourceAccount}
	if ans.ResourceAccount == "" {
		ans.ResourceAccount = d.Resources.Owner(q.Resource)
	}
	probe := evaluator.Request{Principal: "*", Action: q.Action, Resource: q.Resource, ResourceAccount: ans.ResourceAccount}
	if _, err := evaluator.Prepare(&probe); err != nil {
		return nil, err
	}
	if ans.ResourceAccount == "" && q.Resource != "*" {
		ans.Notes = append(ans.Notes, note(NoteOwnerIsEachPrincipal, q.Resource))
	}
	service, name, _ := strings.Cut(strings.ToLower(q.Action), ":")
	r, cache, err := d.newQuery(q.Context)
	if err != nil {
		return nil, err
	}
	var resource []evaluator.Statement
	rp, hasRP := d.resourcePolicy(q.Action, q.Resource)
	if hasRP {
		resource = cache.allow(rp.Doc)
	}
	// A principal can only be allowed by one of its own Allow statements,
	// or by the resource policy, or for an action that needs no permission.
	open := noPermission[service+":"+name] || anyActionMatch(resource, service, name)
	type entity struct {
		arn  string
		role *Role
	}
	var all []entity
	for _, id := range d.AccountIDs() {
		a := d.Accounts[id]
		for _, n := range a.UserNames() {
			all = append(all, entity{arn: a.Users[n].ARN})
		}
		for _, n := range a.RoleNames() {
			all = append(all, entity{arn: a.Roles[n].ARN, role: a.Roles[n]})
		}
	}
	var refused []Refusal
	for i, e := range all {
		p, err := d.Principal(e.arn)
		if err != nil {
			return nil, err
		}
		ans.Checked++
		if open || cache.anyAllows(p.Identity, service, name) {
			x := newDecider(r, cache, p)
			r, ok, err := x.decide(q.Action, q.Resource, ans.ResourceAccount)
			if err != nil {
				return nil, err
			}
			typ, serviceLinked := "user", false
			if e.role != nil {
				typ, serviceLinked = "role", e.role.IsServiceLinked()
			}
			if ok && r.Decision != evaluator.Allowed && len(ans.Principals) == 0 {
				f := refusalOf(r)
				f.Principal, f.Type, f.ServiceLinked = e.arn, typ, serviceLinked
				refused = append(refused, f)
			}
			if ok && r.Decision == evaluator.Allowed {
				acc := Access{Principal: e.arn, Type: typ, ServiceLinked: serviceLinked, Deciding: cloneRefs(r.Deciding), Summary: r.Summary()}
				ans.Principals = append(ans.Principals, acc)
				for _, n := range p.Notes {
					if !slices.ContainsFunc(ans.Notes, n.Equal) {
						ans.Notes = append(ans.Notes, n)
					}
				}
			}
		}
		if q.Progress != nil {
			q.Progress(i+1, len(all))
		}
	}
	if hasRP {
		ext, err := d.external(rp.Doc, q, ans.ResourceAccount, r, cache)
		if err != nil {
			return nil, err
		}
		ans.External = ext
	}
	sort.Slice(ans.Principals, func(i, j int) bool { return ans.Principals[i].Principal < ans.Principals[j].Principal })
	if len(ans.Principals) == 0 {
		sort.Slice(refused, func(i, j int) bool { return refused[i].Principal < refused[j].Principal })
		ans.RefusedCount, ans.Refused = len(refused), nearest(refused)
	}
	return ans, nil
}

func principalType(arn string) string {
	switch {
	case arn == "*":
		return "any"
	case strings.HasSuffix(arn, ":root"):
		return "account"
	case strings.Contains(arn, ":user/"):
		return "user"
	}
	return "role"
}

func appendNew(list []string, seen map[string]bool, s string) []string {
	if seen[s] {
		return list
	}
	seen[s] = true
	return append(list, s)
}
