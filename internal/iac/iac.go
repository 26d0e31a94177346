// Package iac reads policies where they live: CloudFormation, SAM and CDK
// templates (internal/iac/cfn), Terraform modules and plans
// (internal/iac/terraform). It finds out what a path is, reads it once,
// and answers references, FILE#LogicalId[.Property] and
// FILE#resource.address, with the policies they name, each placed in the
// user's own file (docs/iac.md).
package iac

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamsim/iamsim/internal/iac/cfn"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/internal/iac/terraform"
	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// Format is what a path holds.
type Format int

// The formats a path may hold.
const (
	// None is no infrastructure code: a policy file, an account export,
	// anything else.
	None Format = iota
	// CloudFormation is a CloudFormation or SAM template, JSON or YAML,
	// CDK's synthesized templates included.
	CloudFormation
	// CDKAssembly is a CDK cloud assembly directory (cdk.out), read
	// through its manifest.json.
	CDKAssembly
	// Terraform is a Terraform module: a directory of .tf files, or one
	// of its files.
	Terraform
	// TerraformPlan is the JSON of `terraform show -json` for a plan.
	TerraformPlan
)

var formatNames = [...]string{"none", "CloudFormation template", "CDK cloud assembly", "Terraform module", "Terraform plan"}

// String names the format for people.
func (f Format) String() string { return formatNames[f] }

// DetectFile returns the format of a file from its name and content.
func DetectFile(name string, src []byte) Format {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case ext == ".tf":
		return Terraform
	case ext == ".json" && terraform.IsPlan(src):
		return TerraformPlan
	case (ext == ".json" || ext == ".yaml" || ext == ".yml" || ext == ".template" || ext == ".txt") && cfn.IsTemplate(src):
		return CloudFormation
	}
	return None
}

// DetectDir returns the format of a directory: a CDK cloud assembly has
// a manifest.json beside templates, a Terraform module has .tf files.
func DetectDir(dir string) Format {
	if m, err := os.ReadFile(filepath.Join(dir, "manifest.json")); err == nil && bytes.Contains(m, []byte(`"artifacts"`)) {
		return CDKAssembly
	}
	if tf, _ := filepath.Glob(filepath.Join(dir, "*.tf")); len(tf) > 0 {
		return Terraform
	}
	return None
}

// SplitRef splits a reference, FILE#SELECTOR, into the path and the
// selector. An argument is a reference when it has a # whose left part
// names a file or directory that exists.
func SplitRef(arg string) (path, selector string, ok bool) {
	i := strings.LastIndexByte(arg, '#')
	if i <= 0 {
		return "", "", false
	}
	path, selector = arg[:i], arg[i+1:]
	if _, err := os.Stat(path); err != nil {
		return "", "", false
	}
	return path, selector, true
}

// Reader reads infrastructure code within iamsim's read limits, each path
// once.
type Reader struct {
	// Limits bound every file read.
	Limits source.Limits
	// Values bind what the code leaves open (policydoc.Options.Values):
	// --var NAME=VALUE.
	Values map[string]string
	// VarFiles are Terraform .tfvars files (--var-file).
	VarFiles []string

	read  map[string]*readResult
	noted []string // the notes of the read under way
}

type readResult struct {
	set    *policydoc.Set
	format Format
	err    error
	notes  []string
}

// Notes returns what reading path left unread, each "file:line:col:
// what" (a Terraform module from a registry, a policy a plan does not
// hold): an answer about the code rests on it being irrelevant.
func (r *Reader) Notes(path string) []string {
	if res, ok := r.read[filepath.Clean(path)]; ok {
		return res.notes
	}
	return nil
}

// Read reads what path holds, in the format it holds: a template, a CDK
// cloud assembly, a Terraform module (a directory, or the module of a .tf
// file, whose policies outside the file are left out), or a plan. A path
// that holds none of them is an error saying what was expected.
func (r *Reader) Read(path string) (*policydoc.Set, Format, error) {
	clean := filepath.Clean(path)
	if res, ok := r.read[clean]; ok {
		return res.set, res.format, res.err
	}
	r.noted = nil
	set, format, err := r.readPath(path)
	if r.read == nil {
		r.read = map[string]*readResult{}
	}
	r.read[clean] = &readResult{set, format, err, r.noted}
	return set, format, err
}

