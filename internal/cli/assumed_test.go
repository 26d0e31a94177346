package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAssumedResourceAccount checks that when a resource ARN names no
// account (S3's do not: iam-user-guide reference-arns.md) and nothing
// gives one, eval says in text and JSON that the principal's account was
// assumed and how to give the owner; and that the shipped manifest gives
// its buckets' owners, so nothing is assumed for them, and the header and
// the JSON request say the account came from the manifest, not the
// request.
func TestAssumedResourceAccount(t *testing.T) {
	identity := `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`
	flags := []string{"eval", "--principal", "arn:aws:iam::111122223333:user/alice", "--action", "s3:GetObject", "--identity", "-"}
	const assumed = "the resource account was assumed to be 111122223333, the principal's, since the resource ARN names no account and nothing gave one: the request is decided as same-account; give the owner with --resource-account"
	accountsArgs := append(append([]string{"eval"}, accountFlags...), "--principal", "arn:aws:iam::222222222222:user/alice",
		"--action", "s3:PutObject", "--resource", "arn:aws:s3:::acme-dev-data/home/alice/notes.txt", "--context", "aws:SecureTransport=true")
	tests := []struct {
		name       string
		args       []string
		wantNote   string // "" for no note about an assumed account
		wantHeader string
	}{
		{"S3 object, no account given", append(flags, "--resource", "arn:aws:s3:::b/k"), assumed, "resource account 111122223333 (assumed: the principal's, as nothing gives it)"},
		{"S3 object, --resource-account", append(flags, "--resource", "arn:aws:s3:::b/k", "--resource-account", "111122223333"), "", "resource account 111122223333 (from the request)"},
		{"an ARN with its account", append(flags, "--resource", "arn:aws:sqs:eu-west-1:111122223333:q"), "", "resource account 111122223333 (from the resource ARN)"},
		{"no resource", append(flags, "--resource", "*"), "", "resource account 111122223333 (from the principal)"},
		{"an AWS managed policy belongs to AWS", append(flags, "--resource", "arn:aws:iam::aws:policy/AdministratorAccess"), "", "resource account aws (an AWS managed policy, owned by AWS)"},
		{"the shipped manifest gives the bucket's account", accountsArgs, "", "resource account 222222222222 (from the resource manifest testdata/accounts/resource-policies.yaml)"},
		{"--resource-account wins over the manifest", append(accountsArgs, "--resource-account", "333333333333"), "", "resource account 333333333333 (from the request)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, text, stderr := run(t, identity, tt.args...)
			if !strings.Contains(text, tt.wantHeader) {
				t.Errorf("no %q in the text (stderr %q)\n%s", tt.wantHeader, stderr, text)
			}
			_, js, _ := run(t, identity, append(tt.args, "--format", "json")...)
			if from, ok := strings.CutPrefix(tt.wantHeader, "resource account 222222222222 (from "); ok {
				want := `"resourceAccountFrom": "` + strings.TrimSuffix(from, ")") + `"`
				if !strings.Contains(js, want) {
					t.Errorf("no %s in the JSON\n%s", want, js)
				}
			}
			var got []struct{ Notes []string }
			if err := json.Unmarshal([]byte(js), &got); err != nil || len(got) != 1 {
				t.Fatalf("%v\n%s", err, js)
			}
			var note string
			for _, n := range got[0].Notes {
				if strings.Contains(n, "was assumed") {
					note = n
				}
			}
			if note != tt.wantNote {
				t.Errorf("JSON note %q, want %q", note, tt.wantNote)
			}
			if tt.wantNote != "" && !strings.Contains(text, "Note: "+tt.wantNote) {
				t.Errorf("no note in the text\n%s", text)
			}
		})
	}
}

