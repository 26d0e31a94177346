package diffcorpus

import (
	"fmt"
	"math"
	"net/netip"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/policy"
)

// This file derives the universe of requests the brute-force oracle
// enumerates from a case's two policies: the actions their patterns
// cover, representatives of their resource patterns, the principals they
// name plus outsiders, and for each condition key the values they
// mention, values on either side of each, and the key absent.

const (
	home      = "111122223333" // the account of the caller and the resource
	outside   = "444455556666" // an account no policy of the corpus trusts
	roleARN   = "arn:aws:iam::" + home + ":role/target"
	maxExpand = 1000 // an action pattern matching more is not expanded
	maxCtx    = 20000
)

// outsiderActions are tried besides the actions the policies name, for
// NotAction and Deny statements to have something else to act on.
var outsiderActions = []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket", "iam:CreateUser", "ec2:DescribeInstances"}

var trustActions = []string{"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession"}

var outsiderResources = []string{"*", "arn:aws:s3:::other-bucket", "arn:aws:s3:::other-bucket/x", "arn:aws:iam::" + home + ":user/carol"}

// derivedKeys are context keys the evaluator derives from the principal;
// the principals of the universe vary them.
var derivedKeys = map[string]bool{"aws:username": true, "aws:userid": true, "aws:principalarn": true,
	"aws:principalaccount": true, "aws:principaltype": true, "aws:principalisawsservice": true, "aws:principalservicename": true}

// pair is an action with a resource it acts on.
type pair struct{ action, resource string }

// requestSpace is the derived universe, ready to enumerate.
type requestSpace struct {
	principals []string
	pairs      []pair
	contexts   []evaluator.Context
}

