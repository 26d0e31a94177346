package diff

import (
	"math/big"
	"net/netip"
	"slices"
	"sort"
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
		k.addNumbers(texts)
	case policy.FamilyDate:
		k.addDates(texts)
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

// addNumbers adds each number, one below the least, one above the
// greatest and the midpoint of each pair of neighbours.
func (k *keyValues) addNumbers(texts []string) {
	var nums []*big.Rat
	for _, t := range texts {
		if r, ok := new(big.Rat).SetString(t); ok {
			nums = append(nums, r)
		} else if k.inexact == "" {
			k.inexact = "a Numeric condition value that is not a number"
		}
	}
	if len(nums) == 0 {
		k.add("0")
		return
	}
	sort.Slice(nums, func(i, j int) bool { return nums[i].Cmp(nums[j]) < 0 })
	one := big.NewRat(1, 1)
	k.add(ratText(new(big.Rat).Sub(nums[0], one)))
	for i, n := range nums {
		k.add(ratText(n))
		if i > 0 && nums[i-1].Cmp(n) != 0 {
			mid := new(big.Rat).Add(nums[i-1], n)
			k.add(ratText(mid.Quo(mid, big.NewRat(2, 1))))
		}
	}
	k.add(ratText(new(big.Rat).Add(nums[len(nums)-1], one)))
}

// ratText writes a number as a decimal: whole numbers without a point.
func ratText(r *big.Rat) string {
	if r.IsInt() {
		return r.RatString()
	}
	return strings.TrimRight(r.FloatString(12), "0")
}

// addDates adds each date, a second before the earliest and after the
// latest, and the midpoint of each pair of neighbours.
func (k *keyValues) addDates(texts []string) {
	var ts []time.Time
	for _, t := range texts {
		if d, ok := policy.ParseDate(t); ok {
			ts = append(ts, d)
		} else if k.inexact == "" {
			k.inexact = "a Date condition value that is not a date"
		}
	}
	if len(ts) == 0 {
		k.add("2020-01-01T00:00:00Z")
		return
	}
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	k.add(ts[0].Add(-time.Second).UTC().Format(time.RFC3339Nano))
	for i, t := range ts {
		k.add(t.UTC().Format(time.RFC3339Nano))
		if i > 0 && !ts[i-1].Equal(t) {
			k.add(ts[i-1].Add(t.Sub(ts[i-1]) / 2).UTC().Format(time.RFC3339Nano))
		}
	}
	k.add(ts[len(ts)-1].Add(time.Second).UTC().Format(time.RFC3339Nano))
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
