package catfile

import "testing"

func TestKeyName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"global tag-key", "aws:RequestTag/tag-key", "aws:RequestTag/${TagKey}"},
		{"service tag-key", "secretsmanager:ResourceTag/tag-key", "secretsmanager:ResourceTag/${TagKey}"},
		{"lower-case tag segment", "ssm:resourceTag/tag-key", "ssm:resourceTag/${TagKey}"},
		{"missing placeholder", "glacier:ResourceTag/", "glacier:ResourceTag/${TagKey}"},
		{"already a template", "aws:RequestTag/${TagKey}", "aws:RequestTag/${TagKey}"},
		{"angle brackets kept", "s3:ExistingObjectTag/<key>", "s3:ExistingObjectTag/<key>"},
		{"literal tag name", "ssm:resourceTag/aws:ssmmessages:session-id", "ssm:resourceTag/aws:ssmmessages:session-id"},
		{"tag keys", "aws:TagKeys", "aws:TagKeys"},
		{"object tag keys", "s3:RequestObjectTagKeys", "s3:RequestObjectTagKeys"},
		{"tags in the name", "ecs:propagate-tags", "ecs:propagate-tags"},
		{"other trailing slash", "apigateway:Request/", "apigateway:Request/"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KeyName(tt.in); got != tt.want {
				t.Errorf("KeyName(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := KeyName(tt.want); got != tt.want {
				t.Errorf("KeyName(%q) = %q, want it unchanged", tt.want, got)
			}
		})
	}
}

func TestHasVariable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"aws:RequestTag/${TagKey}", true},
		{"s3:ExistingObjectTag/<key>", true},
		{"agent.${Domain}.buildkite.dev:cluster_id", true},
		{"secretsmanager:ResourceTag/tag-key", false}, // KeyName rewrites it first
		{"aws:TagKeys", false},
		{"s3:prefix", false},
	}
	for _, tt := range tests {
		if got := HasVariable(tt.in); got != tt.want {
			t.Errorf("HasVariable(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
