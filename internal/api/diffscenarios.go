package api

import (
	"fmt"

	"github.com/iamsim/iamsim/internal/diff"
	"github.com/iamsim/iamsim/internal/scenario"
)

// scenarioSubject is the subject of a scenario comparison's one pair.
const scenarioSubject = "the scenario's policies together"

// diffScenarios compares two scenarios as a whole with
// diff.CompareScenarios (docs/diff.md, "Scenarios"): a widening is a
// request the evaluator allows with NEW's policies together, every layer
// and its organization, and does not with OLD's. A layer one side lacks
// limits nothing there, or grants nothing, as AWS has it
// (reference_policies_evaluation-logic.html).
func (e Engine) diffScenarios(old, new diffInput, opts DiffOptions) ([]DiffPair, error) {
	ld := scenario.Loader{Limits: e.Limits}
	var sides [2]diff.Scenario
	for i, in := range []diffInput{old, new} {
		s, err := ld.Parse(in.name, in.src)
		if err != nil {
			return nil, InputProblems(firstProblem(err))
		}
		sides[i] = diff.Scenario{Policies: s.Policies, Organization: s.Organization}
	}
	res, err := diff.CompareScenarios(sides[0], sides[1], diff.Options{Narrowings: opts.Narrowings})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", scenarioSubject, err)
	}
	return []DiffPair{{Old: old.name, New: new.name, Subject: scenarioSubject, Kind: res.Kind, DiffResult: res}}, nil
}
