package account

import (
	"slices"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
)

// This file completes a request from the data: the caller's role ARN,
// unique ID, tags and organization, the organization of the resource's
// account. The request's own values win (docs/accounts.md).

// identify gives a request the caller's role ARN and unique ID, when the
// export has them.
func (p *Principal) identify(req *evaluator.Request) {
	switch {
	case p.Role != nil:
		req.RoleARN = p.Role.ARN
		if p.Role.ID != "" {
			req.UniqueID = p.Role.ID
		}
	case p.User != nil && p.User.ID != "":
		req.UniqueID = p.User.ID
	}
}

// contextMerge adds the keys the data derives to a request's context,
// unless the context has them in some case (AWS compares key names
// without regard to case): the request's value wins, and a value that
// differs from the derived one gets a note.
type contextMerge struct {
	ctx evaluator.Context // made when the first key is added to none
	// spellings are the request's keys as it spelled them, when its
	// context holds them in canonical form.
	spellings []string
	notes     []evaluator.Note
}

// add adds a derived key that comes from source (fromTags, fromOrg).
func (m *contextMerge) add(key, value string, multi bool, source evaluator.Message) {
	if m.ctx == nil {
		m.ctx = evaluator.Context{}
	}
	name, have, set := m.ctx.SetDefault(key, evaluator.ContextValue{Values: []string{value}, Multi: multi})
	if set || (len(have.Values) == 1 && have.Values[0] == value) {
		return
	}
	m.notes = append(m.notes, note(NoteContextOverride, m.spelled(name), strings.Join(have.Values, ","), value, source))
}

// spelled returns a key of the request's context as the request spelled
// it.
func (m *contextMerge) spelled(name string) string {
	for _, s := range m.spellings {
		if evaluator.CanonicalKey(s) == evaluator.CanonicalKey(name) {
			return s
		}
	}
	return name
}

// addKeys adds the principal's tags as aws:PrincipalTag/KEY and its
// organization as aws:PrincipalOrgID and aws:PrincipalOrgPaths.
func (p *Principal) addKeys(m *contextMerge) {
	for _, t := range p.Tags {
		m.add("aws:PrincipalTag/"+t.Key, t.Value, false, fromTags)
	}
	if p.OrgID != "" {
		m.add("aws:PrincipalOrgID", p.OrgID, false, fromOrg)
	}
	if p.OrgPath != "" {
		m.add("aws:PrincipalOrgPaths", p.OrgPath, true, fromOrg)
	}
}

// addResourceKeys adds what the organization says about the account that
// owns a request's resource: aws:ResourceOrgID and aws:ResourceOrgPaths.
func (d *Data) addResourceKeys(m *contextMerge, owner string) {
	if d.Org == nil || d.Org.ID == "" || !d.Org.Contains(owner) {
		return
	}
	m.add("aws:ResourceOrgID", d.Org.ID, false, fromOrg)
	if path := d.Org.Path(owner); path != "" {
		m.add("aws:ResourceOrgPaths", path, true, fromOrg)
	}
}

// complete adds to the request's context the keys the data derives for
// the caller keys (none when nil) and for the resource account rcp, and
// returns the notes on the values of the request that override them.
func (r *Resolver) complete(req *evaluator.Request, keys *Principal, rcp string, spellings []string) []evaluator.Note {
	m := contextMerge{ctx: req.Context, spellings: spellings}
	if keys != nil {
		keys.addKeys(&m)
	}
	r.data.addResourceKeys(&m, rcp)
	req.Context = m.ctx
	return m.notes
}

// callerContext is ResolverOptions.Context completed for a caller and a
// resource account, with the notes on the values it overrides.
type callerContext struct {
	ctx   evaluator.Context
	notes []evaluator.Note
}

// contextKey identifies a callerContext: the principal whose keys it
// has, and the account whose organization it describes.
type contextKey struct {
	keys       *Principal
	rcpAccount string
}

// callerContext returns Context completed for the caller keys and the
// resource account rcp, completing it once.
func (r *Resolver) callerContext(keys *Principal, rcp string) *callerContext {
	k := contextKey{keys, rcp}
	if c, ok := r.contexts[k]; ok {
		return c
	}
	req := evaluator.Request{Context: r.startContext(keys)}
	c := &callerContext{notes: slices.Clip(r.complete(&req, keys, rcp, nil))}
	c.ctx = req.Context
	if len(r.contexts) >= resolverCache {
		clear(r.contexts)
	}
	r.contexts[contextKey{keys, strings.Clone(rcp)}] = c
	return c
}

// orgKeys are the context keys that name the caller's organization.
var orgKeys = map[string]bool{"aws:principalorgid": true, "aws:principalorgpaths": true}

// startContext returns a copy of Context for the caller keys, without
// the organization's keys when TrimOrgKeys says so.
func (r *Resolver) startContext(keys *Principal) evaluator.Context {
	trim := r.opts.TrimOrgKeys && !r.inOrg(keys)
	ctx := make(evaluator.Context, len(r.opts.Context))
	for k, v := range r.opts.Context {
		if trim && orgKeys[evaluator.CanonicalKey(k)] {
			continue
		}
		ctx[k] = v
	}
	return ctx
}

// inOrg reports whether a caller is of the organization: of one of its
// accounts, or, when none is loaded, of a loaded account.
func (r *Resolver) inOrg(p *Principal) bool {
	if p == nil {
		return false
	}
	if r.data.Org != nil {
		return r.data.Org.Contains(p.Account)
	}
	_, loaded := r.data.Accounts[p.Account]
	return loaded
}

// principalContext returns Context completed for a caller, without the
// keys of a resource's account: the values of the policy variables in
// the Resource entries of its policies.
func (r *Resolver) principalContext(p *Principal) evaluator.Context {
	m := contextMerge{ctx: r.startContext(p)}
	p.addKeys(&m)
	return m.ctx
}
