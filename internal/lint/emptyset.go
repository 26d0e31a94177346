package lint

import (
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// emptySetRules flag set operators that pass when a key is absent.
var emptySetRules = []*Rule{
	{
		ID:    "condition-forallvalues-without-null",
		Title: "ForAllValues in an Allow on a multivalued key that may be absent, with no Null guard",
		Level: Note,
		Description: "Flags an `Allow` statement with a `ForAllValues:` condition on a multivalued condition key " +
			"(documented type `ArrayOf...`, such as `aws:TagKeys`) when the same statement has no " +
			"`\"Null\": {key: \"false\"}` condition on that key.\n\n" +
			"`ForAllValues` is true when every value of the key in the request matches, and so also when " +
			"the request has no value for it: the empty set (reference_policies_condition-single-vs-multi-valued-context-keys.md, " +
			"ForAllValues: \"It also returns true if there are no context keys in the request\"). The same page " +
			"asks for caution with `ForAllValues` in an `Allow`, which is overly permissive when a missing " +
			"key is not expected, and shows a `Null` condition with `false` as the way to require the key. " +
			"An `Allow` meant as \"only these tag keys\" therefore also allows a request that sends no tags " +
			"at all. That is sometimes intended (a `CreateTags` request always has tags), hence a note.",
		Fix: "Add `\"Null\": {key: \"false\"}` to the statement's Condition so that the key must be present, or " +
			"use `ForAnyValue:` if one matching value is enough.",
		Bad: Example{Kind: policy.Identity, Policy: `{
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
		check: checkForAllValuesWithoutNull,
	},
}

func checkForAllValuesWithoutNull(c *checker) {
	for _, st := range c.doc.Statements {
		if st.Effect != policy.Allow {
			continue
		}
		for _, cond := range st.Conditions {
			op := cond.Operator
			if op.Qualifier != policy.ForAllValues || op.Family == 0 || op.Family == policy.FamilyNull {
				continue
			}
			ki := c.conditionKey(cond.Key.Text)
			if ki.skip || ki.key == nil || !ki.checked || !ki.key.IsMultiValued() || nullGuarded(st, cond.Key.Text) {
				continue
			}
			c.reportValue(cond.Key, conditionPath(st, cond),
				"%s on %q is also true when the request has no %s; add \"Null\": {%q: \"false\"} to require it",
				op.Text, cond.Key.Text, cond.Key.Text, cond.Key.Text)
		}
	}
}

// nullGuarded reports whether a statement requires key to be present:
// a Null condition on it (key names ignore case) with the single value
// false.
func nullGuarded(st *policy.Statement, key string) bool {
	for _, cond := range st.Conditions {
		op := cond.Operator
		if op.Family != policy.FamilyNull || op.IfExists || op.Qualifier != policy.NoQualifier || !strings.EqualFold(cond.Key.Text, key) {
			continue
		}
		if t, f, ok := boolValues(cond); ok && f && !t {
			return true
		}
	}
	return false
}
