package terraform

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
)

// Bounds on the work one read may do, so that hostile input gets an
// error instead of unbounded time or memory.
const (
	maxModuleDepth = 8     // nested local modules
	maxModules     = 100   // module instances in all
	maxInstances   = 1000  // count or for_each instances of one block
	maxNodes       = 1e6   // values built while evaluating
	maxExprDepth   = 1000  // nesting of the expressions and references evaluated
	maxNesting     = 1000  // brackets open at once in a file HCL parses
	maxFileBytes   = 10e6  // a file read without Options.ReadFile
	maxPolicies    = 10000 // policies in one Set
)

// A block is a resource or data block of a module.
type block struct {
	mode    string // "resource" or "data"
	typ     string
	name    string
	body    *hclsyntax.Body
	def     hcl.Range
	count   hcl.Expression
	forEach hcl.Expression
}

func (b *block) address() string {
	if b.mode == "data" {
		return "data." + b.typ + "." + b.name
	}
	return b.typ + "." + b.name
}

// A moduleCall is a module block.
type moduleCall struct {
	name    string
	body    *hclsyntax.Body
	def     hcl.Range
	source  string
	count   hcl.Expression
	forEach hcl.Expression
}

// A variable is a variable block.
type variable struct {
	name     string
	def      hcl.Range
	defaults hcl.Expression // nil when it has none
	typ      hcl.Expression // nil when it declares none
}

// The config of one module: the blocks of its .tf files.
type config struct {
	dir       string // as positions name its files
	variables map[string]*variable
	locals    map[string]*hclsyntax.Attribute
	outputs   map[string]*hclsyntax.Attribute
	blocks    []*block
	docs      map[string]*block // aws_iam_policy_document blocks by name
	calls     map[string]*moduleCall
}

// readFile reads a file the module refers to, within limits.
func (r *reader) readFile(name string) ([]byte, error) {
	if src, ok := r.files[name]; ok {
		return src, nil
	}
	var src []byte
	var err error
	if r.opts.ReadFile != nil {
		src, err = r.opts.ReadFile(name)
	} else {
		src, err = readLimited(name)
	}
	if err != nil {
		return nil, err
	}
	r.files[name] = src
	return src, nil
}

func readLimited(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if fi.Size() > maxFileBytes {
		return nil, fmt.Errorf("%s: %d bytes, more than the %d a Terraform file may have", name, fi.Size(), int(maxFileBytes))
	}
	return os.ReadFile(name)
}

// moduleFiles lists the .tf files of dir, sorted, as Terraform reads them.
func moduleFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".tf") && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(names)
	return names, nil
}

// parse parses the .tf files of a module into its config.
func (r *reader) parse(dir string, names []string) *config {
	c := &config{
		dir:       dir,
		variables: map[string]*variable{},
		locals:    map[string]*hclsyntax.Attribute{},
		outputs:   map[string]*hclsyntax.Attribute{},
		docs:      map[string]*block{},
		calls:     map[string]*moduleCall{},
	}
	for _, name := range names {
		src, err := r.readFile(name)
		if err != nil {
			r.errorf(loc{file: name}, "%v", err)
			continue
		}
		base := filepath.Base(name)
		if base == "override.tf" || strings.HasSuffix(base, "_override.tf") {
			r.errorf(loc{file: name}, "override files are not supported: merge %s into the module's other files", base)
			continue
		}
		if err := checkNesting(name, src); err != nil {
			r.addErr(err)
			continue
		}
		f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
		if r.diagnose(diags) {
			continue
		}
		r.collect(c, f.Body.(*hclsyntax.Body))
	}
	return c
}

