package cli

import (
	"testing"
)

// TestPolicyActionWarnings checks that a policy statement naming an
// action the catalog does not know (a Deny on s3:GetObjectt, which denies
// nothing) is a positioned warning with "did you mean" in every command
// that loads policies: eval (text and JSON, once however many requests),
// test (text, and JUnit's <system-err>), simulate-* and batch (once per
// policy set); --allow-unknown-actions does not silence it.
func TestPolicyActionWarnings(t *testing.T) {
	const (
		typo    = `testdata/reqcheck/deny-typo.json:13:18: unknown action "s3:GetObjectt"; did you mean "s3:GetObject"? (the statement matches no request for it; lint rule action-unknown)`
		pattern = `testdata/reqcheck/deny-typo.json:13:35: action pattern "s3:Gett*" matches no s3 action (the statement matches no request for it; lint rule action-unknown)`
	)
	eval := []string{"eval", "--principal", "arn:aws:iam::111122223333:user/alice", "--action", "s3:GetObject",
		"--resource", "arn:aws:s3:::mybucket/secrets/key.txt", "--identity", "testdata/reqcheck/deny-typo.json"}
	runCases(t, []cliCase{
		{name: "eval", args: eval, golden: "reqcheck/policy-actions-eval.golden"},
		{name: "eval, two resources", args: append(eval, "--resource", "arn:aws:s3:::mybucket/alice/notes.txt"),
			golden: "reqcheck/policy-actions-eval-two.golden"},
		{name: "eval, allowed", args: append(eval, "--allow-unknown-actions", "--format", "json"),
			golden: "reqcheck/policy-actions-eval.json.golden"},
		{name: "eval --scenario", args: []string{"eval", "--scenario", "testdata/reqcheck/deny-typo.yaml", "--format", "json"},
			wantCode: ExitFindings, golden: "reqcheck/policy-actions-eval-scenario.json.golden",
			wantStderr: "1 of 2 requests did not get the expected decision\n"},
		{name: "test", args: []string{"test", "testdata/reqcheck/deny-typo.yaml"},
			wantCode: ExitFindings, golden: "reqcheck/policy-actions-test.golden"},
		{name: "test, junit", args: []string{"test", "--format", "junit", "testdata/reqcheck/deny-typo.yaml"},
			wantCode: ExitFindings, golden: "reqcheck/policy-actions-test.junit.golden",
			wantStderr: "iamsim: warning: " + typo + "\niamsim: warning: " + pattern + "\n" +
				"iamsim: warning: testdata/reqcheck/deny-typo.yaml:16:7: unknown context key \"aws:SecureTransprot\": not a global condition key, and no supplied policy uses it (did you mean \"aws:SecureTransport\"?)\n" +
				"1 passed, 1 failed\n"},
		{name: "simulate-custom-policy", args: []string{"simulate-custom-policy", "--policy-input-list", "file://testdata/reqcheck/deny-typo.json",
			"--action-names", "s3:GetObject", "s3:PutObject", "--resource-arns", "arn:aws:s3:::mybucket/secrets/key.txt"},
			golden: "reqcheck/policy-actions-simulate.golden",
			wantStderr: "iamsim: warning: " + typo + "\niamsim: warning: " + pattern + "\n" +
				"iamsim: warning: arn:aws:s3:::mybucket/secrets/key.txt: the resource account was assumed to be 123456789012, the principal's, since the resource ARN names no account and nothing gave one: the request is decided as same-account; give the owner with --resource-owner\n"},
		{name: "simulate-principal-policy, once for two actions", args: []string{"simulate-principal-policy", "--account-details", "testdata/accounts/222222222222.json",
			"--policy-source-arn", "arn:aws:iam::222222222222:user/alice", "--policy-input-list", "file://testdata/reqcheck/deny-typo.json",
			"--action-names", "s3:GetObject", "s3:PutObject", "--resource-arns", "arn:aws:s3:::acme-dev-data/home/alice/a.txt", "--resource-owner", "222222222222"},
			golden:     "reqcheck/policy-actions-simulate-principal.golden",
			wantStderr: "iamsim: warning: " + typo + "\niamsim: warning: " + pattern + "\n"},
		{name: "batch with account data, once for two policy sets", args: append(append([]string{"eval"}, accountFlags...),
			"--identity", "testdata/reqcheck/deny-typo.json", "--requests", "-"),
			stdin: `{"principal": "arn:aws:iam::222222222222:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::acme-dev-data/home/alice/a.txt"}
{"principal": "arn:aws:iam::222222222222:role/deploy", "action": "s3:GetObject", "resource": "arn:aws:s3:::acme-dev-artifacts/web/b.zip"}
`,
			golden:     "reqcheck/policy-actions-batch-accounts.golden",
			wantStderr: "iamsim: warning: " + typo + "\niamsim: warning: " + pattern + "\n"},
		{name: "batch", args: []string{"eval", "--requests", "testdata/reqcheck/deny-typo.jsonl", "--identity", "testdata/reqcheck/deny-typo.json"},
			wantCode: ExitFindings, golden: "reqcheck/policy-actions-batch.golden",
			wantStderr: "iamsim: warning: " + typo + "\niamsim: warning: " + pattern + "\n" +
				"1 of 2 requests did not get the expected decision\n"},
	})
}
