package policy

// Version values AWS accepts.
const (
	Version2012 = "2012-10-17"
	Version2008 = "2008-10-17"
)

// Document is one parsed policy.
type Document struct {
	Name string // file name or another label used in positions
	Kind Kind
	Pos  Pos // the opening brace

	// Version is the Version element; Text is empty when it is absent,
	// which AWS reads as 2008-10-17.
	Version Value
	ID      Value // the Id element; Text empty when absent

	Statements []*Statement
}

// HasVariables reports whether policy variables are substituted in this
// document: only under Version 2012-10-17
// (reference_policies_elements_version.md).
func (d *Document) HasVariables() bool { return d.Version.Text == Version2012 }

// Value is a scalar from the policy source with its position. JSON numbers
// and booleans are kept as their text (10, true).
type Value struct {
	Text string
	Pos  Pos
	// End is just past the value's last character in the source: the
	// closing quote of a string.
	End Pos
}

// Effect is a statement's Effect.
type Effect int

// The effects.
const (
	Allow Effect = iota + 1
	Deny
)

// String returns "Allow" or "Deny".
func (e Effect) String() string {
	switch e {
	case Allow:
		return "Allow"
	case Deny:
		return "Deny"
	}
	return "?"
}

// Statement is one statement of a policy.
type Statement struct {
	Index  int // position in the Statement list, from 0
	Pos    Pos // the opening brace
	End    Pos // the closing brace
	Sid    Value
	Effect Effect
	// EffectPos is where the Effect value stands.
	EffectPos Pos

	Action    *List // Action or NotAction; nil when neither is present
	Resource  *List // Resource or NotResource; nil when neither is present
	Principal *Principal
	// Conditions holds one entry per operator and key, in source order.
	Conditions []*Condition
}

// List is the value of Action/NotAction or Resource/NotResource.
type List struct {
	Not   bool // NotAction or NotResource
	Pos   Pos  // the element's key
	Items []Value
}

// PrincipalType is the key of a principal map entry.
type PrincipalType string

// The principal types.
const (
	PrincipalAWS           PrincipalType = "AWS"
	PrincipalService       PrincipalType = "Service"
	PrincipalFederated     PrincipalType = "Federated"
	PrincipalCanonicalUser PrincipalType = "CanonicalUser"
)

// Principal is the value of Principal or NotPrincipal.
type Principal struct {
	Not bool
	Pos Pos
	// Any is set for the string form "*".
	Any     bool
	Entries []PrincipalEntry
}

// PrincipalEntry is one value of a principal map, such as
// {"AWS": "arn:aws:iam::111122223333:root"}.
type PrincipalEntry struct {
	Type PrincipalType
	Value
}

// Condition is one operator and key of a Condition block with its values.
type Condition struct {
	Operator    Operator
	OperatorPos Pos
	Key         Value
	Values      []Value
	// List is set when the values were written as a JSON array.
	List bool
}
