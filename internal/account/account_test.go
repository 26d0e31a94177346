package account

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/managedpolicies"
	"github.com/iamsim/iamsim/internal/source"
)

// export is a small account export in the AWS CLI's shape; the role's
// inline policy is URL-encoded, as the raw API returns documents.
var export = `{
    "UserDetailList": [
        {
            "Path": "/", "UserName": "alice", "UserId": "AIDAEXAMPLEALICE00001",
            "Arn": "arn:aws:iam::222222222222:user/alice",
            "UserPolicyList": [{"PolicyName": "own", "PolicyDocument": {"Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}}],
            "GroupList": ["Developers"],
            "AttachedManagedPolicies": [{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}],
            "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "arn:aws:iam::222222222222:policy/Boundary"},
            "Tags": [{"Key": "team", "Value": "data"}]
        }
    ],
    "GroupDetailList": [
        {
            "Path": "/", "GroupName": "Developers", "GroupId": "AGPAEXAMPLEDEVS000001",
            "Arn": "arn:aws:iam::222222222222:group/Developers",
            "GroupPolicyList": [{"PolicyName": "s3-home", "PolicyDocument": {"Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"}]}}],
            "AttachedManagedPolicies": [{"PolicyName": "Tools", "PolicyArn": "arn:aws:iam::222222222222:policy/Tools"}]
        }
    ],
    "RoleDetailList": [
        {
            "Path": "/app/", "RoleName": "deploy", "RoleId": "AROAEXAMPLEDEPLOY0001",
            "Arn": "arn:aws:iam::222222222222:role/app/deploy",
            "AssumeRolePolicyDocument": {"Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:user/alice"}, "Action": "sts:AssumeRole"}]},
            "RolePolicyList": [{"PolicyName": "put", "PolicyDocument": "ENCODED"}],
            "AttachedManagedPolicies": [],
            "Tags": [{"Key": "env", "Value": "dev"}]
        }
    ],
    "Policies": [
        {
            "PolicyName": "Tools", "PolicyId": "ANPAEXAMPLETOOLS00001", "Arn": "arn:aws:iam::222222222222:policy/Tools",
            "Path": "/", "DefaultVersionId": "v2",
            "PolicyVersionList": [
                {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*"}]}, "VersionId": "v2", "IsDefaultVersion": true},
                {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}, "VersionId": "v1", "IsDefaultVersion": false}
            ]
        },
        {
            "PolicyName": "Boundary", "PolicyId": "ANPAEXAMPLEBOUNDARY01", "Arn": "arn:aws:iam::222222222222:policy/Boundary",
            "Path": "/", "DefaultVersionId": "v1",
            "PolicyVersionList": [
                {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "sqs:*", "ec2:Describe*"], "Resource": "*"}]}, "VersionId": "v1", "IsDefaultVersion": true}
            ]
        }
    ]
}`

