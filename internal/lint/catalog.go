package lint

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// catalogRules are the rules of this file: actions, resources and
// condition keys checked against the embedded service catalog.
var catalogRules = []*Rule{
	{
		ID:             "action-unknown-service",
		Title:          "action with a service prefix that no AWS service has",
		Level:          Error,
		AccessAnalyzer: []string{"INVALID_SERVICE_IN_ACTION"},
		Description: "Flags an `Action` or `NotAction` entry whose service prefix (the part before the colon) " +
			"is not the prefix of any service in the Service Authorization Reference, such as `s4:GetObject` " +
			"or `dynamo:GetItem`. Entries with a wildcard in the prefix and the entry `\"*\"` are left to other " +
			"rules.\n\n" +
			"An action of an unknown service matches no request, so in an `Allow` the entry grants nothing and " +
			"in a `Deny` it protects nothing, while the policy reads as if it did. The message proposes the " +
			"nearest prefix (reference_policies_elements_action.md: \"the service prefix ... and the name of " +
			"the action\").",
		Fix: "Correct the prefix to the service's documented prefix (the Service Authorization Reference " +
			"names it in the first sentence of each service's page), or remove the entry.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s4:GetObject",
            "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"
        }
    ]
}`},
		check: checkActionUnknownService,
	},
	{
		ID:             "action-unknown",
		Title:          "action or action pattern that matches no action of its service",
		Level:          Error,
		AccessAnalyzer: []string{"INVALID_ACTION"},
		Description: "Flags an `Action` or `NotAction` entry of a known service that names no action of that " +
			"service: a misspelt name (`s3:GetObjekt`) or a wildcard pattern that matches nothing " +
			"(`s3:Gett*`). The message offers the nearest documented action name.\n\n" +
			"Such an entry matches no request. In an `Allow` the permission the author meant is missing; in a " +
			"`Deny`, or as a `NotAction` exception, a typo is worse: the statement silently fails to protect " +
			"(or to exempt) the action it names, so the finding is an error whatever the effect. Access " +
			"Analyzer reports the same check as `INVALID_ACTION`, and notes that even some AWS managed " +
			"policies contain invalid actions (access-analyzer-reference-policy-checks.md).",
		Fix: "Use the action name the Service Authorization Reference documents (names are matched ignoring " +
			"case), or remove the entry if the action no longer exists.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s3:GetObjekt",
            "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"
        }
    ]
}`},
		check: checkActionUnknown,
	},
	{
		ID:             "action-wildcard-in-service",
		Title:          "wildcard in the service prefix of an action",
		Level:          Warning,
		AccessAnalyzer: []string{"WILDCARD_IN_SERVICE_NAME"},
		Description: "Flags an `Action` or `NotAction` entry with `*` or `?` in its service prefix, such as " +
			"`s3*:Get*` or `*:Describe*`. The entry `\"*\"` on its own (every action) is not flagged here.\n\n" +
			"A wildcard in the prefix reaches every service whose prefix happens to match, including services " +
			"AWS adds later (Access Analyzer `WILDCARD_IN_SERVICE_NAME`: \"it might grant unintended access to " +
			"other AWS services with similar names\"); the message lists the services the prefix matches " +
			"today. IAM itself refuses to store such a policy (`MalformedPolicyDocument: Action vendors ... " +
			"must not contain wildcards`), so the finding is an error for identity policies, permissions " +
			"boundaries and trust policies, which IAM stores, and a warning for the other policy kinds.",
		Fix: "Name the services explicitly, one entry per service (`s3:Get*`, `s3express:Get*`), or use " +
			"`\"*\"` together with a narrower `Resource` or a `Condition` if every service is really meant.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "dynamodb*:TagResource",
            "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "dynamodb:TagResource",
            "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"
        }
    ]
}`},
		check: checkActionWildcardInService,
	},
	{
		ID:             "resource-action-mismatch",
		Title:          "action that none of the statement's resources can be",
		Level:          Error,
		AccessAnalyzer: []string{"INVALID_ARN_RESOURCE"},
		Description: "Flags an `Action` entry of a statement whose `Resource` entries cannot match any resource " +
			"the action acts on. The Service Authorization Reference lists, for each action, the resource " +
			"types it accepts and each type's ARN format; the classic case is `s3:GetObject` on a bucket ARN " +
			"(`arn:aws:s3:::amzn-s3-demo-bucket`) instead of object ARNs (`arn:aws:s3:::amzn-s3-demo-bucket/*`), " +
			"or `s3:ListBucket` on `arn:aws:s3:::amzn-s3-demo-bucket/*`. For such an action the statement " +
			"never applies: an `Allow` grants nothing and a `Deny` denies nothing.\n\n" +
			"The check is deliberately lenient, so that it only reports what cannot match: an action that " +
			"lists several resource types matches when any one of them fits (they are often alternatives, " +
			"such as an object reached directly or through an access point); `${...}` in the ARN format and " +
			"`*`, `?` and policy variables in the `Resource` match anything, except that a name part of the " +
			"format does not span the `/` or `:` that follows it, and a name that ends the format has no `/` " +
			"when the reference also has a format that extends it with `/...` (a bucket name, since " +
			"objects are `bucket/key`); case is ignored. Statements with `Resource` " +
			"`\"*\"`, `NotResource` or `NotAction` are skipped, as are actions that need `Resource` `\"*\"` (no " +
			"resource types) and resource types the reference gives no ARN for. A wildcard action pattern is " +
			"reported only when none of the actions it matches can act on a listed resource.",
		Fix: "List ARNs of the resource type the action works on (the message shows the ARN format), " +
			"typically by adding `/*` for object-level actions or removing it for bucket-level ones, or move " +
			"the action to a statement with the right resources.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::amzn-s3-demo-bucket"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"
        }
    ]
}`},
		check: checkResourceActionMismatch,
	},
	{
		ID:       "resource-star-restrictable",
		Title:    "Resource \"*\" for actions that can be limited to specific resources",
		Level:    Warning,
		Security: SecurityLow,
		Description: "Flags an `Allow` statement of an identity policy that has `Resource` `\"*\"` and no " +
			"`Condition`, when it names actions (exact names, not wildcard patterns, which other rules cover) " +
			"that support resource-level permissions: the Service Authorization Reference lists resource " +
			"types for them. One finding per statement, at the `\"*\"`, names up to three such actions.\n\n" +
			"`\"*\"` lets those actions act on every resource of the account, present and future, where a " +
			"list of ARNs would grant only what is needed (best-practices.md, \"Apply least-privilege " +
			"permissions\"). Actions without resource types need `\"*\"` and are not reported, nor are actions " +
			"whose only resource type is optional (`cloudwatch:GetMetricData` on a dataset): most of their " +
			"requests involve no resource and need `\"*\"` too. Several optional types count, since the " +
			"reference lists alternatives that way (`s3:GetObject`: an object or an access point object). Permissions " +
			"boundaries, session policies, SCPs and RCPs set ceilings rather than grant, and resource-based " +
			"policies apply to their own resource, so only identity policies are checked. Parliament reports " +
			"the same as `RESOURCE_STAR`.",
		Fix: "Replace `\"*\"` with the ARNs (or ARN patterns) of the resources the actions need, moving " +
			"actions that need `\"*\"` to a statement of their own; or add a `Condition` that scopes the grant, " +
			"such as `aws:ResourceTag/...`.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "dynamodb:GetItem",
                "dynamodb:PutItem"
            ],
            "Resource": "*"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "dynamodb:GetItem",
                "dynamodb:PutItem"
            ],
            "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"
        }
    ]
}`},
		check: checkResourceStarRestrictable,
	},
	{
		ID:    "condition-key-unknown",
		Title: "condition key that AWS does not define",
		Level: Error,
		AccessAnalyzer: []string{"INVALID_GLOBAL_CONDITION_KEY", "INVALID_SERVICE_CONDITION_KEY",
			"MISSING_TAG_KEY_IN_CONDITION", "INVALID_SERVICE"},
		Description: "Flags a condition key that resolves to no documented key: an `aws:` key that is not a " +
			"global condition key (reference_policies_condition-keys.md) nor an `aws:` key a service " +
			"documents, a key of a known service that the service does not define, a key whose prefix is no " +
			"service at all, and a tag key written without its tag name (`aws:ResourceTag` instead of " +
			"`aws:ResourceTag/Owner`). The message proposes the nearest documented key.\n\n" +
			"A condition on a key that never exists in the request context is never true for positive " +
			"operators and always true for negated ones and `...IfExists`, so the condition quietly does " +
			"something other than what it says. Keys of identity providers (`token.actions.githubusercontent.com:sub`, " +
			"`accounts.google.com:aud`, `cognito-identity.amazonaws.com:amr`, any prefix that is a host name " +
			"or has a path) and SAML keys (`saml:...`) are not checked: trust policies use arbitrary OIDC " +
			"providers, and their claims are not all in the reference. Keys with `${...}` in their name are " +
			"skipped, the deprecated `aws:ARN` is left to its own rule, and `aws:PrincipalOrgMasterAccountId` " +
			"is accepted: the global keys page omits it, but AWS uses it in its own managed policies " +
			"(AWSSSOServiceRolePolicy).",
		Fix: "Correct the key to the documented name (names are matched ignoring case); for tag keys, append " +
			"`/` and the tag's name.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
            "Condition": {
                "IpAddress": {
                    "aws:SourceIP4": "203.0.113.0/24"
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
                "IpAddress": {
                    "aws:SourceIp": "203.0.113.0/24"
                }
            }
        }
    ]
}`},
		check: checkConditionKeyUnknown,
	},
	{
		ID:             "condition-key-not-applicable",
		Title:          "service condition key that the statement's actions do not support",
		Level:          Warning,
		AccessAnalyzer: []string{"UNSUPPORTED_ACTION_FOR_CONDITION_KEY"},
		Description: "Flags a service-specific condition key (not a global `aws:` key) on a statement whose " +
			"`Action` entries include actions that do not support it: the Service Authorization Reference " +
			"lists the keys each action supports, directly or through its resource types. The finding is an " +
			"error when none of the statement's actions supports the key, and a warning when only some do, unless the operator " +
			"is an `...IfExists` one: then the author asks for the key only where it is present, as the policy of " +
			"reference_policies_examples_dynamodb_attributes.md does with `StringEqualsIfExists` on `dynamodb:Select` for " +
			"actions such as `dynamodb:PutItem` that do not support it. " +
			"The common mistake is a key of one service on actions of another (`s3:prefix` on " +
			"`dynamodb:Query`) or on the wrong actions of the same service (`s3:prefix` on `s3:GetObject`; " +
			"it applies to `s3:ListBucket`).\n\n" +
			"For an action that does not support a key, the key is absent from its requests " +
			"(reference_policies_elements_condition_operators.md: \"If the key that you specify in a policy " +
			"condition is not present in the request context, the values do not match\"): a positive " +
			"operator is then false, a negated one or `...IfExists` true, so the condition does not restrict " +
			"what the author meant it to. A wildcard pattern counts as supporting the key when any action it " +
			"matches does; statements with `NotAction`, `\"*\"` or a wildcard in a service prefix are skipped. " +
			"Where the reference is silent the rule stays quiet: an action for which it lists no condition " +
			"keys at all may support any key (the column is empty for `aws-marketplace:Subscribe`, which " +
			"AWS Marketplace documents with `aws-marketplace:ProductId`), and a key that no action lists " +
			"(`iottwinmaker:linkedServices`) is not checked.",
		Fix: "Move the actions that do not support the key to a statement of their own, or use the key " +
			"those actions do support (the message names the key's service).",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
            "Condition": {
                "StringLike": {
                    "s3:prefix": "home/*"
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
            "Action": "s3:ListBucket",
            "Resource": "arn:aws:s3:::amzn-s3-demo-bucket",
            "Condition": {
                "StringLike": {
                    "s3:prefix": "home/*"
                }
            }
        }
    ]
}`},
		check: checkConditionKeyNotApplicable,
	},
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

// Actions.

// actionInfo is what the catalog says about one Action or NotAction
// entry.
type actionInfo struct {
	ok            bool   // a well-formed service:name entry (not "*")
	service, name string // as written
	wildService   bool   // * or ? in the service prefix
	wildName      bool   // * or ? in the action name
	svc           *catalog.Service
	// acts are the actions the entry matches; nil when the service is
	// unknown or has a wildcard.
	acts []*catalog.Action
}

// action looks an Action entry up in the catalog, remembering the answer
// across documents.
func (c *checker) action(text string) *actionInfo {
	l := c.linter
	return l.actions.get(text, func() *actionInfo {
		service, name, ok := catalog.SplitAction(text)
		if !ok {
			return &actionInfo{}
		}
		a := &actionInfo{ok: true, service: service, name: name,
			wildService: wildcard.HasWildcard(service), wildName: wildcard.HasWildcard(name)}
		if !a.wildService {
			if svc, ok := l.catalog.Service(service); ok {
				a.svc = svc
				a.acts = l.matchActions(text)
			}
		}
		return a
	})
}

// actionEntries calls fn for every well-formed Action or NotAction entry
// of every statement.
func (c *checker) actionEntries(fn func(st *policy.Statement, i int, item policy.Value, a *actionInfo)) {
	for _, st := range c.doc.Statements {
		if st.Action == nil {
			continue
		}
		for i, item := range st.Action.Items {
			if a := c.action(item.Text); a.ok {
				fn(st, i, item, a)
			}
		}
	}
}

// entryProblem is catalog.CheckEntry, remembered: what is wrong with an
// Action entry, or nil.
func (c *checker) entryProblem(text string) *catalog.EntryProblem {
	return c.linter.entries.get(text, func() *catalog.EntryProblem { return c.linter.catalog.CheckEntry(text) })
}

// checkActionUnknownService and checkActionUnknown report the entries
// catalog.CheckEntry finds, the first those of unknown services.
func checkActionUnknownService(c *checker) { reportEntryProblems(c, true) }

func checkActionUnknown(c *checker) { reportEntryProblems(c, false) }

func reportEntryProblems(c *checker, unknownService bool) {
	c.actionEntries(func(st *policy.Statement, i int, item policy.Value, a *actionInfo) {
		p := c.entryProblem(item.Text)
		if p == nil || p.UnknownService != unknownService {
			return
		}
		f := c.reportValue(item, listPath(st, st.Action, "Action", i), "%s", p)
		f.Suggestion = p.Suggestion
	})
}

func checkActionWildcardInService(c *checker) {
	cat := c.linter.catalog
	c.actionEntries(func(st *policy.Statement, i int, item policy.Value, a *actionInfo) {
		if !a.wildService {
			return
		}
		service := a.service
		level := c.rule.Level
		if c.kindIs(storedByIAM) {
			level = Error
		}
		var what string
		if strings.Trim(service, "*") == "" {
			what = "every service"
		} else {
			p := wildcard.Compile(strings.ToLower(service))
			var matched []string
			for _, s := range cat.Services() {
				if p.Match(strings.ToLower(s.Prefix)) {
					matched = append(matched, s.Prefix)
				}
			}
			switch len(matched) {
			case 0:
				what = "no service today"
			case 1:
				what = "service " + matched[0] + " today"
			default:
				what = "services " + listSome(matched, 4) + " today"
			}
		}
		c.reportAt(level, item.Pos, item.End, listPath(st, st.Action, "Action", i),
			"the service prefix of %q has a wildcard; it matches %s", item.Text, what)
	})
}

// listSome joins up to n names: "a, b and c", or "a, b, c and 4 more".
func listSome(names []string, n int) string {
	if len(names) <= n {
		if len(names) <= 1 {
			return strings.Join(names, "")
		}
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(" and %d more", len(names)-n)
}

// Resources.

// arnFormat returns an ARN format of the linter's catalog ready for
// matching (catalog.CompileARNFormat), remembered.
func (l *Linter) arnFormat(format string) catalog.ARNFormat {
	return l.arnTokens.get(format, func() catalog.ARNFormat {
		return l.catalog.CompileARNFormat(format)
	})
}

// resourceMatcher answers whether an action can act on one of a
// statement's resources, remembering the answer per ARN format.
type resourceMatcher struct {
	linter    *Linter
	variables bool
	resources []string // the Resource entries, completed
	formats   map[string]bool
}

// resourcePattern is a Resource entry ready for matching.
type resourcePattern struct {
	catalog.ARNPattern
	ok bool // false for an entry with a malformed variable
}

func (rm *resourceMatcher) pattern(text string) resourcePattern {
	return rm.linter.resources.get(resourceKey{text, rm.variables}, func() resourcePattern {
		p, ok := catalog.NewARNPattern(text, rm.variables)
		return resourcePattern{p, ok}
	})
}

func (rm *resourceMatcher) formatMatches(format string) bool {
	if ok, done := rm.formats[format]; done {
		return ok
	}
	ok := false
	for _, r := range rm.resources {
		if rm.linter.fits.get(fitKey{format, resourceKey{r, rm.variables}}, func() bool { return rm.fits(r, format) }) {
			ok = true
			break
		}
	}
	rm.formats[format] = ok
	return ok
}

// fits reports whether a Resource entry can match an ARN format.
func (rm *resourceMatcher) fits(resource, format string) bool {
	return rm.pattern(resource).Fits(rm.linter.arnFormat(format))
}

// actionMatches reports whether the action can act on one of the
// resources (catalog.Action.ActsOn).
func (rm *resourceMatcher) actionMatches(a *catalog.Action) bool {
	return a.ActsOn(rm.formatMatches)
}

// statementResources returns a matcher for a statement's Resource entries,
// or false when the statement is not checked: no Resource, NotResource, a
// "*" entry, or an entry that is not a complete ARN or cannot be read
// (such as API Gateway's execute-api:/stage/METHOD/path, which may have
// six colon-separated fields without being an ARN).
func (c *checker) statementResources(st *policy.Statement) (*resourceMatcher, bool) {
	if st.Resource == nil || st.Resource.Not || len(st.Resource.Items) == 0 {
		return nil, false
	}
	vars := c.doc.HasVariables()
	rm := &resourceMatcher{linter: c.linter, variables: vars, formats: map[string]bool{}}
	for _, item := range st.Resource.Items {
		if item.Text == "*" {
			return nil, false
		}
		text := c.completeARN(item.Text, vars)
		if _, ok := policy.SplitARN(text); !ok || !strings.HasPrefix(text, "arn:") || !rm.pattern(text).ok {
			return nil, false // arn-malformed reports it, or it is not an ARN
		}
		rm.resources = append(rm.resources, text)
	}
	return rm, true
}

// describeResourceTypes names an action's resource types with their ARN
// formats: "object ARNs (arn:...)", "a or b ARNs ...", at most three.
func describeResourceTypes(a *catalog.Action) string {
	var parts []string
	for _, r := range a.Resources {
		if r.ResourceType == nil {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s ARNs (%s)", r.Type, r.ResourceType.ARN))
	}
	if len(parts) > 3 {
		return strings.Join(parts[:3], ", ") + fmt.Sprintf(" or %d other resource types", len(parts)-3)
	}
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

func checkResourceActionMismatch(c *checker) {
	for _, st := range c.doc.Statements {
		if (st.Effect != policy.Allow && st.Effect != policy.Deny) || st.Action == nil || st.Action.Not {
			continue
		}
		rm, ok := c.statementResources(st)
		if !ok {
			continue
		}
		for i, item := range st.Action.Items {
			ai := c.action(item.Text)
			if !ai.ok || ai.wildService {
				continue
			}
			acts := ai.acts
			path := listPath(st, st.Action, "Action", i)
			if !ai.wildName {
				if len(acts) != 1 || len(acts[0].Resources) == 0 || rm.actionMatches(acts[0]) {
					continue
				}
				c.reportValue(item, path, "%s acts on %s, and no Resource matches one", acts[0].FullName(), describeResourceTypes(acts[0]))
				continue
			}
			var types []string
			seenType := map[string]bool{}
			considered, matched := 0, false
			for _, a := range acts {
				if len(a.Resources) == 0 {
					continue
				}
				considered++
				if rm.actionMatches(a) {
					matched = true
					break
				}
				for _, r := range a.Resources {
					if !seenType[r.Type] {
						seenType[r.Type] = true
						types = append(types, r.Type)
					}
				}
			}
			if matched || considered == 0 {
				continue
			}
			c.reportValue(item, path, "%q matches %d actions that act on resources, and none of them can act on a listed Resource (they act on %s ARNs)",
				item.Text, considered, listSome(types, 3))
		}
	}
}

// restrictable reports whether an action can be limited to resource ARNs:
// it has a required resource type, or several types, which the reference
// lists as alternatives without marking any required (s3:GetObject). A
// single optional type (cloudwatch:GetMetricData on a dataset) means most
// requests have no resource and need "*".
func restrictable(a *catalog.Action) bool {
	if len(a.Resources) > 1 {
		return true
	}
	return len(a.Resources) == 1 && a.Resources[0].Required
}

func checkResourceStarRestrictable(c *checker) {
	if !c.kindIs(isIdentity) {
		return
	}
	for _, st := range c.doc.Statements {
		if st.Effect != policy.Allow || len(st.Conditions) > 0 || st.Action == nil || st.Action.Not || st.Resource == nil || st.Resource.Not {
			continue
		}
		star := starItem(st.Resource)
		if star < 0 {
			continue
		}
		var acts []*catalog.Action
		seen := map[*catalog.Action]bool{}
		for _, item := range st.Action.Items {
			ai := c.action(item.Text)
			if !ai.ok || ai.wildService || ai.wildName || len(ai.acts) != 1 {
				continue
			}
			if a := ai.acts[0]; restrictable(a) && !seen[a] {
				seen[a] = true
				acts = append(acts, a)
			}
		}
		if len(acts) == 0 {
			continue
		}
		names := make([]string, len(acts))
		for i, a := range acts {
			names[i] = a.FullName()
		}
		verb := "it supports"
		if len(names) > 1 {
			verb = "they support"
		}
		c.reportValue(st.Resource.Items[star], listPath(st, st.Resource, "Resource", star),
			"%s allows %s on every resource, though %s resource-level permissions", statementName(st), listSome(names, 3), verb)
	}
}

// Condition keys.

// keyInfo is what the catalog says about a condition key of a policy.
type keyInfo struct {
	key *catalog.ConditionKey // nil when the catalog does not define it
	// checked is set for keys whose prefix is aws or a service prefix:
	// keys the reference documents fully. Keys of identity providers and
	// SAML are not checked.
	checked bool
	prefix  string // as written
	skip    bool   // a key the parser reports or that has a variable
}

// resourceKey names a Resource entry as read with or without policy
// variables.
type resourceKey struct {
	text      string
	variables bool
}

// fitKey asks whether a Resource entry can match an ARN format.
type fitKey struct {
	format string
	resourceKey
}

// conditionKey resolves a condition key name against the catalog.
func (c *checker) conditionKey(name string) keyInfo {
	cat := c.linter.catalog
	return c.linter.keys.get(name, func() keyInfo { return resolveKey(cat, name) })
}

// suggestion is a remembered "did you mean" answer.
type suggestion struct {
	text string
	ok   bool
}

// suggestConditionKey is catalog.SuggestConditionKey, remembered.
func (c *checker) suggestConditionKey(name string) (string, bool) {
	cat := c.linter.catalog
	s := c.linter.suggestedKeys.get(name, func() suggestion {
		t, ok := cat.SuggestConditionKey(name)
		return suggestion{t, ok}
	})
	return s.text, s.ok
}

func resolveKey(cat *catalog.Catalog, name string) keyInfo {
	prefix, rest, ok := strings.Cut(name, ":")
	if !ok || prefix == "" || rest == "" || strings.ContainsAny(name, "${}'\"") {
		return keyInfo{skip: true}
	}
	ki := keyInfo{prefix: prefix}
	if strings.EqualFold(prefix, "aws") {
		ki.checked = true
	} else if _, ok := cat.Service(prefix); ok {
		ki.checked = true
	}
	if k, ok := cat.ConditionKey(name); ok {
		ki.key = k
	}
	return ki
}

// conditions calls fn for every condition of every statement.
func (c *checker) conditions(fn func(st *policy.Statement, cond *policy.Condition)) {
	for _, st := range c.doc.Statements {
		for _, cond := range st.Conditions {
			fn(st, cond)
		}
	}
}

// missingTagKey returns the documented tag key template that name lacks the
// tag part of ("aws:ResourceTag/${TagKey}" for "aws:ResourceTag"), or "".
func missingTagKey(cat *catalog.Catalog, name string) string {
	base := strings.TrimSuffix(name, "/")
	k, ok := cat.ConditionKey(base + "/tag-key")
	if !ok || !k.IsTemplate() || !strings.HasPrefix(strings.ToLower(k.Name), strings.ToLower(base)+"/") {
		return ""
	}
	return k.Name
}

func checkConditionKeyUnknown(c *checker) {
	cat := c.linter.catalog
	c.conditions(func(st *policy.Statement, cond *policy.Condition) {
		name := cond.Key.Text
		ki := c.conditionKey(name)
		if ki.skip || ki.key != nil {
			return
		}
		path := conditionPath(st, cond)
		isAWS := strings.EqualFold(ki.prefix, "aws")
		svc, isService := cat.Service(ki.prefix)
		if !isAWS && !isService {
			// Identity providers (hosts, paths) and prefixes the reference
			// files under a service (saml, cognito-identity-auth) are not
			// checked.
			if strings.ContainsAny(ki.prefix, "./") || len(cat.KeyServices(ki.prefix)) > 0 {
				return
			}
		}
		if t := missingTagKey(cat, name); t != "" {
			c.reportValue(cond.Key, path, "condition key %q needs a tag key: write %s/ followed by the tag's name, as in %s", name, strings.TrimSuffix(name, "/"), t)
			return
		}
		if isAWS && (strings.EqualFold(name, "aws:ARN") || strings.EqualFold(name, "aws:PrincipalOrgMasterAccountId")) {
			// aws:ARN is deprecated (condition-deprecated-key);
			// aws:PrincipalOrgMasterAccountId is missing from the global
			// keys page, but AWS's own AWSSSOServiceRolePolicy uses it and
			// the policy simulator fills it in.
			return
		}
		var msg string
		switch {
		case isAWS:
			msg = fmt.Sprintf("unknown global condition key %q", name)
		case isService:
			msg = fmt.Sprintf("unknown condition key %q: %s defines no such key", name, svc.Prefix)
		default:
			msg = fmt.Sprintf("unknown condition key %q: no service has the prefix %q", name, ki.prefix)
		}
		s, ok := c.suggestConditionKey(name)
		if !ok {
			c.reportValue(cond.Key, path, "%s", msg)
			return
		}
		f := c.reportValue(cond.Key, path, "%s; did you mean %q?", msg, s)
		f.Suggestion = s
	})
}

// actionKeys calls fn with each list of condition keys an action supports:
// its own and those of its resource types, in the action table and in the
// resource types table.
func actionKeys(a *catalog.Action, fn func(keys []string) bool) bool {
	if fn(a.ConditionKeys) {
		return true
	}
	resources := func(rs []catalog.ActionResource) bool {
		for _, r := range rs {
			if fn(r.ConditionKeys) || (r.ResourceType != nil && fn(r.ResourceType.ConditionKeys)) {
				return true
			}
		}
		return false
	}
	if resources(a.Resources) {
		return true
	}
	for _, sc := range a.Scenarios {
		if resources(sc.Resources) {
			return true
		}
	}
	return false
}

// supportsKey reports whether an action supports a condition key: the key
// is among the action's keys or those of one of its resource types. An
// action the reference lists no keys at all for may support any key: the
// reference leaves the column empty for some actions that do support keys
// (aws-marketplace:Subscribe and aws-marketplace:ProductId).
func supportsKey(a *catalog.Action, key *catalog.ConditionKey) bool {
	any := false
	found := actionKeys(a, func(keys []string) bool {
		for _, k := range keys {
			any = true
			if strings.EqualFold(k, key.Name) {
				return true
			}
		}
		return false
	})
	return found || !any
}

// keyReferenced reports whether some action of the catalog lists the key.
// The reference defines a few keys that no action lists
// (iottwinmaker:linkedServices); which actions support those is unknown.
func (l *Linter) keyReferenced(key *catalog.ConditionKey) bool {
	refs := l.keyRefs.get(func() map[string]bool {
		refs := map[string]bool{}
		for _, s := range l.catalog.Services() {
			for _, a := range s.Actions {
				actionKeys(a, func(keys []string) bool {
					for _, k := range keys {
						refs[strings.ToLower(k)] = true
					}
					return false
				})
			}
		}
		return refs
	})
	return refs[strings.ToLower(key.Name)]
}

func checkConditionKeyNotApplicable(c *checker) {
	for _, st := range c.doc.Statements {
		if st.Action == nil || st.Action.Not || len(st.Conditions) == 0 {
			continue
		}
		// The statement's entries with their actions; nil when the
		// statement is not checked.
		type entry struct {
			text string
			acts []*catalog.Action
		}
		var entries []entry
		for _, item := range st.Action.Items {
			ai := c.action(item.Text)
			if !ai.ok || ai.wildService {
				entries = nil
				break
			}
			if len(ai.acts) > 0 {
				entries = append(entries, entry{item.Text, ai.acts})
			}
		}
		if len(entries) == 0 {
			continue
		}
		services := map[string]bool{}
		for _, e := range entries {
			services[strings.ToLower(e.acts[0].Service)] = true
		}
		seenKey := map[*catalog.ConditionKey]bool{}
		for _, cond := range st.Conditions {
			ki := c.conditionKey(cond.Key.Text)
			if ki.skip || ki.key == nil || ki.key.Global || !ki.checked || strings.EqualFold(ki.prefix, "aws") {
				continue
			}
			if seenKey[ki.key] || !c.linter.keyReferenced(ki.key) {
				continue
			}
			var unsupported []string
			for _, e := range entries {
				ok := false
				for _, a := range e.acts {
					if supportsKey(a, ki.key) {
						ok = true
						break
					}
				}
				if !ok {
					unsupported = append(unsupported, e.text)
				}
			}
			path := conditionPath(st, cond)
			switch {
			case len(unsupported) == 0:
			case len(unsupported) == len(entries):
				other := ""
				if !services[strings.ToLower(ki.prefix)] {
					other = fmt.Sprintf(" (a key of %s, not of the statement's services)", strings.ToLower(ki.prefix))
				}
				c.reportAt(Error, cond.Key.Pos, cond.Key.End, path,
					"no action of %s supports condition key %q%s, so the key is absent from every request the statement matches",
					statementName(st), cond.Key.Text, other)
			case cond.Operator.IfExists:
				// The author asks for the key only where it is present:
				// its absence from the other actions' requests is meant.
				// Another condition on the key may still be reported.
				continue
			default:
				verb, their := "does", "its"
				if len(unsupported) > 1 {
					verb, their = "do", "their"
				}
				c.reportValue(cond.Key, path, "%s %s not support condition key %q, so the key is absent from %s requests",
					listSome(quoteAll(unsupported), 3), verb, cond.Key.Text, their)
			}
			seenKey[ki.key] = true
		}
	}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
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
