// Security rule passrole-broad: iam:PassRole on every role.

package lint

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// passRoleRules flag iam:PassRole allowed on every role.
var passRoleRules = []*Rule{
	{
		ID:       "passrole-broad",
		Title:    "iam:PassRole allowed on every role",
		Level:    Error,
		Security: SecurityHigh,
		AccessAnalyzer: []string{
			"PASS_ROLE_WITH_STAR_IN_RESOURCE",
			"PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
			"PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
			"PASS_ROLE_WITH_NOT_RESOURCE",
			"PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
			"PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
		},
		Description: "Flags an `Allow` statement of an identity-based policy that grants `iam:PassRole` " +
			"(by name, through a wildcard such as `iam:*` or `*`, or through `NotAction`) on every role: `\"Resource\": \"*\"`, " +
			"an ARN whose role part is a bare wildcard (`arn:aws:iam::111122223333:role/*`), or `NotResource`, " +
			"without an `iam:PassedToService` condition naming specific services: a condition with a negated operator " +
			"(`StringNotEquals`), or one whose values are mostly wildcard (`\"StringLike\": {\"iam:PassedToService\": \"*.amazonaws.com\"}`), does not count. " +
			"Passing a role to a service lets the service act with the role's permissions, so a principal that can pass any role " +
			"to, say, Lambda or EC2 can run code with the most privileged role in the account " +
			"([passing a role to a service](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html)). " +
			"Access Analyzer reports the same problem as six security warnings, one for each way of writing the action and the resource.",
		Fix: "List the ARNs of the roles the principal passes in `Resource`, or a path or name prefix that only those roles use " +
			"(`arn:aws:iam::111122223333:role/service-role/app-*`), and add an `iam:PassedToService` condition naming the service that receives the role.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PassAnyRole",
            "Effect": "Allow",
            "Action": "iam:PassRole",
            "Resource": "*"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PassLambdaRole",
            "Effect": "Allow",
            "Action": "iam:PassRole",
            "Resource": "arn:aws:iam::111122223333:role/service-role/orders-function",
            "Condition": {
                "StringEquals": {
                    "iam:PassedToService": "lambda.amazonaws.com"
                }
            }
        }
    ]
}`},
		check: checkPassRole,
	},
}

// checkPassRole reports iam:PassRole on every role. The six Access
// Analyzer variants are the ways of spelling the action (iam:PassRole, a
// wildcard, NotAction) times the ways of spelling the resource ("*" or a
// role wildcard, NotResource).
func checkPassRole(c *checker) {
	if !c.kindIs(kindIdentityLike) {
		return
	}
	if _, ok := c.linter.catalog.Action("iam:PassRole"); !ok {
		return
	}
	for _, st := range c.doc.Statements {
		if st.Effect != policy.Allow || st.Action == nil || st.Resource == nil || limitsPassedToService(st) || c.fullAdminItem(st) >= 0 {
			continue
		}
		item, ok := newActionPatterns(c.linter, st).grants("iam:passrole")
		if !ok {
			continue
		}
		var how string
		switch {
		case st.Action.Not:
			how = " (through NotAction)"
		case !strings.EqualFold(st.Action.Items[item].Text, "iam:PassRole"):
			how = fmt.Sprintf(" (through %q)", st.Action.Items[item].Text)
		}
		r := st.Resource
		if r.Not {
			if !coversEveryResource(st) {
				continue
			}
			c.report(r.Pos, elementEnd(r), elementPath(st, r, "Resource"), "%s allows iam:PassRole%s on every role that NotResource does not list, without an iam:PassedToService condition naming specific services", statementName(st), how)
			continue
		}
		for i, v := range r.Items {
			if isEveryRole(v.Text) {
				c.reportValue(v, listPath(st, r, "Resource", i), "%s allows iam:PassRole%s on %q without an iam:PassedToService condition naming specific services", statementName(st), how, v.Text)
				break
			}
		}
	}
}

// isEveryRole reports whether a Resource entry matches every role of an
// account: "*", or an IAM ARN whose resource part matches any role name
// ("role/*", "*"). A name or path prefix ("role/app-*", the service role
// conventions Access Analyzer accepts such as "role/Service*") is a scope.
func isEveryRole(resource string) bool {
	if strings.Trim(resource, "*") == "" {
		return resource != ""
	}
	f, ok := policy.SplitARN(resource)
	if !ok || !wildcard.MatchPieces([]wildcard.Piece{{Text: f[2]}}, "iam") {
		return false
	}
	// A made-up role name that no scope would list.
	return wildcard.MatchPieces([]wildcard.Piece{{Text: f[5]}}, "role/zq7-any-role-name")
}

// limitsPassedToService reports whether st limits iam:PassedToService with
// a positive string operator to named services.
func limitsPassedToService(st *policy.Statement) bool {
	for _, cond := range positiveConditionsOn(st, "iam:PassedToService") {
		if allFixedValues(cond) {
			return true
		}
	}
	return false
}
