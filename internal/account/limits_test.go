package account

import (
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// TestPolicyLimits checks that every reader parses its policies within
// Files.Policy: an export's, an organization file's and directory's, and
// a manifest's. A policy of more than 16 bytes is E025 in each, and the
// built-in FullAWSAccess an organization file names, iamsim's own text,
// is read within the defaults (it was once an internal error).
func TestPolicyLimits(t *testing.T) {
	t.Parallel()
	l := Limits{Files: source.Limits{Policy: policy.Limits{Bytes: 16}}}
	const dir = "../../testdata/accounts/"
	for _, tt := range []struct {
		name string
		load func() error
	}{
		{"export", func() error { _, err := l.Load(dir + "111111111111.json"); return err }},
		{"organization file", func() error { _, err := l.LoadOrganizationAny(dir + "organization.yaml"); return err }},
		{"organization directory", func() error { _, err := l.LoadOrganizationAny(dir + "aws-organization"); return err }},
		{"manifest", func() error { _, err := l.LoadResources(dir + "resource-policies.yaml"); return err }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := tt.load(); err == nil || !strings.Contains(err.Error(), "E025") {
				t.Errorf("error = %v, want E025", err)
			}
		})
	}
}
