package check

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// identity wraps statements in an identity policy.
func identity(statements ...string) string {
	return `{"Version": "2012-10-17", "Statement": [` + strings.Join(statements, ",") + `]}`
}

func TestAccessNotGranted(t *testing.T) {
	t.Parallel()
	cat := testCatalog(t)
	tests := []struct {
		name   string
		kind   policy.Kind
		policy string
		access Access
		// want are the indexes of the statements that make it FAIL; none
		// for PASS.
		want []int
		// noWitness is set when the reasons carry a note instead.
		noWitness bool
	}{
		{
			name:   "an action granted",
			policy: identity(`{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}`),
			access: Access{Actions: []string{"s3:PutObject"}},
			want:   []int{0},
		},
		{
			name:   "another action",
			policy: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`),
			access: Access{Actions: []string{"s3:PutObject"}},
		},
		{
			name:   "a wildcard in the policy covers the listed action",
			policy: identity(`{"Effect": "Allow", "Action": "s3:Put*", "Resource": "*"}`),
			access: Access{Actions: []string{"s3:PutObject"}},
			want:   []int{0},
		},
		{
			name:   "actions match without regard to case",
			policy: identity(`{"Effect": "Allow", "Action": "S3:putobject", "Resource": "*"}`),
			access: Access{Actions: []string{"s3:PutObject"}},
			want:   []int{0},
		},
		{
			name:   "a listed wildcard is quantified over the catalog",
			policy: identity(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}`),
			access: Access{Actions: []string{"iam:*"}},
			want:   []int{0},
		},
		{
			name:   "NotAction grants every action it does not name",
			policy: identity(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}`),
			access: Access{Actions: []string{"ec2:RunInstances"}},
			want:   []int{0},
		},
		{
			name:   "NotAction that names the listed actions",
			policy: identity(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}`),
			access: Access{Actions: []string{"iam:PassRole", "iam:CreateUser"}},
		},
		{
			name:   "an action the catalog lacks, named literally, is granted",
			policy: identity(`{"Effect": "Allow", "Action": "s3:FutureAction2099", "Resource": "*"}`),
			access: Access{Actions: []string{"s3:*"}},
			want:   []int{0},
		},
		{
			name:   "a grant under a condition still fails: the policy might allow it",
			policy: identity(`{"Effect": "Allow", "Action": "s3:DeleteObject", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}`),
			access: Access{Actions: []string{"s3:DeleteObject"}},
			want:   []int{0},
		},
		{
			name:   "a condition iamsim cannot satisfy: a note instead of a witness",
			policy: identity(`{"Effect": "Allow", "Action": "s3:DeleteObject", "Resource": "*", "Condition": {"StringEquals": {"s3:ExistingObjectTag/owner": "${aws:username}"}}}`),
			access: Access{Actions: []string{"s3:DeleteObject"}},
			want:   []int{0}, noWitness: true,
		},
		{
			name: "the witness keeps a Deny under a condition from applying",
			policy: identity(`{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}`,
				`{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "storage"}}}`),
			access: Access{Actions: []string{"s3:DeleteObject"}},
			want:   []int{0},
		},
		{
			name: "a Deny without conditions takes the access away",
			policy: identity(`{"Effect": "Allow", "Action": "*", "Resource": "*"}`,
				`{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}`),
			access: Access{Actions: []string{"iam:PassRole"}},
		},
		{
			name: "a Deny under a condition might not apply",
			policy: identity(`{"Effect": "Allow", "Action": "*", "Resource": "*"}`,
				`{"Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "admins"}}}`),
			access: Access{Actions: []string{"iam:PassRole"}},
			want:   []int{0},
		},
		{
			name: "a Deny of some resources leaves the others",
			policy: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}`,
				`{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/secret/*"}`),
			access: Access{Actions: []string{"s3:GetObject"}},
			want:   []int{0},
		},
		{
			name: "a Deny of every resource the listed ones hold",
			policy: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}`,
				`{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/secret/*"}`),
			access: Access{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::reports/secret/payroll.csv"}},
		},
		{
			name: "a Deny whose resource has a variable depends on the request",
			policy: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`,
				`{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"}`),
			access: Access{Resources: []string{"arn:aws:s3:::home/*"}},
			want:   []int{0},
		},
		{
			name: "a Deny with NotResource spares what it names",
			policy: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`,
				`{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::public/*"}`),
			access: Access{Actions: []string{"s3:GetObject"}},
			want:   []int{0},
		},
		{
			name: "a Deny with NotResource that spares nothing listed",
			policy: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`,
				`{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::public/*"}`),
			access: Access{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::private/*"}},
		},
		{
			name:   "resource patterns that overlap",
			policy: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::*-reports/*"}`),
			access: Access{Resources: []string{"arn:aws:s3:::payroll-*"}},
			want:   []int{0},
		},
		{
			name:   "resource patterns that cannot overlap",
			policy: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}`),
			access: Access{Resources: []string{"arn:aws:s3:::payroll/*"}},
		},
		{
			name:   "NotResource grants every resource it does not name",
			policy: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::public/*"}`),
			access: Access{Resources: []string{"arn:aws:s3:::payroll/*"}},
			want:   []int{0},
		},
		{
			name:   "NotResource that names every listed resource",
			policy: identity(`{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::payroll/*"}`),
			access: Access{Resources: []string{"arn:aws:s3:::payroll/2026/*"}},
		},
		{
			name:   "an incomplete ARN is completed in an identity policy",
			policy: identity(`{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs"}`),
			access: Access{Resources: []string{"arn:aws:sqs:us-east-1:444455556666:orders"}},
			want:   []int{0},
		},
		{
			name: "a Deny to the principal of the Allow in a resource policy",
			kind: policy.Resource,
			policy: identity(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "sqs:*", "Resource": "*"}`,
				`{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "sqs:DeleteQueue", "Resource": "*"}`),
			access: Access{Actions: []string{"sqs:DeleteQueue"}},
		},
		{
			name: "a Deny to another principal in a resource policy",
			kind: policy.Resource,
			policy: identity(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "sqs:*", "Resource": "*"}`,
				`{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:role/other"}, "Action": "sqs:DeleteQueue", "Resource": "*"}`),
			access: Access{Actions: []string{"sqs:DeleteQueue"}},
			want:   []int{0},
		},
		{
			name:   "a trust policy grants its action on any resource",
			kind:   policy.Trust,
			policy: identity(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/ci"}, "Action": "sts:AssumeRole"}`),
			access: Access{Actions: []string{"sts:AssumeRole"}},
			want:   []int{0},
		},
		{
			name:   "a trust policy that names an account delegates: no witness from the policy alone",
			kind:   policy.Trust,
			policy: identity(`{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}`),
			access: Access{Actions: []string{"sts:AssumeRole"}},
			want:   []int{0}, noWitness: true,
		},
		{
			name: "each granting statement is a reason",
			policy: identity(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}`,
				`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`,
				`{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}`),
			access: Access{Actions: []string{"iam:PassRole"}},
			want:   []int{0, 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := parse(t, tt.kind, tt.policy)
			q, err := NewAccessQuery(cat, tt.access)
			if err != nil {
				t.Fatal(err)
			}
			res := q.Check(doc)
			var got []int
			for _, r := range res.Reasons {
				got = append(got, r.StatementIndex)
				if (r.Witness == nil) != tt.noWitness {
					t.Errorf("reason %q: witness %+v, note %q", r.Description, r.Witness, r.Note)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("failing statements mismatch (-want +got):\n%s", diff)
			}
			if want := map[bool]Outcome{true: Fail, false: Pass}[len(tt.want) > 0]; res.Result != want {
				t.Errorf("result %s, want %s", res.Result, want)
			}
			checkWitnesses(t, doc, res)
		})
	}
}

func TestAccessQueryErrors(t *testing.T) {
	t.Parallel()
	cat := testCatalog(t)
	tests := []struct {
		name   string
		access Access
		want   string
	}{
		{"nothing listed", Access{}, "access-not-granted needs --action, --resource or both"},
		{"an action no catalog action matches", Access{Actions: []string{"s3:GetObjekt"}}, `--action "s3:GetObjekt": no action of the service catalog matches it; did you mean s3:GetObject?`},
		{"not an action", Access{Actions: []string{"GetObject"}}, `--action "GetObject": an action is service:Name, with * and ? as wildcards`},
		{"an empty resource", Access{Resources: []string{""}}, `--resource "": want a resource ARN, wildcards allowed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewAccessQuery(cat, tt.access)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// TestAccessDescription checks what a reason says: the actions granted in
// order, whatever the Deny statements group them by, and the statement's
// resources.
func TestAccessDescription(t *testing.T) {
	t.Parallel()
	doc := parse(t, policy.Identity, identity(
		`{"Sid": "Objects", "Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"], "Resource": "arn:aws:s3:::reports/*"}`,
		`{"Effect": "Deny", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::reports/locked/*"}`))
	q, err := NewAccessQuery(testCatalog(t), Access{Actions: []string{"s3:*Object"}})
	if err != nil {
		t.Fatal(err)
	}
	res := q.Check(doc)
	want := `statement 0 ("Objects") allows 3 actions (s3:DeleteObject, s3:GetObject, s3:PutObject) on arn:aws:s3:::reports/*`
	if len(res.Reasons) != 1 || res.Reasons[0].Description != want {
		t.Errorf("reasons %+v, want one: %s", res.Reasons, want)
	}
}
