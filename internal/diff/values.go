package diff

import (
	"math/big"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// maxSetElements is the most element values of a multi-valued key whose
// every subset is tried; beyond it only some subsets are, and the key's
// statements are reported as possible.
const maxSetElements = 5

// The values that fall outside everything a policy names, per family.
const (
	otherString = "zz-other"
	otherARN    = "arn:aws:iam::" + OutsideAccount + ":role/zz-other"
	otherBinary = "b3RoZXI="
	otherIPv4   = "198.51.100.77"
	otherIPv6   = "2001:db8::77"
)

// keyValues gathers, for one condition key, the values of every condition
// on it in both policies, and builds its representatives.
type keyValues struct {
	name  string // as first written
	multi bool
	// elems are the element values, each standing for one cell.
	elems []string
	seen  map[string]bool
	// inexact says why the cells are not exact, or "".
	inexact string
}

// add adds a value as an element.
func (k *keyValues) add(v string) {
	if !k.seen[v] {
		k.seen[v] = true
		k.elems = append(k.elems, v)
	}
}

// addCondition adds the representatives of a condition's values: for
// each operator family the values on both sides of every value it names
// (docs/diff.md, "Context"). It returns the variable keys the values
// name.
func (k *keyValues) addCondition(c *policy.Condition, variables bool) []string {
	if c.Operator.Qualifier != policy.NoQualifier {
		k.multi = true
	}
	var keys []string
	var texts []string
	for _, v := range c.Values {
		texts = append(texts, v.Text)
	}
	switch c.Operator.Family {
	case policy.FamilyString, policy.FamilyARN:
		wild := c.Operator.Compare == policy.CompareLike
		for _, t := range texts {
			reps, vars := instantiate(t, variables, wild)
			keys = append(keys, vars...)
			for _, r := range reps {
				k.add(r)
				k.add(strings.ToUpper(r))
				k.add(strings.ToLower(r))
			}
		}
		if c.Operator.Family == policy.FamilyARN {
			k.add(otherARN)
		} else {
			k.add(otherString)
		}
	case policy.FamilyNumeric:
		addOrdered(k, texts, numbers)
	case policy.FamilyDate:
		addOrdered(k, texts, dates)
	case policy.FamilyIP:
		k.addIPs(texts)
	case policy.FamilyBool:
		k.add("true")
		k.add("false")
		for _, t := range texts {
			reps, vars := instantiate(t, variables, false)
			keys = append(keys, vars...)
			for _, r := range reps {
				k.add(r)
			}
		}
	case policy.FamilyBinary:
		for _, t := range texts {
			k.add(t)
		}
		k.add(otherBinary)
	case policy.FamilyNull:
		k.add(otherString) // present, with any value
	}
	return keys
}

// ordered is how to cut the values of an ordered family (numbers,
// dates) into cells: parse a value, order two, step one below or above,
// take the midpoint of two, and write one.
type ordered[T any] struct {
	parse func(string) (T, bool)
	cmp   func(a, b T) int
	step  func(v T, dir int) T
	mid   func(a, b T) T
	text  func(T) string
	// none is tried when no value parses; bad says why the cells are then
	// not exact.
	none, bad string
}

// addOrdered adds each value, one a step below the least and above the
// greatest, and the midpoint of each pair of distinct neighbours.
func addOrdered[T any](k *keyValues, texts []string, o ordered[T]) {
	var vals []T
	for _, t := range texts {
		if v, ok := o.parse(t); ok {
			vals = append(vals, v)
		} else if k.inexact == "" {
			k.inexact = o.bad
		}
	}
	if len(vals) == 0 {
		k.add(o.none)
		return
	}
	slices.SortFunc(vals, o.cmp)
	k.add(o.text(o.step(vals[0], -1)))
	for i, v := range vals {
		k.add(o.text(v))
		if i > 0 && o.cmp(vals[i-1], v) != 0 {
			k.add(o.text(o.mid(vals[i-1], v)))
		}
	}
	k.add(o.text(o.step(vals[len(vals)-1], 1)))
}

// numbers cuts Numeric values, steps of one; a value is a number when
// the evaluator reads it as one (policy.ParseNumber).
var numbers = ordered[*big.Rat]{
	parse: func(s string) (*big.Rat, bool) {
		if _, ok := policy.ParseNumber(s); !ok {
			return nil, false
		}
		return new(big.Rat).SetString(s)
	},
	cmp:  func(a, b *big.Rat) int { return a.Cmp(b) },
	step: func(v *big.Rat, dir int) *big.Rat { return new(big.Rat).Add(v, big.NewRat(int64(dir), 1)) },
	mid: func(a, b *big.Rat) *big.Rat {
		m := new(big.Rat).Add(a, b)
		return m.Quo(m, big.NewRat(2, 1))
	},
	text: ratText,
	none: "0",
	bad:  "a Numeric condition value that is not a number",
}

// ratText writes a number as a decimal: whole numbers without a point.
func ratText(r *big.Rat) string {
	if r.IsInt() {
		return r.RatString()
	}
	return strings.TrimRight(r.FloatString(12), "0")
}

// dates cuts Date values, steps of a second.
var dates = ordered[time.Time]{
	parse: policy.ParseDate,
	cmp:   func(a, b time.Time) int { return a.Compare(b) },
	step:  func(v time.Time, dir int) time.Time { return v.Add(time.Duration(dir) * time.Second) },
	mid:   func(a, b time.Time) time.Time { return a.Add(b.Sub(a) / 2) },
	text:  func(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) },
	none:  "2020-01-01T00:00:00Z",
	bad:   "a Date condition value that is not a date",
}

