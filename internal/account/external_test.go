package account

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWhoCanOutsiderInOrganization checks that a principal of an account
// that is not loaded but that the organization holds is decided with the
// organization's keys AWS gives its callers (aws:PrincipalOrgID): here
// the Workloads OU's RCP denies sts:AssumeRole to callers outside the
// organization, and 333333333333 is inside it. That holds for the
// account's IAM principals standing in for its root user, which cannot
// call sts:AssumeRole, and for a role the trust policy names.
func TestWhoCanOutsiderInOrganization(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, principal, want string }{
		{name: "account", principal: `"333333333333"`, want: "arn:aws:iam::333333333333:root (account): resource "},
		{name: "role", principal: `"arn:aws:iam::333333333333:role/ci"`, want: "arn:aws:iam::333333333333:role/ci (role): resource "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			acct, err := ParseExport("a.json", []byte(`{"RoleDetailList": [{"RoleName": "shared", "Arn": "arn:aws:iam::222222222222:role/shared",
				"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": `+tt.principal+`}, "Action": "sts:AssumeRole"}]}}]}`))
			if err != nil {
				t.Fatal(err)
			}
			d := &Data{Accounts: map[string]*Account{acct.ID: acct}}
			if d.Org, err = LoadOrganization(filepath.Join("..", "..", "testdata", "accounts", "organization.yaml")); err != nil {
				t.Fatal(err)
			}
			ans, err := d.WhoCan(WhoCanQuery{Action: "sts:AssumeRole", Resource: "arn:aws:iam::222222222222:role/shared", Context: estateContext()})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{tt.want}, accessOf(ans.External)); diff != "" {
				t.Errorf("external mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
