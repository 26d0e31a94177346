// Security rules about administrator-like grants: admin-star,
// service-wildcard and allow-notaction-notresource.

package lint

import (
	"strings"

	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// adminRules flag grants of every action, or every action of a service,
// and Allow statements that grant by exclusion (NotAction, NotResource).
var adminRules = []*Rule{
	{
		ID:       "admin-star",
		Title:    "every action allowed on every resource",
		Level:    Error,
		Security: SecurityCritical,
		Description: "Flags an `Allow` statement with `\"Action\": \"*\"` (or `\"*:*\"`) and `\"Resource\": \"*\"` and no `Condition`: " +
			"full administrator access, including the right to change its own permissions, delete any resource and read any data. " +
			"Identity-based policies and resource-based policies are checked. " +
			"Service control policies, resource control policies, permissions boundaries, session policies and VPC endpoint policies are not: " +
			"they never grant permissions, and allowing everything in them is the documented way to leave other policies in charge " +
			"([permissions boundaries](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html), " +
			"[policy evaluation logic](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html); " +
			"access_policies.md: \"Session policies limit permissions for a created session, but do not grant permissions\"). " +
			"In a resource-based policy a statement whose principals are all whole accounts (an account ID or `arn:aws:iam::111122223333:root`) " +
			"is not flagged either: it hands the decision to that account's IAM policies, as the " +
			"[default KMS key policy](https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html) does; " +
			"there `\"Resource\": \"*\"` is the resource the policy is attached to, and the message says so.\n\n" +
			"A statement whose conditions are all on keys that say nothing about who the caller is or which resources it reaches " +
			"(`aws:SecureTransport`, `aws:RequestedRegion`, `aws:CurrentTime`, `aws:EpochTime`, `aws:MultiFactorAuthPresent`, " +
			"`aws:MultiFactorAuthAge`, `aws:ViaAWSService`, `aws:CalledVia`, `aws:CalledViaFirst`, `aws:CalledViaLast`) is reported as a warning: " +
			"requiring TLS, MFA, a Region, a time window or a calling service still gives full administrator access to every request that meets it " +
			"([global condition keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)). " +
			"Any other condition silences the rule.",
		Fix: "Grant the actions and resources the principal needs. If it really is an administrator, attach the AWS managed policy " +
			"`AdministratorAccess` rather than an inline copy, so that reviews and Access Analyzer recognise it, " +
			"or add a `Condition` that limits the callers or the resources (for example `aws:PrincipalArn` or `aws:ResourceTag/...`); " +
			"a condition on MFA, TLS, the Region or the time alone does not.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Everything",
            "Effect": "Allow",
            "Action": "*",
            "Resource": "*"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadReports",
            "Effect": "Allow",
            "Action": [
                "s3:GetObject",
                "s3:ListBucket"
            ],
            "Resource": [
                "arn:aws:s3:::example-reports",
                "arn:aws:s3:::example-reports/*"
            ]
        }
    ]
}`},
		check: checkAdminStar,
	},
	{
		ID:       "service-wildcard",
		Title:    "every action of a service allowed",
		Level:    Warning,
		Security: SecurityMedium,
		Description: "Flags each `Action` entry of an `Allow` statement without a `Condition` that grants every action of a service (`\"s3:*\"`), " +
			"or every action of every service (`\"*\"`) where `admin-star` does not already report it (the statement lists resources or uses `NotResource`). " +
			"A service wildcard grants the service's permissions-management and delete actions along with the ones the principal uses, " +
			"and every action AWS adds to the service later (cloudsplaining's ServiceWildcard category). " +
			"The policy kinds are those of `admin-star`, with the same exception for resource-based policies that grant to whole accounts.",
		Fix: "List the actions the principal calls. The IAM console's last-accessed information, or Access Analyzer policy generation, " +
			"shows which actions a principal has used.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Queues",
            "Effect": "Allow",
            "Action": "sqs:*",
            "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Queues",
            "Effect": "Allow",
            "Action": [
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage"
            ],
            "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"
        }
    ]
}`},
		check: checkServiceWildcard,
	},
	{
		ID:       "allow-notaction-notresource",
		Title:    "allow statement with NotAction or NotResource",
		Level:    Warning,
		Security: SecurityMedium,
		Description: "Flags `NotAction` and `NotResource` in an `Allow` statement of an identity-based or resource-based policy. " +
			"`NotAction` with `Allow` grants every action except the listed ones, including actions of services the author never thought of " +
			"and every action AWS adds later; `NotResource` with `Allow` grants the actions on every resource except the listed ones " +
			"([NotAction](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html), " +
			"[NotResource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html)). " +
			"Service control policies, resource control policies, permissions boundaries, session policies and VPC endpoint policies are not checked: " +
			"there an `Allow` with `NotAction` only sets an upper limit, which is a documented allow-list idiom.",
		Fix: "List the actions (or resources) to allow. To allow most of a service while excluding a few actions, allow the service's actions " +
			"and add a `Deny` statement with `Action` for the exceptions.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllButIAM",
            "Effect": "Allow",
            "NotAction": "iam:*",
            "Resource": "*"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Functions",
            "Effect": "Allow",
            "Action": [
                "lambda:GetFunction",
                "lambda:InvokeFunction"
            ],
            "Resource": "arn:aws:lambda:us-east-1:111122223333:function:orders"
        }
    ]
}`},
		check: checkAllowNot,
	},
}

