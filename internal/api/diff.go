package api

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/iamsim/iamsim/internal/diff"
	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// DiffOptions are the inputs of a policy comparison.
type DiffOptions struct {
	// Old and New are two policy files, or two directories whose *.json
	// files are paired by their path relative to the directory: a file on
	// one side only is compared with no policy (which allows nothing).
	Old, New string
	// Kind is the kind of every policy compared; nil detects it from each
	// pair, as lint does (DiffPair.Detected says so).
	Kind *policy.Kind
	// Narrowings asks for the narrowings too.
	Narrowings bool
	// Base, when set, is a git revision: OLD is then New as it is at
	// Base, read with git show (no checkout), and Old is not used.
	Base string
}

// DiffReport is what a comparison found, pair by pair.
type DiffReport struct {
	// Input says what OLD and NEW were detected as when they are not
	// policies: "scenario files ..." or "account exports ...".
	Input string
	Pairs []DiffPair
}

// DiffPair is one OLD and NEW policy compared.
type DiffPair struct {
	// Old and New are the files; "" for the side a directory lacks, or
	// for a principal an account export adds or removes.
	Old, New string
	// Subject says what of two scenarios or account exports the pair
	// compares: "identity policies", "SCPs of level 1", "identity
	// policies of user alice, role deploy (changed: ...)"; "" for
	// policy files.
	Subject string
	Kind    policy.Kind
	// Detected says what the kind was detected from ("no Principal"),
	// "" when DiffOptions.Kind gave it.
	Detected string
	// Principals are, for account exports, the users and roles whose
	// access the pair's findings are: the subject's principals.
	Principals []DiffPrincipal
	*DiffResult
}

// DiffPrincipal is a user or role of an account export.
type DiffPrincipal struct {
	// Name is "user alice" or "role deploy".
	Name string
	// Pos is where NEW declares it (the value of its UserName or
	// RoleName), or OLD for a principal NEW removed.
	Pos policy.Pos
}

// The diff package's types that are the shape of a comparison's answer.
type (
	// DiffResult holds the widenings, narrowings and possible widenings
	// of one pair.
	DiffResult = diff.Report
	// DiffFinding is one action whose access changed, with its witness
	// request and the statement responsible.
	DiffFinding = diff.Finding
	// DiffPossible is a statement the analysis could not settle, and why.
	DiffPossible = diff.Possible
	// DiffChange counts the actions one statement gave or took, by
	// access level.
	DiffChange = diff.Change
	// DiffCause is a change responsible for a finding: a statement, or a
	// limiting policy one side lacks.
	DiffCause = diff.Cause
)

// Widenings counts the widenings of every pair.
func (r *DiffReport) Widenings() int {
	n := 0
	for _, p := range r.Pairs {
		n += len(p.DiffResult.Widenings)
	}
	return n
}

// PossibleWidenings counts the possible widenings of every pair.
func (r *DiffReport) PossibleWidenings() int {
	n := 0
	for _, p := range r.Pairs {
		for _, x := range p.Possible {
			if !x.Narrowing {
				n++
			}
		}
	}
	return n
}

// Diff compares OLD and NEW (docs/diff.md). A file that cannot be read
// or a policy that does not parse is an input error: the first problem,
// with its position.
func (e Engine) Diff(opts DiffOptions) (*DiffReport, error) {
	if report, err := e.diffCode(opts); report != nil || err != nil {
		return report, err
	}
	if opts.Base == "" {
		if report, err := e.diffWhole(opts); report != nil || err != nil {
			return report, err
		}
	}
	var pairs [][2]diffInput
	var err error
	if opts.Base != "" {
		pairs, err = e.basePairs(opts.Base, opts.New)
	} else {
		pairs, err = e.filePairs(opts.Old, opts.New)
	}
	if err != nil {
		return nil, err
	}
	report := &DiffReport{}
	for _, p := range pairs {
		pair, err := e.diffPair(p[0], p[1], opts)
		if err != nil {
			return nil, err
		}
		report.Pairs = append(report.Pairs, pair)
	}
	return report, nil
}

// diffWhole compares two scenario files or two account exports, and
// returns nil for anything else (policy files and directories).
func (e Engine) diffWhole(opts DiffOptions) (*DiffReport, error) {
	var in [2]diffInput
	for i, path := range []string{opts.Old, opts.New} {
		if dir, err := isDir(path); err != nil || dir {
			return nil, nil // diffPairs says what is wrong, or pairs the directories
		}
		// An export may be larger than a policy file (--max-export-size).
		src, err := e.Limits.Export(e.MaxExportSize).ReadFile(path)
		if err != nil {
			return nil, err
		}
		in[i] = diffInput{path, src}
	}
	form, err := sameForm(in[0], in[1])
	if err != nil || form == formPolicy {
		return nil, err
	}
	if form == formScenario {
		for i := range in {
			if in[i].src, err = e.Limits.ReadFile(in[i].name); err != nil {
				return nil, err
			}
		}
	}
	if opts.Kind != nil {
		return nil, fmt.Errorf("--type sets the kind of policy files; OLD and NEW are %s, whose every policy has its kind", formNames[form])
	}
	report := &DiffReport{Input: formNames[form]}
	if form == formScenario {
		report.Pairs, err = e.diffScenarios(in[0], in[1], opts)
	} else {
		report.Pairs, err = e.diffExports(in[0], in[1], opts)
	}
	if err != nil {
		return nil, err
	}
	return report, nil
}

