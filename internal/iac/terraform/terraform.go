// Package terraform reads the IAM policies of Terraform code: a module
// (a directory of .tf files, with its variables files and the local
// modules it calls), one .tf file, or a plan as terraform show -json
// writes it. It evaluates what can be known before apply, as Terraform's
// plan would: variables, locals, the AWS provider's
// aws_iam_policy_document, jsonencode, file and templatefile, and the
// common pure functions; anything known only after apply (a resource's
// arn, another data source) becomes a named placeholder. Every value of
// every document keeps the place in the user's files it came from, so
// that iamsim reports its findings there. docs/iac-terraform.md lists
// what is read.
package terraform

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
	"github.com/zclconf/go-cty/cty/function"
)

// Options are what a reader is told beyond the code.
type Options struct {
	// Options.Values are -var NAME=VALUE, by variable name (a variable of
	// a type other than string takes an HCL expression, as -var does), and
	// values for placeholders, by name ("aws_s3_bucket.b.arn"). They win
	// over the variables files. Options.Note is told what is not read: a
	// module from a registry or a repository, a policy a plan does not
	// hold, Terraform JSON configuration.
	policydoc.Options
	// VarFiles are the files -var-file names, read in order after
	// terraform.tfvars, terraform.tfvars.json and *.auto.tfvars[.json].
	VarFiles []string
}

// A reader reads one input: a module and the modules it calls, one
// file, or a plan.
type reader struct {
	opts     Options
	varFiles []string
	root     string // the root module's directory
	// partial is set when one file is read alone: names it does not
	// declare become placeholders.
	partial  bool
	files    map[string][]byte
	configs  map[string]*config
	funcs    map[string]function.Function
	errs     policy.ErrorList
	seenErr  map[string]bool
	nodes    int
	depth    int // evaluations under way, one inside another
	modules  int
	set      *policydoc.Set
	links    []link
	docUses  map[string]policy.Kind
	docIndex map[string][]int
	// policyARNs are the known ARNs of a plan's aws_iam_policy resources.
	policyARNs map[string]int
	locators   map[string]*policy.Locator
}

func newReader(root string, opts Options) *reader {
	r := &reader{
		opts: opts, varFiles: opts.VarFiles, root: root,
		files: map[string][]byte{}, configs: map[string]*config{}, seenErr: map[string]bool{},
		set: &policydoc.Set{}, docUses: map[string]policy.Kind{}, docIndex: map[string][]int{}, policyARNs: map[string]int{}, locators: map[string]*policy.Locator{},
	}
	r.funcs = r.functions()
	return r
}

// ReadModule reads the module in dir: its .tf files (not those of
// subdirectories), its variables files, and the local modules it calls.
// The Set holds every policy read; the error, when not nil, is a
// policy.ErrorList of the problems found, each at its file:line:col, or
// a plain error when dir cannot be read.
func ReadModule(dir string, opts Options) (*policydoc.Set, error) {
	names, err := moduleFiles(dir)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no .tf files", dir)
	}
	r := newReader(dir, opts)
	r.noteJSONFiles(dir)
	cfg := r.parse(dir, names)
	r.configs[dir] = cfg
	inputs := r.tfvars(dir)
	return r.run(cfg, inputs)
}

// ReadFile reads one .tf file alone, as the only file of its module;
// file() and templatefile() read from its directory. The variables,
// locals and modules of the module's other files are unknown: a
// reference to one the file does not declare becomes a placeholder
// named by the reference (var.region, local.bucket, module.x.arn).
func ReadFile(name string, src []byte, opts Options) (*policydoc.Set, error) {
	r := newReader(filepath.Dir(name), opts)
	r.partial = true
	r.files[name] = src
	cfg := r.parse(filepath.Dir(name), []string{name})
	return r.run(cfg, map[string]*node{})
}

