package catalog

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/internal/catalog/catfile"
)

// TestReadFileMatchesJSON holds the loader's scanner to encoding/json on
// the embedded file: every service, action (access levels, resources,
// keys, scenarios), resource type, condition key, global key, key alias
// and the header decode to exactly what json.Unmarshal gives.
func TestReadFileMatchesJSON(t *testing.T) {
	zr, err := gzip.NewReader(bytes.NewReader(embedded))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var want catfile.Catalog
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	got, err := readFile(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("readFile differs from json.Unmarshal (-json +readFile):\n%.3000s", diff)
	}
}

// TestReadFileSmall checks what the scanner does with the JSON forms the
// generator does not write today but JSON allows: escapes, white space,
// unknown fields, null and empty arrays.
func TestReadFileSmall(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		`{}`,
		` { "services" : [ ] , "globalKeys" : [ ] } `,
		`{"services":[{"prefix":"s\u0033","name":"A \"q\" \\ é","actions":[{"name":"Get","access":[],"keys":null,"x":{"a":[1,-2.5e3,true,false,null,"s"]}}]}]}`,
		`{"services":[{"prefix":"x","actions":[{"name":"A","access":["Read"],"resources":[{"type":"t","required":true,"keys":["x:k"]}],"scenarios":[{"name":"s","resources":[{"type":"u","required":false}]}]}],"resourceTypes":[{"name":"t","arn":"arn:${Partition}:x:::t/${Id}","keys":["x:k"]}],"conditionKeys":[{"name":"x:k","type":"String"}]}],"globalKeys":[{"name":"aws:SourceIp","type":"IPAddress","category":"network"}],"keyAliases":{"saml":["sts"]},"header":{"source":"s","version":"v"}}`,
	} {
		var want catfile.Catalog
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		got, err := readFile(in)
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if diff := cmp.Diff(&want, got); diff != "" {
			t.Errorf("%s: (-json +readFile):\n%s", in, diff)
		}
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
		_, err := readFile(in)
		if err == nil {
			t.Errorf("%q: no error", in)
			continue
		}
		if !strings.Contains(err.Error(), "offset ") {
			t.Errorf("%q: error %q does not give the offset", in, err)
		}
	}
}
