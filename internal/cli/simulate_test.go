package cli

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/internal/api"
)

func TestExpandListFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{
			name: "lists become repeated flags",
			args: []string{
				"simulate-custom-policy",
				"--action-names", "s3:GetObject", "s3:PutObject",
				"--resource-arns", "arn:aws:s3:::b/*",
				"--caller-arn", "arn:aws:iam::111122223333:user/a",
			},
			want: []string{
				"simulate-custom-policy",
				"--action-names", "s3:GetObject", "--action-names", "s3:PutObject",
				"--resource-arns", "arn:aws:s3:::b/*",
				"--caller-arn", "arn:aws:iam::111122223333:user/a",
			},
		},
		{
			name: "flag=value stays",
			args: []string{"simulate-principal-policy", "--action-names=s3:GetObject", "x"},
			want: []string{"simulate-principal-policy", "--action-names=s3:GetObject", "x"},
		},
		{
			name: "other commands are untouched",
			args: []string{"eval", "--action", "a", "b"},
			want: []string{"eval", "--action", "a", "b"},
		},
		{
			name: "no arguments",
			args: nil,
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, expandListFlags(tt.args)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSimulateFlags(t *testing.T) {
	newCmd := func(runF func(*simulateOptions) error) *cobra.Command { return newSimulateCmd(false, runF) }
	got, err := parseOptions(newCmd, []string{
		"--policy-source-arn", "arn:aws:iam::222222222222:user/alice",
		"--account-details", "a.json",
		"--action-names", "s3:GetObject",
		"--action-names", "s3:PutObject",
		"--resource-owner", "222222222222",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := simulateOptions{
		SimulateOptions: api.SimulateOptions{
			PolicySourceARN: "arn:aws:iam::222222222222:user/alice",
			AccountSources:  api.AccountSources{AccountDetails: []string{"a.json"}},
			ActionNames:     []string{"s3:GetObject", "s3:PutObject"},
			ResourceOwner:   "222222222222",
		},
		Output: "json",
	}
	got.Stdin, got.Stdout, got.Stderr = nil, nil, nil
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestSimulateManagementAccount checks that the simulate commands take no
// --management-account: AWS's SimulateCustomPolicy takes no SCPs or RCPs
// (IAM API Reference, SimulateCustomPolicy: its parameters), and
// simulate-principal-policy gets them only from --org, which names the
// management account itself, so the flag could change no answer; neither
// help names it.
func TestSimulateManagementAccount(t *testing.T) {
	for _, args := range [][]string{
		{
			"simulate-custom-policy",
			"--policy-input-list", "file://testdata/policies/identity-s3-home-dirs.json",
		},
		{
			"simulate-principal-policy",
			"--account-details", "testdata/accounts/222222222222.json",
			"--policy-source-arn", "arn:aws:iam::222222222222:user/alice",
		},
	} {
		code, stdout, stderr := run(t, "", append(args, "--action-names", "s3:GetObject", "--management-account", "111122223333")...)
		if code != ExitInput || stdout != "" || !strings.Contains(stderr, "unknown flag --management-account") {
			t.Errorf("%s --management-account: exit %d, stdout %q, stderr %q; want exit 2 and an unknown flag",
				args[0], code, stdout, stderr)
		}
		if _, help, _ := run(t, "", args[0], "--help"); strings.Contains(help, "management-account") {
			t.Errorf("%s --help names --management-account:\n%s", args[0], help)
		}
	}
}

func TestSimulate(t *testing.T) {
	// principal is simulate-principal-policy with the synthetic estate of
	// testdata/accounts.
	principal := []string{
		"simulate-principal-policy",
		"--account-details", "testdata/accounts/111111111111.json",
		"--account-details", "testdata/accounts/222222222222.json",
		"--account-details", "testdata/accounts/333333333333.json",
		"--org", "testdata/accounts/organization.yaml", "--resource-policies", "testdata/accounts",
	}
	// inRegion is principal with a request in eu-west-1 over TLS.
	inRegion := extend(principal,
		"--context-entries",
		"ContextKeyName=aws:RequestedRegion,ContextKeyValues=eu-west-1,ContextKeyType=string",
		"ContextKeyName=aws:SecureTransport,ContextKeyValues=true,ContextKeyType=boolean")
	runCases(t, []cliCase{
		{
			name: "a user of an export, two actions on two resources",
			args: extend(inRegion,
				"--policy-source-arn", "arn:aws:iam::222222222222:user/alice",
				"--action-names", "s3:PutObject", "s3:GetObject",
				"--resource-arns",
				"arn:aws:s3:::acme-dev-data/home/alice/notes.txt",
				"arn:aws:s3:::acme-dev-data/home/bob/notes.txt",
				"--resource-owner", "222222222222"),
			wantCode: ExitOK,
			golden:   "simulate-principal-policy.golden",
		},
		{
			name: "a role whose SCP denies outside the allowed Regions",
			args: extend(principal,
				"--policy-source-arn", "arn:aws:iam::222222222222:role/deploy",
				"--action-names", "ec2:RunInstances",
				"--resource-arns", "arn:aws:ec2:us-east-1:222222222222:instance/i-0abcd1234ef567890",
				"--context-entries", "ContextKeyName=aws:RequestedRegion,ContextKeyValues=us-east-1,ContextKeyType=string"),
			wantCode: ExitOK,
			golden:   "simulate-principal-policy-scp.golden",
		},
		{
			name: "custom policies with a boundary and a resource policy",
			args: []string{
				"simulate-custom-policy",
				"--policy-input-list",
				"file://testdata/policies/identity-s3-home-dirs.json",
				`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}}`,
				"--permissions-boundary-policy-input-list",
				`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}`,
				"--action-names", "s3:GetObject", "sqs:SendMessage",
				"--resource-arns", "arn:aws:s3:::mybucket/alice/notes.txt",
				"--caller-arn", "arn:aws:iam::111122223333:user/alice",
				"--context-entries", "ContextKeyName=aws:SecureTransport,ContextKeyValues=true,ContextKeyType=boolean",
			},
			wantCode: ExitOK,
			golden:   "simulate-custom-policy.golden",
			wantStderr: "iamsim: warning: resource \"arn:aws:s3:::mybucket/alice/notes.txt\" " +
				"is not a resource sqs:SendMessage acts on (queue: arn:${Partition}:sqs:${Region}:${Account}:${QueueName}); " +
				"AWS never authorizes this request as written\n" +
				"iamsim: warning: arn:aws:s3:::mybucket/alice/notes.txt: " +
				"the resource account was assumed to be 111122223333, the principal's, " +
				"since the resource ARN names no account and nothing gave one: the request is decided as same-account; " +
				"give the owner with --resource-owner\n",
		},
		{
			name: "a group's policies, with a user of the group as the caller",
			args: extend(inRegion,
				"--policy-source-arn", "arn:aws:iam::222222222222:group/Developers",
				"--caller-arn", "arn:aws:iam::222222222222:user/alice",
				"--action-names", "s3:GetObject",
				"--resource-owner", "222222222222",
				"--resource-arns",
				"arn:aws:s3:::acme-dev-data/home/alice/notes.txt",
				"arn:aws:s3:::acme-dev-data/home/bob/notes.txt"),
			wantCode: ExitOK,
			golden:   "simulate-principal-policy-group.golden",
		},
		{
			name: "a group without a caller, where no resource policy applies",
			args: extend(inRegion,
				"--policy-source-arn", "arn:aws:iam::222222222222:group/Developers",
				"--action-names", "ecr:GetAuthorizationToken", "sqs:SendMessage",
				"--resource-arns", "*", "arn:aws:sqs:eu-west-1:222222222222:dev-orders"),
			wantCode: ExitOK,
			golden:   "simulate-principal-policy-group-no-caller.golden",
		},
		{
			name: "a group needs a caller where a resource policy applies",
			args: extend(principal,
				"--policy-source-arn", "arn:aws:iam::222222222222:group/Developers",
				"--action-names", "s3:GetObject",
				"--resource-arns", "arn:aws:s3:::acme-dev-data/home/alice/notes.txt"),
			wantCode: ExitInput,
			wantStderr: "iamsim: --caller-arn is required: arn:aws:iam::222222222222:group/Developers is a group, " +
				"which makes no requests, and s3:GetObject on arn:aws:s3:::acme-dev-data/home/alice/notes.txt " +
				"has a resource-based policy whose Principal element needs a caller (AWS requires CallerArn here too)\n",
		},
		{
			name: "a group of the export",
			args: extend(principal,
				"--policy-source-arn", "arn:aws:iam::222222222222:group/Developer",
				"--action-names", "s3:GetObject"),
			wantCode: ExitInput,
			wantStderr: "iamsim: principal arn:aws:iam::222222222222:group/Developer: " +
				"the export of account 222222222222 has no group Developer; did you mean Developers?\n",
		},
		{
			name: "inline policy problems have positions",
			args: []string{
				"simulate-custom-policy",
				"--policy-input-list", `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject"}}`,
				"--action-names", "s3:GetObject",
			},
			wantCode: ExitInput,
			wantStderr: "iamsim: --policy-input-list[0]:1:15: " +
				"E010 the statement has no Resource or NotResource, which identity-based policies require\n" +
				"    {\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"}}\n" +
				"                  ^\n",
		},
		{
			name: "the resource owner is an account",
			args: []string{
				"simulate-custom-policy",
				"--policy-input-list", "file://testdata/policies/identity-s3-home-dirs.json",
				"--action-names", "s3:GetObject",
				"--resource-owner", "me",
			},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --resource-owner \"me\": want an account ID or arn:aws:iam::ACCOUNT:root\n",
		},
	})
}