// run reads the root module.
func (r *reader) run(cfg *config, inputs map[string]*node) (*policydoc.Set, error) {
	for _, name := range sortedKeys(cfg.variables) {
		v, ok := r.opts.Values[name]
		if !ok {
			continue
		}
		n, err := varValue(name, v, cfg.variables[name])
		if err != nil {
			r.addErr(err)
			continue
		}
		inputs[name] = n
	}
	root := newModule(r, cfg, "", ".", 0, []string{cfg.dir}, inputs)
	r.walk(root)
	return r.finish()
}

// finish ties the links, gives each aws_iam_policy_document the kind of
// its first user (or, with no user, the kind its content shows, as lint
// detects a policy file's), and returns what was read.
func (r *reader) finish() (*policydoc.Set, error) {
	r.resolve()
	for addr, idxs := range r.docIndex {
		for _, i := range idxs {
			p := &r.set.Policies[i]
			if k, ok := r.docUses[addr]; ok {
				p.Kind = k
			} else {
				p.Kind, p.KindDetected = policy.DetectKind(p.Doc), true
			}
		}
	}
	r.errs.Sort()
	return r.set, r.errs.Err()
}

// varValue reads a -var value: an HCL expression for a variable whose
// type is not string, else the text itself.
func varValue(name, v string, decl *variable) (*node, error) {
	if decl.typ == nil || hcl.ExprAsKeyword(decl.typ) == "string" {
		return stringNode(v, loc{}, false), nil
	}
	if err := checkNesting("-var "+name, []byte(v)); err != nil {
		return nil, err
	}
	expr, diags := hclsyntax.ParseExpression([]byte(v), "-var "+name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("-var %s: %s", name, diagMessage(diags[0]))
	}
	val, diags := expr.Value(nil)
	if diags.HasErrors() {
		return nil, fmt.Errorf("-var %s: %s", name, diagMessage(diags[0]))
	}
	return fromValue(val, loc{}), nil
}

// config parses the module in dir once.
func (r *reader) config(dir string) (*config, error) {
	if c, ok := r.configs[dir]; ok {
		return c, nil
	}
	names, err := moduleFiles(dir)
	if err != nil {
		return nil, err
	}
	r.noteJSONFiles(dir)
	c := r.parse(dir, names)
	r.configs[dir] = c
	return c, nil
}

// walk reads the policies and principals of a module, then of the
// modules it calls.
func (r *reader) walk(m *module) {
	for _, b := range m.cfg.blocks {
		if len(r.set.Policies) >= maxPolicies {
			r.errorf(rangeLoc(b.def), "more than %d policies", maxPolicies)
			return
		}
		if b.mode == "data" {
			if b.typ == "aws_iam_policy_document" {
				r.documentPolicies(m, b)
			}
			continue
		}
		if policyAttrs[b.typ] == nil && !principalTypes[b.typ] && linkTypes[b.typ] == nil {
			continue
		}
		insts, err := m.instances(m.scope(), b.count, b.forEach)
		if err != nil {
			r.addErr(err)
			continue
		}
		for _, in := range insts {
			r.resource(m, b, in)
		}
	}
	for _, name := range sortedKeys(m.cfg.calls) {
		call := m.cfg.calls[name]
		if !isLocalSource(call.source) {
			if r.opts.Note != nil {
				r.opts.Note(r.pos(rangeLoc(call.def)), fmt.Sprintf("module %q is not read: its source %q is not a local directory", name, call.source))
			}
			continue
		}
		kids, _, err := m.child(call)
		if err != nil {
			r.addErr(err)
			continue
		}
		for _, k := range kids {
			r.walk(k)
		}
	}
}

// noteJSONFiles tells the caller of the .tf.json files of a module,
// which are not read.
func (r *reader) noteJSONFiles(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, "*.tf.json"))
	for _, name := range names {
		if r.opts.Note != nil {
			r.opts.Note(policy.Pos{File: name, Line: 1, Col: 1}, "Terraform JSON configuration is not read")
		}
	}
}

