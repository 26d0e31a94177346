package api

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestLint lints without a command line: a policy from a reader, its kind
// detected; a path that cannot be read; a kind given.
func TestLint(t *testing.T) {
	const bad = `{"Version": "2012-10-17", "Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}]}`
	report, err := Engine{}.Lint(LintOptions{Paths: []string{"-", "no-such-file.json"}, Stdin: strings.NewReader(bad), FailOn: LintError})
	if err != nil {
		t.Fatal(err)
	}
	if len(report.ReadErrors) != 1 || !strings.Contains(report.ReadErrors[0].Error(), "no-such-file.json") {
		t.Errorf("read errors %v; want the missing file's", report.ReadErrors)
	}
	if diff := cmp.Diff([]LintInput{{Name: "<stdin>"}}, report.Inputs); diff != "" {
		t.Errorf("inputs mismatch (-want +got):\n%s", diff)
	}
	if len(report.Files) != 1 || report.Files[0].Guess == nil || report.Files[0].Kind != policy.Identity {
		t.Fatalf("files %+v; want one, detected as identity", report.Files)
	}
	var codes []string
	for _, f := range report.Files[0].Findings {
		codes = append(codes, string(f.Rule.Code))
	}
	if diff := cmp.Diff([]string{"E008"}, codes); diff != "" {
		t.Errorf("finding codes mismatch (-want +got):\n%s", diff)
	}
	if c := report.Counts(); c.AtLeast(LintError) != 1 || c.Linted != 1 {
		t.Errorf("counts %+v; want one error in one file", c)
	}

	scp, err := LintKind("scp")
	if err != nil {
		t.Fatal(err)
	}
	report, err = Engine{}.Lint(LintOptions{Paths: []string{"-"}, Stdin: strings.NewReader(bad), Kind: scp, FailOn: LintError})
	if err != nil {
		t.Fatal(err)
	}
	if f := report.Files[0]; f.Guess != nil || f.Kind != policy.SCP {
		t.Errorf("kind %v (guess %v); want scp as given", f.Kind, f.Guess)
	}
}

// TestLintChecksItsOptions checks the messages of a kind, a level and an
// ignored rule that do not exist.
func TestLintChecksItsOptions(t *testing.T) {
	if _, err := LintKind("xml"); err == nil || err.Error() != `--type "xml": want identity, resource, trust, boundary, session, scp, rcp or endpoint` {
		t.Errorf("LintKind: %v", err)
	}
	if _, err := LintFailOn("fatal"); err == nil || err.Error() != `--fail-on "fatal": want error, warning or note` {
		t.Errorf("LintFailOn: %v", err)
	}
	if _, err := (Engine{}).Lint(LintOptions{Paths: []string{"-"}, Stdin: strings.NewReader("{}"), Ignore: []string{"no-such-rule"}}); err == nil {
		t.Error("an unknown ignored rule was accepted")
	}
}
