package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/awsformat"
)

// simulateOptions are the inputs of `iamsim simulate-principal-policy` and
// `iamsim simulate-custom-policy`: the simulation's (api.SimulateOptions),
// the output format and where output goes.
type simulateOptions struct {
	api.SimulateOptions
	Output string
	// Engine holds the read limits of the root flags.
	Engine api.Engine

	Stdout io.Writer
	// Stderr gets the warnings: the output is the AWS CLI's JSON, which
	// has no place for them.
	Stderr io.Writer
}

// simulateListFlags are the flags that, as in the AWS CLI, take a list of
// values after one flag name: --action-names s3:GetObject s3:PutObject.
var simulateListFlags = map[string]bool{
	"--policy-input-list": true, "--permissions-boundary-policy-input-list": true,
	"--action-names": true, "--resource-arns": true, "--context-entries": true,
}

// expandListFlags rewrites the AWS CLI's "--flag v1 v2" lists as
// "--flag v1 --flag v2" for the simulate commands, whose flags pflag reads
// one value at a time. Root flags may come before the command name
// (iamsim --max-file-size 2MiB simulate-custom-policy ...).
func expandListFlags(args []string) []string {
	cmd := commandIndex(args)
	if cmd < 0 || (args[cmd] != "simulate-principal-policy" && args[cmd] != "simulate-custom-policy") {
		return args
	}
	out := append([]string{}, args[:cmd+1]...)
	list := ""
	for _, a := range args[cmd+1:] {
		switch {
		case strings.HasPrefix(a, "--"):
			name, _, hasValue := strings.Cut(a, "=")
			list = ""
			if simulateListFlags[name] && !hasValue {
				list = name
				continue
			}
			out = append(out, a)
		case list != "":
			out = append(out, list, a)
		default:
			out = append(out, a)
		}
	}
	return out
}

// commandIndex returns the index of the command name in args, past the
// root flags and their values, or -1.
func commandIndex(args []string) int {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			return i
		}
		if name, _, hasValue := strings.Cut(a, "="); !hasValue && rootValueFlags[strings.TrimLeft(name, "-")] {
			i++ // the flag's value
		}
	}
	return -1
}

