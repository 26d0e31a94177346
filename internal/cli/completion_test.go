package cli

import "testing"

// TestCompletionShell checks that iamsim completion without a shell, or
// with a word that names none, is a usage error naming the shells, not
// cobra's help with exit 0.
func TestCompletionShell(t *testing.T) {
	runCases(t, []cliCase{
		{name: "unknown shell", args: []string{"completion", "foo"}, wantCode: ExitInput,
			wantStderr: "iamsim: completion: unknown shell \"foo\": want bash, fish, powershell or zsh\n"},
		{name: "misspelt shell", args: []string{"completion", "zhs"}, wantCode: ExitInput,
			wantStderr: "iamsim: completion: unknown shell \"zhs\"; did you mean zsh?\n"},
		{name: "no shell", args: []string{"completion"}, wantCode: ExitInput,
			wantStderr: "iamsim: completion needs a SHELL: bash, fish, powershell or zsh\n"},
	})
	code, stdout, stderr := run(t, "", "completion", "bash")
	if code != ExitOK || stderr != "" || len(stdout) == 0 {
		t.Errorf("completion bash: exit %d, %d bytes of script, stderr %q; want the script", code, len(stdout), stderr)
	}
}
