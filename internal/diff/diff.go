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
// evaluator decides it; scenarios (CompareScenarios, and a principal's
// policies within its boundary) are compared by the evaluator's decision
// on all their layers together, and each finding names the changes
// responsible (blame). Where the universe cannot stand for every request
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
	// Cause is the change responsible. Comparing one layer, its
	// Statement is the Allow statement that allows the witness: NEW's
	// for a widening, OLD's for a narrowing. Comparing scenarios (and
	// principals within their boundaries) it is the first change of
	// the layers whose verdict let the witness through (blame).
	Cause
	// Also are the other changes responsible, when the witness needed
	// more than one layer to change (an identity grant added and a
	// boundary widened).
	Also []Cause
	// Grant is the identity- or resource-based Allow statement that
	// grants the witness on the allowing side, when Cause is another
	// layer's: the grant that a loosened or removed limit lets through.
	Grant *evaluator.StatementRef
}

// Cause is one change responsible for a finding.
type Cause struct {
	// Statement is a statement of the allowing side (NEW for a
	// widening), or with Other one of the other side. With Removed it
	// is the other side's Deny statement that blocks the witness there,
	// or the policy itself: its start, with Index -1.
	Statement evaluator.StatementRef
	// Other says Statement stands on the other side (OLD for a
	// widening): a Deny statement that no longer applies, or with
	// Removed a limiting policy the allowing side lacks.
	Other bool
	// Removed says the allowing side lacks the limiting policy of this
	// layer that the other side has (a permissions boundary, an SCP
	// level removed for a widening; added for a narrowing).
	Removed bool
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
	// Cause is the statement responsible (Finding.Cause), which the
	// findings of the change share.
	Cause
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
	return CompareSets(one(old), one(new), opts)
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
	old, new = unique(old), unique(new)
	oldSet, err := CompileSet(old, opts.Kind)
	if err != nil {
		return nil, fmt.Errorf("old policy: %w", err)
	}
	newSet, err := CompileSet(new, opts.Kind)
	if err != nil {
		return nil, fmt.Errorf("new policy: %w", err)
	}
	return compare(sides{
		old: side{set: oldSet, grant: old, all: old},
		new: side{set: newSet, grant: new, all: new},
	}, opts)
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

// scenario is the scenario of a principal's identity policies and
// boundary.
func (c Capped) scenario() Scenario {
	return Scenario{Policies: evaluator.Policies{Identity: c.Identity, Boundary: c.Boundary}}
}

// CompareCapped compares what two principals' identity-based policies
// allow within their permissions boundaries: a widening is a request
// NEW's policies and boundary allow and OLD's do not, whether the
// identity policies or the boundary changed. It is CompareScenarios
// on scenarios of these policies alone: the cause of a widening is the
// identity-based Allow statement that grants it when the grant is new,
// the boundary's when the boundary widened, and the boundary OLD had
// when NEW has none.
func CompareCapped(old, new Capped, opts Options) (*Report, error) {
	return CompareScenarios(old.scenario(), new.scenario(), opts)
}

// compare searches both directions between two sides.
func compare(sd sides, opts Options) (*Report, error) {
	cat, err := catalog.Load()
	if err != nil {
		return nil, err
	}
	if opts.Budget == 0 {
		opts.Budget = DefaultBudget
	}
	u := newUniverse(cat, sd.old.all, sd.new.all, opts)
	if sd.whole {
		u.principals = u.scenarioCallers(sd)
	}
	decider := func() *Decider {
		d := NewDecider(Layer(opts.Kind))
		d.whole = sd.whole
		return d
	}
	r := &Report{Kind: opts.Kind}
	s := &search{u: u, from: sd.new, to: sd.old, d: decider(), budget: opts.Budget}
	r.Widenings, r.Possible = s.run(false)
	r.Evaluations = s.evaluations
	if opts.Narrowings {
		n := &search{u: u, from: sd.old, to: sd.new, d: decider(), budget: opts.Budget}
		var possible []Possible
		r.Narrowings, possible = n.run(true)
		r.Possible = append(r.Possible, possible...)
		r.Evaluations += n.evaluations
	}
	r.Changes = append(changes(r.Widenings, false), changes(r.Narrowings, true)...)
	return r, nil
}

// sides are the two sides of a comparison.
type sides struct {
	old, new side
	// whole compares the evaluator's decision on each side's policies
	// together (CompareScenarios), not one layer's verdict.
	whole bool
}

// side is one side of a comparison, compiled.
type side struct {
	set *evaluator.PolicySet
	// grant are the documents whose Allow statements grant: the layer's
	// policies, or a scenario's identity-based and resource-based ones;
	// all adds those that limit.
	grant, all []*policy.Document
	// layers are a scenario's documents by layer and level, for telling
	// which policy of a layer the other side lacks.
	layers map[layerLevel][]*policy.Document
}

// one is the set of one policy, empty for none.
func one(d *policy.Document) []*policy.Document {
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
