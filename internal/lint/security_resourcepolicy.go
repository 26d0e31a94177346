// Security rules about resource-based policies that let too many callers
// in: service-principal-confused-deputy and resource-policy-public.

package lint

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// resourcePolicyRules flag resource-based policies open to a service
// without a source condition, or to anyone.
var resourcePolicyRules = []*Rule{
	{
		ID:             "service-principal-confused-deputy",
		Title:          "service principal allowed without a source condition",
		Level:          Warning,
		Security:       SecurityMedium,
		AccessAnalyzer: []string{"RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"},
		Description: "Flags an `Allow` statement of a resource-based policy that grants access to a service principal " +
			"(`sns.amazonaws.com`, `events.amazonaws.com`, ...) without a condition on `aws:SourceArn`, `aws:SourceAccount`, " +
			"`aws:SourceOrgID` or `aws:SourceOrgPaths` (or the older `aws:SourceOwner`). The service acts for all of its customers: " +
			"without a source condition, another account can configure the service to use your resource on its behalf " +
			"(the cross-service [confused deputy problem](https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html)). " +
			"Role trust policies are not checked: many AWS service roles are trusted without these keys, and AWS's own examples omit them.",
		Fix: "Add a condition that names the resource or account the service acts for, such as " +
			"`\"ArnEquals\": {\"aws:SourceArn\": \"arn:aws:sns:us-east-1:111122223333:orders\"}` or " +
			"`\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}`.",
		Bad: Example{Kind: policy.Resource, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "TopicToQueue",
            "Effect": "Allow",
            "Principal": {
                "Service": "sns.amazonaws.com"
            },
            "Action": "sqs:SendMessage",
            "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"
        }
    ]
}`},
		Good: Example{Kind: policy.Resource, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "TopicToQueue",
            "Effect": "Allow",
            "Principal": {
                "Service": "sns.amazonaws.com"
            },
            "Action": "sqs:SendMessage",
            "Resource": "arn:aws:sqs:us-east-1:111122223333:orders",
            "Condition": {
                "ArnEquals": {
                    "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:orders-events"
                }
            }
        }
    ]
}`},
		check: checkServicePrincipal,
	},
	{
		ID:       "resource-policy-public",
		Title:    "resource open to any principal",
		Level:    Error,
		Security: SecurityCritical,
		Description: "Flags an `Allow` statement of a resource-based policy whose principal is `\"*\"` or `{\"AWS\": \"*\"}` " +
			"without a condition that limits the caller: anyone, including anonymous callers where the service allows them, gets the access. " +
			"A condition limits the caller when it uses a positive operator (`StringEquals`, `StringLike`, `ArnEquals`, `ArnLike`, `IpAddress`; " +
			"not the negated ones, not `...IfExists`, not `ForAllValues:`) with fixed values (no value that is only wildcards, " +
			"no ARN with a wildcard account, no `0.0.0.0/0`) on one of the keys that tie a request to an account, organization or network: " +
			"`aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalServiceName`, `aws:userid`, " +
			"`aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOwner`, `aws:SourceOrgID`, `aws:SourceOrgPaths`, `aws:SourceIp`, `aws:SourceVpc`, " +
			"`aws:SourceVpcArn`, `aws:SourceVpce`, `aws:VpceAccount`, `aws:VpceOrgID`, `aws:VpceOrgPaths`, `s3:DataAccessPointAccount`, " +
			"`s3:DataAccessPointArn` or `kms:CallerAccount` (after Amazon S3's " +
			"[meaning of \"public\"](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status)). " +
			"`aws:username` and `kms:ViaService` do not count: user names repeat across accounts, and a service serves every account.\n\n" +
			"An `Allow` is also limited by a `Deny` statement with principal `\"*\"` (or `{\"AWS\": \"*\"}`) that covers its actions " +
			"(the same ones, `\"*\"`, the service's wildcard such as `\"s3:*\"`, or a `NotAction` that does not exclude them) and its resources " +
			"(the same entries, `\"*\"` or a wildcard that contains them), and whose conditions all use a negated operator " +
			"(`StringNotEquals`, `StringNotLike`, `ArnNotEquals`, `ArnNotLike`, `NotIpAddress` or their `...IfExists` forms) " +
			"with fixed values on one of the keys above: it denies every caller that the keys do not name. This is how the " +
			"API Gateway developer guide writes a private API's policy (apigateway-resource-policies-examples: a `Deny` to `\"*\"` " +
			"with `StringNotEquals` on `aws:SourceVpce`, then an `Allow` to `\"*\"`), and how a bucket is opened to an organization " +
			"(`Allow` `s3:GetObject` to `\"*\"`, `Deny` with `StringNotEquals` on `aws:PrincipalOrgID`). A `Deny` with other conditions " +
			"(including positive ones such as `IpAddress`, which deny only the callers they name) or with `NotResource` does not count.",
		Fix: "Name the accounts or roles that need access in `Principal`, or keep `\"*\"` and add a condition such as " +
			"`\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}` or `\"StringEquals\": {\"aws:SourceVpce\": \"vpce-1a2b3c4d\"}`.",
		Bad: Example{Kind: policy.Resource, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PublicRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::example-reports/*"
        }
    ]
}`},
		Good: Example{Kind: policy.Resource, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "OrganizationRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::example-reports/*",
            "Condition": {
                "StringEquals": {
                    "aws:PrincipalOrgID": "o-a1b2c3d4e5"
                }
            }
        }
    ]
}`},
		check: checkResourcePublic,
	},
}

func checkServicePrincipal(c *checker) {
	if !c.kindIs(isResource) {
		return
	}
	for _, st := range c.doc.Statements {
		if st.Effect != policy.Allow || st.Principal == nil || st.Principal.Not || hasSourceCondition(st) {
			continue
		}
		var services []string
		var first policy.Value
		for _, e := range st.Principal.Entries {
			if e.Type == policy.PrincipalService {
				if services == nil {
					first = e.Value
				}
				services = append(services, fmt.Sprintf("%q", e.Text))
			}
		}
		if len(services) == 0 {
			continue
		}
		noun := "service principal"
		if len(services) > 1 {
			noun = "service principals"
		}
		c.reportValue(first, principalPath(st, policy.PrincipalService, 0), "%s allows %s %s without a condition on aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths", statementName(st), noun, strings.Join(services, ", "))
	}
}

// hasSourceCondition reports whether st names the source a service acts
// for, with a positive operator.
func hasSourceCondition(st *policy.Statement) bool {
	for _, cond := range st.Conditions {
		if sourceKeys[strings.ToLower(cond.Key.Text)] && !cond.Operator.Negated && cond.Operator.Family != policy.FamilyNull && cond.Operator.Family != 0 && len(cond.Values) > 0 {
			return true
		}
	}
	return false
}

func checkResourcePublic(c *checker) {
	if !c.kindIs(isResource) {
		return
	}
	denials := limitingDenials(c.doc)
	for _, st := range c.doc.Statements {
		pos, end, path, ok := anyPrincipal(st)
		if !ok || limitingCondition(st, publicLimitingKeys) != nil || deniedOutsideLimits(c.linter, denials, st) {
			continue
		}
		if len(st.Conditions) == 0 {
			c.report(pos, end, path, "%s allows any principal (\"*\"), including anonymous callers where the service accepts them", statementName(st))
			continue
		}
		c.report(pos, end, path, "%s allows any principal (\"*\"): none of its conditions limits the caller's account, organization or network", statementName(st))
	}
}

// negatedLimitingOperators are the negated operators with which a Deny
// statement limits the callers of a resource-based policy to those a
// limiting key names: it denies everyone else.
var negatedLimitingOperators = map[string]bool{
	"StringNotEquals": true, "StringNotLike": true, "ArnNotEquals": true, "ArnNotLike": true, "NotIpAddress": true,
}

// limitingDenials returns the Deny statements of doc that deny every caller
// the limiting keys do not name: their principal is "*" (or {"AWS": "*"})
// and each of their conditions compares one of publicLimitingKeys with a
// negated operator (or its IfExists form; no set qualifier) and fixed
// values. Conditions are AND'ed, so such a statement denies every request
// that none of the keys admits.
func limitingDenials(doc *policy.Document) []*policy.Statement {
	var out []*policy.Statement
	for _, st := range doc.Statements {
		if st.Effect != policy.Deny || !st.Principal.IsAnyone() || len(st.Conditions) == 0 {
			continue
		}
		limits := true
		for _, cond := range st.Conditions {
			op := cond.Operator
			if !negatedLimitingOperators[op.Base] || op.Qualifier != policy.NoQualifier ||
				!publicLimitingKeys[strings.ToLower(cond.Key.Text)] || len(cond.Values) == 0 || !allFixedValues(cond) {
				limits = false
				break
			}
		}
		if limits {
			out = append(out, st)
		}
	}
	return out
}

// deniedOutsideLimits reports whether one of the limiting Deny statements
// covers every action and every resource of the Allow statement st.
func deniedOutsideLimits(l *Linter, denials []*policy.Statement, st *policy.Statement) bool {
	for _, d := range denials {
		if actionsCovered(l, d.Action, st.Action) && resourcesCovered(d.Resource, st.Resource) {
			return true
		}
	}
	return false
}

// actionsCovered reports whether a Deny statement's Action or NotAction
// (deny) covers every action of an Allow statement's (allow). Only sure
// answers count: an Allow with NotAction is covered by "*" alone.
func actionsCovered(l *Linter, deny, allow *policy.List) bool {
	if deny == nil || allow == nil || len(allow.Items) == 0 {
		return false
	}
	if allow.Not {
		if deny.Not {
			return false
		}
		for _, d := range deny.Items {
			if isEveryAction(d.Text) {
				return true
			}
		}
		return false
	}
	for _, a := range allow.Items {
		if !actionCovered(l, deny, a.Text) {
			return false
		}
	}
	return true
}

// actionCovered reports whether a Deny statement's Action or NotAction
// covers the Allow entry a: for Action, an entry that is "*", the same
// entry, the wildcard of a's service ("s3:*" for "s3:Get*") or a pattern
// that matches a (when a has no wildcard); for NotAction, no entry that
// can match an action of a.
func actionCovered(l *Linter, deny *policy.List, a string) bool {
	lower := lowerASCII(a)
	literal := !wildcard.HasWildcard(a)
	svc, _, ok := strings.Cut(lower, ":")
	literalSvc := ok && svc != "" && !wildcard.HasWildcard(svc)
	if deny.Not {
		for _, d := range deny.Items {
			if literal {
				if l.actionPattern(d.Text).Match(lower) {
					return false
				}
				continue
			}
			dsvc, _, _ := strings.Cut(lowerASCII(d.Text), ":")
			if !literalSvc || wildcard.HasWildcard(dsvc) || dsvc == svc {
				return false
			}
		}
		return true
	}
	for _, d := range deny.Items {
		switch dsvc, dact, dok := strings.Cut(lowerASCII(d.Text), ":"); {
		case isEveryAction(d.Text), lowerASCII(d.Text) == lower:
			return true
		case dok && literalSvc && dsvc == svc && dact != "" && strings.Trim(dact, "*") == "":
			return true
		case literal && l.actionPattern(d.Text).Match(lower):
			return true
		}
	}
	return false
}

// resourcesCovered reports whether a Deny statement's Resource (deny)
// covers every entry of an Allow statement's Resource (allow): "*", the
// same entry, a pattern that ends in * after a literal start of the entry,
// or a pattern that matches an entry without wildcards. NotResource in
// the Deny never counts, and an Allow with NotResource is covered by "*"
// alone.
func resourcesCovered(deny, allow *policy.List) bool {
	if deny == nil || allow == nil || deny.Not || len(allow.Items) == 0 {
		return false
	}
	if starItem(deny) >= 0 {
		return true
	}
	if allow.Not {
		return false
	}
	for _, a := range allow.Items {
		covered := false
		for _, d := range deny.Items {
			if resourceCovered(d.Text, a.Text) {
				covered = true
				break
			}
		}
		if !covered {
			return false
		}
	}
	return true
}

// resourceCovered reports whether the Deny entry d covers the Allow entry
// a. An entry with a policy variable counts only when it is the same text.
func resourceCovered(d, a string) bool {
	if d == a {
		return true
	}
	if strings.Contains(d, "${") {
		return false
	}
	if prefix, ok := strings.CutSuffix(d, "*"); ok && !wildcard.HasWildcard(prefix) && strings.HasPrefix(a, prefix) {
		return true
	}
	return !wildcard.HasWildcard(a) && !strings.Contains(a, "${") && wildcard.Compile(d).Match(a)
}