func (r *Reader) options() policydoc.Options {
	note := func(pos policy.Pos, msg string) { r.noted = append(r.noted, pos.String()+": "+msg) }
	return policydoc.Options{Values: r.Values, ReadFile: r.Limits.ReadFile, Note: note}
}

func (r *Reader) tfOptions() terraform.Options {
	return terraform.Options{Options: r.options(), VarFiles: r.VarFiles}
}

func (r *Reader) readPath(path string) (*policydoc.Set, Format, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, None, source.FileError(path, err)
	}
	if info.IsDir() {
		switch f := DetectDir(path); f {
		case CDKAssembly:
			stacks, err := cfn.ReadCDK(path, r.options())
			return joinStacks(stacks), f, err
		case Terraform:
			set, err := terraform.ReadModule(path, r.tfOptions())
			return set, f, err
		}
		return nil, None, fmt.Errorf("%s: a directory that is neither a Terraform module (no *.tf files) nor a CDK cloud assembly (no manifest.json)", path)
	}
	src, err := r.Limits.ReadFile(path)
	if err != nil {
		return nil, None, err
	}
	switch f := DetectFile(path, src); f {
	case CloudFormation:
		set, err := cfn.Read(path, src, r.options())
		return set, f, err
	case TerraformPlan:
		set, err := terraform.ReadPlan(path, src, r.tfOptions())
		return set, f, err
	case Terraform:
		set, err := terraform.ReadModule(filepath.Dir(path), r.tfOptions())
		if set != nil {
			set = onlyFile(set, path)
		}
		return set, f, err
	}
	return nil, None, fmt.Errorf("%s: not a CloudFormation, SAM or CDK template, a Terraform file or a Terraform plan", path)
}

// joinStacks makes one set of the stacks of a CDK cloud assembly, each
// resource named by its stack and logical ID ("IngestStack.HandlerRole").
func joinStacks(stacks []cfn.Stack) *policydoc.Set {
	joined := &policydoc.Set{}
	for _, st := range stacks {
		if st.Set == nil {
			continue
		}
		base := len(joined.Policies)
		for _, p := range st.Set.Policies {
			p.Resource = st.Name + "." + p.Resource
			joined.Policies = append(joined.Policies, p)
		}
		shift := func(i int) int {
			if i < 0 {
				return i
			}
			return i + base
		}
		prinBase := len(joined.Principals)
		for _, pr := range st.Set.Principals {
			pr.Resource = st.Name + "." + pr.Resource
			pr.Inline = shiftAll(pr.Inline, shift)
			pr.Attached = shiftAll(pr.Attached, shift)
			pr.Boundary, pr.Trust = shift(pr.Boundary), shift(pr.Trust)
			pr.Groups = shiftAll(pr.Groups, func(i int) int { return i + prinBase })
			joined.Principals = append(joined.Principals, pr)
		}
	}
	return joined
}

func shiftAll(indexes []int, shift func(int) int) []int {
	out := make([]int, len(indexes))
	for i, x := range indexes {
		out[i] = shift(x)
	}
	return out
}

// onlyFile keeps the policies written in file; principals stay, for
// references to them.
func onlyFile(set *policydoc.Set, file string) *policydoc.Set {
	kept := &policydoc.Set{Principals: set.Principals}
	for _, p := range set.Policies {
		if sameFile(p.File, file) {
			kept.Policies = append(kept.Policies, p)
		}
	}
	return kept
}

func sameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// Format returns the format of what path holds: None when it holds no
// infrastructure code or cannot be read within the limits (the reader
// that reads it next says why).
func (r *Reader) Format(path string) Format {
	info, err := os.Stat(path)
	if err != nil {
		return None
	}
	if info.IsDir() {
		return DetectDir(path)
	}
	src, err := r.Limits.ReadFile(path)
	if err != nil {
		return None
	}
	return DetectFile(path, src)
}