// addIPs adds, for each range, its first address and the addresses just
// before it and just after its last, and an address of each family far
// from every range.
func (k *keyValues) addIPs(texts []string) {
	for _, t := range texts {
		p, ok := policy.ParseIPRange(t)
		if !ok {
			if k.inexact == "" {
				k.inexact = "an IpAddress condition value that is not an address or range"
			}
			continue
		}
		p = p.Masked()
		first := p.Addr()
		k.add(first.String())
		if prev := first.Prev(); prev.IsValid() {
			k.add(prev.String())
		}
		if next := lastAddr(p).Next(); next.IsValid() {
			k.add(next.String())
		}
	}
	k.add(otherIPv4)
	k.add(otherIPv6)
}

// lastAddr is the last address of a range.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	bits := p.Bits()
	for i := range b {
		for j := 0; j < 8; j++ {
			if i*8+j >= bits {
				b[i] |= 0x80 >> j
			}
		}
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// values returns the key's representatives: absent first, then each
// element alone, and for a multi-valued key every set of elements (or,
// past maxSetElements, the empty set, each pair and all of them).
func (k *keyValues) values() []*evaluator.ContextValue {
	out := []*evaluator.ContextValue{nil}
	for _, e := range k.elems {
		out = append(out, &evaluator.ContextValue{Values: []string{e}})
	}
	if !k.multi {
		return out
	}
	n := len(k.elems)
	if n <= maxSetElements {
		for mask := 0; mask < 1<<n; mask++ {
			set := []string{}
			for i, e := range k.elems {
				if mask&(1<<i) != 0 {
					set = append(set, e)
				}
			}
			out = append(out, &evaluator.ContextValue{Values: set, Multi: true})
		}
		return out
	}
	if k.inexact == "" {
		k.inexact = "a multi-valued key with more than 5 distinct values: not every set of them is tried"
	}
	out = append(out, &evaluator.ContextValue{Values: []string{}, Multi: true}, &evaluator.ContextValue{Values: k.elems, Multi: true})
	for i := range k.elems {
		for j := i + 1; j < n; j++ {
			out = append(out, &evaluator.ContextValue{Values: []string{k.elems[i], k.elems[j]}, Multi: true})
		}
	}
	return out
}
