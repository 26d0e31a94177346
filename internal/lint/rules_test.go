package lint

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

var ruleID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// TestRuleMetadata checks that every rule has what its documentation and
// SARIF output need.
func TestRuleMetadata(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if !ruleID.MatchString(r.ID) {
			t.Errorf("rule ID %q is not kebab-case", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("rule ID %q appears twice", r.ID)
		}
		seen[r.ID] = true
		if r.Title == "" || r.Description == "" || r.Fix == "" {
			t.Errorf("%s: Title, Description and Fix are all needed", r.ID)
		}
		if r.Level < Note || r.Level > Error {
			t.Errorf("%s: no level", r.ID)
		}
		if (r.Code == "") == (r.check == nil) {
			t.Errorf("%s: a rule is checked by the parser (Code) or by a check function, not both or neither", r.ID)
		}
		if strings.HasSuffix(r.Title, ".") {
			t.Errorf("%s: title ends with a period", r.ID)
		}
	}
}

// TestRuleExamples lints every rule's examples: Bad must trigger the rule,
// Good must not trigger it and must be a valid policy.
func TestRuleExamples(t *testing.T) {
	t.Parallel()
	l := New(catalog.Default())
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			bad := l.Lint(r.ID+"-bad.json", []byte(r.Bad.Policy), r.Bad.Kind)
			if !hasRule(bad, r) {
				t.Errorf("the Bad example does not trigger %s; findings:\n%s", r.ID, describe(bad))
			}
			good := l.Lint(r.ID+"-good.json", []byte(r.Good.Policy), r.Good.Kind)
			if hasRule(good, r) {
				t.Errorf("the Good example triggers %s:\n%s", r.ID, describe(good))
			}
			for _, f := range good {
				if f.Rule.Code != "" {
					t.Errorf("the Good example is not a valid policy:\n%s", describe(good))
					break
				}
			}
		})
	}
}

func hasRule(fs []Finding, r *Rule) bool {
	for _, f := range fs {
		if f.Rule == r {
			return true
		}
	}
	return false
}

func describe(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.Pos.String() + ": " + f.Level.String() + " " + f.Rule.ID + ": " + f.Message + "\n")
	}
	return b.String()
}

// TestEveryParserCodeHasARule keeps parserRules in step with policy.Codes:
// Lint turns every parser error into a finding of its code's rule. E028
// is no parser's: the readers of infrastructure code report it, and
// lint reports it as an input that could not be read.
func TestEveryParserCodeHasARule(t *testing.T) {
	for _, c := range policy.Codes {
		if c.Code == policy.CodeInfrastructure {
			continue
		}
		r, ok := rulesByCode[c.Code]
		if !ok {
			t.Errorf("no rule for parser code %s (%s)", c.Code, c.Title)
			continue
		}
		if got := LookupRules(string(c.Code)); len(got) != 1 || got[0] != r {
			t.Errorf("LookupRules(%q) = %v, want [%s]", c.Code, got, r.ID)
		}
	}
}

func TestLookupRules(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"json-syntax", []string{"json-syntax"}},
		{"JSON-Syntax", []string{"json-syntax"}},
		{"e001", []string{"json-syntax"}},
		{"AA:JSON_SYNTAX_ERROR", []string{"json-syntax"}},
		{"aa:missing_version", []string{"version-missing"}},
		{"no-such-rule", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range LookupRules(tt.name) {
				got = append(got, r.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
