package account

import (
	"errors"
	"strings"
	"sync"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/policy"
)

// Resolver makes requests on the loaded accounts ready to decide: it
// finds the caller's policies in the data (Data.Principal), adds the
// resource's policy and the organization's SCP and RCP chains, lays the
// policies given besides the data over them (Overlay), compiles each
// distinct set once, and completes the request with what the data says
// of the caller and of the resource's account (the resource account, the
// role ARN and unique ID, the caller's tags and organization, the
// resource's organization). eval --account-details, eval --requests,
// simulate-principal-policy, can and who-can all resolve through it. A
// Resolver is safe for concurrent use.
type Resolver struct {
	data     *Data
	opts     ResolverOptions
	compiler *evaluator.Compiler

	mu         sync.Mutex
	principals map[string]*Principal
	requests   map[requestKey]*compiledSet
	sets       map[setKey]*compiledSet
	contexts   map[contextKey]*callerContext
}

// ResolverOptions are what differs between the commands that resolve
// requests on account data.
type ResolverOptions struct {
	// Overlay holds the policies given besides the data.
	Overlay Overlay
	// RequestContexts says that each request brings its own context
	// (eval --requests), which Resolve completes in place. Otherwise
	// every request starts from Context, which the Resolver completes
	// once per caller and resource account; requests so completed share
	// their context, which must not be modified.
	RequestContexts bool
	// Context is the context every request starts from, unless
	// RequestContexts is set.
	Context evaluator.Context
	// TrimOrgKeys keeps Context's aws:PrincipalOrgID and
	// aws:PrincipalOrgPaths from callers outside the organization (with
	// no organization loaded, from callers of accounts that are not
	// loaded): can and who-can give one context for every caller, and
	// those keys describe the organization's callers.
	TrimOrgKeys bool
	// Check, when set, gives each policy set a checker of the context
	// keys of its requests that knows Check's condition keys and those of
	// the set's policies (Resolution.Check).
	Check *reqcheck.Checker
	// Compiled, when set, is called with the documents of each policy set
	// the Resolver compiles, under its lock.
	Compiled func(evaluator.Policies)
}

// Overlay is what a command's flags lay over the account data: Identity
// policies join the caller's own; a Resource, Boundary, Session or
// Endpoint policy, and SCP or RCP chains, replace the data's.
type Overlay struct {
	// Policies are the policies the flags give.
	Policies evaluator.Policies
	// ManagementAccount is the organization's management account when
	// the data has no organization.
	ManagementAccount string
}

// Check refuses an overlay that gives what an organization loaded with
// the data (hasOrg) gives: SCPs, RCPs and the management account.
func (o *Overlay) Check(hasOrg bool) error {
	if hasOrg && (len(o.Policies.SCPs) > 0 || len(o.Policies.RCPs) > 0 || o.ManagementAccount != "") {
		return errors.New("--org gives the SCPs, RCPs and management account: do not combine it with --scp, --rcp or --management-account")
	}
	return nil
}

// layOver lays the overlay's policies over those of the data.
func (o *Overlay) layOver(p *evaluator.Policies) {
	flags := &o.Policies
	p.Identity = append(p.Identity, flags.Identity...)
	if flags.Resource != nil {
		p.Resource = flags.Resource
	}
	if flags.Boundary != nil {
		p.Boundary = flags.Boundary
	}
	if flags.Session != nil {
		p.Session = flags.Session
	}
	if flags.Endpoint != nil {
		p.Endpoint = flags.Endpoint
	}
	if len(flags.SCPs) > 0 {
		p.SCPs = flags.SCPs
	}
	if len(flags.RCPs) > 0 {
		p.RCPs = flags.RCPs
	}
}

// Resolution is what decides a resolved request.
type Resolution struct {
	// Set is the compiled policy set.
	Set *evaluator.PolicySet
	// Policies are the set's documents: the data's, the overlay laid over
	// them. Requests with the same policies share them: do not modify
	// them.
	Policies evaluator.Policies
	// Check is the set's checker, when ResolverOptions.Check is set.
	Check *reqcheck.Checker
	// Notes say which values of the request's context override those the
	// data derives (the request's value wins).
	Notes []evaluator.Note
}

// resolverCache bounds each cache of a Resolver: when one is full, it is
// emptied.
const resolverCache = 1024

// NewResolver returns a Resolver of the data with the options; it refuses
// an overlay that gives what the data's organization gives.
func NewResolver(d *Data, opts ResolverOptions) (*Resolver, error) {
	if err := opts.Overlay.Check(d.Org != nil); err != nil {
		return nil, err
	}
	return &Resolver{
		data: d, opts: opts, compiler: evaluator.NewCompiler(),
		principals: map[string]*Principal{}, requests: map[requestKey]*compiledSet{},
		sets: map[setKey]*compiledSet{}, contexts: map[contextKey]*callerContext{},
	}, nil
}

// Data returns the account data the Resolver resolves from.
func (r *Resolver) Data() *Data { return r.data }

