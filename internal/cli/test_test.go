package cli

import "testing"

// TestTestBrokenFiles checks that iamsim test reports each scenario file
// it cannot load (and each request it cannot prepare) as an error at its
// file:line:col, runs every other file, and exits 2 after the results.
func TestTestBrokenFiles(t *testing.T) {
	const dir = "testdata/golden/inputs/test-broken"
	problems := "iamsim: " + dir + `/b-bad-account.yaml:10:22: resourceAccount "aws": want a 12-digit account ID, such as 111122223333` + "\n" +
		"iamsim: " + dir + `/c-bad-policy.json:3:80: E008 Effect "Alow" must be exactly "Allow" or "Deny"; did you mean "Allow"?` + "\n" +
		`                                {"Version": "2012-10-17", "Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}]}` + "\n" +
		`                                                                                   ^` + "\n" +
		"iamsim: " + dir + "/d-truncated.json:3:16: unexpected end of input: the document is not closed\n"
	runCases(t, []cliCase{
		{name: "text", args: []string{"test", dir}, wantCode: ExitInput, golden: "test-broken.golden",
			wantStderr: problems},
		{name: "junit", args: []string{"test", "--format", "junit", dir}, wantCode: ExitInput, golden: "test-broken-junit.golden",
			wantStderr: problems + "1 passed, 1 failed, 3 errors\n"},
	})
}

// TestTestSaysWhatAnswersRestOn checks that a green iamsim test means
// what it says: an unreliable decision fails even when it is the
// expected one (as eval exits 1 for it; docs/limits.md, "Bad values"),
// and the notes a result carries (here, a resource account assumed to
// be the principal's) reach the JUnit file and, with --verbose, the
// text output.
func TestTestSaysWhatAnswersRestOn(t *testing.T) {
	runCases(t, []cliCase{
		{name: "unreliable fails", args: []string{"test", "testdata/golden/inputs/test-unreliable.yaml"},
			wantCode: ExitFindings, golden: "test-unreliable.golden"},
		{name: "unreliable fails, junit", args: []string{"test", "--format", "junit", "testdata/golden/inputs/test-unreliable.yaml"},
			wantCode: ExitFindings, golden: "test-unreliable-junit.golden", wantStderr: "0 passed, 1 failed\n"},
		{name: "notes with --verbose", args: []string{"test", "--verbose", "--run", "own home prefix", "testdata/scenarios/s3-home-dirs.yaml"},
			golden: "test-verbose-notes.golden"},
		{name: "notes in junit", args: []string{"test", "--format", "junit", "--run", "own home prefix", "testdata/scenarios/s3-home-dirs.yaml"},
			golden: "test-notes-junit.golden", wantStderr: "1 passed, 0 failed\n"},
	})
}
