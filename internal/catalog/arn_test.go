package catalog

import "testing"

// TestFits checks resource patterns against ARN formats: lint's
// resource-action-mismatch and reqcheck's request resources both ask it.
func TestFits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, resource, format string
		want                   bool
	}{
		{"exact", "arn:aws:s3:::b/k", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", true},
		{"missing slash", "arn:aws:s3:::b", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", false},
		{"bucket name stops at slash", "arn:aws:s3:::b/*", "arn:${Partition}:s3:::${BucketName}", false},
		{"star covers the slash", "arn:aws:s3:::b*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", true},
		{"question mark", "arn:aws:s3:::b?k", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", true},
		{"question mark can stand for a separator", "arn:aws:sns:us-east-1?111122223333:t", "arn:${Partition}:sns:${Region}:${Account}:${TopicName}", true},
		{"field variable has no colon", "arn:aws:ec2:us-east-1:x:y:instance/i", "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}", false},
		{"last variable takes anything", "arn:aws:iam::111122223333:role/a/b/c", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", true},
		{"other service", "arn:aws:sqs:us-east-1:111122223333:q", "arn:${Partition}:sns:${Region}:${Account}:${TopicName}", false},
		{"all star", "*", "arn:${Partition}:sns:${Region}:${Account}:${TopicName}", true},
		{"empty", "", "arn:${Partition}:sns:${Region}:${Account}:${TopicName}", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := NewARNPattern(tt.resource, true)
			if !ok {
				t.Fatalf("NewARNPattern(%q) failed", tt.resource)
			}
			if got := p.Fits(Default().CompileARNFormat(tt.format)); got != tt.want {
				t.Errorf("Fits(%q, %q) = %v, want %v", tt.resource, tt.format, got, tt.want)
			}
		})
	}
}
