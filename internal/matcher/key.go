package matcher

import (
	"hash/maphash"
	"sync"
)

// Key is a name to look up in lower case, such as a context key or a
// service prefix, with its hash, computed once (when a policy is compiled
// or a request prepared) rather than on every lookup.
type Key struct {
	Name string
	hash uint64
}

// keySeed seeds the hashes of Keys.
var keySeed = maphash.MakeSeed()

// NewKey returns the Key of a name in lower case.
func NewKey(lower string) Key { return Key{Name: lower, hash: maphash.String(keySeed, lower)} }

// interned holds the names of the Keys that compiled conditions and
// variables read, process-wide: Keys of one name share its text, so that
// comparing them compares pointers.
var interned sync.Map // string → string

// compiledKey returns the Key of a name in lower case, its text interned.
func compiledKey(lower string) Key {
	v, ok := interned.Load(lower)
	if !ok {
		v, _ = interned.LoadOrStore(lower, lower)
	}
	return NewKey(v.(string))
}

// KeyedContext is a Context that can look keys up by their Key, without
// hashing the name again.
type KeyedContext interface {
	Context
	LookupKey(k Key) (values []string, multi, ok bool)
}

// table is a hash table from Keys to values, with linear probing, for a
// set of keys known in advance: it does not grow.
type table[V any] struct {
	slots []tableSlot[V]
}

type tableSlot[V any] struct {
	used  bool
	key   Key
	value V
}

// newTable returns a table with room for n keys.
func newTable[V any](n int) table[V] {
	size := 1
	for size < 2*n {
		size *= 2
	}
	return table[V]{slots: make([]tableSlot[V], size)}
}

// slot returns the slot of the key, or the free slot where it belongs.
func (t *table[V]) slot(k Key) *tableSlot[V] {
	mask := uint64(len(t.slots) - 1)
	for i := k.hash & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if !s.used || s.key.hash == k.hash && s.key.Name == k.Name {
			return s
		}
	}
}

// get returns the value of the key.
func (t *table[V]) get(k Key) (V, bool) {
	if len(t.slots) == 0 {
		var zero V
		return zero, false
	}
	s := t.slot(k)
	return s.value, s.used
}

// set sets the value of the key; the table must have room for it.
func (t *table[V]) set(k Key, v V) {
	s := t.slot(k)
	s.used, s.key, s.value = true, k, v
}

// Values is a Context of a known number of keys in a hash table that uses
// the hashes of Keys: conditions and variables look their keys up without
// hashing them.
type Values struct {
	t table[ContextValue]
}

// NewValues returns Values with room for n keys.
func NewValues(n int) *Values { return &Values{t: newTable[ContextValue](n)} }

// Set sets the value of a key; there must be room for it.
func (v *Values) Set(k Key, value ContextValue) { v.t.set(k, value) }

// Lookup implements Context.
func (v *Values) Lookup(key string) ([]string, bool, bool) { return v.LookupKey(NewKey(key)) }

// LookupKey implements KeyedContext.
func (v *Values) LookupKey(k Key) ([]string, bool, bool) {
	cv, ok := v.t.get(k)
	return cv.Values, cv.Multi, ok
}
