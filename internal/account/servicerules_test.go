package account

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWhoCanAssumeRoleExternalAccount checks that an outside account a
// trust policy names is still listed as able to assume the role: the
// account's root user, which stands for the account in the list, cannot
// call sts:AssumeRole itself (STS API Reference, AssumeRole: "You cannot
// use AWS account root user credentials to call AssumeRole"), but the
// account's IAM principals can when their own policies allow.
func TestWhoCanAssumeRoleExternalAccount(t *testing.T) {
	t.Parallel()
	acct, err := ParseExport("a.json", []byte(`{"RoleDetailList": [{"RoleName": "shared", "Arn": "arn:aws:iam::222222222222:role/shared",
		"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	d := &Data{Accounts: map[string]*Account{acct.ID: acct}}
	ans, err := d.WhoCan(WhoCanQuery{Action: "sts:AssumeRole", Resource: "arn:aws:iam::222222222222:role/shared"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"arn:aws:iam::444455556666:root (account): resource "}, accessOf(ans.External)); diff != "" {
		t.Errorf("external mismatch (-want +got):\n%s", diff)
	}
}