func checkAdminStar(c *checker) {
	if !c.kindIs(kindGrants) {
		return
	}
	// In a resource-based policy "*" is the resource the policy is
	// attached to.
	where := `every resource ("*")`
	if c.kindIs(isResource) {
		where = `the resource the policy is attached to ("*")`
	}
	for _, st := range c.doc.Statements {
		i := c.adminItem(st)
		if i < 0 {
			continue
		}
		v := st.Action.Items[i]
		path := listPath(st, st.Action, "Action", i)
		if len(st.Conditions) == 0 {
			c.reportValue(v, path, "%s allows every action (%q) on %s without a condition", statementName(st), v.Text, where)
			continue
		}
		keys, ok := nonLimitingConditionKeys(st)
		if !ok {
			continue
		}
		noun, verb := "condition", "does"
		if len(keys) > 1 {
			noun, verb = "conditions", "do"
		}
		c.reportAt(Warning, v.Pos, v.End, path, "%s allows every action (%q) on %s; its %s on %s %s not limit the grant",
			statementName(st), v.Text, where, noun, listSome(keys, 3), verb)
	}
}

// nonLimitingKeys are condition keys that say nothing about who the
// caller is or which resources a request reaches: they require TLS, MFA,
// a Region, a time or a calling service. Lower case; aws:CalledVia,
// aws:CalledViaFirst and aws:CalledViaLast are matched by prefix.
var nonLimitingKeys = keySet(
	"aws:SecureTransport", "aws:RequestedRegion", "aws:CurrentTime", "aws:EpochTime",
	"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "aws:ViaAWSService",
)

// nonLimitingConditionKeys returns the keys of st's conditions, each once
// as first written, when every one of them is a key of nonLimitingKeys.
func nonLimitingConditionKeys(st *policy.Statement) ([]string, bool) {
	var keys []string
	seen := map[string]bool{}
	for _, cond := range st.Conditions {
		lower := strings.ToLower(cond.Key.Text)
		if !nonLimitingKeys[lower] && !strings.HasPrefix(lower, "aws:calledvia") {
			return nil, false
		}
		if !seen[lower] {
			seen[lower] = true
			keys = append(keys, cond.Key.Text)
		}
	}
	return keys, len(keys) > 0
}

// fullAdminItem returns the Action entry by which st allows every action
// on every resource without a condition (what admin-star reports as an
// error), or -1. The rules for narrower risks (iam:PassRole, privilege
// escalation, exposure) leave such statements to admin-star: one finding
// says it all.
func (c *checker) fullAdminItem(st *policy.Statement) int {
	if len(st.Conditions) > 0 {
		return -1
	}
	return c.adminItem(st)
}

// adminItem returns the Action entry by which st allows every action on
// Resource "*", whatever its conditions, or -1.
func (c *checker) adminItem(st *policy.Statement) int {
	if st.Effect != policy.Allow || st.Action == nil || st.Action.Not || starItem(st.Resource) < 0 {
		return -1
	}
	if delegatesToAccounts(st) && c.kindIs(isResource) {
		return -1
	}
	for i, v := range st.Action.Items {
		if isEveryAction(v.Text) {
			return i
		}
	}
	return -1
}

func checkServiceWildcard(c *checker) {
	if !c.kindIs(kindGrants) {
		return
	}
	for _, st := range c.doc.Statements {
		if st.Effect != policy.Allow || st.Action == nil || st.Action.Not || len(st.Conditions) > 0 {
			continue
		}
		if delegatesToAccounts(st) && c.kindIs(isResource) {
			continue
		}
		adminStar := starItem(st.Resource) >= 0
		for i, v := range st.Action.Items {
			path := listPath(st, st.Action, "Action", i)
			if isEveryAction(v.Text) {
				if !adminStar {
					c.reportValue(v, path, "%s allows every action of every service (%q)", statementName(st), v.Text)
				}
				continue
			}
			svc, act, ok := strings.Cut(v.Text, ":")
			if !ok || svc == "" || wildcard.HasWildcard(svc) || act == "" || strings.Trim(act, "*") != "" {
				continue
			}
			s, known := c.linter.catalog.Service(svc)
			if !known {
				continue // action-unknown-service reports it; it grants nothing
			}
			c.reportValue(v, path, "%s allows every action of service %s (%q)", statementName(st), s.Prefix, v.Text)
		}
	}
}

func checkAllowNot(c *checker) {
	if !c.kindIs(kindGrants) {
		return
	}
	for _, st := range c.doc.Statements {
		if st.Effect != policy.Allow {
			continue
		}
		if a := st.Action; a != nil && a.Not {
			c.report(a.Pos, elementEnd(a), elementPath(st, a, "Action"), "%s allows every action that NotAction does not list, including actions AWS adds later", statementName(st))
		}
		if r := st.Resource; r != nil && r.Not {
			c.report(r.Pos, elementEnd(r), elementPath(st, r, "Resource"), "%s allows its actions on every resource that NotResource does not list", statementName(st))
		}
	}
}
