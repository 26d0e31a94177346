package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/internal/api"
)

// expandOptions are the inputs of `iamsim expand`.
type expandOptions struct {
	Patterns []string
	Format   string
	Stdout   io.Writer
	Stderr   io.Writer
}

func newExpandCmd(runF func(*expandOptions) error) *cobra.Command {
	opts := &expandOptions{}
	cmd := &cobra.Command{
		Use:   "expand PATTERN...",
		Short: "List the actions an Action pattern such as s3:Get* covers",
		Long: `Expand lists every action of the embedded AWS service catalog that an
Action pattern matches, with its access level, the way IAM matches it:
case-insensitive, * for any run of characters and ? for one. Use it to
see what a wildcard in a policy really grants. The catalog's source and
date are in docs/catalog.md.

Exit status: 0 every pattern matched an action, 1 a pattern matched
none, 2 usage error.`,
		Example: `  iamsim expand s3:Get*
  iamsim expand 'iam:*Policy*' --format json`,
		Args: needArgs("an action PATTERN such as s3:Get*"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Patterns = args
			opts.Stdout, opts.Stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			return runF(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output: text or json")
	return cmd
}

func runExpand(opts *expandOptions) error {
	if opts.Format != "text" && opts.Format != "json" {
		return fmt.Errorf("--format %q: want text or json", opts.Format)
	}
	unmatched := 0
	out := map[string][]api.ExpandedAction{}
	for _, pattern := range opts.Patterns {
		exp, err := api.Expand(pattern)
		if err != nil {
			return err
		}
		list := exp.Actions
		out[pattern] = list
		if len(list) == 0 {
			unmatched++
			hint := ""
			if exp.Suggestion != "" {
				hint = fmt.Sprintf("; did you mean %s?", exp.Suggestion)
			}
			fmt.Fprintf(opts.Stderr, "iamsim: %s matches no action in the catalog%s\n", pattern, hint)
		}
		if opts.Format == "text" {
			fmt.Fprintf(opts.Stdout, "%s: %d %s\n", pattern, len(list), plural(len(list), "action"))
			for _, a := range list {
				fmt.Fprintf(opts.Stdout, "  %-60s %s\n", a.Action, strings.Join(a.AccessLevels, ", "))
			}
		}
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	if unmatched > 0 {
		return &exitError{ExitFindings}
	}
	return nil
}
