package main

import (
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
