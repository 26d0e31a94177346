package terraform

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// functions returns the Terraform functions a reader evaluates: the pure
// ones of Terraform's built-in functions
// (https://developer.hashicorp.com/terraform/language/functions) that
// policies use, with file and templatefile reading from the root
// module's directory. A call of any other function is an error; the
// impure ones (timestamp, uuid) are unknown until apply.
func (r *reader) functions() map[string]function.Function {
	unknown := func(name string) function.Function {
		return function.New(&function.Spec{
			VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true},
			Type:     function.StaticReturnType(cty.String),
			Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
				return cty.UnknownVal(cty.String), nil
			},
		})
	}
	return map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc,
		"log": stdlib.LogFunc, "max": stdlib.MaxFunc, "min": stdlib.MinFunc,
		"parseint": stdlib.ParseIntFunc, "pow": stdlib.PowFunc, "signum": stdlib.SignumFunc,
		"chomp": stdlib.ChompFunc, "format": bounded(stdlib.FormatFunc, checkFormat),
		"formatlist": bounded(stdlib.FormatListFunc, checkFormat), "indent": stdlib.IndentFunc,
		"join": stdlib.JoinFunc, "lower": stdlib.LowerFunc, "upper": stdlib.UpperFunc,
		"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "replace": replaceFunc,
		"split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc,
		"title": stdlib.TitleFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc,
		"trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc,
		"startswith": stringTest(strings.HasPrefix), "endswith": stringTest(strings.HasSuffix),
		"strcontains": stringTest(strings.Contains),
		"chunklist":   stdlib.ChunklistFunc, "coalesce": stdlib.CoalesceFunc,
		"coalescelist": stdlib.CoalesceListFunc, "compact": stdlib.CompactFunc,
		"concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc, "distinct": stdlib.DistinctFunc,
		"element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc, "index": stdlib.IndexFunc,
		"keys": stdlib.KeysFunc, "length": lengthFunc, "lookup": stdlib.LookupFunc,
		"merge": stdlib.MergeFunc, "range": bounded(stdlib.RangeFunc, checkRange),
		"reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": bounded(stdlib.SetProductFunc, checkProduct), "setsubtract": stdlib.SetSubtractFunc,
		"setunion": stdlib.SetUnionFunc, "slice": stdlib.SliceFunc, "sort": stdlib.SortFunc,
		"values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"jsonencode": stdlib.JSONEncodeFunc, "jsondecode": stdlib.JSONDecodeFunc,
		"csvdecode": stdlib.CSVDecodeFunc,
		"tobool":    stdlib.MakeToFunc(cty.Bool), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tostring": stdlib.MakeToFunc(cty.String), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
		"sensitive": identityFunc, "nonsensitive": identityFunc, "one": oneFunc,
		"alltrue": boolsFunc(true), "anytrue": boolsFunc(false),
		"file": r.fileFunc(), "templatefile": r.templatefileFunc(),
		"timestamp": unknown("timestamp"), "uuid": unknown("uuid"),
	}
}

// bounded is f refusing arguments check finds too costly.
func bounded(f function.Function, check func([]cty.Value) error) function.Function {
	return function.New(&function.Spec{
		Params:   f.Params(),
		VarParam: f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if err := check(args); err != nil {
				return cty.NilVal, err
			}
			return f.Call(args)
		},
	})
}

var wideVerb = regexp.MustCompile(`[0-9]{5,}`)

// checkFormat refuses a format with a width or precision of 10,000 or
// more, which would build a string that large.
func checkFormat(args []cty.Value) error {
	if len(args) > 0 && args[0].IsKnown() && !args[0].IsNull() && wideVerb.MatchString(args[0].AsString()) {
		return fmt.Errorf("a format width of 10000 or more")
	}
	return nil
}

// checkRange refuses a range of more than maxInstances*10 numbers.
func checkRange(args []cty.Value) error {
	var nums []float64
	for _, a := range args {
		if !a.IsKnown() || a.IsNull() || a.Type() != cty.Number {
			return nil
		}
		f, _ := a.AsBigFloat().Float64()
		nums = append(nums, f)
	}
	if len(nums) == 0 {
		return nil
	}
	start, end, step := 0.0, nums[0], 1.0
	if len(nums) >= 2 {
		start, end = nums[0], nums[1]
	}
	if len(nums) == 3 {
		step = nums[2]
	}
	if step != 0 && (end-start)/step > maxInstances*10 {
		return fmt.Errorf("a range of more than %d numbers", maxInstances*10)
	}
	return nil
}

// checkProduct refuses a product of more than maxInstances*10 elements.
func checkProduct(args []cty.Value) error {
	n := 1
	for _, a := range args {
		if a.IsKnown() && !a.IsNull() && a.CanIterateElements() {
			n *= max(1, a.LengthInt())
		}
		if n > maxInstances*10 {
			return fmt.Errorf("a product of more than %d elements", maxInstances*10)
		}
	}
	return nil
}

