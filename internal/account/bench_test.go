package account

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
)

// The benchmarks run the queries over a generated account (nothing is
// committed): 1,000 users and 1,000 roles with about five policies each,
// two inline policies of their own and three managed policies from a pool
// of 50 shared customer managed policies (users get one of them through a
// group), under an organization with SCPs at three levels and a bucket
// with a resource policy. Targets (docs/cli.md): who-can under a second
// including the load of the export, can over the whole catalog under a
// second.

const benchAccount = "123456789012"

// benchServices are the services the generated policies use.
var benchServices = []string{"s3", "ec2", "dynamodb", "sqs", "sns", "lambda", "logs", "kms", "cloudwatch", "ecr"}

type benchDoc map[string]any

func benchStatement(effect string, action, resource any, cond map[string]any) map[string]any {
	st := map[string]any{"Effect": effect, "Action": action, "Resource": resource}
	if cond != nil {
		st["Condition"] = cond
	}
	return st
}

func benchPolicy(stmts ...map[string]any) benchDoc {
	return benchDoc{"Version": "2012-10-17", "Statement": stmts}
}

// managedDoc is shared policy i of the pool; policy 0 is an
// administrator's.
func managedDoc(i int) benchDoc {
	if i == 0 {
		return benchPolicy(benchStatement("Allow", "*", "*", nil))
	}
	svc := benchServices[i%len(benchServices)]
	other := benchServices[(i+3)%len(benchServices)]
	return benchPolicy(
		benchStatement("Allow", []string{svc + ":Get*", svc + ":List*", svc + ":Describe*"}, "*", nil),
		benchStatement("Allow", []string{svc + ":Put*", svc + ":Create*"}, fmt.Sprintf("arn:aws:%s:eu-west-1:%s:team-%d/*", svc, benchAccount, i), nil),
		benchStatement("Allow", other+":*", fmt.Sprintf("arn:aws:%s:*:%s:*", other, benchAccount),
			map[string]any{"StringEquals": map[string]any{"aws:RequestedRegion": []string{"eu-west-1", "eu-central-1"}}}),
		benchStatement("Deny", svc+":Delete*", "*", map[string]any{"Bool": map[string]any{"aws:MultiFactorAuthPresent": "false"}}),
	)
}

// inlineDoc is the j-th inline policy of principal n.
func inlineDoc(n, j int) benchDoc {
	if j == 0 {
		return benchPolicy(
			benchStatement("Allow", []string{"s3:GetObject", "s3:PutObject"}, fmt.Sprintf("arn:aws:s3:::bench-data/home/p%d/*", n), nil),
			benchStatement("Allow", "s3:ListBucket", "arn:aws:s3:::bench-data",
				map[string]any{"StringLike": map[string]any{"s3:prefix": fmt.Sprintf("home/p%d/*", n)}}),
		)
	}
	svc := benchServices[n%len(benchServices)]
	return benchPolicy(
		benchStatement("Allow", svc+":Tag*", fmt.Sprintf("arn:aws:%s:eu-west-1:%s:*", svc, benchAccount), nil),
		benchStatement("Allow", "sqs:SendMessage", fmt.Sprintf("arn:aws:sqs:eu-west-1:%s:queue-%d", benchAccount, n%100), nil),
	)
}

func attached(ids ...int) []map[string]string {
	var out []map[string]string
	for _, i := range ids {
		out = append(out, map[string]string{"PolicyName": fmt.Sprintf("Shared%02d", i), "PolicyArn": fmt.Sprintf("arn:aws:iam::%s:policy/Shared%02d", benchAccount, i)})
	}
	return out
}

func inlineList(n int) []map[string]any {
	return []map[string]any{
		{"PolicyName": "home", "PolicyDocument": inlineDoc(n, 0)},
		{"PolicyName": "tags", "PolicyDocument": inlineDoc(n, 1)},
	}
}

