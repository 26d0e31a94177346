package cli

import (
	"slices"
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
		policyFile = "testdata/reqcheck/deny-typo.json"
		scenario   = "testdata/reqcheck/deny-typo.yaml"
		typo       = policyFile + `:13:18: unknown action "s3:GetObjectt"; did you mean "s3:GetObject"? ` +
			`(the statement matches no request for it; lint rule action-unknown)`
		pattern = policyFile + `:13:35: action pattern "s3:Gett*" matches no s3 action ` +
			`(the statement matches no request for it; lint rule action-unknown)`
		// warnings is what every command says of the policy, once.
		warnings = "iamsim: warning: " + typo + "\niamsim: warning: " + pattern + "\n"
	)
	eval := []string{
		"eval",
		"--principal", testPrincipal,
		"--action", "s3:GetObject",
		"--resource", "arn:aws:s3:::mybucket/secrets/key.txt",
		"--identity", policyFile,
	}
	runCases(t, []cliCase{
		{
			name:   "eval",
			args:   eval,
			golden: "reqcheck/policy-actions-eval.golden",
		},
		{
			name:   "eval, two resources",
			args:   extend(eval, "--resource", "arn:aws:s3:::mybucket/alice/notes.txt"),
			golden: "reqcheck/policy-actions-eval-two.golden",
		},
		{
			name:   "eval, allowed",
			args:   extend(eval, "--allow-unknown-actions", "--format", "json"),
			golden: "reqcheck/policy-actions-eval.json.golden",
		},
		{
			name:       "eval --scenario",
			args:       []string{"eval", "--scenario", scenario, "--format", "json"},
			wantCode:   ExitFindings,
			golden:     "reqcheck/policy-actions-eval-scenario.json.golden",
			wantStderr: "1 of 2 requests did not get the expected decision\n",
		},
		{
			name:     "test",
			args:     []string{"test", scenario},
			wantCode: ExitFindings,
			golden:   "reqcheck/policy-actions-test.golden",
		},
		{
			name:     "test, junit",
			args:     []string{"test", "--format", "junit", scenario},
			wantCode: ExitFindings,
			golden:   "reqcheck/policy-actions-test.junit.golden",
			wantStderr: warnings +
				"iamsim: warning: testdata/reqcheck/deny-typo.yaml:16:7: " + secureTransprotWarning + "\n" +
				"1 passed, 1 failed\n",
		},
		{
			name: "simulate-custom-policy",
			args: []string{
				"simulate-custom-policy",
				"--policy-input-list", "file://" + policyFile,
				"--action-names", "s3:GetObject", "s3:PutObject",
				"--resource-arns", "arn:aws:s3:::mybucket/secrets/key.txt",
			},
			golden: "reqcheck/policy-actions-simulate.golden",
			wantStderr: warnings +
				"iamsim: warning: arn:aws:s3:::mybucket/secrets/key.txt: " +
				"the resource account was assumed to be 123456789012, the principal's, " +
				"since the resource ARN names no account and nothing gave one: " +
				"the request is decided as same-account; give the owner with --resource-owner\n",
		},
		{
			name: "simulate-principal-policy, once for two actions",
			args: []string{
				"simulate-principal-policy",
				"--account-details", "testdata/accounts/222222222222.json",
				"--policy-source-arn", "arn:aws:iam::222222222222:user/alice",
				"--policy-input-list", "file://" + policyFile,
				"--action-names", "s3:GetObject", "s3:PutObject",
				"--resource-arns", "arn:aws:s3:::acme-dev-data/home/alice/a.txt",
				"--resource-owner", "222222222222",
			},
			golden:     "reqcheck/policy-actions-simulate-principal.golden",
			wantStderr: warnings,
		},
		{
			name: "batch with account data, once for two policy sets",
			args: slices.Concat([]string{"eval"}, accountFlags, []string{"--identity", policyFile, "--requests", "-"}),
			stdin: `{"principal": "arn:aws:iam::222222222222:user/alice", "action": "s3:GetObject",` +
				` "resource": "arn:aws:s3:::acme-dev-data/home/alice/a.txt"}` + "\n" +
				`{"principal": "arn:aws:iam::222222222222:role/deploy", "action": "s3:GetObject",` +
				` "resource": "arn:aws:s3:::acme-dev-artifacts/web/b.zip"}` + "\n",
			golden:     "reqcheck/policy-actions-batch-accounts.golden",
			wantStderr: warnings,
		},
		{
			name:       "batch",
			args:       []string{"eval", "--requests", "testdata/reqcheck/deny-typo.jsonl", "--identity", policyFile},
			wantCode:   ExitFindings,
			golden:     "reqcheck/policy-actions-batch.golden",
			wantStderr: warnings + "1 of 2 requests did not get the expected decision\n",
		},
	})
}
