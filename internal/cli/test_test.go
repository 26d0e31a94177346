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
