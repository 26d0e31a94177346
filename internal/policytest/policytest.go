// Package policytest holds helpers for tests of policies: rewriting
// policy sets (the evaluator's fuzz target and the scenario corpus's
// property tests shuffle, remove and add statements with them) and a
// reference matcher of IAM wildcards that fuzz targets compare the
// compiled matchers with.
package policytest

import (
	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// MapDocs returns a copy of the policies with every document replaced by
// f's result; nil drops a document from a list.
func MapDocs(p evaluator.Policies, f func(*policy.Document) *policy.Document) evaluator.Policies {
	one := func(d *policy.Document) *policy.Document {
		if d == nil {
			return nil
		}
		return f(d)
	}
	list := func(ds []*policy.Document) []*policy.Document {
		var out []*policy.Document
		for _, d := range ds {
			if nd := one(d); nd != nil {
				out = append(out, nd)
			}
		}
		return out
	}
	levels := func(ls [][]*policy.Document) [][]*policy.Document {
		var out [][]*policy.Document
		for _, l := range ls {
			out = append(out, list(l))
		}
		return out
	}
	return evaluator.Policies{
		Identity: list(p.Identity), Resource: one(p.Resource), Boundary: one(p.Boundary),
		Session: one(p.Session), Endpoint: one(p.Endpoint), SCPs: levels(p.SCPs), RCPs: levels(p.RCPs),
	}
}

// WithStatements copies a document with other statements.
func WithStatements(d *policy.Document, sts []*policy.Statement) *policy.Document {
	c := *d
	c.Statements = sts
	return &c
}

// Glob is the reference matcher of IAM wildcards
// (reference_policies_elements_action.md; reference_policies_elements_resource.md
// "Using wildcards in resource ARNs"): * matches any run of characters,
// possibly empty, and ? exactly one; every other character itself. It is
// obviously correct and exponential only in the number of stars, so
// callers keep patterns short.
func Glob(pattern, s []rune) bool {
	switch {
	case len(pattern) == 0:
		return len(s) == 0
	case pattern[0] == '*':
		return Glob(pattern[1:], s) || len(s) > 0 && Glob(pattern, s[1:])
	case len(s) == 0:
		return false
	case pattern[0] == '?' || pattern[0] == s[0]:
		return Glob(pattern[1:], s[1:])
	}
	return false
}
