// Catalog rules about Action and NotAction entries: action-unknown-service,
// action-unknown and action-wildcard-in-service.

package lint

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// actionRules check Action and NotAction entries against the catalog.
var actionRules = []*Rule{
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
}

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
