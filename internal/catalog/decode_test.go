package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/iamsim/iamsim/internal/catalog/catfile"
	"github.com/iamsim/iamsim/internal/wildcard"
)

// refCatalog is the reference the loader is held to: a file read into the
// catfile types, built into a Catalog field by field as the loader did
// when it read JSON with encoding/json (keys are indexed by the loader's
// addKey, and resource types linked by their lower-case names), every
// service's actions read.
func refCatalog(f *catfile.Catalog) *Catalog {
	c := &Catalog{info: f.Header, byPrefix: map[string]*Service{},
		keys: map[string]*ConditionKey{}, templates: map[string][]template{}, aliases: f.KeyAliases}
	for _, g := range f.GlobalKeys {
		c.addKey(&ConditionKey{Name: g.Name, Type: g.Type, Global: true, Category: g.Category}, strings.ToLower(g.Name))
	}
	for _, fs := range f.Services {
		s := &Service{Prefix: fs.Prefix, Name: fs.Name}
		byName := map[string]*ResourceType{}
		for _, fr := range fs.ResourceTypes {
			r := &ResourceType{Name: fr.Name, ARN: fr.ARN, ConditionKeys: fr.ConditionKeys}
			s.ResourceTypes = append(s.ResourceTypes, r)
			byName[strings.ToLower(r.Name)] = r
		}
		for _, fk := range fs.ConditionKeys {
			s.ConditionKeys = append(s.ConditionKeys, c.addKey(&ConditionKey{Name: fk.Name, Type: fk.Type}, strings.ToLower(fk.Name)))
		}
		res := func(in []catfile.ActionResource) []ActionResource {
			if len(in) == 0 {
				return nil
			}
			out := make([]ActionResource, len(in))
			for k, r := range in {
				out[k] = ActionResource{Type: r.Type, Required: r.Required, ConditionKeys: r.ConditionKeys, ResourceType: byName[strings.ToLower(r.Type)]}
			}
			return out
		}
		s.Actions = make([]*Action, len(fs.Actions))
		for j, fa := range fs.Actions {
			a := &Action{Service: s.Prefix, Name: fa.Name, AccessLevels: fa.Access, Resources: res(fa.Resources), ConditionKeys: fa.ConditionKeys}
			for _, sc := range fa.Scenarios {
				a.Scenarios = append(a.Scenarios, Scenario{Name: sc.Name, Resources: res(sc.Resources)})
			}
			a.lower = strings.ToLower(a.FullName())
			s.Actions[j] = a
		}
		c.services = append(c.services, s)
		c.byPrefix[strings.ToLower(s.Prefix)] = s
	}
	sort.Slice(c.services, func(i, j int) bool { return c.services[i].Prefix < c.services[j].Prefix })
	for _, ts := range c.templates {
		sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].key.Name) > len(ts[j].key.Name) })
	}
	return c
}