// Principal returns the principal an ARN names (Data.Principal),
// remembering it.
func (r *Resolver) Principal(arn string) (*Principal, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.principal(arn)
}

func (r *Resolver) principal(arn string) (*Principal, error) {
	if p, ok := r.principals[arn]; ok {
		return p, nil
	}
	p, err := r.data.Principal(arn)
	if err != nil {
		return nil, err
	}
	if len(r.principals) >= resolverCache {
		clear(r.principals)
	}
	r.principals[strings.Clone(arn)] = p
	return p, nil
}

// Resolve makes req, a request by a principal of the data, ready to
// decide. It sets the resource account when the request has none and
// the data knows the resource's owner, the role ARN and unique ID of the
// caller, and adds to the context the keys the data derives (the
// caller's tags and organization, the resource's organization) unless
// the context has them in some case: then the request's value wins, with
// a note. spellings, when the request's context holds its keys in
// canonical form (evaluator.CanonicalKey), are the keys as the request
// spelled them, for the notes to name them so; nil otherwise.
func (r *Resolver) Resolve(req *evaluator.Request, spellings []string) (Resolution, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	p, err := r.principal(req.Principal)
	if err != nil {
		return Resolution{}, err
	}
	return r.resolve(p, p, req, spellings)
}

// ResolveAs is Resolve for a request decided by p's policies, whoever
// makes it, whose context gets the keys the data derives for keys (none
// when nil): simulate-principal-policy simulates a policy source for
// another caller, and who-can decides principals the data does not hold.
func (r *Resolver) ResolveAs(p, keys *Principal, req *evaluator.Request) (Resolution, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.resolve(p, keys, req, nil)
}

func (r *Resolver) resolve(p, keys *Principal, req *evaluator.Request, spellings []string) (Resolution, error) {
	if req.ResourceAccount == "" {
		req.ResourceAccount = r.data.Resources.Owner(req.Resource)
	}
	rcp := rcpAccountOf(req.Resource, req.ResourceAccount, p.Account)
	cs, err := r.policySet(p, req.Action, req.Resource, rcp)
	if err != nil {
		return Resolution{}, err
	}
	res := Resolution{Set: cs.set, Policies: cs.pol, Check: cs.check}
	if keys != nil {
		keys.identify(req)
	}
	if r.opts.RequestContexts {
		res.Notes = r.complete(req, keys, rcp, spellings)
	} else {
		c := r.callerContext(keys, rcp)
		req.Context, res.Notes = c.ctx, c.notes
	}
	return res, nil
}

// compiledSet is a compiled policy set with its documents and, with
// ResolverOptions.Check, its checker.
type compiledSet struct {
	set   *evaluator.PolicySet
	pol   evaluator.Policies
	check *reqcheck.Checker
}

// requestKey is what the policies of a caller's request depend on: the
// resource, the account whose RCPs govern it, and whether the action
// assumes a role (a role's trust policy is then the resource policy).
type requestKey struct {
	caller               *Principal
	resource, rcpAccount string
	assumeRole           bool
}

// setKey is what a policy set depends on: the caller's policies (by
// ARN), the resource's policy and the account whose RCPs govern it.
type setKey struct {
	caller     string
	resource   *policy.Document
	rcpAccount string
}

// policySet returns the compiled policies of p's request, compiling each
// distinct set once.
func (r *Resolver) policySet(p *Principal, action, resource, rcp string) (*compiledSet, error) {
	rk := requestKey{p, resource, rcp, isAssumeRole(action)}
	if cs, ok := r.requests[rk]; ok {
		return cs, nil
	}
	pol, org := r.data.policies(p, action, resource, rcp)
	r.opts.Overlay.layOver(&pol)
	if r.data.Org == nil {
		org = evaluator.Organization{ManagementAccount: r.opts.Overlay.ManagementAccount}
	}
	sk := setKey{p.ARN, pol.Resource, rcp}
	cs, ok := r.sets[sk]
	if !ok {
		set, err := r.compiler.Compile(pol, org)
		if err != nil {
			return nil, err
		}
		cs = &compiledSet{set: set, pol: pol}
		if r.opts.Check != nil {
			cs.check = r.opts.Check.Extend(reqcheck.Documents(pol)...)
		}
		if r.opts.Compiled != nil {
			r.opts.Compiled(pol)
		}
		if len(r.sets) >= resolverCache {
			clear(r.sets)
		}
		r.sets[setKey{strings.Clone(p.ARN), pol.Resource, strings.Clone(rcp)}] = cs
	}
	if len(r.requests) >= resolverCache {
		clear(r.requests)
	}
	r.requests[requestKey{p, strings.Clone(resource), strings.Clone(rcp), rk.assumeRole}] = cs
	return cs, nil
}

// isAssumeRole reports whether an action is sts:AssumeRole or one of its
// kin, whose resource policy is the role's trust policy.
func isAssumeRole(action string) bool {
	return strings.HasPrefix(strings.ToLower(action), "sts:assumerole")
}
