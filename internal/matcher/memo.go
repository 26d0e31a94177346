package matcher

import (
	"net/netip"
	"time"

	"github.com/iamsim/iamsim/policy"
)

// memoSize is how many keys a Memo remembers during one evaluation (a
// power of two); it looks further keys up every time.
const memoSize = 16

// Memo is a Context for one evaluation at a time: it looks each key up
// in another Context once and remembers the values, and the first value
// parsed for a Numeric, Date, IP or Bool operator, for the next condition
// or variable that reads the key. Reset starts the next evaluation,
// reusing the storage. A Memo must be Reset before use and is not safe
// for concurrent use.
type Memo struct {
	base    Context
	keyed   KeyedContext // base, if it is one
	gen     uint32
	entries [memoSize]memoEntry
}

type memoEntry struct {
	gen       uint32 // current when it is the Memo's
	key       Key
	values    []string
	multi, ok bool
	// first is values[0] parsed for family, once family is set.
	family policy.Family
	first  scalar
}

// Reset makes the Memo forget what it remembered and look keys up in
// base from now on.
func (m *Memo) Reset(base Context) {
	m.base = base
	m.keyed, _ = base.(KeyedContext)
	m.gen++
	if m.gen == 0 { // wrapped around: entries of gen 0 are stale
		m.entries = [memoSize]memoEntry{}
		m.gen = 1
	}
}

// Lookup implements Context.
func (m *Memo) Lookup(key string) ([]string, bool, bool) { return m.LookupKey(NewKey(key)) }

// LookupKey implements KeyedContext.
func (m *Memo) LookupKey(k Key) ([]string, bool, bool) {
	e := m.entry(k)
	return e.values, e.multi, e.ok
}

// Equal reports true: a Memo is storage for evaluating, not part of a
// result. (go-cmp compares what holds one with it.)
func (m *Memo) Equal(*Memo) bool { return true }

// entry returns the remembered entry of the key, looking it up first if
// need be. The entries form a hash table with linear probing; entries of
// an earlier evaluation count as free.
func (m *Memo) entry(k Key) *memoEntry {
	for i, n := k.hash%memoSize, 0; n < memoSize; i, n = (i+1)%memoSize, n+1 {
		e := &m.entries[i]
		if e.gen != m.gen {
			e.gen, e.key, e.family = m.gen, k, 0
			e.values, e.multi, e.ok = m.lookupBase(k)
			return e
		}
		if e.key.hash == k.hash && e.key.Name == k.Name {
			return e
		}
	}
	// Full: look the key up without remembering it.
	var e memoEntry
	e.values, e.multi, e.ok = m.lookupBase(k)
	return &e
}

func (m *Memo) lookupBase(k Key) ([]string, bool, bool) {
	if m.keyed != nil {
		return m.keyed.LookupKey(k)
	}
	return m.base.Lookup(k.Name)
}

// scalar returns the entry's first value parsed for the family, parsing
// it the first time.
func (e *memoEntry) scalar(f policy.Family) *scalar {
	if e.family != f {
		e.first, e.family = parseScalar(f, e.values[0]), f
	}
	return &e.first
}

// lookup looks a key up in ctx, through its memory when ctx is a Memo.
// The entry is that of the Memo, or nil.
func lookup(ctx Context, k Key) ([]string, bool, bool, *memoEntry) {
	switch c := ctx.(type) {
	case *Memo:
		e := c.entry(k)
		return e.values, e.multi, e.ok, e
	case KeyedContext:
		values, multi, ok := c.LookupKey(k)
		return values, multi, ok, nil
	}
	values, multi, ok := ctx.Lookup(k.Name)
	return values, multi, ok, nil
}

// scalar is a request value parsed for the Numeric, Date, IP or Bool
// family; ok is false when it is not of that type.
type scalar struct {
	num  policy.Decimal
	date time.Time
	addr netip.Addr
	b    bool
	ok   bool
}

// parseScalar parses a request value for one of the scalar families.
func parseScalar(f policy.Family, v string) scalar {
	var s scalar
	switch f {
	case policy.FamilyNumeric:
		s.num, s.ok = policy.ParseNumber(v)
	case policy.FamilyDate:
		s.date, s.ok = parseDate(v)
	case policy.FamilyIP:
		s.addr, s.ok = parseAddr(v)
	case policy.FamilyBool:
		s.b, s.ok = policy.ParseBool(v)
	}
	return s
}

// parseDate is policy.ParseDate with a fast path for the form AWS gives
// aws:CurrentTime in, 2026-03-01T12:00:00Z: time.Parse tries its layouts
// in turn, which costs several times more.
func parseDate(v string) (time.Time, bool) {
	const form = "dddd-dd-ddTdd:dd:ddZ"
	if len(v) != len(form) {
		return policy.ParseDate(v)
	}
	var n [6]int // year, month, day, hour, minute, second
	field := 0
	for i := 0; i < len(form); i++ {
		switch c := v[i]; {
		case form[i] == 'd' && '0' <= c && c <= '9':
			n[field] = 10*n[field] + int(c-'0')
		case form[i] == 'd' || c != form[i]:
			return policy.ParseDate(v)
		default:
			field++
		}
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], 0, time.UTC)
	if n[1] < 1 || n[1] > 12 || t.Day() != n[2] || n[3] > 23 || n[4] > 59 || n[5] > 59 {
		return policy.ParseDate(v) // out of range: it decides
	}
	return t, true
}

// isScalar reports whether the family's request values parse as a scalar.
func isScalar(f policy.Family) bool {
	return f == policy.FamilyNumeric || f == policy.FamilyDate || f == policy.FamilyIP || f == policy.FamilyBool
}
