package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// Access is the access a policy must not grant: Access Analyzer's access
// object (API_Access), with actions, resources or both.
type Access struct {
	// Actions are action patterns (s3:PutObject, iam:*); none means any
	// action.
	Actions []string
	// Resources are resource ARNs, wildcards allowed; none means any
	// resource the policy names.
	Resources []string
}

// AccessQuery is an Access read against the service catalog, ready to
// check policies.
type AccessQuery struct {
	cat *catalog.Catalog
	// listed are the catalog's actions the listed patterns cover; nil
	// when no action is listed.
	listed   *actionSet
	patterns []*wildcard.Pattern // the listed action patterns, lower case
	// all is every action of the catalog, for a query that lists
	// resources only.
	all       *actionSet
	resources []pattern
}

// NewAccessQuery reads the access to check. A listed action that no
// action of the catalog matches is an error, as is an access with
// neither actions nor resources.
func NewAccessQuery(cat *catalog.Catalog, access Access) (*AccessQuery, error) {
	if len(access.Actions) == 0 && len(access.Resources) == 0 {
		return nil, fmt.Errorf("access-not-granted needs --action, --resource or both")
	}
	q := &AccessQuery{cat: cat}
	if len(access.Actions) > 0 {
		q.listed = &actionSet{}
		for _, a := range access.Actions {
			names, err := expandAction(cat, a)
			if err != nil {
				return nil, err
			}
			for _, n := range names {
				q.listed.add(n)
			}
			q.patterns = append(q.patterns, wildcard.Compile(strings.ToLower(a)))
		}
		q.listed.sorted()
	} else {
		q.all = &actionSet{}
		for _, s := range cat.Services() {
			for _, a := range s.Actions {
				q.all.add(a.FullName())
			}
		}
		q.all.sorted()
	}
	for _, r := range access.Resources {
		if r == "" {
			return nil, fmt.Errorf("--resource \"\": want a resource ARN, wildcards allowed")
		}
		q.resources = append(q.resources, compileGlob(r))
	}
	return q, nil
}

// candidates returns the actions to quantify over for doc: the listed
// ones (or the whole catalog), with the actions doc names literally that
// the catalog lacks and the listed patterns cover.
func (q *AccessQuery) candidates(doc *policy.Document) *actionSet {
	base := q.all
	if q.listed != nil {
		base = q.listed
	}
	var extra []string
	for _, a := range literalActions(doc) {
		lower := strings.ToLower(a)
		if _, known := base.display[lower]; known || !q.coversListed(lower) {
			continue
		}
		extra = append(extra, a)
	}
	if len(extra) == 0 {
		return base
	}
	out := &actionSet{names: append([]string(nil), base.names...), display: make(map[string]string, len(base.display)+len(extra))}
	for k, v := range base.display {
		out.display[k] = v
	}
	for _, a := range extra {
		out.add(a)
	}
	return out.sorted()
}

// coversListed reports whether a listed action pattern covers the action
// (lower case); with no action listed, every action counts.
func (q *AccessQuery) coversListed(lower string) bool {
	if q.listed == nil {
		return true
	}
	for _, p := range q.patterns {
		if p.Match(lower) {
			return true
		}
	}
	return false
}

// Check answers CheckAccessNotGranted for one policy: FAIL when the
// policy might allow one of the listed actions on one of the listed
// resources. Each Allow statement is tried against every action the
// access covers; a Deny takes access away only when it applies whatever
// the context (statement.isSureDeny), since Access Analyzer reports what
// a policy might allow.
func (q *AccessQuery) Check(doc *policy.Document) *Result {
	cands := q.candidates(doc)
	stmts := compileStatements(doc)
	var denies []*statement
	for _, s := range stmts {
		if s.isSureDeny() {
			denies = append(denies, s)
		}
	}
	w := newWitnesses(doc, stmts)
	res := &Result{Result: Pass}
	for _, s := range stmts {
		if s.Effect != policy.Allow {
			continue
		}
		g := q.grantOf(s, cands, denies)
		if r, ok := g.reason(s, describeGrant(s, g.actions), w); ok {
			res.Reasons = append(res.Reasons, r)
		}
	}
	if len(res.Reasons) == 0 {
		res.Message = "The policy grants none of the listed access."
		return res
	}
	res.Result = Fail
	res.Message = fmt.Sprintf("The policy might grant the listed access: %s.", countStatements(len(res.Reasons)))
	return res
}

// grant is what one Allow statement grants of the candidate actions:
// the actions, each on a resource it grants that is listed and no Deny
// of denies takes away, with one action and resource as an example.
// Actions denied by the same Deny statements share one search. unsure is
// set when a search was cut short.
type grant struct {
	actions          []string
	action, resource string
	// suited is set when the example action acts on the example
	// resource's type.
	suited bool
	unsure bool
}