// TestDetectedPolicyKind checks that when eval detects whether
// --resource-policy is a role trust policy or a resource-based policy,
// and the guess decides that the policy is refused, the error says what
// was detected and why, and that --resource-policy-type overrides it.
// The two kinds accept different documents: a trust policy has no
// Resource element, a resource-based policy needs one (iam-user-guide
// reference_policies_elements_resource.md; Access Analyzer
// MISSING_RESOURCE).
func TestDetectedPolicyKind(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	trustWithResource := write("trust-with-resource.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/a"}, "Action": "sts:AssumeRole", "Resource": "*"}]}`)
	trustWithS3 := write("trust-with-s3.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/a"}, "Action": ["sts:AssumeRole", "s3:GetObject"]}]}`)
	noPrincipal := write("no-principal.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)
	request := []string{"eval", "--principal", "arn:aws:iam::111122223333:user/a", "--action", "sts:AssumeRole", "--resource", "arn:aws:iam::111122223333:role/r"}
	tests := []struct {
		name       string
		file, kind string
		wantCode   int
		wantStderr string
	}{
		{"detected trust, refused", trustWithResource, "", ExitInput,
			"(read as a trust policy, detected because every statement names a Principal and only role actions (sts:AssumeRole*, sts:TagSession...); give --resource-policy-type resource to read it otherwise)"},
		{"read as resource on request", trustWithResource, "resource", ExitOK, ""},
		{"detected resource, refused", trustWithS3, "", ExitInput,
			"(read as a resource policy, detected because some statement names a non-role action or no statement names a Principal; a trust policy grants only role actions (sts:AssumeRole*, sts:TagSession...) and this one names others, so --resource-policy-type trust would not help)"},
		{"read as trust on request", trustWithS3, "trust", ExitOK, ""},
		{"no Principal: a trust policy would not help", noPrincipal, "", ExitInput,
			"E019 statements of resource-based policies need a Principal (read as a resource policy, detected because some statement names a non-role action or no statement names a Principal; a trust policy needs the same, so --resource-policy-type trust would not help)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(request, "--resource-policy", tt.file)
			if tt.kind != "" {
				args = append(args, "--resource-policy-type", tt.kind)
			}
			code, _, stderr := run(t, "", args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.wantCode, tt.wantStderr)
			}
		})
	}
	// simulate-custom-policy takes the AWS CLI's flags, which have no
	// override: the error says what was detected, and no flag.
	code, _, stderr := run(t, "", "simulate-custom-policy", "--policy-input-list", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`,
		"--action-names", "sts:AssumeRole", "--resource-arns", "arn:aws:iam::111122223333:role/r", "--resource-policy", "file://"+trustWithResource)
	if want := "(read as a trust policy, detected because every statement names a Principal and only role actions (sts:AssumeRole*, sts:TagSession...))"; code != ExitInput || !strings.Contains(stderr, want) {
		t.Errorf("simulate-custom-policy: exit %d, stderr %q; want exit %d and %q", code, stderr, ExitInput, want)
	}
}

// TestSimulateAssumedResourceAccount checks that simulate-* warn on
// standard error, once per resource, when a resource's account was
// assumed (AWS's output format has no room for a note), naming
// --resource-owner; and that simulate-principal-policy takes the owner
// from the manifest's account: as eval does, so that nothing is assumed
// then.
func TestSimulateAssumedResourceAccount(t *testing.T) {
	const tail = ", the principal's, since the resource ARN names no account and nothing gave one: the request is decided as same-account; give the owner with --resource-owner"
	custom := []string{"simulate-custom-policy", "--policy-input-list", "file://testdata/policies/identity-s3-home-dirs.json",
		"--action-names", "s3:GetObject", "s3:PutObject"}
	principal := []string{"simulate-principal-policy", "--account-details", "testdata/accounts/222222222222.json",
		"--policy-source-arn", "arn:aws:iam::222222222222:user/alice", "--action-names", "s3:GetObject", "--resource-arns", "arn:aws:s3:::acme-dev-data/home/alice/x"}
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{"custom, S3", append(custom, "--resource-arns", "arn:aws:s3:::mybucket/alice/x", "arn:aws:sqs:us-east-1:111122223333:q"),
			"iamsim: warning: arn:aws:s3:::mybucket/alice/x: the resource account was assumed to be 123456789012" + tail + "\n"},
		{"custom, --resource-owner", append(custom, "--resource-arns", "arn:aws:s3:::mybucket/alice/x", "--resource-owner", "111122223333"), ""},
		{"principal, no manifest", principal,
			"iamsim: warning: arn:aws:s3:::acme-dev-data/home/alice/x: the resource account was assumed to be 222222222222" + tail +
				", or account: for the resource in the resource manifest (--resource-policies)\n"},
		{"principal, the manifest gives it", append(principal, "--resource-policies", "testdata/accounts"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, "", tt.args...)
			if code != ExitOK {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if stderr != tt.wantStderr {
				t.Errorf("stderr:\n got %q\nwant %q", stderr, tt.wantStderr)
			}
		})
	}
}
