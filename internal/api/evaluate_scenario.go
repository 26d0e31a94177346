package api

import (
	"fmt"
	"slices"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/internal/scenario"
)

// scenarioCases builds the requests of opts.Scenario, decided by its
// policies, with Now applied to each request's context.
func (e Engine) scenarioCases(opts EvalOptions) ([]evalCase, error) {
	s, set, err := e.scenario(opts)
	if err != nil {
		return nil, err
	}
	policyWarnings := reqcheck.New(true).PolicyActions(reqcheck.Documents(s.Policies)...)
	notes := placeholderNotes(s.Policies)
	var cases []evalCase
	for _, c := range s.Requests {
		req := c.Request
		if opts.Now != "" {
			ctx := evaluator.Context{}
			for k, v := range req.Context {
				ctx[k] = v
			}
			if err := applyNow(ctx, opts.Now, opts.Clock); err != nil {
				return nil, fmt.Errorf("%s: %w", c.Pos, err)
			}
			req.Context = ctx
		}
		cases = append(cases, evalCase{set: set, notes: notes, Case: Case{Name: c.Name, Request: req, Expect: c.Expect,
			Warnings: append(slices.Clip(policyWarnings), c.Warnings...)}})
	}
	return cases, prepareCases(cases)
}

// scenario reads opts.Scenario and compiles its policies.
func (e Engine) scenario(opts EvalOptions) (*scenario.Scenario, *evaluator.PolicySet, error) {
	s, err := scenario.Loader{Limits: e.Limits, AllowUnknownActions: opts.AllowUnknownActions, Code: e.codeReader()}.Load(opts.Scenario)
	if err != nil {
		return nil, nil, InputProblems(err)
	}
	set, err := evaluator.Compile(s.Policies, s.Organization)
	if err != nil {
		return nil, nil, err
	}
	return s, set, nil
}
