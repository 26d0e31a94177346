package source

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// TestMappingKeys checks what Mapping.Keys reads and what it reports, in
// both wordings.
func TestMappingKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		src     string
		suggest bool
		want    []string
	}{
		{name: "known keys", src: "name: a\nrequests: []\n", want: []string{"read name", "read requests"}},
		{name: "an unknown key", src: "nme: a\n", want: []string{"1:1 unknown key \"nme\" in the scenario (want one of name, policies, requests)"}},
		{name: "a suggestion", src: "nme: a\n", suggest: true, want: []string{"1:1 unknown key \"nme\" in the scenario (did you mean \"name\"?)"}},
		{name: "nothing near", src: "organization: a\n", suggest: true, want: []string{"1:1 unknown key \"organization\" in the scenario (known: name, policies, requests)"}},
		{name: "a key twice", src: "name: a\nname: b\n", want: []string{"read name", "2:1 duplicate key \"name\" in the scenario"}},
		{name: "an unknown key twice", src: "x: 1\nx: 2\n", want: []string{
			"1:1 unknown key \"x\" in the scenario (want one of name, policies, requests)",
			"2:1 unknown key \"x\" in the scenario (want one of name, policies, requests)"}},
		{name: "an alias for a key", src: "k: &n name\n*n : a\n", want: []string{
			"1:1 unknown key \"k\" in the scenario (want one of name, policies, requests)", "read name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root, err := ParseYAML("s.yaml", []byte(tt.src), "a scenario")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			m := Mapping{What: "the scenario", Known: []string{"name", "policies", "requests"}, Suggest: tt.suggest}
			m.Keys(root.Content[0],
				func(key string, _ *yaml.Node) { got = append(got, "read "+key) },
				func(k *yaml.Node, msg string) { got = append(got, fmt.Sprintf("%d:%d %s", k.Line, k.Column, msg)) })
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
