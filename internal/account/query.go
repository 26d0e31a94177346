package account

import (
	"sort"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/policy"
)

// This file holds what can (can.go) and who-can (whocan.go, external.go)
// share: deciding one principal's requests, and the cache of compiled
// statements.

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
