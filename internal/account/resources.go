package account

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// ManifestName is the manifest read from a resource-policy directory.
const ManifestName = "resource-policies.yaml"

// Resources maps resource ARNs to their resource-based policies.
type Resources struct {
	// File is the manifest that was read, as named to ParseResources.
	File   string
	byARN  map[string]Policy
	owners map[string]string // ARN -> owning account, when the manifest says
	arns   []string          // longest first, for prefix look-ups
}

// LoadResources reads a resource-policy manifest, or the manifest
// resource-policies.yaml of a directory (docs/accounts.md), with the
// default Limits.
func LoadResources(path string) (*Resources, error) { return Limits{}.LoadResources(path) }

// LoadResources is LoadResources reading no file beyond l.Files.
func (l Limits) LoadResources(path string) (*Resources, error) {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		path = filepath.Join(path, ManifestName)
	}
	src, err := l.Files.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return l.ParseResources(path, src)
}

// ParseResources reads a manifest; policy files are relative to it and
// read with the default Limits.
func ParseResources(name string, src []byte) (*Resources, error) {
	return Limits{}.ParseResources(name, src)
}

// ParseResources is ParseResources reading no policy file beyond
// l.Files. The YAML is read as strictly as an organization file's.
func (l Limits) ParseResources(name string, src []byte) (*Resources, error) {
	top, err := parseYAML(name, src, "a manifest", "the manifest is empty (want resources: [{arn: ..., policy: file}])")
	if err != nil {
		return nil, err
	}
	r := &orgReader{name: name, dir: filepath.Dir(name), limits: l.Files}
	res := &Resources{File: name, byARN: map[string]Policy{}, owners: map[string]string{}}
	r.fields(top, "the manifest", map[string]func(*yaml.Node){
		"resources": func(v *yaml.Node) {
			r.list(v, "resources", func(item *yaml.Node) { r.resource(item, res) })
		},
	})
	if len(r.errs) > 0 {
		return nil, errors.Join(r.errs...)
	}
	res.index()
	return res, nil
}

// NewResources returns an empty set of resource policies, labelled file,
// for Add.
func NewResources(file string) *Resources {
	return &Resources{File: file, byARN: map[string]Policy{}, owners: map[string]string{}}
}

// Add sets the resource-based policy of the resource arn, owned by the
// account owner ("" when the ARN says or nobody does); a resource that
// has one already is an error naming both.
func (r *Resources) Add(arn string, p Policy, owner string) error {
	if prev, dup := r.byARN[arn]; dup {
		return fmt.Errorf("resource %s has two policies: %s and %s", arn, prev.Origin, p.Origin)
	}
	r.byARN[arn] = p
	if owner != "" {
		r.owners[arn] = owner
	}
	r.index()
	return nil
}

// index lists the ARNs longest first, for prefix look-ups.
func (r *Resources) index() {
	r.arns = r.arns[:0]
	for arn := range r.byARN {
		r.arns = append(r.arns, arn)
	}
	sort.Slice(r.arns, func(i, j int) bool {
		if len(r.arns[i]) != len(r.arns[j]) {
			return len(r.arns[i]) > len(r.arns[j])
		}
		return r.arns[i] < r.arns[j]
	})
}

func (r *orgReader) resource(item *yaml.Node, res *Resources) {
	var arn, file, owner string
	var fileNode *yaml.Node
	r.fields(item, "a resource", map[string]func(*yaml.Node){
		"arn":     func(v *yaml.Node) { arn = v.Value },
		"policy":  func(v *yaml.Node) { file, fileNode = v.Value, v },
		"account": func(v *yaml.Node) { owner = r.accountID(v) },
	})
	if _, ok := policy.SplitARN(arn); !ok || strings.ContainsAny(arn, "*?") {
		r.errorf(item, "a resource needs the arn of one resource, without wildcards")
		return
	}
	if fileNode == nil || fileNode.Kind != yaml.ScalarNode {
		r.errorf(item, "a resource needs policy: the path of its policy file")
		return
	}
	if _, dup := res.byARN[arn]; dup {
		r.errorf(item, "resource %s appears twice", arn)
		return
	}
	path := source.Beside(r.dir, file)
	src, err := r.limits.ReadFile(path)
	if err != nil {
		r.errorf(fileNode, "%v", err)
		return
	}
	if doc := r.parse(fileNode, path, src, policy.Resource); doc != nil {
		doc.Name = "resource policy of " + arn
		res.byARN[arn] = Policy{Doc: doc, Origin: doc.Name}
		if owner != "" {
			res.owners[arn] = owner
		}
	}
}

// Owner returns the account that owns a resource: the account field of
// its ARN, or the manifest's account for a resource (or the listed
// resource it extends with "/") whose ARN has none, as S3 ARNs do.
func (r *Resources) Owner(arn string) string {
	if f, ok := policy.SplitARN(arn); ok && policy.IsAccountID(f[4]) {
		return f[4]
	}
	if r == nil {
		return ""
	}
	if o, ok := r.owners[arn]; ok {
		return o
	}
	for _, a := range r.arns {
		if strings.HasPrefix(arn, a+"/") {
			return r.owners[a]
		}
	}
	return ""
}

// For returns the resource-based policy that governs a resource: that of
// the resource's own ARN, or of the longest listed ARN that the resource's
// ARN extends with "/" (a bucket's policy governs its objects).
func (r *Resources) For(arn string) (Policy, bool) {
	if r == nil {
		return Policy{}, false
	}
	if p, ok := r.byARN[arn]; ok {
		return p, true
	}
	for _, a := range r.arns {
		if strings.HasPrefix(arn, a+"/") {
			return r.byARN[a], true
		}
	}
	return Policy{}, false
}

// ARNs returns every listed resource ARN, sorted.
func (r *Resources) ARNs() []string {
	if r == nil {
		return nil
	}
	return sortedKeys(r.byARN)
}
