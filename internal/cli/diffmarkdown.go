package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/ghformat"
)

// writeDiffMarkdown writes a comparison as a pull-request comment: a
// title with the counts, then per pair a table of the widenings (the
// statement responsible, the action, its access levels and the witness
// request), the possible widenings, and with narrowings their table.
func writeDiffMarkdown(w io.Writer, r *api.DiffReport, narrowings bool) {
	fmt.Fprintf(w, "### iamsim diff: %d %s, %d possible %s\n", r.Widenings(), plural(r.Widenings(), "widening"), r.PossibleWidenings(), plural(r.PossibleWidenings(), "widening"))
	if r.Input != "" {
		fmt.Fprintf(w, "\nOLD and NEW are %s.\n", ghformat.Text(r.Input))
	}
	for _, p := range r.Pairs {
		fmt.Fprintf(w, "\n**%s → %s**", ghformat.Code(orNone(p.Old)), ghformat.Code(orNone(p.New)))
		if p.Subject != "" {
			fmt.Fprintf(w, " %s", ghformat.Text(p.Subject))
		}
		fmt.Fprintf(w, " (%s policy", p.Kind)
		if p.Detected != "" {
			fmt.Fprintf(w, "; detected: %s, `--type` sets it", ghformat.Text(p.Detected))
		}
		fmt.Fprintln(w, ")")
		fmt.Fprintln(w)
		if len(p.Principals) > 0 {
			var names []string
			for _, x := range p.Principals {
				names = append(names, ghformat.Text(x.Name)+" at "+ghformat.Code(x.Pos.String()))
			}
			fmt.Fprintf(w, "Principals: %s.\n\n", strings.Join(names, ", "))
		}
		mdFindings(w, "Widenings: NEW allows, OLD did not", p, p.Widenings, false)
		for _, x := range p.Possible {
			if x.Narrowing && !narrowings {
				continue
			}
			what := "Possible widening"
			if x.Narrowing {
				what = "Possible narrowing"
			}
			fmt.Fprintf(w, "- %s at %s %s: %s\n", what, ghformat.Code(x.Statement.Where()), ghformat.Text(statementName(x.Statement)), ghformat.Text(x.Why))
		}
		if narrowings {
			mdFindings(w, "Narrowings: OLD allowed, NEW does not", p, p.Narrowings, true)
		}
	}
}

// mdFindings writes one direction's findings of a pair as a table, after
// a line per cause counting its actions by access level. Each row
// stands where the annotations put the finding (findingPlace).
func mdFindings(w io.Writer, title string, p api.DiffPair, found []api.DiffFinding, narrowing bool) {
	if len(found) == 0 {
		fmt.Fprintf(w, "%s: none.\n\n", title)
		return
	}
	fmt.Fprintf(w, "%s:\n\n", title)
	for _, c := range p.Changes {
		if c.Narrowing == narrowing {
			fmt.Fprintf(w, "- %s: %d %s (%s)\n", mdCause(c.Cause, narrowing), c.Actions, plural(c.Actions, "action"), levelCounts(c.ByLevel))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Statement | Action | Access level | Witness request |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, f := range found {
		req := ghformat.Code(f.Witness.Principal) + " on " + ghformat.Code(f.Witness.Resource) + ghformat.Text(contextText(f.Witness.Context, f.Witness.Absent))
		// The place first, as the annotations have it (findingPlace),
		// then a cause that stands elsewhere.
		cell := ghformat.Code(findingPlace(p, f, narrowing).start.String())
		if f.Cause.Other {
			cell += ": " + mdCause(f.Cause, narrowing)
		}
		for _, c := range f.Also {
			cell += "; also " + mdCause(c, narrowing)
		}
		if f.Grant != nil {
			cell += "; granted by " + ghformat.Code(f.Grant.Where())
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", cell, ghformat.Code(f.Witness.Action), ghformat.Text(levelsText(f.AccessLevels)), req)
	}
	fmt.Fprintln(w)
}

// mdCause writes a cause with its position: "`new.json:4:5` statement
// "Read"", "the permissions boundary NEW removed (at `old.json:60:13`)".
func mdCause(c api.DiffCause, narrowing bool) string {
	if !c.Other {
		return ghformat.Code(c.Statement.Where()) + " " + ghformat.Text(causeName(c, narrowing))
	}
	return ghformat.Text(causeName(c, narrowing)) + " (at " + ghformat.Code(c.Statement.Where()) + ")"
}
