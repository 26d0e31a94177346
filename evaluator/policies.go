package evaluator

import (
	"fmt"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/policy"
)

// Policies are the policy documents in play for a set of requests.
type Policies struct {
	// Identity holds the caller's identity-based policies: a user's inline
	// and managed policies and its groups', or a role's.
	Identity []*policy.Document
	// Resource is the resource-based policy of the request's resource: a
	// bucket, queue or key policy, or a role trust policy.
	Resource *policy.Document
	// Boundary is the caller's permissions boundary.
	Boundary *policy.Document
	// Session is the session policy of a role session or federated user.
	Session *policy.Document
	// Endpoint is the policy of the VPC endpoint the request came through;
	// nil when no endpoint was used.
	Endpoint *policy.Document
	// SCPs is the SCP chain of the principal's account, one list per level
	// from the root to the account. Within a level policies are OR'ed;
	// levels are AND'ed. Empty: the account is not governed by SCPs.
	SCPs [][]*policy.Document
	// RCPs is the RCP chain of the resource's account, in the same shape.
	RCPs [][]*policy.Document
}

// Organization holds AWS Organizations facts.
type Organization struct {
	// ManagementAccount's principals ignore SCPs; its resources ignore RCPs.
	ManagementAccount string
	// Members, if given, lists the member accounts: SCPs apply only to
	// principals of members, RCPs only to resources of members. When empty,
	// the supplied chains are taken to apply.
	Members []string
}

// PolicySet is a compiled set of policies, ready to decide requests. It is
// safe for concurrent use.
type PolicySet struct {
	identity []*matcher.Policy
	resource *matcher.Policy
	boundary *matcher.Policy
	session  *matcher.Policy
	endpoint *matcher.Policy
	scps     [][]*matcher.Policy
	rcps     [][]*matcher.Policy
	org      Organization
	members  map[string]bool
	// keys lists every condition key of every policy once, as first
	// written, for reporting missing context keys.
	keys []conditionKey
}

// conditionKey is a condition key in lower case, and as first written.
type conditionKey struct {
	key  matcher.Key
	name string
}

// Compile compiles the policies once for many requests. Every document
// must have parsed without errors.
func Compile(p Policies, org Organization) (*PolicySet, error) {
	return compileSet(p, org, matcher.Compile)
}

// compileSet builds a policy set, compiling each document with compileDoc.
func compileSet(p Policies, org Organization, compileDoc func(*policy.Document) *matcher.Policy) (*PolicySet, error) {
	s := &PolicySet{org: org}
	if len(org.Members) > 0 {
		s.members = map[string]bool{}
		for _, m := range org.Members {
			s.members[m] = true
		}
	}
	seen := map[string]bool{}
	compile := func(d *policy.Document) *matcher.Policy {
		if d == nil {
			return nil
		}
		mp := compileDoc(d)
		for _, st := range mp.Statements {
			for _, c := range st.Conditions {
				if !seen[c.Key()] {
					seen[c.Key()] = true
					s.keys = append(s.keys, conditionKey{c.ContextKey(), c.Source.Key.Text})
				}
			}
		}
		return mp
	}
	for _, d := range p.Identity {
		if d == nil {
			return nil, fmt.Errorf("the identity policy list holds a nil document")
		}
		s.identity = append(s.identity, compile(d))
	}
	s.resource = compile(p.Resource)
	s.boundary = compile(p.Boundary)
	s.session = compile(p.Session)
	s.endpoint = compile(p.Endpoint)
	var err error
	if s.scps, err = compileChain(p.SCPs, "SCP", compile); err != nil {
		return nil, err
	}
	if s.rcps, err = compileChain(p.RCPs, "RCP", compile); err != nil {
		return nil, err
	}
	return s, nil
}

func compileChain(levels [][]*policy.Document, what string, compile func(*policy.Document) *matcher.Policy) ([][]*matcher.Policy, error) {
	var out [][]*matcher.Policy
	for i, level := range levels {
		if len(level) == 0 {
			return nil, fmt.Errorf("%s level %d has no policies: every level of an organization has at least one", what, i+1)
		}
		var l []*matcher.Policy
		for _, d := range level {
			if d == nil {
				return nil, fmt.Errorf("%s level %d holds a nil document", what, i+1)
			}
			l = append(l, compile(d))
		}
		out = append(out, l)
	}
	return out, nil
}
