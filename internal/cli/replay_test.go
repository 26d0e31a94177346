package cli

import (
	"testing"
)

const oldPolicy = "testdata/batch/identity-app-old.json"

// TestReplayDiff runs replay diffs (eval --requests with a baseline) on
// the request and CloudTrail files of testdata/batch, the old policy
// against the new: only the requests whose decision changes are written,
// the counts go to standard error, and a change is exit status 1.
func TestReplayDiff(t *testing.T) {
	const sessions = "testdata/accounts/session-policies/"
	accounts := append(append([]string{"eval", "--requests", "testdata/golden/inputs/replay/deploy-calls.jsonl"}, accountFlags...),
		"--session-policy", sessions+"read-only-s3.json")
	runCases(t, []cliCase{
		{name: "request lines", args: []string{"eval", "--requests", "testdata/batch/requests.jsonl", "--identity", newPolicy, "--baseline-identity", oldPolicy},
			wantCode: ExitInput, golden: "replay-requests.golden",
			wantStderr: "8 of 13 requests were malformed\n5 requests, 2 changed: 2 newly denied, 0 newly allowed\n"},
		{name: "the other way", args: []string{"eval", "--requests", "testdata/batch/calls.jsonl", "--identity", oldPolicy, "--baseline-identity", newPolicy},
			wantCode: ExitFindings, golden: "replay-the-other-way.golden",
			wantStderr: "3 requests, 1 changed: 0 newly denied, 1 newly allowed\n"},
		{name: "cloudtrail", args: []string{"eval", "--requests", "testdata/batch/cloudtrail-2026-11-20.json", "--identity", newPolicy, "--baseline-identity", oldPolicy},
			wantCode: ExitInput, golden: "replay-cloudtrail.golden",
			wantStderr: "1 of 14 requests was malformed\n13 requests, 2 changed: 2 newly denied, 0 newly allowed\n"},
		{name: "no change", args: []string{"eval", "--requests", "testdata/batch/calls.jsonl", "--identity", newPolicy, "--baseline-identity", newPolicy},
			wantCode: ExitOK, wantStderr: "3 requests, 0 changed\n"},
		{name: "a denial that changes kind", args: []string{"eval", "--requests", "-", "--identity", newPolicy,
			"--baseline-identity", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}}`},
			stdin:    `{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:PutObject", "resource": "arn:aws:s3:::example-app-data/k", "context": {"aws:SourceIp": "198.51.100.7"}}` + "\n",
			wantCode: ExitFindings, golden: "replay-denial-changed.golden",
			wantStderr: "1 request, 1 changed: 0 newly denied, 0 newly allowed, 1 denied another way\n"},
		{name: "a policy the change adds", args: []string{"eval", "--requests", "testdata/batch/calls.jsonl", "--identity", newPolicy,
			"--boundary", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:List*", "Resource": "*"}}`, "--baseline-boundary", "none"},
			wantCode: ExitFindings, golden: "replay-boundary-added.golden",
			wantStderr: "3 requests, 1 changed: 1 newly denied, 0 newly allowed\n"},
		{name: "verbose", args: []string{"eval", "--requests", "testdata/batch/calls.jsonl", "--identity", newPolicy, "--baseline-identity", oldPolicy, "--verbose"},
			wantCode: ExitFindings, golden: "replay-verbose.golden",
			wantStderr: "3 requests, 1 changed: 1 newly denied, 0 newly allowed\n"},
		{name: "scenarios", args: []string{"eval", "--requests", "testdata/batch/home-dirs.jsonl", "--scenario", "testdata/scenarios/s3-home-dirs.yaml",
			"--baseline-scenario", "testdata/scenarios/s3-home-dirs.yaml"},
			wantCode: ExitOK, wantStderr: "2 requests, 0 changed\n"},
		{name: "account data, a baseline session policy", args: append(accounts, "--baseline-session-policy", sessions+"publish-web-artifacts.json"),
			wantCode: ExitFindings, golden: "replay-accounts.golden",
			wantStderr: "2 requests, 2 changed: 1 newly denied, 1 newly allowed\n"},
	})
}

// TestReplayDiffRefusals checks the flags a replay diff refuses, and
// that a malformed baseline is one positioned error, exit status 2.
func TestReplayDiffRefusals(t *testing.T) {
	requests, scenario := "testdata/batch/calls.jsonl", "testdata/scenarios/s3-home-dirs.yaml"
	runCases(t, []cliCase{
		{name: "without --requests", args: []string{"eval", "--principal", testPrincipal, "--action", "s3:GetObject", "--resource", "*", "--identity", newPolicy, "--baseline-identity", oldPolicy},
			wantCode: ExitInput, wantStderr: "iamsim: --baseline-identity applies to batch mode: give --requests FILE\n"},
		{name: "--expect", args: []string{"eval", "--requests", requests, "--identity", newPolicy, "--baseline-identity", oldPolicy, "--expect", "allowed"},
			wantCode: ExitInput, wantStderr: "iamsim: a --baseline- flag gives the old policies of a replay diff: do not combine it with --principal, --principal-resource, --action, --resource, --resource-account, --role-arn or --expect\n"},
		{name: "a baseline policy flag with --scenario", args: []string{"eval", "--requests", requests, "--scenario", scenario, "--baseline-identity", oldPolicy},
			wantCode: ExitInput, wantStderr: "iamsim: --scenario gives the policies: do not combine it with --baseline-identity (only --now, --format, --verbose, --expect, --requests, --strict, --allow-unknown-actions, --baseline-scenario)\n"},
		{name: "--baseline-scenario without --scenario", args: []string{"eval", "--requests", requests, "--identity", newPolicy, "--baseline-scenario", scenario},
			wantCode: ExitInput, wantStderr: "iamsim: --baseline-scenario gives the old side of the policies of --scenario: give --scenario FILE, or the old policies with --baseline-identity and the other baseline flags\n"},
		{name: "--baseline-scenario without --requests", args: []string{"eval", "--scenario", scenario, "--baseline-scenario", scenario},
			wantCode: ExitInput, wantStderr: "iamsim: --baseline-scenario applies to batch mode: give --requests FILE\n"},
		{name: "standard input twice", args: []string{"eval", "--requests", requests, "--identity", "-", "--baseline-identity", "-"},
			wantCode: ExitInput, wantStderr: "iamsim: standard input (-) can be read only once: give one of --requests, a policy flag and a baseline policy flag as -\n"},
		{name: "--baseline-scp with --org", args: append(append([]string{"eval", "--requests", requests}, accountFlags...), "--baseline-scp", newPolicy),
			wantCode: ExitInput, wantStderr: "iamsim: --org gives the SCPs and RCPs of both sides: do not combine it with --baseline-scp or --baseline-rcp\n"},
		{name: "a malformed baseline", args: []string{"eval", "--requests", requests, "--identity", newPolicy, "--baseline-identity", "testdata/golden/inputs/replay/identity-bad.json"},
			wantCode: ExitInput, wantStderr: "iamsim: testdata/golden/inputs/replay/identity-bad.json:4:16: E008 Effect \"Alow\" must be exactly \"Allow\" or \"Deny\"; did you mean \"Allow\"?\n" +
				"        {\"Effect\": \"Alow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}\n" +
				"                   ^\n"},
		{name: "a malformed baseline scenario", args: []string{"eval", "--requests", "testdata/batch/home-dirs.jsonl", "--scenario", scenario,
			"--baseline-scenario", "testdata/golden/inputs/test-broken/c-bad-policy.json"},
			wantCode: ExitInput, wantStderr: "iamsim: testdata/golden/inputs/test-broken/c-bad-policy.json:3:80: E008 Effect \"Alow\" must be exactly \"Allow\" or \"Deny\"; did you mean \"Allow\"?\n" +
				"                                {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Alow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}\n" +
				"                                                                                   ^\n"},
		{name: "a malformed inline baseline names its flag", args: []string{"eval", "--requests", requests, "--identity", newPolicy, "--baseline-identity", `{"Version": "2012-10-17", "Statement": [}`},
			wantCode: ExitInput, wantStderr: "iamsim: --baseline-identity:1:41: E001 expected a value (a string in double quotes, a number, true, false, null, an object or an array), found '}'\n" +
				"    {\"Version\": \"2012-10-17\", \"Statement\": [}\n" +
				"                                            ^\n"},
		{name: "a missing baseline", args: []string{"eval", "--requests", requests, "--identity", newPolicy, "--baseline-scp", "testdata/batch/none.json"},
			wantCode: ExitInput, wantStderr: "iamsim: testdata/batch/none.json: no such file or directory (--baseline-scp takes a policy file, inline JSON starting with {, - for standard input, or an AWS managed policy ARN)\n"},
	})
}
