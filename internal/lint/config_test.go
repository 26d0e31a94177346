package lint

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseConfig(t *testing.T) {
	src := `lint:
  ignore:
    - rule: sid-duplicate
      paths: ["legacy/**", "*.tmp.json"]
      reason: reviewed in SEC-142
    - rule: AA:MISSING_VERSION
      path: old/*.json
    - rule: E012
`
	cfg, err := ParseConfig(".iamsim.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		Rule, Source, Reason string
		Rules                []string
		Paths                []string
	}
	var got []entry
	for _, s := range cfg.Ignore {
		e := entry{Rule: s.Rule, Source: s.Source, Reason: s.Reason, Paths: s.Paths}
		for _, r := range s.Rules {
			e.Rules = append(e.Rules, r.ID)
		}
		got = append(got, e)
	}
	want := []entry{
		{Rule: "sid-duplicate", Source: ".iamsim.yaml:3:7", Reason: "reviewed in SEC-142", Rules: []string{"sid-duplicate"}, Paths: []string{"legacy/**", "*.tmp.json"}},
		{Rule: "AA:MISSING_VERSION", Source: ".iamsim.yaml:6:7", Rules: []string{"version-missing"}, Paths: []string{"old/*.json"}},
		{Rule: "E012", Source: ".iamsim.yaml:8:7", Rules: []string{"condition-operator-unknown"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestParseConfigErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown rule", "lint:\n  ignore:\n    - rule: no-such-rule\n", `.iamsim.yaml:3:7: unknown rule "no-such-rule" (docs/lint-rules.md lists the rules)`},
		{"misspelt rule", "lint:\n  ignore:\n    - rule: sid-duplicat\n", `.iamsim.yaml:3:7: unknown rule "sid-duplicat" (did you mean "sid-duplicate"?)`},
		{"truncated Access Analyzer code", "lint:\n  ignore:\n    - rule: AA:PASS_ROLE_WITH_STAR\n", `.iamsim.yaml:3:7: unknown rule "AA:PASS_ROLE_WITH_STAR" (did you mean "AA:PASS_ROLE_WITH_STAR_IN_RESOURCE"?)`},
		{"misspelt key", "lint:\n  ignore:\n    - rule: sid-duplicate\n      reason: x\n    - rul: sid-duplicate\n", `.iamsim.yaml:5:7: unknown key "rul" in an ignore entry (did you mean "rule"?)`},
		{"misspelt top-level key", "lnt:\n  ignore: []\n", `.iamsim.yaml:1:1: unknown key "lnt" in the configuration (did you mean "lint"?)`},
		{"unknown key far from any", "lint:\n  suppressions: []\n", `.iamsim.yaml:2:3: unknown key "suppressions" in lint (known: ignore)`},
		{"ignore not a list", "lint:\n  ignore: sid-duplicate\n", `.iamsim.yaml:2:11: lint.ignore is a list of entries (- rule: ...), not the value "sid-duplicate"`},
		{"rule not a string", "lint:\n  ignore:\n    - rule: [a]\n", `.iamsim.yaml:3:13: rule is a string, not a list`},
		{"paths not a list", "lint:\n  ignore:\n    - rule: sid-duplicate\n      paths: a/*\n", `.iamsim.yaml:4:14: paths is a list of globs, not the value "a/*"; write path: for one`},
		{"no rule", "lint:\n  ignore:\n    - paths: [a]\n", ".iamsim.yaml:3:7: an ignore entry needs a rule"},
		{"bad glob", "lint:\n  ignore:\n    - rule: sid-duplicate\n      paths: ['[a']\n", `.iamsim.yaml:3:7: path glob "[a"`},
		{"input rules cannot be suppressed", "lint:\n  ignore:\n    - rule: E001\n", ".iamsim.yaml:3:7: json-syntax cannot be suppressed: it reports a file that is not a usable policy document"},
		{"not YAML", "lint: [\n", ".iamsim.yaml:1:7: invalid YAML: '[' opens a list that is never closed"},
		{"not YAML, further down", "lint:\n  ignore:\n    - rule: [sid-duplicate\n", ".iamsim.yaml:3:13: invalid YAML: '[' opens a list that is never closed"},
		{"a key twice", "lint:\n  ignore: []\nlint:\n  ignore: []\n", `.iamsim.yaml:3:1: duplicate key "lint" in the configuration`},
		{"a key twice in an ignore entry", "lint:\n  ignore:\n    - rule: sid-duplicate\n      rule: E001\n", `.iamsim.yaml:4:7: duplicate key "rule" in an ignore entry`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig(".iamsim.yaml", []byte(tt.src))
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error has more than one line: %q", err)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestEmptyConfig(t *testing.T) {
	cfg, err := ParseConfig(".iamsim.yaml", nil)
	if err != nil || len(cfg.Ignore) != 0 {
		t.Errorf("ParseConfig(empty) = %v, %v; want no suppressions", cfg, err)
	}
}

func TestSuppressionMatches(t *testing.T) {
	star := LookupRules("version-missing")[0]
	other := LookupRules("sid-duplicate")[0]
	s, err := NewSuppression("version-missing", []string{"legacy/**", "*.tmp.json"}, "", "test")
	if err != nil {
		t.Fatal(err)
	}
	everywhere, err := NewSuppression("AA:MISSING_VERSION", nil, "", "test")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		s     *Suppression
		rule  *Rule
		file  string
		match bool
	}{
		{"deep path", s, star, "legacy/a/b/p.json", true},
		{"dot-slash prefix", s, star, "./legacy/p.json", true},
		{"top-level glob", s, star, "x.tmp.json", true},
		{"star stops at a slash", s, star, "dir/x.tmp.json", false},
		{"other file", s, star, "current/p.json", false},
		{"other rule", s, other, "legacy/p.json", false},
		{"no paths: every file", everywhere, star, "any/where.json", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.Matches(&Finding{Rule: tt.rule}, tt.file); got != tt.match {
				t.Errorf("Matches(%s, %q) = %v, want %v", tt.rule.ID, tt.file, got, tt.match)
			}
		})
	}
}

func TestSuppressCountsUses(t *testing.T) {
	s, _ := NewSuppression("version-missing", nil, "", "test")
	cfg := &Config{Ignore: []*Suppression{s}}
	f := &Finding{Rule: LookupRules("version-missing")[0]}
	if got := cfg.Suppress(f, "p.json"); got != s {
		t.Fatalf("Suppress = %v, want the suppression", got)
	}
	if got := cfg.Suppress(&Finding{Rule: LookupRules("sid-duplicate")[0]}, "p.json"); got != nil {
		t.Errorf("Suppress of another rule = %v, want nil", got)
	}
	if s.Used() != 1 {
		t.Errorf("Used = %d, want 1", s.Used())
	}
	// A second suppression that also matches is used too, though the
	// first one is the one returned.
	again, _ := NewSuppression("AA:MISSING_VERSION", nil, "", "test")
	cfg.Ignore = append(cfg.Ignore, again)
	if got := cfg.Suppress(f, "p.json"); got != s || again.Used() != 1 {
		t.Errorf("Suppress = %v, second suppression used %d times; want the first returned and both counted", got, again.Used())
	}
}
