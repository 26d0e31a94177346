// Package lint checks policy documents for problems beyond the grammar:
// unknown actions and condition keys (against the embedded AWS service
// catalog), conditions that cannot work, and grants that are broader than
// they look. Every problem is a Finding of a Rule; rules have stable IDs
// that ignore files and SARIF output refer to. docs/lint-rules.md
// describes each rule.
package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// Level is how serious a finding is. The names are SARIF's.
type Level int

// The levels, from least to most serious.
const (
	Note Level = iota + 1
	Warning
	Error
)

var levelNames = [...]string{"", "note", "warning", "error"}

// String returns "note", "warning" or "error".
func (l Level) String() string {
	if l < Note || l > Error {
		return fmt.Sprintf("Level(%d)", int(l))
	}
	return levelNames[l]
}

// ParseLevel returns the level named s.
func ParseLevel(s string) (Level, error) {
	for l := Note; l <= Error; l++ {
		if levelNames[l] == s {
			return l, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or note)", s)
}

// Security ranks a rule that flags a security risk, as code-scanning
// tools do. The zero value marks a rule that is about correctness only.
type Security int

// The security ranks.
const (
	NotSecurity Security = iota
	SecurityLow
	SecurityMedium
	SecurityHigh
	SecurityCritical
)

var securityNames = [...]string{"", "low", "medium", "high", "critical"}

// String returns "low", "medium", "high", "critical", or "" for a rule
// that is not about security.
func (s Security) String() string { return securityNames[s] }

// Score is the SARIF security-severity of the rank: 9.5 critical,
// 8.0 high, 5.5 medium, 3.0 low (GitHub code scanning's bands).
func (s Security) Score() string {
	return [...]string{"", "3.0", "5.5", "8.0", "9.5"}[s]
}

// Example is a policy a rule's documentation shows: one that triggers the
// rule, or one that fixes it. Tests lint every example.
type Example struct {
	Kind   policy.Kind
	Policy string
}

// Rule is one kind of problem the linter reports.
type Rule struct {
	ID       string // stable kebab-case ID: "passrole-broad"
	Title    string // one line, lower case: "iam:PassRole allowed on every role"
	Level    Level  // default level; a finding may be more or less serious
	Security Security
	// Code is the parser's problem code for rules the parser checks
	// (docs/errors.md), "" for rules the linter checks.
	Code policy.Code
	// AccessAnalyzer lists the matching IAM Access Analyzer
	// ValidatePolicy issue codes, so a user can look up the equivalent.
	AccessAnalyzer []string
	// Description says what the rule flags and why it matters, in
	// Markdown; Fix says how to fix it.
	Description string
	Fix         string
	// Bad triggers the rule; Good is Bad fixed and triggers no finding of
	// this rule.
	Bad, Good Example

	// check reports the rule's findings in one document; nil for the
	// parser's rules.
	check func(*checker)
}

// Rules returns every rule, in the order docs/lint-rules.md lists them.
// The slice is the caller's; the rules are shared and must not be changed.
func Rules() []*Rule { return slices.Clone(allRules) }

// allRules is every rule, grouped as the documentation groups them.
var allRules = concat(parserRules, documentRules, catalogRules, conditionRules, emptySetRules, securityRules, variableRules)

func concat(groups ...[]*Rule) []*Rule {
	var out []*Rule
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// rulesByName maps every rule's lower-case ID, parser code and Access
// Analyzer code ("aa:pass_role_with_star_in_resource") to its rules; an
// Access Analyzer code can stand for more than one rule.
var rulesByName = indexRules()

func indexRules() map[string][]*Rule {
	m := map[string][]*Rule{}
	add := func(name string, r *Rule) {
		name = strings.ToLower(name)
		if !slices.Contains(m[name], r) {
			m[name] = append(m[name], r)
		}
	}
	for _, r := range allRules {
		add(r.ID, r)
		if r.Code != "" {
			add(string(r.Code), r)
		}
		for _, aa := range r.AccessAnalyzer {
			add("AA:"+aa, r)
		}
	}
	return m
}

// rulesByCode maps a parser problem code to the rule that reports it.
var rulesByCode = func() map[policy.Code]*Rule {
	m := map[policy.Code]*Rule{}
	for _, r := range allRules {
		if r.Code != "" {
			m[r.Code] = r
		}
	}
	return m
}()

// LookupRules finds rules by ID ("passrole-broad"), by parser code
// ("E012") or by Access Analyzer issue code with the AA: prefix
// ("AA:PASS_ROLE_WITH_STAR_IN_RESOURCE"), ignoring case. It returns nil
// when the name matches no rule.
func LookupRules(name string) []*Rule { return rulesByName[strings.ToLower(name)] }
