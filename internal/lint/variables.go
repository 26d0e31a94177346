package lint

import (
	"github.com/iamsim/iamsim/policy"
)

// variableRules are about where policy variables work.
var variableRules = []*Rule{
	{
		ID: "variable-before-resource", Title: "a policy variable before the fifth colon of a Resource ARN", Level: Error,
		Description: "The IAM User Guide allows a policy variable in a Resource ARN \"only in the resource portion of the ARN\", " +
			"after the fifth colon: \"You can't use a variable to replace parts of the ARN before the fifth colon, such as the " +
			"service or account\" (reference_policies_variables.md, \"Where you can use policy variables\", \"Resource element\"). " +
			"There, `${aws:PrincipalAccount}` is literal text, which no resource's ARN contains: an Allow written so grants " +
			"nothing, a Deny denies nothing, and a NotResource entry excludes nothing. iamsim evaluates it the same way " +
			"(docs/evaluation-logic.md, \"Policy variables in Resource ARNs\"). A few AWS managed service-role policies use " +
			"`${aws:PrincipalAccount}` in the account field all the same (AmazonTimestreamInfluxDBServiceRolePolicy), so AWS " +
			"may substitute there in practice; do not rely on it while the guide says otherwise.",
		Fix: "Write the account, Region or partition itself, or a wildcard (`*`) with a condition on the key instead, such as " +
			"`\"StringEquals\": {\"aws:ResourceAccount\": \"${aws:PrincipalAccount}\"}`: condition values may hold variables.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:*:orders",
        "Condition": {"StringEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}}
    }
}`},
		check: checkVariableBeforeResource,
	},
}

// checkVariableBeforeResource reports Resource and NotResource entries
// with a policy variable before the fifth colon of the ARN.
func checkVariableBeforeResource(c *checker) {
	if !c.doc.HasVariables() {
		return // the 2008-10-17 language has no variables: version-missing and version-old say so
	}
	for _, st := range c.doc.Statements {
		if st.Resource == nil {
			continue
		}
		for i, item := range st.Resource.Items {
			key, ok := policy.VariableBeforeResource(item.Text)
			if !ok {
				continue
			}
			path := listPath(st, st.Resource, "Resource", i)
			if !st.Resource.Not {
				c.reportValue(item, path,
					"Resource %q: AWS does not substitute ${%s} before the fifth colon (only in the resource part of the ARN), so the entry is literal text and matches no resource",
					item.Text, key)
				continue
			}
			c.reportValue(item, path,
				"NotResource %q: AWS does not substitute ${%s} before the fifth colon (only in the resource part of the ARN), so the entry is literal text and excludes nothing: %s",
				item.Text, key, notResourceReach(st))
		}
	}
}

// notResourceReach says what a statement does when one of its
// NotResource entries excludes nothing.
func notResourceReach(st *policy.Statement) string {
	where := "every resource"
	if len(st.Resource.Items) > 1 {
		where = "every resource the other NotResource entries do not exclude"
	}
	switch st.Effect {
	case policy.Allow:
		return "the statement applies to " + where + ", so this Allow grants its actions on all of them"
	case policy.Deny:
		return "the statement applies to " + where + ", so this Deny denies its actions on all of them"
	}
	return "the statement applies to " + where
}
