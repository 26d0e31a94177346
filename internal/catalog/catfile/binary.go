package catfile

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Magic starts every catalog file; its last digit is the format's version.
//
// The file, catalog.bin, is embedded uncompressed and read without a
// parser: every string of the catalog is a slice of the file itself, and
// the records around them are small integers.
//
// Every integer is an unsigned LEB128 varint (encoding/binary's Uvarint).
// A string is two integers, the offset and the length of its bytes in the
// string area; the writer stores each distinct string once, where it
// first meets it, so condition
// key names, resource type names and access levels are interned. A list
// is one integer: 0 for none, or i+1 for the i-th entry of the list
// table, where lists spelled the same (["Read"], the keys of most tag
// actions) are stored once. The file is, in order:
//
//	magic        "iamsim-catalog 1\n"
//	string area  its length n, then n bytes
//	header       the ten strings of Header, in field order
//	list table   the number of lists and the number of strings in them;
//	             then each list: its length, then its strings
//	totals       the number of services, and of their resource types and
//	             condition keys, so a reader can allocate each kind at once
//	services     their number; each is
//	               prefix, name (strings)
//	               resource types: their number; each name, ARN (strings), keys (list)
//	               condition keys: their number; each name, type, category (strings)
//	               actions: their number, the number of their resources
//	                 (theirs and their scenarios'), the length in bytes of
//	                 the block that follows, and the block: each action's
//	                 name (string), access levels (list), keys (list),
//	                 resources, then scenarios: their number, each a name
//	                 (string) and resources
//	             where resources are their number, each a type (string), a
//	             flags integer (1: required), keys (list) and the resource
//	             type it names: i+1 for the service's i-th resource type
//	             whose name equals it ignoring case (the last such), 0 for
//	             none
//	global keys  their number; each name, type, category (strings)
//	key aliases  their number; each prefix (string) and services (list),
//	             in the order of the prefixes
//
// An empty list and a count of zero read as nil. Nothing follows the key
// aliases. The actions' block lets a reader skip a service's actions
// until they are needed. Encode writes this form and Decode reads it back
// into the types of this package; the catalog package reads it straight
// into its own types.
const Magic = "iamsim-catalog 1\n"

// Encode writes the catalog in the file's form. The result depends only
// on c, so an unchanged catalog gives identical bytes.
func Encode(c *Catalog) []byte {
	w := &writer{offsets: map[string]int{}, lists: map[string]int{}}
	w.header(c)
	w.num(len(c.Services))
	for _, s := range c.Services {
		w.service(s)
	}
	w.keys(c.GlobalKeys)
	prefixes := slices.Sorted(maps.Keys(c.KeyAliases))
	w.body = binary.AppendUvarint(w.body, uint64(len(prefixes)))
	for _, p := range prefixes {
		w.str(p)
		w.list(c.KeyAliases[p])
	}
	// The list table, last, so that every string is in the area.
	total := 0
	for _, l := range w.table {
		total += len(l)
	}
	table := binary.AppendUvarint(nil, uint64(len(w.table)))
	table = binary.AppendUvarint(table, uint64(total))
	for _, l := range w.table {
		table = binary.AppendUvarint(table, uint64(len(l)))
		for _, s := range l {
			table = w.appendStr(table, s)
		}
	}
	out := []byte(Magic)
	out = binary.AppendUvarint(out, uint64(len(w.strs)))
	out = append(out, w.strs...)
	out = append(out, w.head...)
	out = append(out, table...)
	types, keys := 0, 0
	for _, s := range c.Services {
		types += len(s.ResourceTypes)
		keys += len(s.ConditionKeys)
	}
	for _, n := range []int{len(c.Services), types, keys} {
		out = binary.AppendUvarint(out, uint64(n))
	}
	return append(out, w.body...)
}

// writer collects the string area, the list table and the records.
type writer struct {
	strs    []byte
	offsets map[string]int // string -> offset in strs
	table   [][]string
	lists   map[string]int // list, joined by NUL -> index+1 in table
	head    []byte         // the header's strings
	body    []byte         // totals excluded: the services onwards
}

// appendStr appends a string's offset and length, adding it to the
// string area if it is new.
func (w *writer) appendStr(b []byte, s string) []byte {
	off, ok := w.offsets[s]
	if !ok {
		off = len(w.strs)
		w.strs = append(w.strs, s...)
		w.offsets[s] = off
	}
	b = binary.AppendUvarint(b, uint64(off))
	return binary.AppendUvarint(b, uint64(len(s)))
}

func (w *writer) str(s string) { w.body = w.appendStr(w.body, s) }

func (w *writer) num(n int) { w.body = binary.AppendUvarint(w.body, uint64(n)) }

