package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/api"
)

// whoCanOptions are the inputs of `iamsim who-can`.
type whoCanOptions struct {
	// Engine bounds what is read of the account files (--max-file-size,
	// --max-export-size).
	Engine           api.Engine
	AccountDetails   []string
	Templates        []string
	Org              string
	ResourcePolicies string
	Action           string
	Resource         string
	ResourceAccount  string
	Context          []string
	Format           string
	// AllowUnknownActions makes an action the catalog does not know a
	// warning (a note of the answer) instead of an input error.
	AllowUnknownActions bool

	Stdout io.Writer
	Stderr io.Writer
	// Progress is set when standard error is a terminal: "checked N of M
	// principals" is shown there while the principals are decided.
	Progress bool
}

func newWhoCanCmd(runF func(*whoCanOptions) error) *cobra.Command {
	opts := &whoCanOptions{}
	cmd := &cobra.Command{
		Use:   "who-can --account-details FILE... --action ACTION --resource ARN",
		Short: "List the users and roles of loaded accounts that may perform an action on a resource",
		Long: `Who-can decides the request of every user and role of the loaded accounts
(service-linked roles included, and marked) with the full evaluation logic,
and lists those that are allowed, with the deciding statements.

Principals of accounts that are not loaded but that the resource policy
names in an Allow statement (principal ARNs, account IDs, "*") are listed
apart when the resource's side allows them (resource policy, RCPs, and
the organization's SCPs if their account is in it): their own account's
policies are not loaded, so they must allow too.

When nobody of the loaded accounts is allowed, the nearest refusals are
listed: what refused each (a Deny statement, an SCP or RCP level, the
boundary...) and the context keys the request lacked.

Exit status: 0 done, 2 usage or input error.`,
		Example: `  iamsim who-can --account-details dev.json,prod.json --org organization.yaml \
      --resource-policies resources/ --action s3:GetObject \
      --resource arn:aws:s3:::acme-prod-data/releases/app.zip --resource-account 333333333333 \
      --context aws:SecureTransport=true --context aws:PrincipalOrgID=o-a1b2c3d4e5`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Stdout, opts.Stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			opts.Progress = isTerminal(opts.Stderr)
			opts.Engine = engine(cmd)
			return runF(opts)
		},
	}
	f := cmd.Flags()
	addAccountFlags(cmd, &opts.AccountDetails, &opts.Org, &opts.ResourcePolicies)
	addTemplateFlags(cmd, &opts.Templates, nil)
	f.StringVar(&opts.Action, "action", "", "the action, service:Name")
	f.StringVar(&opts.Resource, "resource", "", "the resource ARN, or * for actions on no resource")
	addQueryFlags(cmd, &opts.ResourceAccount, &opts.Context, &opts.Format)
	addAllowUnknownActions(cmd, &opts.AllowUnknownActions)
	return cmd
}

func runWhoCan(opts *whoCanOptions) error {
	ctx, err := checkQueryFlags(opts.Format, append(opts.AccountDetails, opts.Templates...), opts.Context)
	if err != nil {
		return err
	}
	if err := needFlags("who-can", "", needFlag{"--action", opts.Action != ""}, needFlag{"--resource", opts.Resource != ""}); err != nil {
		return err
	}
	q := api.WhoCanOptions{Action: opts.Action, Resource: opts.Resource, ResourceAccount: opts.ResourceAccount, Context: ctx,
		AllowUnknownActions: opts.AllowUnknownActions}
	if opts.Progress {
		q.Progress = func(done, total int) {
			if done%100 == 0 || done == total {
				fmt.Fprintf(opts.Stderr, "\rchecked %d of %d principals", done, total)
			}
			if done == total {
				fmt.Fprintln(opts.Stderr)
			}
		}
	}
	ans, err := opts.Engine.WhoCan(accountSources(opts.AccountDetails, opts.Templates, opts.Org, opts.ResourcePolicies), q)
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		return writeIndentedJSON(opts.Stdout, whoCanJSONOf(ans))
	}
	writeWhoCanText(opts.Stdout, ans, queryInputsOf(ans.Basis, opts.Context))
	return nil
}

