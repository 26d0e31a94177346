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
		{"unknown rule", "lint:\n  ignore:\n    - rule: no-such-rule\n", `.iamsim.yaml:3:7: unknown rule "no-such-rule"`},
		{"misspelt key", "lint:\n  ignore:\n    - rulle: sid-duplicate\n", "field rulle not found"},
		{"no rule", "lint:\n  ignore:\n    - paths: [a]\n", ".iamsim.yaml:3:7: an ignore entry needs a rule"},
		{"bad glob", "lint:\n  ignore:\n    - rule: sid-duplicate\n      paths: ['[a']\n", `.iamsim.yaml:3:7: path glob "[a"`},
		{"input rules cannot be suppressed", "lint:\n  ignore:\n    - rule: E001\n", ".iamsim.yaml:3:7: json-syntax cannot be suppressed: it reports a file that is not a usable policy document"},
		{"not YAML", "lint: [\n", ".iamsim.yaml: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig(".iamsim.yaml", []byte(tt.src))
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
