package api

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
)

// ExpandedAction is one action of the embedded service catalog that an
// Action pattern covers.
type ExpandedAction struct {
	Action       string   `json:"action"` // service:Name, as the catalog spells it
	AccessLevels []string `json:"accessLevels"`
}

// Expansion is what an Action pattern covers.
type Expansion struct {
	// Actions are the actions the pattern matches, as IAM matches it:
	// case-insensitive, * for any run of characters and ? for one.
	Actions []ExpandedAction
	// Suggestion is, when the pattern matches no action, the catalog's
	// action nearest to it; "" when none is near.
	Suggestion string
}

// Expand lists the actions of the embedded service catalog that an
// Action pattern (service:Name, or *) covers. The error is a pattern of
// another shape.
func Expand(pattern string) (*Expansion, error) {
	cat, err := catalog.Load()
	if err != nil {
		return nil, err
	}
	if !strings.Contains(pattern, ":") && pattern != "*" {
		return nil, fmt.Errorf("pattern %q: an action pattern is service:Name, with * and ? as wildcards", pattern)
	}
	actions := cat.MatchActions(pattern)
	out := &Expansion{Actions: make([]ExpandedAction, 0, len(actions))}
	for _, a := range actions {
		out.Actions = append(out.Actions, ExpandedAction{Action: a.FullName(), AccessLevels: a.AccessLevels})
	}
	if len(actions) == 0 {
		out.Suggestion, _ = cat.SuggestAction(pattern)
	}
	return out, nil
}
