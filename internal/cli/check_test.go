package cli

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	runCases(t, []cliCase{
		{
			name:     "access-not-granted fails with a witness",
			args:     []string{"check", "access-not-granted", "--action", "s3:PutObject,s3:DeleteObject", "testdata/checks/s3-write.json"},
			wantCode: ExitFindings, golden: "check-access-s3-write.golden",
		},
		{
			name:     "access-not-granted passes",
			args:     []string{"check", "access-not-granted", "--action", "s3:DeleteObject", "testdata/checks/s3-write.json"},
			wantCode: ExitOK, golden: "check-access-pass.golden",
		},
		{
			name: "access-not-granted over resources, several policies",
			args: []string{"check", "access-not-granted", "--resource", "arn:aws:s3:::reports/private/*", "testdata/checks/s3-write.json",
				"testdata/checks/mfa-delete.json", "testdata/checks/queue-cross-account.json"},
			wantCode: ExitFindings, golden: "check-access-resources.golden",
		},
		{
			name:     "access-not-granted as JSON",
			args:     []string{"check", "access-not-granted", "--action", "s3:DeleteObject", "--format", "json", "testdata/checks/mfa-delete.json", "testdata/checks/admin-deny-iam.json"},
			wantCode: ExitFindings, golden: "check-access.json.golden",
		},
		{
			name:     "access-not-granted of a resource policy given by --type",
			args:     []string{"check", "access-not-granted", "--type", "resource", "--action", "sqs:DeleteQueue,sqs:SendMessage", "testdata/checks/queue-cross-account.json"},
			wantCode: ExitFindings, golden: "check-access-queue.golden",
		},
		{
			name:     "no-public-access fails",
			args:     []string{"check", "no-public-access", "--resource-type", "AWS::S3::Bucket", "testdata/checks/bucket-public.json", "testdata/checks/bucket-org.json", "testdata/checks/bucket-org-like.json"},
			wantCode: ExitFindings, golden: "check-public-buckets.golden",
		},
		{
			name:     "no-public-access passes with a Deny outside a VPC endpoint",
			args:     []string{"check", "no-public-access", "--resource-type", "AWS::SQS::Queue", "testdata/checks/queue-deny-outside-vpce.json"},
			wantCode: ExitOK, golden: "check-public-pass.golden",
		},
		{
			name:     "no-public-access of a trust policy as JSON",
			args:     []string{"check", "no-public-access", "--resource-type", "AWS::IAM::AssumeRolePolicyDocument", "--format", "json", "testdata/checks/trust-google.json"},
			wantCode: ExitFindings, golden: "check-public-trust.json.golden",
		},
		{
			name: "check without a check", args: []string{"check"},
			wantCode: ExitInput, wantStderr: "iamsim: check needs a check: access-not-granted, no-public-access or no-new-access\n",
		},
		{
			name: "an unknown check", args: []string{"check", "no-new-acess"},
			wantCode: ExitInput, wantStderr: "iamsim: check: unknown check \"no-new-acess\": want access-not-granted, no-public-access or no-new-access\n",
		},
		{
			name: "access-not-granted without access", args: []string{"check", "access-not-granted", "testdata/checks/s3-write.json"},
			wantCode: ExitInput, wantStderr: "iamsim: access-not-granted needs --action or --resource\n",
		},
		{
			name: "access-not-granted without a policy", args: []string{"check", "access-not-granted", "--action", "s3:GetObject"},
			wantCode: ExitInput, wantStderr: "iamsim: access-not-granted needs a POLICY\n",
		},
		{
			name: "an action no catalog action matches", args: []string{"check", "access-not-granted", "--action", "s3:GetObjekt", "testdata/checks/s3-write.json"},
			wantCode: ExitInput, wantStderr: "iamsim: --action \"s3:GetObjekt\": no action of the service catalog matches it; did you mean s3:GetObject?\n",
		},
		{
			name: "no-public-access without a resource type", args: []string{"check", "no-public-access", "testdata/checks/bucket-public.json"},
			wantCode: ExitInput, wantStderr: "iamsim: no-public-access needs --resource-type\n",
		},
		{
			name: "a resource type Access Analyzer does not take", args: []string{"check", "no-public-access", "--resource-type", "AWS::S3::Buckets", "testdata/checks/bucket-public.json"},
			wantCode: ExitInput, wantStderr: "iamsim: --resource-type \"AWS::S3::Buckets\": not a resource type Access Analyzer checks for public access; did you mean AWS::S3::Bucket?\n",
		},
		{
			name: "no-public-access of an identity policy", args: []string{"check", "no-public-access", "--type", "identity", "--resource-type", "AWS::S3::Bucket", "testdata/checks/s3-write.json"},
			wantCode: ExitInput, wantStderr: "iamsim: --type \"identity\": no-public-access checks a resource policy: want resource or trust\n",
		},
		{
			name: "a bad format", args: []string{"check", "access-not-granted", "--action", "s3:GetObject", "--format", "sarif", "testdata/checks/s3-write.json"},
			wantCode: ExitInput, wantStderr: "iamsim: --format \"sarif\": want text or json\n",
		},
		{
			name: "a malformed policy", args: []string{"check", "access-not-granted", "--action", "s3:GetObject", "-"},
			stdin:    `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*",}]}`,
			wantCode: ExitInput,
			wantStderr: "iamsim: <stdin>:1:94: E001 trailing comma before }: JSON allows no comma after the last entry\n" +
				"    {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\",}]}\n" +
				"                                                                                                 ^\n",
		},
	})
}

// TestCheckWitnessesRun runs the eval command of every witness the checks'
// golden outputs show: each must decide allowed.
func TestCheckWitnessesRun(t *testing.T) {
	for _, args := range [][]string{
		{"check", "access-not-granted", "--action", "s3:PutObject", "testdata/checks/s3-write.json"},
		{"check", "access-not-granted", "--resource", "arn:aws:s3:::reports/private/*", "testdata/checks/s3-write.json", "testdata/checks/mfa-delete.json"},
		{"check", "access-not-granted", "--type", "resource", "--action", "sqs:SendMessage", "testdata/checks/queue-cross-account.json"},
		{"check", "no-public-access", "--resource-type", "AWS::S3::Bucket", "testdata/checks/bucket-public.json", "testdata/checks/bucket-org-like.json"},
		{"check", "no-public-access", "--resource-type", "AWS::KMS::Key", "testdata/checks/key-via-service.json"},
	} {
		_, stdout, _ := run(t, "", args...)
		cmds := witnessCommands(t, stdout)
		for _, words := range cmds {
			code, out, stderr := run(t, "", words...)
			if code != ExitOK || !strings.Contains(out, "\nDecision: allowed\n") {
				t.Errorf("iamsim %s: exit %d, %s%s", strings.Join(words, " "), code, out, stderr)
			}
		}
		n := len(cmds)
		if n == 0 {
			t.Errorf("%v shows no witness:\n%s", args, stdout)
		}
	}
}

// witnessCommands returns the arguments of every witness command a
// check's text output shows.
func witnessCommands(t *testing.T, stdout string) [][]string {
	t.Helper()
	var out [][]string
	for _, line := range strings.Split(stdout, "\n") {
		cmd, ok := strings.CutPrefix(strings.TrimSpace(line), "witness: iamsim ")
		if !ok {
			continue
		}
		words, err := shellWords(cmd, nil)
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		out = append(out, words)
	}
	return out
}
