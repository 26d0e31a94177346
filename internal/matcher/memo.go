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
	if len(v) != len("2006-01-02T15:04:05Z") || v[4] != '-' || v[7] != '-' || v[10] != 'T' || v[13] != ':' || v[16] != ':' || v[19] != 'Z' {
		return policy.ParseDate(v)
	}
	y, ok1 := digits(v[0:4])
	mo, ok2 := digits(v[5:7])
	d, ok3 := digits(v[8:10])
	h, ok4 := digits(v[11:13])
	mi, ok5 := digits(v[14:16])
	sec, ok6 := digits(v[17:19])
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !ok6 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || sec > 59 {
		return policy.ParseDate(v) // out of range: it decides
	}
	return time.Unix(daysSinceEpoch(y, mo, d)*86400+int64(h*3600+mi*60+sec), 0), true
}

// digits reads a number of decimal digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = 10*n + int(s[i]-'0')
	}
	return n, true
}

// daysIn returns the number of days of a month of the proleptic
// Gregorian calendar.
func daysIn(y, month int) int {
	if month == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 29
	}
	return int("\x1f\x1c\x1f\x1e\x1f\x1e\x1f\x1f\x1e\x1f\x1e\x1f"[month-1])
}

// daysSinceEpoch returns the days from 1970-01-01 to a date of the
// proleptic Gregorian calendar, year 0 to 9999 (the days_from_civil
// algorithm of Howard Hinnant's "chrono-Compatible Low-Level Date
// Algorithms").
func daysSinceEpoch(y, month, d int) int64 {
	if month <= 2 {
		y-- // years start in March, so that leap days end them
	}
	era := (y+400)/400 - 1                  // the 400-year cycle; year -1 is in era -1
	yoe := y - era*400                      // [0, 399]
	doy := (153*((month+9)%12)+2)/5 + d - 1 // [0, 365], from March 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy  // [0, 146096]
	return int64(era*146097+doe) - 719468
}

// isScalar reports whether the family's request values parse as a scalar.
func isScalar(f policy.Family) bool {
	return f == policy.FamilyNumeric || f == policy.FamilyDate || f == policy.FamilyIP || f == policy.FamilyBool
}
