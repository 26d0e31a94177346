package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestLintFlags checks flag parsing apart from the lint logic.
func TestLintFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    lintOptions
		wantErr bool
	}{
		{name: "paths", args: []string{"a.json", "dir"}, want: lintOptions{Paths: []string{"a.json", "dir"}}},
		{name: "type", args: []string{"--type", "scp", "-"}, want: lintOptions{Paths: []string{"-"}, Type: "scp"}},
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
			name:     "the README's first command",
			args:     []string{"lint", "testdata/policies"},
			wantCode: ExitInput, golden: "lint-corpus.golden",
			wantStderr: "19 problems in 49 files\n",
		},
		{
			name:     "clean policies",
			args:     []string{"lint", "testdata/policies/identity-s3-home-dirs.json", "testdata/policies/scp-full-aws-access.json"},
			wantCode: ExitOK,
		},
		{
			name:     "policy problems exit 1",
			args:     []string{"lint", "testdata/policies/bad/identity-unknown-operator.json"},
			wantCode: ExitFindings, golden: "lint-unknown-operator.golden",
			wantStderr: "1 problem in 1 file\n",
		},
		{
			name:     "type flag decides the rules",
			args:     []string{"lint", "--type", "session", "testdata/policies/bad/session-incomplete-arn.json"},
			wantCode: ExitFindings, golden: "lint-session-incomplete-arn.golden",
			wantStderr: "1 problem in 1 file\n",
		},
		{
			name:     "standard input",
			args:     []string{"lint", "-"},
			stdin:    `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Resource": "*"}}`,
			wantCode: ExitInput, golden: "lint-stdin.golden",
			wantStderr: "1 problem in 1 file\n",
		},
		{
			name:       "missing file",
			args:       []string{"lint", "testdata/policies/no-such-file.json"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: testdata/policies/no-such-file.json: no such file or directory\n",
		},
		{
			name:       "unknown kind",
			args:       []string{"lint", "--type", "group", "-"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: unknown policy kind \"group\" (want one of identity, resource, trust, boundary, session, scp, rcp, endpoint)\n",
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
