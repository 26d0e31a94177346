package check

import (
	"github.com/iamsim/iamsim/policy"
)

// statement is a statement compiled for the checks: the actions it
// covers and its resources as patterns.
type statement struct {
	*policy.Statement
	actions actionMatcher
	// resources are the Resource or NotResource entries; anyResource is
	// set when the statement has neither (a role trust policy).
	resources   []pattern
	notResource bool
	anyResource bool
	// variable is set when a resource entry has a policy variable: what it
	// matches depends on the request.
	variable bool
}

// compileStatements compiles every statement of doc.
func compileStatements(doc *policy.Document) []*statement {
	out := make([]*statement, len(doc.Statements))
	for i, st := range doc.Statements {
		s := &statement{Statement: st, actions: newActionMatcher(st.Action), anyResource: st.Resource == nil}
		if st.Resource != nil {
			s.notResource = st.Resource.Not
			for _, r := range st.Resource.Items {
				p, variable := compileEntry(doc, r.Text)
				s.resources = append(s.resources, p)
				s.variable = s.variable || variable
			}
		}
		out[i] = s
	}
	return out
}

// deniesPrincipalsOf reports whether the Deny statement d applies to every
// principal the Allow statement a names: d names everyone, or every
// principal of a by the same text. A NotPrincipal in d never counts (it
// spares the principals it names), and neither does a with NotPrincipal
// or "*" unless d names everyone. Statements without a Principal (an
// identity-based policy) apply to their holder.
func deniesPrincipalsOf(d, a *policy.Statement) bool {
	switch {
	case d.Principal == nil:
		return true
	case d.Principal.Not:
		return false
	case d.Principal.IsAnyone():
		return true
	case a.Principal == nil || a.Principal.Not || a.Principal.IsAnyone():
		return false
	}
	for _, ae := range a.Principal.Entries {
		named := false
		for _, de := range d.Principal.Entries {
			if de.Type == ae.Type && de.Text == ae.Text {
				named = true
				break
			}
		}
		if !named {
			return false
		}
	}
	return true
}

// isSureDeny reports whether a Deny statement applies whatever the
// request context: it has no condition and its resources have no
// policy variable. Access Analyzer reports what a policy might allow, so
// only such a Deny takes access away (docs/checks.md).
func (s *statement) isSureDeny() bool {
	return s.Effect == policy.Deny && len(s.Conditions) == 0 && !s.variable
}
