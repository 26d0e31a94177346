package api

import (
	"fmt"
	"io"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/check"
	"github.com/iamsim/iamsim/policy"
)

// CheckOptions are the inputs of an access check: the policies, the kind
// they are read as, and what the check looks for.
type CheckOptions struct {
	// Policies are policy arguments, in any form eval's policy flags take
	// (a file, inline JSON, file://path, - for Stdin, an AWS managed
	// policy ARN).
	Policies []string
	Stdin    io.Reader
	// Type is the policy kind the policies are read as; "" detects it from
	// each document (access-not-granted) or takes it from ResourceType
	// (no-public-access).
	Type string
	// Access is what access-not-granted looks for.
	Access CheckAccess
	// ResourceType is the resource type no-public-access checks for
	// (AWS::S3::Bucket).
	ResourceType string
	// Base is the existing policy no-new-access compares the policy
	// with: a file, or a directory paired as Diff pairs them.
	Base string
}

// CheckReport is the answer of a check on every policy given.
type CheckReport struct {
	// Check names the check: access-not-granted, no-public-access or
	// no-new-access.
	Check string
	// Base is the existing policy no-new-access compared with.
	Base string
	// ResourceType is the resource type no-public-access checked for.
	ResourceType string
	// Result is FAIL when the check fails for one of the policies.
	Result CheckOutcome
	// Policies are the policies checked, in the order given.
	Policies []CheckedPolicy
	// Catalog names the service catalog the check quantified over.
	Catalog CatalogInfo
}

// CheckedPolicy is one policy checked and the check's result for it.
type CheckedPolicy struct {
	// Name is the policy's name in positions: its path, or the label of
	// an inline policy.
	Name string
	// Arg is the argument that gave it, which eval takes back.
	Arg string
	// Base is the existing policy no-new-access compared it with; ""
	// for the other checks, or when a directory lacks it.
	Base string
	Kind policy.Kind
	// KindFrom says where the kind came from: "detected", "--type" or
	// "--resource-type".
	KindFrom string
	*CheckResult
}

// The check package's types that are the shape of a check's answer.
type (
	// CheckOutcome is PASS or FAIL.
	CheckOutcome = check.Outcome
	// CheckResult is one policy's result, message and reasons.
	CheckResult = check.Result
	// CheckReason is one statement that makes a check FAIL.
	CheckReason = check.Reason
	// CheckWitness is a request that proves a reason.
	CheckWitness = check.Witness
	// CheckAccess is the access access-not-granted looks for.
	CheckAccess = check.Access
)

// The outcomes of a check.
const (
	CheckPass = check.Pass
	CheckFail = check.Fail
)

// CheckResourceTypes lists the resource types no-public-access takes.
func CheckResourceTypes() []string { return check.ResourceTypes() }

// CheckAccessNotGranted reads every policy and checks that none grants
// the access (Access Analyzer's CheckAccessNotGranted). A policy that
// cannot be read, or an action that no catalog action matches, is an
// error.
func (e Engine) CheckAccessNotGranted(opts CheckOptions) (*CheckReport, error) {
	kind, cat, err := checkKindCatalog(opts.Type)
	if err != nil {
		return nil, err
	}
	q, err := check.NewAccessQuery(cat, opts.Access)
	if err != nil {
		return nil, err
	}
	from := "--type"
	if kind == nil {
		from = "detected"
	}
	return e.runCheck("access-not-granted", cat, opts, kind, from, func(doc *policy.Document) (*check.Result, error) {
		return q.Check(doc), nil
	})
}

// CheckNoPublicAccess reads every policy as the policy of a resource of
// opts.ResourceType and checks that none grants public access (Access
// Analyzer's CheckNoPublicAccess). A resource type Access Analyzer does
// not take, or a Type that is not a resource or trust policy, is an
// error.
func (e Engine) CheckNoPublicAccess(opts CheckOptions) (*CheckReport, error) {
	k, err := check.ResourceTypeKind(opts.ResourceType)
	if err != nil {
		return nil, err
	}
	from := "--resource-type"
	if opts.Type != "" {
		given, err := LintKind(opts.Type)
		if err != nil {
			return nil, err
		}
		if *given != policy.Resource && *given != policy.Trust {
			return nil, fmt.Errorf("--type %q: no-public-access checks a resource policy: want resource or trust", opts.Type)
		}
		k, from = *given, "--type"
	}
	cat, err := catalog.Load()
	if err != nil {
		return nil, err
	}
	return e.runCheck("no-public-access", cat, opts, &k, from, func(doc *policy.Document) (*check.Result, error) {
		return check.NoPublicAccess(cat, doc, opts.ResourceType)
	})
}

// runCheck reads the policies, each as kind (detected when nil), and
// checks each. Every policy is read before any is checked, so that an
// input error stops the check with all the problems.
func (e Engine) runCheck(name string, cat *catalog.Catalog, opts CheckOptions, kind *policy.Kind, from string, run func(*policy.Document) (*check.Result, error)) (*CheckReport, error) {
	r := &policyReader{stdin: opts.Stdin, limits: e.Limits, kindFlag: "--type", detect: kind == nil, kindGiven: kind != nil, code: e.codeReader()}
	asked := policy.Identity // read as detected when kind is nil
	if kind != nil {
		asked = *kind
	}
	report := &CheckReport{Check: name, Result: CheckPass, Catalog: cat.Info()}
	if name == "no-public-access" {
		report.ResourceType = opts.ResourceType
	}
	var docs []*policy.Document
	for i, arg := range opts.Policies {
		doc := r.policyArg(arg, argLabel("policy", i, len(opts.Policies)), asked)
		if doc != nil {
			docs = append(docs, doc)
			report.Policies = append(report.Policies, CheckedPolicy{Name: doc.Name, Arg: arg, Kind: doc.Kind, KindFrom: from})
		}
	}
	if err := r.done(); err != nil {
		return nil, err
	}
	for i, doc := range docs {
		res, err := run(doc)
		if err != nil {
			return nil, err
		}
		report.Policies[i].CheckResult = res
		if res.Result == CheckFail {
			report.Result = CheckFail
		}
	}
	return report, nil
}

// checkKindCatalog reads --type (nil: detect the kind) and loads the
// catalog a check quantifies over.
func checkKindCatalog(typ string) (*policy.Kind, *catalog.Catalog, error) {
	kind, err := LintKind(typ)
	if err != nil {
		return nil, nil, err
	}
	cat, err := catalog.Load()
	return kind, cat, err
}
