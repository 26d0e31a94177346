package catalog

import (
	"sort"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog/catfile"
	"github.com/iamsim/iamsim/internal/wildcard"
)

// decode builds a Catalog from a catalog file written by ./gen (the form
// package catfile describes). Every string is a slice of the file, which
// is embedded uncompressed, so reading a name costs no copy. It reads the
// services, their resource types and condition keys, each kind allocated
// in one block from the file's totals, and the global keys; a service's
// actions are read on its first use (readActions).
func decode(file string) (*Catalog, error) {
	r := catfile.NewReader(file)
	c := &Catalog{info: r.Header(), templates: map[string][]template{}}
	r.ReadLists()
	d := &decoder{r: r}
	services := make([]Service, r.Count())
	d.types = make([]ResourceType, r.Count())
	d.typePtrs = make([]*ResourceType, len(d.types))
	d.keys = make([]ConditionKey, r.Count())
	d.keyPtrs = make([]*ConditionKey, len(d.keys))
	keys := len(d.keys)
	if n := r.Count(); n != len(services) {
		r.Fail("%d services, but the totals say %d", n, len(services))
	}
	if len(services) > 0 {
		c.services = make([]*Service, len(services))
	}
	c.byPrefix = make(map[string]*Service, len(services))
	for i := range c.services {
		s := &services[i]
		d.service(s)
		c.services[i] = s
		c.byPrefix[strings.ToLower(s.Prefix)] = s
	}
	globals := d.conditionKeys(true)
	if n := r.Count(); n > 0 {
		c.aliases = make(map[string][]string, n)
		for range n {
			p := r.Str()
			c.aliases[p] = r.List()
		}
	}
	if err := r.Done(); err != nil {
		return nil, err
	}
	c.file = r
	c.keys = make(map[string]*ConditionKey, keys+len(globals))
	c.finish(globals)
	return c, nil
}

// decoder hands out the blocks decode allocated, checking that the file
// keeps within its totals.
type decoder struct {
	r         *catfile.Reader
	types     []ResourceType
	typePtrs  []*ResourceType
	keys      []ConditionKey
	keyPtrs   []*ConditionKey
	resources []ActionResource // readActions'
}

// take returns the next n elements of a block, or fails when the block
// has fewer left than n.
func take[T any](d *decoder, block *[]T, n int, what string) []T {
	if n > len(*block) {
		d.r.Fail("more %s than the totals say", what)
		return nil
	}
	out := (*block)[:n:n]
	*block = (*block)[n:]
	return out
}

// service reads a service but for its actions, which it skips.
func (d *decoder) service(s *Service) {
	r := d.r
	s.Prefix, s.Name = r.Str(), r.Str()
	types := take(d, &d.types, r.Count(), "resource types")
	ptrs := take(d, &d.typePtrs, len(types), "resource types")
	for i := range types {
		t := &types[i]
		t.Name, t.ARN, t.ConditionKeys = r.Str(), r.Str(), r.List()
		ptrs[i] = t
	}
	if len(ptrs) > 0 {
		s.ResourceTypes = ptrs
	}
	s.ConditionKeys = d.conditionKeys(false)
	s.lazy.n, s.lazy.resources = r.Count(), r.Count()
	s.lazy.start, s.lazy.end = r.Skip()
}

// readActions reads a service's actions, linked to its resource types,
// and checks that they are in the order of their lower-case names, which
// Service.action searches.
func (c *Catalog) readActions(s *Service) error {
	r := c.file.At(s.lazy.start)
	d := &decoder{r: r, resources: make([]ActionResource, s.lazy.resources)}
	actions := make([]Action, s.lazy.n)
	s.Actions = make([]*Action, len(actions))
	for i := range actions {
		a := &actions[i]
		a.Service, a.Name, a.AccessLevels, a.ConditionKeys = s.Prefix, r.Str(), r.List(), r.List()
		a.Resources = d.actionResources(s)
		if n := r.Count(); n > 0 {
			a.Scenarios = make([]Scenario, n)
			for j := range a.Scenarios {
				a.Scenarios[j].Name = r.Str()
				a.Scenarios[j].Resources = d.actionResources(s)
			}
		}
		s.Actions[i] = a
	}
	r.End(s.lazy.end)
	if len(d.resources) > 0 {
		r.Fail("fewer action resources than %s's total", s.Prefix)
	}
	setLowerNames(s.Prefix, s.Actions)
	for i := 1; i < len(actions); i++ {
		if actions[i-1].lower >= actions[i].lower {
			r.Fail("%s: action %q after %q", s.Prefix, actions[i].Name, actions[i-1].Name)
		}
	}
	return r.Err()
}

