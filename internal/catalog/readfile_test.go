package catalog

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/iamsim/iamsim/internal/catalog/catfile"
	"github.com/iamsim/iamsim/internal/wildcard"
)

// jsonCatalog is the reference the loader is held to: the file decoded by
// encoding/json into the catfile schema, then built into a Catalog field
// by field, as the loader did before it had its own scanner (keys are
// indexed by the loader's addKey, which that change left as it was).
func jsonCatalog(raw []byte) (*Catalog, error) {
	var f catfile.Catalog
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, err
	}
	c := &Catalog{info: f.Header, byPrefix: map[string]*Service{}, actions: map[string]*Action{},
		keys: map[string]*ConditionKey{}, templates: map[string][]template{}, aliases: f.KeyAliases}
	for _, g := range f.GlobalKeys {
		c.addKey(&ConditionKey{Name: g.Name, Type: g.Type, Global: true, Category: g.Category})
	}
	for _, fs := range f.Services {
		s := &Service{Prefix: fs.Prefix, Name: fs.Name, resourceTypes: map[string]*ResourceType{}}
		for _, fr := range fs.ResourceTypes {
			r := &ResourceType{Name: fr.Name, ARN: fr.ARN, ConditionKeys: fr.ConditionKeys}
			s.ResourceTypes = append(s.ResourceTypes, r)
			s.resourceTypes[strings.ToLower(r.Name)] = r
		}
		for _, fk := range fs.ConditionKeys {
			s.ConditionKeys = append(s.ConditionKeys, c.addKey(&ConditionKey{Name: fk.Name, Type: fk.Type}))
		}
		res := func(in []catfile.ActionResource) []ActionResource {
			if len(in) == 0 {
				return nil
			}
			out := make([]ActionResource, len(in))
			for k, r := range in {
				out[k] = ActionResource{Type: r.Type, Required: r.Required, ConditionKeys: r.ConditionKeys, ResourceType: s.resourceTypes[strings.ToLower(r.Type)]}
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
			c.actions[a.lower] = a
		}
		c.services = append(c.services, s)
		c.byPrefix[strings.ToLower(s.Prefix)] = s
	}
	sort.Slice(c.services, func(i, j int) bool { return c.services[i].Prefix < c.services[j].Prefix })
	for _, ts := range c.templates {
		sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].key.Name) > len(ts[j].key.Name) })
	}
	return c, nil
}

// sameCatalog compares two catalogs field by field, unexported indexes
// included; compiled key patterns compare by value.
func sameCatalog(t *testing.T, what string, want, got *Catalog) {
	t.Helper()
	opts := cmp.Options{
		cmp.AllowUnexported(Catalog{}, Service{}, Action{}, template{}),
		cmpopts.IgnoreFields(Catalog{}, "extendedOnce", "extended"),
		cmp.Comparer(func(a, b *wildcard.Pattern) bool { return reflect.DeepEqual(a, b) }),
	}
	if diff := cmp.Diff(want, got, opts); diff != "" {
		t.Errorf("%s: loader differs from encoding/json (-json +loader):\n%.3000s", what, diff)
	}
}

// TestDecodeMatchesJSON holds the loader to encoding/json on the embedded
// file: every service, action (access levels, resource types, keys,
// scenarios), resource type, condition key, global key, key alias, the
// header and every index come out the same.
func TestDecodeMatchesJSON(t *testing.T) {
	want, err := jsonCatalog(inflated(t))
	if err != nil {
		t.Fatal(err)
	}
	got, err := decode(embedded)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.services) < 400 || len(got.actions) < 20000 {
		t.Fatalf("decoded %d services and %d actions, want the whole catalog", len(got.services), len(got.actions))
	}
	sameCatalog(t, "embedded file", want, got)
}

// TestReadFileSmall checks JSON forms the generator does not write today
// but JSON allows: escapes, white space, unknown fields, null and empty
// arrays, a key that both a service and the global list define.
func TestReadFileSmall(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		`{}`,
		` { "services" : [ ] , "globalKeys" : [ ] } `,
		`{"services":[{"prefix":"s\u0033","name":"A \"q\" \\ é","actions":[{"name":"Get","access":[],"keys":null,"x":{"a":[1,-2.5e3,true,false,null,"s"]}}],"conditionKeys":[]}]}`,
		`{"services":[{"prefix":"X","actions":[{"name":"A","access":["Read"],"resources":[{"type":"T","required":true,"keys":["x:k"]}],"scenarios":[{"name":"s","resources":[{"type":"u","required":false}]}]},{"name":"B","access":["Read"],"resources":[]}],"resourceTypes":[{"name":"t","arn":"arn:${Partition}:x:::t/${Id}","keys":["x:k"]}],"conditionKeys":[{"name":"x:k","type":"String","category":"c"},{"name":"aws:SourceIp","type":"String"},{"name":"x:Tag/${TagKey}","type":"String"}]}],"globalKeys":[{"name":"aws:SourceIp","type":"IPAddress","category":"network"}],"keyAliases":{"saml":["sts"]},"header":{"source":"s","version":"v"}}`,
	} {
		want, err := jsonCatalog([]byte(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		got, err := decode(gzipped(t, in))
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		sameCatalog(t, in, want, got)
	}
}

// TestReadFileErrors checks that malformed JSON gives an error with its
// offset, never a panic or a partial catalog taken as whole.
func TestReadFileErrors(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		``, `[`, `{`, `{"services":[`, `{"services":[{"prefix":"s3"`, `{"services":[{"prefix":"s3}]}`,
		`{"services":[{"prefix":s3}]}`, `{"services":[{"actions":[{"name":"A","access":["Read",]}]}]}`,
		`{"services":[{"actions":[{"resources":[{"required":maybe}]}]}]}`, `{"a":1x}`, `{"a":"\q"}`,
		`{"services":{}}`, `{} {}`, `{"a" 1}`, "{\"a\":\"\x01\"}", `{"header":{"source":1}}`,
	} {
		_, err := decode(gzipped(t, in))
		if err == nil {
			t.Errorf("%q: no error", in)
			continue
		}
		if !strings.Contains(err.Error(), "offset ") {
			t.Errorf("%q: error %q does not give the offset", in, err)
		}
	}
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// inflated returns the embedded file's JSON.
func inflated(t *testing.T) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(embedded))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}
