package api

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/check"
	"github.com/iamsim/iamsim/internal/diff"
	"github.com/iamsim/iamsim/policy"
)

// CheckNoNewAccess compares the policy opts.Policies names (the updated
// policy, Access Analyzer's newPolicyDocument) with opts.Base (the
// existing one, existingPolicyDocument), as Access Analyzer's
// CheckNoNewAccess does
// (https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoNewAccess.html).
// It asks Diff, and answers in a check's shape: each widening is a
// reason with its witness, and each possible widening a reason without
// one, because Access Analyzer "errs on the side of declaring a false
// positive"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html).
// Base and the policy are files, or directories paired as Diff pairs
// them.
func (e Engine) CheckNoNewAccess(opts CheckOptions) (*CheckReport, error) {
	if len(opts.Policies) != 1 {
		return nil, fmt.Errorf("no-new-access compares one NEW policy with --base OLD, not %d", len(opts.Policies))
	}
	kind, cat, err := checkKindCatalog(opts.Type)
	if err != nil {
		return nil, err
	}
	diffs, err := e.Diff(DiffOptions{Old: opts.Base, New: opts.Policies[0], Kind: kind})
	if err != nil {
		return nil, err
	}
	from := "--type"
	if kind == nil {
		from = "detected"
	}
	report := &CheckReport{Check: "no-new-access", Base: opts.Base, Result: CheckPass, Catalog: cat.Info()}
	for _, p := range diffs.Pairs {
		name := p.New
		if name == "" {
			name = p.Old
		}
		res, err := e.noNewAccessResult(p)
		if err != nil {
			return nil, err
		}
		if res.Result == CheckFail {
			report.Result = CheckFail
		}
		report.Policies = append(report.Policies, CheckedPolicy{Name: name, Arg: p.New, Base: p.Old, Kind: p.Kind, KindFrom: from, CheckResult: res})
	}
	return report, nil
}

// noNewAccessResult turns one compared pair into a check's result: a
// reason per widening, at the NEW statement that allows it, and one per
// possible widening. A witness is shown when the evaluator allows it
// given NEW alone, as the other checks' witnesses are; otherwise (a
// principal of another account, whose own policies must allow too) the
// reason says why and still counts.
func (e Engine) noNewAccessResult(p DiffPair) (*CheckResult, error) {
	res := &CheckResult{Result: CheckPass, Message: "The new policy grants no new access."}
	var newDoc *policy.Document
	if len(p.Widenings) > 0 {
		src, err := e.Limits.ReadFile(p.New)
		if err != nil {
			return nil, err
		}
		if newDoc, err = e.diffParse(p.New, src, p.Kind); err != nil {
			return nil, err
		}
	}
	for _, f := range p.Widenings {
		levels := "not in the catalog"
		if len(f.AccessLevels) > 0 {
			levels = strings.Join(f.AccessLevels, ", ")
		}
		rs := diffReason(f.Statement, fmt.Sprintf("newly allows %s (%s) on %s", f.Witness.Action, levels, f.Witness.Resource))
		wit := diffWitness(f)
		if why := check.Confirm(newDoc, wit); why != "" {
			rs.Note = why + "; iamsim diff shows that the policy allows it and the existing one does not: the access might be new"
		} else {
			rs.Witness = wit
		}
		res.Reasons = append(res.Reasons, rs)
	}
	for _, x := range p.Possible {
		if x.Narrowing {
			continue
		}
		side, what := "NEW", "might grant new access (a possible widening)"
		if x.Old {
			side, what = "OLD", "of the existing policy: what NEW changed of it might grant new access (a possible widening)"
		}
		rs := diffReason(x.Statement, what)
		rs.Note = fmt.Sprintf("no witness: iamsim cannot settle this %s statement (%s); Access Analyzer errs on the side of declaring a false positive", side, x.Why)
		res.Reasons = append(res.Reasons, rs)
	}
	if len(res.Reasons) > 0 {
		res.Result = CheckFail
		w, maybe := len(p.Widenings), len(res.Reasons)-len(p.Widenings)
		res.Message = fmt.Sprintf("The new policy might grant new access: %d %s, %d possible %s.", w, pluralWord(w, "widening", "widenings"), maybe, pluralWord(maybe, "widening", "widenings"))
	}
	return res, nil
}

// diffReason is a reason at a statement diff names.
func diffReason(s evaluator.StatementRef, what string) CheckReason {
	name := fmt.Sprintf("statement %d", s.Index)
	if s.Sid != "" {
		name += fmt.Sprintf(" (%q)", s.Sid)
	}
	return CheckReason{Description: name + " " + what, StatementIndex: s.Index, StatementID: s.Sid, Pos: s.Pos}
}

// diffWitness is a widening's witness request as a check's witness, its
// context keys in name order.
func diffWitness(f DiffFinding) *CheckWitness {
	w := f.Witness
	wit := &CheckWitness{Principal: w.Principal, RoleARN: w.RoleARN, Action: w.Action, Resource: w.Resource}
	if arnAccount(w.Resource) == "" && arnAccount(w.Principal) != diff.HomeAccount {
		// diff decides every request in its home account; eval would
		// take the caller's where the resource ARN names none.
		wit.ResourceAccount = diff.HomeAccount
	}
	keys := make([]string, 0, len(w.Context))
	for k := range w.Context {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		wit.Context = append(wit.Context, check.ContextEntry{Key: k, Values: w.Context[k].Values})
	}
	return wit
}

// arnAccount returns the account an ARN names, or "".
func arnAccount(arn string) string {
	if f, ok := policy.SplitARN(arn); ok && policy.IsAccountID(f[4]) {
		return f[4]
	}
	return ""
}

// pluralWord picks the singular or the plural.
func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
