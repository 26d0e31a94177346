package cli

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLintCIFormats lints policy files, an account export and
// infrastructure code as workflow annotations and as a pull-request
// comment: the findings of each, and the exit status --fail-on gives,
// as in every other format.
func TestLintCIFormats(t *testing.T) {
	all := []string{"testdata/lint", "testdata/lint-accounts/444455556666.json", "testdata/iac/cfn/sam/template.yaml#ApiFunction.Policies[0]"}
	const summary = "20 errors, 22 warnings, 0 notes in 11 files; the detected kind of 6 files could change the exit status: see their notes, or give --type\n"
	const template = "testdata/iac/cfn/sam/template.yaml#ApiFunction.Policies[0]"
	runCases(t, []cliCase{
		{name: "github", args: append([]string{"lint", "--format", "github"}, all...), wantCode: ExitInput, golden: "lint-ci.github.golden", wantStderr: summary},
		{name: "markdown", args: append([]string{"lint", "--format", "markdown"}, all...), wantCode: ExitInput, golden: "lint-ci.markdown.golden", wantStderr: summary},
		{name: "github, a warning below --fail-on", args: []string{"lint", "--format", "github", template}, golden: "lint-template.github.golden",
			wantStderr: "0 errors, 1 warning, 0 notes in 1 file\n"},
		{name: "github, a warning at --fail-on", args: []string{"lint", "--format", "github", "--fail-on", "warning", template}, wantCode: ExitFindings,
			golden: "lint-template.github.golden", wantStderr: "0 errors, 1 warning, 0 notes in 1 file\n"},
		{name: "markdown, a warning at --fail-on", args: []string{"lint", "--format", "markdown", "--fail-on", "warning", template}, wantCode: ExitFindings,
			golden: "lint-template.markdown.golden", wantStderr: "0 errors, 1 warning, 0 notes in 1 file\n"},
		{name: "markdown, standard input", args: []string{"lint", "--format", "markdown", "-"}, stdin: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjectt", "Resource": "*"}]}`,
			wantCode: ExitFindings, golden: "lint-stdin.markdown.golden", wantStderr: "1 error, 0 warnings, 0 notes in 1 file\n"},
		{name: "github, standard input", args: []string{"lint", "--format", "github", "-"}, stdin: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjectt", "Resource": "*"}]}`,
			wantCode: ExitFindings, golden: "lint-stdin.github.golden", wantStderr: "1 error, 0 warnings, 0 notes in 1 file\n"},
		{name: "github, what cannot be linted", args: []string{"lint", "--format", "github", "-", "testdata/no-such-policy.json"},
			stdin:    `{"UserDetailList": [], "RoleDetailList": "none"}`,
			wantCode: ExitInput, golden: "lint-unreadable.github.golden",
			wantStderr: "iamsim: testdata/no-such-policy.json: no such file or directory\niamsim: <stdin>:1:42: RoleDetailList must be an array\n0 errors, 0 warnings, 0 notes in 1 file\n"},
		{name: "markdown, what cannot be linted", args: []string{"lint", "--format", "markdown", "-", "testdata/no-such-policy.json"},
			stdin:    `{"UserDetailList": [], "RoleDetailList": "none"}`,
			wantCode: ExitInput, golden: "lint-unreadable.markdown.golden",
			wantStderr: "iamsim: testdata/no-such-policy.json: no such file or directory\niamsim: <stdin>:1:42: RoleDetailList must be an array\n0 errors, 0 warnings, 0 notes in 1 file\n"},
		{name: "an unknown format", args: []string{"lint", "--format", "gitlab", template}, wantCode: ExitInput,
			wantStderr: "iamsim: --format \"gitlab\": want text, json, sarif, github or markdown\n"},
	})
}

// TestTestCIFormats runs a passing scenario, a failing one and files
// that cannot run as workflow annotations and as a pull-request
// comment: nothing for a pass, an error at each failing request and at
// each problem, the summary on standard error, and the exit status of
// the text output.
func TestTestCIFormats(t *testing.T) {
	const (
		passing  = "testdata/cases/s3-home-dirs.yaml"
		failing  = "testdata/golden/inputs/failing-scenario.yaml"
		broken   = "testdata/golden/inputs/test-broken"
		problems = "iamsim: " + broken + `/b-bad-account.yaml:10:22: resourceAccount "aws": want a 12-digit account ID, such as 111122223333` + "\n" +
			"iamsim: " + broken + `/c-bad-policy.json:3:80: E008 Effect "Alow" must be exactly "Allow" or "Deny"; did you mean "Allow"?` + "\n" +
			`                                {"Version": "2012-10-17", "Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}]}` + "\n" +
			`                                                                                   ^` + "\n" +
			"iamsim: " + broken + "/d-truncated.json:3:16: unexpected end of input: the document is not closed\n"
	)
	runCases(t, []cliCase{
		{name: "github, passing", args: []string{"test", "--format", "github", passing}, golden: "test-passing.github.golden", wantStderr: "4 passed, 0 failed\n"},
		{name: "markdown, passing", args: []string{"test", "--format", "markdown", passing}, golden: "test-passing.markdown.golden", wantStderr: "4 passed, 0 failed\n"},
		{name: "github, failing", args: []string{"test", "--format", "github", passing, failing}, wantCode: ExitFindings,
			golden: "test-failing.github.golden", wantStderr: "4 passed, 1 failed, 1 skipped\n"},
		{name: "markdown, failing", args: []string{"test", "--format", "markdown", passing, failing}, wantCode: ExitFindings,
			golden: "test-failing.markdown.golden", wantStderr: "4 passed, 1 failed, 1 skipped\n"},
		{name: "github, cannot run", args: []string{"test", "--format", "github", broken}, wantCode: ExitInput,
			golden: "test-broken.github.golden", wantStderr: problems + "1 passed, 1 failed, 3 errors\n"},
		{name: "markdown, cannot run", args: []string{"test", "--format", "markdown", broken}, wantCode: ExitInput,
			golden: "test-broken.markdown.golden", wantStderr: problems + "1 passed, 1 failed, 3 errors\n"},
		{name: "an unknown format", args: []string{"test", "--format", "gitlab", passing}, wantCode: ExitInput,
			wantStderr: "iamsim: --format \"gitlab\": want text, junit, github or markdown\n"},
	})
}

// TestPositioned splits the positions that lead problems, warnings and
// requests off their messages.
func TestPositioned(t *testing.T) {
	tests := []struct {
		name, s string
		want    textPlace
	}{
		{"a problem", "dir/a.yaml:10:22: bad: value", textPlace{file: "dir/a.yaml", line: 10, col: 22, msg: "bad: value"}},
		{"a request's position", "./dir/a.yaml:6:5", textPlace{file: "dir/a.yaml", line: 6, col: 5}},
		{"a file with a colon", "c:dir/a.yaml:6:5: x", textPlace{file: "c:dir/a.yaml", line: 6, col: 5, msg: "x"}},
		{"no position: at the file", "dir/a.yaml: cannot read", textPlace{file: "dir/a.yaml", msg: "cannot read"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, positioned(tt.s, "dir/a.yaml"), cmp.AllowUnexported(textPlace{})); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
