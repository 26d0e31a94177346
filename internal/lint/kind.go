package lint

import (
	"slices"

	"github.com/iamsim/iamsim/policy"
)

// Guess says how the kind of a document linted without --type was chosen,
// and whether the choice matters.
type Guess struct {
	Kind policy.Kind
	// Reason is what the detection saw, as in "a Principal, and only
	// sts:AssumeRole* actions".
	Reason string
	// Differ lists the kinds that look the same to the detection (with a
	// Principal: resource, trust, rcp, endpoint; without: identity,
	// boundary, session, scp) for which the findings differ. Empty means
	// the guess changed nothing.
	Differ []policy.Kind
}

// LintDetected detects the kind of a document (policy.DetectKind) and
// lints it as that kind. It also lints it as each kind the detection
// cannot tell apart from the one it chose, and reports in the Guess those
// that give other findings, so that a reader knows when --type would
// change the answer.
func (l *Linter) LintDetected(name string, src []byte) ([]Finding, Guess) {
	kind := policy.DetectKind(src)
	findings := l.Lint(name, src, kind)
	g := Guess{Kind: kind, Reason: "no Principal"}
	switch kind {
	case policy.Trust:
		g.Reason = "a Principal, and only sts:AssumeRole* and session actions"
	case policy.Resource:
		g.Reason = "a Principal"
	}
	want := findingKeys(findings)
	for _, other := range policy.Kinds() {
		if other == kind || other.HasPrincipal() != kind.HasPrincipal() {
			continue
		}
		if !slices.Equal(want, findingKeys(l.Lint(name, src, other))) {
			g.Differ = append(g.Differ, other)
		}
	}
	return findings, g
}

// findingKeys identifies findings by rule, level, position and message,
// in order.
func findingKeys(fs []Finding) []string {
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.Rule.ID + " " + f.Level.String() + " " + f.Pos.String() + " " + f.Message
	}
	return keys
}
