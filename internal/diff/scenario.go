package diff

import (
	"fmt"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// Scenario is the policies AWS evaluates together for a request, as a
// scenario file gives them (docs/scenarios.md), with the organization
// that says whom the SCPs and RCPs govern.
type Scenario struct {
	Policies     evaluator.Policies
	Organization evaluator.Organization
}

// CompareScenarios compares what two scenarios allow as a whole: a
// widening is a request that the evaluator decides Allowed with NEW's
// policies together and not with OLD's. The layers combine as
// evaluator/evaluate.go's run combines them (docs/evaluation-order.md):
// an explicit deny anywhere wins, every SCP and RCP level, an endpoint
// policy, the boundary and the session policy must allow, and the
// identity-based and resource-based policies grant as the account case
// needs. So a limit removed (a boundary, an SCP deny) widens only what
// the grants of the scenario allow beyond it, and a grant added widens
// only what every limit lets through.
//
// Only the actions that an identity-based or resource-based Allow
// statement covers are searched: without one AWS grants nothing (except
// the STS calls that need no permission, which are searched too when a
// policy names them). The
// callers are those of the scenario's kind (a user of the home
// account; with a resource policy the principals it names, an outsider
// and an anonymous caller; with a session policy a role session too),
// without root users, whom AWS allows whatever no policy denies and
// whom no identity policy of a scenario describes. Each finding's
// causes are the layers whose verdict changed (blame). Report.Kind is
// the kind of the resource policy, or Identity.
func CompareScenarios(old, new Scenario, opts Options) (*Report, error) {
	opts.Kind = scenarioKind(old.Policies, new.Policies)
	o, err := scenarioSide(old)
	if err != nil {
		return nil, fmt.Errorf("old scenario: %w", err)
	}
	n, err := scenarioSide(new)
	if err != nil {
		return nil, fmt.Errorf("new scenario: %w", err)
	}
	return compare(sides{old: o, new: n, whole: true}, opts)
}

// scenarioKind is the kind whose callers and resources a scenario
// comparison takes: the resource or trust policy's, or Identity.
func scenarioKind(old, new evaluator.Policies) policy.Kind {
	for _, d := range []*policy.Document{new.Resource, old.Resource} {
		if d != nil {
			if d.Kind == policy.Trust {
				return policy.Trust
			}
			return policy.Resource
		}
	}
	return policy.Identity
}

// layerLevel is a layer of the evaluator and, for SCPs and RCPs, the
// level in the chain from 1; as evaluator.LayerResult numbers them.
type layerLevel struct {
	layer evaluator.Layer
	level int
}

// scenarioSide compiles a scenario and sorts its documents by layer.
func scenarioSide(s Scenario) (side, error) {
	p := s.Policies
	p.Identity = unique(p.Identity)
	set, err := evaluator.Compile(p, s.Organization)
	if err != nil {
		return side{}, err
	}
	sd := side{set: set, layers: map[layerLevel][]*policy.Document{}}
	add := func(l evaluator.Layer, level int, docs ...*policy.Document) {
		docs = unique(docs)
		if len(docs) == 0 {
			return
		}
		sd.layers[layerLevel{l, level}] = docs
		sd.all = append(sd.all, docs...)
		if l == evaluator.LayerIdentity || l == evaluator.LayerResource {
			sd.grant = append(sd.grant, docs...)
		}
	}
	add(evaluator.LayerIdentity, 0, p.Identity...)
	add(evaluator.LayerResource, 0, p.Resource)
	add(evaluator.LayerBoundary, 0, p.Boundary)
	add(evaluator.LayerSession, 0, p.Session)
	add(evaluator.LayerEndpoint, 0, p.Endpoint)
	for i, level := range p.SCPs {
		add(evaluator.LayerSCP, i+1, level...)
	}
	for i, level := range p.RCPs {
		add(evaluator.LayerRCP, i+1, level...)
	}
	return sd, nil
}

// layerOf is the layer and level of one of the side's documents.
func (sd side) layerOf(d *policy.Document) layerLevel {
	for k, docs := range sd.layers {
		for _, x := range docs {
			if x == d {
				return k
			}
		}
	}
	return layerLevel{}
}

// scenarioCallers lists the callers of a scenario comparison: the
// kind's, without root users, and a role session of the home account
// when either side has a session policy, which limits only sessions
// (access_policies.html, "Session policies").
func (u *universe) scenarioCallers(sd sides) []principal {
	var out []principal
	for _, p := range u.principals {
		if !isRoot(p.arn) {
			out = append(out, p)
		}
	}
	_, oldSession := sd.old.layers[layerLevel{evaluator.LayerSession, 0}]
	_, newSession := sd.new.layers[layerLevel{evaluator.LayerSession, 0}]
	if (oldSession || newSession) && u.kind != policy.Session {
		out = append(out, principal{arn: homeSession, role: homeRole})
	}
	return out
}
