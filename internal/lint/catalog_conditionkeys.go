// Catalog rules about condition keys: condition-key-unknown and
// condition-key-not-applicable.

package lint

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// conditionKeyRules check condition keys against the catalog and against
// the statement's actions.
var conditionKeyRules = []*Rule{
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
}

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
