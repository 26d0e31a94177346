package account

import (
	"os"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestIsExport checks the shape test lint uses to tell an export from a
// policy or another AWS CLI output.
func TestIsExport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want bool
	}{
		{"users", `{"UserDetailList": []}`, true},
		{"groups only", `{"GroupDetailList": []}`, true},
		{"managed policies", `{"Policies": [{"PolicyName": "p", "PolicyVersionList": []}]}`, true},
		{"Organizations list-policies output", `{"Policies": [{"Id": "p-1", "Name": "FullAWSAccess"}]}`, false},
		{"a policy", `{"Version": "2012-10-17", "Statement": []}`, false},
		{"not JSON", `{"UserDetailList": [`, false},
		{"an array", `[{"UserDetailList": []}]`, false},
	}
	for _, tt := range tests {
		if got := IsExport([]byte(tt.src)); got != tt.want {
			t.Errorf("%s: IsExport = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestSources lists the documents of the URL-encoded export: each with
// its origin and kind, its text decoded, positions labelled with the
// origin; ParseExport reads the same documents.
func TestSources(t *testing.T) {
	t.Parallel()
	const path = "../../testdata/accounts/333333333333.json"
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sources, err := Sources(path, src)
	if err != nil {
		t.Fatal(err)
	}
	type doc struct {
		Origin  string
		Kind    policy.Kind
		Encoded bool
	}
	var got []doc
	for _, s := range sources {
		got = append(got, doc{s.Origin, s.Kind, s.Encoded})
		if want := path + " (" + s.Origin + ")"; s.Name != want {
			t.Errorf("%s: Name = %q, want %q", s.Origin, s.Name, want)
		}
		if _, err := policy.Parse(s.Name, s.Text, s.Kind); err != nil {
			t.Errorf("%s: %v", s.Origin, err)
		}
	}
	acct, err := ParseExport(path, src)
	if err != nil {
		t.Fatal(err)
	}
	n := len(acct.Policies)
	for _, u := range acct.Users {
		n += len(u.Inline)
	}
	for _, g := range acct.Groups {
		n += len(g.Inline)
	}
	for _, r := range acct.Roles {
		n += len(r.Inline)
		if r.Trust != nil {
			n++
		}
	}
	if len(got) != n {
		t.Errorf("Sources lists %d documents, ParseExport read %d", len(got), n)
	}
	for _, d := range got {
		if !d.Encoded {
			t.Errorf("%s: not marked URL-encoded", d.Origin)
		}
		want := policy.Identity
		if strings.HasSuffix(d.Origin, ", trust policy") {
			want = policy.Trust
		}
		if d.Kind != want {
			t.Errorf("%s: kind %s, want %s", d.Origin, d.Kind, want)
		}
	}
}

// TestSourcesManagedUse checks that a managed policy's document is listed
// as the kind its use gives it, by the counts of its Policies entry, and
// that its origin says the use when it is not the plain attached one.
func TestSourcesManagedUse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		counts     string
		wantKind   policy.Kind
		wantOrigin string
	}{
		{"attached", `"AttachmentCount": 2, "PermissionsBoundaryUsageCount": 0,`, policy.Identity, "managed policy P (v1)"},
		{"used by nothing", `"AttachmentCount": 0, "PermissionsBoundaryUsageCount": 0,`, policy.Identity, "managed policy P (v1)"},
		{"only a boundary", `"AttachmentCount": 0, "PermissionsBoundaryUsageCount": 2,`, policy.Boundary, "managed policy P (v1, a permissions boundary)"},
		{
			"attached and a boundary: the stricter", `"AttachmentCount": 1, "PermissionsBoundaryUsageCount": 1,`, policy.Identity,
			"managed policy P (v1, attached and a permissions boundary: linted as identity-based, the stricter)",
		},
		{
			"no counts: assumed", ``, policy.Identity,
			"managed policy P (v1, assumed identity-based: no AttachmentCount and PermissionsBoundaryUsageCount)",
		},
		{
			"one count only: assumed", `"PermissionsBoundaryUsageCount": 1,`, policy.Identity,
			"managed policy P (v1, assumed identity-based: no AttachmentCount and PermissionsBoundaryUsageCount)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := `{"Policies": [{"PolicyName": "P", "Arn": "arn:aws:iam::111122223333:policy/P", ` + tt.counts + `
				"PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17", "Statement": []}}]}]}`
			sources, err := Sources("export.json", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if len(sources) != 1 {
				t.Fatalf("%d documents, want 1", len(sources))
			}
			if s := sources[0]; s.Kind != tt.wantKind || s.Origin != tt.wantOrigin {
				t.Errorf("kind %v, origin %q; want %v, %q", s.Kind, s.Origin, tt.wantKind, tt.wantOrigin)
			}
		})
	}
}
