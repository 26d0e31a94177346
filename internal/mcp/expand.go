package mcp

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/api"
)

// ExpandInput is the argument of the expand tool.
type ExpandInput struct {
	Pattern string `json:"pattern" jsonschema:"an action pattern, service:Name with * and ? as wildcards, such as s3:Get*"`
}

// ExpandOutput lists the actions a pattern matches.
type ExpandOutput struct {
	Actions []api.ExpandedAction `json:"actions"`
}

// expandTool expands in.Pattern (api.Expand); the text content lists
// the actions, one a line, with their access levels. A pattern that
// matches no action is a tool error naming the nearest action, as it is
// an error of iamsim expand.
func expandTool(_ api.Engine, in ExpandInput) (ExpandOutput, string, error) {
	out := ExpandOutput{Actions: []api.ExpandedAction{}}
	if in.Pattern == "" {
		return out, "", fmt.Errorf("pattern: give an action pattern, such as s3:Get*")
	}
	x, err := api.Expand(in.Pattern)
	if err != nil {
		return out, "", err
	}
	if len(x.Actions) == 0 {
		hint := ""
		if x.Suggestion != "" {
			hint = fmt.Sprintf("; did you mean %s?", x.Suggestion)
		}
		return out, "", fmt.Errorf("pattern %s matches no action in the catalog%s", in.Pattern, hint)
	}
	out.Actions = x.Actions
	var text strings.Builder
	for _, a := range x.Actions {
		fmt.Fprintf(&text, "%s\t%s\n", a.Action, strings.Join(a.AccessLevels, ", "))
	}
	return out, text.String(), nil
}