// actionResources reads an action's resource types, linked to the
// service's; none gives nil.
func (d *decoder) actionResources(s *Service) []ActionResource {
	r := d.r
	n := r.Count()
	if n == 0 {
		return nil
	}
	out := take(d, &d.resources, n, "action resources")
	for i := range out {
		ar := &out[i]
		ar.Type, ar.Required, ar.ConditionKeys = r.Str(), r.Flags(), r.List()
		switch link := r.Uint(); {
		case link > len(s.ResourceTypes):
			r.Fail("resource type %d of %d", link, len(s.ResourceTypes))
		case link > 0:
			ar.ResourceType = s.ResourceTypes[link-1]
		}
	}
	return out
}

// conditionKeys reads a list of keys; only the global keys keep their
// category.
func (d *decoder) conditionKeys(global bool) []*ConditionKey {
	r := d.r
	n := r.Count()
	if n == 0 {
		return nil
	}
	var keys []ConditionKey
	var out []*ConditionKey
	if global {
		keys, out = make([]ConditionKey, n), make([]*ConditionKey, n)
	} else {
		keys = take(d, &d.keys, n, "condition keys")
		out = take(d, &d.keyPtrs, len(keys), "condition keys")
	}
	for i := range keys {
		k := &keys[i]
		k.Name, k.Type, k.Global = r.Str(), r.Str(), global
		if c := r.Str(); global {
			k.Category = c
		}
		out[i] = k
	}
	return out
}

// finish indexes the condition keys (the global ones first, so their
// types win over a service's copy, each name once), and orders the
// services and the key templates.
func (c *Catalog) finish(globals []*ConditionKey) {
	// The lower-case names share one buffer.
	n := 0
	for _, g := range globals {
		n += len(g.Name)
	}
	for _, s := range c.services {
		for _, k := range s.ConditionKeys {
			n += len(k.Name)
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, g := range globals {
		c.addKey(g, lowerInto(&b, g.Name))
	}
	for _, s := range c.services {
		for i, k := range s.ConditionKeys {
			s.ConditionKeys[i] = c.addKey(k, lowerInto(&b, k.Name))
		}
	}
	sort.Slice(c.services, func(i, j int) bool { return c.services[i].Prefix < c.services[j].Prefix })
	// Longest templates first, so the most specific one wins.
	for _, ts := range c.templates {
		sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].key.Name) > len(ts[j].key.Name) })
	}
}

// addKey indexes a condition key under its lower-case name lk, or
// returns the key already indexed under it.
func (c *Catalog) addKey(k *ConditionKey, lk string) *ConditionKey {
	if old, ok := c.keys[lk]; ok {
		return old
	}
	c.keys[lk] = k
	if hasVariable(k.Name) {
		p, _, _ := strings.Cut(lk, ":")
		if hasVariable(p) {
			p = ""
		}
		c.templates[p] = append(c.templates[p], template{key: k, pattern: wildcard.Compile(templatePattern(lk))})
	}
	return k
}

// setLowerNames sets the lower-case full names of a service's actions
// ("s3:getobject"), sharing one allocation. Names are ASCII; any other
// name is lower-cased on its own.
func setLowerNames(prefix string, actions []*Action) {
	n := 0
	for _, a := range actions {
		n += len(prefix) + 1 + len(a.Name)
	}
	var b strings.Builder
	b.Grow(n)
	for _, a := range actions {
		writeLowerASCII(&b, prefix)
		b.WriteByte(':')
		writeLowerASCII(&b, a.Name)
	}
	all := b.String()
	for _, a := range actions {
		n := len(prefix) + 1 + len(a.Name)
		a.lower, all = all[:n], all[n:]
		if !isASCII(a.lower) {
			a.lower = strings.ToLower(prefix + ":" + a.Name)
		}
	}
}

// lowerInto returns s lower-cased, written into b when s is ASCII: the
// result shares b's buffer.
func lowerInto(b *strings.Builder, s string) string {
	if !isASCII(s) {
		return strings.ToLower(s)
	}
	start := b.Len()
	writeLowerASCII(b, s)
	return b.String()[start:]
}

func writeLowerASCII(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
