package main

import (
	"github.com/iamsim/iamsim/internal/catalog/catfile"

	"testing"

	"github.com/google/go-cmp/cmp"
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