// lengthFunc is Terraform's length: of a string in characters, else of
// a collection.
var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if args[0].Type() == cty.String {
			return stdlib.Strlen(args[0])
		}
		return stdlib.Length(args[0])
	},
})

// identityFunc stands for sensitive and nonsensitive, which change how
// Terraform shows a value, not the value.
var identityFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})

// oneFunc is Terraform's one: the element of a list of one, null for an
// empty list.
var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		l := args[0]
		if !l.CanIterateElements() || l.Type().IsMapType() || l.Type().IsObjectType() {
			return cty.NilVal, fmt.Errorf("one needs a list, set or tuple")
		}
		switch l.LengthInt() {
		case 0:
			return cty.NullVal(cty.DynamicPseudoType), nil
		case 1:
			it := l.ElementIterator()
			it.Next()
			_, v := it.Element()
			return v, nil
		}
		return cty.NilVal, fmt.Errorf("one needs a collection of at most one element, not %d", l.LengthInt())
	},
})

// boolsFunc is alltrue (all) or anytrue: of a list of bools.
func boolsFunc(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				if v.IsNull() {
					return cty.NilVal, fmt.Errorf("an element is null")
				}
				if v.True() != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

// replaceFunc is Terraform's replace: a substring between slashes is a
// regular expression.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		sub := args[1].AsString()
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
		}
		return stdlib.Replace(args[0], args[1], args[2])
	},
})

func stringTest(f func(s, t string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "other", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(f(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

// moduleFile reads a file that file() or templatefile() names: a
// relative path is relative to the root module's directory, as Terraform
// runs there (path.module makes it a child module's).
func (r *reader) moduleFile(p string) (string, []byte, error) {
	name := p
	if !filepath.IsAbs(p) {
		name = filepath.Join(r.root, filepath.FromSlash(p))
	}
	src, err := r.readFile(name)
	if err != nil {
		return "", nil, fmt.Errorf("cannot read %s: %w", p, err)
	}
	if !utf8.Valid(src) {
		return "", nil, fmt.Errorf("%s is not valid UTF-8", p)
	}
	return name, src, nil
}

func (r *reader) fileFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			_, src, err := r.moduleFile(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			return cty.StringVal(string(src)), nil
		},
	})
}

func (r *reader) templatefileFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			n, err := r.template(args[0].AsString(), fromValue(args[1], loc{}))
			if err != nil {
				return cty.NilVal, err
			}
			s, ok := n.text()
			if !ok {
				return cty.NilVal, fmt.Errorf("the template's result is not a string")
			}
			return cty.StringVal(s), nil
		},
	})
}

// template renders a templatefile template with its variables.
func (r *reader) template(p string, vars *node) (*node, error) {
	name, src, err := r.moduleFile(p)
	if err != nil {
		return nil, err
	}
	if vars.kind != kObject {
		return nil, fmt.Errorf("templatefile's variables must be an object")
	}
	if err := checkNesting(name, src); err != nil {
		return nil, err
	}
	expr, diags := hclsyntax.ParseTemplate(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diagError(diags, hcl.Range{Filename: name})
	}
	sc := &scope{r: r, tvars: vars}
	return sc.eval(expr)
}

// call evaluates the calls whose results keep where their parts were
// written: jsonencode, file and templatefile. ok is false for others.
func (sc *scope) call(e *hclsyntax.FunctionCallExpr) (n *node, ok bool, err error) {
	at := rangeLoc(e.Range())
	switch e.Name {
	case "jsonencode":
		if len(e.Args) != 1 || e.ExpandFinal {
			return nil, false, nil
		}
		v, err := sc.eval(e.Args[0])
		if err != nil {
			return nil, true, err
		}
		return &node{kind: kJSON, at: at, elems: []*node{v}}, true, nil
	case "file", "templatefile":
		if e.ExpandFinal || e.Name == "file" && len(e.Args) != 1 || e.Name == "templatefile" && len(e.Args) != 2 {
			return nil, false, nil
		}
		p, unknown, err := sc.value(e.Args[0])
		if err != nil || unknown || p.Type() != cty.String || p.IsNull() {
			return nil, false, nil
		}
		if e.Name == "templatefile" {
			vars, err := sc.eval(e.Args[1])
			if err != nil {
				return nil, true, err
			}
			n, err := sc.r.template(p.AsString(), vars)
			if err != nil {
				if _, ok := err.(*evalError); ok {
					return nil, true, err
				}
				return nil, true, errAt(e.Args[0].Range(), "%v", err)
			}
			return n.withVia(at), true, nil
		}
		name, src, err := sc.r.moduleFile(p.AsString())
		if err != nil {
			return nil, true, errAt(e.Args[0].Range(), "%v", err)
		}
		return stringNode(string(src), loc{file: name}, true).withVia(at), true, nil
	}
	return nil, false, nil
}
