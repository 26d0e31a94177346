package matcher

import (
	"strings"

	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// Policy is a compiled policy document.
type Policy struct {
	Doc        *policy.Document
	Statements []*Statement
	// byService indexes the statements by the services whose actions
	// they can cover; nil for a policy of few statements.
	byService *serviceIndex
}

// serviceIndex lists, in policy order, the statements that can cover an
// action of each service that an Action entry names without a wildcard
// (named), and those that can cover an action of any service (any).
type serviceIndex struct {
	named table[[]*Statement]
	any   []*Statement
}

// WithDoc returns the policy for another document that shares its
// statement list (a shallow copy of the document under another name):
// the compiled statements and their index are shared.
func (p *Policy) WithDoc(d *policy.Document) *Policy {
	q := *p
	q.Doc = d
	return &q
}

// Statement is a compiled statement.
type Statement struct {
	Source   *policy.Statement
	Effect   policy.Effect
	Action   ActionMatcher
	Resource ResourceMatcher
	// Principals are the entries of the Principal or NotPrincipal
	// element, in order.
	Principals []PrincipalEntry
	Conditions []*Condition
}

// PrincipalEntry is an entry of Principal or NotPrincipal with its value
// split into the fields of an ARN, when it is one.
type PrincipalEntry struct {
	policy.PrincipalEntry
	ARN   [policy.ARNFields]string
	IsARN bool
}

// Compile compiles a parsed document. The document must have parsed
// without errors.
func Compile(doc *policy.Document) *Policy {
	p := &Policy{Doc: doc, Statements: sized[*Statement](len(doc.Statements))}
	variables := doc.HasVariables()
	for _, st := range doc.Statements {
		cs := &Statement{Source: st, Effect: st.Effect, Conditions: sized[*Condition](len(st.Conditions))}
		cs.Action = compileActions(st.Action)
		cs.Resource = compileResources(doc.Kind, st.Resource, variables)
		if st.Principal != nil {
			for _, en := range st.Principal.Entries {
				pe := PrincipalEntry{PrincipalEntry: en}
				pe.ARN, pe.IsARN = policy.SplitARN(en.Text)
				cs.Principals = append(cs.Principals, pe)
			}
		}
		for _, c := range st.Conditions {
			cs.Conditions = append(cs.Conditions, compileCondition(c, variables))
		}
		p.Statements = append(p.Statements, cs)
	}
	p.index()
	return p
}

// sized returns an empty slice with room for n elements, or nil when n is
// 0 (as appending nothing to nil leaves it).
func sized[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, 0, n)
}

// minIndexed is the fewest statements a policy needs to be indexed by
// service: checking the actions of fewer costs about one map lookup.
const minIndexed = 4

// index fills byService.
func (p *Policy) index() {
	if len(p.Statements) < minIndexed {
		return
	}
	named := map[string][]*Statement{}
	var any []*Statement
	for _, st := range p.Statements {
		names, coversAny := st.Action.services()
		for _, name := range names {
			if _, ok := named[name]; !ok {
				// The statements before st that cover any service.
				named[name] = append([]*Statement(nil), any...)
			}
			if l := named[name]; len(l) == 0 || l[len(l)-1] != st {
				named[name] = append(l, st)
			}
		}
		if coversAny {
			any = append(any, st)
			for name, l := range named {
				named[name] = append(l, st)
			}
		}
	}
	p.byService = &serviceIndex{named: newTable[[]*Statement](len(named)), any: any}
	for name, l := range named {
		p.byService.named.set(NewKey(name), l)
	}
}

// Candidates returns, in order, the statements whose Action or NotAction
// element can cover an action of the service (its prefix in lower case).
// The others cannot match a request for it.
func (p *Policy) Candidates(service Key) []*Statement {
	if p.byService == nil {
		return p.Statements // too few to index
	}
	if sts, ok := p.byService.named.get(service); ok {
		return sts
	}
	return p.byService.any
}

// ActionMatcher matches Action or NotAction.
type ActionMatcher struct {
	Not      bool
	patterns []actionPattern
}

type actionPattern struct {
	any     bool              // the bare "*"
	service *wildcard.Pattern // lower case
	name    *wildcard.Pattern // lower case
}

