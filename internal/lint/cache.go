package lint

import "sync"

// cache is a map of answers that are costly to work out, safe for
// concurrent use. It stops growing at cacheMax entries: the keys come from
// the policies linted. The zero value is an empty cache.
type cache[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]V
}

const cacheMax = 1 << 15

// get returns the answer for k, working it out with compute the first
// time. Two goroutines asking at once may both compute it; compute must
// therefore give the same answer every time.
func (c *cache[K, V]) get(k K, compute func() V) V {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	v = compute()
	c.mu.Lock()
	if c.m == nil {
		c.m = map[K]V{}
	}
	if len(c.m) < cacheMax {
		c.m[k] = v
	}
	c.mu.Unlock()
	return v
}

// lazy is a value built on first use, safe for concurrent use. The zero
// value has not been built yet.
type lazy[T any] struct {
	once sync.Once
	v    T
}

// get returns the value, building it with build the first time.
func (l *lazy[T]) get(build func() T) T {
	l.once.Do(func() { l.v = build() })
	return l.v
}
