package api

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/iac"
	"github.com/iamsim/iamsim/internal/managedpolicies"
	"github.com/iamsim/iamsim/internal/scenario"
	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/internal/textdist"
	"github.com/iamsim/iamsim/policy"
)

// policyReader reads policy arguments (policyArg) for every command that
// takes them: eval's policy flags and simulate-*'s policy lists.
type policyReader struct {
	stdin     io.Reader
	stdinUsed bool
	limits    source.Limits // how much of one file is read, and of each policy
	problems  policy.ErrorList
	err       error // the first error that is not a policy problem
	// kindFlag is the flag that overrides a detected kind ("" when the
	// command has none), named in problems the detection caused; when
	// kindGiven is set that flag was given, so a resource policy is read
	// as the kind asked for, not detected.
	kindFlag  string
	kindGiven bool
	// detect reads each policy as the kind policy.DetectKind finds in it,
	// not the kind asked for.
	detect bool
	// code reads the infrastructure code an argument names.
	code *iac.Reader
}

// policyArg reads one policy argument, in any of its forms: a policy of
// infrastructure code (FILE#SELECTOR, or a template, Terraform module or
// plan that holds one policy; docs/iac.md), an AWS managed policy ARN (arn:aws:iam::aws:policy/ReadOnlyAccess, from
// iamsim's snapshot, named by its ARN in explanations), inline JSON (a
// value starting with "{", named label in positions: --identity:1:15),
// file://path as the AWS CLI takes it, a path, or - for standard input
// (once). A resource policy that reads as a role trust policy becomes
// one. The first error that is not about a policy's content (a missing
// file, an unknown ARN) is kept in r.err and stops further reading;
// problems in the policies are collected in r.problems.
func (r *policyReader) policyArg(arg, label string, kind policy.Kind) *policy.Document {
	if r.err != nil {
		return nil
	}
	if path, selector, ok := codeRef(arg); ok {
		return r.codeArg(path, selector, label, kind)
	}
	name, src, err := r.source(arg, label)
	if err != nil {
		r.err = err
		return nil
	}
	if !strings.HasPrefix(strings.TrimSpace(arg), "{") && iac.DetectFile(name, src) != iac.None {
		return r.codeArg(name, "", label, kind)
	}
	if r.detect {
		kind = policy.DetectKind(src)
	}
	var doc *policy.Document
	if kind == policy.Resource && !r.kindGiven {
		doc, err = scenario.ParseDetected(name, src, r.kindFlag, r.limits.Policy)
	} else {
		doc, err = r.limits.Policy.Parse(name, src, kind)
	}
	if err != nil {
		r.problems = append(r.problems, err.(policy.ErrorList)...)
		return nil
	}
	return doc
}

// codeArg reads the policy of infrastructure code that a policy argument
// names: path's policy that selector names, or its only one.
func (r *policyReader) codeArg(path, selector, label string, kind policy.Kind) *policy.Document {
	if r.code == nil {
		r.code = &iac.Reader{Limits: r.limits}
	}
	p, err := codePolicy(r.code, path, selector)
	if err != nil {
		if list, ok := err.(policy.ErrorList); ok {
			r.problems = append(r.problems, list...)
		} else {
			r.err = fmt.Errorf("%s: %w", label, err)
		}
		return nil
	}
	if r.detect {
		kind = p.Kind
	}
	doc, err := p.Parse(r.limits.Policy, iac.KindAs(p, kind, !r.kindGiven))
	if err != nil {
		r.problems = append(r.problems, err.(policy.ErrorList)...)
		return nil
	}
	return doc
}

// done returns the first error that stopped the reading, else the
// problems in the policies read, if any.
func (r *policyReader) done() error {
	if r.err != nil {
		return r.err
	}
	if len(r.problems) > 0 {
		return InputProblems(r.problems)
	}
	return nil
}

// source returns a policy argument's name in positions and its text.
func (r *policyReader) source(arg, label string) (string, []byte, error) {
	trimmed := strings.TrimSpace(arg)
	switch {
	case strings.HasPrefix(trimmed, "{"):
		return label, []byte(arg), nil
	case strings.HasPrefix(trimmed, managedpolicies.ARNPrefix+"/"):
		src, err := managedPolicy(trimmed)
		if err != nil {
			return "", nil, fmt.Errorf("%s %s: %w", label, trimmed, err)
		}
		return trimmed, src, nil
	}
	name, stdin := source.Name(arg)
	if !stdin {
		src, err := r.limits.ReadFile(name)
		if _, serr := os.Stat(name); err != nil && errors.Is(serr, fs.ErrNotExist) {
			// Perhaps not meant as a file: say what else the flag takes.
			flag, _, _ := strings.Cut(label, "[")
			err = fmt.Errorf("%w (%s takes a policy file, inline JSON starting with {, - for standard input, or an AWS managed policy ARN)", err, flag)
		}
		return name, src, err
	}
	if r.stdinUsed {
		return "", nil, fmt.Errorf("%s -: standard input can be read only once", label)
	}
	r.stdinUsed = true
	src, err := r.limits.Read(name, r.stdin)
	return name, src, err
}

