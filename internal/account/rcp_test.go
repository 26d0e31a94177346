package account

import (
	"slices"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestCanRCPNoResource checks that `can` decides an action with no
// resource type (s3:ListAllMyBuckets on "*") under the RCPs of the
// calling principal's account (Organizations User Guide,
// orgs_manage_policies_rcps.md, "RCP effects on permissions").
func TestCanRCPNoResource(t *testing.T) {
	t.Parallel()
	bob := "arn:aws:iam::222222222222:user/bob"
	lists := func(d *Data, owner string) bool {
		t.Helper()
		ans, err := d.Can(CanQuery{Principal: bob, Resource: "*", ResourceAccount: owner, Services: []string{"s3"}, Context: estateContext()})
		if err != nil {
			t.Fatal(err)
		}
		return slices.Contains(grantsOf(ans), "s3:ListAllMyBuckets on *")
	}
	d := estate(t, true)
	if !lists(d, "") {
		t.Fatal("without the Deny RCP bob (ReadOnlyAccess) should list his buckets")
	}
	deny, err := policy.Parse("deny-list.json", []byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}`), policy.RCP)
	if err != nil {
		t.Fatal(err)
	}
	acct := d.Org.accounts["222222222222"]
	acct.rcps = append(slices.Clone(acct.rcps), Policy{Doc: deny, Origin: "deny-list.json"})
	if lists(d, "") {
		t.Error("s3:ListAllMyBuckets granted despite the Deny RCP of bob's account")
	}
}
