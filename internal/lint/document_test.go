package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// describeFinding describes a finding as "line:col level path: message".
func describeFinding(f Finding) string {
	return fmt.Sprintf("%d:%d %s %s: %s", f.Pos.Line, f.Pos.Col, f.Level, f.Path, f.Message)
}

type documentCase = ruleCase[string]

func runDocumentCases(t *testing.T, rule string, tests []documentCase) {
	t.Helper()
	runRuleCases(t, LookupRules(rule), describeFinding, tests)
}

const listBuckets = `{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}`

// TestVersionRules follows reference_policies_elements_version.md: without
// Version, or with 2008-10-17, variables are literal text.
func TestVersionRules(t *testing.T) {
	runDocumentCases(t, "version-missing", []documentCase{
		{"absent", policy.Identity, `{"Statement": ` + listBuckets + `}`,
			[]string{"1:1 warning : the policy has no Version, so it is read as 2008-10-17"}},
		{"absent with a variable", policy.Identity, `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}}`,
			[]string{`1:1 warning : the policy has no Version, so it is read as 2008-10-17; policy variables such as "${aws:username}" are literal text`}},
		{"present", policy.Identity, `{"Version": "2012-10-17", "Statement": ` + listBuckets + `}`, nil},
		{"SCPs need it: the parser reports that", policy.SCP, `{"Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}}`, nil},
	})
	runDocumentCases(t, "version-old", []documentCase{
		{"2008", policy.Resource, `{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}`,
			[]string{`1:13 warning Version: Version 2008-10-17 is the old policy language; use "2012-10-17"`}},
		{"2008 with a condition variable", policy.Identity, `{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "${aws:username}/*"}}}}`,
			[]string{`1:13 warning Version: Version 2008-10-17 is the old policy language, in which policy variables such as "${aws:username}" are literal text; use "2012-10-17"`}},
		{"2012", policy.Identity, `{"Version": "2012-10-17", "Statement": ` + listBuckets + `}`, nil},
	})
}

// TestSidRules follows reference_policies_elements_sid.md: unique within
// the policy and letters and digits only in IAM.
func TestSidRules(t *testing.T) {
	two := func(a, b string) string {
		return `{"Version": "2012-10-17", "Statement": [{"Sid": "` + a + `", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}, {"Sid": "` + b + `", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}`
	}
	identity := func(a, b string) string {
		return `{"Version": "2012-10-17", "Statement": [{"Sid": "` + a + `", ` + listBuckets[1:] + `, {"Sid": "` + b + `", ` + listBuckets[1:] + `]}`
	}
	runDocumentCases(t, "sid-duplicate", []documentCase{
		{"identity: error", policy.Identity, identity("A", "A"), []string{`1:132 error Statement[1].Sid: Sid "A" is already used by Statement[0]`}},
		{"resource: warning", policy.Resource, two("A", "A"), []string{`1:134 warning Statement[1].Sid: Sid "A" is already used by Statement[0]`}},
		{"distinct", policy.Identity, identity("A", "B"), nil},
		{"case matters", policy.Identity, identity("A", "a"), nil},
		{"no Sids", policy.Identity, `{"Version": "2012-10-17", "Statement": [` + listBuckets + `, ` + listBuckets + `]}`, nil},
	})
	runDocumentCases(t, "sid-invalid", []documentCase{
		{"identity: hyphen", policy.Identity, identity("Read-All", "B"), []string{`1:49 error Statement[0].Sid: Sid "Read-All" has "-"; IAM accepts only ASCII letters and digits`}},
		{"identity: empty", policy.Identity, identity("", "B"), []string{`1:49 error Statement[0].Sid: the Sid is empty; remove it or name the statement`}},
		{"identity: non-ASCII letter", policy.Identity, identity("Lesezugriff", "Größe"), []string{`1:142 error Statement[1].Sid: Sid "Größe" has "ö"; IAM accepts only ASCII letters and digits`}},
		{"resource policies are not checked", policy.Resource, two("Allow read", "B"), nil},
		{"trust: error", policy.Trust, `{"Version": "2012-10-17", "Statement": {"Sid": "ec2 role", "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}}`,
			[]string{`1:48 error Statement[0].Sid: Sid "ec2 role" has " "; IAM accepts only ASCII letters and digits`}},
		{"alphanumeric", policy.Identity, identity("Read1", "B2"), nil},
	})
}

