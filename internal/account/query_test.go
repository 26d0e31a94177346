package account

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
)

// estate loads the synthetic organization of testdata/accounts (its
// README lists the expected decisions the tests below rely on).
func estate(t *testing.T, withOrg bool) *Data {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "accounts")
	d, err := Load(filepath.Join(dir, "111111111111.json"), filepath.Join(dir, "222222222222.json"), filepath.Join(dir, "333333333333.json"))
	if err != nil {
		t.Fatal(err)
	}
	if withOrg {
		if d.Org, err = LoadOrganization(filepath.Join(dir, "organization.yaml")); err != nil {
			t.Fatal(err)
		}
	}
	if d.Resources, err = LoadResources(dir); err != nil {
		t.Fatal(err)
	}
	return d
}

// estateContext is the README's context D plus the given key=value pairs.
func estateContext(kv ...string) evaluator.Context {
	ctx := evaluator.Context{}
	ctx.Set("aws:RequestedRegion", "eu-west-1")
	ctx.Set("aws:SecureTransport", "true")
	for _, s := range kv {
		k, v, _ := strings.Cut(s, "=")
		ctx.Set(k, v)
	}
	return ctx
}

// grantsOf lists "action on resource" for every allowance, in order.
func grantsOf(ans *CanAnswer) []string {
	var out []string
	for _, g := range ans.Grants {
		for _, on := range g.On {
			out = append(out, g.Action+" on "+on.Resource)
		}
	}
	return out
}

// layersOf lists the layers of the deciding statements.
func layersOf(refs []evaluator.StatementRef) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.Layer.String()+" "+r.Sid)
	}
	return out
}

