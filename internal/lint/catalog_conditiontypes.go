// Catalog rules about a condition's operator and its key's type:
// condition-type-mismatch, condition-forallvalues-single-valued and
// condition-missing-qualifier.

package lint

import (
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// conditionTypeRules check that a condition's operator and qualifier fit
// its key's type as the catalog gives it.
var conditionTypeRules = []*Rule{
	{
		ID:             "condition-type-mismatch",
		Title:          "condition operator of another type than its key",
		Level:          Warning,
		AccessAnalyzer: []string{"TYPE_MISMATCH"},
		Description: "Flags a condition whose operator family does not fit the documented type of its key: a " +
			"Numeric operator on a String key, `IpAddress` on a key that is not an IP address, a Date " +
			"operator on `aws:username`, a String operator on `aws:SecureTransport` (a Boolean key). Access " +
			"Analyzer reports the same as `TYPE_MISMATCH` (\"Use the operator type ... instead of operator " +
			"...\"). The operator that fits is named in the message.\n\n" +
			"Each key has one type (reference_policies_condition-keys.md lists it as \"Data type\"; the " +
			"Service Authorization Reference does for service keys), and an operator of another family " +
			"compares the value as something it is not, so the condition may never match or may match " +
			"differently than it reads. Some pairs are accepted: String operators on ARN keys (AWS " +
			"recommends the ARN operators but string comparison of an ARN works), ARN operators on String " +
			"keys (many String keys hold ARNs, such as `aws:SourceVpcArn`, and ARN matching then compares " +
			"the text field by field), Numeric operators on `aws:EpochTime` (documented as Date and Numeric), " +
			"`Null` on any key, and `BinaryEquals` (no key is documented as Binary). Keys of identity " +
			"providers and SAML are not checked. Malformed values (a date that is not a date) are reported " +
			"by the parser (E014).",
		Fix: "Use an operator of the key's type: `Bool` for Boolean keys, `Numeric...` for numbers, " +
			"`Date...` for dates, `IpAddress`/`NotIpAddress` for IP addresses, `String...` or `Arn...` for " +
			"text and ARNs.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
            "Condition": {
                "StringEquals": {
                    "aws:MultiFactorAuthPresent": "true"
                }
            }
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
            "Condition": {
                "Bool": {
                    "aws:MultiFactorAuthPresent": "true"
                }
            }
        }
    ]
}`},
		check: checkConditionTypeMismatch,
	},
	{
		ID:             "condition-forallvalues-single-valued",
		Title:          "ForAllValues on a single-valued condition key",
		Level:          Warning,
		Security:       SecurityHigh,
		AccessAnalyzer: []string{"FORALLVALUES_WITH_SINGLE_VALUED_KEY"},
		Description: "Flags a `ForAllValues:` operator on a condition key that has at most one value in a " +
			"request (its documented type is not an `ArrayOf...` type), such as `aws:PrincipalTag/team` or " +
			"`aws:SourceVpc`.\n\n" +
			"`ForAllValues` is true when every value of the key in the request matches, and therefore also " +
			"when the key has no value at all (reference_policies_condition-single-vs-multi-valued-context-keys.md: " +
			"\"It also returns true if there are no context keys in the request\"; \"Do not use condition " +
			"set operators ForAllValues or ForAnyValue with single-valued context keys\"). On a single-valued " +
			"key it adds nothing but that hole: in an `Allow`, a request without the key passes the " +
			"condition. Access Analyzer reports it as a security warning. Keys of identity providers and " +
			"SAML are not checked, since their types are not reliably documented.",
		Fix: "Drop the `ForAllValues:` prefix (`StringEquals` compares a single value against the list of " +
			"values), and add a `Null` condition with `false` if the key must be present.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "ec2:StartInstances",
            "Resource": "arn:aws:ec2:us-east-1:111122223333:instance/*",
            "Condition": {
                "ForAllValues:StringEquals": {
                    "aws:PrincipalTag/team": [
                        "blue",
                        "green"
                    ]
                }
            }
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "ec2:StartInstances",
            "Resource": "arn:aws:ec2:us-east-1:111122223333:instance/*",
            "Condition": {
                "StringEquals": {
                    "aws:PrincipalTag/team": [
                        "blue",
                        "green"
                    ]
                }
            }
        }
    ]
}`},
		check: checkConditionForAllValuesSingleValued,
	},
	{
		ID:             "condition-missing-qualifier",
		Title:          "multivalued condition key without ForAllValues or ForAnyValue",
		Level:          Error,
		AccessAnalyzer: []string{"MISSING_QUALIFIER"},
		Description: "Flags a condition on a multivalued key (documented type `ArrayOf...`, such as " +
			"`aws:TagKeys`, `aws:PrincipalOrgPaths` or `aws:CalledVia`) whose operator has no `ForAllValues:` " +
			"or `ForAnyValue:` prefix. `Null` is not flagged: it only tests whether the key is present.\n\n" +
			"A multivalued key holds a set of values in the request, and AWS documents that \"Multivalued " +
			"context keys require a condition set operator\" " +
			"(reference_policies_condition-single-vs-multi-valued-context-keys.md): without one, it is not " +
			"stated whether every value or any value has to match, so the condition does not say what it " +
			"enforces. Access Analyzer reports this as an error (`MISSING_QUALIFIER`). Keys of identity " +
			"providers and SAML are not checked.",
		Fix: "Prefix the operator with `ForAnyValue:` (at least one value in the request must match) or " +
			"`ForAllValues:` (every value must match; add `\"Null\": {key: \"false\"}` in an `Allow` so that " +
			"a request without the key does not pass).",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "ec2:CreateTags",
            "Resource": "arn:aws:ec2:us-east-1:111122223333:instance/*",
            "Condition": {
                "StringEquals": {
                    "aws:TagKeys": [
                        "environment",
                        "cost-center"
                    ]
                }
            }
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "ec2:CreateTags",
            "Resource": "arn:aws:ec2:us-east-1:111122223333:instance/*",
            "Condition": {
                "ForAllValues:StringEquals": {
                    "aws:TagKeys": [
                        "environment",
                        "cost-center"
                    ]
                },
                "Null": {
                    "aws:TagKeys": "false"
                }
            }
        }
    ]
}`},
		check: checkConditionMissingQualifier,
	},
}

// operatorFits reports whether an operator family can compare values of a
// key's element type, and names the family that fits otherwise.
func operatorFits(f policy.Family, key *catalog.ConditionKey) (bool, string) {
	et := key.ElementType()
	var want string
	switch et {
	case "String":
		want = "a String"
	case "ARN":
		want = "an ARN"
	case "Numeric":
		want = "a Numeric"
	case "Date":
		want = "a Date"
	case "Bool":
		want = "a Bool"
	case "IPAddress":
		want = "an IpAddress"
	default:
		return true, ""
	}
	switch f {
	case policy.FamilyNull, policy.FamilyBinary, 0:
		return true, ""
	case policy.FamilyString, policy.FamilyARN:
		return et == "String" || et == "ARN", want
	case policy.FamilyNumeric:
		return et == "Numeric" || strings.EqualFold(key.Name, "aws:EpochTime"), want
	case policy.FamilyDate:
		return et == "Date", want
	case policy.FamilyBool:
		return et == "Bool", want
	case policy.FamilyIP:
		return et == "IPAddress", want
	}
	return true, ""
}

var familyValues = map[policy.Family]string{
	policy.FamilyString:  "text",
	policy.FamilyNumeric: "numbers",
	policy.FamilyDate:    "dates",
	policy.FamilyBool:    "Booleans",
	policy.FamilyIP:      "IP addresses",
	policy.FamilyARN:     "ARNs",
}

var typeValues = map[string]string{
	"String":    "text",
	"ARN":       "ARNs",
	"Numeric":   "numbers",
	"Date":      "dates",
	"Bool":      "Booleans",
	"IPAddress": "IP addresses",
}

func checkConditionTypeMismatch(c *checker) {
	c.conditions(func(st *policy.Statement, cond *policy.Condition) {
		ki := c.conditionKey(cond.Key.Text)
		if ki.skip || ki.key == nil || !ki.checked {
			return
		}
		ok, want := operatorFits(cond.Operator.Family, ki.key)
		if ok {
			return
		}
		op := cond.Operator.Base
		if op == "" {
			op = cond.Operator.Text
		}
		c.reportValue(cond.Key, conditionPath(st, cond), "%s compares %s, but condition key %q holds %s; use %s operator",
			op, familyValues[cond.Operator.Family], cond.Key.Text, typeValues[ki.key.ElementType()], want)
	})
}

func checkConditionForAllValuesSingleValued(c *checker) {
	c.conditions(func(st *policy.Statement, cond *policy.Condition) {
		if cond.Operator.Qualifier != policy.ForAllValues || cond.Operator.Family == 0 || cond.Operator.Family == policy.FamilyNull {
			return
		}
		ki := c.conditionKey(cond.Key.Text)
		if ki.skip || ki.key == nil || !ki.checked || ki.key.IsMultiValued() {
			return
		}
		c.reportValue(cond.Key, conditionPath(st, cond),
			"%s on single-valued condition key %q is also true when the key is absent from the request; drop ForAllValues:",
			cond.Operator.Text, cond.Key.Text)
	})
}

func checkConditionMissingQualifier(c *checker) {
	c.conditions(func(st *policy.Statement, cond *policy.Condition) {
		if cond.Operator.Qualifier != policy.NoQualifier || cond.Operator.Family == 0 || cond.Operator.Family == policy.FamilyNull {
			return
		}
		ki := c.conditionKey(cond.Key.Text)
		if ki.skip || ki.key == nil || !ki.checked || !ki.key.IsMultiValued() {
			return
		}
		c.reportValue(cond.Key, conditionPath(st, cond),
			"condition key %q has several values in a request; write ForAnyValue:%s or ForAllValues:%s",
			cond.Key.Text, cond.Operator.Text, cond.Operator.Text)
	})
}
