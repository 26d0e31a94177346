package api

import (
	"fmt"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/reqcheck"
)

// WhoCanOptions ask which principals may perform an action on a
// resource.
type WhoCanOptions struct {
	// Action is the action, service:Name.
	Action string
	// Resource is the resource ARN, or * for actions on no resource.
	Resource string
	// ResourceAccount owns the resource; by default the ARN's account,
	// else the resource-policy manifest's.
	ResourceAccount string
	// Context is the request context of every evaluation.
	Context evaluator.Context
	// AllowUnknownActions makes an action the catalog does not know a
	// warning (a note of the answer) instead of an error.
	AllowUnknownActions bool
	// Progress, when set, is called after each principal is checked.
	Progress func(done, total int)
}

// WhoCanAnswer lists who may perform an action on a resource, with what
// the answer rests on.
type WhoCanAnswer struct {
	account.WhoCanAnswer
	Basis Basis
}

// Access is a principal that may perform the action: a user or role, an
// account (its root user) or any principal.
type Access = account.Access

// WhoCan answers which users and roles of the accounts src names, and
// which principals of other accounts the resource policy lets in, may
// perform an action on a resource (`iamsim who-can`). The action is
// checked against the catalog before any file is read; its warnings, and
// those on the resource and the context keys, join the answer's notes.
func (e Engine) WhoCan(src AccountSources, opts WhoCanOptions) (*WhoCanAnswer, error) {
	chk := reqcheck.New(opts.AllowUnknownActions)
	var warnings []string
	w, err := chk.Action(opts.Action)
	if err != nil {
		return nil, fmt.Errorf("--action: %w", err)
	}
	if w != "" {
		warnings = append(warnings, w)
	}
	if w := chk.Resource(opts.Action, opts.Resource); w != "" {
		warnings = append(warnings, w)
	}
	data, err := e.accountData(src)
	if err != nil {
		return nil, err
	}
	ans, err := data.WhoCan(account.WhoCanQuery{Action: opts.Action, Resource: opts.Resource, ResourceAccount: opts.ResourceAccount,
		Context: opts.Context, Progress: opts.Progress})
	if err != nil {
		return nil, err
	}
	ans.Notes = append(ans.Notes, warningNotes(warnings)...)
	ans.Notes = append(ans.Notes, contextWarnings(data, opts.Action, opts.Context)...)
	return &WhoCanAnswer{WhoCanAnswer: *ans, Basis: basisOf(data)}, nil
}
