package catalog

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/textdist"
	"github.com/iamsim/iamsim/internal/wildcard"
)

// EntryProblem is what the catalog finds wrong with one Action or
// NotAction entry of a policy: it names no action the catalog knows, so
// it matches no request. The lint rules action-unknown and
// action-unknown-service report it, and so do the commands that decide
// requests, as a warning on the policies they load.
type EntryProblem struct {
	Entry   string // as written
	Service string // the service prefix, as written
	Name    string // the action name (or pattern), as written
	// UnknownService is set when no service has the prefix.
	UnknownService bool
	// Pattern is set when the name has a wildcard that matches no action
	// of the service.
	Pattern bool
	// Suggestion is the nearest documented action (or, for a pattern of
	// an unknown service, the pattern with the nearest prefix), or "".
	Suggestion string
}

// String says what is wrong, with "did you mean" when there is a
// suggestion: `unknown action "s3:GetObjekt"; did you mean "s3:GetObject"?`.
func (p *EntryProblem) String() string {
	var msg string
	switch {
	case p.UnknownService:
		msg = fmt.Sprintf("unknown service prefix %q in action %q", p.Service, p.Entry)
	case p.Pattern:
		return fmt.Sprintf("action pattern %q matches no %s action", p.Entry, strings.ToLower(p.Service))
	case p.Suggestion == "":
		return fmt.Sprintf("unknown action %q: %s has no action %q", p.Entry, strings.ToLower(p.Service), p.Name)
	default:
		msg = fmt.Sprintf("unknown action %q", p.Entry)
	}
	if p.Suggestion != "" {
		msg += fmt.Sprintf("; did you mean %q?", p.Suggestion)
	}
	return msg
}

// CheckEntry checks an Action or NotAction entry of a policy, and returns
// nil when it matches an action of the catalog, or when the catalog cannot
// tell: "*", a wildcard in the service prefix, or an entry that is not of
// the form service:name (the policy parser reports those).
func (c *Catalog) CheckEntry(entry string) *EntryProblem {
	service, name, ok := SplitAction(entry)
	if !ok || wildcard.HasWildcard(service) {
		return nil
	}
	p := &EntryProblem{Entry: entry, Service: service, Name: name, Pattern: wildcard.HasWildcard(name)}
	if _, known := c.Service(service); known {
		if len(c.MatchActions(entry)) > 0 {
			return nil
		}
		if !p.Pattern {
			p.Suggestion, _ = c.SuggestAction(entry)
		}
		return p
	}
	p.UnknownService, p.Pattern = true, false
	if !wildcard.HasWildcard(name) {
		p.Suggestion, _ = c.SuggestAction(entry)
	}
	if p.Suggestion == "" {
		if near := c.SuggestPrefix(service); near != "" {
			p.Suggestion = near + ":" + name
		}
	}
	return p
}

// SplitAction splits a well-formed Action entry into its service prefix
// and action name: the prefix of letters, digits, hyphens and wildcards,
// the name non-empty, one colon and no white space.
func SplitAction(a string) (service, name string, ok bool) {
	service, name, ok = strings.Cut(a, ":")
	if !ok || service == "" || name == "" || strings.Contains(name, ":") || strings.ContainsAny(a, " \t\r\n") {
		return "", "", false
	}
	for _, r := range service {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '*' || r == '?') {
			return "", "", false
		}
	}
	return service, name, true
}

// SuggestPrefix returns the service prefix closest to an unknown one, or
// "" when none is close: at most one edit away, plus one per four
// characters.
func (c *Catalog) SuggestPrefix(prefix string) string {
	lp := strings.ToLower(prefix)
	prefixes := make([]string, len(c.services))
	for i, s := range c.services {
		prefixes[i] = strings.ToLower(s.Prefix)
	}
	if i := textdist.NearestWithin(lp, prefixes, 1+len(lp)/4+1); i >= 0 {
		return c.services[i].Prefix
	}
	return ""
}

// SpellAction returns an Action entry in the catalog's spelling: a known
// action as the catalog writes it ("s3:getobject" becomes s3:GetObject),
// and a pattern or unknown action of a known service with the service's
// prefix as the catalog writes it ("S3:Get*" becomes s3:Get*). Anything
// else, "*" included, is returned unchanged. Action names ignore case
// (reference_policies_elements_action.md), so the spelling never changes
// what an entry matches. It fits policy.WriteOptions.SpellAction.
func (c *Catalog) SpellAction(entry string) string {
	if a, ok := c.Action(entry); ok {
		return a.FullName()
	}
	service, name, ok := SplitAction(entry)
	if !ok {
		return entry
	}
	if s, ok := c.Service(service); ok {
		return s.Prefix + ":" + name
	}
	return entry
}
