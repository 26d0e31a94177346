package cli

import (
	"fmt"
	"io"
	"maps"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// simulateOptions are the inputs of `iamsim simulate-principal-policy` and
// `iamsim simulate-custom-policy`, named as the AWS CLI names them.
type simulateOptions struct {
	Custom           bool   // simulate-custom-policy
	PolicySourceARN  string // simulate-principal-policy
	PolicyInputs     []string
	BoundaryInputs   []string
	ActionNames      []string
	ResourceARNs     []string
	ResourcePolicy   string
	ResourceOwner    string
	CallerARN        string
	ContextEntries   []string
	AccountDetails   []string
	Org              string
	ResourcePolicies string
	Output           string
	// AllowUnknownActions makes an action the catalog does not know a
	// warning instead of an input error.
	AllowUnknownActions bool
	// Limits bound what is read of each file (--max-file-size), and
	// MaxExportSize of each account export (--max-export-size).
	Limits        source.Limits
	MaxExportSize int64

	Stdin  io.Reader
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
	opts := &simulateOptions{Custom: custom}
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
			opts.Limits = limits(cmd)
			opts.MaxExportSize = accountLimits(cmd).MaxExportSize
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
	r := &policyReader{stdin: opts.Stdin, limits: opts.Limits}
	var pol evaluator.Policies
	for i, in := range opts.PolicyInputs {
		if d := r.policyArg(in, fmt.Sprintf("--policy-input-list[%d]", i), policy.Identity); d != nil {
			pol.Identity = append(pol.Identity, d)
		}
	}
	if len(opts.BoundaryInputs) > 1 {
		return fmt.Errorf("--permissions-boundary-policy-input-list: a principal has one permissions boundary; give one policy")
	}
	for _, in := range opts.BoundaryInputs {
		pol.Boundary = r.policyArg(in, "--permissions-boundary-policy-input-list", policy.Boundary)
	}
	if opts.ResourcePolicy != "" {
		pol.Resource = r.policyArg(opts.ResourcePolicy, "--resource-policy", policy.Resource)
	}
	if r.err != nil {
		return r.err
	}
	if len(r.problems) > 0 {
		return inputProblems(r.problems)
	}
	owner, err := resourceOwner(opts.ResourceOwner)
	if err != nil {
		return err
	}
	ctx := evaluator.Context{}
	if err := parseContextEntries(ctx, opts.ContextEntries); err != nil {
		return err
	}
	chk := reqcheck.New(opts.AllowUnknownActions, reqcheck.Documents(pol)...)
	warnings, err := checkActions(chk, "--action-names", opts.ActionNames)
	if err != nil {
		return err
	}
	resources := opts.ResourceARNs
	if len(resources) == 0 {
		resources = []string{"*"}
	}
	// The warnings on the policies' statements come first, once each.
	warner := &policyWarner{stderr: opts.Stderr}
	var cases []awsCase
	if opts.Custom {
		warner.warn(reqcheck.Documents(pol)...)
		cases, err = simulateCustom(opts, pol, ctx, resources, owner)
	} else {
		cases, err = simulatePrincipal(opts, pol, ctx, resources, owner, chk, warner)
	}
	if err != nil {
		return err
	}
	for _, a := range opts.ActionNames {
		for _, w := range append(append(warnings[a], chk.Context(a, ctx)...), resourceWarnings(chk, a, resources)...) {
			fmt.Fprintf(opts.Stderr, "iamsim: warning: %s\n", w)
		}
	}
	opts.warnAssumedAccounts(cases)
	return writeAWS(opts.Stdout, cases, false)
}

// resourceWarnings checks the resources of simulate-*'s requests for
// action a (reqcheck): AWS decides every action on every resource, so an
// action is reported only when it acts on none of them, once per
// resource.
func resourceWarnings(chk *reqcheck.Checker, a string, resources []string) []string {
	var out []string
	for _, r := range resources {
		w := chk.Resource(a, r)
		if w == "" {
			return nil
		}
		out = append(out, w)
	}
	return out
}

// warnAssumedAccounts says on standard error, once per resource, when a
// resource's account was assumed to be the caller's: AWS's output has no
// place for eval's note.
func (opts *simulateOptions) warnAssumedAccounts(cases []awsCase) {
	how := "--resource-owner"
	if !opts.Custom {
		how += ", or account: for the resource in the resource manifest (--resource-policies)"
	}
	said := map[string]bool{}
	for _, c := range cases {
		if n := assumedAccountNote(c.prepared, how); n != "" && !said[c.request.Resource] {
			said[c.request.Resource] = true
			fmt.Fprintf(opts.Stderr, "iamsim: warning: %s: %s\n", c.request.Resource, n)
		}
	}
}

// resourceOwner reads --resource-owner: an account ID or the account's
// root ARN, as AWS takes it.
func resourceOwner(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	id := s
	if f := strings.SplitN(s, ":", 6); len(f) == 6 && f[5] == "root" {
		id = f[4]
	}
	if !policy.IsAccountID(id) {
		return "", fmt.Errorf("--resource-owner %q: want an account ID or arn:aws:iam::ACCOUNT:root", s)
	}
	return id, nil
}

func simulateCustom(opts *simulateOptions, pol evaluator.Policies, ctx evaluator.Context, resources []string, owner string) ([]awsCase, error) {
	set, err := evaluator.Compile(pol, evaluator.Organization{})
	if err != nil {
		return nil, err
	}
	caller := opts.CallerARN
	if caller == "" {
		// AWS simulates an unnamed IAM user of the resource's account.
		acct := owner
		if acct == "" {
			acct = "123456789012"
		}
		caller = "arn:aws:iam::" + acct + ":user/simulated-user"
	}
	var cases []awsCase
	for _, a := range opts.ActionNames {
		for _, res := range resources {
			req := evaluator.Request{Principal: caller, Action: a, Resource: res, ResourceAccount: owner, Context: maps.Clone(ctx)}
			c, err := decide(set, req)
			if err != nil {
				return nil, err
			}
			cases = append(cases, c)
		}
	}
	return cases, nil
}

// simulatePrincipal decides the requests of the policy source; the
// documents of each request's policies join chk's, so that a context key
// they read is not reported, and warner says what is wrong with their
// statements' actions.
func simulatePrincipal(opts *simulateOptions, extra evaluator.Policies, ctx evaluator.Context, resources []string, owner string, chk *reqcheck.Checker, warner *policyWarner) ([]awsCase, error) {
	data, err := loadAccountData(account.Limits{Files: opts.Limits, MaxExportSize: opts.MaxExportSize}, opts.AccountDetails, opts.Org, opts.ResourcePolicies)
	if err != nil {
		return nil, err
	}
	group := strings.HasPrefix(opts.PolicySourceARN, "arn:aws:iam::") && strings.Contains(opts.PolicySourceARN, ":group/")
	var prin *account.Principal
	if group {
		prin, err = data.Group(opts.PolicySourceARN)
	} else {
		prin, err = data.Principal(opts.PolicySourceARN)
	}
	if err != nil {
		return nil, err
	}
	if prin.User == nil && prin.Role == nil && prin.Group == nil {
		return nil, fmt.Errorf("--policy-source-arn %s: not a user, group or role of the loaded accounts", opts.PolicySourceARN)
	}
	caller := opts.CallerARN
	switch {
	case caller != "":
	case group:
		// A group makes no requests. AWS requires CallerArn when a
		// resource policy is simulated and the source is not a user;
		// without one, iamsim's caller is an unnamed user of the group's
		// account, as simulate-custom-policy's is.
		caller = "arn:aws:iam::" + prin.Account + ":user/simulated-user"
	default:
		caller = opts.PolicySourceARN
	}
	// The request's context (tags, organization keys) is the caller's:
	// the policy source's by default, else the --caller-arn principal's
	// when it is in the loaded accounts.
	from := prin
	if opts.CallerARN != "" {
		from = nil
		if p, err := data.Principal(opts.CallerARN); err == nil {
			from = p
		}
	}
	r, err := account.NewResolver(data, account.ResolverOptions{Overlay: account.Overlay{Policies: extra}, Context: ctx})
	if err != nil {
		return nil, err
	}
	var cases []awsCase
	for _, a := range opts.ActionNames {
		for _, res := range resources {
			// The resource's owner: --resource-owner, else the manifest's
			// account: for it, as in eval --account-details.
			req := evaluator.Request{Principal: caller, Action: a, Resource: res, ResourceAccount: owner}
			rs, err := r.ResolveAs(prin, from, &req)
			if err != nil {
				return nil, err
			}
			chk.AddPolicies(rs.Policies)
			warner.warn(reqcheck.Documents(rs.Policies)...)
			if group && opts.CallerARN == "" && rs.Policies.Resource != nil {
				return nil, fmt.Errorf("--caller-arn is required: %s is a group, which makes no requests, and %s on %s has a resource-based policy whose Principal element needs a caller (AWS requires CallerArn here too)", opts.PolicySourceARN, a, res)
			}
			c, err := decide(rs.Set, req)
			if err != nil {
				return nil, err
			}
			cases = append(cases, c)
		}
	}
	return cases, nil
}

// decide prepares and evaluates one request.
func decide(set *evaluator.PolicySet, req evaluator.Request) (awsCase, error) {
	prep, err := evaluator.Prepare(&req)
	if err != nil {
		return awsCase{}, err
	}
	res := &evaluator.Result{}
	set.EvaluatePrepared(prep, evaluator.Options{}, res)
	return awsCase{request: req, result: res, prepared: prep}, nil
}
