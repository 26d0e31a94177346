package scenario

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// TestResourcePolicyType checks that a scenario's resource policy whose
// kind was detected, and refused for that kind, is reported with what was
// detected, why, and how to override it; that resourcePolicyType reads it
// as asked; and that a wrong or lone resourcePolicyType is an error.
// The override is offered only when the other kind accepts the policy:
// a trust policy needs a Principal too. A
// trust policy has no Resource element, a resource-based policy needs one
// (iam-user-guide reference_policies_elements_resource.md).
func TestResourcePolicyType(t *testing.T) {
	t.Parallel()
	const (
		trustWithResource = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/a"}, "Action": "sts:AssumeRole", "Resource": "*"}]}`
		trustWithS3       = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/a"}, "Action": ["sts:AssumeRole", "s3:GetObject"]}]}`
	)
	tests := []struct {
		name, policies string
		wantErr        string // "" for a scenario that loads
		wantKind       policy.Kind
	}{
		{name: "detected trust, refused", policies: "  resource: " + trustWithResource + "\n",
			wantErr: "(read as a trust policy, detected because every statement names a Principal and only role actions (sts:AssumeRole*, sts:TagSession...); give resourcePolicyType: resource to read it otherwise)"},
		{name: "read as resource on request", policies: "  resource: " + trustWithResource + "\n  resourcePolicyType: resource\n", wantKind: policy.Resource},
		{name: "the type first", policies: "  resourcePolicyType: resource\n  resource: " + trustWithResource + "\n", wantKind: policy.Resource},
		// A trust policy would parse, but it grants only role actions: a
		// role trust policy decides only STS calls on its role
		// (id_roles_terms-and-concepts.md, "Role trust policy").
		{name: "detected resource, refused: trust would not help with an S3 action", policies: "  resource: " + trustWithS3 + "\n",
			wantErr: "(read as a resource policy, detected because some statement names a non-role action or no statement names a Principal; a trust policy grants only role actions (sts:AssumeRole*, sts:TagSession...) and this one names others, so resourcePolicyType: trust would not help)"},
		{name: "a bucket policy without Resource: trust would not help", policies: `  resource: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}` + "\n",
			wantErr: "so resourcePolicyType: trust would not help)"},
		{name: "no Principal: trust would not help", policies: `  resource: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}` + "\n",
			wantErr: "need a Principal (read as a resource policy, detected because some statement names a non-role action or no statement names a Principal; a trust policy needs the same, so resourcePolicyType: trust would not help)"},
		{name: "trust would fix one problem, not the other", policies: `  resource: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}` + "\n",
			wantErr: "which resource-based policies require (read as a resource policy, detected because some statement names a non-role action or no statement names a Principal; a trust policy grants only role actions (sts:AssumeRole*, sts:TagSession...) and this one names others, so resourcePolicyType: trust would not help)"},
		{name: "read as trust on request", policies: "  resource: " + trustWithS3 + "\n  resourcePolicyType: trust\n", wantKind: policy.Trust},
		{name: "detected and accepted", policies: "  resource: " + trustWithS3[:len(trustWithS3)-3] + `, "Resource": "*"}]}` + "\n", wantKind: policy.Resource},
		{name: "a wrong type", policies: "  resource: " + trustWithS3 + "\n  resourcePolicyType: bucket\n",
			wantErr: `s.yaml:3:23: resourcePolicyType "bucket": want resource or trust`},
		{name: "a type without a policy", policies: "  resourcePolicyType: trust\n",
			wantErr: "s.yaml:2:23: resourcePolicyType says how to read the resource policy: give policies' resource too"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := Parse("s.yaml", []byte("policies:\n"+tt.policies))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one with %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantKind, s.Policies.Resource.Kind); diff != "" {
				t.Errorf("kind mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
