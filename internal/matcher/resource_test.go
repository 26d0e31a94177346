package matcher_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

func TestResourceMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		kind     policy.Kind // Identity unless set
		element  string      // the Resource or NotResource member
		resource string      // the request's resource
		want     bool
	}{
		{
			// RES: an ARN names one resource.
			name: "exact", element: `"Resource": "arn:aws:sqs:us-east-2:111122223333:queue1"`, resource: "arn:aws:sqs:us-east-2:111122223333:queue1", want: true,
		},
		{
			// RES: "*" is every resource, the * of resource-less actions included (SPEC §4.2).
			name: "star/resource-less", element: `"Resource": "*"`, resource: "*", want: true,
		},
		{
			// RES: "*" is every resource.
			name: "star/any ARN", element: `"Resource": "*"`, resource: "arn:aws:s3:::bucket/a/b", want: true,
		},
		{
			// RES: a * of an S3 key is literal in the request (SPEC §2.3).
			name: "star/request star is literal", element: `"Resource": "arn:aws:s3:::bucket/dir"`, resource: "arn:aws:s3:::bucket/dir*", want: false,
		},
		{
			// RES: "amzn-s3-demo-bucket/*/test/*" matches "amzn-s3-demo-bucket//test/object.jpg" (SPEC §4.2).
			name: "documented/empty segment", element: `"Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"`, resource: "arn:aws:s3:::amzn-s3-demo-bucket//test/object.jpg", want: true,
		},
		{
			// RES: "amzn-s3-demo-bucket/*/test/*" matches "amzn-s3-demo-bucket/1/test/" (SPEC §4.2).
			name: "documented/trailing empty", element: `"Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"`, resource: "arn:aws:s3:::amzn-s3-demo-bucket/1/test/", want: true,
		},
		{
			// RES: "amzn-s3-demo-bucket/*/test/*" does not match "amzn-s3-demo-bucket/1-test/object.jpg" (SPEC §4.2).
			name: "documented/no test segment", element: `"Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"`, resource: "arn:aws:s3:::amzn-s3-demo-bucket/1-test/object.jpg", want: false,
		},
		{
			// RES: * crosses / within the resource: several folders.
			name: "documented/slashes", element: `"Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"`, resource: "arn:aws:s3:::amzn-s3-demo-bucket/a/b/test/c/d", want: true,
		},
		{
			// RES: arn:aws:sqs:*:*:queue1 matches queue1 in any region and account (SPEC §4.2).
			name: "documented/queue1 any region", element: `"Resource": "arn:aws:sqs:*:*:queue1"`, resource: "arn:aws:sqs:eu-west-1:444455556666:queue1", want: true,
		},
		{
			// RES: arn:aws:sqs:*:*:queue1 does not match queue10 (SPEC §4.2).
			name: "documented/not queue10", element: `"Resource": "arn:aws:sqs:*:*:queue1"`, resource: "arn:aws:sqs:us-east-2:111122223333:queue10", want: false,
		},
		{
			// RES [current]: arn:aws:sqs:us-east-1:* covers every queue of the region (SPEC §4.2, D12).
			name: "documented/region star crosses colons", element: `"Resource": "arn:aws:sqs:us-east-1:*"`, resource: "arn:aws:sqs:us-east-1:111122223333:queue1", want: true,
		},
		{
			// RES [current]: arn:aws:sqs:us-east-1:* does not cover another region.
			name: "documented/region star other region", element: `"Resource": "arn:aws:sqs:us-east-1:*"`, resource: "arn:aws:sqs:us-west-2:111122223333:queue1", want: false,
		},
		{
			// RES [current]: log-group:app-* covers log-group:app-1:log-stream:s1 (SPEC §4.2, D12).
			name: "documented/log group covers streams", element: `"Resource": "arn:aws:logs:us-east-1:111122223333:log-group:app-*"`, resource: "arn:aws:logs:us-east-1:111122223333:log-group:app-1:log-stream:s1", want: true,
		},
		{
			// SPEC §8 D12: any * may cross :, mid-segment too.
			name: "D12/mid-segment star crosses colon", element: `"Resource": "arn:aws:logs:us-east-1:111122223333:log-group:a*b"`, resource: "arn:aws:logs:us-east-1:111122223333:log-group:a:xb", want: true,
		},
		{
			// SPEC §4.2: instance/* does not cover a volume.
			name: "instance star not volume", element: `"Resource": "arn:aws:ec2:us-east-1:111122223333:instance/*"`, resource: "arn:aws:ec2:us-east-1:111122223333:volume/vol-1", want: false,
		},
		{
			// RES: ? is one character.
			name: "question/one character", element: `"Resource": "arn:aws:s3:::bucket/file?.txt"`, resource: "arn:aws:s3:::bucket/file1.txt", want: true,
		},
		{
			// RES: ? is exactly one character.
			name: "question/not two", element: `"Resource": "arn:aws:s3:::bucket/file?.txt"`, resource: "arn:aws:s3:::bucket/file10.txt", want: false,
		},
		{
			// SPEC §4.2: bucket/* does not match the bucket ARN; object and bucket are different resources.
			name: "bucket star not bucket", element: `"Resource": "arn:aws:s3:::bucket/*"`, resource: "arn:aws:s3:::bucket", want: false,
		},
		{
			// SPEC §4.2: the bucket ARN does not match its objects.
			name: "bucket not objects", element: `"Resource": "arn:aws:s3:::bucket"`, resource: "arn:aws:s3:::bucket/key", want: false,
		},
		{
			// RES: "In the Resource element, the IAM user name is case sensitive" (SPEC §8 D13).
			name: "D13/user name case", element: `"Resource": "arn:aws:iam::111122223333:user/Bob"`, resource: "arn:aws:iam::111122223333:user/bob", want: false,
		},
		{
			// SPEC §8 D13: case-sensitive over the whole ARN, wildcard patterns too.
			name: "D13/wildcard case", element: `"Resource": "arn:aws:s3:::Bucket/*"`, resource: "arn:aws:s3:::bucket/key", want: false,
		},
		{
			// SPEC §8 D13: case-sensitive in the service field too.
			name: "D13/service case", element: `"Resource": "arn:aws:S3:::bucket"`, resource: "arn:aws:s3:::bucket", want: false,
		},
		{
			// RES: several resources are OR'ed.
			name: "list", element: `"Resource": ["arn:aws:dynamodb:us-east-2:111122223333:table/books_table", "arn:aws:dynamodb:us-east-2:111122223333:table/magazines_table"]`, resource: "arn:aws:dynamodb:us-east-2:111122223333:table/magazines_table", want: true,
		},
		{
			// SPEC §4.2: file[1].txt matches only itself.
			name: "literal/brackets match themselves", element: `"Resource": "arn:aws:s3:::bucket/file[1].txt"`, resource: "arn:aws:s3:::bucket/file[1].txt", want: true,
		},
		{
			// SPEC §4.2: [1] is no character class.
			name: "literal/brackets are no class", element: `"Resource": "arn:aws:s3:::bucket/file[1].txt"`, resource: "arn:aws:s3:::bucket/file1.txt", want: false,
		},
		{
			// SPEC §4.2: {a,b} is no alternation.
			name: "literal/braces are no alternation", element: `"Resource": "arn:aws:s3:::bucket/{a,b}/*"`, resource: "arn:aws:s3:::bucket/a/x", want: false,
		},
		{
			// SPEC §4.2: {a,b} matches itself.
			name: "literal/braces match themselves", element: `"Resource": "arn:aws:s3:::bucket/{a,b}/*"`, resource: "arn:aws:s3:::bucket/{a,b}/x", want: true,
		},
		{
			// SPEC §4.2: dir\* is a backslash then a wildcard.
			name: "literal/backslash then wildcard", element: `"Resource": "arn:aws:s3:::bucket/dir\\*"`, resource: `arn:aws:s3:::bucket/dir\file`, want: true,
		},
		{
			// SPEC §4.2: dir\* does not escape the *.
			name: "literal/backslash escapes nothing", element: `"Resource": "arn:aws:s3:::bucket/dir\\*"`, resource: "arn:aws:s3:::bucket/dir*", want: false,
		},
		{
			// SPEC §4.2: [!a] is no negated class.
			name: "literal/negated class", element: `"Resource": "arn:aws:s3:::bucket/[!a]"`, resource: "arn:aws:s3:::bucket/b", want: false,
		},
		{
			// SPEC §4.2: . + ( ) | ^ $ , are literal.
			name: "literal/regexp characters", element: `"Resource": "arn:aws:s3:::bucket/^(a|b)+.$,*"`, resource: "arn:aws:s3:::bucket/^(a|b)+.$,x", want: true,
		},
		{
			// SPEC §4.2: . is no wildcard.
			name: "literal/dot", element: `"Resource": "arn:aws:s3:::bucket/a.b"`, resource: "arn:aws:s3:::bucket/axb", want: false,
		},
		{
			// NR: NotResource covers every resource except those listed (SPEC §4.2).
			name: "NotResource/other bucket", element: `"NotResource": "arn:aws:s3:::bucket/*"`, resource: "arn:aws:s3:::other/key", want: true,
		},
		{
			// NR: a listed resource is not covered.
			name: "NotResource/listed", element: `"NotResource": "arn:aws:s3:::bucket/*"`, resource: "arn:aws:s3:::bucket/key", want: false,
		},
		{
			// SPEC §4.2: object and bucket are different resources, also for NotResource.
			name: "NotResource/bucket ARN not listed", element: `"NotResource": "arn:aws:s3:::bucket/*"`, resource: "arn:aws:s3:::bucket", want: true,
		},
		{
			// NR: NotResource with a list excludes each entry.
			name: "NotResource/list", element: `"NotResource": ["arn:aws:s3:::a", "arn:aws:s3:::b"]`, resource: "arn:aws:s3:::b", want: false,
		},
		{
			// NR: NotResource "*" covers nothing.
			name: "NotResource/star", element: `"NotResource": "*"`, resource: "*", want: false,
		},
		{
			// GRAM "resource_string": "specifying arn:aws:sqs is equivalent to arn:aws:sqs:*:*:*" in an identity-based policy.
			name: "incomplete/identity", element: `"Resource": "arn:aws:sqs"`, resource: "arn:aws:sqs:us-east-1:111122223333:queue1", want: true,
		},
		{
			// GRAM "resource_string": the completed ARN is still limited to its service.
			name: "incomplete/identity other service", element: `"Resource": "arn:aws:sqs"`, resource: "arn:aws:sns:us-east-1:111122223333:topic1", want: false,
		},
		{
			// GRAM "resource_string": missing fields become *, so the region stays fixed.
			name: "incomplete/identity with region", element: `"Resource": "arn:aws:sqs:us-east-1"`, resource: "arn:aws:sqs:us-east-1:111122223333:queue1", want: true,
		},
		{
			// GRAM "resource_string": missing fields become *, so the region stays fixed.
			name: "incomplete/identity other region", element: `"Resource": "arn:aws:sqs:us-east-1"`, resource: "arn:aws:sqs:us-west-2:111122223333:queue1", want: false,
		},
		{
			// GRAM "resource_string": a permissions boundary is an identity-based policy.
			name: "incomplete/boundary", kind: policy.Boundary, element: `"Resource": "arn:aws:sqs"`, resource: "arn:aws:sqs:us-east-1:111122223333:queue1", want: true,
		},
		{
			// GRAM "resource_string": completion applies to NotResource too.
			name: "incomplete/NotResource", element: `"NotResource": "arn:aws:sqs"`, resource: "arn:aws:sqs:us-east-1:111122223333:queue1", want: false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := statementSrc(v2012, `"Action": "*", `+tt.element)
			st := mustCompile(t, tt.kind, src).Statements[0]
			if diff := cmp.Diff(tt.want, st.Resource.Match(tt.resource, newContext())); diff != "" {
				t.Errorf("%s: Match(%q) mismatch (-want +got):\n%s", tt.element, tt.resource, diff)
			}
		})
	}
}

