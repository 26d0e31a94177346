package check

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// actionSet is a finite set of actions: names in lower case, each with
// its spelling for output.
type actionSet struct {
	names   []string          // lower case, sorted
	display map[string]string // lower case -> as the catalog or policy spells it
}

// add puts an action in the set, once.
func (s *actionSet) add(name string) {
	lower := strings.ToLower(name)
	if _, ok := s.display[lower]; ok {
		return
	}
	if s.display == nil {
		s.display = map[string]string{}
	}
	s.display[lower] = name
	s.names = append(s.names, lower)
}

// sorted returns the set with its names sorted.
func (s *actionSet) sorted() *actionSet {
	slices.Sort(s.names)
	return s
}

// service returns the names of the set's actions of one service (lower
// case): a run of the sorted names.
func (s *actionSet) service(prefix string) []string {
	lo := sort.SearchStrings(s.names, prefix+":")
	hi := sort.SearchStrings(s.names, prefix+";") // ';' follows ':'
	return s.names[lo:hi]
}

// expandAction returns the catalog's actions a listed action pattern
// covers. A pattern that covers none is an error with the nearest action:
// quantifying over nothing would make every check PASS.
func expandAction(cat *catalog.Catalog, pattern string) ([]string, error) {
	if _, _, ok := catalog.SplitAction(pattern); !ok && pattern != "*" {
		return nil, fmt.Errorf("--action %q: an action is service:Name, with * and ? as wildcards", pattern)
	}
	matched := cat.MatchActions(pattern)
	if len(matched) == 0 {
		msg := fmt.Sprintf("--action %q: no action of the service catalog matches it", pattern)
		if near, ok := cat.SuggestAction(pattern); ok {
			msg += fmt.Sprintf("; did you mean %s?", near)
		}
		return nil, fmt.Errorf("%s", msg)
	}
	out := make([]string, len(matched))
	for i, a := range matched {
		out[i] = a.FullName()
	}
	return out, nil
}

// literalActions returns the actions the Allow statements of doc name
// without a wildcard: they are in the universe even when the catalog
// lacks them (an action newer than iamsim's catalog is still granted).
func literalActions(doc *policy.Document) []string {
	var out []string
	for _, st := range doc.Statements {
		if st.Effect != policy.Allow || st.Action == nil || st.Action.Not {
			continue
		}
		for _, a := range st.Action.Items {
			if _, _, ok := catalog.SplitAction(a.Text); ok && !wildcard.HasWildcard(a.Text) {
				out = append(out, a.Text)
			}
		}
	}
	return out
}

// actionMatcher is a statement's Action or NotAction, compiled: which
// actions it covers.
type actionMatcher struct {
	not      bool
	patterns []*wildcard.Pattern // lower case
	all      bool                // no Action element: every action (cannot happen in a parsed policy)
	// services are the services of an Action whose every entry names its
	// service without a wildcard, sorted; nil otherwise.
	services []string
}

// newActionMatcher compiles a statement's Action or NotAction.
func newActionMatcher(l *policy.List) actionMatcher {
	if l == nil {
		return actionMatcher{all: true}
	}
	m := actionMatcher{not: l.Not}
	literal := !l.Not
	for _, a := range l.Items {
		lower := strings.ToLower(a.Text)
		m.patterns = append(m.patterns, wildcard.Compile(lower))
		svc, _, ok := strings.Cut(lower, ":")
		if literal = literal && ok && !wildcard.HasWildcard(svc); literal && !slices.Contains(m.services, svc) {
			m.services = append(m.services, svc)
		}
	}
	if !literal {
		m.services = nil
	}
	slices.Sort(m.services)
	return m
}

// among returns the actions of set the matcher may cover: those of its
// services when it names them, else all.
func (m actionMatcher) among(set *actionSet) []string {
	if m.services == nil {
		return set.names
	}
	var out []string
	for _, svc := range m.services {
		out = append(out, set.service(svc)...)
	}
	return out
}

// covers reports whether the statement applies to the action (lower
// case): for Action, one entry matches it; for NotAction, none does.
func (m actionMatcher) covers(lower string) bool {
	if m.all {
		return true
	}
	for _, p := range m.patterns {
		if p.Match(lower) {
			return !m.not
		}
	}
	return m.not
}
