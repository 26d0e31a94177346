package managedpolicies

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const snapshotPath = "latest.json.gz"

// committed loads the committed snapshot once for all tests.
var committed = sync.OnceValues(func() (*Snapshot, error) { return Load(snapshotPath) })

func mustLoad(t *testing.T) *Snapshot {
	t.Helper()
	s, err := committed()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return s
}

func TestSnapshotCount(t *testing.T) {
	t.Parallel()
	s := mustLoad(t)
	t.Logf("%s@%s (data date %s): %d policies", s.Info.Package, s.Info.Version, s.Info.Date, len(s.Policies))
	if n := len(s.Policies); n < 1500 || n > 1700 {
		t.Errorf("%d policies, want between 1500 and 1700", n)
	}
}

func TestSnapshotHeader(t *testing.T) {
	t.Parallel()
	h := mustLoad(t).Info
	tests := []struct {
		name, value string
	}{
		{"source", h.Source},
		{"package", h.Package},
		{"version", h.Version},
		{"integrity", h.Integrity},
		{"date", h.Date},
		{"repository", h.Repository},
		{"licence", h.Licence},
		{"provenance", h.Provenance},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.value == "" {
				t.Errorf("header %s is empty", tt.name)
			}
		})
	}
	if !strings.HasPrefix(h.Integrity, "sha512-") {
		t.Errorf("integrity %q is not a sha512 integrity", h.Integrity)
	}
	if h.Licence != "MIT" {
		t.Errorf("licence = %q, want MIT", h.Licence)
	}
}

func TestSnapshotPolicies(t *testing.T) {
	t.Parallel()
	s := mustLoad(t)
	for i, p := range s.Policies {
		if i > 0 && s.Policies[i-1].Name >= p.Name {
			t.Errorf("policy %q follows %q: names not sorted and unique", p.Name, s.Policies[i-1].Name)
		}
		if p.ARN != ARNPrefix+p.Path+p.Name {
			t.Errorf("%s: ARN %q does not match path %q", p.Name, p.ARN, p.Path)
		}
		if p.VersionID == "" {
			t.Errorf("%s: no version id", p.Name)
		}
		var doc map[string]any
		if err := json.Unmarshal(p.Document, &doc); err != nil {
			t.Errorf("%s: document is not a JSON object: %v", p.Name, err)
			continue
		}
		if doc["Statement"] == nil {
			t.Errorf("%s: document has no Statement", p.Name)
		}
		var want bytes.Buffer
		if err := json.Indent(&want, p.Document, "", "    "); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want.Bytes(), p.Document) {
			t.Errorf("%s: document is not indented by four spaces", p.Name)
		}
	}
}