// generateExport writes the export of count users (in 10 groups) and
// count roles (every tenth with a permissions boundary, role-0000 the
// administrator without one).
func generateExport(tb testing.TB, count int) []byte {
	tb.Helper()
	const pool = 50
	var users, groups, roles, policies []map[string]any
	for g := 0; g < 10; g++ {
		groups = append(groups, map[string]any{
			"GroupName": fmt.Sprintf("team-%d", g), "GroupId": fmt.Sprintf("AGPABENCH%012d", g), "Path": "/",
			"Arn": fmt.Sprintf("arn:aws:iam::%s:group/team-%d", benchAccount, g), "GroupPolicyList": []any{},
			"AttachedManagedPolicies": attached(1 + g),
		})
	}
	for n := 0; n < count; n++ {
		users = append(users, map[string]any{
			"UserName": fmt.Sprintf("user-%04d", n), "UserId": fmt.Sprintf("AIDABENCH%012d", n), "Path": "/",
			"Arn":            fmt.Sprintf("arn:aws:iam::%s:user/user-%04d", benchAccount, n),
			"UserPolicyList": inlineList(n), "GroupList": []string{fmt.Sprintf("team-%d", n%10)},
			"AttachedManagedPolicies": attached(11+n%39, 11+(n*7)%39),
			"Tags":                    []map[string]string{{"Key": "team", "Value": fmt.Sprintf("t%d", n%10)}},
		})
	}
	for n := 0; n < count; n++ {
		r := map[string]any{
			"RoleName": fmt.Sprintf("role-%04d", n), "RoleId": fmt.Sprintf("AROABENCH%012d", n), "Path": "/app/",
			"Arn": fmt.Sprintf("arn:aws:iam::%s:role/app/role-%04d", benchAccount, n),
			"AssumeRolePolicyDocument": benchDoc{"Version": "2012-10-17", "Statement": []map[string]any{
				{"Effect": "Allow", "Principal": map[string]string{"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}}},
			"RolePolicyList":          inlineList(count + n),
			"AttachedManagedPolicies": attached(1+n%49, 1+(n*3)%49, 1+(n*11)%49),
		}
		if n%10 == 5 {
			r["PermissionsBoundary"] = map[string]string{"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": fmt.Sprintf("arn:aws:iam::%s:policy/Shared49", benchAccount)}
		}
		roles = append(roles, r)
	}
	// The administrators: role-0000 gets Shared00 ("Action": "*").
	roles[0]["AttachedManagedPolicies"] = attached(0, 1, 2)
	for i := 0; i < pool; i++ {
		policies = append(policies, map[string]any{
			"PolicyName": fmt.Sprintf("Shared%02d", i), "PolicyId": fmt.Sprintf("ANPABENCH%012d", i), "Path": "/",
			"Arn": fmt.Sprintf("arn:aws:iam::%s:policy/Shared%02d", benchAccount, i), "DefaultVersionId": "v1",
			"PolicyVersionList": []map[string]any{{"Document": managedDoc(i), "VersionId": "v1", "IsDefaultVersion": true}},
		})
	}
	src, err := json.MarshalIndent(map[string]any{"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies}, "", "    ")
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

const benchOrg = `managementAccount: "999999999999"
root:
  scps: [FullAWSAccess, {name: deny-leave, document: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "organizations:LeaveOrganization", Resource: "*"}]}}]
  accounts: ["999999999999"]
  ous:
    - name: Workloads
      scps: [FullAWSAccess, {name: deny-regions, document: {Version: "2012-10-17", Statement: [{Effect: Deny, NotAction: ["iam:*", "sts:*"], Resource: "*", Condition: {StringNotEquals: {"aws:RequestedRegion": [eu-west-1, eu-central-1]}}}]}}]
      rcps: [RCPFullAWSAccess, {name: org-only, document: {Version: "2012-10-17", Statement: [{Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*", Condition: {StringNotEqualsIfExists: {"aws:PrincipalOrgID": o-bench}, BoolIfExists: {"aws:PrincipalIsAWSService": "false"}}}]}}]
      accounts: ["` + benchAccount + `"]
`

const benchBucketPolicy = `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::bench-data", "arn:aws:s3:::bench-data/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::` + benchAccount + `:role/app/role-0042"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bench-data/shared/*"},
  {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bench-data/shared/*"}
]}`

// benchData parses the generated export and adds the organization and
// the bucket policy.
func benchData(tb testing.TB, export []byte, extra *Data) *Data {
	tb.Helper()
	acct, err := ParseExport("bench.json", export)
	if err != nil {
		tb.Fatal(err)
	}
	return &Data{Accounts: map[string]*Account{acct.ID: acct}, Org: extra.Org, Resources: extra.Resources}
}

// parsed is the generated account, parsed once for the benchmarks that
// do not time the load (parsing it takes longer than answering).
var parsed struct {
	sync.Once
	export []byte
	d      *Data
}

func parsedBench(tb testing.TB) ([]byte, *Data) {
	tb.Helper()
	parsed.Do(func() {
		parsed.export = generateExport(tb, 1000)
		parsed.d = benchData(tb, parsed.export, benchExtras(tb))
	})
	if parsed.d == nil {
		tb.Fatal("the generated account did not load")
	}
	return parsed.export, parsed.d
}

func benchExtras(tb testing.TB) *Data {
	tb.Helper()
	org, err := ParseOrganization("org.yaml", []byte(benchOrg))
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bucket.json"), []byte(benchBucketPolicy), 0o644); err != nil {
		tb.Fatal(err)
	}
	manifest := "resources:\n  - arn: arn:aws:s3:::bench-data\n    policy: bucket.json\n    account: \"" + benchAccount + "\"\n"
	res, err := ParseResources(filepath.Join(dir, ManifestName), []byte(manifest))
	if err != nil {
		tb.Fatal(err)
	}
	return &Data{Org: org, Resources: res}
}

func benchContext() evaluator.Context {
	ctx := evaluator.Context{}
	ctx.Set("aws:RequestedRegion", "eu-west-1")
	ctx.Set("aws:SecureTransport", "true")
	ctx.Set("aws:PrincipalOrgID", "o-bench")
	return ctx
}

// whoCanQueries are the benchmarked questions: one that the bucket
// policy also answers (every principal is decided in full) and one that
// only identity policies can allow (most principals are passed over).
var whoCanQueries = []struct {
	name string
	q    WhoCanQuery
}{
	{"bucket-object", WhoCanQuery{Action: "s3:GetObject", Resource: "arn:aws:s3:::bench-data/shared/report.csv"}},
	{"queue", WhoCanQuery{Action: "sqs:SendMessage", Resource: "arn:aws:sqs:eu-west-1:" + benchAccount + ":queue-7"}},
}

func BenchmarkWhoCan(b *testing.B) {
	export, d := parsedBench(b)
	extras := &Data{Org: d.Org, Resources: d.Resources}
	for _, tt := range whoCanQueries {
		q := tt.q
		q.Context = benchContext()
		b.Run(tt.name+"/load+query", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(export)))
			for i := 0; i < b.N; i++ {
				d := benchData(b, export, extras)
				if _, err := d.WhoCan(q); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(tt.name+"/query", func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := d.WhoCan(q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("load", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(export)))
		for i := 0; i < b.N; i++ {
			benchData(b, export, extras)
		}
	})
}

func BenchmarkCan(b *testing.B) {
	_, d := parsedBench(b)
	if _, err := catalogActions(nil); err != nil { // decode the catalog outside the timing
		b.Fatal(err)
	}
	for _, tt := range []struct{ name, principal, resource string }{
		// "Action": "*": every catalog action is a candidate.
		{"admin/every-action", "arn:aws:iam::" + benchAccount + ":role/app/role-0000", ""},
		{"admin/one-resource", "arn:aws:iam::" + benchAccount + ":role/app/role-0000", "arn:aws:s3:::bench-data/shared/report.csv"},
		{"user/every-action", "arn:aws:iam::" + benchAccount + ":user/user-0123", ""},
	} {
		q := CanQuery{Principal: tt.principal, Resource: tt.resource, Context: benchContext()}
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := d.Can(q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestBenchData checks that a smaller generated account answers as
// designed, so that the benchmarks measure real work.
func TestBenchData(t *testing.T) {
	t.Parallel()
	d := benchData(t, generateExport(t, 100), benchExtras(t))
	if n := len(d.Accounts[benchAccount].Users) + len(d.Accounts[benchAccount].Roles); n != 200 {
		t.Fatalf("%d principals, want 200", n)
	}
	q := whoCanQueries[0].q
	q.Context = benchContext()
	ans, err := d.WhoCan(q)
	if err != nil {
		t.Fatal(err)
	}
	// The bucket policy names the account 444455556666, which is decided
	// too, but the organization's RCP keeps it out.
	if ans.Checked != 200 || len(ans.Principals) == 0 || len(ans.External) != 0 {
		t.Errorf("who-can: checked %d, %d allowed, %d external", ans.Checked, len(ans.Principals), len(ans.External))
	}
	can, err := d.Can(CanQuery{Principal: "arn:aws:iam::" + benchAccount + ":role/app/role-0000", Context: benchContext()})
	if err != nil {
		t.Fatal(err)
	}
	if can.Candidates != can.Catalog || len(can.Grants) < can.Catalog-10 {
		t.Errorf("can: %d candidates, %d grants of %d catalog actions", can.Candidates, len(can.Grants), can.Catalog)
	}
}
