package account

import (
	"sort"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
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

// decider decides the requests of one principal through the query's
// Resolver.
type decider struct {
	r     *Resolver
	p     *Principal
	cache *docCache
	vars  evaluator.Context // the policy variables of patterns
	res   evaluator.Result
}

// newQuery returns the Resolver and the statement cache of a can or
// who-can query: every caller's requests start from ctx, less the
// organization's keys for a caller outside it.
func (d *Data) newQuery(ctx evaluator.Context) (*Resolver, *docCache, error) {
	r, err := NewResolver(d, ResolverOptions{Context: ctx, TrimOrgKeys: true})
	if err != nil {
		return nil, nil, err
	}
	return r, newDocCache(r), nil
}

func newDecider(r *Resolver, cache *docCache, p *Principal) *decider {
	return &decider{r: r, p: p, cache: cache}
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
	req := evaluator.Request{Principal: x.p.ARN, Action: action, Resource: resource, ResourceAccount: owner}
	rs, err := x.r.ResolveAs(x.p, x.p, &req)
	if err != nil {
		return nil, false, err
	}
	prep, err := evaluator.Prepare(&req)
	if err != nil {
		return nil, false, nil
	}
	rs.Set.EvaluatePrepared(prep, evaluator.Options{}, &x.res)
	return &x.res, true, nil
}

// allowStatements returns the compiled Allow statements of the policies.
func (x *decider) allowStatements(ps []Policy) []evaluator.Statement {
	var out []evaluator.Statement
	for _, p := range ps {
		out = append(out, x.cache.allow(p.Doc)...)
	}
	return out
}

// patterns returns the resources to try an action on without a given
// resource: every Resource entry of the Allow statements whose Action
// covers it, variables filled in from the principal's context, and "*";
// sorted.
func (x *decider) patterns(stmts []evaluator.Statement, service, name string) []string {
	if x.vars == nil {
		x.vars = principalVariables(x.p, x.r.principalContext(x.p))
	}
	set := map[string]bool{"*": true}
	for _, st := range stmts {
		if !st.CoversAction(service, name) {
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
// see: the context's keys, then those AWS derives from the principal,
// named in canonical form.
func principalVariables(p *Principal, ctx evaluator.Context) evaluator.Context {
	m := evaluator.Context{}
	for k, v := range ctx {
		m[evaluator.CanonicalKey(k)] = v
	}
	derive := func(k, v string) {
		if _, ok := m[k]; !ok && v != "" {
			m[k] = evaluator.ContextValue{Values: []string{v}}
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
// and per statement its rendered Resource entries, compiling through the
// query's Resolver, which compiles each statement list once for the
// principals' policy sets too. Statement lists, not documents, are the
// keys: account data names a managed policy after each attachment in a
// shallow copy of its document, which shares the statements. So policies
// shared by many principals (managed policies, SCPs) are compiled once
// per query.
type docCache struct {
	compiler *evaluator.Compiler
	allows   map[docKey][]evaluator.Statement
	matches  map[docKey]bool // some Allow statement covers the query's action
	rendered map[evaluator.Statement][]string
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

func newDocCache(r *Resolver) *docCache {
	return &docCache{compiler: r.compiler, allows: map[docKey][]evaluator.Statement{}, matches: map[docKey]bool{}, rendered: map[evaluator.Statement][]string{}}
}

func (c *docCache) allow(doc *policy.Document) []evaluator.Statement {
	key := keyOf(doc)
	if st, ok := c.allows[key]; ok {
		return st
	}
	var out []evaluator.Statement
	for _, st := range c.compiler.Statements(doc) {
		if st.Source().Effect == policy.Allow {
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
func (c *docCache) entries(st evaluator.Statement, vars evaluator.Context) []string {
	if e, ok := c.rendered[st]; ok {
		return e
	}
	e := st.Resources(vars)
	c.rendered[st] = e
	return e
}

func anyActionMatch(stmts []evaluator.Statement, service, name string) bool {
	for _, st := range stmts {
		if st.CoversAction(service, name) {
			return true
		}
	}
	return false
}

func cloneRefs(refs []evaluator.StatementRef) []evaluator.StatementRef {
	return append([]evaluator.StatementRef(nil), refs...)
}
