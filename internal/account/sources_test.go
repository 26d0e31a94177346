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
