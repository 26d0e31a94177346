package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/managedpolicies"
)

// TestPolicyArgForms checks that every policy flag of eval takes an AWS
// managed policy ARN and inline JSON as well as a file, that the
// explanation names the policy by its ARN or its flag, and that a note
// says which version of a managed policy the snapshot gave.
func TestPolicyArgForms(t *testing.T) {
	const (
		session   = "arn:aws:sts::111122223333:assumed-role/reports/job" // session policies apply to sessions
		s3Full    = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
		denyAll   = "arn:aws:iam::aws:policy/AWSDenyAll"
		denyS3    = `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}`
		denyS3Any = `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}`
		allowAny  = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}`
		readOnly  = "arn:aws:iam::aws:policy/ReadOnlyAccess"
	)
	tests := []struct {
		name         string
		flags        []string
		wantDecision string
		wantPolicy   string // the first deciding statement's policy
	}{
		{
			name:         "--identity, a managed policy",
			flags:        []string{"--identity", readOnly},
			wantDecision: "allowed",
			wantPolicy:   readOnly,
		},
		{
			name: "--identity, inline",
			flags: []string{
				"--identity", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`,
			},
			wantDecision: "allowed",
			wantPolicy:   "--identity",
		},
		{
			name:         "--identity given twice, inline and managed",
			flags:        []string{"--identity", denyS3, "--identity", s3Full},
			wantDecision: "explicitDeny",
			wantPolicy:   "--identity[0]",
		},
		{
			name:         "--boundary, a managed policy",
			flags:        []string{"--identity", s3Full, "--boundary", denyAll},
			wantDecision: "explicitDeny",
			wantPolicy:   denyAll,
		},
		{
			name:         "--boundary, inline",
			flags:        []string{"--identity", s3Full, "--boundary", denyS3},
			wantDecision: "explicitDeny",
			wantPolicy:   "--boundary",
		},
		{
			name:         "--session-policy, a managed policy",
			flags:        []string{"--identity", s3Full, "--session-policy", denyAll},
			wantDecision: "explicitDeny",
			wantPolicy:   denyAll,
		},
		{
			name:         "--session-policy, inline",
			flags:        []string{"--identity", s3Full, "--session-policy", denyS3},
			wantDecision: "explicitDeny",
			wantPolicy:   "--session-policy",
		},
		{
			name:         "--resource-policy, inline",
			flags:        []string{"--identity", s3Full, "--resource-policy", denyS3Any},
			wantDecision: "explicitDeny",
			wantPolicy:   "--resource-policy",
		},
		{
			name:         "--endpoint-policy, inline",
			flags:        []string{"--identity", s3Full, "--endpoint-policy", denyS3Any},
			wantDecision: "explicitDeny",
			wantPolicy:   "--endpoint-policy",
		},
		{
			name:         "--scp, a managed policy",
			flags:        []string{"--identity", s3Full, "--scp", denyAll},
			wantDecision: "explicitDeny",
			wantPolicy:   denyAll,
		},
		{
			name:         "--scp, inline: its commas are its own",
			flags:        []string{"--identity", s3Full, "--scp", denyS3},
			wantDecision: "explicitDeny",
			wantPolicy:   "--scp",
		},
		{
			name:         "--scp, a managed policy beside a file in one level",
			flags:        []string{"--identity", s3Full, "--scp", "testdata/policies/scp-full-aws-access.json," + denyAll},
			wantDecision: "explicitDeny",
			wantPolicy:   denyAll,
		},
		{
			name:         "--rcp, inline, second level",
			flags:        []string{"--identity", s3Full, "--rcp", allowAny, "--rcp", denyS3Any},
			wantDecision: "explicitDeny",
			wantPolicy:   "--rcp[1]",
		},
	}
	request := []string{
		"eval",
		"--principal", session,
		"--action", "s3:GetObject",
		"--resource", "arn:aws:s3:::amzn-s3-demo-bucket/report.csv",
		"--format", "json",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := slices.Concat(request, tt.flags)
			code, stdout, stderr := run(t, "", args...)
			if code != ExitOK {
				t.Fatalf("exit code %d: %s", code, stderr)
			}
			var got []struct {
				Decision string
				Deciding []struct{ Policy string }
				Notes    []string
			}
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || len(got[0].Deciding) == 0 {
				t.Fatalf("want one result with a deciding statement:\n%s", stdout)
			}
			want := []string{tt.wantDecision, tt.wantPolicy}
			if diff := cmp.Diff(want, []string{got[0].Decision, got[0].Deciding[0].Policy}); diff != "" {
				t.Errorf("decision and deciding policy mismatch (-want +got):\n%s", diff)
			}
			if strings.HasPrefix(tt.wantPolicy, "arn:") && !slices.ContainsFunc(got[0].Notes, func(n string) bool {
				return strings.HasPrefix(n, tt.wantPolicy+" is version v") &&
					strings.Contains(n, "from iamsim's snapshot of AWS managed policies")
			}) {
				t.Errorf("no note says %s came from the snapshot: %q", tt.wantPolicy, got[0].Notes)
			}
		})
	}
}

