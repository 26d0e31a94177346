// Package diff compares two versions of one policy and finds what the new
// version allows that the old one did not (widenings) and, on request, the
// other way round (narrowings). Each finding is a witness: a concrete
// request that the evaluator decides differently under the two versions.
//
// The method (docs/diff.md) is a search over a finite universe of
// representative requests built from both policies: the catalog actions
// their Action and NotAction entries cover, resources instantiated from
// their Resource entries and the catalog's ARN formats, principals from
// their Principal entries, and for every condition key they mention a
// value of each cell into which the values they mention cut the key's
// value space. A policy "allows" a request when the verdict of its layer
// is Allows: an Allow statement matches and no Deny does, exactly as the
// evaluator decides it. Where the universe cannot stand for every request
// (a shape listed in docs/diff.md) or the search budget runs out, the
// statement is reported as a possible widening, never dropped.
package diff

import (
	"fmt"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// DefaultBudget is the number of evaluations a comparison may spend in
// each direction before it reports the rest as possible widenings.
const DefaultBudget = 2_000_000

// Options tune a comparison.
type Options struct {
	// Kind is the kind of both policies; it decides the layer the
	// evaluator decides them in.
	Kind policy.Kind
	// Narrowings asks for the narrowings too.
	Narrowings bool
	// Budget bounds the evaluations of each direction; 0 means
	// DefaultBudget.
	Budget int
	// Actions, when set, replaces the catalog's actions as the universe
	// of actions that wildcards and NotAction cover (literal actions of
	// the policies are always in it). Tests use it to keep universes
	// small.
	Actions []string
}

// Report is what a comparison found.
type Report struct {
	Kind policy.Kind
	// Widenings are the requests NEW allows and OLD does not, one per
	// action, in the order of the NEW statements that allow them.
	Widenings []Finding
	// Narrowings are the requests OLD allows and NEW does not, with
	// Options.Narrowings.
	Narrowings []Finding
	// Possible are the statements whose effect the search could not
	// settle, with why.
	Possible []Possible
	// Changes count, per statement responsible, the actions that gained
	// (or lost) access, by access level.
	Changes []Change
	// Evaluations is the number of requests evaluated.
	Evaluations int
}

// Finding is one action whose access changed, with its witness.
type Finding struct {
	// Witness is a request the two versions decide differently.
	Witness Witness
	// AccessLevels are the catalog's for the action; empty for an action
	// the catalog does not know.
	AccessLevels []string
	// Statement is the Allow statement that allows the witness: NEW's for
	// a widening, OLD's for a narrowing.
	Statement evaluator.StatementRef
}

// Witness is a request: who calls which action on which resource, with
// the context keys the decision needs (a key left out is absent).
type Witness struct {
	Principal string
	Action    string
	Resource  string
	Context   evaluator.Context
	// RoleARN is the role of a role-session principal.
	RoleARN string
	// Absent are the keys the policies' conditions on the action read
	// that the request leaves out: their absence is part of the witness.
	Absent []string
}

// Request returns the witness as a request to evaluate.
func (w Witness) Request() *evaluator.Request {
	return &evaluator.Request{Principal: w.Principal, RoleARN: w.RoleARN, Action: w.Action, Resource: w.Resource, Context: w.Context, ResourceAccount: HomeAccount}
}

// Possible is a statement the search could not settle.
type Possible struct {
	// Statement is where it stands: in NEW, or in OLD (Old set) for a
	// Deny statement whose change could widen.
	Statement evaluator.StatementRef
	Old       bool
	// Why says which shape could not be reasoned about, or that the
	// budget ran out.
	Why string
	// Narrowing marks a possible narrowing rather than a widening.
	Narrowing bool
}

// Change counts the actions one statement gave (or took), by access
// level: "s3:Get* replacing s3:GetObject: 40 new actions".
type Change struct {
	Statement evaluator.StatementRef
	Narrowing bool
	Actions   int
	// ByLevel counts the actions per catalog access level; an action
	// with several levels counts in each, one the catalog does not know
	// under "Unknown".
	ByLevel map[string]int
}

// Compare compares OLD and NEW, two policies of kind opts.Kind; either
// may be nil (no policy: it allows nothing). Both must have parsed
// without errors.
func Compare(old, new *policy.Document, opts Options) (*Report, error) {
	return CompareSets(side(old), side(new), opts)
}

// CompareSets compares two sets of policies of kind opts.Kind that AWS
// evaluates together in one layer: a principal's identity-based
// policies, or the SCPs attached at one level of an organization
// (either set may be empty: it allows nothing). The layer allows a
// request when an Allow statement of one of the set's policies matches
// it and no Deny statement of any does
// (reference_policies_evaluation-logic.html). Kinds of which a layer
// holds one policy (resource, trust, boundary, session, endpoint) take
// at most one per set. Every policy must have parsed without errors.
func CompareSets(old, new []*policy.Document, opts Options) (*Report, error) {
	return compare(Capped{Identity: old}, Capped{Identity: new}, opts)
}

// Capped is a principal's identity-based policies and the permissions
// boundary that caps them: a request is allowed when the identity
// policies allow it and the boundary, if there is one, allows it too
// (access_policies_boundaries.html, "Evaluating effective permissions
// with boundaries").
type Capped struct {
	Identity []*policy.Document
	// Boundary is nil for a principal without a permissions boundary.
	Boundary *policy.Document
}

// CompareCapped compares what two principals' identity-based policies
// allow within their permissions boundaries: a widening is a request
// NEW's policies and boundary allow and OLD's do not, whether the
// identity policies or the boundary changed. Its statement is the
// identity-based Allow statement that grants it.
func CompareCapped(old, new Capped, opts Options) (*Report, error) {
	opts.Kind = policy.Identity
	return compare(old, new, opts)
}

// compare compares two sides; a Boundary makes the comparison capped.
func compare(old, new Capped, opts Options) (*Report, error) {
	old.Identity, new.Identity = unique(old.Identity), unique(new.Identity)
	cat, err := catalog.Load()
	if err != nil {
		return nil, err
	}
	if opts.Budget == 0 {
		opts.Budget = DefaultBudget
	}
	oldSet, err := compileCapped(old, opts.Kind)
	if err != nil {
		return nil, fmt.Errorf("old policy: %w", err)
	}
	newSet, err := compileCapped(new, opts.Kind)
	if err != nil {
		return nil, fmt.Errorf("new policy: %w", err)
	}
	u := newUniverse(cat, old.all(), new.all(), opts)
	capped := old.Boundary != nil || new.Boundary != nil
	decider := func() *Decider {
		d := NewDecider(Layer(opts.Kind))
		d.capped = capped
		return d
	}
	r := &Report{Kind: opts.Kind}
	s := &search{u: u, from: newSet, to: oldSet, fromDocs: new.Identity, toDocs: old.Identity, fromAll: new.all(), toAll: old.all(), d: decider(), budget: opts.Budget}
	r.Widenings, r.Possible = s.run(false)
	r.Evaluations = s.evaluations
	if opts.Narrowings {
		n := &search{u: u, from: oldSet, to: newSet, fromDocs: old.Identity, toDocs: new.Identity, fromAll: old.all(), toAll: new.all(), d: decider(), budget: opts.Budget}
		var possible []Possible
		r.Narrowings, possible = n.run(true)
		r.Possible = append(r.Possible, possible...)
		r.Evaluations += n.evaluations
	}
	r.Changes = append(changes(r.Widenings, false), changes(r.Narrowings, true)...)
	return r, nil
}

// all lists a side's policies, its boundary last.
func (c Capped) all() []*policy.Document {
	if c.Boundary == nil {
		return c.Identity
	}
	return append(append([]*policy.Document{}, c.Identity...), c.Boundary)
}

// side is the set of one policy, empty for none.
func side(d *policy.Document) []*policy.Document {
	if d == nil {
		return nil
	}
	return []*policy.Document{d}
}

// unique drops nil documents and repeats of one: a managed policy
// attached to a user and to one of its groups counts once.
func unique(docs []*policy.Document) []*policy.Document {
	seen := map[*policy.Document]bool{}
	var out []*policy.Document
	for _, d := range docs {
		if d != nil && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}
