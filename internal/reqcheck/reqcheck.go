// Package reqcheck checks the action and context keys of a request against
// the embedded service catalog before it is decided, so that a typo is
// reported instead of quietly deciding implicitDeny. Every command that
// decides requests (eval, test, simulate-*, who-can, batch) asks it; can
// takes no action, and its --service is checked by the account package,
// but its context keys are checked here, against any service.
//
// An action the catalog does not know is an error, unless unknown actions
// are allowed (--allow-unknown-actions, a scenario's allowUnknownActions),
// for services newer than the catalog: then it is a warning. A context key
// that is neither a known global key, a key of the action's service, a
// tag-key template match nor a key a supplied policy uses is a warning,
// and so is a resource that is none the action acts on (Resource).
// The policies are checked too (PolicyActions): a statement's action the
// catalog does not know is always a warning, as it matches no request.
package reqcheck

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/textdist"
	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// AllowFlag names the command-line flag that turns unknown actions into
// warnings.
const AllowFlag = "--allow-unknown-actions"

// Checker checks requests. The zero value is not ready: use New.
type Checker struct {
	// AllowUnknownActions makes an unknown action a warning.
	AllowUnknownActions bool
	// Hint says how to allow unknown actions, in an UnknownActionError
	// without a suggestion; New sets it to name AllowFlag.
	Hint string
	cat  *catalog.Catalog
	keys map[string]string // the keys the policies use: evaluator.CanonicalKey to as written
	// formats are the compiled ARN formats of the catalog (Resource),
	// shared by the checkers Extend makes.
	formats *sync.Map
}

// New returns a checker that knows the condition keys of the given
// policies' documents.
func New(allowUnknown bool, docs ...*policy.Document) *Checker {
	c := &Checker{AllowUnknownActions: allowUnknown, cat: catalog.Default(), keys: map[string]string{}, formats: &sync.Map{},
		Hint: AllowFlag + " decides it anyway, for a service newer than iamsim's catalog"}
	c.AddDocuments(docs...)
	return c
}

// AddDocuments records the condition keys the documents use: a context
// key a policy reads is never reported.
func (c *Checker) AddDocuments(docs ...*policy.Document) {
	for _, d := range docs {
		if d == nil {
			continue
		}
		for _, st := range d.Statements {
			for _, cond := range st.Conditions {
				lk := evaluator.CanonicalKey(cond.Key.Text)
				if _, ok := c.keys[lk]; !ok {
					c.keys[lk] = cond.Key.Text
				}
			}
		}
	}
}

// Extend returns a checker that knows c's keys and those the documents
// use, for the requests those documents decide; c is not changed.
func (c *Checker) Extend(docs ...*policy.Document) *Checker {
	n := *c
	n.keys = maps.Clone(c.keys)
	n.AddDocuments(docs...)
	return &n
}

// AddPolicies records the condition keys of every document of p.
func (c *Checker) AddPolicies(p evaluator.Policies) {
	c.AddDocuments(Documents(p)...)
}

// Documents lists every document of p, nil ones left out.
func Documents(p evaluator.Policies) []*policy.Document {
	docs := append([]*policy.Document{p.Resource, p.Boundary, p.Session, p.Endpoint}, p.Identity...)
	for _, chain := range [][][]*policy.Document{p.SCPs, p.RCPs} {
		for _, level := range chain {
			docs = append(docs, level...)
		}
	}
	return docs
}

// UnknownActionError is an action that is not in the catalog.
type UnknownActionError struct {
	Action     string
	Service    string // the service prefix, when no service has it
	Suggestion string // the nearest documented action, or ""
	Hint       string // how to allow it, said when there is no suggestion
}

// Error names the action, the unknown service prefix if that is what is
// wrong, and the suggestion or else the hint.
func (e *UnknownActionError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "unknown action %q", e.Action)
	if e.Service != "" {
		fmt.Fprintf(&b, ": no service has the prefix %q", e.Service)
	}
	if e.Suggestion != "" {
		fmt.Fprintf(&b, " (did you mean %q?)", e.Suggestion)
	} else if e.Hint != "" {
		b.WriteString("; " + e.Hint)
	}
	return b.String()
}

