package cli

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// explained is one request explained in text and in JSON.
type explained struct {
	name, text string
	results    []struct {
		Decision string          `json:"decision"`
		Deciding json.RawMessage `json:"deciding"`
		Summary  string          `json:"summary"`
		Notes    []string        `json:"notes"`
		Layers   []struct {
			Layer   string `json:"layer"`
			Verdict string `json:"verdict"`
		} `json:"layers"`
	}
}

// explainAll explains every shipped scenario and every request of the
// expected-decisions table of testdata/accounts/README.md, in text and
// JSON.
func explainAll(t *testing.T) []explained {
	t.Helper()
	var runs [][]string
	files, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "scenarios", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	for _, f := range files {
		runs = append(runs, []string{"eval", "--scenario", filepath.Join("testdata", "scenarios", filepath.Base(f))})
	}
	for _, r := range accountRows(t) {
		args := append([]string{"eval"}, accountFlags...)
		args = append(args, "--principal", r.principal, "--action", r.action, "--resource", r.resource)
		if r.owner != "" {
			args = append(args, "--resource-account", r.owner)
		}
		for _, c := range r.context {
			args = append(args, "--context", c)
		}
		runs = append(runs, args)
	}
	var out []explained
	for _, args := range runs {
		e := explained{name: strings.Join(args, " ")}
		_, e.text, _ = run(t, "", args...)
		_, js, stderr := run(t, "", append(args, "--format", "json")...)
		if err := json.Unmarshal([]byte(js), &e.results); err != nil {
			t.Fatalf("%s: %v (stderr %q)", e.name, err, stderr)
		}
		out = append(out, e)
	}
	return out
}

// TestExplanationsCannotMislead checks properties every explanation must
// have, over every shipped scenario and every request of the accounts
// README: no internal references, deciding always a list, the
// boundary and session policy named only when they apply, a silent
// layer called an implicit deny only when the request is denied
// implicitly, and policy variables shown with their values whether the
// entry matched or not.
func TestExplanationsCannotMislead(t *testing.T) {
	// Built from pieces, as TestDocsAreSelfContained reads this file too.
	internal := regexp.MustCompile(`S` + `PEC|XACCT|DENYALLOW|\bD[0-9]+\b|\x{00A7}`)
	variable := regexp.MustCompile(`\$\{[^}]+\}`)
	for _, e := range explainAll(t) {
		if m := internal.FindString(e.text); m != "" {
			t.Errorf("%s: the text cites %q, an internal reference", e.name, m)
		}
		for _, line := range strings.Split(e.text, "\n") {
			if strings.Contains(line, "resource ") && variable.MatchString(line) && !strings.Contains(line, "} → ") {
				t.Errorf("%s: a variable without its value: %s", e.name, line)
			}
		}
		implicit := strings.Count(e.text, "(an implicit deny)")
		denied := strings.Count(e.text, "Decision: implicitDeny")
		if implicit > 0 && denied == 0 {
			t.Errorf("%s: a silent layer is called an implicit deny, but no request is denied implicitly\n%s", e.name, e.text)
		}
		for _, r := range e.results {
			if m := internal.FindString(r.Summary + strings.Join(r.Notes, " ")); m != "" {
				t.Errorf("%s: the JSON cites %q, an internal reference", e.name, m)
			}
			if !strings.HasPrefix(string(r.Deciding), "[") {
				t.Errorf("%s: deciding is %s, want a list", e.name, r.Deciding)
			}
			applies := map[string]bool{}
			for _, l := range r.Layers {
				applies[l.Layer] = l.Verdict != "notApplicable"
			}
			if strings.Contains(r.Summary, "boundary") && !applies["boundary"] || strings.Contains(r.Summary, "session policy") && !applies["session"] {
				t.Errorf("%s: the summary %q names a boundary or session policy that does not apply", e.name, r.Summary)
			}
		}
	}
}

// TestLevelThatDeniesShowsItsDeny checks that an SCP level that denies
// lists the Deny statement that makes it deny, before its Allows.
func TestLevelThatDeniesShowsItsDeny(t *testing.T) {
	_, out, _ := run(t, "", "eval", "--scenario", "testdata/scenarios/slr-unaffected-by-scp.yaml")
	want := "       level 2: denies\n       ✓ Deny testdata/scenarios/policies/scp-deny-ec2.json:4:9 Sid \"DenyAllEC2\" (see step 1)\n"
	if !strings.Contains(out, want) {
		t.Errorf("no Deny under the level that denies; want\n%s\nin\n%s", want, out)
	}
}