func deriveSpace(cat *catalog.Catalog, kind policy.Kind, u *Universe, docs ...*policy.Document) (*requestSpace, error) {
	if u == nil {
		u = &Universe{}
	}
	s := &requestSpace{principals: u.Principals, contexts: u.Contexts}
	if len(s.principals) == 0 {
		s.principals = derivePrincipals(kind, docs)
	}
	actions := u.Actions
	if len(actions) == 0 {
		actions = deriveActions(cat, kind, docs)
	}
	resources := u.Resources
	if len(resources) == 0 {
		resources = deriveResources(kind, docs)
	}
	chk := reqcheck.New(false)
	for _, a := range actions {
		if _, ok := cat.Action(a); !ok {
			return nil, fmt.Errorf("universe action %q is not in the catalog", a)
		}
		for _, r := range resources {
			if chk.Resource(a, r) == "" {
				s.pairs = append(s.pairs, pair{a, r})
			}
		}
	}
	if len(s.contexts) == 0 {
		var err error
		if s.contexts, err = deriveContexts(docs); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func derivePrincipals(kind policy.Kind, docs []*policy.Document) []string {
	switch kind {
	case policy.Session:
		return []string{"arn:aws:sts::" + home + ":assumed-role/app/alice", "arn:aws:sts::" + home + ":assumed-role/app/bob"}
	case policy.Resource, policy.Trust:
	default:
		return []string{"arn:aws:iam::" + home + ":user/alice", "arn:aws:iam::" + home + ":user/bob"}
	}
	set := map[string]bool{"*": true, "arn:aws:iam::" + home + ":user/alice": true,
		"arn:aws:iam::" + outside + ":user/mallory": true, "arn:aws:sts::" + outside + ":assumed-role/other/s": true}
	for _, d := range docs {
		for _, st := range d.Statements {
			if st.Principal == nil {
				continue
			}
			for _, e := range st.Principal.Entries {
				for _, p := range principalsFor(e) {
					set[p] = true
				}
			}
		}
	}
	return sortedKeys(set)
}

var accountID = regexp.MustCompile(`^\d{12}$`)

// principalsFor returns callers a Principal entry names, and a neighbour
// in the same account.
func principalsFor(e policy.PrincipalEntry) []string {
	v := e.Text
	if e.Type != policy.PrincipalAWS {
		return []string{v}
	}
	if accountID.MatchString(v) {
		v = "arn:aws:iam::" + v + ":root"
	}
	f := strings.SplitN(v, ":", 6)
	if len(f) < 6 {
		return nil
	}
	acct := f[4]
	out := []string{"arn:aws:iam::" + acct + ":root", "arn:aws:iam::" + acct + ":user/someone", "arn:aws:sts::" + acct + ":assumed-role/someone/s"}
	switch {
	case strings.HasPrefix(f[5], "role/"):
		name := f[5][strings.LastIndex(f[5], "/")+1:]
		out = append(out, "arn:aws:sts::"+acct+":assumed-role/"+name+"/s")
	case strings.HasPrefix(f[5], "user/"):
		out = append(out, v)
	}
	return out
}

func deriveActions(cat *catalog.Catalog, kind policy.Kind, docs []*policy.Document) []string {
	set := map[string]bool{}
	base := outsiderActions
	if kind == policy.Trust {
		base = trustActions
	}
	for _, a := range base {
		set[a] = true
	}
	for _, d := range docs {
		for _, st := range d.Statements {
			if st.Action == nil {
				continue
			}
			for _, it := range st.Action.Items {
				pattern := it.Text
				if st.Action.Not {
					// What NotAction leaves: the rest of the service.
					svc, _, _ := strings.Cut(pattern, ":")
					pattern = svc + ":*"
				}
				m := cat.MatchActions(pattern)
				if len(m) > maxExpand {
					continue
				}
				for _, a := range m {
					set[a.FullName()] = true
				}
			}
		}
	}
	return sortedKeys(set)
}

var variable = regexp.MustCompile(`\$\{[^}]*\}`)

func deriveResources(kind policy.Kind, docs []*policy.Document) []string {
	if kind == policy.Trust {
		return []string{roleARN}
	}
	set := map[string]bool{}
	for _, r := range outsiderResources {
		set[r] = true
	}
	for _, d := range docs {
		for _, st := range d.Statements {
			if st.Resource == nil {
				continue
			}
			for _, it := range st.Resource.Items {
				for _, r := range representatives(it.Text) {
					set[r] = true
				}
			}
		}
	}
	return sortedKeys(set)
}

// representatives are resources a pattern matches (or, under Version
// 2008-10-17, the literal ${...} text): each * as "x", "" or "x/y", each
// ? as "q", ${aws:username} as each caller's name.
func representatives(p string) []string {
	if p == "*" {
		return []string{"*"}
	}
	var out []string
	for _, star := range []string{"x", "", "x/y"} {
		base := strings.ReplaceAll(strings.ReplaceAll(p, "*", star), "?", "q")
		out = append(out, base)
		if variable.MatchString(base) {
			for _, name := range []string{"alice", "bob"} {
				out = append(out, variable.ReplaceAllString(base, name))
			}
		}
	}
	return out
}

// keyValues gathers, for each condition key, the candidate values and
// whether the key is used with a set qualifier.
type keyValues struct {
	name   string
	values map[string]bool
	multi  bool
}

func deriveContexts(docs []*policy.Document) ([]evaluator.Context, error) {
	keys := map[string]*keyValues{}
	for _, d := range docs {
		for _, st := range d.Statements {
			for _, c := range st.Conditions {
				lk := strings.ToLower(c.Key.Text)
				if derivedKeys[lk] {
					continue
				}
				kv := keys[lk]
				if kv == nil {
					kv = &keyValues{name: c.Key.Text, values: map[string]bool{}}
					keys[lk] = kv
				}
				kv.multi = kv.multi || c.Operator.Qualifier != policy.NoQualifier
				for _, v := range c.Values {
					for _, cand := range candidates(c.Operator.Family, v.Text) {
						kv.values[cand] = true
					}
				}
			}
		}
	}
	ctxs := []evaluator.Context{{}}
	for _, lk := range sortedKeys(keys) {
		kv := keys[lk]
		options := [][]string{nil} // nil: the key is absent
		vals := sortedKeys(kv.values)
		for _, v := range vals {
			options = append(options, []string{v})
		}
		if kv.multi {
			options = append(options, []string{})
			for i := range vals {
				for j := i + 1; j < len(vals); j++ {
					options = append(options, []string{vals[i], vals[j]})
				}
			}
		}
		if len(ctxs)*len(options) > maxCtx {
			return nil, fmt.Errorf("more than %d contexts: give the case's universe contexts", maxCtx)
		}
		var next []evaluator.Context
		for _, c := range ctxs {
			for _, o := range options {
				n := evaluator.Context{}
				for k, v := range c {
					n[k] = v
				}
				switch {
				case o == nil:
				case kv.multi:
					n.SetList(kv.name, o...)
				default:
					n.Set(kv.name, o[0])
				}
				next = append(next, n)
			}
		}
		ctxs = next
	}
	return ctxs, nil
}

// candidates returns request values on each side of a policy value of
// an operator family.
func candidates(f policy.Family, v string) []string {
	switch f {
	case policy.FamilyNumeric:
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return []string{v}
		}
		return []string{num(n - 1), num(n), num(n + 1), num(n + 0.5)}
	case policy.FamilyDate:
		return []string{v, "2000-01-01T00:00:00Z", "2099-01-01T00:00:00Z"}
	case policy.FamilyBool:
		return []string{"true", "false"}
	case policy.FamilyNull:
		return []string{"x"}
	case policy.FamilyIP:
		p, err := netip.ParsePrefix(v)
		if err != nil {
			if a, err := netip.ParseAddr(v); err == nil {
				return []string{a.String(), a.Next().String()}
			}
			return nil
		}
		p = p.Masked()
		out := []string{p.Addr().String(), p.Addr().Next().String()}
		if prev := p.Addr().Prev(); prev.IsValid() {
			out = append(out, prev.String())
		}
		if after := afterBlock(p); after.IsValid() {
			out = append(out, after.String())
		}
		return out
	}
	// String and ARN families: the value with its wildcards filled in,
	// and values that differ from it.
	var out []string
	filled := strings.ReplaceAll(strings.ReplaceAll(v, "*", "x"), "?", "q")
	for _, s := range []string{filled, strings.ReplaceAll(v, "*", "")} {
		out = append(out, s, s+"-other", strings.ToUpper(s))
		if variable.MatchString(s) {
			out = append(out, variable.ReplaceAllString(s, "alice"), variable.ReplaceAllString(s, "bob"))
		}
	}
	return out
}

// afterBlock is the first address after a prefix's block.
func afterBlock(p netip.Prefix) netip.Addr {
	b := p.Addr().As16()
	bits := p.Bits()
	if p.Addr().Is4() {
		bits += 96
	}
	for i := bits; i < 128; i++ {
		b[i/8] |= 1 << (7 - i%8)
	}
	a := netip.AddrFrom16(b)
	if p.Addr().Is4() {
		a = a.Unmap()
	}
	return a.Next()
}

func num(f float64) string {
	if f == math.Trunc(f) {
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
