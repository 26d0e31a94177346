package diffcorpus

import (
	"slices"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/scenario"
	"github.com/iamsim/iamsim/policy"
)

// The oracle of a scenario case decides every request of its universe
// by the evaluator's decision on each whole scenario, as iamsim diff
// compares scenarios (docs/diff.md, "Scenarios and account exports").

// readScenarios loads the two scenario files of a case.
func readScenarios(t *testing.T, c Case) (old, new *scenario.Scenario) {
	t.Helper()
	var out [2]*scenario.Scenario
	for i, p := range []string{c.Old, c.New} {
		s, err := scenario.Loader{}.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = s
	}
	return out[0], out[1]
}

// scenarioDocs lists the documents of a scenario's layers.
func scenarioDocs(p evaluator.Policies) []*policy.Document {
	docs := slices.Clone(p.Identity)
	for _, d := range []*policy.Document{p.Resource, p.Boundary, p.Session, p.Endpoint} {
		if d != nil {
			docs = append(docs, d)
		}
	}
	for _, chain := range [][][]*policy.Document{p.SCPs, p.RCPs} {
		for _, level := range chain {
			docs = append(docs, level...)
		}
	}
	return docs
}

// scenarioSpace derives the universe of two scenarios from all their
// policies: as a resource policy's when either has one, else as identity
// policies', with a role session of the home account when either has a
// session policy. Root users are left out, as iamsim diff leaves them out
// of scenarios: AWS lets them do what no policy denies.
func scenarioSpace(t *testing.T, cat *catalog.Catalog, c Case, old, new *scenario.Scenario) *requestSpace {
	t.Helper()
	kind := policy.Identity
	session := false
	for _, s := range []*scenario.Scenario{old, new} {
		if s.Policies.Resource != nil {
			kind = s.Policies.Resource.Kind
		}
		session = session || s.Policies.Session != nil
	}
	space, err := deriveSpace(cat, kind, c.Expect.Universe, append(scenarioDocs(old.Policies), scenarioDocs(new.Policies)...)...)
	if err != nil {
		t.Fatal(err)
	}
	space.principals = slices.DeleteFunc(space.principals, func(p string) bool { return strings.HasSuffix(p, ":root") })
	if session {
		space.principals = append(space.principals, "arn:aws:sts::"+home+":assumed-role/app/alice")
	}
	return space
}

// enumerateScenarios decides every request of the space with both whole
// scenarios.
func enumerateScenarios(t *testing.T, old, new *scenario.Scenario, s *requestSpace) *findings {
	t.Helper()
	var sets [2]*evaluator.PolicySet
	for i, sc := range []*scenario.Scenario{old, new} {
		set, err := evaluator.Compile(sc.Policies, sc.Organization)
		if err != nil {
			t.Fatal(err)
		}
		sets[i] = set
	}
	return decideAll(t, s, [][2]*evaluator.PolicySet{sets})
}
