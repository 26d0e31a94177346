package cli

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tooLarge is the error for a file at path past a size limit, as the
// flag that raises it names it.
func tooLarge(path, size, flag string) string {
	return fmt.Sprintf("iamsim: %s: the file is larger than %s, the most iamsim reads of one file (raise it with %s)\n",
		path, size, flag)
}

// wantByteCount is what a size flag says of a value that is not a size.
const wantByteCount = "want a number of bytes, optionally with KiB, MiB or GiB (1048576, 512KiB, 1MiB)"

// TestMaxFileSize checks that --max-file-size bounds each file the
// commands that take it read, and that bad sizes are refused.
func TestMaxFileSize(t *testing.T) {
	runCases(t, []cliCase{
		{
			name:       "lint",
			args:       []string{"--max-file-size", "64", "lint", "testdata/hostile/policy.json"},
			wantCode:   ExitInput,
			wantStderr: tooLarge("testdata/hostile/policy.json", "64 bytes", "--max-file-size"),
		},
		{
			name:       "lint from standard input",
			args:       []string{"lint", "--max-file-size", "64", "-"},
			stdin:      strings.Repeat(" ", 65),
			wantCode:   ExitInput,
			wantStderr: tooLarge("<stdin>", "64 bytes", "--max-file-size"),
		},
		{
			name:       "lint within the limit",
			args:       []string{"--max-file-size", "16KiB", "lint", "--fail-on", "error", "testdata/policies/identity-abac-tags.json"},
			wantStderr: "0 errors, 0 warnings, 0 notes in 1 file\n",
		},
		{
			name:       "test: the scenario",
			args:       []string{"test", "--max-file-size", "64", "testdata/cases/s3-home-dirs.yaml"},
			wantCode:   ExitInput,
			golden:     "test-one-error.golden",
			wantStderr: tooLarge("testdata/cases/s3-home-dirs.yaml", "64 bytes", "--max-file-size"),
		},
		{
			name:       "bad size",
			args:       []string{"--max-file-size", "1MB", "lint", "x.json"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --max-file-size \"1MB\": " + wantByteCount + "\n",
		},
		{
			name:       "zero",
			args:       []string{"--max-file-size", "0", "lint", "x.json"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --max-file-size \"0\": the size must be at least 1 byte\n",
		},
	})
}

// TestLimitFlags checks that eval (batch mode too) and the simulate commands honour
// --max-file-size for every file they read, that --max-export-size bounds
// account exports, and that the parser limit flags reach the parser.
func TestLimitFlags(t *testing.T) {
	const (
		homeScenario = "testdata/cases/s3-home-dirs.yaml"
		policyFile   = "testdata/hostile/policy.json"
		tabs         = "testdata/hostile/tab.yaml"
		org          = "testdata/accounts/organization.yaml"
		requests     = "testdata/batch/requests.jsonl"
		// policySource is policyFile's one line, shown under its problems.
		policySource = "    {\"Version\": \"2012-10-17\", \"Statement\": " +
			"[{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}\n"
	)
	request := []string{"--principal", testPrincipal, "--action", "s3:GetObject", "--resource", "*"}
	orgAdmin := []string{
		"--principal", orgAdminPrincipal,
		"--action", "s3:GetObject",
		"--resource", "*",
		"--account-details", validExport,
	}
	args := func(lists ...[]string) []string {
		var out []string
		for _, l := range lists {
			out = append(out, l...)
		}
		return out
	}
	runCases(t, []cliCase{
		{
			name:       "eval --scenario",
			args:       []string{"--max-file-size", "64", "eval", "--scenario", homeScenario},
			wantCode:   ExitInput,
			wantStderr: tooLarge(homeScenario, "64 bytes", "--max-file-size"),
		},
		{
			name:       "eval --context-file",
			args:       args([]string{"eval", "--max-file-size", "8"}, request, []string{"--context-file", tabs}),
			wantCode:   ExitInput,
			wantStderr: tooLarge(tabs, "8 bytes", "--max-file-size"),
		},
		{
			name:       "eval --identity",
			args:       args([]string{"eval", "--max-file-size", "64"}, request, []string{"--identity", policyFile}),
			wantCode:   ExitInput,
			wantStderr: tooLarge(policyFile, "64 bytes", "--max-file-size"),
		},
		{
			name:       "eval --identity from standard input",
			args:       args([]string{"eval", "--max-file-size", "64"}, request, []string{"--identity", "-"}),
			stdin:      strings.Repeat(" ", 65),
			wantCode:   ExitInput,
			wantStderr: tooLarge("<stdin>", "64 bytes", "--max-file-size"),
		},
		{
			name: "simulate-custom-policy, root flag first",
			args: []string{
				"--max-file-size", "64",
				"simulate-custom-policy",
				"--action-names", "s3:GetObject", "s3:PutObject",
				"--policy-input-list", "file://" + policyFile,
			},
			wantCode:   ExitInput,
			wantStderr: tooLarge(policyFile, "64 bytes", "--max-file-size"),
		},
		{
			name:       "eval --account-details",
			args:       args([]string{"--max-export-size", "1KiB", "eval"}, orgAdmin),
			wantCode:   ExitInput,
			wantStderr: tooLarge(validExport, "1 KiB", "--max-export-size"),
		},
		{
			name: "can --account-details",
			args: []string{
				"--max-export-size", "1KiB",
				"can", "--principal", orgAdminPrincipal, "--account-details", validExport,
			},
			wantCode:   ExitInput,
			wantStderr: tooLarge(validExport, "1 KiB", "--max-export-size"),
		},
		{
			name: "who-can --account-details",
			args: []string{
				"--max-export-size", "1KiB",
				"who-can", "--action", "s3:GetObject", "--resource", "*", "--account-details", validExport,
			},
			wantCode:   ExitInput,
			wantStderr: tooLarge(validExport, "1 KiB", "--max-export-size"),
		},
		{
			name:       "eval --requests --account-details",
			args:       []string{"--max-export-size", "1KiB", "eval", "--requests", requests, "--account-details", validExport},
			wantCode:   ExitInput,
			wantStderr: tooLarge(validExport, "1 KiB", "--max-export-size"),
		},
		// Batch mode reads its scenario, policies, context and account
		// files through the same limits as eval (issue 14).
		{
			name:       "eval --requests --scenario",
			args:       []string{"--max-file-size", "64", "eval", "--requests", requests, "--scenario", homeScenario},
			wantCode:   ExitInput,
			wantStderr: tooLarge(homeScenario, "64 bytes", "--max-file-size"),
		},
		{
			name:     "eval --requests --scenario --max-depth",
			args:     []string{"--max-depth", "2", "eval", "--requests", requests, "--scenario", homeScenario},
			wantCode: ExitInput,
			wantStderr: "iamsim: testdata/policies/identity-s3-home-dirs.json:4:9: E024 arrays and objects nest more than 2 levels deep\n" +
				"            {\n" +
				"            ^\n",
		},
		{
			name:       "eval --requests --identity",
			args:       []string{"--max-file-size", "64", "eval", "--requests", requests, "--identity", policyFile},
			wantCode:   ExitInput,
			wantStderr: tooLarge(policyFile, "64 bytes", "--max-file-size"),
		},
		{
			name:       "eval --requests --context-file",
			args:       []string{"--max-file-size", "8", "eval", "--requests", requests, "--context-file", tabs},
			wantCode:   ExitInput,
			wantStderr: tooLarge(tabs, "8 bytes", "--max-file-size"),
		},
		{
			name: "eval --requests --org",
			args: []string{
				"--max-file-size", "64",
				"eval", "--requests", requests, "--account-details", validExport, "--org", org,
			},
			wantCode:   ExitInput,
			wantStderr: tooLarge(org, "64 bytes", "--max-file-size"),
		},
		{
			name:       "eval --org",
			args:       args([]string{"--max-file-size", "64", "eval"}, orgAdmin, []string{"--org", org}),
			wantCode:   ExitInput,
			wantStderr: tooLarge(org, "64 bytes", "--max-file-size"),
		},
		{
			name: "simulate-principal-policy --account-details",
			args: []string{
				"--max-export-size=1KiB",
				"simulate-principal-policy",
				"--policy-source-arn", orgAdminPrincipal,
				"--action-names", "s3:GetObject",
				"--account-details", validExport,
			},
			wantCode:   ExitInput,
			wantStderr: tooLarge(validExport, "1 KiB", "--max-export-size"),
		},
		{
			name:     "--max-policy-size",
			args:     args([]string{"--max-policy-size", "16", "eval"}, request, []string{"--identity", policyFile}),
			wantCode: ExitInput,
			wantStderr: "iamsim: testdata/hostile/policy.json:1:17: " +
				"E025 the document has 105 bytes, more than the limit of 16; this is where the limit ends\n" +
				policySource +
				"                    ^\n",
		},
		{
			name:     "--max-depth",
			args:     args([]string{"--max-depth", "2", "eval"}, request, []string{"--identity", policyFile}),
			wantCode: ExitInput,
			wantStderr: "iamsim: testdata/hostile/policy.json:1:41: E024 arrays and objects nest more than 2 levels deep\n" +
				policySource +
				"                                            ^\n",
		},
		{
			name:       "bad --max-depth",
			args:       []string{"--max-depth", "0", "lint", "x.json"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --max-depth \"0\": a limit must be at least 1\n",
		},
		{
			name:       "--max-depth too high",
			args:       []string{"--max-depth", "10001", "lint", "x.json"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --max-depth \"10001\": the limit cannot exceed 10000\n",
		},
		{
			name:       "bad --max-statements",
			args:       []string{"--max-statements", "many", "lint", "x.json"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --max-statements \"many\": want a whole number\n",
		},
		{
			name:       "bad --max-export-size",
			args:       []string{"--max-export-size", "1GB", "lint", "x.json"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --max-export-size \"1GB\": " + wantByteCount + "\n",
		},
	})
	// A run without the flags has the default limits again.
	if code, _, stderr := run(t, "", "lint", "testdata/hostile/policy.json"); code != ExitOK {
		t.Fatalf("lint: exit code %d:\n%s", code, stderr)
	}
}

// TestListFlagsAfterRootFlags checks that the simulate commands' lists
// are expanded when root flags come before the command name.
func TestListFlagsAfterRootFlags(t *testing.T) {
	tests := []struct {
		name       string
		args, want []string
	}{
		{
			name: "flag and value",
			args: []string{"--max-file-size", "2MiB", "simulate-custom-policy", "--action-names", "a", "b"},
			want: []string{"--max-file-size", "2MiB", "simulate-custom-policy", "--action-names", "a", "--action-names", "b"},
		},
		{
			name: "flag=value",
			args: []string{"--max-depth=8", "simulate-principal-policy", "--resource-arns", "x", "y"},
			want: []string{"--max-depth=8", "simulate-principal-policy", "--resource-arns", "x", "--resource-arns", "y"},
		},
		{
			name: "another command",
			args: []string{"--max-file-size", "2MiB", "eval", "--action", "a"},
			want: []string{"--max-file-size", "2MiB", "eval", "--action", "a"},
		},
		{
			name: "no command",
			args: []string{"--max-file-size", "2MiB"},
			want: []string{"--max-file-size", "2MiB"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, expandListFlags(tt.args)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
	code, stdout, stderr := run(t, "",
		"--max-file-size", "2MiB",
		"simulate-custom-policy",
		"--action-names", "s3:GetObject", "s3:PutObject",
		"--policy-input-list", "file://testdata/hostile/policy.json")
	if code != ExitOK || strings.Count(stdout, `"EvalActionName"`) != 2 {
		t.Errorf("exit code %d, want two results:\n%s%s", code, stdout, stderr)
	}
}
