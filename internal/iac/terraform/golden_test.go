package terraform_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/internal/iac/terraform"
	"github.com/iamsim/iamsim/policy"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const testdata = "../../../testdata/iac/terraform"

// extracted is what a golden file records of one policy.
type extracted struct {
	Name         string   `json:"name"`
	Type         string   `json:"type"`
	Kind         string   `json:"kind"`
	PolicyName   string   `json:"policyName,omitempty"`
	Pos          string   `json:"pos"`
	FirstValue   string   `json:"firstValue"`
	Placeholders []string `json:"placeholders,omitempty"`
	Doc          string   `json:"doc"`
}

type principal struct {
	Resource    string   `json:"resource"`
	Name        string   `json:"name,omitempty"`
	Inline      []string `json:"inline,omitempty"`
	Attached    []string `json:"attached,omitempty"`
	Boundary    string   `json:"boundary,omitempty"`
	Trust       string   `json:"trust,omitempty"`
	ManagedARNs []string `json:"managedARNs,omitempty"`
	Groups      []string `json:"groups,omitempty"`
}

// summarize writes a Set as the golden files keep it, file names
// relative to testdata.
func summarize(t *testing.T, set *policydoc.Set) []byte {
	t.Helper()
	rel := func(p policy.Pos) string {
		p.File = strings.TrimPrefix(filepath.ToSlash(p.File), testdata+"/")
		return p.String()
	}
	var out struct {
		Policies   []extracted `json:"policies"`
		Principals []principal `json:"principals"`
	}
	for _, p := range set.Policies {
		d, err := p.Locator(policy.DefaultLimits).ParseEmbedded(0, len(p.Doc), p.Kind)
		first := "none"
		if err == nil && len(d.Statements) > 0 {
			if a := d.Statements[0].Action; a != nil && len(a.Items) > 0 {
				first = rel(a.Items[0].Pos)
			}
		}
		out.Policies = append(out.Policies, extracted{
			Name: p.Name(), Type: p.Type, Kind: p.Kind.String(), PolicyName: p.PolicyName,
			Pos: rel(p.Pos), FirstValue: first, Placeholders: p.Placeholders, Doc: string(p.Doc),
		})
	}
	name := func(i int) string {
		if i < 0 {
			return ""
		}
		return set.Policies[i].Name()
	}
	names := func(idx []int) []string {
		var s []string
		for _, i := range idx {
			s = append(s, name(i))
		}
		return s
	}
	for _, p := range set.Principals {
		var groups []string
		for _, g := range p.Groups {
			groups = append(groups, set.Principals[g].Resource)
		}
		out.Principals = append(out.Principals, principal{
			Resource: p.Resource, Name: p.Name, Inline: names(p.Inline), Attached: names(p.Attached),
			Boundary: name(p.Boundary) + p.BoundaryARN, Trust: name(p.Trust), ManagedARNs: p.ManagedARNs, Groups: groups,
		})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got), go test -update to accept:\n%s", golden, diff)
	}
}

// The example module, its local module, its variables files, file()
// and templatefile() give these policies and principals.
func TestReadModuleGolden(t *testing.T) {
	var notes []string
	set, err := terraform.ReadModule(filepath.Join(testdata, "app"), terraform.Options{Options: policydoc.Options{
		Note: func(p policy.Pos, msg string) { notes = append(notes, msg) },
	}})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join(testdata, "app.golden.json"), summarize(t, set))
	want := []string{`module "vpc" is not read: its source "terraform-aws-modules/vpc/aws" is not a local directory`}
	if diff := cmp.Diff(want, notes); diff != "" {
		t.Errorf("notes mismatch (-want +got):\n%s", diff)
	}
}

// The plan of the example module gives its policies, placed in the plan.
func TestReadPlanGolden(t *testing.T) {
	name := filepath.Join(testdata, "plan", "plan.json")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !terraform.IsPlan(src) {
		t.Fatal("IsPlan is false for a plan")
	}
	var notes []string
	set, err := terraform.ReadPlan(name, src, terraform.Options{Options: policydoc.Options{
		Note: func(p policy.Pos, msg string) { notes = append(notes, msg) },
	}})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join(testdata, "plan.golden.json"), summarize(t, set))
	if len(notes) != 1 || !strings.Contains(notes[0], "q[1].policy is unknown until apply") {
		t.Errorf("notes %q, want the unknown queue policy", notes)
	}
}

func TestIsPlan(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want bool
	}{
		{"plan", `{"format_version":"1.2","planned_values":{"root_module":{}}}`, true},
		{"state", `{"format_version":"1.0","values":{"root_module":{}}}`, false},
		{"policy", `{"Version":"2012-10-17","Statement":[]}`, false},
		{"not JSON", `resource "a" "b" {}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := terraform.IsPlan([]byte(tc.src)); got != tc.want {
				t.Errorf("IsPlan = %v, want %v", got, tc.want)
			}
		})
	}
}