// documentPolicies adds the policies of an aws_iam_policy_document's
// instances; their kind is set once their users are known.
func (r *reader) documentPolicies(m *module, b *block) {
	if _, err := m.docValue(b.name, b.def); err != nil {
		r.addErr(err)
		return
	}
	for _, d := range m.docInst[b.name] {
		if i, ok := r.addPolicy(d.doc, policydoc.Policy{Resource: d.address, Type: b.typ}, rangeLoc(b.def)); ok {
			r.docIndex[d.address] = append(r.docIndex[d.address], i)
		}
	}
}

// addPolicy adds the policy a node holds; false when it holds none (null)
// or is not a document.
func (r *reader) addPolicy(n *node, p policydoc.Policy, fallback loc) (int, bool) {
	if n.kind == kNull {
		return 0, false
	}
	if name, ok := placeholderName(n); ok {
		// The whole document is unknown here (another data source, a
		// module not read): there is nothing to read.
		if r.opts.Note != nil {
			at := fallback
			if n.via.file != "" {
				at = n.via
			}
			r.opts.Note(r.pos(at), fmt.Sprintf("%s: the policy is %s, unknown here", p.Name(), name))
		}
		return 0, false
	}
	if err := r.fill(&p, n, fallback); err != nil {
		r.addErr(err)
		return 0, false
	}
	p.Placeholders = dedupe(policydoc.PlaceholderNames(string(p.Doc)))
	r.set.Policies = append(r.set.Policies, p)
	return len(r.set.Policies) - 1, true
}

func dedupe(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// addErr records a problem once.
func (r *reader) addErr(err error) {
	var ee *evalError
	if errors.As(err, &ee) {
		r.errorf(ee.at, "%s", ee.msg)
		return
	}
	r.errorf(loc{}, "%v", err)
}

// errorf records a problem at a place.
func (r *reader) errorf(at loc, format string, args ...any) {
	e := &policy.Error{Pos: r.pos(at), Code: policy.CodeInfrastructure, Msg: fmt.Sprintf(format, args...)}
	if e.Pos.File == "" {
		e.Pos.File = r.root
	}
	e.Line = r.line(at, e.Pos.Line)
	key := e.Error()
	if r.seenErr[key] {
		return
	}
	r.seenErr[key] = true
	r.errs = append(r.errs, e)
}

// diagnose records HCL's diagnostics; true when there was an error.
func (r *reader) diagnose(diags hcl.Diagnostics) bool {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		at := loc{}
		if d.Subject != nil {
			at = rangeLoc(*d.Subject)
		}
		r.errorf(at, "%s", diagMessage(d))
	}
	return diags.HasErrors()
}

// pos returns the position of a place, its column in characters.
func (r *reader) pos(at loc) policy.Pos {
	l := r.locator(at.file)
	if l == nil {
		return policy.Pos{File: at.file, Line: 1, Col: 1}
	}
	return l.Pos(min(at.off, len(l.Source())))
}

func (r *reader) line(at loc, n int) string {
	if l := r.locator(at.file); l != nil {
		return l.Line(n)
	}
	return ""
}

// locator returns the Locator of a file read, made once.
func (r *reader) locator(file string) *policy.Locator {
	if l, ok := r.locators[file]; ok {
		return l
	}
	src, ok := r.files[file]
	if !ok {
		return nil
	}
	l := policy.NewLocator(file, src)
	r.locators[file] = l
	return l
}

// byteAt returns the byte at a place, or 0.
func (r *reader) byteAt(at loc) byte {
	if src := r.files[at.file]; at.off < len(src) {
		return src[at.off]
	}
	return 0
}

// source returns the text of a range.
func (r *reader) source(rng hcl.Range) []byte {
	src := r.files[rng.Filename]
	if rng.Start.Byte > rng.End.Byte || rng.End.Byte > len(src) {
		return nil
	}
	return src[rng.Start.Byte:rng.End.Byte]
}

// isTerraformFile reports whether a file holds configuration (where a
// quoted string has escapes) rather than a template.
func isTerraformFile(name string) bool {
	ext := filepath.Ext(name)
	return ext == ".tf" || ext == ".tfvars"
}