func TestEmptyBlock(t *testing.T) {
	runDocumentCases(t, "empty-block", []documentCase{
		{"empty Action", policy.Identity, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": [], "Resource": "*"}}`,
			[]string{"1:60 note Statement[0].Action: Action is empty: it matches nothing, so the statement has no effect"}},
		{"empty NotResource", policy.Identity, `{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:*", "NotResource": []}}`,
			[]string{"1:77 note Statement[0].NotResource: NotResource is empty: it excludes nothing, so the statement applies to every resource"}},
		{"empty Principal", policy.Resource, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {}, "Action": "s3:GetObject", "Resource": "*"}}`,
			[]string{"1:60 note Statement[0].Principal: Principal names no principal"}},
		{"empty condition values", policy.Identity, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": []}}}}`,
			[]string{`1:141 note Statement[0].Condition.StringEquals.aws:PrincipalTag/team: condition key "aws:PrincipalTag/team" has no values to compare`}},
		{"nothing empty", policy.Identity, `{"Version": "2012-10-17", "Statement": ` + listBuckets + `}`, nil},
	})
}

// TestPolicySize checks the quotas of reference_iam-quotas.md at their
// edges: a policy exactly at a quota is accepted.
func TestPolicySize(t *testing.T) {
	// sized returns a session policy whose size without white space is n,
	// by padding a Sid-free Resource string.
	sized := func(n int) string {
		base := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/"}}`
		pad := strings.Repeat("x", n-len(base))
		return strings.Replace(base, `b/"`, "b/"+pad+`"`, 1)
	}
	if got := policySize([]byte(sized(2048))); got != 2048 {
		t.Fatalf("policySize(sized(2048)) = %d", got)
	}
	runDocumentCases(t, "policy-size", []documentCase{
		{"session at the quota", policy.Session, sized(2048), nil},
		{"session over it", policy.Session, sized(2049), []string{"1:1 error : the policy has 2049 characters other than white space; the quota for session policies is 2048"}},
		{"trust over the default quota", policy.Trust, trustSized(3000),
			[]string{"1:1 warning : the policy has 3000 characters other than white space; the quota for role trust policies (2,048 by default, 4,096 at most) is 2048"}},
		{"identity over the managed quota", policy.Identity, sized(7000), []string{"1:1 warning : the policy has 7000 characters other than white space; the quota for identity-based policies (6,144 for a managed policy; 10,240 for the largest, a role's inline policy) is 6144"}},
		{"identity over every quota", policy.Identity, sized(10241), []string{"1:1 error : the policy has 10241 characters other than white space; the quota for identity-based policies (6,144 for a managed policy; 10,240 for the largest, a role's inline policy) is 6144"}},
		{"an SCP counts white space", policy.SCP, sized(200) + strings.Repeat(" ", 10241-200),
			[]string{"1:1 error : the policy has 10241 characters, white space included; the quota for service control policies is 10240"}},
		{"an SCP at its quota", policy.SCP, sized(200) + strings.Repeat(" ", 10240-200), nil},
		{"a bucket policy over 20 KB", policy.Resource, bucket(20481),
			[]string{"1:1 error : the policy has 20481 bytes even without white space outside strings; the quota for S3 bucket policies is 20480"}},
		{"a bucket policy at 20 KB", policy.Resource, bucket(20480), nil},
		{"a bucket policy over 20 KB only with its white space", policy.Resource, bucket(20000) + strings.Repeat("\n", 481),
			[]string{"1:1 warning : the policy has 20481 bytes as written; the quota for S3 bucket policies is 20480: remove the white space outside strings before attaching it"}},
		{"DynamoDB counts white space", policy.Resource, strings.ReplaceAll(bucket(20000), "s3:GetObject", "dynamodb:GetItem") + strings.Repeat(" ", 500),
			[]string{"1:1 error : the policy has 20504 bytes, white space included; the quota for DynamoDB resource-based policies is 20480"}},
		{"a queue policy of 21 statements", policy.Resource, queueStatements(21),
			[]string{"1:1 error : the policy has 21 statements; the quota for SQS queue policies is 20"}},
		{"a queue policy of 20 statements", policy.Resource, queueStatements(20), nil},
		{"a policy of several services is not checked", policy.Resource, strings.Replace(bucket(30000), `"s3:GetObject"`, `["s3:GetObject","kms:Decrypt"]`, 1), nil},
		{"a policy of every action is not checked", policy.Resource, strings.Replace(bucket(30000), `"s3:GetObject"`, `"*"`, 1), nil},
	})
}

// bucket returns a bucket policy whose size without white space is n bytes.
func bucket(n int) string {
	base := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/"}}`
	return strings.Replace(base, `b/"`, "b/"+strings.Repeat("x", n-len(base))+`"`, 1)
}

// queueStatements returns a queue policy of n statements.
func queueStatements(n int) string {
	var sts []string
	for i := range n {
		sts = append(sts, fmt.Sprintf(`{"Sid":"S%d","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:444455556666:q"}`, i))
	}
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(sts, ",") + `]}`
}