func compileActions(l *policy.List) ActionMatcher {
	if l == nil {
		return ActionMatcher{}
	}
	m := ActionMatcher{Not: l.Not, patterns: sized[actionPattern](len(l.Items))}
	for _, it := range l.Items {
		lower := strings.ToLower(it.Text)
		if lower == "*" {
			m.patterns = append(m.patterns, actionPattern{any: true})
			continue
		}
		service, name, _ := strings.Cut(lower, ":")
		m.patterns = append(m.patterns, actionPattern{service: wildcard.Compile(service), name: wildcard.Compile(name)})
	}
	return m
}

// services returns the services whose actions the element can cover:
// those its entries name without a wildcard, or any service (any is set)
// for NotAction or an entry with a wildcard in its service part.
func (m *ActionMatcher) services() (names []string, any bool) {
	if m.Not {
		return nil, true
	}
	for i := range m.patterns {
		p := &m.patterns[i]
		if p.any || p.service.IsWildcard() {
			return nil, true
		}
		names = append(names, p.service.String())
	}
	return names, false
}

// Match reports whether the statement's Action or NotAction element
// covers the action. service and name are the request action's parts in
// lower case. Prefix and name match case-insensitively (reference_policies_elements_action.md); a wildcard
// in a name never reaches another service.
func (m *ActionMatcher) Match(service, name string) bool {
	return m.Listed(service, name) != m.Not
}

// MatchEntry is Match that also returns the index of the first listed
// entry that matches the action, or -1, for explanations.
func (m *ActionMatcher) MatchEntry(service, name string) (bool, int) {
	i := m.entry(service, name)
	return (i >= 0) != m.Not, i
}

// Listed reports whether one of the listed patterns matches the action,
// whatever Not says.
func (m *ActionMatcher) Listed(service, name string) bool {
	return m.entry(service, name) >= 0
}

// entry returns the index of the first pattern that matches the action,
// or -1.
func (m *ActionMatcher) entry(service, name string) int {
	for i := range m.patterns {
		p := &m.patterns[i]
		if p.any || p.service.Match(service) && p.name.Match(name) {
			return i
		}
	}
	return -1
}

// ResourceMatcher matches Resource or NotResource.
type ResourceMatcher struct {
	// Absent is set when the statement has neither element: it then
	// covers the resource its policy is attached to (trust policies).
	Absent bool
	Not    bool
	// Unsubstituted is set when an entry has a policy variable before
	// the fifth colon, which stays literal text (see compileResources).
	Unsubstituted bool
	patterns      []template
}

func compileResources(kind policy.Kind, l *policy.List, variables bool) ResourceMatcher {
	if l == nil {
		return ResourceMatcher{Absent: true}
	}
	m := ResourceMatcher{Not: l.Not, patterns: sized[template](len(l.Items))}
	for _, it := range l.Items {
		vars := variables
		if _, before := policy.VariableBeforeResource(it.Text); before && vars {
			// AWS substitutes variables only after the fifth colon
			// (reference_policies_variables.md, "Resource element"):
			// the entry is literal text, which no request's ARN
			// matches. An Allow written so grants nothing, and a Deny
			// denies nothing.
			vars, m.Unsubstituted = false, true
		}
		m.patterns = append(m.patterns, compileTemplate(policy.CompleteARN(kind, it.Text, vars), vars))
	}
	return m
}

// Match reports whether the statement covers the resource. Matching is
// case-sensitive over the whole ARN (reference_policies_elements_resource.md);
// an entry with a variable that has no value matches nothing
// (reference_policies_variables.md).
func (m *ResourceMatcher) Match(resource string, ctx Context) bool {
	if m.Absent {
		return true
	}
	return m.Listed(resource, ctx) != m.Not
}

// MatchEntry is Match that also returns the index of the first listed
// entry that matches the resource, or -1, for explanations.
func (m *ResourceMatcher) MatchEntry(resource string, ctx Context) (bool, int) {
	if m.Absent {
		return true, -1
	}
	i := m.entry(resource, ctx)
	return (i >= 0) != m.Not, i
}

// Listed reports whether one of the listed entries matches the resource,
// whatever Not says.
func (m *ResourceMatcher) Listed(resource string, ctx Context) bool {
	return m.entry(resource, ctx) >= 0
}

// entry returns the index of the first entry that matches the resource,
// or -1.
func (m *ResourceMatcher) entry(resource string, ctx Context) int {
	for i := range m.patterns {
		if m.patterns[i].matchLike(ctx, resource) {
			return i
		}
	}
	return -1
}
