package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/api"
)

// diffOptions are the inputs of `iamsim diff`.
type diffOptions struct {
	Old, New   string
	Base       string
	Type       string
	Narrowings bool
	Format     string
	FailOn     string
	Engine     api.Engine
	Stdout     io.Writer
}

func newDiffCmd(runF func(*diffOptions) error) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW | diff --base REF NEW",
		Short: "Show what a policy change allows that the old policy did not, with a request that proves it",
		Long: `Diff compares two versions of a policy, or two directories of policies
paired by relative path, and lists the widenings: for each action that
NEW allows and OLD did not, a request (principal, action, resource and
the context keys it needs) that the evaluator allows under NEW and not
under OLD, and the NEW statement responsible with its file:line:col.
Where the analysis cannot settle a statement it reports a possible
widening and why. --narrowings lists the other direction too. The
method and its limits are in docs/diff.md.

With --base REF, OLD is NEW (a file or a directory of the working
tree) as it is at the git revision REF, read with git show: nothing is
checked out.

Without --type the kind of each pair is detected as lint detects it,
and the output says so.

Exit status: 0 no widening, 1 a widening (or a possible widening with
--fail-on possible), 2 usage or input error.`,
		Example: `  iamsim diff old/policy.json new/policy.json
  iamsim diff --type scp --narrowings old/scps/ new/scps/
  iamsim diff --format json --fail-on possible main/ branch/
  iamsim diff --base origin/main policies/`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case opts.Base != "" && len(args) != 1:
				return fmt.Errorf("diff --base REF needs one argument, NEW (a file or directory of the working tree), not %d", len(args))
			case opts.Base == "" && len(args) != 2:
				return fmt.Errorf("diff needs two arguments, OLD and NEW (files or directories), not %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Base != "" {
				opts.New = args[0]
			} else {
				opts.Old, opts.New = args[0], args[1]
			}
			opts.Engine, opts.Stdout = engine(cmd), cmd.OutOrStdout()
			return runF(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Base, "base", "", "compare NEW with itself at this git revision (read with git show, no checkout)")
	f.StringVar(&opts.Type, "type", "", "policy kind: identity, resource, trust, boundary, session, scp, rcp or endpoint (default: detected)")
	f.BoolVar(&opts.Narrowings, "narrowings", false, "also list what NEW no longer allows")
	f.StringVar(&opts.Format, "format", "text", "output: text, json, markdown (a pull-request comment), github (workflow annotations) or sarif (code scanning)")
	f.StringVar(&opts.FailOn, "fail-on", "widening", "exit 1 on: widening, or possible (a possible widening too)")
	return cmd
}

func runDiff(opts *diffOptions) error {
	switch opts.Format {
	case "text", "json", "markdown", "github", "sarif":
	default:
		return fmt.Errorf("--format %q: want text, json, markdown, github or sarif", opts.Format)
	}
	if opts.FailOn != "widening" && opts.FailOn != "possible" {
		return fmt.Errorf("--fail-on %q: want widening or possible", opts.FailOn)
	}
	kind, err := api.LintKind(opts.Type)
	if err != nil {
		return err
	}
	report, err := opts.Engine.Diff(api.DiffOptions{Old: opts.Old, New: opts.New, Base: opts.Base, Kind: kind, Narrowings: opts.Narrowings})
	if err != nil {
		return err
	}
	switch opts.Format {
	case "json":
		err = writeDiffJSON(opts.Stdout, report)
	case "markdown":
		writeDiffMarkdown(opts.Stdout, report, opts.Narrowings)
	case "github":
		writeDiffGitHub(opts.Stdout, report, opts.Narrowings)
	case "sarif":
		err = writeDiffSARIFReport(opts.Stdout, report)
	default:
		writeDiffText(opts.Stdout, report, opts.Narrowings)
	}
	if err != nil {
		return err
	}
	if report.Widenings() > 0 || (opts.FailOn == "possible" && report.PossibleWidenings() > 0) {
		return &exitError{ExitFindings}
	}
	return nil
}