// managedPolicy returns the document of an AWS managed policy from
// iamsim's snapshot; for an ARN it does not hold, an error with the
// nearest policy's ARN.
func managedPolicy(arn string) ([]byte, error) {
	snap, err := managedpolicies.Embedded()
	if err != nil {
		return nil, err
	}
	if p, ok := snap.ByARN(arn); ok {
		return p.Document, nil
	}
	name := strings.ToLower(arn[strings.LastIndexByte(arn, '/')+1:])
	names := make([]string, len(snap.Policies))
	for i, p := range snap.Policies {
		names[i] = strings.ToLower(p.Name)
	}
	msg := fmt.Sprintf("not an AWS managed policy in iamsim's snapshot (data of %s)", snap.Info.Date)
	if i := textdist.NearestWithin(name, names, len(name)/3+2); i >= 0 {
		msg += fmt.Sprintf("; did you mean %s?", snap.Policies[i].ARN)
	}
	return nil, errors.New(msg)
}

// snapshotNotes says, for the result's notes, which of the policies came
// from iamsim's snapshot of AWS managed policies, with their version and
// the snapshot's date: AWS may have changed them since.
func snapshotNotes(p evaluator.Policies) []evaluator.Note {
	snap, err := managedpolicies.Embedded()
	if err != nil {
		return nil
	}
	var notes []evaluator.Note
	seen := map[string]bool{}
	for _, d := range documents(p) {
		if seen[d.Name] {
			continue
		}
		seen[d.Name] = true
		if mp, ok := snap.ByARN(d.Name); ok {
			notes = append(notes, evaluator.Note{Code: NoteSnapshotVersion, Args: []any{mp.ARN, mp.VersionID, snap.Info.Date}})
		}
	}
	return notes
}

// argLabel names the i-th of n values of a policy flag in positions:
// --identity when it is given once, --identity[1] for the second of
// several.
func argLabel(flag string, i, n int) string {
	if n == 1 {
		return flag
	}
	return fmt.Sprintf("%s[%d]", flag, i)
}

// evalPolicies reads the policies the options name, in any form policyArg
// takes.
func (e Engine) evalPolicies(opts EvalOptions) (evaluator.Policies, error) {
	return e.flagPolicies(opts, "--")
}

// flagPolicies reads the policies the options name, whose flags are
// named prefix+"identity", prefix+"boundary" and so on in positions and
// errors: "--" for eval's policy flags, "--baseline-" for a replay diff's
// baseline.
func (e Engine) flagPolicies(opts EvalOptions, prefix string) (evaluator.Policies, error) {
	r := &policyReader{stdin: opts.Stdin, limits: e.Limits, kindFlag: "--resource-policy-type", code: e.codeReader()}
	var p evaluator.Policies
	one := func(arg, label string, kind policy.Kind) *policy.Document {
		if arg == "" {
			return nil
		}
		return r.policyArg(arg, label, kind)
	}
	for i, f := range opts.Identity {
		if d := one(f, argLabel(prefix+"identity", i, len(opts.Identity)), policy.Identity); d != nil {
			p.Identity = append(p.Identity, d)
		}
	}
	switch opts.ResourcePolicyType {
	case "":
		p.Resource = one(opts.ResourcePolicy, prefix+"resource-policy", policy.Resource)
	case "resource", "trust":
		kind, _ := policy.ParseKind(opts.ResourcePolicyType)
		r.kindGiven = true
		p.Resource = one(opts.ResourcePolicy, prefix+"resource-policy", kind)
	default:
		return p, fmt.Errorf("--resource-policy-type %q: want resource or trust", opts.ResourcePolicyType)
	}
	p.Boundary = one(opts.Boundary, prefix+"boundary", policy.Boundary)
	p.Session = one(opts.SessionPolicy, prefix+"session-policy", policy.Session)
	p.Endpoint = one(opts.EndpointPolicy, prefix+"endpoint-policy", policy.Endpoint)
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
	p.SCPs, p.RCPs = levels(prefix+"scp", opts.SCPs, policy.SCP), levels(prefix+"rcp", opts.RCPs, policy.RCP)
	return p, r.done()
}

// stdinPolicies reports whether a policy argument of opts reads standard
// input.
func (opts EvalOptions) stdinPolicies() bool {
	args := append([]string{opts.ResourcePolicy, opts.Boundary, opts.SessionPolicy, opts.EndpointPolicy}, opts.Identity...)
	for _, level := range append(append([]string{}, opts.SCPs...), opts.RCPs...) {
		args = append(args, strings.Split(level, ",")...)
	}
	for _, a := range args {
		if _, stdin := source.Name(a); stdin {
			return true
		}
	}
	return false
}
