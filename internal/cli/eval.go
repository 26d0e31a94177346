package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/awsformat"
	"github.com/iamsim/iamsim/internal/explain"
)

// evalOptions are the inputs of `iamsim eval`: the evaluation's
// (api.EvalOptions), batch mode's, and how output looks.
type evalOptions struct {
	api.EvalOptions
	Format   string
	Verbose  bool
	NoColor  bool
	Expect   string
	Requests string
	Strict   bool
	// Baseline, with Requests, makes a replay diff.
	Baseline api.Baseline
	// Engine holds the read limits of the root flags.
	Engine api.Engine

	Stdout io.Writer
	Stderr io.Writer
	// Color is set when the output may use colour (a terminal, no
	// --no-color, no NO_COLOR).
	Color bool
}

func newEvalCmd(runF func(*evalOptions) error) *cobra.Command {
	opts := &evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Decide requests and explain the decision in AWS's evaluation order",
		Long: `Eval decides whether requests would be allowed, exactly as AWS evaluates
policies, and explains why: each step in AWS's order (explicit deny,
RCPs, SCPs level by level, VPC endpoint policy, resource-based policy,
identity-based policies, permissions boundary, session policy), the
statements that decided with file:line:col, and each condition's key,
request value, policy value and result.

Give the request and policies with flags (every --action × --resource pair
is evaluated), or run every request of a scenario file with --scenario
(see docs/scenarios.md). A policy argument is a file (path or file://path),
- for standard input, inline JSON (a value starting with "{"), or an AWS
managed policy ARN (arn:aws:iam::aws:policy/ReadOnlyAccess, from iamsim's
snapshot).

With --requests and a baseline flag (--baseline-identity OLD, ...), a
replay diff: each request is decided against the old and the new policies,
and only those whose decision changes are printed (docs/cli.md, "Replay
diff").

Exit status: 0 done, 1 a decision differs from --expect or from a
scenario's expect, is unreliable (a Deny statement did not apply only
because a request value has the wrong type), or changed in a replay diff,
2 usage or input error.`,
		Example: `  iamsim eval --scenario testdata/scenarios/s3-home-dirs.yaml
  iamsim eval --principal arn:aws:iam::111122223333:user/alice \
      --action s3:GetObject --resource arn:aws:s3:::mybucket/alice/notes.txt \
      --identity testdata/policies/identity-s3-home-dirs.json
  iamsim eval ... --context aws:SourceIp=203.0.113.5 --context aws:TagKeys=a,b
  iamsim eval ... --context-entries ContextKeyName=aws:SourceIp,ContextKeyValues=203.0.113.5,ContextKeyType=ip
  iamsim eval ... --scp root.json --scp ou.json,deny-regions.json --format json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Stdin, opts.Stdout, opts.Stderr = cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()
			opts.Color = !opts.NoColor && isTerminal(opts.Stdout) && noColorUnset()
			opts.Clock = time.Now
			opts.Engine = engine(cmd)
			return runF(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Principal, "principal", "", "caller: IAM user, role, role session, federated user or root ARN, service principal, * for anonymous, or SAML/OIDC provider")
	f.StringArrayVar(&opts.Actions, "action", nil, "action service:Name (repeatable)")
	f.StringArrayVar(&opts.Resources, "resource", nil, "resource ARN, or * (repeatable)")
	f.StringVar(&opts.ResourceAccount, "resource-account", "", "account that owns the resource (default: the ARN's account, else the principal's)")
	f.StringArrayVar(&opts.Context, "context", nil, "context key=value; key=v1,v2 or a repeated key gives a multi-valued key (repeatable)")
	f.StringVar(&opts.ContextFile, "context-file", "", "JSON or YAML map of context keys to a value or a list")
	f.StringArrayVar(&opts.ContextEntries, "context-entries", nil, "context in the AWS CLI form: ContextKeyName=K,ContextKeyValues=V1,V2,ContextKeyType=T (repeatable)")
	f.StringArrayVar(&opts.Identity, "identity", nil, "identity-based policy: a file, inline JSON or an AWS managed policy ARN (repeatable)")
	f.StringVar(&opts.ResourcePolicy, "resource-policy", "", "resource-based policy (as --identity takes it): bucket, queue or key policy, or a role trust policy")
	f.StringVar(&opts.ResourcePolicyType, "resource-policy-type", "", "read --resource-policy as resource or trust (default: detected from its content)")
	f.StringVar(&opts.Boundary, "boundary", "", "permissions boundary (as --identity takes it)")
	f.StringVar(&opts.SessionPolicy, "session-policy", "", "session policy (as --identity takes it)")
	f.StringVar(&opts.EndpointPolicy, "endpoint-policy", "", "policy of the VPC endpoint the request came through (as --identity takes it)")
	f.StringArrayVar(&opts.SCPs, "scp", nil, "SCPs of one level, POLICY[,POLICY...] or one inline policy; repeat per level, root first")
	f.StringArrayVar(&opts.RCPs, "rcp", nil, "RCPs of one level, POLICY[,POLICY...] or one inline policy; repeat per level, root first")
	f.StringVar(&opts.ManagementAccount, "management-account", "", "the organization's management account")
	f.StringVar(&opts.RoleARN, "role-arn", "", "full ARN (with path) of the role behind a role session principal")
	f.StringVar(&opts.Now, "now", "", "set aws:CurrentTime and aws:EpochTime: an RFC 3339 instant, or now")
	f.StringVar(&opts.Scenario, "scenario", "", "scenario file: policies and requests (docs/scenarios.md)")
	addAccountFlags(cmd, &opts.AccountDetails, &opts.Org, &opts.ResourcePolicies)
	addTemplateFlags(cmd, &opts.Templates, &opts.PrincipalResource)
	f.StringVar(&opts.Format, "format", "text", "output: text, json, or aws (the response of AWS's SimulateCustomPolicy, docs/aws-format.md)")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "show every statement, matched or not, with why")
	f.BoolVar(&opts.NoColor, "no-color", false, "no colour, even on a terminal")
	f.StringVar(&opts.Expect, "expect", "", "exit 1 unless every decision is this: allowed, explicitDeny or implicitDeny")
	f.StringVar(&opts.Requests, "requests", "", "batch mode: decide every request of a JSON-lines file, a CloudTrail log (gzip or plain) or a directory of them; - for standard input (docs/cli.md, \"Batch mode\")")
	f.BoolVar(&opts.Strict, "strict", false, "with --requests, stop with exit status 2 at the first malformed request")
	addAllowUnknownActions(cmd, &opts.AllowUnknownActions)
	addBaselineFlags(cmd, &opts.Baseline)
	return cmd
}

func runEval(opts *evalOptions) error {
	if opts.Requests != "" || opts.batchOnly() != "" {
		return runBatch(opts)
	}
	if opts.Format != "text" && opts.Format != "json" && opts.Format != "aws" {
		return fmt.Errorf("--format %q: want text, json or aws", opts.Format)
	}
	var expect *evaluator.Decision
	if opts.Expect != "" {
		d, err := api.ParseExpect(opts.Expect)
		if err != nil {
			return err
		}
		expect = &d
	}
	if err := opts.checkEvalFlags(); err != nil {
		return err
	}
	cases, err := opts.Engine.Evaluate(opts.EvalOptions)
	if err != nil {
		return err
	}
	var results []jsonResult
	var decided []awsformat.Case
	mismatches, unreliable := 0, 0
	said := map[string]bool{}
	for i, c := range cases {
		res := c.Result
		want := c.Expect
		if expect != nil {
			want = expect
		}
		if want != nil && res.Decision != *want {
			mismatches++
		}
		if res.Unreliable {
			unreliable++
		}
		switch opts.Format {
		case "json":
			jr := jsonResult{Name: c.Name, Request: requestJSON(c.Request), Expect: want, Warnings: c.Warnings, Result: res}
			jr.Request.ResourceAccountFrom = c.AccountFrom
			results = append(results, jr)
		case "aws":
			decided = append(decided, awsformat.Case{Request: c.Request, Result: res})
			for _, w := range c.Warnings {
				if !said[w] {
					said[w] = true
					fmt.Fprintf(opts.Stderr, "iamsim: warning: %s\n", w)
				}
			}
		default:
			if i > 0 {
				fmt.Fprintln(opts.Stdout)
			}
			for _, w := range c.Warnings {
				if !said[w] {
					said[w] = true
					fmt.Fprintf(opts.Stdout, "Warning: %s\n", w)
				}
			}
			explain.Write(opts.Stdout, c.Prepared, res, explain.Options{Name: c.Name, Expect: want, Verbose: opts.Verbose, Color: opts.Color, AccountFrom: c.AccountFrom})
		}
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			return err
		}
	}
	if opts.Format == "aws" {
		if err := awsformat.Write(opts.Stdout, decided, opts.Scenario != ""); err != nil {
			return err
		}
	}
	return decisionsOutcome(opts.Stderr, len(cases), unreliable, mismatches)
}

// decisionsOutcome reports on standard error how many of total decisions
// were unreliable and how many missed their expected decision; either
// makes the exit status 1.
func decisionsOutcome(stderr io.Writer, total, unreliable, mismatches int) error {
	if unreliable > 0 {
		fmt.Fprintf(stderr, "iamsim: %d of %d %s unreliable: a Deny statement did not apply only because a request value has the wrong type\n",
			unreliable, total, plural(total, "decision"))
	}
	if mismatches > 0 {
		fmt.Fprintf(stderr, "%d of %d %s did not get the expected decision\n", mismatches, total, plural(total, "request"))
	}
	if mismatches > 0 || unreliable > 0 {
		return &exitError{ExitFindings}
	}
	return nil
}

// jsonResult is one request's entry in --format json: the request, then
// the result's own fields (decision first).
type jsonResult struct {
	Name    string              `json:"name,omitempty"`
	Request jsonRequest         `json:"request"`
	Expect  *evaluator.Decision `json:"expect,omitempty"`
	// Warnings are the request's problems that did not stop it
	// (reqcheck).
	Warnings []string          `json:"warnings,omitempty"`
	Result   *evaluator.Result `json:"-"`
}

// MarshalJSON writes the request fields and the result's fields in one
// object.
func (r jsonResult) MarshalJSON() ([]byte, error) {
	type head jsonResult
	h, err := json.Marshal(head(r))
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(r.Result)
	if err != nil {
		return nil, err
	}
	return append(append(h[:len(h)-1], ','), body[1:]...), nil
}

type jsonRequest struct {
	Principal       string `json:"principal"`
	Action          string `json:"action"`
	Resource        string `json:"resource"`
	ResourceAccount string `json:"resourceAccount,omitempty"`
	// ResourceAccountFrom says where a resource account the user did not
	// give came from: "the resource manifest FILE".
	ResourceAccountFrom string                      `json:"resourceAccountFrom,omitempty"`
	Context             map[string]jsonContextValue `json:"context,omitempty"`
}

// jsonContextValue is a string for a single value, a list for a
// multi-valued key.
type jsonContextValue struct{ evaluator.ContextValue }

func (v jsonContextValue) MarshalJSON() ([]byte, error) {
	if !v.Multi && len(v.Values) == 1 {
		return json.Marshal(v.Values[0])
	}
	return json.Marshal(v.Values)
}

func requestJSON(r evaluator.Request) jsonRequest {
	out := jsonRequest{Principal: r.Principal, Action: r.Action, Resource: r.Resource, ResourceAccount: r.ResourceAccount}
	if len(r.Context) > 0 {
		out.Context = map[string]jsonContextValue{}
		for k, v := range r.Context {
			out.Context[k] = jsonContextValue{v}
		}
	}
	return out
}

// checkEvalFlags refuses, before anything is read, the flags eval's mode
// does not take (a scenario's) and names the flags a request needs when
// no scenario gives the requests.
func (opts *evalOptions) checkEvalFlags() error {
	if opts.Scenario != "" {
		return opts.checkModeFlags(withScenario)
	}
	if opts.PrincipalResource != "" && opts.Principal != "" {
		return fmt.Errorf("--principal-resource names the principal: do not combine it with --principal")
	}
	return needFlags("eval", "--scenario FILE", needFlag{"--principal", opts.Principal != "" || opts.PrincipalResource != ""},
		needFlag{"--action", len(opts.Actions) > 0}, needFlag{"--resource", len(opts.Resources) > 0})
}

// addAllowUnknownActions defines --allow-unknown-actions
// (reqcheck.AllowFlag, which the refusal of an unknown action names).
func addAllowUnknownActions(cmd *cobra.Command, allow *bool) {
	cmd.Flags().BoolVar(allow, "allow-unknown-actions", false,
		"decide actions that are not in iamsim's service catalog (services newer than it), with a warning, instead of refusing them")
}
