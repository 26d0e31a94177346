package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// TestLintDetected checks that a detected kind says what was seen, and
// names the kinds that look alike only when they report other findings at
// or above the --fail-on level (Error unless failOn is set).
func TestLintDetected(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		src        string
		failOn     Level
		wantKind   policy.Kind
		wantReason string
		wantDiffer []policy.Kind
	}{
		{
			name:     "an identity policy that any kind without a Principal reads alike",
			src:      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}`,
			wantKind: policy.Identity, wantReason: "no Principal",
		},
		{
			// SCPs require Version 2012-10-17 (docs/errors.md E006).
			name:     "no Version: an SCP would be an error",
			src:      `{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}`,
			wantKind: policy.Identity, wantReason: "no Principal", wantDiffer: []policy.Kind{policy.SCP},
		},
		{
			// Every kind without a Principal requires a Resource; each
			// names itself in the message, which changes nothing to do.
			name:     "no Resource: the same error in other words",
			src:      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}`,
			wantKind: policy.Identity, wantReason: "no Principal",
		},
		{
			// A boundary's quota is 6,144 characters: a warning as an
			// identity policy is an error as a boundary (and as a
			// session policy); an SCP's quota is 10,240.
			name:     "a size over the quota: the level differs",
			src:      oversized,
			wantKind: policy.Identity, wantReason: "no Principal", wantDiffer: []policy.Kind{policy.Boundary, policy.Session},
		},
		{
			// With --fail-on warning, the warning and the error fail the
			// run alike; only the SCP, which has no finding, does not.
			name:     "a size over the quota, failing on warnings",
			src:      oversized,
			failOn:   Warning,
			wantKind: policy.Identity, wantReason: "no Principal", wantDiffer: []policy.Kind{policy.SCP},
		},
		{
			// Boundaries, session policies and SCPs grant nothing, so
			// resource-star-restrictable warns only of an identity
			// policy: that matters to a run that fails on warnings only.
			name:     "a warning only as an identity policy",
			src:      starRestrictable,
			wantKind: policy.Identity, wantReason: "no Principal",
		},
		{
			name:     "a warning only as an identity policy, failing on warnings",
			src:      starRestrictable,
			failOn:   Warning,
			wantKind: policy.Identity, wantReason: "no Principal", wantDiffer: []policy.Kind{policy.Boundary, policy.Session, policy.SCP},
		},
		{
			name:     "a trust policy: as a resource-based policy it would need a Resource",
			src:      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`,
			wantKind: policy.Trust, wantReason: "a Principal, and only sts:AssumeRole* and session actions",
			wantDiffer: []policy.Kind{policy.Resource, policy.RCP, policy.Endpoint},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			failOn := tt.failOn
			if failOn == 0 {
				failOn = Error
			}
			_, g := testLinter.LintDetected("test.json", []byte(tt.src), failOn)
			want := Guess{Kind: tt.wantKind, Reason: tt.wantReason, Differ: tt.wantDiffer}
			if diff := cmp.Diff(want, g); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// oversized is a policy of 6,893 characters other than white space.
var oversized = `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "Resource": [` + quotedARNs(200) + `]}]}`

// starRestrictable is an identity policy that grants an action supporting
// resource-level permissions on every resource.
const starRestrictable = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`