// list writes a list's reference, adding it to the table if it is new.
func (w *writer) list(l []string) {
	if len(l) == 0 {
		w.num(0)
		return
	}
	k := strings.Join(l, "\x00")
	i, ok := w.lists[k]
	if !ok {
		w.table = append(w.table, l)
		i = len(w.table)
		w.lists[k] = i
	}
	w.num(i)
}

func (w *writer) header(c *Catalog) {
	h := c.Header
	for _, s := range []string{h.Source, h.Package, h.Version, h.Date, h.UpdatedAt, h.Repository, h.Integrity, h.Licence, h.Provenance, h.Generated} {
		w.head = w.appendStr(w.head, s)
	}
}

func (w *writer) service(s *Service) {
	w.str(s.Prefix)
	w.str(s.Name)
	w.num(len(s.ResourceTypes))
	for _, r := range s.ResourceTypes {
		w.str(r.Name)
		w.str(r.ARN)
		w.list(r.ConditionKeys)
	}
	w.keys(s.ConditionKeys)
	body, resources := w.body, 0
	w.body = nil
	for _, a := range s.Actions {
		w.str(a.Name)
		w.list(a.Access)
		w.list(a.ConditionKeys)
		w.resources(s, a.Resources)
		resources += len(a.Resources)
		w.num(len(a.Scenarios))
		for _, sc := range a.Scenarios {
			w.str(sc.Name)
			w.resources(s, sc.Resources)
			resources += len(sc.Resources)
		}
	}
	block := w.body
	w.body = body
	w.num(len(s.Actions))
	w.num(resources)
	w.num(len(block))
	w.body = append(w.body, block...)
}

func (w *writer) resources(s *Service, rs []ActionResource) {
	w.num(len(rs))
	for _, r := range rs {
		w.str(r.Type)
		flags := 0
		if r.Required {
			flags = 1
		}
		w.num(flags)
		w.list(r.ConditionKeys)
		// The last of the names equal ignoring case, as a map by
		// lower-case name would keep.
		link, lt := 0, strings.ToLower(r.Type)
		for i, t := range s.ResourceTypes {
			if strings.ToLower(t.Name) == lt {
				link = i + 1
			}
		}
		w.num(link)
	}
}

func (w *writer) keys(ks []ConditionKey) {
	w.num(len(ks))
	for _, k := range ks {
		w.str(k.Name)
		w.str(k.Type)
		w.str(k.Category)
	}
}

// Reader reads the file's integers, strings and lists. The first error
// stops it: every method then returns zero values, and Err reports the
// offset where reading failed. The strings it returns are slices of the
// file.
type Reader struct {
	s     string
	i     int
	area  int // offset of the string area in s
	n     int // its length
	lists [][]string
	err   error
}

// NewReader checks the magic and the string area, and returns a Reader
// placed at the header.
func NewReader(file string) *Reader {
	r := &Reader{s: file}
	if !strings.HasPrefix(file, Magic) {
		r.Fail("not a catalog file (no %q)", strings.TrimSpace(Magic))
		return r
	}
	r.i = len(Magic)
	n := r.Uint()
	if r.err == nil && n > len(file)-r.i {
		r.Fail("string area of %d bytes past the end", n)
	}
	r.area, r.n = r.i, n
	r.i += n
	return r
}

// Err returns the first error, naming the byte offset.
func (r *Reader) Err() error { return r.err }

// Done fails unless the whole file was read.
func (r *Reader) Done() error {
	if r.err == nil && r.i != len(r.s) {
		r.Fail("%d bytes after the catalog", len(r.s)-r.i)
	}
	return r.err
}

// Fail records an error at the current offset, unless there is one: a
// reader that finds the file's records inconsistent stops the Reader.
func (r *Reader) Fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("catalog: offset %d: %s", r.i, fmt.Sprintf(format, args...))
	}
}

// Uint reads an integer.
func (r *Reader) Uint() int {
	if r.i < len(r.s) && r.s[r.i] < 0x80 {
		r.i++
		return int(r.s[r.i-1])
	}
	var x uint64
	for shift := 0; r.err == nil && shift < 35; shift += 7 {
		if r.i >= len(r.s) {
			break
		}
		b := r.s[r.i]
		r.i++
		x |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return int(x)
		}
	}
	r.Fail("bad integer")
	return 0
}

// Flags reads a resource's flags and reports whether it is required.
func (r *Reader) Flags() bool {
	switch r.Uint() {
	case 0:
		return false
	case 1:
		return true
	}
	r.Fail("bad resource flags")
	return false
}

// Count reads the number of elements that follow, each at least one
// byte: a larger number is an error, so a reader never allocates for
// more than the file holds.
func (r *Reader) Count() int {
	n := r.Uint()
	if n > len(r.s)-r.i {
		r.Fail("count %d past the end", n)
		return 0
	}
	return n
}