// grantOf computes the grant of s.
func (q *AccessQuery) grantOf(s *statement, cands *actionSet, denies []*statement) grant {
	type group struct {
		denies  []*statement
		actions []string
	}
	var applicable []*statement // the denies that cover the principals of s
	for _, d := range denies {
		if deniesPrincipalsOf(d.Statement, s.Statement) {
			applicable = append(applicable, d)
		}
	}
	var order []string
	groups := map[string]*group{}
	for _, a := range s.actions.among(cands) {
		if !s.actions.covers(a) {
			continue
		}
		var key strings.Builder
		var ds []*statement
		for i, d := range applicable {
			if d.actions.covers(a) {
				ds = append(ds, d)
				fmt.Fprintf(&key, "%d,", i)
			}
		}
		g, ok := groups[key.String()]
		if !ok {
			g = &group{denies: ds}
			groups[key.String()] = g
			order = append(order, key.String())
		}
		g.actions = append(g.actions, a)
	}
	var out grant
	var granted []string // lower case
	budget := maxSolveStates
	for _, k := range order {
		g := groups[k]
		r, sol := grantedResource(s, q.resources, g.denies, &budget)
		switch sol {
		case found:
			granted = append(granted, g.actions...)
			if out.suited {
				continue
			}
			if a, ok := q.suited(g.actions, r); ok || out.action == "" {
				out.resource, out.action, out.suited = r, cands.display[a], ok
			}
		case unknown:
			out.unsure = true
		}
	}
	slices.Sort(granted)
	for _, a := range granted {
		out.actions = append(out.actions, cands.display[a])
	}
	return out
}

// maxSuitedTries bounds the actions suited looks at.
const maxSuitedTries = 64

// suited picks, for a witness, one of the actions (lower case) that acts
// on the resource's type as the catalog documents it, or that takes "*"
// when the resource is "*"; false, with the first action, when none of
// the first maxSuitedTries it looks at does. It looks first at the
// actions of the resource ARN's service.
func (q *AccessQuery) suited(actions []string, resource string) (string, bool) {
	acts := func(a *catalog.Action) bool { return len(a.Resources) == 0 && len(a.Scenarios) == 0 }
	order := actions
	if f, ok := policy.SplitARN(resource); ok && resource != "*" {
		arn := catalog.LiteralARN(resource)
		acts = func(a *catalog.Action) bool {
			return a.ActsOn(func(format string) bool { return arn.Fits(q.cat.CompileARNFormat(format)) })
		}
		prefix := strings.ToLower(f[2]) + ":"
		order = nil
		for _, name := range actions {
			if strings.HasPrefix(name, prefix) {
				order = append(order, name)
			}
		}
		order = append(order, actions...)
	}
	for i, name := range order {
		if i == maxSuitedTries {
			break
		}
		if a, ok := q.cat.Action(name); ok && acts(a) {
			return name, true
		}
	}
	return actions[0], false
}

// reason turns a grant into the reason of a FAIL, with its witness; false
// when the statement grants nothing.
func (g grant) reason(s *statement, description string, w *witnesses) (Reason, bool) {
	if len(g.actions) == 0 && !g.unsure {
		return Reason{}, false
	}
	rs := reason(s.Statement, description)
	if len(g.actions) == 0 {
		rs.Note = "the resource patterns are too intricate to settle: counted as might allow, as Access Analyzer errs on the side of a finding"
		return rs, true
	}
	rs.Witness, rs.Note = w.build(s, g.action, g.resource)
	return rs, true
}

// describeGrant says what an Allow statement grants of the access
// checked: "statement 1 ("Write") allows s3:PutObject on
// arn:aws:s3:::reports/*".
func describeGrant(s *statement, granted []string) string {
	what := "the listed access"
	if len(granted) > 0 {
		what = describeActions(granted)
	}
	d := fmt.Sprintf("%s allows %s on %s", statementName(s.Statement), what, describeResources(s))
	if len(s.Conditions) > 0 {
		d += " under its conditions"
	}
	return d
}

// describeResources says which resources a statement names.
func describeResources(s *statement) string {
	if s.anyResource {
		return "any resource"
	}
	texts := make([]string, len(s.Resource.Items))
	for i, r := range s.Resource.Items {
		texts[i] = r.Text
	}
	if s.notResource {
		return "any resource except " + listSome(texts, 2)
	}
	return listSome(texts, 2)
}

// statementName names a statement as output shows it: statement 2
// ("ReadReports"), or statement 2 when it has no Sid.
func statementName(st *policy.Statement) string {
	if st.Sid.Text != "" {
		return fmt.Sprintf("statement %d (%q)", st.Index, st.Sid.Text)
	}
	return fmt.Sprintf("statement %d", st.Index)
}

// listSome lists up to n names, then how many more.
func listSome(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

func countStatements(n int) string {
	if n == 1 {
		return "1 statement grants it"
	}
	return fmt.Sprintf("%d statements grant it", n)
}
