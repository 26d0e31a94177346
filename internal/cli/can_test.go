package cli

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// estateFlags load the synthetic organization of testdata/accounts.
var estateFlags = []string{
	"--account-details", "testdata/accounts/111111111111.json,testdata/accounts/222222222222.json",
	"--account-details", "testdata/accounts/333333333333.json",
	"--org", "testdata/accounts/organization.yaml", "--resource-policies", "testdata/accounts",
}

// estateContext is the context every request of testdata/accounts/README.md
// carries ("D"); aws:PrincipalOrgID comes from the organization file.
var estateContext = []string{"--context", "aws:RequestedRegion=eu-west-1", "--context", "aws:SecureTransport=true"}

func estateArgs(cmd string, args ...string) []string {
	out := append([]string{cmd}, estateFlags...)
	out = append(out, estateContext...)
	return append(out, args...)
}

func TestCanFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    canOptions
		wantErr bool
	}{
		{name: "every flag", args: []string{"--account-details", "a.json,b.json", "--account-details", "c.json", "--org", "org.yaml", "--resource-policies", "res",
			"--principal", "arn:aws:iam::222222222222:user/alice", "--resource", "arn:aws:s3:::b/k", "--resource-account", "333333333333",
			"--service", "s3", "--service", "kms", "--context", "k=v", "--context", "a=b,c", "--format", "json"},
			want: canOptions{AccountDetails: []string{"a.json,b.json", "c.json"}, Org: "org.yaml", ResourcePolicies: "res",
				Principal: "arn:aws:iam::222222222222:user/alice", Resource: "arn:aws:s3:::b/k", ResourceAccount: "333333333333",
				Services: []string{"s3", "kms"}, Context: []string{"k=v", "a=b,c"}, Format: "json"}},
		{name: "defaults", args: []string{"--principal", "p"}, want: canOptions{Principal: "p", Format: "text"}},
		{name: "positional arguments are refused", args: []string{"extra"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseOptions(newCanCmd, tt.args)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if diff := cmp.Diff(tt.want, *got, cmpopts.IgnoreFields(canOptions{}, "Stdout", "Stderr")); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCan(t *testing.T) {
	alice := []string{"--principal", "arn:aws:iam::222222222222:user/alice"}
	runCases(t, []cliCase{
		// README rows 1-9: home and team prefixes from policy variables,
		// DeveloperTools v2 only; s3:ListBucket needs s3:prefix.
		{name: "every action of a user", args: estateArgs("can", alice...), golden: "can-alice.golden"},
		{name: "a condition met by the context", args: estateArgs("can", append(alice, "--service", "s3", "--context", "s3:prefix=home/alice/", "--format", "json")...), golden: "can-alice-s3.json.golden"},
		// Rows 25-27: on one resource of another account, its bucket
		// policy decides too.
		{name: "one resource across accounts", args: estateArgs("can", "--principal", "arn:aws:sts::222222222222:assumed-role/deploy/gha-web-app-1842",
			"--resource", "arn:aws:s3:::acme-prod-data/releases/web-1.4.2.tar.gz", "--resource-account", "333333333333"), golden: "can-deploy-resource.golden"},
		{name: "one resource, json", args: estateArgs("can", "--principal", "arn:aws:sts::333333333333:assumed-role/data-reader/alice", "--service", "kms",
			"--resource", "arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-1111-2222-3333-444455556666", "--format", "json"), golden: "can-data-reader-key.json.golden"},
		// Rows 18, 20: the boundary leaves carol's IAM and Athena grants
		// without effect.
		{name: "permissions boundary", args: estateArgs("can", "--principal", "arn:aws:iam::222222222222:user/carol", "--service", "iam", "--service", "athena"), golden: "can-carol-boundary.golden"},
		// Without aws:RequestedRegion the region SCP denies every S3
		// action: the answer names the nearest refusals and the key.
		{name: "nothing allowed, refused by an SCP for want of a key", args: append(append([]string{"can"}, estateFlags...), append(alice, "--service", "s3")...),
			golden: "can-refused.golden"},
		{name: "nothing allowed, json", args: append(append([]string{"can"}, estateFlags...), append(alice, "--service", "s3", "--format", "json")...),
			golden: "can-refused.json.golden"},
		{name: "no account data", args: []string{"can", "--principal", "arn:aws:iam::222222222222:user/alice"}, wantCode: ExitInput,
			wantStderr: "iamsim: give the account exports with --account-details (docs/accounts.md), or infrastructure code with --template (docs/iac.md)\n"},
		{name: "no principal", args: estateArgs("can"), wantCode: ExitInput, wantStderr: "iamsim: can needs --principal\n"},
		{name: "unknown service", args: estateArgs("can", append(alice, "--service", "s4")...), wantCode: ExitInput,
			wantStderr: "iamsim: service \"s4\" is not in the catalog; did you mean s3?\n"},
		{name: "unknown format", args: estateArgs("can", append(alice, "--format", "sarif")...), wantCode: ExitInput, wantStderr: "iamsim: --format \"sarif\": want text or json\n"},
		{name: "resource account without a resource", args: estateArgs("can", append(alice, "--resource-account", "333333333333")...), wantCode: ExitInput,
			wantStderr: "iamsim: --resource-account names the owner of --resource: give --resource too\n"},
		{name: "unreadable export", args: []string{"can", "--account-details", "testdata/accounts/missing.json", "--principal", "arn:aws:iam::222222222222:user/alice"}, wantCode: ExitInput,
			wantStderr: "iamsim: testdata/accounts/missing.json: no such file or directory\n"},
	})
}
