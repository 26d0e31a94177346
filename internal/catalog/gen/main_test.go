package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/catalog/catfile"
)

func TestSplitLevels(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Read", []string{"Read"}},
		{"Permissions management, Write", []string{"Permissions management", "Write"}},
		{"Tagging, Write", []string{"Tagging", "Write"}},
		{"", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, splitLevels(tt.in)); diff != "" {
			t.Errorf("splitLevels(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestGlobalKeys(t *testing.T) {
	var js = "import {} from './conditionKeys.js';\nexport const globalConditionKeys = [\n"
	for _, k := range []string{"aws:SourceIp", "aws:RequestTag/tag-key", "aws:TagKeys"} {
		js += "    {\n        key: '" + k + "',\n        category: 'request',\n        type: 'String',\n        description: 'it\\'s \"quoted\"'\n    },\n"
	}
	for i := 0; i < 20; i++ {
		js += "    { key: 'aws:K" + string(rune('a'+i)) + "', type: 'Bool', category: 'x' },\n"
	}
	js += "];\nconst other = [{key: 'x:y', type: 'String'}];\n"
	got, err := globalKeys(js)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 23 {
		t.Fatalf("got %d keys, want 23", len(got))
	}
	want := []catfile.ConditionKey{
		{Name: "aws:Ka", Type: "Bool", Category: "x"},
	}
	if diff := cmp.Diff(want, got[:1]); diff != "" {
		t.Errorf("first key mismatch (-want +got):\n%s", diff)
	}
	byName := map[string]catfile.ConditionKey{}
	for _, k := range got {
		byName[k.Name] = k
	}
	if k, ok := byName["aws:RequestTag/${TagKey}"]; !ok || k.Type != "String" || k.Category != "request" {
		t.Errorf("tag-key placeholder not rewritten: %+v", got)
	}
	if _, err := globalKeys("export const somethingElse = [];"); err == nil {
		t.Error("no error for JS without the array")
	}
}

// synthPackage is a minimal iam-data package with one service whose keys
// use the placeholder spellings of the real data.
func synthPackage(keys string) map[string][]byte {
	js := "export const globalConditionKeys = [\n"
	for i := 0; i < 20; i++ {
		js += "    { key: 'aws:K" + string(rune('a'+i)) + "', type: 'Bool', category: 'x' },\n"
	}
	js += "    { key: 'aws:ResourceTag/tag-key', type: 'String', category: 'resource' },\n];\n"
	return map[string][]byte{
		"package/package.json":                     []byte(`{"version": "0.1.202601021", "license": "MIT", "repository": {"url": "git+https://example.com/x.git"}}`),
		"package/data/services.json":               []byte(`["svc"]`),
		"package/data/serviceNames.json":           []byte(`{"svc": "Some Service"}`),
		"package/data/unassociatedConditions.json": []byte(`{}`),
		"package/data/actions/svc.json": []byte(`{"tagthing": {"name": "TagThing", "accessLevel": "Tagging, Write",
			"resourceTypes": [{"name": "thing", "required": true, "conditionKeys": ["svc:ResourceTag/tag-key", "svc:ResourceTag/${TagKey}"]}],
			"conditionKeys": ["aws:TagKeys", "svc:Mode", "svc:Mode"]}}`),
		"package/data/resourceTypes/svc.json":     []byte(`{"thing": {"key": "thing", "arn": "arn:${Partition}:svc:::thing/${Name}", "conditionKeys": ["svc:ResourceTag/tag-key"]}}`),
		"package/data/conditionKeys/svc.json":     []byte(keys),
		"package/dist/esm/globalConditionKeys.js": []byte(js),
	}
}

// TestBuildKeyNames checks that the generator spells every tag-key
// placeholder ${TagKey}, in the key list and in the references, and
// merges two spellings of one key.
func TestBuildKeyNames(t *testing.T) {
	t.Parallel()
	cat, err := build(synthPackage(`{
		"svc:mode": {"key": "svc:Mode", "type": "String"},
		"svc:requesttag/": {"key": "svc:RequestTag/", "type": "String"},
		"svc:resourcetag/${tagkey}": {"key": "svc:ResourceTag/${TagKey}", "type": "String"},
		"svc:resourcetag/tag-key": {"key": "svc:ResourceTag/tag-key", "type": "String"},
		"svc:resourcetag/aws:owner": {"key": "svc:ResourceTag/aws:owner", "type": "String"},
		"svc:tagkeys": {"key": "svc:TagKeys", "type": "ArrayOfString"}
	}`), "0.1.202601021", "sha512-x")
	if err != nil {
		t.Fatal(err)
	}
	s := cat.Services[0]
	wantKeys := []catfile.ConditionKey{
		{Name: "svc:Mode", Type: "String"},
		{Name: "svc:RequestTag/${TagKey}", Type: "String"},
		{Name: "svc:ResourceTag/${TagKey}", Type: "String"},
		{Name: "svc:ResourceTag/aws:owner", Type: "String"},
		{Name: "svc:TagKeys", Type: "ArrayOfString"},
	}
	if diff := cmp.Diff(wantKeys, s.ConditionKeys); diff != "" {
		t.Errorf("condition keys mismatch (-want +got):\n%s", diff)
	}
	wantAction := catfile.Action{
		Name:          "TagThing",
		Access:        []string{"Tagging", "Write"},
		Resources:     []catfile.ActionResource{{Type: "thing", Required: true, ConditionKeys: []string{"svc:ResourceTag/${TagKey}"}}},
		ConditionKeys: []string{"aws:TagKeys", "svc:Mode"},
	}
	if diff := cmp.Diff([]catfile.Action{wantAction}, s.Actions); diff != "" {
		t.Errorf("actions mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"svc:ResourceTag/${TagKey}"}, s.ResourceTypes[0].ConditionKeys); diff != "" {
		t.Errorf("resource type keys mismatch (-want +got):\n%s", diff)
	}
	if n := cat.GlobalKeys[len(cat.GlobalKeys)-1].Name; n != "aws:ResourceTag/${TagKey}" {
		t.Errorf("last global key = %q, want aws:ResourceTag/${TagKey}", n)
	}
}

// TestBuildKeyTypeConflict checks that two spellings of one key with
// different types are an error, not a silent choice.
func TestBuildKeyTypeConflict(t *testing.T) {
	t.Parallel()
	_, err := build(synthPackage(`{
		"svc:resourcetag/${tagkey}": {"key": "svc:ResourceTag/${TagKey}", "type": "String"},
		"svc:resourcetag/tag-key": {"key": "svc:ResourceTag/tag-key", "type": "ArrayOfString"}
	}`), "0.1.202601021", "sha512-x")
	if err == nil || !strings.Contains(err.Error(), "svc:ResourceTag/tag-key") {
		t.Errorf("build with conflicting key types: error %v, want one naming svc:ResourceTag/tag-key", err)
	}
}

// TestConvertAndDump checks the generator's two JSON paths: a catalog
// written as gzipped JSON converts (-json) into the file with its
// generation time, and the file prints (-dump) as that JSON again.
func TestConvertAndDump(t *testing.T) {
	t.Parallel()
	cat, err := build(synthPackage(`{"svc:mode": {"key": "svc:Mode", "type": "String"}}`), "0.1.202601021", "sha512-x")
	if err != nil {
		t.Fatal(err)
	}
	cat.Header.Generated = "2026-01-02T03:04:05Z"
	want, err := json.Marshal(cat)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gz := filepath.Join(dir, "catalog.json.gz")
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(want)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(gz, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "catalog.bin")
	if err := run([]string{"-json", gz, "-o", bin}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	var dump bytes.Buffer
	if err := run([]string{"-dump", bin}, &dump, io.Discard); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want)+"\n", dump.String()); diff != "" {
		t.Errorf("dump of the converted file mismatch (-want +got):\n%s", diff)
	}
}

// TestEncodeKeepsTime checks that regenerating an unchanged catalog keeps
// the existing file's generation time, and a changed one takes
// SOURCE_DATE_EPOCH.
func TestEncodeKeepsTime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog.bin")
	fresh := func() *catfile.Catalog {
		cat, err := build(synthPackage(`{"svc:mode": {"key": "svc:Mode", "type": "String"}}`), "0.1.202601021", "sha512-x")
		if err != nil {
			t.Fatal(err)
		}
		return cat
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	first := encode(fresh(), path)
	if err := os.WriteFile(path, first, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1767312000")
	if again := encode(fresh(), path); !bytes.Equal(again, first) {
		t.Error("an unchanged catalog was written with another generation time")
	}
	changed := fresh()
	changed.Services[0].Name = "Renamed"
	got, err := catfile.Decode(string(encode(changed, path)))
	if err != nil {
		t.Fatal(err)
	}
	if got.Header.Generated != "2026-01-02T00:00:00Z" {
		t.Errorf("changed catalog generated at %q, want SOURCE_DATE_EPOCH's 2026-01-02T00:00:00Z", got.Header.Generated)
	}
}
