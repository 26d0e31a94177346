package cli

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestWhoCanFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    whoCanOptions
		wantErr bool
	}{
		{name: "every flag", args: []string{"--account-details", "a.json", "--account-details", "b.json", "--org", "org.yaml", "--resource-policies", "res.yaml",
			"--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k", "--resource-account", "333333333333", "--context", "k=v", "--format", "json"},
			want: whoCanOptions{AccountDetails: []string{"a.json", "b.json"}, Org: "org.yaml", ResourcePolicies: "res.yaml",
				Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", ResourceAccount: "333333333333", Context: []string{"k=v"}, Format: "json"}},
		{name: "defaults", args: []string{"--action", "a:b"}, want: whoCanOptions{Action: "a:b", Format: "text"}},
		{name: "positional arguments are refused", args: []string{"extra"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseOptions(newWhoCanCmd, tt.args)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			// Progress is false: standard error is no terminal in tests.
			if diff := cmp.Diff(tt.want, *got, cmpopts.IgnoreFields(whoCanOptions{}, "Stdout", "Stderr")); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWhoCan(t *testing.T) {
	partner := []string{"--action", "s3:GetObject", "--resource", "arn:aws:s3:::acme-prod-data/partner-exchange/2026-11.csv", "--resource-account", "333333333333"}
	noOrg := []string{"who-can",
		"--account-details", "testdata/accounts/111111111111.json,testdata/accounts/222222222222.json,testdata/accounts/333333333333.json",
		"--resource-policies", "testdata/accounts/resource-policies.yaml"}
	runCases(t, []cliCase{
		// README rows 16, 25: cross-account, the bucket policy must name
		// the caller.
		{name: "bucket of another account", args: estateArgs("who-can", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::acme-prod-data/releases/web-1.4.2.tar.gz", "--resource-account", "333333333333"),
			golden: "who-can-releases.golden"},
		{name: "bucket of another account, json", args: estateArgs("who-can", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::acme-prod-data/releases/web-1.4.2.tar.gz", "--resource-account", "333333333333", "--format", "json"),
			golden: "who-can-releases.json.golden"},
		// Row 60: the organization's RCP keeps the partner account out...
		{name: "external account stopped by the RCP", args: estateArgs("who-can", partner...), golden: "who-can-partner.golden"},
		// ... which, without the organization, the bucket policy lets in.
		{name: "external account", args: append(append(noOrg, estateContext...), partner...), golden: "who-can-partner-no-org.golden"},
		{name: "external account, json", args: append(append(noOrg, estateContext...), append(partner, "--format", "json")...), golden: "who-can-partner-no-org.json.golden"},
		// Rows 29-33: the service-linked role, which SCPs do not govern,
		// is listed and marked.
		{name: "service-linked role", args: append(append([]string{"who-can"}, estateFlags...), "--context", "aws:RequestedRegion=us-east-1",
			"--action", "ec2:CreateNetworkInterface", "--resource", "arn:aws:ec2:us-east-1:222222222222:network-interface/*"), golden: "who-can-slr.golden"},
		// Rows 34-36: the trust policy names the management account.
		{name: "trust policy", args: estateArgs("who-can", "--action", "sts:AssumeRole", "--resource", "arn:aws:iam::222222222222:role/admin", "--context", "aws:MultiFactorAuthPresent=true"),
			golden: "who-can-assume-admin.golden"},
		{name: "nobody", args: estateArgs("who-can", "--action", "s3:DeleteBucket", "--resource", "arn:aws:s3:::acme-prod-data", "--resource-account", "333333333333"),
			golden: "who-can-nobody.golden"},
		// Without aws:RequestedRegion the region SCP denies everyone: the
		// answer names the nearest refusals, the SCP level and the key.
		{name: "nobody, refused by an SCP for want of a key", args: append(append([]string{"who-can"}, estateFlags...), append([]string{"--context", "aws:SecureTransport=true"}, partner...)...),
			golden: "who-can-refused.golden"},
		{name: "nobody, refused, json", args: append(append([]string{"who-can"}, estateFlags...), append([]string{"--context", "aws:SecureTransport=true", "--format", "json"}, partner...)...),
			golden: "who-can-refused.json.golden"},
		{name: "no resource", args: estateArgs("who-can", "--action", "s3:GetObject"), wantCode: ExitInput, wantStderr: "iamsim: who-can needs --resource\n"},
		{name: "bad action", args: estateArgs("who-can", "--action", "s3:Get*", "--resource", "*"), wantCode: ExitInput,
			wantStderr: "iamsim: --action: action \"s3:Get*\" has a wildcard: a request names one action (iamsim expand \"s3:Get*\" lists those it matches)\n"},
	})
}

// TestWhoCanOrganizationForms asks the same who-can questions with the
// organization file and with the same organization as AWS CLI output
// (testdata/accounts/aws-organization): the principals listed must be the
// same, and so must the statements that decide, but for the SCPs' and
// RCPs' names and files.
func TestWhoCanOrganizationForms(t *testing.T) {
	queries := [][]string{
		{"--action", "s3:GetObject", "--resource", "arn:aws:s3:::acme-prod-data/releases/web-1.4.2.tar.gz", "--resource-account", "333333333333"},
		{"--action", "s3:GetObject", "--resource", "arn:aws:s3:::acme-prod-data/partner-exchange/2026-11.csv", "--resource-account", "333333333333"},
		{"--action", "ec2:RunInstances", "--resource", "arn:aws:ec2:us-east-1:222222222222:instance/*", "--context", "aws:RequestedRegion=us-east-1"},
		{"--action", "s3:DeleteBucket", "--resource", "arn:aws:s3:::acme-prod-data", "--resource-account", "333333333333"},
		{"--action", "kms:Decrypt", "--resource", "arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-1111-2222-3333-444455556666"},
	}
	// The answers as JSON, less what the two forms name differently: the
	// SCPs and RCPs among the deciding statements, and the summaries that
	// cite them.
	type statement struct{ Layer, Policy, Sid, Effect, File string }
	type access struct {
		Principal, Type string
		Deciding        []statement
	}
	type answer struct{ Principals, External []access }
	ask := func(t *testing.T, org string, q []string) answer {
		t.Helper()
		args := append([]string{"who-can"}, withOrg(org)...)
		args = append(append(append(args, estateContext...), q...), "--format", "json")
		code, out, stderr := run(t, "", args...)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var ans answer
		if err := json.Unmarshal([]byte(out), &ans); err != nil {
			t.Fatal(err)
		}
		return ans
	}
	ignoreOrgPolicies := cmpopts.IgnoreSliceElements(func(s statement) bool { return s.Layer == "scp" || s.Layer == "rcp" })
	for _, q := range queries {
		t.Run(q[1]+" "+q[3], func(t *testing.T) {
			file := ask(t, "testdata/accounts/organization.yaml", q)
			dir := ask(t, "testdata/accounts/aws-organization", q)
			if diff := cmp.Diff(file, dir, ignoreOrgPolicies); diff != "" {
				t.Errorf("answers differ (-organization.yaml +aws-organization):\n%s", diff)
			}
			if len(file.Principals)+len(file.External) == 0 && q[1] != "s3:DeleteBucket" {
				t.Errorf("nobody may: the question tests nothing")
			}
		})
	}
}