// TestResourceAbsent checks the trust-policy case: a statement without
// Resource or NotResource covers the resource its policy is attached to.
func TestResourceAbsent(t *testing.T) {
	t.Parallel()
	// SPEC §3: "A statement without Resource/NotResource (trust policies) covers the resource its policy is attached to".
	src := `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}}`
	st := mustCompile(t, policy.Trust, src).Statements[0]
	got := struct{ Absent, Match bool }{st.Resource.Absent, st.Resource.Match("arn:aws:iam::111122223333:role/r", newContext())}
	want := struct{ Absent, Match bool }{true, true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestResourceIncompleteNotInResourcePolicy checks that ARN completion is
// limited to identity-based policies: elsewhere a five-field ARN is a
// parse error (GRAM "resource_string"; session policies reject them).
func TestResourceIncompleteNotInResourcePolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		kind policy.Kind
		src  string
	}{
		// GRAM "resource_string": only identity-based policies complete ARNs.
		{name: "resource policy", kind: policy.Resource, src: `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "sqs:*", "Resource": "arn:aws:sqs"}}`},
		// GRAM "resource_string": "session policies ... do not support incomplete ARNs".
		{name: "session policy", kind: policy.Session, src: `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:*", "Resource": "arn:aws:sqs"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := policy.Parse("test.json", []byte(tt.src), tt.kind)
			if diff := cmp.Diff(true, err != nil); diff != "" {
				t.Errorf("Parse error reported mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
