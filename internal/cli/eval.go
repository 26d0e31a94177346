package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/explain"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/internal/scenario"
	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// evalOptions are the inputs of `iamsim eval`.
type evalOptions struct {
	Principal       string
	Actions         []string
	Resources       []string
	ResourceAccount string
	Context         []string
	ContextFile     string
	ContextEntries  []string
	Identity        []string
	ResourcePolicy  string
	// ResourcePolicyType is resource or trust: how to read
	// ResourcePolicy; "" detects it from the content.
	ResourcePolicyType string
	Boundary           string
	SessionPolicy      string
	EndpointPolicy     string
	SCPs               []string
	RCPs               []string
	ManagementAccount  string
	RoleARN            string
	Now                string
	Scenario           string
	AccountDetails     []string
	Org                string
	ResourcePolicies   string
	Format             string
	Verbose            bool
	NoColor            bool
	Expect             string
	Requests           string
	Strict             bool
	// AllowUnknownActions makes an action the catalog does not know a
	// warning instead of an input error.
	AllowUnknownActions bool
	// Limits bound what is read of each file (--max-file-size), and
	// MaxExportSize of each account export (--max-export-size).
	Limits        source.Limits
	MaxExportSize int64

	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Color is set when the output may use colour (a terminal, no
	// --no-color, no NO_COLOR).
	Color bool
	Clock func() time.Time
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

Exit status: 0 done, 1 a decision differs from --expect or from a
scenario's expect, or is unreliable (a Deny statement did not apply only
because a request value has the wrong type), 2 usage or input error.`,
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
			opts.Limits = limits(cmd)
			opts.MaxExportSize = accountLimits(cmd).MaxExportSize
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
	f.StringVar(&opts.Format, "format", "text", "output: text, json, or aws (the response of AWS's SimulateCustomPolicy, docs/aws-format.md)")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "show every statement, matched or not, with why")
	f.BoolVar(&opts.NoColor, "no-color", false, "no colour, even on a terminal")
	f.StringVar(&opts.Expect, "expect", "", "exit 1 unless every decision is this: allowed, explicitDeny or implicitDeny")
	f.StringVar(&opts.Requests, "requests", "", "batch mode: decide every request of a JSON-lines file, a CloudTrail log (gzip or plain) or a directory of them; - for standard input (docs/cli.md, \"Batch mode\")")
	f.BoolVar(&opts.Strict, "strict", false, "with --requests, stop with exit status 2 at the first malformed request")
	addAllowUnknownActions(cmd, &opts.AllowUnknownActions)
	return cmd
}

// evalCase is one request to decide, with the policies that decide it
// and what the scenario expects.
type evalCase struct {
	name     string
	request  evaluator.Request
	prepared *evaluator.Prepared
	set      *evaluator.PolicySet
	expect   *evaluator.Decision
	// notes say where account data came from (AWS managed policies taken
	// from iamsim's snapshot); they join the result's notes.
	notes []string
	// accountFrom says where the request's resource account came from
	// when the command, not the user, gave it: "the resource manifest
	// FILE" (explain.Options.AccountFrom).
	accountFrom string
	// warnings are the request's problems that did not stop it: an
	// action of a policy statement that the catalog does not know
	// (first), an unknown action allowed by --allow-unknown-actions, an
	// unknown context key. Text output says each warning once, however
	// many requests share it.
	warnings []string
}

func runEval(opts *evalOptions) error {
	if opts.Requests != "" || opts.Strict {
		return runBatch(opts)
	}
	if opts.Format != "text" && opts.Format != "json" && opts.Format != "aws" {
		return fmt.Errorf("--format %q: want text, json or aws", opts.Format)
	}
	var expect *evaluator.Decision
	if opts.Expect != "" {
		d, err := parseExpect(opts.Expect)
		if err != nil {
			return err
		}
		expect = &d
	}
	cases, err := opts.load()
	if err != nil {
		return err
	}
	var results []jsonResult
	var decided []awsCase
	mismatches, unreliable := 0, 0
	said := map[string]bool{}
	for i, c := range cases {
		res := &evaluator.Result{}
		c.set.EvaluatePrepared(c.prepared, evaluator.Options{Trace: true}, res)
		for _, n := range c.notes {
			res.Notes = append(res.Notes, evaluator.Note{Text: n})
		}
		if n := assumedAccountNote(c.prepared, opts.resourceAccountHow()); n != "" {
			res.Notes = append(res.Notes, evaluator.Note{Text: n})
		}
		want := c.expect
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
			jr := jsonResult{Name: c.name, Request: requestJSON(c.request), Expect: want, Warnings: c.warnings, Result: res}
			jr.Request.ResourceAccountFrom = c.accountFrom
			results = append(results, jr)
		case "aws":
			decided = append(decided, awsCase{request: c.request, result: res})
			for _, w := range c.warnings {
				if !said[w] {
					said[w] = true
					fmt.Fprintf(opts.Stderr, "iamsim: warning: %s\n", w)
				}
			}
		default:
			if i > 0 {
				fmt.Fprintln(opts.Stdout)
			}
			for _, w := range c.warnings {
				if !said[w] {
					said[w] = true
					fmt.Fprintf(opts.Stdout, "Warning: %s\n", w)
				}
			}
			explain.Write(opts.Stdout, c.prepared, res, explain.Options{Name: c.name, Expect: want, Verbose: opts.Verbose, Color: opts.Color, AccountFrom: c.accountFrom})
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
		if err := writeAWS(opts.Stdout, decided, opts.Scenario != ""); err != nil {
			return err
		}
	}
	return decisionsOutcome(opts.Stderr, len(cases), unreliable, mismatches)
}

// parseExpect reads the decision --expect gives.
func parseExpect(s string) (evaluator.Decision, error) {
	d, err := evaluator.ParseDecision(s)
	var re *evaluator.RequestError
	if errors.As(err, &re) {
		return d, fmt.Errorf("--expect %q: %s", s, re.Msg)
	}
	return d, nil
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

// load builds the requests with their policy sets: from a scenario, from
// account data, or from the flags.
func (opts *evalOptions) load() ([]evalCase, error) {
	if opts.Scenario != "" {
		return opts.loadScenario()
	}
	if err := needFlags("eval", "--scenario FILE", needFlag{"--principal", opts.Principal != ""},
		needFlag{"--action", len(opts.Actions) > 0}, needFlag{"--resource", len(opts.Resources) > 0}); err != nil {
		return nil, err
	}
	if len(opts.AccountDetails) == 0 && (opts.Org != "" || opts.ResourcePolicies != "") {
		return nil, fmt.Errorf("--org and --resource-policies describe real accounts: give their exports with --account-details")
	}
	p, err := opts.flagPolicies()
	if err != nil {
		return nil, err
	}
	ctx, err := opts.context()
	if err != nil {
		return nil, err
	}
	chk := reqcheck.New(opts.AllowUnknownActions, reqcheck.Documents(p)...)
	warnings, err := checkActions(chk, "--action", opts.Actions)
	if err != nil {
		return nil, err
	}
	notes := snapshotNotes(p)
	var cases []evalCase
	if len(opts.AccountDetails) > 0 {
		cases, err = opts.loadAccounts(p, ctx, chk)
	} else {
		cases, err = opts.flagCases(p, ctx)
		// One policy set decides every case: check its actions once. The
		// cases share the list; appends below go to a clipped copy.
		policyWarnings := chk.PolicyActions(reqcheck.Documents(p)...)
		for i := range cases {
			cases[i].warnings = policyWarnings
		}
	}
	for i := range cases {
		// The context as given: account data adds keys of its own.
		a := cases[i].request.Action
		cases[i].warnings = append(append(slices.Clip(cases[i].warnings), warnings[a]...), chk.Context(a, ctx)...)
		if w := chk.Resource(a, cases[i].request.Resource); w != "" {
			cases[i].warnings = append(cases[i].warnings, w)
		}
		cases[i].notes = append(cases[i].notes, notes...)
	}
	return cases, err
}

// flagCases builds the requests of the flags, every --action with every
// --resource, decided by the flags' policies.
func (opts *evalOptions) flagCases(p evaluator.Policies, ctx evaluator.Context) ([]evalCase, error) {
	org := evaluator.Organization{ManagementAccount: opts.ManagementAccount}
	set, err := evaluator.Compile(p, org)
	if err != nil {
		return nil, err
	}
	var cases []evalCase
	for _, a := range opts.Actions {
		for _, res := range opts.Resources {
			cases = append(cases, evalCase{set: set, request: evaluator.Request{
				Principal: opts.Principal, Action: a, Resource: res, ResourceAccount: opts.ResourceAccount,
				Context: ctx, RoleARN: opts.RoleARN,
			}})
		}
	}
	return cases, prepareCases(cases)
}

// checkActions checks the actions a flag gives (reqcheck): an unknown
// one is an error naming the flag, unless unknown actions are allowed;
// the warnings are returned by action.
func checkActions(chk *reqcheck.Checker, flag string, actions []string) (map[string][]string, error) {
	warnings := map[string][]string{}
	for _, a := range actions {
		w, err := chk.Action(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", flag, err)
		}
		if w != "" {
			warnings[a] = []string{w}
		}
	}
	return warnings, nil
}

// policyWarner says on standard error, once each, the warnings on the
// actions of policy statements that the catalog does not know
// (reqcheck.PolicyActions), for the commands whose output has no place
// for them: batch (once per policy set) and simulate-*.
type policyWarner struct {
	stderr io.Writer
	said   map[string]bool
}

func (p *policyWarner) warn(docs ...*policy.Document) {
	for _, w := range reqcheck.New(true).PolicyActions(docs...) {
		if !p.said[w] {
			if p.said == nil {
				p.said = map[string]bool{}
			}
			p.said[w] = true
			fmt.Fprintf(p.stderr, "iamsim: warning: %s\n", w)
		}
	}
}

// addAllowUnknownActions defines --allow-unknown-actions.
func addAllowUnknownActions(cmd *cobra.Command, allow *bool) {
	cmd.Flags().BoolVar(allow, strings.TrimPrefix(reqcheck.AllowFlag, "--"), false,
		"decide actions that are not in iamsim's service catalog (services newer than it), with a warning, instead of refusing them")
}

// flagPolicies reads the policies the flags name, in any form policyArg
// takes.
func (opts *evalOptions) flagPolicies() (evaluator.Policies, error) {
	r := &policyReader{stdin: opts.Stdin, limits: opts.Limits, kindFlag: "--resource-policy-type"}
	var p evaluator.Policies
	one := func(arg, label string, kind policy.Kind) *policy.Document {
		if arg == "" {
			return nil
		}
		return r.policyArg(arg, label, kind)
	}
	for i, f := range opts.Identity {
		if d := one(f, argLabel("--identity", i, len(opts.Identity)), policy.Identity); d != nil {
			p.Identity = append(p.Identity, d)
		}
	}
	switch opts.ResourcePolicyType {
	case "":
		p.Resource = one(opts.ResourcePolicy, "--resource-policy", policy.Resource)
	case "resource", "trust":
		kind, _ := policy.ParseKind(opts.ResourcePolicyType)
		r.kindGiven = true
		p.Resource = one(opts.ResourcePolicy, "--resource-policy", kind)
	default:
		return p, fmt.Errorf("--resource-policy-type %q: want resource or trust", opts.ResourcePolicyType)
	}
	p.Boundary = one(opts.Boundary, "--boundary", policy.Boundary)
	p.Session = one(opts.SessionPolicy, "--session-policy", policy.Session)
	p.Endpoint = one(opts.EndpointPolicy, "--endpoint-policy", policy.Endpoint)
	// A level is FILE[,FILE...], or one inline policy, whose commas are
	// its own.
	levels := func(flag string, values []string, kind policy.Kind) [][]*policy.Document {
		var out [][]*policy.Document
		for i, level := range values {
			args := []string{level}
			if !strings.HasPrefix(strings.TrimSpace(level), "{") {
				args = strings.Split(level, ",")
			}
			var docs []*policy.Document
			for _, a := range args {
				if d := one(a, argLabel(flag, i, len(values)), kind); d != nil {
					docs = append(docs, d)
				}
			}
			out = append(out, docs)
		}
		return out
	}
	p.SCPs, p.RCPs = levels("--scp", opts.SCPs, policy.SCP), levels("--rcp", opts.RCPs, policy.RCP)
	if r.err != nil {
		return p, r.err
	}
	if len(r.problems) > 0 {
		return p, inputProblems(r.problems)
	}
	return p, nil
}

// context reads the request context the flags give.
func (opts *evalOptions) context() (evaluator.Context, error) {
	ctx := evaluator.Context{}
	if opts.ContextFile != "" {
		if err := parseContextFile(ctx, opts.ContextFile, opts.Limits); err != nil {
			return nil, err
		}
	}
	if err := parseContext(ctx, opts.Context); err != nil {
		return nil, err
	}
	if err := parseContextEntries(ctx, opts.ContextEntries); err != nil {
		return nil, err
	}
	if err := applyNow(ctx, opts.Now, opts.Clock); err != nil {
		return nil, err
	}
	return ctx, nil
}

// prepareCases checks and prepares every request once, before any is
// evaluated.
func prepareCases(cases []evalCase) error {
	for i := range cases {
		p, err := evaluator.Prepare(&cases[i].request)
		if err != nil {
			return err
		}
		cases[i].prepared = p
	}
	return nil
}

func (opts *evalOptions) loadScenario() ([]evalCase, error) {
	if err := opts.checkModeFlags(withScenario); err != nil {
		return nil, err
	}
	s, err := scenario.Loader{Limits: opts.Limits, AllowUnknownActions: opts.AllowUnknownActions}.Load(opts.Scenario)
	if err != nil {
		return nil, inputProblems(err)
	}
	set, err := evaluator.Compile(s.Policies, s.Organization)
	if err != nil {
		return nil, err
	}
	policyWarnings := reqcheck.New(true).PolicyActions(reqcheck.Documents(s.Policies)...)
	var cases []evalCase
	for _, c := range s.Requests {
		req := c.Request
		if opts.Now != "" {
			ctx := evaluator.Context{}
			for k, v := range req.Context {
				ctx[k] = v
			}
			if err := applyNow(ctx, opts.Now, opts.Clock); err != nil {
				return nil, fmt.Errorf("%s: %w", c.Pos, err)
			}
			req.Context = ctx
		}
		cases = append(cases, evalCase{name: c.Name, request: req, set: set, expect: c.Expect,
			warnings: append(slices.Clip(policyWarnings), c.Warnings...)})
	}
	return cases, prepareCases(cases)
}
