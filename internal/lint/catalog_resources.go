// Catalog rules about Resource entries: resource-action-mismatch and
// resource-star-restrictable.

package lint

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// resourceRules check Resource entries against the resource types of the
// statement's actions.
var resourceRules = []*Rule{
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
}

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