func newSimulateCmd(custom bool, runF func(*simulateOptions) error) *cobra.Command {
	opts := &simulateOptions{SimulateOptions: api.SimulateOptions{Custom: custom}}
	use, short := "simulate-principal-policy", "AWS's SimulatePrincipalPolicy, offline, from account exports"
	example := `  iamsim simulate-principal-policy --account-details 222222222222.json \
      --policy-source-arn arn:aws:iam::222222222222:user/alice \
      --action-names s3:GetObject s3:PutObject --resource-arns arn:aws:s3:::acme-dev-data/home/alice/a.txt`
	callerHelp := "the caller, for resource policies and aws:username (default: the policy source)"
	long := `Simulate-principal-policy answers what AWS's "aws iam simulate-principal-policy"
answers, offline: the policies of the user, role or group --policy-source-arn
come from its account's export (--account-details), the SCPs and RCPs from
--org, the resource policies from --resource-policies or --resource-policy.
A group makes no requests: --caller-arn names the caller, and is required
where a resource-based policy applies. The flags are
the AWS CLI's, lists included (--action-names s3:GetObject s3:PutObject), and
the output is the AWS CLI's JSON (docs/aws-format.md), with iamsim's full
evaluation behind it: trust policies, RCPs, cross-account access.`
	if custom {
		use, short = "simulate-custom-policy", "AWS's SimulateCustomPolicy, offline"
		long = `Simulate-custom-policy answers what AWS's "aws iam simulate-custom-policy"
answers, offline: the identity-based policies of --policy-input-list (JSON, or
file://path), a permissions boundary, and a resource policy for
--caller-arn's requests. The flags are the AWS CLI's, lists included, and the
output is the AWS CLI's JSON (docs/aws-format.md).`
		example = `  iamsim simulate-custom-policy --policy-input-list file://policy.json \
      --action-names sqs:SendMessage --resource-arns arn:aws:sqs:eu-west-1:111122223333:orders
  iamsim simulate-custom-policy --policy-input-list '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}' \
      --action-names s3:GetObject --resource-arns arn:aws:s3:::amzn-s3-demo-bucket/report.csv \
      --resource-policy file://bucket-policy.json --caller-arn arn:aws:iam::111122223333:user/alice`
		callerHelp = "the caller, for resource policies and aws:username (default: an unnamed IAM user of --resource-owner's account)"
	}
	cmd := &cobra.Command{
		Use:     use,
		Short:   short,
		Long:    long + "\n\nExit status: 0 done, 2 usage or input error.",
		Example: example,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Stdin, opts.Stdout, opts.Stderr = cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()
			opts.Engine = engine(cmd)
			return runF(opts)
		},
	}
	f := cmd.Flags()
	if custom {
		f.StringArrayVar(&opts.PolicyInputs, "policy-input-list", nil, "identity-based policies: JSON, file://path or an AWS managed policy ARN (a list)")
	} else {
		f.StringVar(&opts.PolicySourceARN, "policy-source-arn", "", "the user, group or role whose policies are simulated")
		f.StringArrayVar(&opts.PolicyInputs, "policy-input-list", nil, "more identity-based policies to include: JSON, file://path or an AWS managed policy ARN (a list)")
		addAccountFlags(cmd, &opts.AccountDetails, &opts.Org, &opts.ResourcePolicies)
	}
	f.StringArrayVar(&opts.BoundaryInputs, "permissions-boundary-policy-input-list", nil, "the permissions boundary: JSON, file://path or an AWS managed policy ARN")
	f.StringArrayVar(&opts.ActionNames, "action-names", nil, "actions to simulate (a list)")
	f.StringArrayVar(&opts.ResourceARNs, "resource-arns", nil, "resources to simulate (a list; default *)")
	f.StringVar(&opts.ResourcePolicy, "resource-policy", "", "resource-based policy: JSON or file://path")
	f.StringVar(&opts.ResourceOwner, "resource-owner", "", "account that owns the resources: an account ID or arn:aws:iam::ACCOUNT:root")
	f.StringVar(&opts.CallerARN, "caller-arn", "", callerHelp)
	f.StringArrayVar(&opts.ContextEntries, "context-entries", nil, "context: ContextKeyName=K,ContextKeyValues=V,ContextKeyType=T or JSON (a list)")
	f.StringVar(&opts.Output, "output", "json", "output format; only json, as the AWS CLI's --output json")
	addAllowUnknownActions(cmd, &opts.AllowUnknownActions)
	return cmd
}

func runSimulate(opts *simulateOptions) error {
	if opts.Output != "json" {
		return fmt.Errorf("--output %q: iamsim prints the AWS CLI's JSON only", opts.Output)
	}
	var err error
	if opts.Custom {
		err = needFlags("simulate-custom-policy", "", needFlag{"--policy-input-list", len(opts.PolicyInputs) > 0},
			needFlag{"--action-names", len(opts.ActionNames) > 0})
	} else {
		err = needFlags("simulate-principal-policy", "", needFlag{"--policy-source-arn", opts.PolicySourceARN != ""},
			needFlag{"--account-details", len(opts.AccountDetails) > 0}, needFlag{"--action-names", len(opts.ActionNames) > 0})
		if err != nil && len(opts.AccountDetails) == 0 {
			err = fmt.Errorf("%w: iamsim reads the principal's policies from its account's export", err)
		}
	}
	if err != nil {
		return err
	}
	opts.Warn = func(w string) { fmt.Fprintf(opts.Stderr, "iamsim: warning: %s\n", w) }
	cases, err := opts.Engine.Simulate(opts.SimulateOptions)
	if err != nil {
		return err
	}
	return awsformat.Write(opts.Stdout, cases, false)
}
