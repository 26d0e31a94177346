package api

import (
	"errors"
	"path/filepath"
	"strings"

	"github.com/iamsim/iamsim/internal/iac"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/internal/lint"
	"github.com/iamsim/iamsim/policy"
)

// codeLint is what a lint keeps across inputs of infrastructure code: the
// reader, and the policies linted so far.
type codeLint struct {
	reader *iac.Reader
	linted map[string]bool
	// read holds the directories whose code was read as part of other
	// code (a module a module calls).
	read map[string]bool
}

// lintCode lints every policy of infrastructure code (a template, a
// Terraform module or plan, a CDK cloud assembly) as the kind its
// property says, each a LintedFile named by its file and its resource
// (AppRole.Policies[0]), with findings at their line and column in the
// user's file. Problems in the code itself are the input's Err; the
// policies read before them are still linted. A policy read twice (a
// module that a module calls, and the directory walked) is linted once.
func (r *LintReport) lintCode(linter *lint.Linter, cfg *lint.Config, code *codeLint, in lintInput) {
	if !in.named && in.code == iac.Terraform && code.read[filepath.Clean(in.name)] {
		return // a module another module calls, read with the values it is given
	}
	set, _, err := code.reader.Read(in.name)
	name := in.name
	if in.selector != "" {
		name += "#" + in.selector
	}
	r.Inputs = append(r.Inputs, LintInput{Name: name, Err: err, Notes: code.reader.Notes(in.name)})
	if set == nil {
		return
	}
	policies, serr := iac.Select(set, in.name, in.selector)
	if serr != nil {
		r.Inputs[len(r.Inputs)-1].Err = errors.Join(err, serr)
		return
	}
	boundaries := boundaryOnly(set)
	for _, p := range policies {
		if dir := filepath.Dir(p.File); dir != filepath.Clean(in.name) {
			code.read[dir] = true
		}
		key := p.File + "\x00" + p.Pos.String() + "\x00" + string(p.Doc)
		if code.linted[key] {
			continue
		}
		code.linted[key] = true
		kind := p.Kind
		if boundaries[p] {
			kind = policy.Boundary
		}
		file := LintedFile{Name: p.File, Policy: p.Label(), Kind: kind}
		if p.KindDetected {
			findings, guess := linter.LintDetectedAt(p.Locator(linter.Limits), r.FailOn)
			file.Guess = &guess
			file.add(cfg, findings)
		} else {
			file.add(cfg, linter.LintEmbedded(p.Locator(linter.Limits), 0, len(p.Doc), kind))
		}
		r.Files = append(r.Files, file)
	}
}

// isJSONName reports whether a file's name says it is JSON.
func isJSONName(name string) bool { return strings.EqualFold(filepath.Ext(name), ".json") }

// boundaryOnly returns the managed policies of a set that its principals
// use only as a permissions boundary: lint reads them as boundaries, as
// it reads such a policy of an account export.
func boundaryOnly(set *policydoc.Set) map[*policydoc.Policy]bool {
	attached := map[int]bool{}
	for _, pr := range set.Principals {
		for _, i := range append(pr.Attached, pr.Inline...) {
			attached[i] = true
		}
	}
	out := map[*policydoc.Policy]bool{}
	for _, pr := range set.Principals {
		if i := pr.Boundary; i >= 0 && !attached[i] {
			out[&set.Policies[i]] = true
		}
	}
	return out
}
