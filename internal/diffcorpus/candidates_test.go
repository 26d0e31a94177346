package diffcorpus

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestCandidates checks the request values the oracle derives from a
// policy value: each side of a bound, inside and around an address block.
func TestCandidates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		family policy.Family
		value  string
		want   []string
	}{
		{"numeric", policy.FamilyNumeric, "100", []string{"99", "100", "101", "100.5"}},
		{"cidr", policy.FamilyIP, "203.0.113.0/24", []string{"203.0.113.0", "203.0.113.1", "203.0.112.255", "203.0.114.0"}},
		{"unmasked cidr", policy.FamilyIP, "10.1.2.3/8", []string{"10.0.0.0", "10.0.0.1", "9.255.255.255", "11.0.0.0"}},
		{"ipv6", policy.FamilyIP, "2001:db8::/32", []string{"2001:db8::", "2001:db8::1", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::"}},
		{"address", policy.FamilyIP, "192.0.2.7", []string{"192.0.2.7", "192.0.2.8"}},
		{"string pattern", policy.FamilyString, "home/${aws:username}/*", []string{
			"home/${aws:username}/x", "home/${aws:username}/x-other", "HOME/${AWS:USERNAME}/X", "home/alice/x", "home/bob/x",
			"home/${aws:username}/", "home/${aws:username}/-other", "HOME/${AWS:USERNAME}/", "home/alice/", "home/bob/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, candidates(tt.family, tt.value)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRepresentatives checks the resources the oracle derives from a
// Resource pattern.
func TestRepresentatives(t *testing.T) {
	t.Parallel()
	got := representatives("arn:aws:s3:::b/home/${aws:username}/*")
	want := []string{
		"arn:aws:s3:::b/home/${aws:username}/x", "arn:aws:s3:::b/home/alice/x", "arn:aws:s3:::b/home/bob/x",
		"arn:aws:s3:::b/home/${aws:username}/", "arn:aws:s3:::b/home/alice/", "arn:aws:s3:::b/home/bob/",
		"arn:aws:s3:::b/home/${aws:username}/x/y", "arn:aws:s3:::b/home/alice/x/y", "arn:aws:s3:::b/home/bob/x/y",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