func TestByARN(t *testing.T) {
	t.Parallel()
	s := mustLoad(t)
	tests := []struct {
		name     string
		arn      string
		wantName string
		wantPath string
		wantOK   bool
	}{
		{name: "root path", arn: "arn:aws:iam::aws:policy/AdministratorAccess", wantName: "AdministratorAccess", wantPath: "/", wantOK: true},
		{name: "service role", arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaRole", wantName: "AWSLambdaRole", wantPath: "/service-role/", wantOK: true},
		{name: "job function", arn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", wantName: "ViewOnlyAccess", wantPath: "/job-function/", wantOK: true},
		{name: "wrong path", arn: "arn:aws:iam::aws:policy/AWSLambdaRole"},
		{name: "unknown name", arn: "arn:aws:iam::aws:policy/NoSuchPolicy"},
		{name: "case differs", arn: "arn:aws:iam::aws:policy/administratoraccess"},
		{name: "customer managed", arn: "arn:aws:iam::123456789012:policy/AdministratorAccess"},
		{name: "other partition", arn: "arn:aws-cn:iam::aws:policy/AdministratorAccess"},
		{name: "empty", arn: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, ok := s.ByARN(tt.arn)
			if ok != tt.wantOK {
				t.Fatalf("ByARN(%q) ok = %v, want %v", tt.arn, ok, tt.wantOK)
			}
			if !ok {
				if p != nil {
					t.Errorf("ByARN(%q) = %+v with ok false, want nil", tt.arn, p)
				}
				return
			}
			got := []string{p.Name, p.ARN, p.Path}
			want := []string{tt.wantName, tt.arn, tt.wantPath}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ByARN(%q) mismatch (-want +got):\n%s", tt.arn, diff)
			}
		})
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	t.Parallel()
	want := &Snapshot{
		Info: Header{Source: "npm x", Package: "x", Version: "1.0.0", Integrity: "sha512-AA==", Date: "2026-01-02", Repository: "https://example.com/x", Licence: "MIT", Provenance: "test"},
		Policies: []Policy{
			{Name: "A", ARN: "arn:aws:iam::aws:policy/A", Path: "/", VersionID: "v2", Document: []byte("{\n    \"Statement\": [],\n    \"Version\": \"2012-10-17\"\n}")},
			{Name: "B<&>", ARN: "arn:aws:iam::aws:policy/service-role/B<&>", Path: "/service-role/", VersionID: "v1", Document: []byte(`{"Sid": "\u00e9<&>"}`)},
		},
	}
	gz, err := Encode(want)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Encode(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gz, again) {
		t.Error("Encode is not deterministic")
	}
	path := filepath.Join(t.TempDir(), "s.json.gz")
	if err := os.WriteFile(path, gz, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
}

func TestEncodeRejects(t *testing.T) {
	t.Parallel()
	doc := []byte(`{}`)
	tests := []struct {
		name     string
		policies []Policy
		want     string
	}{
		{"unsorted", []Policy{{Name: "B", ARN: ARNPrefix + "/B", Path: "/", Document: doc}, {Name: "A", ARN: ARNPrefix + "/A", Path: "/", Document: doc}}, `policy "A" follows "B"`},
		{"duplicate", []Policy{{Name: "A", ARN: ARNPrefix + "/A", Path: "/", Document: doc}, {Name: "A", ARN: ARNPrefix + "/A", Path: "/", Document: doc}}, `policy "A" follows "A"`},
		{"ARN and path differ", []Policy{{Name: "A", ARN: ARNPrefix + "/A", Path: "/service-role/", Document: doc}}, `policy "A": ARN`},
		{"document not JSON", []Policy{{Name: "A", ARN: ARNPrefix + "/A", Path: "/", Document: []byte(`{`)}}, `policy "A": document is not valid JSON`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Encode(&Snapshot{Info: Header{Package: "x", Version: "1"}, Policies: tt.policies})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Encode error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	valid := gzipped(t, `{"header":{"package":"x","version":"1"},"policies":[]}`)
	tests := []struct {
		name    string
		content []byte // nil: the file does not exist
		want    string
	}{
		{name: "missing", want: "no such file"},
		{name: "not gzip", content: []byte(`{"header":{}}`), want: "gzip: invalid header"},
		{name: "truncated", content: valid[:len(valid)-6], want: "unexpected EOF"},
		{name: "not JSON", content: gzipped(t, "policies"), want: "invalid character"},
		{name: "no header", content: gzipped(t, `{"policies":[]}`), want: "header names no package and version"},
		{name: "unsorted", content: gzipped(t, `{"header":{"package":"x","version":"1"},"policies":[`+
			`{"name":"B","arn":"arn:aws:iam::aws:policy/B","path":"/","document":"{}"},`+
			`{"name":"A","arn":"arn:aws:iam::aws:policy/A","path":"/","document":"{}"}]}`), want: `policy "A" follows "B"`},
		{name: "bad document", content: gzipped(t, `{"header":{"package":"x","version":"1"},"policies":[`+
			`{"name":"A","arn":"arn:aws:iam::aws:policy/A","path":"/","document":"{"}]}`), want: "document is not valid JSON"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".json.gz")
			if tt.content != nil {
				if err := os.WriteFile(path, tt.content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			s, err := Load(path)
			if err == nil {
				t.Fatalf("Load = %d policies, want an error", len(s.Policies))
			}
			if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, tt.want) {
				t.Errorf("Load error = %q, want one naming %s and containing %q", msg, path, tt.want)
			}
		})
	}
}

// TestEmbedded checks that the snapshot built into the binary is the
// committed file.
func TestEmbedded(t *testing.T) {
	emb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	file, err := Load(snapshotPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(emb.Policies) != len(file.Policies) || emb.Info != file.Info {
		t.Errorf("embedded snapshot has %d policies (%+v), the file %d (%+v)", len(emb.Policies), emb.Info, len(file.Policies), file.Info)
	}
	if again, _ := Embedded(); again != emb {
		t.Error("Embedded decoded the snapshot twice")
	}
}