// Block reads the length of the block that follows and returns the
// offset where it ends, for End.
func (r *Reader) Block() int {
	return r.i + r.Count()
}

// Skip moves past a block, returning the offsets where it starts and
// ends.
func (r *Reader) Skip() (start, end int) {
	end = r.Block()
	start, r.i = r.i, end
	return start, end
}

// End fails unless the block ending at end was read to its end.
func (r *Reader) End(end int) {
	if r.err == nil && r.i != end {
		r.Fail("block ends at offset %d", end)
	}
}

// At returns a Reader of the same file placed at offset, sharing the list
// table: to read a block that Skip passed.
func (r *Reader) At(offset int) *Reader {
	at := *r
	at.i = offset
	return &at
}

// Str reads a string.
func (r *Reader) Str() string {
	off := r.Uint()
	n := r.Uint()
	if off > r.n || n > r.n-off {
		r.Fail("string %d+%d outside the string area", off, n)
		return ""
	}
	return r.s[r.area+off : r.area+off+n]
}

// Header reads the header.
func (r *Reader) Header() Header {
	return Header{Source: r.Str(), Package: r.Str(), Version: r.Str(), Date: r.Str(), UpdatedAt: r.Str(),
		Repository: r.Str(), Integrity: r.Str(), Licence: r.Str(), Provenance: r.Str(), Generated: r.Str()}
}

// ReadLists reads the list table. Each list is one slice, which every
// reference to it shares: callers must not change its elements. The
// lists' strings are allocated together.
func (r *Reader) ReadLists() {
	r.lists = make([][]string, r.Count())
	all := make([]string, r.Count())
	for i := range r.lists {
		n := r.Count()
		if n > len(all) {
			r.Fail("lists longer than their total")
			return
		}
		l := all[:n:n]
		all = all[n:]
		for j := range l {
			l[j] = r.Str()
		}
		r.lists[i] = l
	}
}

// List reads a reference to the list table.
func (r *Reader) List() []string {
	i := r.Uint()
	if i == 0 {
		return nil
	}
	if i > len(r.lists) {
		r.Fail("list %d of %d", i, len(r.lists))
		return nil
	}
	return r.lists[i-1]
}

// Decode reads a whole catalog file into the types of this package.
func Decode(file string) (*Catalog, error) {
	r := NewReader(file)
	c := &Catalog{Header: r.Header()}
	r.ReadLists()
	for range 3 {
		r.Count() // totals: only a capacity hint
	}
	if n := r.Count(); n > 0 {
		c.Services = make([]*Service, n)
	}
	for i := range c.Services {
		s := &Service{Prefix: r.Str(), Name: r.Str()}
		if n := r.Count(); n > 0 {
			s.ResourceTypes = make([]ResourceType, n)
			for j := range s.ResourceTypes {
				s.ResourceTypes[j] = ResourceType{Name: r.Str(), ARN: r.Str(), ConditionKeys: r.List()}
			}
		}
		s.ConditionKeys = r.keys()
		n := r.Count()
		r.Count() // resources: only a capacity hint
		end := r.Block()
		if n > 0 {
			s.Actions = make([]Action, n)
			for j := range s.Actions {
				a := Action{Name: r.Str(), Access: r.List(), ConditionKeys: r.List(), Resources: r.resources()}
				if n := r.Count(); n > 0 {
					a.Scenarios = make([]Scenario, n)
					for k := range a.Scenarios {
						a.Scenarios[k] = Scenario{Name: r.Str(), Resources: r.resources()}
					}
				}
				s.Actions[j] = a
			}
		}
		r.End(end)
		c.Services[i] = s
	}
	c.GlobalKeys = r.keys()
	if n := r.Count(); n > 0 {
		c.KeyAliases = make(map[string][]string, n)
		for range n {
			p := r.Str()
			c.KeyAliases[p] = r.List()
		}
	}
	if err := r.Done(); err != nil {
		return nil, err
	}
	return c, nil
}

func (r *Reader) keys() []ConditionKey {
	n := r.Count()
	if n == 0 {
		return nil
	}
	out := make([]ConditionKey, n)
	for i := range out {
		out[i] = ConditionKey{Name: r.Str(), Type: r.Str(), Category: r.Str()}
	}
	return out
}

// resources reads an action's or a scenario's resource types; the link to
// the service's resource type is checked by the catalog's reader, which
// uses it, and skipped here.
func (r *Reader) resources() []ActionResource {
	n := r.Count()
	if n == 0 {
		return nil
	}
	out := make([]ActionResource, n)
	for i := range out {
		out[i] = ActionResource{Type: r.Str(), Required: r.Flags(), ConditionKeys: r.List()}
		r.Uint()
	}
	return out
}
