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
	f, err := readFile(raw.String())
	if err != nil {
		return nil, err
	}
	return index(f), nil
}

// index links and indexes what readFile read: each action's service and
// resource types, the look-up maps, and the condition keys, each name once.
func index(f *fileData) *Catalog {
	c := &Catalog{
		info:      f.header,
		services:  f.services,
		byPrefix:  make(map[string]*Service, len(f.services)),
		actions:   make(map[string]*Action, 1<<15),
		keys:      make(map[string]*ConditionKey, 4096),
		templates: map[string][]template{},
		aliases:   f.aliases,
	}
	addKey := func(k *ConditionKey) *ConditionKey {
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
	// Global keys first: their types win over a service's copy.
	for _, g := range f.globalKeys {
		addKey(g)
	}
	for _, s := range f.services {
		s.resourceTypes = make(map[string]*ResourceType, len(s.ResourceTypes))
		for _, r := range s.ResourceTypes {
			s.resourceTypes[strings.ToLower(r.Name)] = r
		}
		for i, k := range s.ConditionKeys {
			s.ConditionKeys[i] = addKey(k)
		}
		link := func(rs []ActionResource) {
			for i := range rs {
				rs[i].ResourceType = s.resourceTypes[strings.ToLower(rs[i].Type)]
			}
		}
		lower := lowerNames(s.Prefix, s.Actions)
		for j, a := range s.Actions {
			a.Service, a.lower = s.Prefix, lower[j]
			link(a.Resources)
			for _, sc := range a.Scenarios {
				link(sc.Resources)
			}
			c.actions[a.lower] = a
		}
		c.byPrefix[strings.ToLower(s.Prefix)] = s
	}
	sort.Slice(c.services, func(i, j int) bool { return c.services[i].Prefix < c.services[j].Prefix })
	// Longest templates first, so the most specific one wins.
	for _, ts := range c.templates {
		sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].key.Name) > len(ts[j].key.Name) })
	}
	return c
}

// lowerNames returns the lower-case full names of a service's actions
// ("s3:getobject"), sharing one allocation. Names are ASCII; any other
// name is lower-cased on its own.
func lowerNames(prefix string, actions []*Action) []string {
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
	out := make([]string, len(actions))
	for i, a := range actions {
		n := len(prefix) + 1 + len(a.Name)
		out[i], all = all[:n], all[n:]
		if !isASCII(out[i]) {
			out[i] = strings.ToLower(prefix + ":" + a.Name)
		}
	}
	return out
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