// decodeAll decodes a file and reads every service's actions, returning
// the first error.
func decodeAll(file string) (*Catalog, error) {
	c, err := decode(file)
	if err != nil {
		return nil, err
	}
	for _, s := range c.services {
		if err := c.actionsOf(s); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// sameCatalog compares two catalogs field by field, unexported indexes
// included but not the state of lazy reading; compiled key patterns
// compare by value.
func sameCatalog(t *testing.T, what string, want, got *Catalog) {
	t.Helper()
	opts := cmp.Options{
		cmp.AllowUnexported(Catalog{}, Service{}, Action{}, template{}),
		cmpopts.IgnoreFields(Catalog{}, "extendedOnce", "extended", "file", "allOnce"),
		cmpopts.IgnoreFields(Service{}, "lazy"),
		cmp.Comparer(func(a, b *wildcard.Pattern) bool { return reflect.DeepEqual(a, b) }),
	}
	if diff := cmp.Diff(want, got, opts); diff != "" {
		t.Errorf("%s: loader differs from the reference (-reference +loader):\n%.3000s", what, diff)
	}
}

// TestDecodeMatchesReference holds the loader to the reference on the
// embedded file: every service, action (access levels, resource types,
// keys, scenarios), resource type, condition key, global key, key alias,
// the header and every index come out the same.
func TestDecodeMatchesReference(t *testing.T) {
	f, err := catfile.Decode(embedded)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeAll(embedded)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.services) < 400 {
		t.Fatalf("decoded %d services, want the whole catalog", len(got.services))
	}
	sameCatalog(t, "embedded file", refCatalog(f), got)
}

// TestConvertedFromJSON checks that the embedded file holds exactly the
// catalog of the JSON form it was converted from (catalog.json.gz of
// commit bf731b0, whose inflated SHA-256 this is): read back and written
// as that JSON, it gives the same bytes. With TestDecodeMatchesReference
// it shows that the loader builds the Catalog the JSON form gave. It
// belongs to that conversion: a catalog generated since has no JSON form
// to compare with, and replaces this test by nothing.
func TestConvertedFromJSON(t *testing.T) {
	t.Parallel()
	const (
		generated = "2026-12-01T18:51:30Z"
		digest    = "88847e3a7deeba5bf38c8342d33538d458db3896f2c2e69649537d6297e1ee5f"
	)
	f, err := catfile.Decode(embedded)
	if err != nil {
		t.Fatal(err)
	}
	if f.Header.Generated != generated {
		t.Fatalf("the embedded catalog was generated at %s, not converted from the JSON form of %s: delete this test", f.Header.Generated, generated)
	}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(append(b, '\n'))
	if got := hex.EncodeToString(sum[:]); got != digest {
		t.Errorf("JSON form of the embedded catalog has SHA-256 %s, want %s", got, digest)
	}
}

// smallCatalogs are the cases the embedded file may not have: nothing at
// all, a service without actions, resource types named in another case,
// a key both a service and the global list define, templates, non-ASCII
// names, scenarios, aliases.
func smallCatalogs() []*catfile.Catalog {
	return []*catfile.Catalog{
		{},
		{Header: catfile.Header{Source: "s", Version: "v", Generated: "g"}, Services: []*catfile.Service{{Prefix: "empty"}}},
		{
			Services: []*catfile.Service{
				{Prefix: "b", Name: "B é", Actions: []catfile.Action{{Name: "Ünicode", Access: []string{"Read"}}}},
				{
					Prefix: "X", Name: "Ex",
					Actions: []catfile.Action{
						{Name: "A", Access: []string{"Read"}, Resources: []catfile.ActionResource{{Type: "T", Required: true, ConditionKeys: []string{"x:k"}}},
							Scenarios: []catfile.Scenario{{Name: "s", Resources: []catfile.ActionResource{{Type: "u"}, {Type: "t"}}}}},
						{Name: "B", Access: []string{"Permissions management", "Write"}, ConditionKeys: []string{"aws:SourceIp", "x:k"}, Resources: []catfile.ActionResource{{Type: "none"}}},
					},
					ResourceTypes: []catfile.ResourceType{{Name: "t", ARN: "arn:${Partition}:x:::t/${Id}", ConditionKeys: []string{"x:k"}}, {Name: "u"}},
					ConditionKeys: []catfile.ConditionKey{{Name: "aws:SourceIp", Type: "String"}, {Name: "x:k", Type: "String", Category: "c"}, {Name: "x:Tag/${TagKey}", Type: "String"}},
				},
			},
			GlobalKeys: []catfile.ConditionKey{{Name: "aws:SourceIp", Type: "IPAddress", Category: "network"}, {Name: "${Host}:sub", Type: "String"}},
			KeyAliases: map[string][]string{"saml": {"sts"}, "oidc": {"sts", "x"}},
		},
	}
}

func TestDecodeSmall(t *testing.T) {
	t.Parallel()
	for i, f := range smallCatalogs() {
		got, err := decodeAll(string(catfile.Encode(f)))
		if err != nil {
			t.Errorf("catalog %d: %v", i, err)
			continue
		}
		sameCatalog(t, "small catalog", refCatalog(f), got)
	}
}

// TestDecodeErrors checks that a damaged file gives an error with its
// offset, never a panic or a partial catalog taken as whole: every
// truncation, trailing data, a wrong magic, and any one byte changed.
func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	file := string(catfile.Encode(smallCatalogs()[2]))
	bad := []string{"", "iamsim-catalog 0\n", file + "\x00"}
	for n := range len(file) {
		bad = append(bad, file[:n])
	}
	for _, in := range bad {
		_, err := decodeAll(in)
		if err == nil {
			t.Errorf("%q: no error", in)
			continue
		}
		if !strings.Contains(err.Error(), "offset ") {
			t.Errorf("%q: error %q does not give the offset", in, err)
		}
	}
	for i := range len(file) {
		for _, c := range []byte{0, 1, 0x7f, 0x80, 0xff} {
			b := []byte(file)
			b[i] = c
			decodeAll(string(b)) // must not panic
		}
	}
}

// FuzzDecode checks that no input makes the loader panic.
func FuzzDecode(f *testing.F) {
	for _, c := range smallCatalogs() {
		f.Add(catfile.Encode(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := decodeAll(string(b))
		if err == nil && c == nil {
			t.Error("no catalog and no error")
		}
	})
}

// TestConcurrentFirstUse reads services' actions from several goroutines
// at once, as lint's workers do; run with -race it checks that the lazy
// reading is safe.
func TestConcurrentFirstUse(t *testing.T) {
	t.Parallel()
	c, err := decode(embedded)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"s3:GetObject", "ec2:RunInstances", "iam:PassRole", "s3:PutObject", "sts:AssumeRole"}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for _, n := range names {
				if _, ok := c.Action(n); !ok {
					t.Errorf("no %s", n)
				}
			}
			if i%2 == 0 && len(c.MatchActions("*:Describe*")) == 0 {
				t.Error("no *:Describe* action")
			}
		})
	}
	wg.Wait()
}
