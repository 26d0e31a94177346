package lintformat

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/api"
	"github.com/iamsim/iamsim/internal/sarif"
)

// repoRoot is the repository root, absolute so that it survives t.Chdir.
var repoRoot = func() string {
	abs, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		panic(err)
	}
	return abs
}()

// lintSARIF lints as opts asks, from the repository root, with the
// default fail-on level, and returns the report as SARIF decodes it.
func lintSARIF(t *testing.T, opts api.LintOptions) sarif.Log {
	t.Helper()
	t.Chdir(repoRoot)
	opts.FailOn = api.LintError
	report, err := api.Engine{}.Lint(opts)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := SARIF(&out, report, "test"); err != nil {
		t.Fatal(err)
	}
	var log sarif.Log
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	return log
}

// TestSARIFShape checks the SARIF output of the bad policies against the
// properties GitHub code scanning requires (LINT.md "CI output: SARIF
// 2.1.0"): rule metadata, levels, regions, fingerprints.
func TestSARIFShape(t *testing.T) {
	log := lintSARIF(t, api.LintOptions{Paths: []string{"testdata/lint"}})
	if log.Version != "2.1.0" || log.Schema == "" || len(log.Runs) != 1 {
		t.Fatalf("version %q, $schema %q, %d runs; want 2.1.0, a schema and one run", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name == "" || run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("driver name %q, columnKind %q", run.Tool.Driver.Name, run.ColumnKind)
	}
	levels := []string{"none", "note", "warning", "error"}
	rules := run.Tool.Driver.Rules
	for _, r := range rules {
		if r.ID == "" || r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.HelpURI == "" {
			t.Errorf("rule %q lacks metadata: %+v", r.ID, r)
		}
		if !slices.Contains(levels, r.DefaultConfiguration.Level) {
			t.Errorf("rule %s: level %q", r.ID, r.DefaultConfiguration.Level)
		}
		isSecurity := slices.Contains(r.Properties.Tags, "security")
		if isSecurity != (r.Properties.SecuritySeverity != "") {
			t.Errorf("rule %s: tags %v but security-severity %q", r.ID, r.Properties.Tags, r.Properties.SecuritySeverity)
		}
		if s := r.Properties.SecuritySeverity; s != "" {
			if v, err := strconv.ParseFloat(s, 64); err != nil || v < 0.1 || v > 10 {
				t.Errorf("rule %s: security-severity %q is not a number in 0.1..10", r.ID, s)
			}
		}
	}
	if len(run.Results) == 0 {
		t.Fatal("no results")
	}
	fingerprints := map[string]bool{}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex %d does not point at its rule", res.RuleID, res.RuleIndex)
		}
		if !slices.Contains(levels, res.Level) || res.Message.Text == "" || len(res.Locations) != 1 {
			t.Errorf("result %s: level %q, message %q, %d locations", res.RuleID, res.Level, res.Message.Text, len(res.Locations))
			continue
		}
		loc := res.Locations[0].PhysicalLocation
		if uri := loc.ArtifactLocation.URI; !strings.HasPrefix(uri, "testdata/lint/") {
			t.Errorf("result %s: uri %q is not the relative path given", res.RuleID, uri)
		}
		r := loc.Region
		if r.StartLine < 1 || r.StartColumn < 1 || r.EndLine < r.StartLine || (r.EndLine == r.StartLine && r.EndColumn <= r.StartColumn) {
			t.Errorf("result %s: region %+v is empty or inverted", res.RuleID, r)
		}
		fp := res.PartialFingerprints["primaryLocationLineHash"]
		if fp == "" || fingerprints[loc.ArtifactLocation.URI+fp] {
			t.Errorf("result %s: fingerprint %q missing or repeated", res.RuleID, fp)
		}
		fingerprints[loc.ArtifactLocation.URI+fp] = true
	}
}

// TestSARIFFingerprintsSurviveReformatting lints a policy and the same
// policy on one line: the findings move, their fingerprints do not.
func TestSARIFFingerprintsSurviveReformatting(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "lint", "identity-admin.json"))
	if err != nil {
		t.Fatal(err)
	}
	var compact strings.Builder
	var v any
	if err := json.Unmarshal(src, &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v) // one line; keys sorted, which paths do not depend on
	compact.Write(b)
	fingerprints := func(policy string) (lines []int, fps []string) {
		log := lintSARIF(t, api.LintOptions{Paths: []string{"-"}, Stdin: strings.NewReader(policy)})
		for _, res := range log.Runs[0].Results {
			lines = append(lines, res.Locations[0].PhysicalLocation.Region.StartLine)
			fps = append(fps, res.RuleID+" "+res.PartialFingerprints["primaryLocationLineHash"])
		}
		slices.Sort(fps)
		return lines, fps
	}
	prettyLines, pretty := fingerprints(string(src))
	compactLines, compacted := fingerprints(compact.String())
	if len(pretty) == 0 {
		t.Fatal("no findings")
	}
	if cmp.Equal(prettyLines, compactLines) {
		t.Fatalf("reformatting did not move the findings (lines %v)", prettyLines)
	}
	if diff := cmp.Diff(pretty, compacted); diff != "" {
		t.Errorf("fingerprints changed with the formatting (-pretty +compact):\n%s", diff)
	}
}

// TestSARIFFingerprintsSurviveEdits adds a statement above the others and
// an action to one of them: the findings that were there keep their
// fingerprints, though their statements moved and their messages' counts
// changed.
func TestSARIFFingerprintsSurviveEdits(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "lint", "identity-admin.json"))
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), `"Statement": [`, `"Statement": [{"Sid": "New", "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"},`, 1)
	edited = strings.Replace(edited, `"s3:PutBucketPolicy"`, `"s3:PutBucketPolicy", "sqs:SetQueueAttributes"`, 1)
	fingerprints := func(policy string) map[string]string {
		log := lintSARIF(t, api.LintOptions{Paths: []string{"-"}, Stdin: strings.NewReader(policy)})
		fps := map[string]string{}
		for _, res := range log.Runs[0].Results {
			fps[res.PartialFingerprints["primaryLocationLineHash"]] = res.RuleID + ": " + res.Message.Text
		}
		return fps
	}
	before, after := fingerprints(string(src)), fingerprints(edited)
	for fp, what := range before {
		if _, ok := after[fp]; !ok {
			t.Errorf("lost fingerprint of %s", what)
		}
	}
}
