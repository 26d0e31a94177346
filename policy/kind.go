package policy

import "fmt"

// Kind is the type of a policy document, which decides the elements it may
// and must have.
type Kind int

// The policy kinds.
const (
	Identity Kind = iota // identity-based policy of a user, group or role
	Resource             // resource-based policy: bucket, queue, key policy...
	Trust                // role trust policy
	Boundary             // permissions boundary
	Session              // session policy
	SCP                  // Organizations service control policy
	RCP                  // Organizations resource control policy
	Endpoint             // VPC endpoint policy
)

var kindNames = [...]string{"identity", "resource", "trust", "boundary", "session", "scp", "rcp", "endpoint"}

// String returns the kind's name as the CLI spells it.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, error) {
	for i, n := range kindNames {
		if n == s {
			return Kind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown policy kind %q: want identity, resource, trust, boundary, session, scp, rcp or endpoint", s)
}

// Kinds lists every kind in order.
func Kinds() []Kind {
	kinds := make([]Kind, len(kindNames))
	for i := range kinds {
		kinds[i] = Kind(i)
	}
	return kinds
}

// rule says whether an element is required, allowed or forbidden.
type rule int

const (
	forbidden rule = iota
	optional
	required
)

// elementRules says, per kind, what Principal, NotPrincipal and Resource
// statements may carry (reference_policies_grammar.md; Access Analyzer
// MISSING_RESOURCE: "All policies except role trust policies must include a
// Resource or NotResource element"; SCP and RCP syntax pages; docs/errors.md
// E010, E018, E019).
var elementRules = map[Kind]struct{ principal, notPrincipal, resource rule }{
	Identity: {forbidden, forbidden, required},
	Boundary: {forbidden, forbidden, required},
	Session:  {forbidden, forbidden, required},
	SCP:      {forbidden, forbidden, required},
	Resource: {required, optional, required},
	Trust:    {required, forbidden, forbidden},
	RCP:      {required, forbidden, required},
	Endpoint: {required, forbidden, required},
}

// HasPrincipal reports whether statements of this kind name a principal.
func (k Kind) HasPrincipal() bool { return elementRules[k].principal == required }

// completesARNs reports whether AWS completes a Resource ARN with fewer than
// six fields by adding * fields (reference_policies_grammar.md
// "resource_string": "When you specify an incomplete ARN ... in an
// identity-based policy, AWS automatically completes the ARN"; session
// policies reject them).
func (k Kind) completesARNs() bool { return k == Identity || k == Boundary }

// requiresVersion2012 reports whether the kind must declare
// "Version": "2012-10-17" (SCP and RCP syntax pages: "Every SCP must
// include a Version element with the value 2012-10-17", and the same for
// RCPs).
func (k Kind) requiresVersion2012() bool { return k == SCP || k == RCP }