// collect adds the blocks of one file to c.
func (r *reader) collect(c *config, body *hclsyntax.Body) {
	for _, b := range body.Blocks {
		switch {
		case b.Type == "variable" && len(b.Labels) == 1:
			v := &variable{name: b.Labels[0], def: b.DefRange()}
			if a := b.Body.Attributes["default"]; a != nil {
				v.defaults = a.Expr
			}
			if a := b.Body.Attributes["type"]; a != nil {
				v.typ = a.Expr
			}
			r.unique(c.variables[v.name] != nil, v.def, "variable", v.name)
			c.variables[v.name] = v
		case b.Type == "locals":
			for name, a := range b.Body.Attributes {
				r.unique(c.locals[name] != nil, a.NameRange, "local value", name)
				c.locals[name] = a
			}
		case b.Type == "output" && len(b.Labels) == 1:
			if a := b.Body.Attributes["value"]; a != nil {
				c.outputs[b.Labels[0]] = a
			}
		case b.Type == "module" && len(b.Labels) == 1:
			m := &moduleCall{name: b.Labels[0], body: b.Body, def: b.DefRange()}
			if a := b.Body.Attributes["source"]; a != nil {
				if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type().FriendlyName() == "string" && !v.IsNull() {
					m.source = v.AsString()
				}
			}
			m.count, m.forEach = attrExpr(b.Body, "count"), attrExpr(b.Body, "for_each")
			r.unique(c.calls[m.name] != nil, m.def, "module", m.name)
			c.calls[m.name] = m
		case (b.Type == "resource" || b.Type == "data") && len(b.Labels) == 2:
			rb := &block{mode: b.Type, typ: b.Labels[0], name: b.Labels[1], body: b.Body, def: b.DefRange()}
			rb.count, rb.forEach = attrExpr(b.Body, "count"), attrExpr(b.Body, "for_each")
			for _, o := range c.blocks {
				r.unique(o.address() == rb.address(), rb.def, b.Type, rb.address())
			}
			c.blocks = append(c.blocks, rb)
			if rb.mode == "data" && rb.typ == "aws_iam_policy_document" {
				c.docs[rb.name] = rb
			}
		}
	}
}

func attrExpr(body *hclsyntax.Body, name string) hcl.Expression {
	if a := body.Attributes[name]; a != nil {
		return a.Expr
	}
	return nil
}

// unique reports a second declaration of one name.
func (r *reader) unique(dup bool, at hcl.Range, what, name string) {
	if dup {
		r.errorf(rangeLoc(at), "duplicate %s %q", what, name)
	}
}

// tfvars reads the variable files Terraform reads by itself, then
// those the options name, in order: later values win.
func (r *reader) tfvars(dir string) map[string]*node {
	var names []string
	if _, err := os.Stat(filepath.Join(dir, "terraform.tfvars")); err == nil {
		names = append(names, filepath.Join(dir, "terraform.tfvars"))
	}
	if _, err := os.Stat(filepath.Join(dir, "terraform.tfvars.json")); err == nil {
		names = append(names, filepath.Join(dir, "terraform.tfvars.json"))
	}
	auto, _ := filepath.Glob(filepath.Join(dir, "*.auto.tfvars"))
	autoJSON, _ := filepath.Glob(filepath.Join(dir, "*.auto.tfvars.json"))
	auto = append(auto, autoJSON...)
	sort.Strings(auto)
	names = append(names, auto...)
	names = append(names, r.varFiles...)
	vals := map[string]*node{}
	for _, name := range names {
		src, err := r.readFile(name)
		if err != nil {
			r.errorf(loc{file: name}, "%v", err)
			continue
		}
		if err := checkNesting(name, src); err != nil {
			r.addErr(err)
			continue
		}
		var f *hcl.File
		var diags hcl.Diagnostics
		if strings.HasSuffix(name, ".json") {
			f, diags = hcljson.Parse(src, name)
		} else {
			f, diags = hclsyntax.ParseConfig(src, name, hcl.InitialPos)
		}
		if r.diagnose(diags) {
			continue
		}
		attrs, diags := f.Body.JustAttributes()
		if r.diagnose(diags) {
			continue
		}
		for name, a := range attrs {
			sc := &scope{r: r}
			if n, err := sc.eval(a.Expr); err == nil {
				vals[name] = n
			}
		}
	}
	return vals
}

// modulePath joins a local module source to the directory of the module
// that calls it, as Terraform does: slash-separated, cleaned.
func modulePath(dir, source string) string {
	return filepath.Join(dir, filepath.FromSlash(path.Clean(source)))
}

// isLocalSource reports whether a module source is a local directory.
func isLocalSource(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../")
}

// placeholderText is the text of a named placeholder.
func placeholderText(name string) string { return policydoc.Placeholder(name) }

// checkNesting refuses a file with more than maxNesting brackets open at
// once, which HCL's recursive parser would read into a stack overflow.
// Brackets in strings count too: a policy nests a few levels.
func checkNesting(name string, src []byte) error {
	depth := 0
	for i, c := range src {
		switch c {
		case '(', '[', '{':
			if depth++; depth > maxNesting {
				return &evalError{at: loc{name, i}, msg: fmt.Sprintf("brackets nested more than %d deep", maxNesting)}
			}
		case ')', ']', '}':
			depth = max(0, depth-1)
		}
	}
	return nil
}
