package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestLintDetected checks that a detected kind says what was seen, and
// names the kinds that look alike only when they report other findings.
func TestLintDetected(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		src        string
		wantKind   policy.Kind
		wantReason string
		wantDiffer []policy.Kind
	}{
		{
			name:     "an identity policy that any kind without a Principal reads alike",
			src:      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}`,
			wantKind: policy.Identity, wantReason: "no Principal",
		},
		{
			// SCPs require Version 2012-10-17 (docs/errors.md E006).
			name:     "no Version: an SCP would be an error",
			src:      `{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}`,
			wantKind: policy.Identity, wantReason: "no Principal", wantDiffer: []policy.Kind{policy.SCP},
		},
		{
			name:     "a trust policy: as a resource-based policy it would need a Resource",
			src:      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`,
			wantKind: policy.Trust, wantReason: "a Principal, and only sts:AssumeRole* and session actions",
			wantDiffer: []policy.Kind{policy.Resource, policy.RCP, policy.Endpoint},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, g := testLinter.LintDetected("test.json", []byte(tt.src))
			want := Guess{Kind: tt.wantKind, Reason: tt.wantReason, Differ: tt.wantDiffer}
			if diff := cmp.Diff(want, g); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
