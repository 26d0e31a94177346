package catalog

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/internal/wildcard"
)

// decode builds a Catalog from gzipped catalog JSON, written by ./gen.
func decode(gz []byte) (*Catalog, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	// The gzip trailer records the uncompressed size: read in one buffer,
	// which becomes the string every name in the catalog shares.
	var raw strings.Builder
	if n := len(gz); n >= 4 {
		raw.Grow(int(binary.LittleEndian.Uint32(gz[n-4:])))
	}
	if _, err := io.Copy(&raw, zr); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	// Each service is linked and indexed by a second goroutine as soon
	// as it is read, so on two cores indexing overlaps reading.
	c := &Catalog{
		byPrefix:  make(map[string]*Service, 512),
		actions:   make(map[string]*Action, 1<<15),
		keys:      make(map[string]*ConditionKey, 4096),
		templates: map[string][]template{},
	}
	read := make(chan *Service, 64)
	indexed := make(chan struct{})
	go func() {
		for s := range read {
			c.addService(s)
		}
		close(indexed)
	}()
	f, err := readFile(raw.String(), func(s *Service) { read <- s })
	close(read)
	<-indexed
	if err != nil {
		return nil, err
	}
	c.finish(f)
	return c, nil
}

// addService links a service's actions to it and to its resource types,
// and indexes its actions and its prefix.
func (c *Catalog) addService(s *Service) {
	s.resourceTypes = make(map[string]*ResourceType, len(s.ResourceTypes))
	for _, r := range s.ResourceTypes {
		s.resourceTypes[strings.ToLower(r.Name)] = r
	}
	link := func(rs []ActionResource) {
		for i := range rs {
			rs[i].ResourceType = s.resourceTypes[strings.ToLower(rs[i].Type)]
		}
	}
	setLowerNames(s.Prefix, s.Actions)
	for _, a := range s.Actions {
		a.Service = s.Prefix
		link(a.Resources)
		for _, sc := range a.Scenarios {
			link(sc.Resources)
		}
		c.actions[a.lower] = a
	}
	c.byPrefix[strings.ToLower(s.Prefix)] = s
}

// finish adds what needs the whole file: the header, the condition keys
// (the global ones first, so their types win over a service's copy, each
// name once), and the order of services and of key templates.
func (c *Catalog) finish(f *fileData) {
	c.info, c.services, c.aliases = f.header, f.services, f.aliases
	for _, g := range f.globalKeys {
		c.addKey(g)
	}
	for _, s := range f.services {
		for i, k := range s.ConditionKeys {
			s.ConditionKeys[i] = c.addKey(k)
		}
	}
	sort.Slice(c.services, func(i, j int) bool { return c.services[i].Prefix < c.services[j].Prefix })
	// Longest templates first, so the most specific one wins.
	for _, ts := range c.templates {
		sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].key.Name) > len(ts[j].key.Name) })
	}
}

// addKey indexes a condition key, or returns the key already indexed
// under its name.
func (c *Catalog) addKey(k *ConditionKey) *ConditionKey {
	lk := strings.ToLower(k.Name)
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
	b := make([]byte, 0, n)
	for _, a := range actions {
		b = appendLowerASCII(b, prefix)
		b = append(b, ':')
		b = appendLowerASCII(b, a.Name)
	}
	all := string(b)
	for _, a := range actions {
		n := len(prefix) + 1 + len(a.Name)
		a.lower, all = all[:n], all[n:]
		if !isASCII(a.lower) {
			a.lower = strings.ToLower(prefix + ":" + a.Name)
		}
	}
}

func appendLowerASCII(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
