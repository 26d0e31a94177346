package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/internal/api"
)

// checkOptions are the inputs of `iamsim check access-not-granted`,
// `iamsim check no-public-access` and `iamsim check no-new-access`.
type checkOptions struct {
	Check        string // access-not-granted, no-public-access or no-new-access
	Base         string // no-new-access's existing policy
	Policies     []string
	Type         string
	Actions      []string
	Resources    []string
	ResourceType string
	Format       string // text or json
	Limits       api.Limits
	Code         api.CodeValues // --var, --var-file
	Stdin        io.Reader
	Stdout       io.Writer
}

// checkLong is what every check's help ends with.
const checkLong = `
POLICY is a file, inline JSON, file://path, - for standard input, or an
AWS managed policy ARN. Without --type the policy kind is detected from
each document (a Principal makes a resource-based policy) and the output
says which kind was detected. A reason comes with a witness where one can
be built: a request the evaluator allows given the policy alone, written
as the iamsim eval command that shows it. docs/checks.md describes the
reasoning and where it follows Access Analyzer.

Exit status: 0 PASS, 1 FAIL, 2 a policy that cannot be read or an input
error.`

func newCheckCmd(runF func(*checkOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check policies as IAM Access Analyzer's custom policy checks do, offline",
		Long: `Check answers the questions of IAM Access Analyzer's custom policy checks
offline: access-not-granted (CheckAccessNotGranted), no-public-access
(CheckNoPublicAccess) and no-new-access (CheckNoNewAccess). Each prints PASS or FAIL with the statements that
make it FAIL, their positions, and a witness request.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return fmt.Errorf("check needs a check: %s", checkNames)
			}
			return fmt.Errorf("check: unknown check %q: want %s", args[0], checkNames)
		},
		RunE: func(*cobra.Command, []string) error { return nil }, // Args refuses every call
	}
	cmd.AddCommand(newAccessNotGrantedCmd(runF), newNoPublicAccessCmd(runF), newNoNewAccessCmd(runF))
	return cmd
}

// checkNames lists the checks for an error message.
const checkNames = "access-not-granted, no-public-access or no-new-access"

func newAccessNotGrantedCmd(runF func(*checkOptions) error) *cobra.Command {
	opts := &checkOptions{Check: "access-not-granted"}
	cmd := &cobra.Command{
		Use:   "access-not-granted [--action A[,B]] [--resource R[,S]] POLICY...",
		Short: "Check that policies grant none of the listed actions and resources",
		Long: `access-not-granted fails when a policy might allow one of the listed
actions on one of the listed resources, as Access Analyzer's
CheckAccessNotGranted does: with --action only, on any resource; with
--resource only, any action. Wildcards and NotAction are expanded over
every action of the embedded service catalog; resources are compared as
IAM wildcard patterns, NotResource included. A grant under a condition
counts (the policy might allow it); a Deny takes access away only when it
has no condition.
` + checkLong,
		Example: `  iamsim check access-not-granted --action iam:PassRole,iam:CreateUser policy.json
  iamsim check access-not-granted --resource 'arn:aws:s3:::payroll/*' policies/*.json
  iamsim check access-not-granted --action s3:DeleteObject --format json policy.json`,
		Args: needArgs("a POLICY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return checkRun(cmd, args, opts, runF, needFlag{"--action or --resource", len(opts.Actions)+len(opts.Resources) > 0})
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.Actions, "action", nil, "actions the policies must not grant, service:Name with * and ? (comma-separated or repeated)")
	f.StringSliceVar(&opts.Resources, "resource", nil, "resource ARNs the policies must not grant access to, with * and ? (comma-separated or repeated)")
	checkFlags(cmd, opts)
	return cmd
}

func newNoPublicAccessCmd(runF func(*checkOptions) error) *cobra.Command {
	opts := &checkOptions{Check: "no-public-access"}
	cmd := &cobra.Command{
		Use:   "no-public-access --resource-type T POLICY...",
		Short: "Check that resource policies grant no public access",
		Long: `no-public-access fails when a resource policy grants one of the resource
type's actions to the public, as Access Analyzer's CheckNoPublicAccess
does: to "*" ({"AWS": "*"}), or in a trust policy to the users of a web
identity provider,
unless a condition restricts the caller to an account, organization,
network or source, or a Deny to "*" takes the access away.

--resource-type is one of Access Analyzer's: ` + strings.Join(api.CheckResourceTypes(), ", ") + `.
` + checkLong,
		Example: `  iamsim check no-public-access --resource-type AWS::S3::Bucket bucket-policy.json
  iamsim check no-public-access --resource-type AWS::IAM::AssumeRolePolicyDocument trust.json`,
		Args: needArgs("a POLICY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return checkRun(cmd, args, opts, runF, needFlag{"--resource-type", opts.ResourceType != ""})
		},
	}
	cmd.Flags().StringVar(&opts.ResourceType, "resource-type", "", "the resource type of the policies, as Access Analyzer names it (AWS::S3::Bucket)")
	checkFlags(cmd, opts)
	return cmd
}

// checkRun refuses a check without the flag it needs, and runs it on the
// policies args names.
func checkRun(cmd *cobra.Command, args []string, opts *checkOptions, runF func(*checkOptions) error, need needFlag) error {
	if err := needFlags(opts.Check, "", need); err != nil {
		return err
	}
	opts.Policies, opts.Limits, opts.Code = args, limits(cmd), codeValues(cmd)
	opts.Stdin, opts.Stdout = cmd.InOrStdin(), cmd.OutOrStdout()
	return runF(opts)
}

// checkFlags adds the flags every check has.
func checkFlags(cmd *cobra.Command, opts *checkOptions) {
	f := cmd.Flags()
	f.StringVar(&opts.Type, "type", "", "policy kind: identity, resource, trust, boundary, session, scp, rcp or endpoint (default: detected)")
	f.StringVar(&opts.Format, "format", "text", "output format: text or json")
}

func runCheck(opts *checkOptions) error {
	switch opts.Format {
	case "text", "json":
	default:
		return fmt.Errorf("--format %q: want text or json", opts.Format)
	}
	e := api.Engine{Limits: opts.Limits, Code: opts.Code}
	in := api.CheckOptions{
		Policies: opts.Policies, Stdin: opts.Stdin, Type: opts.Type,
		Access:       api.CheckAccess{Actions: opts.Actions, Resources: opts.Resources},
		ResourceType: opts.ResourceType,
	}
	var report *api.CheckReport
	var err error
	switch opts.Check {
	case "no-public-access":
		report, err = e.CheckNoPublicAccess(in)
	case "no-new-access":
		in.Base = opts.Base
		report, err = e.CheckNoNewAccess(in)
	default:
		report, err = e.CheckAccessNotGranted(in)
	}
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		err = writeCheckJSON(opts.Stdout, report)
	} else {
		err = writeCheckText(opts.Stdout, report)
	}
	if err != nil {
		return err
	}
	if report.Result == api.CheckFail {
		return &exitError{ExitFindings}
	}
	return nil
}
