package account

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/internal/textdist"
	"github.com/iamsim/iamsim/policy"
)

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
	Notes []string
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
	x := newDecider(d, p, q.Context, newDocCache())
	if q.Resource != "" {
		ans.ResourceAccount = q.ResourceAccount
		if ans.ResourceAccount == "" {
			ans.ResourceAccount = d.Resources.Owner(q.Resource)
		}
		if _, err := evaluator.Prepare(&evaluator.Request{Principal: p.ARN, Action: "iam:GetUser", Resource: q.Resource, ResourceAccount: ans.ResourceAccount}); err != nil {
			return nil, err
		}
		if ans.ResourceAccount == "" && q.Resource != "*" {
			ans.Notes = append(ans.Notes, fmt.Sprintf("the account that owns %s is unknown: it is taken to be the principal's (give the resource account to decide otherwise)", q.Resource))
		}
	}
	identity := x.allowStatements(p.Identity)
	var resource []*matcher.Statement
	if q.Resource != "" {
		for _, rp := range d.resourcePolicies(q.Resource) {
			resource = append(resource, x.cache.allow(rp.Doc)...)
		}
	}
	if root {
		ans.Notes = append(ans.Notes, "the root user has no identity-based policies: every action is a candidate, evaluated on \"*\" without --resource")
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
					f := refusalOf(r, owner != "" && owner != p.Account)
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
	Notes   []string
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
		ans.Notes = append(ans.Notes, fmt.Sprintf("the account that owns %s is unknown: each principal is taken to be in it (give the resource account to decide otherwise)", q.Resource))
	}
	service, name, _ := strings.Cut(strings.ToLower(q.Action), ":")
	cache := newDocCache()
	var resource []*matcher.Statement
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
	notes := map[string]bool{}
	var refused []Refusal
	for i, e := range all {
		p, err := d.Principal(e.arn)
		if err != nil {
			return nil, err
		}
		ans.Checked++
		if open || cache.anyAllows(p.Identity, service, name) {
			x := newDecider(d, p, q.Context, cache)
			r, ok, err := x.decide(q.Action, q.Resource, ans.ResourceAccount)
			if err != nil {
				return nil, err
			}
			typ, serviceLinked := "user", false
			if e.role != nil {
				typ, serviceLinked = "role", e.role.IsServiceLinked()
			}
			if ok && r.Decision != evaluator.Allowed && len(ans.Principals) == 0 {
				f := refusalOf(r, ans.ResourceAccount != "" && ans.ResourceAccount != p.Account)
				f.Principal, f.Type, f.ServiceLinked = e.arn, typ, serviceLinked
				refused = append(refused, f)
			}
			if ok && r.Decision == evaluator.Allowed {
				acc := Access{Principal: e.arn, Type: typ, ServiceLinked: serviceLinked, Deciding: cloneRefs(r.Deciding), Summary: r.Summary()}
				ans.Principals = append(ans.Principals, acc)
				for _, n := range p.Notes {
					if !notes[n] {
						notes[n] = true
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
		ext, err := d.external(rp.Doc, q, ans.ResourceAccount, cache)
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

// resourcePolicies returns the policies a request on the resource may use
// as its resource-based policy: the manifest's, and a role's trust policy.
func (d *Data) resourcePolicies(resource string) []Policy {
	var out []Policy
	if rp, ok := d.Resources.For(resource); ok {
		out = append(out, rp)
	}
	if r := d.role(resource); r != nil && r.Trust != nil {
		out = append(out, *r.Trust)
	}
	return out
}

// decider decides the requests of one principal, compiling its policies
// once per resource-based policy and resource account.
type decider struct {
	d         *Data
	p         *Principal
	req       evaluator.Request // the template: principal, context
	vars      matcher.MapContext
	sets      map[setKey]*evaluator.PolicySet
	byRequest map[requestKey]*evaluator.PolicySet
	// ctxs are the request contexts by resource account.
	ctxs  map[string]evaluator.Context
	cache *docCache
	res   evaluator.Result
}

// orgKeys are the context keys that name the caller's organization.
var orgKeys = map[string]bool{"aws:principalorgid": true, "aws:principalorgpaths": true}

// requestKey is what a request's policies depend on.
type requestKey struct {
	resource, rcpAccount string
	assumeRole           bool
}

type setKey struct {
	resource *policy.Document
	owner    string
}

// newDecider prepares the requests of a principal. The context's
// aws:PrincipalOrgID and aws:PrincipalOrgPaths describe the callers of the
// organization: a principal of an account outside the loaded organization
// does not get them, nor one of an account that is not loaded when no
// organization is.
func newDecider(d *Data, p *Principal, ctx evaluator.Context, cache *docCache) *decider {
	x := &decider{d: d, p: p, sets: map[setKey]*evaluator.PolicySet{}, byRequest: map[requestKey]*evaluator.PolicySet{}, cache: cache}
	x.req = evaluator.Request{Principal: p.ARN, Context: evaluator.Context{}}
	_, loaded := d.Accounts[p.Account]
	inOrg := d.Org != nil && d.Org.Contains(p.Account) || d.Org == nil && loaded
	for k, v := range ctx {
		if !inOrg && orgKeys[evaluator.CanonicalKey(k)] {
			continue
		}
		x.req.Context[k] = v
	}
	p.Request(&x.req)
	return x
}

// decide evaluates the principal's request. ok is false when the
// resource is not one the evaluator accepts (a pattern that is no ARN).
// The result is reused by the next call.
//
// owner is the account that owns the resource, "" when unknown: the
// request then leaves the resource account to the evaluator, which takes
// the caller's, and so are the RCPs and aws:ResourceOrgID that of the
// caller's account, as for eval.
func (x *decider) decide(action, resource, owner string) (*evaluator.Result, bool, error) {
	rcpAccount := RCPAccount(resource, owner, x.p.Account)
	if rcpAccount == "" {
		rcpAccount = x.p.Account
	}
	// The policies depend on the action only through the trust policy of
	// sts:AssumeRole* on a role.
	rkey := requestKey{resource, rcpAccount, strings.HasPrefix(strings.ToLower(action), "sts:assumerole")}
	set, ok := x.byRequest[rkey]
	if !ok {
		pol, org, _ := x.d.Policies(x.p, action, resource, rcpAccount)
		key := setKey{pol.Resource, rcpAccount}
		if set, ok = x.sets[key]; !ok {
			var err error
			if set, err = x.cache.compiler.Compile(pol, org); err != nil {
				return nil, false, err
			}
			x.sets[key] = set
		}
		x.byRequest[rkey] = set
	}
	req := x.req
	req.Action, req.Resource, req.ResourceAccount = action, resource, owner
	req.Context = x.resourceContext(rcpAccount)
	prep, err := evaluator.Prepare(&req)
	if err != nil {
		return nil, false, nil
	}
	set.EvaluatePrepared(prep, evaluator.Options{}, &x.res)
	return &x.res, true, nil
}

// resourceContext returns the request context with what the
// organization says about the resource's account (aws:ResourceOrgID,
// aws:ResourceOrgPaths), computed once per account.
func (x *decider) resourceContext(owner string) evaluator.Context {
	if ctx, ok := x.ctxs[owner]; ok {
		return ctx
	}
	req := evaluator.Request{Context: evaluator.Context{}}
	for k, v := range x.req.Context {
		req.Context[k] = v
	}
	x.d.ResourceContext(&req, owner)
	if x.ctxs == nil {
		x.ctxs = map[string]evaluator.Context{}
	}
	x.ctxs[owner] = req.Context
	return req.Context
}

// allowStatements returns the compiled Allow statements of the policies.
func (x *decider) allowStatements(ps []Policy) []*matcher.Statement {
	var out []*matcher.Statement
	for _, p := range ps {
		out = append(out, x.cache.allow(p.Doc)...)
	}
	return out
}

// patterns returns the resources to try an action on without a given
// resource: every Resource entry of the Allow statements whose Action
// covers it, variables filled in from the principal's context (an entry
// whose variable has no value is left out), and "*"; sorted.
func (x *decider) patterns(stmts []*matcher.Statement, service, name string) []string {
	if x.vars == nil {
		x.vars = principalVariables(x.p, &x.req)
	}
	set := map[string]bool{"*": true}
	for _, st := range stmts {
		if st.Resource.Not || st.Resource.Absent || !st.Action.Match(service, name) {
			continue
		}
		for _, e := range x.cache.entries(st, x.vars) {
			if e != "" {
				set[e] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for e := range set {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

// principalVariables is the context policy variables in Resource entries
// see: the request's keys, then those AWS derives from the principal.
func principalVariables(p *Principal, req *evaluator.Request) matcher.MapContext {
	m := matcher.MapContext{}
	for k, v := range req.Context {
		m[evaluator.CanonicalKey(k)] = matcher.ContextValue{Values: v.Values, Multi: v.Multi}
	}
	derive := func(k, v string) {
		if _, ok := m[k]; !ok && v != "" {
			m[k] = matcher.ContextValue{Values: []string{v}}
		}
	}
	derive("aws:principalaccount", p.Account)
	switch {
	case p.User != nil:
		derive("aws:username", p.User.Name)
		derive("aws:userid", p.User.ID)
		derive("aws:principalarn", p.User.ARN)
		derive("aws:principaltype", "User")
	case p.Role != nil:
		if f := strings.SplitN(p.ARN, ":", 6); len(f) == 6 && f[2] == "sts" && p.Role.ID != "" {
			derive("aws:userid", p.Role.ID+":"+lastSegment(f[5]))
		}
		derive("aws:principalarn", p.Role.ARN)
		derive("aws:principaltype", "AssumedRole")
	default:
		derive("aws:userid", p.Account)
		derive("aws:principalarn", p.ARN)
		derive("aws:principaltype", "Account")
	}
	return m
}

// docCache memoises, per statement list, the compiled Allow statements,
// and per statement its rendered Resource entries; its Compiler compiles
// the policy sets of the query's principals, each statement list once.
// Statement lists, not documents, are the keys: account data names a
// managed policy after each attachment in a shallow copy of its document,
// which shares the statements. So policies shared by many principals
// (managed policies, SCPs) are compiled once per query.
type docCache struct {
	compiler *evaluator.Compiler
	allows   map[docKey][]*matcher.Statement
	matches  map[docKey]bool // some Allow statement covers the query's action
	rendered map[*matcher.Statement][]string
}

// docKey identifies a document's statement list by its backing array.
type docKey struct {
	first **policy.Statement
	n     int
}

func keyOf(doc *policy.Document) docKey {
	if len(doc.Statements) == 0 {
		return docKey{}
	}
	return docKey{&doc.Statements[0], len(doc.Statements)}
}

func newDocCache() *docCache {
	return &docCache{compiler: evaluator.NewCompiler(), allows: map[docKey][]*matcher.Statement{}, matches: map[docKey]bool{}, rendered: map[*matcher.Statement][]string{}}
}

func (c *docCache) allow(doc *policy.Document) []*matcher.Statement {
	key := keyOf(doc)
	if st, ok := c.allows[key]; ok {
		return st
	}
	var out []*matcher.Statement
	for _, st := range matcher.Compile(doc).Statements {
		if st.Effect == policy.Allow {
			out = append(out, st)
		}
	}
	c.allows[key] = out
	return out
}

// anyAllows reports whether an Allow statement of the policies covers the
// action (one action per cache).
func (c *docCache) anyAllows(ps []Policy, service, name string) bool {
	for _, p := range ps {
		key := keyOf(p.Doc)
		m, ok := c.matches[key]
		if !ok {
			m = anyActionMatch(c.allow(p.Doc), service, name)
			c.matches[key] = m
		}
		if m {
			return true
		}
	}
	return false
}

// entries renders a statement's Resource entries once: the context is
// that of one principal, and a cache serves one principal in Can.
func (c *docCache) entries(st *matcher.Statement, vars matcher.Context) []string {
	if e, ok := c.rendered[st]; ok {
		return e
	}
	e := st.ResourceEntries(vars)
	c.rendered[st] = e
	return e
}

func anyActionMatch(stmts []*matcher.Statement, service, name string) bool {
	for _, st := range stmts {
		if st.Action.Match(service, name) {
			return true
		}
	}
	return false
}

func cloneRefs(refs []evaluator.StatementRef) []evaluator.StatementRef {
	return append([]evaluator.StatementRef(nil), refs...)
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
	best, bestDist := "", len(prefix)/2+2
	for _, s := range cat.Services() {
		if d := textdist.Levenshtein(s.Prefix, strings.ToLower(prefix)); d < bestDist {
			best, bestDist = s.Prefix, d
		}
	}
	if best != "" {
		return fmt.Errorf("service %q is not in the catalog; did you mean %s?", prefix, best)
	}
	return fmt.Errorf("service %q is not in the catalog", prefix)
}
