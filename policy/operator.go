package policy

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/textdist"
)

// Family is a group of condition operators that compare one type of value.
type Family int

// The operator families (reference_policies_elements_condition_operators.md).
const (
	FamilyString Family = iota + 1
	FamilyNumeric
	FamilyDate
	FamilyBool
	FamilyBinary
	FamilyIP
	FamilyARN
	FamilyNull
)

var familyNames = [...]string{"", "String", "Numeric", "Date", "Bool", "Binary", "IP address", "ARN", "Null"}

// String names the family.
func (f Family) String() string { return familyNames[f] }

// AllowsVariables reports whether policy variables are substituted in
// values of this family (reference_policies_elements_condition_operators.md
// marks "Policy variables" supported for the String, Boolean and ARN
// operators only).
func (f Family) AllowsVariables() bool {
	return f == FamilyString || f == FamilyARN || f == FamilyBool
}

// Compare is what a base operator checks.
type Compare int

// The comparisons. Each negated operator shares the comparison of its
// positive twin and sets Negated.
const (
	CompareEquals Compare = iota + 1
	CompareEqualsIgnoreCase
	CompareLike
	CompareLessThan
	CompareLessThanEquals
	CompareGreaterThan
	CompareGreaterThanEquals
	CompareIPAddress
	CompareNull
)

// Qualifier is a set operator prefix.
type Qualifier int

// The qualifiers.
const (
	NoQualifier  Qualifier = iota
	ForAllValues           // ForAllValues:
	ForAnyValue            // ForAnyValue:
)

// String returns the prefix as written, without the colon.
func (q Qualifier) String() string {
	switch q {
	case ForAllValues:
		return "ForAllValues"
	case ForAnyValue:
		return "ForAnyValue"
	}
	return ""
}

// Operator is a parsed condition operator such as
// ForAnyValue:StringNotLikeIfExists.
type Operator struct {
	Text      string // as written
	Base      string // the operator without qualifier and IfExists
	Family    Family
	Compare   Compare
	Negated   bool // StringNotEquals, NotIpAddress, ArnNotLike...
	IfExists  bool
	Qualifier Qualifier
}

type baseOperator struct {
	family  Family
	compare Compare
	negated bool
}

// baseOperators is every operator AWS documents, by name
// (reference_policies_elements_condition_operators.md).
var baseOperators = map[string]baseOperator{
	"StringEquals":              {FamilyString, CompareEquals, false},
	"StringNotEquals":           {FamilyString, CompareEquals, true},
	"StringEqualsIgnoreCase":    {FamilyString, CompareEqualsIgnoreCase, false},
	"StringNotEqualsIgnoreCase": {FamilyString, CompareEqualsIgnoreCase, true},
	"StringLike":                {FamilyString, CompareLike, false},
	"StringNotLike":             {FamilyString, CompareLike, true},
	"NumericEquals":             {FamilyNumeric, CompareEquals, false},
	"NumericNotEquals":          {FamilyNumeric, CompareEquals, true},
	"NumericLessThan":           {FamilyNumeric, CompareLessThan, false},
	"NumericLessThanEquals":     {FamilyNumeric, CompareLessThanEquals, false},
	"NumericGreaterThan":        {FamilyNumeric, CompareGreaterThan, false},
	"NumericGreaterThanEquals":  {FamilyNumeric, CompareGreaterThanEquals, false},
	"DateEquals":                {FamilyDate, CompareEquals, false},
	"DateNotEquals":             {FamilyDate, CompareEquals, true},
	"DateLessThan":              {FamilyDate, CompareLessThan, false},
	"DateLessThanEquals":        {FamilyDate, CompareLessThanEquals, false},
	"DateGreaterThan":           {FamilyDate, CompareGreaterThan, false},
	"DateGreaterThanEquals":     {FamilyDate, CompareGreaterThanEquals, false},
	"Bool":                      {FamilyBool, CompareEquals, false},
	"BinaryEquals":              {FamilyBinary, CompareEquals, false},
	"IpAddress":                 {FamilyIP, CompareIPAddress, false},
	"NotIpAddress":              {FamilyIP, CompareIPAddress, true},
	"ArnEquals":                 {FamilyARN, CompareLike, false},
	"ArnLike":                   {FamilyARN, CompareLike, false},
	"ArnNotEquals":              {FamilyARN, CompareLike, true},
	"ArnNotLike":                {FamilyARN, CompareLike, true},
	"Null":                      {FamilyNull, CompareNull, false},
}

// OperatorNames returns every base operator name AWS documents.
func OperatorNames() []string {
	names := make([]string, 0, len(baseOperators))
	for n := range baseOperators {
		names = append(names, n)
	}
	return names
}

// operatorError is a problem with an operator name: its code and message.
type operatorError struct {
	code Code
	msg  string
}

// ParseOperator parses an operator name with its optional qualifier and
// IfExists suffix. Names are case-sensitive.
func ParseOperator(text string) (Operator, error) {
	op, oe := parseOperator(text)
	if oe != nil {
		return op, fmt.Errorf("%s %s", oe.code, oe.msg)
	}
	return op, nil
}

func parseOperator(text string) (Operator, *operatorError) {
	op := Operator{Text: text}
	name := text
	if prefix, rest, ok := strings.Cut(name, ":"); ok {
		switch prefix {
		case "ForAllValues":
			op.Qualifier = ForAllValues
		case "ForAnyValue":
			op.Qualifier = ForAnyValue
		default:
			return op, &operatorError{CodeQualifier, fmt.Sprintf("unknown set qualifier %q in %q (want ForAllValues: or ForAnyValue:)%s", prefix, text, suggest(prefix, []string{"ForAllValues", "ForAnyValue"}))}
		}
		name = rest
	}
	if base, ok := strings.CutSuffix(name, "IfExists"); ok && base != "" {
		if _, known := baseOperators[base]; known {
			op.IfExists = true
			name = base
		}
	}
	b, ok := baseOperators[name]
	if !ok {
		if name == "" && op.Qualifier != NoQualifier {
			return op, &operatorError{CodeQualifier, fmt.Sprintf("set qualifier %q has no operator", text)}
		}
		return op, &operatorError{CodeUnknownOperator, fmt.Sprintf("unknown condition operator %q%s", text, suggest(name, OperatorNames()))}
	}
	op.Base, op.Family, op.Compare, op.Negated = name, b.family, b.compare, b.negated
	if op.Family == FamilyNull && op.IfExists {
		return op, &operatorError{CodeQualifier, "Null cannot take IfExists: Null already tests whether the key is present"}
	}
	if op.Family == FamilyNull && op.Qualifier != NoQualifier {
		return op, &operatorError{CodeQualifier, fmt.Sprintf("Null cannot take the set qualifier %s: Null tests whether the key is present", op.Qualifier)}
	}
	return op, nil
}

// suggest returns `; did you mean "X"?` for the candidate closest to s, or
// nothing when none is close.
func suggest(s string, candidates []string) string {
	best := textdist.Nearest(s, candidates)
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}