// trustSized returns a trust policy whose size without white space is n.
func trustSized(n int) string {
	base := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":""}}}}`
	return strings.Replace(base, `"sts:ExternalId":""`, `"sts:ExternalId":"`+strings.Repeat("x", n-len(base))+`"`, 1)
}

func TestPolicySizeCountsLikeIAM(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{`{ "a" : "b c" }`, 11},
		{"{\n\t\"a\":\n\t\"b\\\" c\"\n}", 13},
		{`{"é": "ü"}`, 9},
	}
	for _, tt := range tests {
		if got := policySize([]byte(tt.src)); got != tt.want {
			t.Errorf("policySize(%q) = %d, want %d", tt.src, got, tt.want)
		}
	}
}

// TestCompactSizeDecodesAlike checks that compactSize, which counts
// white space byte by byte in valid UTF-8, gives what decoding every
// character gives: on every AWS managed policy, every rule example, and
// strings with escapes, multi-byte characters, an unterminated string and
// invalid UTF-8.
func TestCompactSizeDecodesAlike(t *testing.T) {
	t.Parallel()
	srcs := [][]byte{
		[]byte(`{ "a" : "b c" }`), []byte("{\n\t\"a\":\n\t\"b\\\" c\"\n}"), []byte(`{"é": "ü \\", "x": "\""}`),
		[]byte(`{"a": "open string `), []byte(`{"a": "ends in a backslash\`), []byte("{\"\xff\": \" \xe2\x82 \"}"),
		[]byte(""), []byte(" \t\r\n"), []byte(`"日本語" "€"`), []byte(`{"a": "x\" y z", "b": 1}`), []byte(`{"a":"x\" ","b":1}`),
	}
	for _, r := range Rules() {
		srcs = append(srcs, []byte(r.Bad.Policy), []byte(r.Good.Policy))
	}
	for _, p := range loadManaged(t).Policies {
		srcs = append(srcs, p.Document)
	}
	for _, src := range srcs {
		chars, bytes := compactSize(src)
		wantChars, wantBytes := compactSizeDecoding(src)
		if chars != wantChars || bytes != wantBytes {
			t.Errorf("compactSize(%.60q) = %d, %d; decoding gives %d, %d", src, chars, bytes, wantChars, wantBytes)
		}
	}
}

// TestARNFields follows reference-arns.md: the partition, service, Region
// and account fields of a Resource ARN.
func TestARNFields(t *testing.T) {
	resource := func(arn string) string {
		return `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "` + arn + `"}}`
	}
	runDocumentCases(t, "arn-field-invalid", []documentCase{
		{"partition", policy.Identity, resource("arn:amazon:s3:::b"), []string{`1:87 error Statement[0].Resource[0]: Resource "arn:amazon:s3:::b": "amazon" is not an AWS partition (aws, aws-cn, aws-us-gov, ...)`}},
		{"service case", policy.Identity, resource("arn:aws:S3:::b"), []string{`1:87 error Statement[0].Resource[0]: Resource "arn:aws:S3:::b": service "S3" must be lower case ("s3")`}},
		{"region", policy.Identity, resource("arn:aws:sqs:eu_west_1:111122223333:q"), []string{`1:87 error Statement[0].Resource[0]: Resource "arn:aws:sqs:eu_west_1:111122223333:q": "eu_west_1" is not a Region code such as us-east-1`}},
		{"account", policy.Identity, resource("arn:aws:sqs:eu-west-1:1111-2222-3333:q"), []string{`1:87 error Statement[0].Resource[0]: Resource "arn:aws:sqs:eu-west-1:1111-2222-3333:q": account "1111-2222-3333" is not a 12-digit account ID`}},
		{"AWS-owned resources", policy.Identity, resource("arn:aws:iam::aws:policy/ReadOnlyAccess"), nil},
		{"GovCloud and European sovereign Regions", policy.Identity, resource("arn:aws-us-gov:sqs:us-gov-west-1:111122223333:q"), nil},
		{"sovereign cloud", policy.Identity, resource("arn:aws-eusc:sqs:eusc-de-east-1:111122223333:q"), nil},
		{"wildcards and variables are not checked", policy.Identity, resource("arn:*:sqs:${aws:RequestedRegion}:*:q"), nil},
		{"completed short ARNs", policy.Identity, resource("arn:aws:sqs"), nil},
		{"API Gateway's shorthand is not an ARN", policy.Resource, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/POST/a:b:c:d:e"}}`, nil},
		{"empty fields", policy.Identity, resource("arn:aws:s3:::b/*"), nil},
	})
}