// TestPolicyArgErrors checks the errors of managed policy ARNs and inline
// JSON: an unknown ARN gets the nearest policy's ARN, a problem in inline
// JSON its position in the flag's value.
func TestPolicyArgErrors(t *testing.T) {
	snap, err := managedpolicies.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	unknown := ": not an AWS managed policy in iamsim's snapshot (data of " + snap.Info.Date + ")"
	request := []string{"--principal", testPrincipal, "--action", "s3:GetObject", "--resource", "*"}
	eval := func(flags ...string) []string { return slices.Concat([]string{"eval"}, request, flags) }
	runCases(t, []cliCase{
		{
			name:     "a misspelt managed policy",
			args:     eval("--identity", "arn:aws:iam::aws:policy/ReadOnlyAcess"),
			wantCode: ExitInput,
			wantStderr: "iamsim: --identity arn:aws:iam::aws:policy/ReadOnlyAcess" + unknown +
				"; did you mean arn:aws:iam::aws:policy/ReadOnlyAccess?\n",
		},
		{
			name:     "a managed policy without its path",
			args:     eval("--boundary", "arn:aws:iam::aws:policy/AWSLambdaRole"),
			wantCode: ExitInput,
			wantStderr: "iamsim: --boundary arn:aws:iam::aws:policy/AWSLambdaRole" + unknown +
				"; did you mean arn:aws:iam::aws:policy/service-role/AWSLambdaRole?\n",
		},
		{
			name:       "nothing near",
			args:       eval("--scp", "arn:aws:iam::aws:policy/zzzzzzzzzzzzzzzzzzzzzzzzzzzzz"),
			wantCode:   ExitInput,
			wantStderr: "iamsim: --scp arn:aws:iam::aws:policy/zzzzzzzzzzzzzzzzzzzzzzzzzzzzz" + unknown + "\n",
		},
		{
			name:     "inline JSON that is not JSON",
			args:     eval("--identity", `{"Version": "2012-10-17", "Statement": [}`),
			wantCode: ExitInput,
			wantStderr: "iamsim: --identity:1:41: E001 expected a value " +
				"(a string in double quotes, a number, true, false, null, an object or an array), found '}'\n" +
				"    {\"Version\": \"2012-10-17\", \"Statement\": [}\n" +
				"                                            ^\n",
		},
		{
			name: "inline JSON of the second --identity",
			args: eval(
				"--identity", "testdata/policies/identity-s3-home-dirs.json",
				"--identity", `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject"}}`),
			wantCode: ExitInput,
			wantStderr: "iamsim: --identity[1]:1:15: " +
				"E010 the statement has no Resource or NotResource, which identity-based policies require\n" +
				"    {\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"}}\n" +
				"                  ^\n",
		},
		{
			name:     "a managed policy is identity-based, not a resource policy",
			args:     eval("--resource-policy", "arn:aws:iam::aws:policy/AWSDenyAll"),
			wantCode: ExitInput,
			wantStderr: "iamsim: arn:aws:iam::aws:policy/AWSDenyAll:4:9: " +
				"E019 statements of resource-based policies need a Principal " +
				"(read as a resource policy, detected because some statement names a non-role action " +
				"or no statement names a Principal; " +
				"a trust policy needs the same, so --resource-policy-type trust would not help)\n" +
				"            {\n" +
				"            ^\n",
		},
	})
}

// TestSimulateManagedPolicy checks that simulate-custom-policy reads its
// policy lists with the same reader: a managed policy ARN works there too.
func TestSimulateManagedPolicy(t *testing.T) {
	code, stdout, stderr := run(t, "",
		"simulate-custom-policy",
		"--policy-input-list", "arn:aws:iam::aws:policy/ReadOnlyAccess",
		"--action-names", "s3:GetObject", "s3:PutObject",
		"--resource-arns", "arn:aws:s3:::amzn-s3-demo-bucket/report.csv")
	var out struct {
		EvaluationResults []struct{ EvalActionName, EvalDecision string }
	}
	if err := json.Unmarshal([]byte(stdout), &out); code != ExitOK || err != nil {
		t.Fatalf("exit code %d, %v: %s", code, err, stderr)
	}
	got := map[string]string{}
	for _, r := range out.EvaluationResults {
		got[r.EvalActionName] = r.EvalDecision
	}
	want := map[string]string{"s3:GetObject": "allowed", "s3:PutObject": "implicitDeny"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