// Action checks a request's action. An action with a wildcard is always
// an error: a request names one action (iamsim expand lists what a
// pattern matches). An action the catalog does not know is an
// *UnknownActionError, or with AllowUnknownActions a warning.
func (c *Checker) Action(action string) (warning string, err error) {
	if wildcard.HasWildcard(action) {
		return "", fmt.Errorf("action %q has a wildcard: a request names one action (iamsim expand %q lists those it matches)", action, action)
	}
	if _, ok := c.cat.Action(action); ok {
		return "", nil
	}
	svc, _, ok := strings.Cut(action, ":")
	if !ok {
		return "", nil // the evaluator reports the form
	}
	e := &UnknownActionError{Action: action, Hint: c.Hint}
	if _, known := c.cat.Service(svc); !known {
		e.Service = svc
	}
	if s, ok := c.cat.SuggestAction(action); ok {
		e.Suggestion = s
	}
	if !c.AllowUnknownActions {
		return "", e
	}
	w := fmt.Sprintf("action %q is not in iamsim's service catalog", action)
	if e.Suggestion != "" {
		w += fmt.Sprintf(" (did you mean %q?)", e.Suggestion)
	}
	return w + "; decided as given, since unknown actions are allowed", nil
}

// ContextKey checks a context key given for a request of action, and
// returns a warning when no policy condition on the request can read it:
// it is not a global key, a key of the action's service (templates such
// as s3:ExistingObjectTag/<key> included), nor a key a supplied policy
// uses. Keys of identity providers (a prefix with a dot or a slash) and
// of prefixes the catalog files under a service (saml) are not checked,
// nor keys of a service the catalog does not know. An empty action stands
// for any action (can decides the actions of every service): a key of any
// service is then known.
func (c *Checker) ContextKey(action, key string) string {
	lk := evaluator.CanonicalKey(key)
	if _, ok := c.keys[lk]; ok {
		return ""
	}
	prefix, _, ok := strings.Cut(lk, ":")
	if !ok {
		hint := c.didYouMean(key)
		if k, ok := c.cat.ConditionKey("aws:" + key); ok && k.Global {
			hint = fmt.Sprintf(" (did you mean %q?)", k.Name)
		}
		return fmt.Sprintf("context key %q has no service prefix (aws:, s3:, ...), and no supplied policy uses it%s", key, hint)
	}
	svc, _, _ := strings.Cut(strings.ToLower(action), ":")
	_, knownSvc := c.cat.Service(prefix)
	if prefix != "aws" && !knownSvc {
		if strings.ContainsAny(prefix, "./") || len(c.cat.KeyServices(prefix)) > 0 {
			return ""
		}
	}
	if _, actionKnown := c.cat.Service(svc); prefix == svc && !actionKnown {
		return "" // a service newer than the catalog
	}
	k, known := c.cat.ConditionKey(key)
	switch {
	case known && (prefix == "aws" || prefix == svc || action == ""):
		return ""
	case known:
		owner, _, _ := strings.Cut(k.Name, ":")
		return fmt.Sprintf("context key %q is a key of %s, not of %s, and no supplied policy uses it", key, owner, svc)
	case prefix == "aws":
		return fmt.Sprintf("unknown context key %q: not a global condition key, and no supplied policy uses it%s", key, c.didYouMean(key))
	case !knownSvc:
		return fmt.Sprintf("unknown context key %q: no service has the prefix %q, and no supplied policy uses it%s", key, prefix, c.didYouMean(key))
	default:
		return fmt.Sprintf("unknown context key %q: not a key of %s, and no supplied policy uses it%s", key, prefix, c.didYouMean(key))
	}
}