// writeDiffText prints each pair: its kind, then the widenings grouped by
// the NEW statement responsible, each action with its access level and
// witness request, then the possible widenings and the narrowings.
func writeDiffText(w io.Writer, r *api.DiffReport, narrowings bool) {
	if r.Input != "" {
		fmt.Fprintf(w, "OLD and NEW are %s\n\n", r.Input)
	}
	for i, p := range r.Pairs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if p.Subject != "" {
			fmt.Fprintf(w, "%s -> %s: %s (%s)", orNone(p.Old), orNone(p.New), p.Subject, p.Kind)
		} else {
			fmt.Fprintf(w, "%s -> %s: %s policy", orNone(p.Old), orNone(p.New), p.Kind)
		}
		if p.Detected != "" {
			fmt.Fprintf(w, " (detected: %s; --type sets it)", p.Detected)
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, "  Widenings (NEW allows, OLD did not):")
		writeFindings(w, "newly allowed", p.Widenings, p.Changes, false)
		writePossible(w, p.Possible, false)
		if narrowings {
			fmt.Fprintln(w, "  Narrowings (OLD allowed, NEW does not):")
			writeFindings(w, "no longer allowed", p.Narrowings, p.Changes, true)
			writePossible(w, p.Possible, true)
		}
	}
	fmt.Fprintf(w, "\n%d %s, %d possible %s\n", r.Widenings(), plural(r.Widenings(), "widening"), r.PossibleWidenings(), plural(r.PossibleWidenings(), "widening"))
}

// orNone names a missing side of a pair.
func orNone(path string) string {
	if path == "" {
		return "(none)"
	}
	return path
}

// writeFindings prints the findings of one direction, grouped by the
// statement responsible.
func writeFindings(w io.Writer, verb string, found []api.DiffFinding, changes []api.DiffChange, narrowing bool) {
	if len(found) == 0 {
		fmt.Fprintf(w, "    none\n")
		return
	}
	for _, c := range changes {
		if c.Narrowing != narrowing {
			continue
		}
		fmt.Fprintf(w, "    %s: %d %s %s (%s)\n", causeAt(c.Cause, narrowing), c.Actions, plural(c.Actions, "action"), verb, levelCounts(c.ByLevel))
		for _, f := range found {
			if !f.Cause.Same(c.Cause) {
				continue
			}
			fmt.Fprintf(w, "      %s (%s)\n", f.Witness.Action, levelsText(f.AccessLevels))
			fmt.Fprintf(w, "        request: %s on %s%s\n", f.Witness.Principal, f.Witness.Resource, contextText(f.Witness.Context, f.Witness.Absent))
			for _, a := range f.Also {
				fmt.Fprintf(w, "        also: %s\n", causeAt(a, narrowing))
			}
			if f.Grant != nil {
				fmt.Fprintf(w, "        granted by: %s %s\n", f.Grant.Where(), statementName(*f.Grant))
			}
		}
	}
}

// statementName names a statement by its Sid, or its index.
func statementName(s evaluator.StatementRef) string {
	if s.Sid != "" {
		return fmt.Sprintf("statement %q", s.Sid)
	}
	return fmt.Sprintf("statement %d", s.Index)
}

// levelCounts writes "2 Write, 14 Read": the counts per access level,
// largest first.
func levelCounts(by map[string]int) string {
	levels := make([]string, 0, len(by))
	for l := range by {
		levels = append(levels, l)
	}
	sort.Slice(levels, func(i, j int) bool {
		if by[levels[i]] != by[levels[j]] {
			return by[levels[i]] > by[levels[j]]
		}
		return levels[i] < levels[j]
	})
	parts := make([]string, len(levels))
	for i, l := range levels {
		parts[i] = fmt.Sprintf("%d %s", by[l], l)
	}
	return strings.Join(parts, ", ")
}

// levelsText writes an action's access levels, or says the catalog does
// not know it.
func levelsText(levels []string) string {
	if len(levels) == 0 {
		return "not in the catalog"
	}
	return strings.Join(levels, ", ")
}

// contextText writes the context keys of a witness, and those that
// conditions read and it leaves out.
func contextText(ctx evaluator.Context, absent []string) string {
	var b strings.Builder
	if len(ctx) > 0 {
		b.WriteString(", with " + contextValues(ctx))
	}
	if len(absent) > 0 {
		b.WriteString(", without " + strings.Join(absent, ", "))
	}
	return b.String()
}

// contextValues writes context keys and their values: k=v, k=[a,b].
func contextValues(ctx evaluator.Context) string {
	keys := make([]string, 0, len(ctx))
	for k := range ctx {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		v := ctx[k]
		val := strings.Join(v.Values, ",")
		if v.Multi {
			val = "[" + val + "]"
		}
		parts[i] = k + "=" + val
	}
	return strings.Join(parts, " ")
}

// writePossible prints the statements the analysis could not settle in
// one direction.
func writePossible(w io.Writer, possible []api.DiffPossible, narrowing bool) {
	for _, p := range possible {
		if p.Narrowing != narrowing {
			continue
		}
		what := "possible widening"
		if p.Narrowing {
			what = "possible narrowing"
		}
		side := "NEW"
		if p.Old {
			side = "OLD"
		}
		fmt.Fprintf(w, "    %s: %s %s %s: %s\n", what, side, p.Statement.Where(), statementName(p.Statement), p.Why)
	}
}
