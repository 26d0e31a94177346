package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestLintFlags checks flag parsing apart from the lint logic.
func TestLintFlags(t *testing.T) {
	defaults := lintOptions{Format: "text", FailOn: "error"}
	with := func(f func(o *lintOptions)) lintOptions {
		o := defaults
		f(&o)
		return o
	}
	tests := []struct {
		name    string
		args    []string
		want    lintOptions
		wantErr bool
	}{
		{name: "paths", args: []string{"a.json", "dir"}, want: with(func(o *lintOptions) { o.Paths = []string{"a.json", "dir"} })},
		{name: "type", args: []string{"--type", "scp", "-"}, want: with(func(o *lintOptions) { o.Paths, o.Type = []string{"-"}, "scp" })},
		{
			name: "format, fail-on, config and ignores",
			args: []string{"--format", "sarif", "--fail-on", "warning", "--config", "c.yaml", "--ignore", "E012", "--ignore", "AA:MISSING_VERSION", "p"},
			want: with(func(o *lintOptions) {
				o.Paths, o.Format, o.FailOn, o.Config, o.Ignore = []string{"p"}, "sarif", "warning", "c.yaml", []string{"E012", "AA:MISSING_VERSION"}
			}),
		},
		{name: "no paths", args: nil, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseOptions(newLintCmd, tt.args)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			got.Stdin, got.Stdout, got.Stderr = nil, nil, nil
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLint(t *testing.T) {
	runCases(t, []cliCase{
		{
			name:     "the shipped example policies",
			args:     []string{"lint", "testdata/policies"},
			wantCode: ExitInput, golden: "lint-corpus.golden",
			wantStderr: "23 errors, 7 warnings, 2 notes in 49 files; the detected kind of 20 files could change the exit status: see their notes, or give --type\n",
		},
		{
			// The trust policy is clean as a trust policy, not as the
			// resource-based policy it looks like: the note says so.
			name:     "clean policies, with the detected kind noted where it matters",
			args:     []string{"lint", "testdata/policies/identity-abac-tags.json", "testdata/policies/trust-ec2-service.json"},
			wantCode: ExitOK, golden: "lint-clean.golden",
			wantStderr: "0 errors, 0 warnings, 0 notes in 2 files; the detected kind of 1 file could change the exit status: see its note, or give --type\n",
		},
		{
			name:       "--type: nothing is detected, nothing noted",
			args:       []string{"lint", "--type", "trust", "testdata/policies/trust-ec2-service.json"},
			wantCode:   ExitOK,
			wantStderr: "0 errors, 0 warnings, 0 notes in 1 file\n",
		},
		{
			name:     "policy problems exit 1",
			args:     []string{"lint", "testdata/policies/bad/identity-unknown-operator.json"},
			wantCode: ExitFindings, golden: "lint-unknown-operator.golden",
			wantStderr: "1 error, 0 warnings, 0 notes in 1 file\n",
		},
		{
			name:     "type flag decides the rules",
			args:     []string{"lint", "--type", "session", "testdata/policies/bad/session-incomplete-arn.json"},
			wantCode: ExitFindings, golden: "lint-session-incomplete-arn.golden",
			wantStderr: "1 error, 0 warnings, 0 notes in 1 file\n",
		},
		{
			name:     "standard input",
			args:     []string{"lint", "-"},
			stdin:    `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Resource": "*"}}`,
			wantCode: ExitInput, golden: "lint-stdin.golden",
			wantStderr: "1 error, 0 warnings, 0 notes in 1 file\n",
		},
		{
			name:       "missing file",
			args:       []string{"lint", "testdata/policies/no-such-file.json"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: testdata/policies/no-such-file.json: no such file or directory\n",
		},
		{
			name:     "a missing file among others: the others are linted, exit 2",
			args:     []string{"lint", "testdata/policies/no-such-file.json", "testdata/policies/identity-abac-tags.json"},
			wantCode: ExitInput,
			wantStderr: "iamsim: testdata/policies/no-such-file.json: no such file or directory\n" +
				"0 errors, 0 warnings, 0 notes in 1 file\n",
		},
		{
			name:       "a glob that matches nothing",
			args:       []string{"lint", "testdata/policies/nothing-*.json"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: testdata/policies/nothing-*.json: no file matches this pattern\n",
		},
		{
			name:       "a glob",
			args:       []string{"lint", "--type", "scp", "testdata/policies/scp-*.json"},
			wantCode:   ExitOK,
			wantStderr: "0 errors, 0 warnings, 0 notes in 2 files\n",
		},
		{
			name:       "unknown kind",
			args:       []string{"lint", "--type", "group", "-"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --type \"group\": want identity, resource, trust, boundary, session, scp, rcp or endpoint\n",
		},
		{
			name:       "unknown format",
			args:       []string{"lint", "--format", "xml", "-"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --format \"xml\": want text, json, sarif, github or markdown\n",
		},
		{
			name:       "unknown fail-on level",
			args:       []string{"lint", "--fail-on", "high", "-"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --fail-on \"high\": want error, warning or note\n",
		},
		{
			name:       "input rules cannot be suppressed",
			args:       []string{"lint", "--ignore", "E001", "-"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --ignore: json-syntax cannot be suppressed: it reports a file that is not a usable policy document\n",
		},
		{
			name:       "a file named twice is linted once",
			args:       []string{"lint", "testdata/policies/identity-no-version.json", "./testdata/policies/identity-no-version.json"},
			wantCode:   ExitOK,
			golden:     "lint-no-version.golden",
			wantStderr: "0 errors, 1 warning, 0 notes in 1 file; the detected kind of 1 file could change the exit status: see its note, or give --type\n",
		},
		{
			name:       "unknown rule to ignore",
			args:       []string{"lint", "--ignore", "no-such-rule", "-"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --ignore: unknown rule \"no-such-rule\" (docs/lint-rules.md lists the rules)\n",
		},
		{
			name:       "misspelt rule to ignore",
			args:       []string{"lint", "--ignore", "resource-star-restrictabel", "-"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --ignore: unknown rule \"resource-star-restrictabel\" (did you mean \"resource-star-restrictable\"?)\n",
		},
	})
}

// TestLintAccountExport lints every policy of a get-account-authorization-details
// export: inline policies and managed policies' default versions as
// identity-based policies, trust policies as trust policies; positions in
// the export, or in the decoded text of a URL-encoded document, and each
// finding names its principal and policy.
func TestLintAccountExport(t *testing.T) {
	const export = "testdata/lint-accounts/444455556666.json"
	const summary = "4 errors, 0 warnings, 0 notes in 1 file\n"
	runCases(t, []cliCase{
		{name: "text", args: []string{"lint", export}, wantCode: ExitFindings, golden: "lint-export.golden", wantStderr: summary},
		{name: "json", args: []string{"lint", "--format", "json", export}, wantCode: ExitFindings, golden: "lint-export.json.golden", wantStderr: summary},
		{name: "sarif", args: []string{"lint", "--format", "sarif", export}, wantCode: ExitFindings, golden: "lint-export.sarif.golden", wantStderr: summary},
		{
			name: "an export whose shape is wrong: reported, exit 2, its other policies linted",
			args: []string{"lint", "-"},
			stdin: `{"UserDetailList": [{"UserName": "bob", "Arn": "arn:aws:iam::444455556666:user/bob", "UserPolicyList": [{"PolicyName": "p",
  "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjectt", "Resource": "*"}]}}]}],
 "RoleDetailList": "none"}`,
			wantCode: ExitInput, golden: "lint-export-shape.golden",
			wantStderr: "iamsim: <stdin>:3:20: RoleDetailList must be an array\n1 error, 0 warnings, 0 notes in 1 file\n",
		},
		{
			// DeveloperBoundary is used only as a permissions boundary
			// (AttachmentCount 0): linted as one, it grants nothing to
			// escalate privileges with.
			name: "the shipped exports, URL-encoded documents included", args: []string{"lint", "testdata/accounts/111111111111.json", "testdata/accounts/222222222222.json", "testdata/accounts/333333333333.json"},
			wantCode: ExitOK, golden: "lint-accounts.golden", wantStderr: "0 errors, 3 warnings, 0 notes in 3 files\n",
		},
	})
}

// TestLintSkipsNonPolicies checks that a directory's JSON files that are
// not policies (package.json; tsconfig.json, which may hold comments) are
// skipped, named with --verbose, and linted when named.
func TestLintSkipsNonPolicies(t *testing.T) {
	const note = "iamsim: note: testdata/lint-project/%s: skipped: a JSON object with neither Statement nor Version is not a policy (name the file to lint it)\n"
	runCases(t, []cliCase{
		{
			name: "a directory", args: []string{"lint", "testdata/lint-project"},
			wantCode: ExitInput, golden: "lint-project.golden",
			wantStderr: "1 error, 0 warnings, 0 notes in 2 files (2 files skipped as not policies)\n",
		},
		{
			name: "a directory, verbose", args: []string{"lint", "--verbose", "testdata/lint-project"},
			wantCode: ExitInput, golden: "lint-project.golden",
			wantStderr: fmt.Sprintf(note, "package.json") + fmt.Sprintf(note, "tsconfig.json") +
				"1 error, 0 warnings, 0 notes in 2 files (2 files skipped as not policies)\n",
		},
		{
			name: "a glob", args: []string{"lint", "testdata/lint-project/*.json"},
			wantCode: ExitOK, wantStderr: "0 errors, 0 warnings, 0 notes in 0 files (2 files skipped as not policies)\n",
		},
		{
			name: "a file named on the command line is linted", args: []string{"lint", "testdata/lint-project/package.json"},
			wantCode: ExitFindings, golden: "lint-package-json.golden",
			wantStderr: "4 errors, 1 warning, 0 notes in 1 file; the detected kind of 1 file could change the exit status: see its note, or give --type\n",
		},
	})
}

// TestLintKindNoteFollowsFailOn checks that a detected kind gets a note,
// counted in the summary, only when another kind would change a finding
// at or above --fail-on: linted as a boundary, the developer boundary
// loses its warnings, which matters only to a run that fails on warnings.
func TestLintKindNoteFollowsFailOn(t *testing.T) {
	const (
		file = "testdata/policies/boundary-developer.json"
		note = file + ": note: linted as --type identity (detected: no Principal); --type boundary, session or scp would report other errors or warnings\n"
	)
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantNote   bool
		wantStderr string
		wantJSON   int // summary.filesWithKindAlternatives
	}{
		{
			name: "failing on errors", args: []string{"lint", file}, wantCode: ExitOK,
			wantStderr: "0 errors, 4 warnings, 0 notes in 1 file\n",
		},
		{
			name: "failing on warnings", args: []string{"lint", "--fail-on", "warning", file}, wantCode: ExitFindings, wantNote: true,
			wantStderr: "0 errors, 4 warnings, 0 notes in 1 file; the detected kind of 1 file could change the exit status: see its note, or give --type\n",
			wantJSON:   1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d", code, tt.wantCode)
			}
			if got := strings.HasPrefix(stdout, note); got != tt.wantNote {
				t.Errorf("the output starts with the note: %v, want %v:\n%s", got, tt.wantNote, stdout)
			}
			if diff := cmp.Diff(tt.wantStderr, stderr); diff != "" {
				t.Errorf("stderr mismatch (-want +got):\n%s", diff)
			}
			_, out, _ := run(t, "", append([]string{"lint", "--format", "json"}, tt.args[1:]...)...)
			var report struct {
				Files []struct {
					KindDetected     bool     `json:"kindDetected"`
					KindAlternatives []string `json:"kindAlternatives"`
				} `json:"files"`
				Summary struct {
					FilesWithKindAlternatives int `json:"filesWithKindAlternatives"`
				} `json:"summary"`
			}
			if err := json.Unmarshal([]byte(out), &report); err != nil {
				t.Fatal(err)
			}
			if len(report.Files) != 1 || !report.Files[0].KindDetected || (len(report.Files[0].KindAlternatives) > 0) != tt.wantNote {
				t.Errorf("files = %+v, want one, kindDetected, with kindAlternatives: %v", report.Files, tt.wantNote)
			}
			if got := report.Summary.FilesWithKindAlternatives; got != tt.wantJSON {
				t.Errorf("summary.filesWithKindAlternatives = %d, want %d", got, tt.wantJSON)
			}
		})
	}
}

// TestLintOutputs lints the deliberately bad policies of testdata/lint in
// every output format, and checks suppressions and --fail-on.
func TestLintOutputs(t *testing.T) {
	const (
		summary     = "16 errors, 21 warnings, 0 notes in 9 files; the detected kind of 6 files could change the exit status: see their notes, or give --type\n"
		summaryJSON = "16 errors, 21 warnings, 0 notes in 9 files; the detected kind of 6 files could change the exit status: see their kindAlternatives, or give --type\n"
	)
	runCases(t, []cliCase{
		{name: "text", args: []string{"lint", "testdata/lint"}, wantCode: ExitInput, golden: "lint-bad.golden", wantStderr: summary},
		{name: "json", args: []string{"lint", "--format", "json", "testdata/lint"}, wantCode: ExitInput, golden: "lint-bad.json.golden", wantStderr: summaryJSON},
		{name: "sarif", args: []string{"lint", "--format", "sarif", "testdata/lint"}, wantCode: ExitInput, golden: "lint-bad.sarif.golden", wantStderr: summary},
		{
			name:     "suppressions from a config file and --ignore",
			args:     []string{"lint", "--config", "testdata/lint/lint-config.yaml", "--ignore", "E012", "--ignore", "resource-star-restrictable", "--format", "json", "testdata/lint"},
			wantCode: ExitInput, golden: "lint-bad-suppressed.json.golden",
			wantStderr: "16 errors, 18 warnings, 0 notes in 9 files (3 suppressed); the detected kind of 6 files could change the exit status: see their kindAlternatives, or give --type\n" +
				"iamsim: warning: testdata/lint/lint-config.yaml:9:7: the suppression of trust-any-principal matched no finding\n" +
				"iamsim: warning: --ignore: the suppression of E012 matched no finding\n",
		},
		{
			name:     "an SCP needs --type",
			args:     []string{"lint", "--type", "scp", "testdata/lint/scp-with-principal.json"},
			wantCode: ExitFindings, golden: "lint-scp.golden",
			wantStderr: "2 errors, 0 warnings, 0 notes in 1 file\n",
		},
		{
			name:       "warnings pass with --fail-on error",
			args:       []string{"lint", "testdata/policies/identity-no-version.json"},
			wantCode:   ExitOK,
			golden:     "lint-no-version.golden",
			wantStderr: "0 errors, 1 warning, 0 notes in 1 file; the detected kind of 1 file could change the exit status: see its note, or give --type\n",
		},
		{
			name:       "and fail with --fail-on warning",
			args:       []string{"lint", "--fail-on", "warning", "testdata/policies/identity-no-version.json"},
			wantCode:   ExitFindings,
			golden:     "lint-no-version-fail-on-warning.golden",
			wantStderr: "0 errors, 1 warning, 0 notes in 1 file; the detected kind of 1 file could change the exit status: see its note, or give --type\n",
		},
	})
}

// TestErrorCodesDocumented checks that docs/errors.md has a table row and
// a section for every code, and no code the parser does not have.
func TestErrorCodesDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(repoRoot, "docs", "errors.md"))
	if err != nil {
		t.Fatal(err)
	}
	var want, rows, sections []string
	for _, c := range policy.Codes {
		want = append(want, string(c.Code)+" "+c.Title)
	}
	for _, m := range regexp.MustCompile(`(?m)^\| (E\d{3}) \| ([^|]+) \|`).FindAllStringSubmatch(string(doc), -1) {
		rows = append(rows, m[1]+" "+strings.TrimSpace(m[2]))
	}
	for _, m := range regexp.MustCompile(`(?m)^## (E\d{3}) (.+)$`).FindAllStringSubmatch(string(doc), -1) {
		sections = append(sections, m[1]+" "+m[2])
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("table rows mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, sections); diff != "" {
		t.Errorf("sections mismatch (-want +got):\n%s", diff)
	}
}

// TestReadmeLintNeedsNoGuess checks that the README's lint examples do
// not depend on a detected kind: a new user's first lint should report
// real findings, not those of an SCP linted as the identity policy it
// looks like. Each `iamsim lint` command of README.md must give --type or
// lint only files whose detected kind could not change the exit status.
func TestReadmeLintNeedsNoGuess(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range docCommands("README.md", string(src)) {
		if !strings.HasPrefix(c.text, "iamsim lint ") {
			continue
		}
		n++
		words, err := shellWords(c.text, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.where, err)
		}
		if i := slices.Index(words, ">"); i >= 0 {
			words = words[:i] // the output is not written
		}
		_, _, stderr := run(t, "", words[1:]...)
		if strings.Contains(stderr, "the detected kind of") {
			t.Errorf("%s: %s: the detected kind decides the exit status (%s): give --type, or lint files of one plain kind", c.where, c.text, strings.TrimSpace(stderr))
		}
	}
	if n == 0 {
		t.Error("README.md shows no iamsim lint command")
	}
}
