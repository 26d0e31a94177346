package policy_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// documentedOperators is every base operator of
// reference_policies_elements_condition_operators.md,
// with what it compares.
var documentedOperators = []struct {
	name    string
	family  policy.Family
	compare policy.Compare
	negated bool
}{
	{"StringEquals", policy.FamilyString, policy.CompareEquals, false},
	{"StringNotEquals", policy.FamilyString, policy.CompareEquals, true},
	{"StringEqualsIgnoreCase", policy.FamilyString, policy.CompareEqualsIgnoreCase, false},
	{"StringNotEqualsIgnoreCase", policy.FamilyString, policy.CompareEqualsIgnoreCase, true},
	{"StringLike", policy.FamilyString, policy.CompareLike, false},
	{"StringNotLike", policy.FamilyString, policy.CompareLike, true},
	{"NumericEquals", policy.FamilyNumeric, policy.CompareEquals, false},
	{"NumericNotEquals", policy.FamilyNumeric, policy.CompareEquals, true},
	{"NumericLessThan", policy.FamilyNumeric, policy.CompareLessThan, false},
	{"NumericLessThanEquals", policy.FamilyNumeric, policy.CompareLessThanEquals, false},
	{"NumericGreaterThan", policy.FamilyNumeric, policy.CompareGreaterThan, false},
	{"NumericGreaterThanEquals", policy.FamilyNumeric, policy.CompareGreaterThanEquals, false},
	{"DateEquals", policy.FamilyDate, policy.CompareEquals, false},
	{"DateNotEquals", policy.FamilyDate, policy.CompareEquals, true},
	{"DateLessThan", policy.FamilyDate, policy.CompareLessThan, false},
	{"DateLessThanEquals", policy.FamilyDate, policy.CompareLessThanEquals, false},
	{"DateGreaterThan", policy.FamilyDate, policy.CompareGreaterThan, false},
	{"DateGreaterThanEquals", policy.FamilyDate, policy.CompareGreaterThanEquals, false},
	{"Bool", policy.FamilyBool, policy.CompareEquals, false},
	{"BinaryEquals", policy.FamilyBinary, policy.CompareEquals, false},
	{"IpAddress", policy.FamilyIP, policy.CompareIPAddress, false},
	{"NotIpAddress", policy.FamilyIP, policy.CompareIPAddress, true},
	// "The ArnEquals and ArnLike condition operators behave identically."
	{"ArnEquals", policy.FamilyARN, policy.CompareLike, false},
	{"ArnLike", policy.FamilyARN, policy.CompareLike, false},
	{"ArnNotEquals", policy.FamilyARN, policy.CompareLike, true},
	{"ArnNotLike", policy.FamilyARN, policy.CompareLike, true},
	{"Null", policy.FamilyNull, policy.CompareNull, false},
}

