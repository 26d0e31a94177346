package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/iamsim/internal/api"
)

// writeDiffMarkdown writes a comparison as a pull-request comment: a
// title with the counts, then per pair a table of the widenings (the
// statement responsible, the action, its access levels and the witness
// request), the possible widenings, and with narrowings their table.
func writeDiffMarkdown(w io.Writer, r *api.DiffReport, narrowings bool) {
	fmt.Fprintf(w, "### iamsim diff: %d %s, %d possible %s\n", r.Widenings(), plural(r.Widenings(), "widening"), r.PossibleWidenings(), plural(r.PossibleWidenings(), "widening"))
	if r.Input != "" {
		fmt.Fprintf(w, "\nOLD and NEW are %s.\n", mdText(r.Input))
	}
	for _, p := range r.Pairs {
		fmt.Fprintf(w, "\n**%s → %s**", mdCode(orNone(p.Old)), mdCode(orNone(p.New)))
		if p.Subject != "" {
			fmt.Fprintf(w, " %s", mdText(p.Subject))
		}
		fmt.Fprintf(w, " (%s policy", p.Kind)
		if p.Detected != "" {
			fmt.Fprintf(w, "; detected: %s, `--type` sets it", mdText(p.Detected))
		}
		fmt.Fprintln(w, ")")
		fmt.Fprintln(w)
		mdFindings(w, "Widenings: NEW allows, OLD did not", p.Widenings, p.Changes, false)
		for _, x := range p.Possible {
			if x.Narrowing && !narrowings {
				continue
			}
			what := "Possible widening"
			if x.Narrowing {
				what = "Possible narrowing"
			}
			fmt.Fprintf(w, "- %s at %s %s: %s\n", what, mdCode(x.Statement.Where()), mdText(statementName(x.Statement)), mdText(x.Why))
		}
		if narrowings {
			mdFindings(w, "Narrowings: OLD allowed, NEW does not", p.Narrowings, p.Changes, true)
		}
	}
}

// mdFindings writes one direction's findings as a table, after a line
// per statement counting its actions by access level.
func mdFindings(w io.Writer, title string, found []api.DiffFinding, changes []api.DiffChange, narrowing bool) {
	if len(found) == 0 {
		fmt.Fprintf(w, "%s: none.\n\n", title)
		return
	}
	fmt.Fprintf(w, "%s:\n\n", title)
	for _, c := range changes {
		if c.Narrowing == narrowing {
			fmt.Fprintf(w, "- %s %s: %d %s (%s)\n", mdCode(c.Statement.Where()), mdText(statementName(c.Statement)), c.Actions, plural(c.Actions, "action"), levelCounts(c.ByLevel))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Statement | Action | Access level | Witness request |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, f := range found {
		req := mdCode(f.Witness.Principal) + " on " + mdCode(f.Witness.Resource) + mdText(contextText(f.Witness.Context, f.Witness.Absent))
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", mdCode(f.Statement.Where()), mdCode(f.Witness.Action), mdText(levelsText(f.AccessLevels)), req)
	}
	fmt.Fprintln(w)
}

// mdCode writes text as inline code; a | would end a table cell.
func mdCode(s string) string { return "`" + strings.ReplaceAll(s, "|", `\|`) + "`" }

// mdText escapes the characters Markdown would read as markup in a
// table cell.
func mdText(s string) string {
	r := strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;")
	return r.Replace(s)
}