func writeWhoCanText(w io.Writer, ans *api.WhoCanAnswer, in queryInputs) {
	fmt.Fprintf(w, "Who can %s on %s%s\n\n", ans.Action, ans.Resource, accountSuffix(ans.ResourceAccount))
	fmt.Fprintf(w, "  Checked the %d users and roles of the loaded accounts: a role stands for any\n", ans.Checked)
	fmt.Fprintln(w, "  session of it; root users are not listed.")
	writeAssumed(w, in, "each principal's own keys (aws:username, tags, organization)")
	if n := len(ans.Principals); n == 0 {
		fmt.Fprintf(w, "\nAllowed: none of the %d.\n", ans.Checked)
		if ans.RefusedCount == 0 {
			fmt.Fprintln(w, "  No Allow statement of theirs, nor of the resource's policy, covers the action.")
		}
		writeRefused(w, ans.Refused, ans.RefusedCount, "principals whose policies could allow it")
	} else {
		fmt.Fprintf(w, "\nAllowed: %d of the %d\n", n, ans.Checked)
	}
	for _, a := range ans.Principals {
		fmt.Fprintf(w, "  %s (%s)\n", a.Principal, accessKind(a))
		writeDeciding(w, "      ", a.Deciding, a.Summary)
	}
	if len(ans.External) > 0 {
		fmt.Fprintln(w, "\nFrom accounts that are not loaded, let in by the resource's side (their own account's")
		fmt.Fprintln(w, "policies must allow too, and were not checked)")
		for _, a := range ans.External {
			fmt.Fprintf(w, "  %s (%s)\n", a.Principal, accessKind(a))
			writeDeciding(w, "      ", a.Deciding, "")
		}
	}
	writeNotes(w, ans.Notes)
}

// accessKind describes a listed principal: "user", "role",
// "service-linked role", "account" (a root user, standing for every
// principal its account's policies allow), "any principal".
func accessKind(a api.Access) string {
	switch {
	case a.ServiceLinked:
		return "service-linked role"
	case a.Type == "account":
		return "account: any of its principals that its own policies allow"
	case a.Type == "any":
		return "any principal, anonymous callers included"
	}
	return a.Type
}

// whoCanJSON is the --format json shape of `iamsim who-can`.
type whoCanJSON struct {
	Action          string           `json:"action"`
	Resource        string           `json:"resource"`
	ResourceAccount string           `json:"resourceAccount,omitempty"`
	Checked         int              `json:"checked"`
	Principals      []accessJSON     `json:"principals"`
	External        []accessJSON     `json:"external"`
	Notes           []evaluator.Note `json:"notes,omitempty"`
	// Refused and RefusedCount are set when no principal is allowed.
	Refused      []refusalJSON `json:"refused,omitempty"`
	RefusedCount int           `json:"refusedCount,omitempty"`
}

type accessJSON struct {
	Principal     string                       `json:"principal"`
	Type          string                       `json:"type"`
	ServiceLinked bool                         `json:"serviceLinked,omitempty"`
	Summary       string                       `json:"summary,omitempty"`
	Deciding      []evaluator.LocatedStatement `json:"deciding"`
}

func whoCanJSONOf(ans *api.WhoCanAnswer) whoCanJSON {
	out := whoCanJSON{Action: ans.Action, Resource: ans.Resource, ResourceAccount: ans.ResourceAccount, Checked: ans.Checked,
		Principals: []accessJSON{}, External: []accessJSON{}, Notes: ans.Notes,
		Refused: refusalsJSON(ans.Refused), RefusedCount: ans.RefusedCount}
	conv := func(list []api.Access) []accessJSON {
		out := []accessJSON{}
		for _, a := range list {
			out = append(out, accessJSON{Principal: a.Principal, Type: a.Type, ServiceLinked: a.ServiceLinked, Summary: a.Summary, Deciding: statementsJSON(a.Deciding)})
		}
		return out
	}
	out.Principals, out.External = conv(ans.Principals), conv(ans.External)
	return out
}
