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
			// reference_policies_elements_resource.md: an ARN names one resource.
			name: "exact", element: `"Resource": "arn:aws:sqs:us-east-2:111122223333:queue1"`, resource: "arn:aws:sqs:us-east-2:111122223333:queue1", want: true,
		},
		{
			// reference_policies_elements_resource.md: "*" is every resource, the * of resource-less actions included (reference_policies_elements_resource.md).
			name: "star/resource-less", element: `"Resource": "*"`, resource: "*", want: true,
		},
		{
			// reference_policies_elements_resource.md: "*" is every resource.
			name: "star/any ARN", element: `"Resource": "*"`, resource: "arn:aws:s3:::bucket/a/b", want: true,
		},
		{
			// reference_policies_elements_resource.md: a * of an S3 key is literal in the request (reference_policies_elements_resource.md).
			name: "star/request star is literal", element: `"Resource": "arn:aws:s3:::bucket/dir"`, resource: "arn:aws:s3:::bucket/dir*", want: false,
		},
		{
			// reference_policies_elements_resource.md: "amzn-s3-demo-bucket/*/test/*" matches "amzn-s3-demo-bucket//test/object.jpg" (reference_policies_elements_resource.md).
			name: "documented/empty segment", element: `"Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"`, resource: "arn:aws:s3:::amzn-s3-demo-bucket//test/object.jpg", want: true,
		},
		{
			// reference_policies_elements_resource.md: "amzn-s3-demo-bucket/*/test/*" matches "amzn-s3-demo-bucket/1/test/" (reference_policies_elements_resource.md).
			name: "documented/trailing empty", element: `"Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"`, resource: "arn:aws:s3:::amzn-s3-demo-bucket/1/test/", want: true,
		},
		{
			// reference_policies_elements_resource.md: "amzn-s3-demo-bucket/*/test/*" does not match "amzn-s3-demo-bucket/1-test/object.jpg" (reference_policies_elements_resource.md).
			name: "documented/no test segment", element: `"Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"`, resource: "arn:aws:s3:::amzn-s3-demo-bucket/1-test/object.jpg", want: false,
		},
		{
			// reference_policies_elements_resource.md: * crosses / within the resource: several folders.
			name: "documented/slashes", element: `"Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"`, resource: "arn:aws:s3:::amzn-s3-demo-bucket/a/b/test/c/d", want: true,
		},
		{
			// reference_policies_elements_resource.md: arn:aws:sqs:*:*:queue1 matches queue1 in any region and account (reference_policies_elements_resource.md).
			name: "documented/queue1 any region", element: `"Resource": "arn:aws:sqs:*:*:queue1"`, resource: "arn:aws:sqs:eu-west-1:444455556666:queue1", want: true,
		},
		{
			// reference_policies_elements_resource.md: arn:aws:sqs:*:*:queue1 does not match queue10 (reference_policies_elements_resource.md).
			name: "documented/not queue10", element: `"Resource": "arn:aws:sqs:*:*:queue1"`, resource: "arn:aws:sqs:us-east-2:111122223333:queue10", want: false,
		},
		{
			// reference_policies_elements_resource.md [current]: arn:aws:sqs:us-east-1:* covers every queue of the region (reference_policies_elements_resource.md; iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes").
			name: "documented/region star crosses colons", element: `"Resource": "arn:aws:sqs:us-east-1:*"`, resource: "arn:aws:sqs:us-east-1:111122223333:queue1", want: true,
		},
		{
			// reference_policies_elements_resource.md [current]: arn:aws:sqs:us-east-1:* does not cover another region.
			name: "documented/region star other region", element: `"Resource": "arn:aws:sqs:us-east-1:*"`, resource: "arn:aws:sqs:us-west-2:111122223333:queue1", want: false,
		},
		{
			// reference_policies_elements_resource.md [current]: log-group:app-* covers log-group:app-1:log-stream:s1 (reference_policies_elements_resource.md; iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes").
			name: "documented/log group covers streams", element: `"Resource": "arn:aws:logs:us-east-1:111122223333:log-group:app-*"`, resource: "arn:aws:logs:us-east-1:111122223333:log-group:app-1:log-stream:s1", want: true,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": any * may cross :, mid-segment too.
			name: "choice/mid-segment star crosses colon", element: `"Resource": "arn:aws:logs:us-east-1:111122223333:log-group:a*b"`, resource: "arn:aws:logs:us-east-1:111122223333:log-group:a:xb", want: true,
		},
		{
			// reference_policies_elements_resource.md: instance/* does not cover a volume.
			name: "instance star not volume", element: `"Resource": "arn:aws:ec2:us-east-1:111122223333:instance/*"`, resource: "arn:aws:ec2:us-east-1:111122223333:volume/vol-1", want: false,
		},
		{
			// reference_policies_elements_resource.md: ? is one character.
			name: "question/one character", element: `"Resource": "arn:aws:s3:::bucket/file?.txt"`, resource: "arn:aws:s3:::bucket/file1.txt", want: true,
		},
		{
			// reference_policies_elements_resource.md: ? is exactly one character.
			name: "question/not two", element: `"Resource": "arn:aws:s3:::bucket/file?.txt"`, resource: "arn:aws:s3:::bucket/file10.txt", want: false,
		},
		{
			// reference_policies_elements_resource.md: bucket/* does not match the bucket ARN; object and bucket are different resources.
			name: "bucket star not bucket", element: `"Resource": "arn:aws:s3:::bucket/*"`, resource: "arn:aws:s3:::bucket", want: false,
		},
		{
			// reference_policies_elements_resource.md: the bucket ARN does not match its objects.
			name: "bucket not objects", element: `"Resource": "arn:aws:s3:::bucket"`, resource: "arn:aws:s3:::bucket/key", want: false,
		},
		{
			// reference_policies_elements_resource.md: "In the Resource element, the IAM user name is case sensitive" (iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes").
			name: "choice/user name case", element: `"Resource": "arn:aws:iam::111122223333:user/Bob"`, resource: "arn:aws:iam::111122223333:user/bob", want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": case-sensitive over the whole ARN, wildcard patterns too.
			name: "choice/wildcard case", element: `"Resource": "arn:aws:s3:::Bucket/*"`, resource: "arn:aws:s3:::bucket/key", want: false,
		},
		{
			// iamsim's choice, docs/evaluation-logic.md "Choices iamsim makes": case-sensitive in the service field too.
			name: "choice/service case", element: `"Resource": "arn:aws:S3:::bucket"`, resource: "arn:aws:s3:::bucket", want: false,
		},
		{
			// reference_policies_elements_resource.md: several resources are OR'ed.
			name: "list", element: `"Resource": ["arn:aws:dynamodb:us-east-2:111122223333:table/books_table", "arn:aws:dynamodb:us-east-2:111122223333:table/magazines_table"]`, resource: "arn:aws:dynamodb:us-east-2:111122223333:table/magazines_table", want: true,
		},
		{
			// reference_policies_elements_resource.md: file[1].txt matches only itself.
			name: "literal/brackets match themselves", element: `"Resource": "arn:aws:s3:::bucket/file[1].txt"`, resource: "arn:aws:s3:::bucket/file[1].txt", want: true,
		},
		{
			// reference_policies_elements_resource.md: [1] is no character class.
			name: "literal/brackets are no class", element: `"Resource": "arn:aws:s3:::bucket/file[1].txt"`, resource: "arn:aws:s3:::bucket/file1.txt", want: false,
		},
		{
			// reference_policies_elements_resource.md: {a,b} is no alternation.
			name: "literal/braces are no alternation", element: `"Resource": "arn:aws:s3:::bucket/{a,b}/*"`, resource: "arn:aws:s3:::bucket/a/x", want: false,
		},
		{
			// reference_policies_elements_resource.md: {a,b} matches itself.
			name: "literal/braces match themselves", element: `"Resource": "arn:aws:s3:::bucket/{a,b}/*"`, resource: "arn:aws:s3:::bucket/{a,b}/x", want: true,
		},
		{
			// reference_policies_elements_resource.md: dir\* is a backslash then a wildcard.
			name: "literal/backslash then wildcard", element: `"Resource": "arn:aws:s3:::bucket/dir\\*"`, resource: `arn:aws:s3:::bucket/dir\file`, want: true,
		},
		{
			// reference_policies_elements_resource.md: dir\* does not escape the *.
			name: "literal/backslash escapes nothing", element: `"Resource": "arn:aws:s3:::bucket/dir\\*"`, resource: "arn:aws:s3:::bucket/dir*", want: false,
		},
		{
			// reference_policies_elements_resource.md: [!a] is no negated class.
			name: "literal/negated class", element: `"Resource": "arn:aws:s3:::bucket/[!a]"`, resource: "arn:aws:s3:::bucket/b", want: false,
		},
		{
			// reference_policies_elements_resource.md: . + ( ) | ^ $ , are literal.
			name: "literal/regexp characters", element: `"Resource": "arn:aws:s3:::bucket/^(a|b)+.$,*"`, resource: "arn:aws:s3:::bucket/^(a|b)+.$,x", want: true,
		},
		{
			// reference_policies_elements_resource.md: . is no wildcard.
			name: "literal/dot", element: `"Resource": "arn:aws:s3:::bucket/a.b"`, resource: "arn:aws:s3:::bucket/axb", want: false,
		},
		{
			// reference_policies_elements_notresource.md: NotResource covers every resource except those listed (reference_policies_elements_resource.md).
			name: "NotResource/other bucket", element: `"NotResource": "arn:aws:s3:::bucket/*"`, resource: "arn:aws:s3:::other/key", want: true,
		},
		{
			// reference_policies_elements_notresource.md: a listed resource is not covered.
			name: "NotResource/listed", element: `"NotResource": "arn:aws:s3:::bucket/*"`, resource: "arn:aws:s3:::bucket/key", want: false,
		},
		{
			// reference_policies_elements_resource.md: object and bucket are different resources, also for NotResource.
			name: "NotResource/bucket ARN not listed", element: `"NotResource": "arn:aws:s3:::bucket/*"`, resource: "arn:aws:s3:::bucket", want: true,
		},
		{
			// reference_policies_elements_notresource.md: NotResource with a list excludes each entry.
			name: "NotResource/list", element: `"NotResource": ["arn:aws:s3:::a", "arn:aws:s3:::b"]`, resource: "arn:aws:s3:::b", want: false,
		},
		{
			// reference_policies_elements_notresource.md: NotResource "*" covers nothing.
			name: "NotResource/star", element: `"NotResource": "*"`, resource: "*", want: false,
		},
		{
			// reference_policies_grammar.md "resource_string": "specifying arn:aws:sqs is equivalent to arn:aws:sqs:*:*:*" in an identity-based policy.
			name: "incomplete/identity", element: `"Resource": "arn:aws:sqs"`, resource: "arn:aws:sqs:us-east-1:111122223333:queue1", want: true,
		},
		{
			// reference_policies_grammar.md "resource_string": the completed ARN is still limited to its service.
			name: "incomplete/identity other service", element: `"Resource": "arn:aws:sqs"`, resource: "arn:aws:sns:us-east-1:111122223333:topic1", want: false,
		},
		{
			// reference_policies_grammar.md "resource_string": missing fields become *, so the region stays fixed.
			name: "incomplete/identity with region", element: `"Resource": "arn:aws:sqs:us-east-1"`, resource: "arn:aws:sqs:us-east-1:111122223333:queue1", want: true,
		},
		{
			// reference_policies_grammar.md "resource_string": missing fields become *, so the region stays fixed.
			name: "incomplete/identity other region", element: `"Resource": "arn:aws:sqs:us-east-1"`, resource: "arn:aws:sqs:us-west-2:111122223333:queue1", want: false,
		},
		{
			// reference_policies_grammar.md "resource_string": a permissions boundary is an identity-based policy.
			name: "incomplete/boundary", kind: policy.Boundary, element: `"Resource": "arn:aws:sqs"`, resource: "arn:aws:sqs:us-east-1:111122223333:queue1", want: true,
		},
		{
			// reference_policies_grammar.md "resource_string": completion applies to NotResource too.
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
	// reference_policies_grammar.md: "A statement without Resource/NotResource (trust policies) covers the resource its policy is attached to".
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
// parse error (reference_policies_grammar.md "resource_string"; session policies reject them).
func TestResourceIncompleteNotInResourcePolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		kind policy.Kind
		src  string
	}{
		// reference_policies_grammar.md "resource_string": only identity-based policies complete ARNs.
		{name: "resource policy", kind: policy.Resource, src: `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "sqs:*", "Resource": "arn:aws:sqs"}}`},
		// reference_policies_grammar.md "resource_string": "session policies ... do not support incomplete ARNs".
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