// didYouMean suggests a key a policy uses, or else a documented key.
func (c *Checker) didYouMean(key string) string {
	lk := evaluator.CanonicalKey(key)
	// The first of equals is the first as written, in lexical order.
	written := slices.Sorted(maps.Values(c.keys))
	canonical := make([]string, len(written))
	for i, w := range written {
		canonical[i] = evaluator.CanonicalKey(w)
	}
	best := ""
	if i := textdist.NearestWithin(lk, canonical, 2+len(lk)/6+1); i >= 0 {
		best = written[i]
	}
	if best == "" {
		best, _ = c.cat.SuggestConditionKey(key)
	}
	if best == "" || strings.EqualFold(best, key) {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func sortedKeys(ctx evaluator.Context) []string {
	keys := make([]string, 0, len(ctx))
	for k := range ctx {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Context checks every key of ctx for a request of action, in sorted
// order.
func (c *Checker) Context(action string, ctx evaluator.Context) []string {
	var out []string
	for _, k := range sortedKeys(ctx) {
		if w := c.ContextKey(action, k); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// PolicyActions checks the Action and NotAction entries of the documents
// against the catalog (catalog.CheckEntry, as lint's action-unknown and
// action-unknown-service do) and returns a warning, positioned
// file:line:col, for each entry that names no action the catalog knows:
// a misspelt action, an unknown service prefix, or a pattern that
// matches nothing. Such an entry matches no request, so a Deny written
// with it denies nothing. Entries are reported once each, in the order of
// the documents. It is a warning whether or not unknown actions are
// allowed: a policy may be right for a service newer than the catalog.
func (c *Checker) PolicyActions(docs ...*policy.Document) []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range docs {
		if d == nil {
			continue
		}
		for _, st := range d.Statements {
			if st.Action == nil {
				continue
			}
			for _, item := range st.Action.Items {
				p := c.cat.CheckEntry(item.Text)
				if p == nil {
					continue
				}
				rule := "action-unknown"
				if p.UnknownService {
					rule = "action-unknown-service"
				}
				what := "the statement matches no request for it"
				if st.Action.Not {
					what = "the NotAction exempts no request for it"
				}
				w := fmt.Sprintf("%s (%s; lint rule %s)", p, what, rule)
				if item.Pos.IsValid() {
					w = item.Pos.String() + ": " + w
				}
				if !seen[w] {
					seen[w] = true
					out = append(out, w)
				}
			}
		}
	}
	return out
}

// Resource checks a request's resource against the resource types the
// catalog gives the action, and returns a warning when AWS would never
// authorize the request as written: the resource matches none of the
// action's resource types' ARN formats (s3:GetObject on a bucket ARN), it
// is "*" for an action that acts on resources, or it is an ARN for an
// action that acts on none and is authorized against "*"
// (s3:ListAllMyBuckets). An action with a single optional resource type
// (cloudwatch:GetMetricData) takes either. A request's resource has no
// wildcards: each character stands for itself. Unknown actions, an empty
// resource and a resource type without an ARN format are not checked.
func (c *Checker) Resource(action, resource string) string {
	a, ok := c.cat.Action(action)
	if !ok || resource == "" {
		return ""
	}
	types := len(a.Resources) > 0
	for _, sc := range a.Scenarios {
		types = types || len(sc.Resources) > 0
	}
	switch {
	case !types && resource == "*":
		return ""
	case !types:
		return fmt.Sprintf("resource %q is not a resource %s acts on (it acts on no resource type: AWS authorizes it against \"*\"); AWS never authorizes this request as written", resource, a.FullName())
	case resource == "*":
		if len(a.Resources) == 1 && !a.Resources[0].Required {
			return "" // most such requests have no resource
		}
		return fmt.Sprintf("resource \"*\" is not a resource %s acts on (%s); AWS never authorizes this request as written", a.FullName(), a.ResourceTypeARNs())
	}
	p := catalog.LiteralARN(resource)
	if a.ActsOn(func(format string) bool { return p.Fits(c.format(format)) }) {
		return ""
	}
	return fmt.Sprintf("resource %q is not a resource %s acts on (%s); AWS never authorizes this request as written", resource, a.FullName(), a.ResourceTypeARNs())
}

// format compiles an ARN format of the catalog, remembered.
func (c *Checker) format(f string) catalog.ARNFormat {
	if v, ok := c.formats.Load(f); ok {
		return v.(catalog.ARNFormat)
	}
	v := c.cat.CompileARNFormat(f)
	c.formats.Store(f, v)
	return v
}
