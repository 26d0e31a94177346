// Package account reads what people export from real AWS accounts: the
// output of `aws iam get-account-authorization-details`, a description of
// the organization, and resource policies; and it resolves a principal to
// the policies AWS would evaluate for it, naming where each comes from.
// docs/accounts.md describes the input formats.
package account

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// Policy is a policy document with where it comes from.
type Policy struct {
	Doc *policy.Document
	// Origin names the policy for a person: "group Developers, inline
	// policy s3-home", "managed policy DeveloperTools (v2)".
	Origin string
}

// Tag is an IAM tag of a user or role.
type Tag struct {
	Key, Value string
}

// User is an IAM user of an export.
type User struct {
	Name, ARN, ID, Path string
	Inline              []Policy
	Attached            []string // managed policy ARNs
	Groups              []string // group names
	Boundary            string   // managed policy ARN, "" when none
	Tags                []Tag
}

// Group is an IAM group of an export.
type Group struct {
	Name, ARN, ID, Path string
	Inline              []Policy
	Attached            []string
}

// Role is an IAM role of an export.
type Role struct {
	Name, ARN, ID, Path string
	Inline              []Policy
	Attached            []string
	Boundary            string
	Tags                []Tag
	// Trust is the role's trust policy (AssumeRolePolicyDocument).
	Trust *Policy
}

// IsServiceLinked reports whether the role is a service-linked role: its
// path is /aws-service-role/... (id_roles_terms-and-concepts.md).
func (r *Role) IsServiceLinked() bool { return strings.HasPrefix(r.Path, "/aws-service-role/") }

// ManagedPolicy is a managed policy listed in an export, with its default
// version.
type ManagedPolicy struct {
	Name, ARN, Path string
	VersionID       string // the default version: "v2"
	Default         Policy
}

// Account is one account's export.
type Account struct {
	ID   string
	File string // the export it was read from
	// Users, Groups and Roles are keyed by name; Policies by ARN.
	Users    map[string]*User
	Groups   map[string]*Group
	Roles    map[string]*Role
	Policies map[string]*ManagedPolicy
	// Notes are what every answer about the account's principals rests
	// on that the account's source does not say, such as the account ID
	// taken for infrastructure code that names none.
	Notes []evaluator.Note
}

// UserNames returns the account's user names, sorted.
func (a *Account) UserNames() []string { return sortedKeys(a.Users) }

// RoleNames returns the account's role names, sorted.
func (a *Account) RoleNames() []string { return sortedKeys(a.Roles) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Data is everything loaded about real accounts. Build it with Load, then
// add an organization and resource policies.
type Data struct {
	// Accounts are keyed by account ID.
	Accounts map[string]*Account
	// Org is the organization, nil when none was loaded.
	Org *Organization
	// Resources maps resource ARNs to their resource-based policies.
	Resources *Resources
}

// AccountIDs returns the IDs of the loaded accounts, sorted.
func (d *Data) AccountIDs() []string { return sortedKeys(d.Accounts) }

// inputError is a problem in an input file at a position.
func inputError(pos policy.Pos, format string, args ...any) error {
	return fmt.Errorf("%s: %s", pos, fmt.Sprintf(format, args...))
}
