package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/api"
)

// canOptions are the inputs of `iamsim can`.
type canOptions struct {
	// Engine bounds what is read of the account files (--max-file-size,
	// --max-export-size).
	Engine           api.Engine
	AccountDetails   []string
	Templates        []string
	Org              string
	ResourcePolicies string
	Principal        string
	// PrincipalResource names the principal as a user or role of the
	// Templates (--principal-resource).
	PrincipalResource string
	Resource          string
	ResourceAccount   string
	Services          []string
	Context           []string
	Format            string

	Stdout io.Writer
	Stderr io.Writer
}

func newCanCmd(runF func(*canOptions) error) *cobra.Command {
	opts := &canOptions{}
	cmd := &cobra.Command{
		Use:   "can --account-details FILE... --principal ARN",
		Short: "List every action a principal of loaded accounts may perform, by access level",
		Long: `Can lists every action of the embedded AWS service catalog that a user,
role or role session of the loaded accounts may perform, grouped by access
level, with the statements that allow each.

With --resource, each action is decided on that resource with the full
evaluation logic: resource-based policy (or the role's trust policy), RCPs,
SCPs, permissions boundary. Without it, an action is listed when it is
allowed on at least one of the Resource patterns of the identity-policy
Allow statements that cover it, or on "*"; the patterns on which it is
allowed are shown: it is allowed on some resources matching them, not
necessarily on all. Conditions are evaluated against --context; a Deny
whose resources are narrower than the pattern does not hide the action.
docs/cli.md describes this precisely. When no action is allowed, the
nearest refusals are listed with what refused each and the context keys
the request lacked.

Exit status: 0 done, 2 usage or input error.`,
		Example: `  iamsim can --account-details 222222222222.json --principal arn:aws:iam::222222222222:user/alice \
      --context aws:RequestedRegion=eu-west-1 --service s3
  iamsim can --account-details dev.json --account-details prod.json --org organization.yaml \
      --resource-policies resources/ --principal arn:aws:sts::222222222222:assumed-role/deploy/ci \
      --resource arn:aws:s3:::acme-prod-data/releases/app.zip --resource-account 333333333333 --format json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Stdout, opts.Stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			opts.Engine = engine(cmd)
			return runF(opts)
		},
	}
	f := cmd.Flags()
	addAccountFlags(cmd, &opts.AccountDetails, &opts.Org, &opts.ResourcePolicies)
	addTemplateFlags(cmd, &opts.Templates, &opts.PrincipalResource)
	f.StringVar(&opts.Principal, "principal", "", "the user, role, role session or root user ARN of a loaded account")
	f.StringVar(&opts.Resource, "resource", "", "decide every action on this resource ARN (or *) instead of on the policies' resource patterns")
	f.StringArrayVar(&opts.Services, "service", nil, "only actions of this service prefix, such as s3 (repeatable)")
	addQueryFlags(cmd, &opts.ResourceAccount, &opts.Context, &opts.Format)
	return cmd
}

// checkQueryFlags checks the flags can and who-can share, and reads the
// context.
func checkQueryFlags(format string, details []string, context []string) (evaluator.Context, error) {
	if format != "text" && format != "json" {
		return nil, fmt.Errorf("--format %q: want text or json", format)
	}
	if len(details) == 0 {
		return nil, fmt.Errorf("give the account exports with --account-details (docs/accounts.md), or infrastructure code with --template (docs/iac.md)")
	}
	ctx := evaluator.Context{}
	if err := api.ParseContext(ctx, context); err != nil {
		return nil, err
	}
	return ctx, nil
}

func runCan(opts *canOptions) error {
	ctx, err := checkQueryFlags(opts.Format, append(opts.AccountDetails, opts.Templates...), opts.Context)
	if err != nil {
		return err
	}
	if opts.PrincipalResource != "" && opts.Principal != "" {
		return fmt.Errorf("--principal-resource names the principal: do not combine it with --principal")
	}
	if err := needFlags("can", "", needFlag{"--principal", opts.Principal != "" || opts.PrincipalResource != ""}); err != nil {
		return err
	}
	if opts.PrincipalResource != "" {
		if opts.Principal, err = opts.Engine.PrincipalOfCode(opts.Templates, opts.PrincipalResource); err != nil {
			return err
		}
	}
	if opts.ResourceAccount != "" && opts.Resource == "" {
		return fmt.Errorf("--resource-account names the owner of --resource: give --resource too")
	}
	ans, err := opts.Engine.Can(accountSources(opts.AccountDetails, opts.Templates, opts.Org, opts.ResourcePolicies), api.CanOptions{
		Principal: opts.Principal, Resource: opts.Resource, ResourceAccount: opts.ResourceAccount,
		Services: opts.Services, Context: ctx,
	})
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		return writeIndentedJSON(opts.Stdout, canJSONOf(ans, opts.Services))
	}
	writeCanText(opts.Stdout, ans, queryInputsOf(ans.Basis, opts.Context))
	return nil
}

// queryInputs is what a can or who-can answer rests on, for the lines
// that say what was assumed.
type queryInputs struct {
	accounts []string // the loaded account IDs
	org      string   // the organization's ID or file, "" without --org
	manifest bool     // whether resource policies were loaded (--resource-policies, or code's)
	context  []string // --context, as given
}

func queryInputsOf(b api.Basis, context []string) queryInputs {
	return queryInputs{accounts: b.Accounts, org: b.Organization, manifest: b.ResourcePolicies, context: context}
}

// writeAssumed says what the answer rests on: the data loaded, the
// context, and how to read "allowed by".
func writeAssumed(w io.Writer, in queryInputs, ownKeys string) {
	fmt.Fprintln(w, "\n  Assumed:")
	fmt.Fprintf(w, "    accounts loaded    %s\n", strings.Join(in.accounts, ", "))
	if in.org != "" {
		fmt.Fprintf(w, "    SCPs and RCPs      organization %s\n", in.org)
	} else {
		fmt.Fprintln(w, "    SCPs and RCPs      none: no organization given (--org)")
	}
	if in.manifest {
		fmt.Fprintln(w, "    resource policies  the manifest's, and role trust policies")
	} else {
		fmt.Fprintln(w, "    resource policies  role trust policies only: no manifest given (--resource-policies)")
	}
	given := "none given (--context)"
	if len(in.context) > 0 {
		given = strings.Join(in.context, ", ")
	}
	fmt.Fprintf(w, "    context            %s,\n", given)
	fmt.Fprintf(w, "                       plus %s;\n", ownKeys)
	fmt.Fprintln(w, "                       a condition on any other key does not match")
	fmt.Fprintln(w, "  \"allowed by\" names the statements that grant access (across accounts, one on each")
	fmt.Fprintln(w, "  side); every other policy that applies (SCPs, RCPs, boundary, session policy, Deny")
	fmt.Fprintln(w, "  statements) lets it through.")
}

func writeCanText(w io.Writer, ans *api.CanAnswer, in queryInputs) {
	on := ""
	if ans.Resource != "" {
		on = " on " + ans.Resource + accountSuffix(ans.ResourceAccount)
	}
	fmt.Fprintf(w, "What %s can do%s\n\n", ans.Principal, on)
	fmt.Fprintf(w, "  Checked %d of the %d catalog actions: those an Allow statement covers, and those\n", ans.Candidates, ans.Catalog)
	fmt.Fprintln(w, "  that need no permission; no other action can be allowed.")
	switch n := len(ans.Grants); {
	case n == 0:
		fmt.Fprintln(w, "  None is allowed: each was blocked (by a Deny, an SCP or RCP, the boundary) or its")
		fmt.Fprintln(w, "  conditions did not match; iamsim eval --account-details explains one.")
	case ans.Resource == "":
		fmt.Fprintf(w, "  Allowed: %d, each on some of the resources matching the pattern under it, not\n", n)
		fmt.Fprintln(w, "  necessarily on all (decide one resource with --resource).")
	default:
		fmt.Fprintf(w, "  Allowed: %d on this resource, each decided with every policy that applies to it.\n", n)
	}
	writeAssumed(w, in, "the principal's own keys (aws:username, tags, organization)")
	writeRefused(w, ans.Refused, ans.RefusedCount, "candidate actions")
	i := 0
	for _, level := range api.AccessLevels {
		j := i
		for j < len(ans.Grants) && ans.Grants[j].AccessLevel() == level {
			j++
		}
		if j == i {
			continue
		}
		fmt.Fprintf(w, "\n%s (%d)\n", level, j-i)
		for _, g := range ans.Grants[i:j] {
			fmt.Fprintf(w, "  %s\n", g.Action)
			for _, a := range g.On {
				indent := "      "
				if ans.Resource == "" {
					fmt.Fprintf(w, "    on %s\n", a.Resource)
					indent = "        "
				}
				writeDeciding(w, indent, a.Deciding, a.Summary)
			}
		}
		i = j
	}
	writeNotes(w, ans.Notes)
}

// writeRefused says why nothing was allowed: the nearest of the count
// refused requests, each with the evaluator's reason (which names the
// layer that refused), the Deny statements that decided and the context
// keys the request lacked. what names the candidates.
func writeRefused(w io.Writer, refused []api.Refusal, count int, what string) {
	if count == 0 {
		return
	}
	shown := fmt.Sprintf("the %d", count)
	if len(refused) < count {
		shown = fmt.Sprintf("%d of the %d", len(refused), count)
	}
	fmt.Fprintf(w, "\nRefused: %s %s, nearest first\n", shown, what)
	fmt.Fprintln(w, "(fewest policies in the way; iamsim eval --account-details explains one in full)")
	for _, f := range refused {
		if f.Principal != "" {
			fmt.Fprintf(w, "  %s (%s)\n", f.Principal, accessKind(api.Access{Type: f.Type, ServiceLinked: f.ServiceLinked}))
		} else {
			fmt.Fprintf(w, "  %s on %s\n", f.Action, f.Resource)
		}
		fmt.Fprintf(w, "      %s\n", f.Summary)
		for _, s := range f.Denied {
			fmt.Fprintf(w, "      denied by %s\n", statementText(s))
		}
		switch len(f.Missing) {
		case 0:
		case 1:
			fmt.Fprintf(w, "      missing %s: a condition that applied tests it; give it with --context\n", f.Missing[0])
		default:
			fmt.Fprintf(w, "      missing %s: conditions that applied test them; give them with --context\n", strings.Join(f.Missing, ", "))
		}
	}
}

// writeDeciding lists the statements that decided, one a line; with none
// (the root user, an action that needs no permission) the summary says
// why.
func writeDeciding(w io.Writer, indent string, refs []evaluator.StatementRef, summary string) {
	if len(refs) == 0 {
		fmt.Fprintf(w, "%s%s\n", indent, summary)
	}
	for _, s := range refs {
		fmt.Fprintf(w, "%sallowed by %s\n", indent, statementText(s))
	}
}

// statementText renders a statement as `identity policy FILE:LINE:COL Sid
// "X" (origin)`; the origin is left out when the position already names it
// (URL-encoded documents are labelled with it).
func statementText(s evaluator.StatementRef) string {
	var b strings.Builder
	b.WriteString(s.Layer.Noun())
	if s.Level > 0 {
		fmt.Fprintf(&b, " (level %d)", s.Level)
	}
	b.WriteString(" " + s.Where())
	if s.Sid != "" {
		fmt.Fprintf(&b, " Sid %q", s.Sid)
	}
	if s.Policy != "" && !strings.Contains(s.Pos.File, s.Policy) {
		fmt.Fprintf(&b, " (%s)", s.Policy)
	}
	return b.String()
}

func accountSuffix(acct string) string {
	if acct == "" {
		return ""
	}
	return " (resource account " + acct + ")"
}

// writeNotes writes an answer's notes, in English, under "Notes:".
func writeNotes(w io.Writer, notes []evaluator.Note) {
	if len(notes) == 0 {
		return
	}
	fmt.Fprintln(w, "\nNotes:")
	for _, n := range notes {
		fmt.Fprintf(w, "  - %s\n", n)
	}
}

// canJSON is the --format json shape of `iamsim can`.
type canJSON struct {
	Principal       string           `json:"principal"`
	Resource        string           `json:"resource,omitempty"`
	ResourceAccount string           `json:"resourceAccount,omitempty"`
	Services        []string         `json:"services,omitempty"`
	CatalogActions  int              `json:"catalogActions"`
	Candidates      int              `json:"candidates"`
	Actions         []canActionJSON  `json:"actions"`
	Notes           []evaluator.Note `json:"notes,omitempty"`
	// Refused and RefusedCount are set when no action is allowed.
	Refused      []refusalJSON `json:"refused,omitempty"`
	RefusedCount int           `json:"refusedCount,omitempty"`
}

// refusalJSON is a refused request of an answer that allows nothing.
type refusalJSON struct {
	Principal     string                       `json:"principal,omitempty"`
	Type          string                       `json:"type,omitempty"`
	ServiceLinked bool                         `json:"serviceLinked,omitempty"`
	Action        string                       `json:"action,omitempty"`
	Resource      string                       `json:"resource,omitempty"`
	Decision      string                       `json:"decision"`
	Summary       string                       `json:"summary"`
	Denied        []evaluator.LocatedStatement `json:"denied,omitempty"`
	Missing       []string                     `json:"missing,omitempty"`
}

func refusalsJSON(list []api.Refusal) []refusalJSON {
	var out []refusalJSON
	for _, f := range list {
		r := refusalJSON{Principal: f.Principal, Type: f.Type, ServiceLinked: f.ServiceLinked, Action: f.Action, Resource: f.Resource,
			Decision: f.Decision.String(), Summary: f.Summary, Missing: f.Missing}
		if len(f.Denied) > 0 {
			r.Denied = statementsJSON(f.Denied)
		}
		out = append(out, r)
	}
	return out
}

type canActionJSON struct {
	Action       string          `json:"action"`
	AccessLevel  string          `json:"accessLevel"`
	AccessLevels []string        `json:"accessLevels"`
	AllowedOn    []allowanceJSON `json:"allowedOn"`
}

type allowanceJSON struct {
	Resource string                       `json:"resource"`
	Summary  string                       `json:"summary"`
	Deciding []evaluator.LocatedStatement `json:"deciding"`
}

// statementsJSON puts statements in evaluator's located form, which can
// and who-can print.
func statementsJSON(refs []evaluator.StatementRef) []evaluator.LocatedStatement {
	out := make([]evaluator.LocatedStatement, 0, len(refs))
	for _, s := range refs {
		out = append(out, s.Located())
	}
	return out
}

func canJSONOf(ans *api.CanAnswer, services []string) canJSON {
	out := canJSON{Principal: ans.Principal, Resource: ans.Resource, ResourceAccount: ans.ResourceAccount, Services: services,
		CatalogActions: ans.Catalog, Candidates: ans.Candidates, Actions: []canActionJSON{}, Notes: ans.Notes,
		Refused: refusalsJSON(ans.Refused), RefusedCount: ans.RefusedCount}
	for _, g := range ans.Grants {
		a := canActionJSON{Action: g.Action, AccessLevel: g.AccessLevel(), AccessLevels: g.AccessLevels}
		for _, on := range g.On {
			a.AllowedOn = append(a.AllowedOn, allowanceJSON{Resource: on.Resource, Summary: on.Summary, Deciding: statementsJSON(on.Deciding)})
		}
		out.Actions = append(out.Actions, a)
	}
	return out
}
