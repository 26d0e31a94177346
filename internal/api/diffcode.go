package api

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/diff"
	"github.com/iamsim/iamsim/internal/iac"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// diffCode compares two pieces of infrastructure code (docs/iac.md): its
// users and roles as diffExports compares those of two exports (what
// their identity-based policies allow within their boundaries), and each
// other policy (a trust, resource or organization policy, a managed
// policy attached to no principal) with the policy of OLD of the same
// name (aws_iam_role.app.assume_role_policy), as the kind its property
// says; a policy on one side only is compared with no policy, and a
// policy whose document is the same on both sides is not compared. With
// Base, OLD is NEW's code at that git revision. OLD and NEW may be
// references, FILE#SELECTOR: then the policies they select are compared
// one by one (diffCodeSelected). It returns nil when NEW is no
// infrastructure code.
func (e Engine) diffCode(opts DiffOptions) (*DiffReport, error) {
	reader := e.codeReader()
	newPath, newSel := splitCodeRef(opts.New)
	oldPath, oldSel := splitCodeRef(opts.Old)
	newSet, format, newErr := reader.Read(newPath)
	if format == iac.None {
		if opts.Base == "" {
			if _, f, _ := reader.Read(oldPath); f != iac.None {
				return nil, fmt.Errorf("%s is %s and %s is not: diff compares code with code", opts.Old, f, opts.New)
			}
		}
		return nil, nil // no code: diff reads it as policies, scenarios or exports
	}
	if opts.Kind != nil {
		return nil, fmt.Errorf("--type sets the kind of policy files; %s is %s, whose every policy has the kind its property says", opts.New, format)
	}
	if newErr != nil {
		return nil, InputProblems(firstProblem(newErr))
	}
	var oldSet *policydoc.Set
	var err error
	oldName := oldPath
	if opts.Base != "" {
		oldName, oldSel = opts.Base+":"+filepath.ToSlash(newPath), newSel
		oldSet, err = e.codeAtBase(opts.Base, newPath)
	} else {
		var f iac.Format
		if oldSet, f, err = reader.Read(oldPath); f == iac.None {
			return nil, fmt.Errorf("%s is %s and %s is not: diff compares code with code", opts.New, format, opts.Old)
		}
	}
	if err != nil {
		return nil, InputProblems(firstProblem(err))
	}
	if oldSel != "" || newSel != "" {
		return e.diffCodeSelected(oldSet, newSet, [2]string{oldName, newPath}, [2]string{oldSel, newSel}, opts)
	}
	report := &DiffReport{Input: "infrastructure code (" + format.String() + "s: users and roles as an account export's, other policies one by one: docs/iac.md)"}
	if report.Pairs, err = e.diffCodePrincipals([2]*policydoc.Set{oldSet, newSet}, [2]string{oldName, newPath}, opts); err != nil {
		return nil, err
	}
	olds, news := byName(policiesOf(oldSet)), byName(policiesOf(newSet))
	held := heldByPrincipals(oldSet, newSet)
	for _, name := range unionNames(olds, news) {
		if held[name] {
			continue // compared with its principals
		}
		o, n := olds[name], news[name]
		if o != nil && n != nil && string(o.Doc) == string(n.Doc) && o.Kind == n.Kind {
			continue // the same document: nothing to compare
		}
		pair, err := e.comparePair(o, n, [2]string{oldName, newPath}, opts)
		if err != nil {
			return nil, err
		}
		report.Pairs = append(report.Pairs, pair)
	}
	return report, nil
}

// comparePair compares one policy of OLD's code with one of NEW's (nil
// is no policy), as the kind NEW's property says (OLD's when NEW has
// none); paths name the two sides in the pair's OLD#NAME and NEW#NAME.
func (e Engine) comparePair(o, n *policydoc.Policy, paths [2]string, opts DiffOptions) (DiffPair, error) {
	pair := DiffPair{Kind: policy.Identity}
	if o != nil {
		pair.Old, pair.Kind = paths[0]+"#"+o.Name(), o.Kind
	}
	if n != nil {
		pair.New, pair.Kind = paths[1]+"#"+n.Name(), n.Kind
	}
	var docs [2]*policy.Document
	for i, p := range []*policydoc.Policy{o, n} {
		if p == nil {
			continue
		}
		doc, err := p.Parse(e.Limits.Policy, pair.Kind)
		if err != nil {
			return pair, InputProblems(firstProblem(err))
		}
		docs[i] = doc
	}
	var err error
	pair.DiffResult, err = diff.Compare(docs[0], docs[1], diff.Options{Kind: pair.Kind, Narrowings: opts.Narrowings})
	return pair, err
}

// policiesOf returns the policies of a set, in order.
func policiesOf(set *policydoc.Set) []*policydoc.Policy {
	out := make([]*policydoc.Policy, len(set.Policies))
	for i := range set.Policies {
		out[i] = &set.Policies[i]
	}
	return out
}

// byName indexes policies by name; the first of a name wins.
func byName(policies []*policydoc.Policy) map[string]*policydoc.Policy {
	out := map[string]*policydoc.Policy{}
	for _, p := range policies {
		if out[p.Name()] == nil {
			out[p.Name()] = p
		}
	}
	return out
}