func TestCan(t *testing.T) {
	t.Parallel()
	d := estate(t, true)
	alice := "arn:aws:iam::222222222222:user/alice"
	tests := []struct {
		name string
		q    CanQuery
		want []string
	}{
		{
			// README rows 1-6: ${aws:username} and ${aws:PrincipalTag/team}
			// filled in from alice's name and tag; s3:ListBucket needs
			// s3:prefix, absent from the context.
			name: "resource patterns with variables",
			q:    CanQuery{Principal: alice, Services: []string{"s3"}, Context: estateContext()},
			want: []string{
				"s3:GetObject on arn:aws:s3:::acme-dev-data/home/alice/*",
				"s3:GetObject on arn:aws:s3:::acme-dev-data/teams/data/*",
				"s3:DeleteObject on arn:aws:s3:::acme-dev-data/home/alice/*",
				"s3:PutObject on arn:aws:s3:::acme-dev-data/home/alice/*",
			},
		},
		{
			// Row 3: conditions are evaluated against the context given.
			name: "condition met by the context",
			q:    CanQuery{Principal: alice, Services: []string{"S3"}, Context: estateContext("s3:prefix=home/alice/")},
			want: []string{
				"s3:ListBucket on arn:aws:s3:::acme-dev-data",
				"s3:GetObject on arn:aws:s3:::acme-dev-data/home/alice/*",
				"s3:GetObject on arn:aws:s3:::acme-dev-data/teams/data/*",
				"s3:DeleteObject on arn:aws:s3:::acme-dev-data/home/alice/*",
				"s3:PutObject on arn:aws:s3:::acme-dev-data/home/alice/*",
			},
		},
		{
			// Rows 7-9: only DeveloperTools v2, the default version, counts.
			name: "default policy version only",
			q:    CanQuery{Principal: alice, Services: []string{"ecs", "lambda"}, Context: estateContext()},
			want: []string{
				"ecs:DescribeServices on arn:aws:ecs:eu-west-1:222222222222:service/dev-cluster/*",
				"ecs:UpdateService on arn:aws:ecs:eu-west-1:222222222222:service/dev-cluster/*",
			},
		},
		{
			// Rows 17-20: the boundary caps carol's inline policy, and its
			// Deny on boundary removal wins.
			name: "permissions boundary",
			q:    CanQuery{Principal: "arn:aws:iam::222222222222:user/carol", Services: []string{"athena"}, Context: estateContext()},
			want: nil,
		},
		{
			// Rows 25-27: with a resource, the bucket policy of another
			// account decides too: GetObject on releases/, not PutObject.
			name: "one resource across accounts",
			q: CanQuery{Principal: "arn:aws:sts::222222222222:assumed-role/deploy/gha-web-app-1842", Services: []string{"s3"},
				Resource: "arn:aws:s3:::acme-prod-data/releases/web-1.4.2.tar.gz", ResourceAccount: "333333333333", Context: estateContext()},
			want: []string{"s3:GetObject on arn:aws:s3:::acme-prod-data/releases/web-1.4.2.tar.gz"},
		},
		{
			// Row 56: the key policy alone lets data-reader decrypt; its
			// identity policies say nothing about kms.
			name: "candidates from the resource policy",
			q: CanQuery{Principal: "arn:aws:sts::333333333333:assumed-role/data-reader/alice", Services: []string{"kms"},
				Resource: "arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-1111-2222-3333-444455556666", Context: estateContext()},
			want: []string{
				"kms:DescribeKey on arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-1111-2222-3333-444455556666",
				"kms:Decrypt on arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-1111-2222-3333-444455556666",
				"kms:Encrypt on arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-1111-2222-3333-444455556666",
				"kms:GenerateDataKey on arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-1111-2222-3333-444455556666",
				"kms:GenerateDataKeyPair on arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-1111-2222-3333-444455556666",
				"kms:GenerateDataKeyPairWithoutPlaintext on arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-1111-2222-3333-444455556666",
				"kms:GenerateDataKeyWithoutPlaintext on arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-1111-2222-3333-444455556666",
				"kms:ReEncryptFrom on arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-1111-2222-3333-444455556666",
				"kms:ReEncryptTo on arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-1111-2222-3333-444455556666",
			},
		},
		{
			// Rows 10-13: the region SCP denies ec2 outside eu-west-1, not iam.
			name: "SCP by region",
			q:    CanQuery{Principal: "arn:aws:iam::222222222222:user/bob", Services: []string{"ec2", "iam"}, Context: estateContext("aws:RequestedRegion=us-east-1")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ans, err := d.Can(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			got := grantsOf(ans)
			if tt.name == "SCP by region" {
				for _, g := range ans.Grants {
					if !strings.HasPrefix(g.Action, "iam:") {
						t.Errorf("%s is allowed in us-east-1, which the region SCP denies", g.Action)
					}
				}
				if !contains(got, "iam:ListRoles on *") {
					t.Errorf("iam:ListRoles on * is missing (row 13): %q", got)
				}
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("grants mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestCanDeciding checks the statements and access levels reported.
func TestCanDeciding(t *testing.T) {
	t.Parallel()
	d := estate(t, true)
	ans, err := d.Can(CanQuery{Principal: "arn:aws:sts::222222222222:assumed-role/deploy/gha-web-app-1842", Services: []string{"s3", "sts"},
		Resource: "arn:aws:s3:::acme-prod-data/releases/web-1.4.2.tar.gz", ResourceAccount: "333333333333", Context: estateContext()})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range ans.Grants {
		got = append(got, g.AccessLevel()+" "+g.Action+": "+strings.Join(layersOf(g.On[0].Deciding), ", "))
	}
	want := []string{
		"Read s3:GetObject: resource DevDeployReadsReleases, identity ProdData",
		"Read sts:GetCallerIdentity: ",
		"Read sts:GetSessionToken: ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if ans.ResourceAccount != "333333333333" || ans.Candidates == 0 || ans.Candidates > 20 {
		t.Errorf("resource account %q, %d candidates", ans.ResourceAccount, ans.Candidates)
	}
}

// TestCanRoot: the root user has no identity policies; every action is
// decided on "*", and SCPs still bind it (row 52's SCP).
func TestCanRoot(t *testing.T) {
	t.Parallel()
	d := estate(t, true)
	ans, err := d.Can(CanQuery{Principal: "arn:aws:iam::333333333333:root", Services: []string{"s3"}, Context: estateContext()})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Candidates != ans.Catalog || len(ans.Grants) != ans.Catalog-1 {
		t.Errorf("%d candidates, %d grants of %d s3 actions; want every action but s3:DeleteBucket", ans.Candidates, len(ans.Grants), ans.Catalog)
	}
	for _, g := range ans.Grants {
		if g.Action == "s3:DeleteBucket" || len(g.On) != 1 || g.On[0].Resource != "*" {
			t.Errorf("%s on %+v", g.Action, g.On)
		}
	}
}

// TestCanSemantics checks, on a small export, what "allowed on some
// resources matching the pattern" means.
func TestCanSemantics(t *testing.T) {
	t.Parallel()
	src := `{"UserDetailList": [{"UserName": "u", "UserId": "AIDAEXAMPLEU000000001", "Arn": "arn:aws:iam::222222222222:user/u", "UserPolicyList": [
	  {"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
	    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:DeleteObject", "s3:PutObject"], "Resource": "*"},
	    {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": ["arn:aws:s3:::logs", "arn:aws:s3:::logs-*"]},
	    {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::prod/*"},
	    {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}}]}]}`
	acct, err := ParseExport("u.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d := &Data{Accounts: map[string]*Account{acct.ID: acct}}
	ans, err := d.Can(CanQuery{Principal: "arn:aws:iam::222222222222:user/u", Services: []string{"s3"}})
	if err != nil {
		t.Fatal(err)
	}
	// A Deny on narrower resources does not hide DeleteObject; a Deny on
	// "*" hides PutObject; ListBucket is reported on each pattern.
	want := []string{
		"s3:ListBucket on arn:aws:s3:::logs",
		"s3:ListBucket on arn:aws:s3:::logs-*",
		"s3:GetObject on *",
		"s3:DeleteObject on *",
	}
	if diff := cmp.Diff(want, grantsOf(ans)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if ans.Candidates != 4 {
		t.Errorf("%d candidates, want the 4 actions an Allow statement covers", ans.Candidates)
	}
}

func TestCanErrors(t *testing.T) {
	t.Parallel()
	d := estate(t, true)
	tests := []struct {
		name string
		q    CanQuery
		want string
	}{
		{"unknown service", CanQuery{Principal: "arn:aws:iam::222222222222:user/alice", Services: []string{"s4"}}, `service "s4" is not in the catalog; did you mean s3?`},
		{"unknown principal", CanQuery{Principal: "arn:aws:iam::222222222222:user/alicia"}, "did you mean alice?"},
		{"account not loaded", CanQuery{Principal: "arn:aws:iam::444455556666:user/x"}, "account 444455556666 is not loaded (loaded: 111111111111, 222222222222, 333333333333); give its export with --account-details"},
		{"service principal", CanQuery{Principal: "sns.amazonaws.com"}, "principal sns.amazonaws.com: want a user, role, role session or root user of a loaded account"},
		{"bad resource", CanQuery{Principal: "arn:aws:iam::222222222222:user/alice", Resource: "bucket"}, `resource "bucket"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := d.Can(tt.q)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// accessOf lists "principal (type): deciding layers".
func accessOf(list []Access) []string {
	var out []string
	for _, a := range list {
		kind := a.Type
		if a.ServiceLinked {
			kind = "service-linked role"
		}
		out = append(out, a.Principal+" ("+kind+"): "+strings.Join(layersOf(a.Deciding), ", "))
	}
	return out
}

func TestWhoCan(t *testing.T) {
	t.Parallel()
	withOrg, withoutOrg := estate(t, true), estate(t, false)
	tests := []struct {
		name         string
		d            *Data
		q            WhoCanQuery
		want, extern []string
	}{
		{
			// Rows 16, 25: cross-account, the bucket policy must name the
			// caller: deploy yes, bob (s3:Get* on *) no.
			name: "bucket across accounts", d: withOrg,
			q: WhoCanQuery{Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-prod-data/releases/web-1.4.2.tar.gz", ResourceAccount: "333333333333"},
			want: []string{
				"arn:aws:iam::222222222222:role/deploy (role): resource DevDeployReadsReleases, identity ProdData",
				"arn:aws:iam::333333333333:user/ops (user): identity ProdDataBucketAdmin",
			},
		},
		{
			// Row 60: the RCP keeps the partner account out.
			name: "external account stopped by the RCP", d: withOrg,
			q:    WhoCanQuery{Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-prod-data/partner-exchange/2026-11.csv", ResourceAccount: "333333333333"},
			want: []string{"arn:aws:iam::333333333333:user/ops (user): identity ProdDataBucketAdmin"},
		},
		{
			// Without the organization, no RCP: the bucket policy lets the
			// partner account in.
			name: "external account", d: withoutOrg,
			q:      WhoCanQuery{Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-prod-data/partner-exchange/2026-11.csv", ResourceAccount: "333333333333"},
			want:   []string{"arn:aws:iam::333333333333:user/ops (user): identity ProdDataBucketAdmin"},
			extern: []string{"arn:aws:iam::444455556666:root (account): resource LegacyPartnerExchange"},
		},
		{
			// Rows 54-56: the key policy names data-reader; ops' identity
			// does not allow kms:Decrypt.
			name: "key policy", d: withOrg,
			q:    WhoCanQuery{Action: "kms:Decrypt", Resource: "arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-1111-2222-3333-444455556666"},
			want: []string{"arn:aws:iam::333333333333:role/data-reader (role): resource Enable IAM User Permissions, resource Allow use of the key"},
		},
		{
			// Rows 34-36: the trust policy names the management account.
			name: "trust policy", d: withOrg,
			q: WhoCanQuery{Action: "sts:AssumeRole", Resource: "arn:aws:iam::222222222222:role/admin", Context: estateContext("aws:MultiFactorAuthPresent=true")},
			want: []string{
				"arn:aws:iam::111111111111:role/OrganizationAccountAccessRole (role): resource ManagementAccountWithMFA, identity ",
				"arn:aws:iam::111111111111:user/org-admin (user): resource ManagementAccountWithMFA, identity AssumeAdminRolesInMemberAccounts",
			},
		},
		{
			// Rows 29, 30, 33: the region SCP spares role/admin and the
			// service-linked role, which SCPs do not govern.
			name: "service-linked role", d: withOrg,
			q: WhoCanQuery{Action: "ec2:CreateNetworkInterface", Resource: "arn:aws:ec2:us-east-1:222222222222:network-interface/*", Context: estateContext("aws:RequestedRegion=us-east-1")},
			want: []string{
				"arn:aws:iam::222222222222:role/admin (role): identity ",
				"arn:aws:iam::222222222222:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS (service-linked role): identity ECSTaskManagement",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			q := tt.q
			if q.Context == nil {
				q.Context = estateContext()
			}
			ans, err := tt.d.WhoCan(q)
			if err != nil {
				t.Fatal(err)
			}
			if ans.Checked != 12 {
				t.Errorf("checked %d principals, want the 12 users and roles", ans.Checked)
			}
			if diff := cmp.Diff(tt.want, accessOf(ans.Principals)); diff != "" {
				t.Errorf("principals mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.extern, accessOf(ans.External)); diff != "" {
				t.Errorf("external principals mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWhoCanExternal checks which entries of a resource policy count as
// outside principals, and that each is decided on the resource's side.
func TestWhoCanExternal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	queue := `{"Version": "2012-10-17", "Statement": [
	  {"Sid": "Partners", "Effect": "Allow", "Principal": {"AWS": ["444455556666", "arn:aws:iam::555566667777:role/sync", "arn:aws:iam::222222222222:user/u"]}, "Action": "sqs:SendMessage", "Resource": "*"},
	  {"Sid": "Anyone", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}},
	  {"Sid": "NotThisOne", "Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::555566667777:role/sync"}, "Action": "sqs:*", "Resource": "*"},
	  {"Sid": "OtherAction", "Effect": "Allow", "Principal": {"AWS": "666677778888"}, "Action": "sqs:ReceiveMessage", "Resource": "*"},
	  {"Sid": "Service", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*"}]}`
	if err := os.WriteFile(filepath.Join(dir, "queue.json"), []byte(queue), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := ParseResources(filepath.Join(dir, ManifestName), []byte("resources:\n  - arn: arn:aws:sqs:eu-west-1:222222222222:q\n    policy: queue.json\n"))
	if err != nil {
		t.Fatal(err)
	}
	acct, err := ParseExport("u.json", []byte(`{"UserDetailList": [{"UserName": "u", "Arn": "arn:aws:iam::222222222222:user/u"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	d := &Data{Accounts: map[string]*Account{acct.ID: acct}, Resources: res}
	q := WhoCanQuery{Action: "sqs:SendMessage", Resource: "arn:aws:sqs:eu-west-1:222222222222:q"}
	var progress [][2]int
	q.Progress = func(done, total int) { progress = append(progress, [2]int{done, total}) }
	ans, err := d.WhoCan(q)
	if err != nil {
		t.Fatal(err)
	}
	// The loaded user is decided with its account's policies (the queue
	// policy names it directly); the Deny keeps role/sync out; "*" needs
	// aws:SourceVpce.
	if diff := cmp.Diff([]string{"arn:aws:iam::222222222222:user/u (user): resource Partners"}, accessOf(ans.Principals)); diff != "" {
		t.Errorf("principals mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"arn:aws:iam::444455556666:root (account): resource Partners"}, accessOf(ans.External)); diff != "" {
		t.Errorf("external mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][2]int{{1, 1}}, progress); diff != "" {
		t.Errorf("progress mismatch (-want +got):\n%s", diff)
	}
	q.Progress = nil
	q.Context = evaluator.Context{}
	q.Context.Set("aws:SourceVpce", "vpce-1")
	ans, err = d.WhoCan(q)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range ans.External {
		got = append(got, a.Principal+" "+a.Type)
	}
	sort.Strings(got)
	if diff := cmp.Diff([]string{"* any", "arn:aws:iam::444455556666:root account"}, got); diff != "" {
		t.Errorf("with aws:SourceVpce, external mismatch (-want +got):\n%s", diff)
	}
}

// TestWhoCanOrgKeys checks that an organization ID given in the context
// is not lent to principals outside the organization.
func TestWhoCanOrgKeys(t *testing.T) {
	t.Parallel()
	d := estate(t, true)
	d.Org.ID = "" // the context gives it instead
	ans, err := d.WhoCan(WhoCanQuery{Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-prod-data/partner-exchange/2026-11.csv",
		ResourceAccount: "333333333333", Context: estateContext("aws:PrincipalOrgID=o-a1b2c3d4e5")})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.External) != 0 || len(ans.Principals) != 1 {
		t.Errorf("principals %q, external %q: the partner account outside the organization must not pass the RCP", accessOf(ans.Principals), accessOf(ans.External))
	}
}
