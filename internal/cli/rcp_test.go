package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// denyListBuckets is an RCP that denies s3:ListAllMyBuckets, an action
// with no resource type.
const denyListBuckets = `{"Version": "2012-10-17", "Statement": [{"Sid": "NoListing", "Effect": "Deny", "Principal": "*", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}`

// TestRCPNoResourceAction checks that an action with no resource type is
// governed by the RCPs of the calling principal's account (Organizations
// User Guide, orgs_manage_policies_rcps.md, "RCP effects on
// permissions"): a Deny RCP on s3:ListAllMyBuckets gives explicitDeny,
// and the explanation says whose chain it is. In flag mode --rcp is taken
// as that account's chain; in account mode the chain is the principal's
// account's even when --resource-account names another account.
func TestRCPNoResourceAction(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rcp := write("deny-list.json", denyListBuckets)
	admin := write("admin.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	org, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "accounts", "organization.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// The dev account 222222222222 gets the Deny RCP; the prod account
	// 333333333333 does not.
	orgSrc := strings.Replace(string(org), `{id: "222222222222", scps: [FullAWSAccess], rcps: [RCPFullAWSAccess]}`,
		`{id: "222222222222", scps: [FullAWSAccess], rcps: [RCPFullAWSAccess, deny-list.json]}`, 1)
	// The organization's own policies, next to the copy.
	pols, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "accounts", "org", "*.json"))
	if err != nil || len(pols) == 0 {
		t.Fatalf("no organization policies: %v", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "org"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range pols {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		write(filepath.Join("org", filepath.Base(p)), string(src))
	}
	orgFile := write("organization.yaml", orgSrc)
	accounts := []string{
		"--account-details", "testdata/accounts/111111111111.json",
		"--account-details", "testdata/accounts/222222222222.json,testdata/accounts/333333333333.json",
		"--org", orgFile,
		"--resource-policies", "testdata/accounts",
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{name: "flag mode", args: []string{"--principal", "arn:aws:iam::111122223333:user/alice", "--identity", admin, "--rcp", rcp}, want: "explicitDeny"},
		{name: "account mode", args: append([]string{"--principal", "arn:aws:iam::222222222222:user/bob"}, accounts...), want: "explicitDeny"},
		{name: "account mode, other resource account", args: append([]string{"--principal", "arn:aws:iam::222222222222:user/bob", "--resource-account", "333333333333"}, accounts...), want: "explicitDeny"},
		{name: "account mode, management account's caller", args: append([]string{"--principal", "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole"}, accounts...), want: "allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"eval", "--action", "s3:ListAllMyBuckets", "--resource", "*", "--expect", tt.want, "--context", "aws:RequestedRegion=eu-west-1"}, tt.args...)
			code, out, stderr := run(t, "", args...)
			if code != ExitOK {
				t.Fatalf("want %s; exit %d, stderr %q\n%s", tt.want, code, stderr, out)
			}
			if tt.want == "explicitDeny" && !strings.Contains(out, "the RCPs that apply are those of the calling principal's account") {
				t.Errorf("the explanation does not say whose RCP chain applied:\n%s", out)
			}
		})
	}
}
