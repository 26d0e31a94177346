package cli

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/policy"
)

// The words of diff's findings: what change is responsible for each and
// where the formats that annotate files (SARIF, GitHub, Markdown) put it
// (docs/diff.md, "Where a finding stands").

// causeName names a finding's cause after its position: `statement
// "ReadReports"`; for a cause on the other side "OLD's Deny statement
// "KeepBuckets", which no longer applies"; for a policy the allowing
// side lacks "the permissions boundary NEW removed" (a narrowing:
// "NEW added").
func causeName(c api.DiffCause, narrowing bool) string {
	if !c.Other {
		return statementName(c.Statement)
	}
	layer := layerName(c.Statement)
	if c.Removed {
		verb := "removed"
		if narrowing {
			verb = "added"
		}
		if c.Statement.Index < 0 {
			return fmt.Sprintf("the %s NEW %s", layer, verb)
		}
		return fmt.Sprintf("%s of the %s NEW %s", statementName(c.Statement), layer, verb)
	}
	if narrowing {
		return fmt.Sprintf("NEW's Deny %s in the %s", statementName(c.Statement), layer)
	}
	return fmt.Sprintf("OLD's Deny %s in the %s, which no longer applies", statementName(c.Statement), layer)
}

// layerName names the layer of a statement: "permissions boundary",
// "SCPs of level 2".
func layerName(s evaluator.StatementRef) string {
	switch s.Layer {
	case evaluator.LayerSCP, evaluator.LayerRCP:
		return fmt.Sprintf("%ss of level %d", s.Layer.Noun(), s.Level)
	}
	return s.Layer.Noun()
}

// causesText writes every cause of a finding with its position, the
// grant a limit lets through last: `the permissions boundary NEW removed
// (at old.json:60:13); granted by new.json:4:5 statement 0`.
func causesText(f api.DiffFinding, narrowing bool) string {
	return causeAt(f.Cause, narrowing) + moreCauses(f, narrowing)
}

// causeAt writes one cause with its position.
func causeAt(c api.DiffCause, narrowing bool) string {
	if !c.Other {
		return c.Statement.Where() + " " + causeName(c, narrowing)
	}
	return causeName(c, narrowing) + " (at " + c.Statement.Where() + ")"
}

// principalNames lists the users and roles of an export pair:
// "user alice, user bob"; "" for other pairs.
func principalNames(p api.DiffPair) []string {
	out := make([]string, len(p.Principals))
	for i, x := range p.Principals {
		out[i] = x.Name
	}
	return out
}

// subjectPrefix starts a message about a pair's finding with whose
// access it is: "user alice, user bob: "; "" for other pairs.
func subjectPrefix(p api.DiffPair) string {
	if len(p.Principals) == 0 {
		return ""
	}
	return strings.Join(principalNames(p), ", ") + ": "
}

// place is where a format that annotates files puts a finding: a file
// and a span in it.
type place struct {
	start, end policy.Pos // end exclusive; invalid for one character
}

// findingPlace is where a finding stands, in NEW where NEW has a place
// for it: the statement responsible when it stands on the allowing side
// (NEW for a widening) or, for a narrowing, on NEW's side. A widening
// whose cause stands in OLD (a Deny that no longer applies, a limit
// removed) stands where NEW declares the principal, for an export; else
// at NEW's statement that grants it; else, NEW having nothing better,
// at the cause in OLD. The message names the cause and its place.
func findingPlace(p api.DiffPair, f api.DiffFinding, narrowing bool) place {
	switch {
	case !f.Other || narrowing:
		return statementPlace(f.Statement)
	case len(p.Principals) > 0:
		return principalPlace(p.Principals[0])
	case f.Grant != nil:
		return statementPlace(*f.Grant)
	}
	return statementPlace(f.Statement)
}

// principalPlace is the span of the quoted name with which an export
// declares a principal.
func principalPlace(x api.DiffPrincipal) place {
	_, name, _ := strings.Cut(x.Name, " ")
	end := x.Pos
	end.Col += utf8.RuneCountInString(name) + 2
	return place{start: x.Pos, end: end}
}

// statementPlace is the span of a statement; a policy's (Index -1) is
// its first character.
func statementPlace(s evaluator.StatementRef) place {
	if s.Index < 0 {
		return place{start: s.Pos}
	}
	return place{start: s.Pos, end: s.EndAfter()}
}

// sarifMessage writes a widening for a SARIF result, naming the
// principals, the cause, the action and the witness: "user erin: the
// permissions boundary NEW removed (at old.json:60:13) newly allows
// support:DescribeCases (Read): request ...; granted by ...".
func sarifMessage(p api.DiffPair, f api.DiffFinding) string {
	return fmt.Sprintf("%s%s newly allows %s (%s): request %s%s", subjectPrefix(p), causeAt(f.Cause, false), f.Witness.Action, levelsText(f.AccessLevels), witnessText(f), moreCauses(f, false))
}

// annotationMessage writes a finding for an annotation at its place,
// naming the principals, the action, the witness and the causes the
// place does not show: "user erin: support:DescribeCases (Read) is newly
// allowed: ...; cause: the permissions boundary NEW removed (at ...);
// granted by ...".
func annotationMessage(p api.DiffPair, f api.DiffFinding, narrowing bool) string {
	verb := "newly allowed"
	if narrowing {
		verb = "no longer allowed"
	}
	msg := fmt.Sprintf("%s%s (%s) is %s: %s", subjectPrefix(p), f.Witness.Action, levelsText(f.AccessLevels), verb, witnessText(f))
	if f.Other {
		return msg + "; cause: " + causesText(f, narrowing)
	}
	return msg + moreCauses(f, narrowing)
}

// moreCauses writes the causes after the first, and the grant: "; also
// ...; granted by ...", or "".
func moreCauses(f api.DiffFinding, narrowing bool) string {
	var b strings.Builder
	for _, c := range f.Also {
		b.WriteString("; also " + causeAt(c, narrowing))
	}
	if f.Grant != nil {
		b.WriteString("; granted by " + f.Grant.Where() + " " + statementName(*f.Grant))
	}
	return b.String()
}