func exportSource() []byte {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::artifacts/*"}]}`
	return []byte(strings.Replace(export, "ENCODED", url.QueryEscape(doc), 1))
}

func loadTestData(t *testing.T) *Data {
	t.Helper()
	acct, err := ParseExport("222222222222.json", exportSource())
	if err != nil {
		t.Fatal(err)
	}
	return &Data{Accounts: map[string]*Account{acct.ID: acct}}
}

// origins lists where each of a principal's policies comes from.
func origins(ps []Policy) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Origin)
	}
	return out
}

func TestResolveUser(t *testing.T) {
	d := loadTestData(t)
	p, err := d.Principal("arn:aws:iam::222222222222:user/alice")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"user alice, inline policy own",
		"user alice, AWS managed policy ReadOnlyAccess (" + snapshotVersion(t, "arn:aws:iam::aws:policy/ReadOnlyAccess") + ", from iamsim's snapshot)",
		"group Developers, inline policy s3-home",
		"group Developers, managed policy Tools (v2)",
	}
	if diff := cmp.Diff(want, origins(p.Identity)); diff != "" {
		t.Errorf("identity policies (-want +got):\n%s", diff)
	}
	for _, ip := range p.Identity {
		if ip.Doc.Name != ip.Origin {
			t.Errorf("document named %q, want its origin %q: the explanation names statements by it", ip.Doc.Name, ip.Origin)
		}
	}
	if !strings.Contains(p.Identity[1].Origin, "from iamsim's snapshot") || !slices.EqualFunc(p.Notes, []evaluator.Note{note(NoteManagedFromSnapshot, "arn:aws:iam::aws:policy/ReadOnlyAccess")}, evaluator.Note.Equal) {
		t.Errorf("the AWS managed policy should come from the snapshot with a note: origin %q, notes %q", p.Identity[1].Origin, p.Notes)
	}
	if p.Boundary == nil || p.Boundary.Origin != "user alice, permissions boundary managed policy Boundary (v1)" {
		t.Errorf("boundary = %+v", p.Boundary)
	}
	// The default version (v2) is used, not the first listed.
	if got := p.Identity[3].Doc.Statements[0].Action.Items[0].Text; got != "ec2:DescribeInstances" {
		t.Errorf("managed policy Tools: action %q, want the default version's ec2:DescribeInstances", got)
	}
	req := completed(t, d, p)
	if req.UniqueID != "AIDAEXAMPLEALICE00001" || req.Context["aws:PrincipalTag/team"].Values[0] != "data" {
		t.Errorf("request = %+v", req)
	}
}

// completed returns a request of p on no resource as a Resolver of d
// completes it.
func completed(t *testing.T, d *Data, p *Principal) evaluator.Request {
	t.Helper()
	r, err := NewResolver(d, ResolverOptions{RequestContexts: true})
	if err != nil {
		t.Fatal(err)
	}
	req := evaluator.Request{Principal: p.ARN, Action: "s3:ListAllMyBuckets", Resource: "*"}
	if _, err := r.ResolveAs(p, p, &req); err != nil {
		t.Fatal(err)
	}
	return req
}

func snapshotVersion(t *testing.T, arn string) string {
	snap, err := managedpolicies.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	mp, ok := snap.ByARN(arn)
	if !ok {
		t.Fatalf("%s is not in the snapshot", arn)
	}
	return mp.VersionID
}

func TestResolveRoleSession(t *testing.T) {
	d := loadTestData(t)
	p, err := d.Principal("arn:aws:sts::222222222222:assumed-role/deploy/build-42")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"role deploy, inline policy put"}, origins(p.Identity)); diff != "" {
		t.Errorf("identity policies (-want +got):\n%s", diff)
	}
	// The URL-encoded document was decoded.
	if got := p.Identity[0].Doc.Statements[0].Action.Items[0].Text; got != "s3:PutObject" {
		t.Errorf("decoded action = %q", got)
	}
	if pos := p.Identity[0].Doc.Statements[0].Pos; pos.File != "222222222222.json (role deploy, inline policy put)" || pos.Line != 1 {
		t.Errorf("a URL-encoded document's positions are the decoded text's, labelled with its origin: %v", pos)
	}
	req := completed(t, d, p)
	if req.RoleARN != "arn:aws:iam::222222222222:role/app/deploy" || req.Context["aws:PrincipalTag/env"].Values[0] != "dev" {
		t.Errorf("request = %+v", req)
	}
}

func TestTrustPolicyPositions(t *testing.T) {
	d := loadTestData(t)
	r := d.role("arn:aws:iam::222222222222:role/app/deploy")
	if r == nil || r.Trust == nil {
		t.Fatal("no trust policy")
	}
	// A JSON-object document keeps its positions in the export.
	if pos := r.Trust.Doc.Statements[0].Pos; pos.File != "222222222222.json" || pos.Line != 28 || pos.Col != 31 {
		t.Errorf("trust statement at %v, want 222222222222.json:28:31", pos)
	}
	pol, _ := d.policies(&Principal{Account: "222222222222"}, "sts:AssumeRole", r.ARN, "")
	if pol.Resource != r.Trust.Doc {
		t.Error("sts:AssumeRole on the role should use its trust policy as the resource policy")
	}
}

func TestResolveErrors(t *testing.T) {
	d := loadTestData(t)
	tests := []struct{ arn, want string }{
		{"arn:aws:iam::222222222222:user/alicia", "principal arn:aws:iam::222222222222:user/alicia: the export of account 222222222222 has no user alicia; did you mean alice?"},
		{"arn:aws:iam::222222222222:role/deploy", "the export has this role as arn:aws:iam::222222222222:role/app/deploy"},
		{"arn:aws:iam::222222222222:group/Developers", ": want the ARN of a user, role, role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) or account root"},
		{"alice", ": want the ARN of a user, role, role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) or account root"},
	}
	for _, tt := range tests {
		_, err := d.Principal(tt.arn)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Principal(%q) error = %v, want it to contain %q", tt.arn, err, tt.want)
		}
	}
}

// TestPrincipalsOutsideTheData: principals of accounts that are not
// loaded, services and identity providers have no identity policies.
func TestPrincipalsOutsideTheData(t *testing.T) {
	d := loadTestData(t)
	for _, arn := range []string{"arn:aws:iam::333333333333:user/bob", "sns.amazonaws.com", "token.actions.githubusercontent.com", "*"} {
		p, err := d.Principal(arn)
		if err != nil || len(p.Identity) != 0 || p.Boundary != nil {
			t.Errorf("Principal(%q) = %+v, %v; want no policies", arn, p, err)
		}
	}
	p, _ := d.Principal("arn:aws:iam::333333333333:user/bob")
	if !slices.EqualFunc(p.Notes, []evaluator.Note{note(NoteAccountNotLoaded, "333333333333", "222222222222")}, evaluator.Note.Equal) {
		t.Errorf("notes = %q", p.Notes)
	}
}

func TestParseExportErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"not JSON", `{"UserDetailList": [}`, "e.json:1:21: expected a value (a string in double quotes, a number, true, false, null, an object or an array), found '}'"},
		{"not an export", `{"Statement": []}`, "e.json:1:1: not an account export"},
		{"two accounts", `{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111111111111:user/a"}, {"UserName": "b", "Arn": "arn:aws:iam::222222222222:user/b"}]}`,
			`e.json:1:108: Arn "arn:aws:iam::222222222222:user/b" belongs to account 222222222222, but this export is of account 111111111111`},
		{"bad policy", "{\"RoleDetailList\": [{\"RoleName\": \"r\", \"Arn\": \"arn:aws:iam::111111111111:role/r\",\n \"RolePolicyList\": [{\"PolicyName\": \"p\", \"PolicyDocument\": {\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"}}}]}]}",
			"role r, inline policy p:\ne.json:2:73: E010"},
		{"duplicate user", `{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111111111111:user/a"}, {"UserName": "a", "Arn": "arn:aws:iam::111111111111:user/a"}]}`, "user a appears twice"},
		{"no default version", `{"Policies": [{"PolicyName": "P", "Arn": "arn:aws:iam::111111111111:policy/P", "PolicyVersionList": []}]}`, "lists no default version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseExport("e.json", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestOrganization(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("deny.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}`)
	write("org.yaml", `managementAccount: "111111111111"
root:
  id: r-a1b2
  accounts: ["111111111111"]
  ous:
    - name: Workloads
      scps: [FullAWSAccess, deny.json]
      accounts:
        - id: "222222222222"
          scps: [FullAWSAccess, {name: inline-deny, document: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "iam:*", Resource: "*"}]}}]
`)
	org, err := LoadOrganization(filepath.Join(dir, "org.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, level := range org.SCPs("222222222222") {
		got = append(got, origins(level))
	}
	want := [][]string{
		{"FullAWSAccess attached to the root"},
		{"FullAWSAccess attached to OU Workloads", "deny.json attached to OU Workloads"},
		{"FullAWSAccess attached to account 222222222222", "inline-deny attached to account 222222222222"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SCP chain (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"222222222222"}, org.Members()); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	if org.SCPs("999999999999") != nil {
		t.Error("an account outside the organization has no SCP chain")
	}
	if n := len(org.RCPs("222222222222")); n != 3 {
		t.Errorf("RCP chain has %d levels, want 3 (RCPFullAWSAccess by default)", n)
	}
}

// TestOrganizationAliases checks that an anchored list of policies may be
// shared through aliases.
func TestOrganizationAliases(t *testing.T) {
	src := `managementAccount: "111111111111"
root:
  scps: &shared [FullAWSAccess, {name: deny-iam, document: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "iam:*", Resource: "*"}]}}]
  accounts:
    - {id: "222222222222", scps: *shared}
`
	org, err := ParseOrganization("org.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, level := range org.SCPs("222222222222") {
		got = append(got, origins(level))
	}
	want := [][]string{
		{"FullAWSAccess attached to the root", "deny-iam attached to the root"},
		{"FullAWSAccess attached to account 222222222222", "deny-iam attached to account 222222222222"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SCP chain (-want +got):\n%s", diff)
	}
}

// TestOrganizationPolicyFileLimit checks that the policy files an
// organization file names are read within the limits.
func TestOrganizationPolicyFileLimit(t *testing.T) {
	dir := t.TempDir()
	deny := `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}`
	if err := os.WriteFile(filepath.Join(dir, "deny.json"), []byte(deny), 0o644); err != nil {
		t.Fatal(err)
	}
	org := filepath.Join(dir, "org.yaml")
	if err := os.WriteFile(org, []byte("managementAccount: \"111111111111\"\nroot: {scps: [deny.json]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Limits{Files: source.Limits{MaxFileSize: 64}}.LoadOrganization(org)
	want := fmt.Sprintf("%s:2:15: %s: the file is larger than 64 bytes", org, filepath.Join(dir, "deny.json"))
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error = %v, want it to contain %q", err, want)
	}
}

func TestOrganizationErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"managementAccount: 111\nroot: {}\n", `org.yaml:1:20: account "111": want a 12-digit account ID, such as 111122223333`},
		{"managementAccount: [\"111111111111\"]\nroot: {}\n", "org.yaml:1:20: an account ID is one value of 12 digits, such as 111122223333"},
		{"managementAccount: \"111111111111\"\nroot: {scps: []}\n", "org.yaml:2:14: the root has no SCPs"},
		{"managementAccount: \"111111111111\"\nroot: {ouz: []}\n", `org.yaml:2:8: unknown key "ouz" in the root (want one of`},
		{"managementAccount: \"111111111111\"\nrot: {}\n", `org.yaml:2:1: unknown key "rot" in the organization file (want one of`},
		{"managementAccount: \"111111111111\"\nroot: {scps: [missing.json]}\n", "org.yaml:2:15: missing.json"},
		{"managementAccount: \"111111111111\"\nroot: {accounts: [\"222222222222\", \"222222222222\"]}\n", "account 222222222222 appears twice"},
		{"managementAccount: \"111111111111\"\n", "the organization file has no root"},
		{"managementAccount: \"111111111111\"\nroot: {scps: [FullAWSAccess], scps: []}\n", `org.yaml:2:31: duplicate key "scps" in the root`},
		{"- a\n", "org.yaml:1:1: an organization file is a mapping with managementAccount and root"},
	}
	for _, tt := range tests {
		_, err := ParseOrganization("org.yaml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseOrganization(%q) error = %v, want it to contain %q", tt.src, err, tt.want)
		}
	}
}

func TestResources(t *testing.T) {
	dir := t.TempDir()
	bucket := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}]}`
	if err := os.WriteFile(filepath.Join(dir, "bucket.json"), []byte(bucket), 0o644); err != nil {
		t.Fatal(err)
	}
	manifest := "resources:\n  - arn: arn:aws:s3:::data\n    policy: bucket.json\n    account: \"333333333333\"\n"
	if err := os.WriteFile(filepath.Join(dir, ManifestName), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := LoadResources(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, arn := range []string{"arn:aws:s3:::data", "arn:aws:s3:::data/reports/q1.csv"} {
		if p, ok := res.For(arn); !ok || p.Origin != "resource policy of arn:aws:s3:::data" {
			t.Errorf("For(%s) = %v, %v", arn, p.Origin, ok)
		}
		if got := res.Owner(arn); got != "333333333333" {
			t.Errorf("Owner(%s) = %q", arn, got)
		}
	}
	if _, ok := res.For("arn:aws:s3:::database"); ok {
		t.Error("a bucket's policy must not govern another bucket whose name it prefixes")
	}
	if got := res.Owner("arn:aws:sqs:eu-west-1:444444444444:q"); got != "444444444444" {
		t.Errorf("Owner of an ARN with an account = %q", got)
	}
	if _, err := ParseResources("m.yaml", []byte("resources:\n  - arn: arn:aws:s3:::b*\n    policy: x.json\n")); err == nil || !strings.Contains(err.Error(), "m.yaml:2:5: a resource needs the arn of one resource, without wildcards") {
		t.Errorf("wildcard ARN: error = %v", err)
	}
}