// unionNames returns the names of both sides, sorted.
func unionNames(a, b map[string]*policydoc.Policy) []string {
	var names []string
	for n := range a {
		names = append(names, n)
	}
	for n := range b {
		if a[n] == nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// codeAtBase reads the code at path as it is at the git revision base:
// the files under path (or path alone) at base are written to a
// temporary directory and read there; the policies are then named
// REF:FILE in positions. Nothing is checked out.
func (e Engine) codeAtBase(base, path string) (*policydoc.Set, error) {
	if strings.HasPrefix(base, "-") {
		return nil, fmt.Errorf("--base %q: want a git revision", base)
	}
	dir, err := isDir(path)
	if err != nil {
		return nil, err
	}
	gitDir, rel := path, "."
	if !dir {
		gitDir, rel = filepath.Dir(path), filepath.Base(path)
	}
	if _, err := git(gitDir, "rev-parse", "--verify", "--quiet", base+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--base %s: not a git revision of the repository of %s", base, path)
	}
	listed, err := git(gitDir, "ls-tree", "-r", "--name-only", base, "--", rel)
	if err != nil {
		return nil, fmt.Errorf("--base %s: %v", base, err)
	}
	tmp, err := os.MkdirTemp("", "iamsim-base-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	for _, f := range strings.Fields(string(listed)) {
		src, err := git(gitDir, "show", base+":./"+f)
		if err != nil {
			return nil, fmt.Errorf("--base %s: %v", base, err)
		}
		to := filepath.Join(tmp, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(to, src, 0o644); err != nil {
			return nil, err
		}
	}
	at := filepath.Join(tmp, rel)
	if _, err := os.Stat(at); err != nil {
		return &policydoc.Set{}, nil // base lacks it: no policies
	}
	set, _, err := e.codeReader().Read(at)
	atBase := func(file string) string {
		if r, rerr := filepath.Rel(tmp, file); rerr == nil && !strings.HasPrefix(r, "..") {
			return base + ":" + filepath.ToSlash(filepath.Join(gitDir, r))
		}
		return file
	}
	if set != nil {
		for i := range set.Policies {
			set.Policies[i].File = atBase(set.Policies[i].File)
		}
	}
	if list, ok := err.(policy.ErrorList); ok {
		for _, p := range list {
			p.Pos.File = atBase(p.Pos.File)
		}
	}
	return set, err
}

// diffCodePrincipals compares the users and roles of two sets of code,
// each made an account (iac.Account) in the account that --var
// AWS::AccountId names, else in the account of diff's witnesses, as
// diffAccounts compares two exports'.
func (e Engine) diffCodePrincipals(sets [2]*policydoc.Set, names [2]string, opts DiffOptions) ([]DiffPair, error) {
	id, given := e.codeAccountID()
	if !given {
		id = diff.HomeAccount
	}
	var accts [2]*account.Account
	var declared [2]map[string]policy.Pos
	for i, set := range sets {
		acct, err := iac.Account(set, id, names[i], e.Limits.Policy)
		if err != nil {
			return nil, InputProblems(firstProblem(err))
		}
		accts[i], declared[i] = acct, map[string]policy.Pos{}
		for j := range set.Principals {
			p := &set.Principals[j]
			declared[i][iac.PrincipalKind(p)+" "+iac.PrincipalName(p)] = p.Pos
		}
	}
	return diffAccounts(accts, names, declared, opts)
}

// heldByPrincipals names the policies of either set that are a user's,
// group's or role's identity-based policies or boundary, which
// diffCodePrincipals compares.
func heldByPrincipals(sets ...*policydoc.Set) map[string]bool {
	held := map[string]bool{}
	for _, set := range sets {
		for _, p := range set.Principals {
			for _, list := range [][]int{p.Inline, p.Attached, {p.Boundary}} {
				for _, i := range list {
					if i >= 0 {
						held[set.Policies[i].Name()] = true
					}
				}
			}
		}
	}
	return held
}

// splitCodeRef splits a diff argument that is a reference, FILE#SELECTOR,
// and returns any other argument whole, with no selector.
func splitCodeRef(arg string) (path, selector string) {
	if p, sel, ok := iac.SplitRef(arg); ok {
		return p, sel
	}
	return arg, ""
}

// diffCodeSelected compares the policies that references select on each
// side: one against one when each selects one (the names may differ),
// else by name, as the kind NEW's property says.
func (e Engine) diffCodeSelected(oldSet, newSet *policydoc.Set, paths, selectors [2]string, opts DiffOptions) (*DiffReport, error) {
	var sides [2][]*policydoc.Policy
	for i, set := range []*policydoc.Set{oldSet, newSet} {
		var err error
		if sides[i], err = iac.Select(set, paths[i], selectors[i]); err != nil {
			return nil, err
		}
	}
	report := &DiffReport{Input: "policies of infrastructure code, as the references select them (docs/iac.md)"}
	if len(sides[0]) == 1 && len(sides[1]) == 1 {
		pair, err := e.comparePair(sides[0][0], sides[1][0], paths, opts)
		report.Pairs = append(report.Pairs, pair)
		return report, err
	}
	olds, news := byName(sides[0]), byName(sides[1])
	for _, name := range unionNames(olds, news) {
		pair, err := e.comparePair(olds[name], news[name], paths, opts)
		if err != nil {
			return nil, err
		}
		report.Pairs = append(report.Pairs, pair)
	}
	return report, nil
}
