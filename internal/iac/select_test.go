package iac_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/internal/iac"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

func testSet() *policydoc.Set {
	return &policydoc.Set{Policies: []policydoc.Policy{
		{Resource: "AppRole", Path: "AssumeRolePolicyDocument", Kind: policy.Trust},
		{Resource: "AppRole", Path: "Policies[0]", Kind: policy.Identity},
		{Resource: "AppRole", Path: "Policies[1]", Kind: policy.Identity},
		{Resource: "AppRolePolicy", Kind: policy.Identity},
		{Resource: "BucketPolicy", Kind: policy.Resource},
	}}
}

// A selector names a policy by its whole name, or every policy of the
// resource or property it names; a name that only starts like another
// (AppRole of AppRolePolicy) does not select it.
func TestSelect(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, selector string
		want           []string
	}{
		{"whole name", "AppRole.Policies[1]", []string{"AppRole.Policies[1]"}},
		{"resource", "AppRole", []string{"AppRole.AssumeRolePolicyDocument", "AppRole.Policies[0]", "AppRole.Policies[1]"}},
		{"property", "AppRole.Policies", []string{"AppRole.Policies[0]", "AppRole.Policies[1]"}},
		{"resource that is the document", "AppRolePolicy", []string{"AppRolePolicy"}},
		{"every policy", "", []string{"AppRole.AssumeRolePolicyDocument", "AppRole.Policies[0]", "AppRole.Policies[1]", "AppRolePolicy", "BucketPolicy"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := iac.Select(testSet(), "template.yaml", tc.selector)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, p := range got {
				names = append(names, p.Name())
			}
			if diff := cmp.Diff(tc.want, names); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// A selector that names nothing says what is nearest and what there is;
// one policy asked for, several named, lists them.
func TestSelectErrors(t *testing.T) {
	t.Parallel()
	_, err := iac.Select(testSet(), "template.yaml", "BucketPolicyy")
	if err == nil || !strings.Contains(err.Error(), "template.yaml#BucketPolicyy: no such policy (nearest: template.yaml#BucketPolicy)") {
		t.Errorf("got %v", err)
	}
	_, err = iac.SelectOne(testSet(), "template.yaml", "AppRole.Policies")
	want := "template.yaml#AppRole.Policies holds 2 policies; name one: template.yaml#AppRole.Policies[0], template.yaml#AppRole.Policies[1]"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	_, err = iac.Select(&policydoc.Set{}, "empty.yaml", "X")
	if err == nil || err.Error() != "empty.yaml#X: empty.yaml holds no policy" {
		t.Errorf("got %v", err)
	}
}

// A reference is FILE#SELECTOR whose file exists; anything else is not
// one, so a policy file with # in its name still reads as a file.
func TestSplitRef(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "template.yaml")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	path, sel, ok := iac.SplitRef(file + "#AppRole.Policies[0]")
	if !ok || path != file || sel != "AppRole.Policies[0]" {
		t.Errorf("got %q %q %v", path, sel, ok)
	}
	if _, _, ok := iac.SplitRef(filepath.Join(dir, "missing.yaml") + "#AppRole"); ok {
		t.Error("a reference to a missing file was taken")
	}
	if _, _, ok := iac.SplitRef("policy.json"); ok {
		t.Error("a plain path was taken for a reference")
	}
}

// A policy of infrastructure code asked for as a resource policy to
// detect keeps the kind its property says; asked for as another kind,
// it is read as that kind.
func TestKindAs(t *testing.T) {
	t.Parallel()
	trust := &policydoc.Policy{Kind: policy.Trust}
	if k := iac.KindAs(trust, policy.Resource, true); k != policy.Trust {
		t.Errorf("detected: got %v, want trust", k)
	}
	if k := iac.KindAs(trust, policy.Resource, false); k != policy.Resource {
		t.Errorf("given: got %v, want resource", k)
	}
	if k := iac.KindAs(&policydoc.Policy{Kind: policy.Identity}, policy.Resource, true); k != policy.Resource {
		t.Errorf("an identity policy asked for as a resource policy: got %v", k)
	}
}