// TestLintDetectedAsLint checks that what LintDetected works out cheaply
// for the kinds it did not detect is what Lint gives for them, and that
// it names in Guess.Differ, at each --fail-on level, the look-alike kinds
// for which Lint gives other findings at or above that level, so that the
// shortcut can never change a finding or a note:
// every policy under
// testdata as every kind, and every AWS managed policy as each kind that
// looks like the detected one.
func TestLintDetectedAsLint(t *testing.T) {
	t.Parallel()
	type doc struct {
		name  string
		src   []byte
		kinds []policy.Kind // nil: every kind
	}
	var docs []doc
	for _, pattern := range []string{"testdata/lint/*.json", "testdata/policies/*.json", "testdata/policies/bad/*.json"} {
		files, err := filepath.Glob(filepath.Join("..", "..", pattern))
		if err != nil || len(files) == 0 {
			t.Fatalf("no files match %s: %v", pattern, err)
		}
		for _, name := range files {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, doc{name: name, src: src})
		}
	}
	for _, r := range Rules() {
		docs = append(docs, doc{name: r.ID + " bad", src: []byte(r.Bad.Policy)}, doc{name: r.ID + " good", src: []byte(r.Good.Policy)})
	}
	for _, p := range loadManaged(t).Policies {
		docs = append(docs, doc{name: p.Name, src: p.Document, kinds: lookAlikes(policy.DetectKind(p.Document))})
	}
	l := New(catalog.Default())
	opts := cmp.Options{cmp.Comparer(func(a, b *Rule) bool { return a == b }), cmpopts.EquateEmpty()}
	levels := []Level{Error, Warning, Note}
	shortcuts := 0
	differ := map[Level]int{} // documents with a note, by level
	for _, d := range docs {
		det := l.lintDetected(l.Limits.NewLocator(d.name, d.src))
		if diff := cmp.Diff(l.Lint(d.name, d.src, det.c.policyKind), det.sorted(), opts); diff != "" {
			t.Errorf("%s as the detected %v: findings mismatch (-Lint +LintDetected):\n%s", d.name, det.c.policyKind, diff)
		}
		kinds := d.kinds
		if kinds == nil {
			kinds = policy.Kinds()
		}
		wantDiffer := map[Level][]policy.Kind{} // the look-alike kinds whose deciding findings differ, by Lint
		for _, k := range kinds {
			got, same := det.as(k)
			if same {
				got = det.sorted()
				shortcuts++
			}
			want := l.Lint(d.name, d.src, k)
			if diff := cmp.Diff(want, got, opts); diff != "" {
				t.Errorf("%s detected as %v, then as %v (same %v): findings mismatch (-Lint +LintDetected):\n%s", d.name, det.c.policyKind, k, same, diff)
			}
			if !slices.Contains(lookAlikes(det.c.policyKind), k) {
				continue
			}
			for _, level := range levels {
				if !equalAtOrAbove(det.sorted(), want, level) {
					wantDiffer[level] = append(wantDiffer[level], k)
				}
			}
		}
		for _, level := range levels {
			_, g := l.LintDetected(d.name, d.src, level)
			if diff := cmp.Diff(wantDiffer[level], g.Differ, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s, --fail-on %v: Guess.Differ mismatch (-Lint +LintDetected):\n%s", d.name, level, diff)
			}
			if len(g.Differ) > 0 {
				differ[level]++
			}
		}
	}
	if shortcuts == 0 {
		t.Error("no kind was found to lint like the detected one without linting")
	}
	// The level decides: most of the managed policies' differences are
	// warnings (boundaries, SCPs and session policies grant nothing).
	if !(differ[Error] > 0 && differ[Error] < differ[Warning]) {
		t.Errorf("documents with kinds that differ, by --fail-on level: %v; want some at error and more at warning", differ)
	}
}

// equalAtOrAbove reports whether two lists of findings, each sorted as
// Lint sorts them, fail a run that fails on level alike: the same rules
// at the same positions among the findings at or above level, whatever
// their wording and their exact level. It is written apart from
// decidingKeys, to check it.
func equalAtOrAbove(a, b []Finding, level Level) bool {
	type key struct {
		rule string
		pos  policy.Pos
	}
	count := map[key]int{}
	for _, f := range a {
		if f.Level >= level {
			count[key{f.Rule.ID, f.Pos}]++
		}
	}
	for _, f := range b {
		if f.Level >= level {
			count[key{f.Rule.ID, f.Pos}]--
		}
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

// TestKindReadThroughQuestions checks that the rules read the kind of the
// policy only through kindIs and kindValue, which LintDetected relies on
// to know which rules to run again for another kind: no other file of
// the package names checker.policyKind or a document's Kind.
func TestKindReadThroughQuestions(t *testing.T) {
	t.Parallel()
	allowed := map[string]bool{"askkind.go": true, "lint.go": true, "kind.go": true}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") || allowed[file] {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			if strings.Contains(line, "policyKind") || strings.Contains(line, "doc.Kind") {
				t.Errorf("%s:%d: a rule reads the kind without asking (kindIs, kindValue): %s", file, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// quotedARNs returns n distinct S3 object ARNs, quoted and separated by
// commas, 33 characters each.
func quotedARNs(n int) string {
	arns := make([]string, n)
	for i := range arns {
		arns[i] = fmt.Sprintf(`"arn:aws:s3:::bucket-%04d/logs/*"`, i)
	}
	return strings.Join(arns, ",")
}
