package cli

import (
	"github.com/spf13/cobra"
)

func newNoNewAccessCmd(runF func(*checkOptions) error) *cobra.Command {
	opts := &checkOptions{Check: "no-new-access"}
	cmd := &cobra.Command{
		Use:   "no-new-access --base OLD NEW",
		Short: "Check that a new version of a policy grants nothing the existing one does not",
		Long: `no-new-access fails when NEW might allow a request that OLD does not, as
Access Analyzer's CheckNoNewAccess does with OLD as existingPolicyDocument
and NEW as newPolicyDocument. It answers the question of iamsim diff in a
check's shape: each widening is a reason at the NEW statement that allows
it, with its witness; a statement the analysis cannot settle is a reason
too (a possible widening), since Access Analyzer errs on the side of a
false positive.

--base is the OLD policy file (or directory, paired with NEW by relative
path as diff pairs them), not a git revision as in iamsim diff --base.
Without --type the kind is detected from NEW, as diff detects it.

Exit status: 0 PASS, 1 FAIL, 2 a policy that cannot be read or an input
error.`,
		Example: `  iamsim check no-new-access --base old/policy.json new/policy.json
  iamsim check no-new-access --type resource --base main/bucket.json bucket.json --format json`,
		Args: needArgs("NEW"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return checkRun(cmd, args, opts, runF, needFlag{"--base OLD", opts.Base != ""})
		},
	}
	cmd.Flags().StringVar(&opts.Base, "base", "", "the existing policy file (Access Analyzer's existingPolicyDocument), or a directory of them")
	checkFlags(cmd, opts)
	return cmd
}
