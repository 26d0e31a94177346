package policy_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

func TestParseKind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want policy.Kind
	}{
		{"identity", policy.Identity},
		{"resource", policy.Resource},
		{"trust", policy.Trust},
		{"boundary", policy.Boundary},
		{"session", policy.Session},
		{"scp", policy.SCP},
		{"rcp", policy.RCP},
		{"endpoint", policy.Endpoint},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			got, err := policy.ParseKind(tc.in)
			if err != nil {
				t.Fatalf("ParseKind(%q): %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("ParseKind(%q) = %v, want %v", tc.in, got, tc.want)
			}
			if s := got.String(); s != tc.in {
				t.Errorf("%v.String() = %q, want %q", got, s, tc.in)
			}
		})
	}
	for _, bad := range []string{"", "Identity", "SCP", "group", "identity "} {
		if k, err := policy.ParseKind(bad); err == nil {
			t.Errorf("ParseKind(%q) = %v, want an error", bad, k)
		}
	}
}

func TestKinds(t *testing.T) {
	t.Parallel()
	want := []policy.Kind{policy.Identity, policy.Resource, policy.Trust, policy.Boundary, policy.Session, policy.SCP, policy.RCP, policy.Endpoint}
	if diff := cmp.Diff(want, policy.Kinds()); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if got, want := policy.Kind(99).String(), "Kind(99)"; got != want {
		t.Errorf("Kind(99).String() = %q, want %q", got, want)
	}
	if got, want := policy.Kind(-1).String(), "Kind(-1)"; got != want {
		t.Errorf("Kind(-1).String() = %q, want %q", got, want)
	}
}

// reference_policies_grammar.md: "The principal_block element is required in
// resource-based policies ... and in trust policies for IAM roles";
// orgs_manage_policies_rcps_syntax.md: "Each statement must contain the
// Principal element"; endpoint policies name a principal too.
func TestKindHasPrincipal(t *testing.T) {
	t.Parallel()
	var got []policy.Kind
	for _, k := range policy.Kinds() {
		if k.HasPrincipal() {
			got = append(got, k)
		}
	}
	want := []policy.Kind{policy.Resource, policy.Trust, policy.RCP, policy.Endpoint}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestDetectKind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want policy.Kind
	}{
		{name: "no principal", src: stmt(allow, action, anyRes), want: policy.Identity},
		{name: "principal", src: stmt(allow, anyPrin, action, anyRes), want: policy.Resource},
		{name: "NotPrincipal", src: stmt(deny, `"NotPrincipal": {"AWS": "111122223333"}`, action, anyRes), want: policy.Resource},
		{name: "AssumeRole", src: stmt(allow, `"Principal": {"Service": "ec2.amazonaws.com"}`, assume), want: policy.Trust},
		{name: "trust actions in any case", src: stmt(allow, `"Principal": {"AWS": "111122223333"}`, `"Action": ["STS:ASSUMEROLE", "sts:TagSession"]`), want: policy.Trust},
		{
			name: "every trust action",
			src:  stmt(allow, `"Principal": {"Federated": "accounts.google.com"}`, `"Action": ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"]`),
			want: policy.Trust,
		},
		{name: "trust and other actions", src: stmt(allow, anyPrin, `"Action": ["sts:AssumeRole", "s3:GetObject"]`), want: policy.Resource},
		// DetectKind looks at the actions a statement names, NotAction
		// included ("every action they name"), although this statement
		// grants everything but AssumeRole.
		{name: "NotAction with trust action", src: stmt(allow, anyPrin, `"NotAction": "sts:AssumeRole"`), want: policy.Trust},
		{name: "principal without actions", src: stmt(allow, anyPrin, anyRes), want: policy.Resource},
		{
			name: "statement list",
			src:  `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}, {"Effect": "Deny", "Principal": "*", "Action": "sts:TagSession"}]}`,
			want: policy.Trust,
		},
		{
			name: "statement list with other entries",
			src:  `{"Statement": [1, "x", {"Effect": "Allow", "Principal": "*", "Action": "kms:*"}]}`,
			want: policy.Resource,
		},
		{name: "invalid JSON", src: `{"Statement": {"Principal": "*"`, want: policy.Identity},
		{name: "empty", src: "", want: policy.Identity},
		{name: "no Statement", src: `{"Principal": "*"}`, want: policy.Identity},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := policy.DetectKind([]byte(tc.src)); got != tc.want {
				t.Errorf("DetectKind = %v, want %v", got, tc.want)
			}
		})
	}
}

// reference_policies_grammar.md resource_string: "When you specify an
// incomplete ARN (one with fewer than the standard six fields) in an
// identity-based policy, AWS automatically completes the ARN by adding
// wildcard characters (*) to all missing fields. For example, specifying
// arn:aws:sqs is equivalent to arn:aws:sqs:*:*:* ... session policies ... do
// not support incomplete ARNs."
func TestCompleteARN(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		kind      policy.Kind
		entry     string
		variables bool
		want      string
	}{
		{name: "identity three fields", kind: policy.Identity, entry: "arn:aws:sqs", want: "arn:aws:sqs:*:*:*"},
		{name: "identity four fields", kind: policy.Identity, entry: "arn:aws:sqs:us-east-1", want: "arn:aws:sqs:us-east-1:*:*"},
		{name: "boundary", kind: policy.Boundary, entry: "arn:aws:s3", want: "arn:aws:s3:*:*:*"},
		{name: "identity complete ARN", kind: policy.Identity, entry: "arn:aws:s3:::b/*", want: "arn:aws:s3:::b/*"},
		{name: "identity star", kind: policy.Identity, entry: "*", want: "*"},
		{name: "identity not an ARN", kind: policy.Identity, entry: "s3:::b", want: "s3:::b"},
		{name: "session is not completed", kind: policy.Session, entry: "arn:aws:sqs", want: "arn:aws:sqs"},
		{name: "resource policy is not completed", kind: policy.Resource, entry: "arn:aws:sqs", want: "arn:aws:sqs"},
		{name: "SCP is not completed", kind: policy.SCP, entry: "arn:aws:sqs", want: "arn:aws:sqs"},
		// A variable's colons are not field separators when variables are on.
		{name: "variable does not add fields", kind: policy.Identity, entry: "arn:aws:sqs:${aws:RequestedRegion}", variables: true, want: "arn:aws:sqs:${aws:RequestedRegion}:*:*"},
		{name: "variable text is literal when off", kind: policy.Identity, entry: "arn:aws:sqs:${aws:RequestedRegion}", variables: false, want: "arn:aws:sqs:${aws:RequestedRegion}:*"},
		{name: "malformed variable is left alone", kind: policy.Identity, entry: "arn:aws:sqs:${aws:x", variables: true, want: "arn:aws:sqs:${aws:x"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := policy.CompleteARN(tc.kind, tc.entry, tc.variables)
			if got != tc.want {
				t.Errorf("CompleteARN(%v, %q, %v) = %q, want %q", tc.kind, tc.entry, tc.variables, got, tc.want)
			}
		})
	}
}
