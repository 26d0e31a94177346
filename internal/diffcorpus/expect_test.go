package diffcorpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

func TestParseExpect(t *testing.T) {
	t.Parallel()
	src := `kind: trust
why: >-
  a reason
widens: true
narrows: false
possible: false
widened: [sts:AssumeRole]
notWidened: [sts:TagSession]
universe:
  actions: [sts:AssumeRole]
  resources: ["arn:aws:iam::111122223333:role/target"]
  principals: ["*"]
  contexts:
    - {}
    - {aws:SourceIp: 192.0.2.1, aws:TagKeys: [team, env]}
`
	kind, got, err := ParseExpect("expect.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if kind != policy.Trust {
		t.Errorf("kind %v, want trust", kind)
	}
	tags := evaluator.Context{}
	tags.Set("aws:SourceIp", "192.0.2.1")
	tags.SetList("aws:TagKeys", "team", "env")
	want := Expectation{Why: "a reason", Widens: true, Widened: []string{"sts:AssumeRole"}, NotWidened: []string{"sts:TagSession"},
		Universe: &Universe{Actions: []string{"sts:AssumeRole"}, Resources: []string{"arn:aws:iam::111122223333:role/target"},
			Principals: []string{"*"}, Contexts: []evaluator.Context{{}, tags}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestParseExpectErrors(t *testing.T) {
	t.Parallel()
	const head = "kind: identity\nwhy: because\nwidens: true\nnarrows: false\n"
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", head + "possible: false\nwidend: [s3:GetObject]\n",
			`x.yaml:6:1: unknown key "widend" in expect.yaml (did you mean "widened"?)`},
		{"missing key", head,
			`x.yaml:1:1: expect.yaml lacks the key "possible"`},
		{"duplicate key", head + "possible: false\nwidens: false\n",
			`x.yaml:6:1: duplicate key "widens" in expect.yaml`},
		{"bad kind", strings.Replace(head, "identity", "bucket", 1) + "possible: false\n",
			`x.yaml:1:7: unknown policy kind "bucket"`},
		{"bad boolean", head + "possible: maybe\n",
			`x.yaml:5:11: possible must be true or false, not "maybe"`},
		{"empty why", strings.Replace(head, "because", `""`, 1) + "possible: false\n",
			`x.yaml:2:6: why must give the reasoning`},
		{"list expected", head + "possible: false\nwidened: s3:GetObject\n",
			`x.yaml:6:10: widened must be a list, not the value "s3:GetObject"`},
		{"unknown universe key", head + "possible: false\nuniverse:\n  action: [s3:GetObject]\n",
			`x.yaml:7:3: unknown key "action" in universe (did you mean "actions"?)`},
		{"context not a mapping", head + "possible: false\nuniverse:\n  contexts: [a]\n",
			`x.yaml:7:14: context must be a mapping of keys to values, not the value "a"`},
		{"duplicate context key", head + "possible: false\nuniverse:\n  contexts: [{aws:SourceIp: a, AWS:SourceIP: b}]\n",
			`x.yaml:7:32: duplicate context key "AWS:SourceIP" (key names are case-insensitive)`},
		{"not a mapping", "- kind\n", `x.yaml:1:1: expect.yaml must be a mapping, not a list`},
		{"empty", "", `x.yaml:1:1: empty expect.yaml: want kind, why, widens, narrows, possible`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := ParseExpect("x.yaml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(path, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	for _, name := range []string{"02-b", "01-a"} {
		write(filepath.Join(dir, name, OldFile), pol)
		write(filepath.Join(dir, name, NewFile), pol)
		write(filepath.Join(dir, name, ExpectFile), "kind: scp\nwhy: same\nwidens: false\nnarrows: false\npossible: false\n")
	}
	write(filepath.Join(dir, "README.md"), "not a case")
	cases, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cases {
		names = append(names, c.Name)
		if c.Kind != policy.SCP || c.Old != filepath.Join(dir, c.Name, OldFile) || c.New != filepath.Join(dir, c.Name, NewFile) {
			t.Errorf("case %s: %+v", c.Name, c)
		}
	}
	if diff := cmp.Diff([]string{"01-a", "02-b"}, names); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}

	write(filepath.Join(dir, "03-c", OldFile), pol)
	write(filepath.Join(dir, "03-c", ExpectFile), "kind: scp\n")
	write(filepath.Join(dir, "04-d", OldFile), pol)
	write(filepath.Join(dir, "04-d", NewFile), pol)
	write(filepath.Join(dir, "04-d", ExpectFile), "kind: scp\nwhy: x\nwidens: false\nnarrows: false\npossible: false\nextra: 1\n")
	cases, err = Load(dir)
	if len(cases) != 2 || err == nil {
		t.Fatalf("got %d cases and error %v, want 2 and an error", len(cases), err)
	}
	for _, want := range []string{"case 03-c: stat " + filepath.Join(dir, "03-c", NewFile), filepath.Join(dir, "04-d", ExpectFile) + `:6:1: unknown key "extra"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want it to contain %q", err, want)
		}
	}
}