// diffInput is one side of a pair: its name in positions, and its text;
// nil text is no policy.
type diffInput struct {
	name string
	src  []byte
}

// filePairs reads the pairs of files OLD and NEW name (diffPairs).
func (e Engine) filePairs(oldPath, newPath string) ([][2]diffInput, error) {
	paths, err := diffPairs(oldPath, newPath)
	if err != nil {
		return nil, err
	}
	out := make([][2]diffInput, len(paths))
	for i, p := range paths {
		for side, path := range p {
			if path == "" {
				continue
			}
			src, err := e.Limits.ReadFile(path)
			if err != nil {
				return nil, err
			}
			out[i][side] = diffInput{path, src}
		}
	}
	return out, nil
}

// diffPair parses and compares one pair.
func (e Engine) diffPair(old, new diffInput, opts DiffOptions) (DiffPair, error) {
	pair := DiffPair{Old: old.name, New: new.name}
	if opts.Kind != nil {
		pair.Kind = *opts.Kind
	} else {
		pair.Kind, pair.Detected = detectDiffKind(old.src, new.src)
	}
	oldDoc, err := e.diffParse(old.name, old.src, pair.Kind)
	if err != nil {
		return pair, err
	}
	newDoc, err := e.diffParse(new.name, new.src, pair.Kind)
	if err != nil {
		return pair, err
	}
	pair.DiffResult, err = diff.Compare(oldDoc, newDoc, diff.Options{Kind: pair.Kind, Narrowings: opts.Narrowings})
	return pair, err
}

// diffParse parses one side of a pair; nil source is no policy. A
// policy with problems is an input error naming the first.
func (e Engine) diffParse(name string, src []byte, kind policy.Kind) (*policy.Document, error) {
	if src == nil {
		return nil, nil
	}
	doc, err := e.Limits.Policy.Parse(name, src, kind)
	if err != nil {
		if list, ok := err.(policy.ErrorList); ok && len(list) > 1 {
			err = list[:1]
		}
		return nil, InputProblems(err)
	}
	return doc, nil
}

// detectDiffKind detects the kind of a pair as lint detects a policy's
// (policy.DetectKind), from NEW (from OLD when NEW is absent), and says
// from what.
func detectDiffKind(oldSrc, newSrc []byte) (policy.Kind, string) {
	src, side := newSrc, "NEW"
	if src == nil {
		src, side = oldSrc, "OLD"
	}
	k := policy.DetectKind(src)
	why := "no Principal"
	switch k {
	case policy.Trust:
		why = "a Principal, and only sts:AssumeRole* and session actions"
	case policy.Resource:
		why = "a Principal"
	}
	why = side + " has " + why
	if side == "NEW" && oldSrc != nil {
		if ok := policy.DetectKind(oldSrc); ok != k {
			why += fmt.Sprintf("; OLD alone would read as %s", ok)
		}
	}
	return k, why
}

// diffPairs pairs OLD and NEW: two files, or the *.json files of two
// directories by relative path.
func diffPairs(oldPath, newPath string) ([][2]string, error) {
	oldDir, err := isDir(oldPath)
	if err != nil {
		return nil, err
	}
	newDir, err := isDir(newPath)
	if err != nil {
		return nil, err
	}
	switch {
	case !oldDir && !newDir:
		return [][2]string{{oldPath, newPath}}, nil
	case oldDir != newDir:
		return nil, fmt.Errorf("OLD and NEW must both be files or both be directories: %s is a directory, %s is not", pick(oldDir, oldPath, newPath), pick(oldDir, newPath, oldPath))
	}
	byRel := map[string]*[2]string{}
	var names []string
	for side, dir := range []string{oldPath, newPath} {
		files, errs := jsonFiles(dir)
		if len(errs) > 0 {
			return nil, errors.Join(errs...)
		}
		for _, f := range files {
			rel, err := filepath.Rel(dir, f)
			if err != nil {
				return nil, err
			}
			rel = filepath.ToSlash(rel)
			if byRel[rel] == nil {
				byRel[rel] = &[2]string{}
				names = append(names, rel)
			}
			byRel[rel][side] = f
		}
	}
	sort.Strings(names)
	out := make([][2]string, 0, len(names))
	for _, r := range names {
		out = append(out, *byRel[r])
	}
	return out, nil
}

// pick returns a when cond holds, else b.
func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// isDir reports whether a path is a directory.
func isDir(path string) (bool, error) {
	st, err := os.Stat(path)
	if err != nil {
		return false, source.FileError(path, err)
	}
	return st.IsDir(), nil
}