func TestOperatorNames(t *testing.T) {
	t.Parallel()
	var want []string
	for _, o := range documentedOperators {
		want = append(want, o.name)
	}
	got := policy.OperatorNames()
	sort.Strings(want)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestParseOperatorEveryForm parses every documented operator with and
// without IfExists and each set qualifier. "You can add IfExists to the end
// of any condition operator name except the Null condition"; Null takes no
// qualifier either. Qualifiers on the Numeric, Date, Binary and IP families
// are accepted although the docs show them only for String, Bool and Arn
// and do not forbid them elsewhere.
func TestParseOperatorEveryForm(t *testing.T) {
	t.Parallel()
	qualifiers := []struct {
		prefix string
		q      policy.Qualifier
	}{
		{"", policy.NoQualifier},
		{"ForAllValues:", policy.ForAllValues},
		{"ForAnyValue:", policy.ForAnyValue},
	}
	for _, o := range documentedOperators {
		for _, q := range qualifiers {
			for _, ifExists := range []bool{false, true} {
				text := q.prefix + o.name
				if ifExists {
					text += "IfExists"
				}
				t.Run(text, func(t *testing.T) {
					t.Parallel()
					got, err := policy.ParseOperator(text)
					if o.family == policy.FamilyNull && (ifExists || q.q != policy.NoQualifier) {
						if err == nil || !strings.HasPrefix(err.Error(), string(policy.CodeQualifier)+" ") {
							t.Errorf("ParseOperator(%q) error = %v, want %s", text, err, policy.CodeQualifier)
						}
						return
					}
					if err != nil {
						t.Fatalf("ParseOperator(%q): %v", text, err)
					}
					want := policy.Operator{
						Text: text, Base: o.name, Family: o.family, Compare: o.compare,
						Negated: o.negated, IfExists: ifExists, Qualifier: q.q,
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("mismatch (-want +got):\n%s", diff)
					}
				})
			}
		}
	}
}

// TestParseOperatorErrors checks names that are not operators. ParseOperator
// returns a plain error whose text starts with the code.
func TestParseOperatorErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		code policy.Code
		msg  string // a part of the message
	}{
		{name: "typo", in: "StringEqualz", code: policy.CodeUnknownOperator, msg: `did you mean "StringEquals"?`},
		{name: "lower case", in: "stringequals", code: policy.CodeUnknownOperator, msg: `did you mean "StringEquals"?`},
		{name: "lower case IfExists", in: "StringEqualsifexists", code: policy.CodeUnknownOperator},
		{name: "empty", in: "", code: policy.CodeUnknownOperator},
		{name: "IfExists alone", in: "IfExists", code: policy.CodeUnknownOperator},
		{name: "IfExists twice", in: "BoolIfExistsIfExists", code: policy.CodeUnknownOperator},
		{name: "BinaryNotEquals", in: "BinaryNotEquals", code: policy.CodeUnknownOperator},
		{name: "two qualifiers", in: "ForAllValues:ForAnyValue:StringEquals", code: policy.CodeUnknownOperator},
		{name: "unknown after qualifier", in: "ForAnyValue:StringEqualz", code: policy.CodeUnknownOperator, msg: `did you mean "StringEquals"?`},
		{name: "singular qualifier", in: "ForAllValue:StringEquals", code: policy.CodeQualifier, msg: `did you mean "ForAllValues"?`},
		{name: "plural qualifier", in: "ForAnyValues:StringLike", code: policy.CodeQualifier, msg: `did you mean "ForAnyValue"?`},
		{name: "lower-case qualifier", in: "forallvalues:StringEquals", code: policy.CodeQualifier, msg: `did you mean "ForAllValues"?`},
		{name: "empty qualifier", in: ":StringEquals", code: policy.CodeQualifier},
		{name: "operator as qualifier", in: "StringEquals:", code: policy.CodeQualifier},
		{name: "qualifier without operator", in: "ForAllValues:", code: policy.CodeQualifier, msg: "has no operator"},
		{name: "NullIfExists", in: "NullIfExists", code: policy.CodeQualifier, msg: "IfExists"},
		{name: "qualified Null", in: "ForAllValues:Null", code: policy.CodeQualifier, msg: "set qualifier ForAllValues"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := policy.ParseOperator(tc.in)
			if err == nil {
				t.Fatalf("ParseOperator(%q) = nil error, want %s", tc.in, tc.code)
			}
			if !strings.HasPrefix(err.Error(), string(tc.code)+" ") {
				t.Errorf("ParseOperator(%q) = %v, want code %s", tc.in, err, tc.code)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("ParseOperator(%q) = %v, want a message containing %q", tc.in, err, tc.msg)
			}
		})
	}
}

func TestFamily(t *testing.T) {
	t.Parallel()
	tests := []struct {
		f         policy.Family
		name      string
		variables bool // reference_policies_elements_condition_operators.md "Policy variables – Supported"
	}{
		{policy.FamilyString, "String", true},
		{policy.FamilyNumeric, "Numeric", false},
		{policy.FamilyDate, "Date", false},
		{policy.FamilyBool, "Bool", true},
		{policy.FamilyBinary, "Binary", false},
		{policy.FamilyIP, "IP address", false},
		{policy.FamilyARN, "ARN", true},
		// "You can not use a policy variable with the Null condition operator."
		{policy.FamilyNull, "Null", false},
	}
	for _, tc := range tests {
		if got := tc.f.String(); got != tc.name {
			t.Errorf("Family(%d).String() = %q, want %q", tc.f, got, tc.name)
		}
		if got := tc.f.AllowsVariables(); got != tc.variables {
			t.Errorf("%s.AllowsVariables() = %v, want %v", tc.name, got, tc.variables)
		}
	}
}

func TestQualifierString(t *testing.T) {
	t.Parallel()
	got := []string{policy.NoQualifier.String(), policy.ForAllValues.String(), policy.ForAnyValue.String()}
	if diff := cmp.Diff([]string{"", "ForAllValues", "ForAnyValue"}, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
