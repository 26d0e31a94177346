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
// names the kinds that look alike only when they report other findings.
func TestLintDetected(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		src        string
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
			// identity policy is an error as a boundary.
			name:     "a size over the quota: the level differs",
			src:      `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "Resource": [` + quotedARNs(200) + `]}]}`,
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
			_, g := testLinter.LintDetected("test.json", []byte(tt.src))
			want := Guess{Kind: tt.wantKind, Reason: tt.wantReason, Differ: tt.wantDiffer}
			if diff := cmp.Diff(want, g); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLintDetectedAsLint checks that what LintDetected works out cheaply
// for the kinds it did not detect is what Lint gives for them, and that
// it names in Guess.Differ the look-alike kinds for which Lint gives other
// findings, so that the shortcut can never change a finding or a note:
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
	shortcuts := 0
	for _, d := range docs {
		det := l.lintDetected(d.name, d.src)
		if diff := cmp.Diff(l.Lint(d.name, d.src, det.c.policyKind), det.sorted(), opts); diff != "" {
			t.Errorf("%s as the detected %v: findings mismatch (-Lint +LintDetected):\n%s", d.name, det.c.policyKind, diff)
		}
		kinds := d.kinds
		if kinds == nil {
			kinds = policy.Kinds()
		}
		var wantDiffer []policy.Kind // the look-alike kinds whose findings differ, by Lint
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
			if slices.Contains(lookAlikes(det.c.policyKind), k) && !slices.Equal(findingKeys(det.sorted()), findingKeys(want)) {
				wantDiffer = append(wantDiffer, k)
			}
		}
		_, g := l.LintDetected(d.name, d.src)
		if diff := cmp.Diff(wantDiffer, g.Differ, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: Guess.Differ mismatch (-Lint +LintDetected):\n%s", d.name, diff)
		}
	}
	if shortcuts == 0 {
		t.Error("no kind was found to lint like the detected one without linting")
	}
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
