package diff

import (
	"fmt"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// HomeAccount is the account of the policies' owner in witnesses: the
// caller's of identity-side policies, the resource's of resource-side
// ones.
const HomeAccount = "111122223333"

// OutsideAccount is an account the policies do not name, for the
// outsider of resource and trust policies.
const OutsideAccount = "999999999999"

// The callers of witnesses for policies without a Principal element: an
// IAM user of the home account, and for session policies a role session.
const (
	homeUser    = "arn:aws:iam::" + HomeAccount + ":user/" + variableToken
	homeSession = "arn:aws:sts::" + HomeAccount + ":assumed-role/diff-role/diff-session"
	homeRole    = "arn:aws:iam::" + HomeAccount + ":role/diff-role"
	// trustTarget is the role whose trust policy is compared.
	trustTarget = "arn:aws:iam::" + HomeAccount + ":role/diff-target"
)

// Layer is the layer the evaluator decides a policy of kind k in.
func Layer(k policy.Kind) evaluator.Layer {
	switch k {
	case policy.Resource, policy.Trust:
		return evaluator.LayerResource
	case policy.Boundary:
		return evaluator.LayerBoundary
	case policy.Session:
		return evaluator.LayerSession
	case policy.SCP:
		return evaluator.LayerSCP
	case policy.RCP:
		return evaluator.LayerRCP
	case policy.Endpoint:
		return evaluator.LayerEndpoint
	}
	return evaluator.LayerIdentity
}

// Compile compiles a policy of kind k alone in its layer; nil gives a
// set without it, which allows nothing.
func Compile(d *policy.Document, k policy.Kind) (*evaluator.PolicySet, error) {
	return CompileSet(one(d), k)
}

// CompileSet compiles a set of policies of kind k in their layer:
// identity-based policies together, SCPs or RCPs as the policies of one
// level; the layers that hold one policy take at most one. An empty set
// allows nothing.
func CompileSet(docs []*policy.Document, k policy.Kind) (*evaluator.PolicySet, error) {
	var p evaluator.Policies
	l := Layer(k)
	if len(docs) > 1 && l != evaluator.LayerIdentity && l != evaluator.LayerSCP && l != evaluator.LayerRCP {
		return nil, fmt.Errorf("a %s layer holds one policy, not %d", k, len(docs))
	}
	if len(docs) > 0 {
		switch l {
		case evaluator.LayerResource:
			p.Resource = docs[0]
		case evaluator.LayerBoundary:
			p.Boundary = docs[0]
		case evaluator.LayerSession:
			p.Session = docs[0]
		case evaluator.LayerSCP:
			p.SCPs = [][]*policy.Document{docs}
		case evaluator.LayerRCP:
			p.RCPs = [][]*policy.Document{docs}
		case evaluator.LayerEndpoint:
			p.Endpoint = docs[0]
		default:
			p.Identity = docs
		}
	}
	return evaluator.Compile(p, evaluator.Organization{})
}

// Decider decides prepared requests in one layer, reusing its storage:
// a request is prepared once, then decided against each policy set.
// It is not safe for concurrent use.
type Decider struct {
	layer evaluator.Layer
	// whole asks for the evaluator's decision on the whole set (Allowed)
	// instead of one layer's verdict.
	whole bool
	pr    *evaluator.Preparer
	p     evaluator.Prepared
	res   evaluator.Result
}

// NewDecider returns a Decider for layer l.
func NewDecider(l evaluator.Layer) *Decider {
	return &Decider{layer: l, pr: evaluator.NewPreparer()}
}

// Prepare prepares the request that Allows decides next.
func (d *Decider) Prepare(req *evaluator.Request) error { return d.pr.PrepareInto(req, &d.p) }

// Allows reports whether the policy set's layer allows the prepared
// request: an Allow statement matches it and no Deny does. It returns
// the first Allow statement that matched. A whole Decider reports
// whether the evaluator's decision is Allowed, and names no statement
// (blame does).
func (d *Decider) Allows(set *evaluator.PolicySet) (bool, evaluator.StatementRef) {
	set.EvaluatePrepared(&d.p, evaluator.Options{}, &d.res)
	if d.whole {
		return d.res.Decision == evaluator.Allowed, evaluator.StatementRef{}
	}
	if d.res.Verdict(d.layer) != evaluator.Allows {
		return false, evaluator.StatementRef{}
	}
	for _, lr := range d.res.Layers {
		if lr.Layer != d.layer {
			continue
		}
		for _, st := range lr.Statements {
			if st.Effect == policy.Allow {
				return true, st
			}
		}
	}
	return true, evaluator.StatementRef{}
}
