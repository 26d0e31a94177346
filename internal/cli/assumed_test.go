package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
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
	flags := []string{"eval", "--principal", testPrincipal, "--action", "s3:GetObject", "--identity", "-"}
	const assumed = "the resource account was assumed to be 111122223333, the principal's, " +
		"since the resource ARN names no account and nothing gave one: the request is decided as same-account; " +
		"give the owner with --resource-account"
	accountsArgs := slices.Concat([]string{"eval"}, accountFlags, []string{
		"--principal", "arn:aws:iam::222222222222:user/alice",
		"--action", "s3:PutObject",
		"--resource", "arn:aws:s3:::acme-dev-data/home/alice/notes.txt",
		"--context", "aws:SecureTransport=true",
	})
	tests := []struct {
		name       string
		args       []string
		wantNote   string // "" for no note about an assumed account
		wantHeader string
	}{
		{
			name:       "S3 object, no account given",
			args:       extend(flags, "--resource", "arn:aws:s3:::b/k"),
			wantNote:   assumed,
			wantHeader: "resource account 111122223333 (assumed: the principal's, as nothing gives it)",
		},
		{
			name:       "S3 object, --resource-account",
			args:       extend(flags, "--resource", "arn:aws:s3:::b/k", "--resource-account", "111122223333"),
			wantHeader: "resource account 111122223333 (from the request)",
		},
		{
			name:       "an ARN with its account",
			args:       extend(flags, "--resource", "arn:aws:sqs:eu-west-1:111122223333:q"),
			wantHeader: "resource account 111122223333 (from the resource ARN)",
		},
		{
			name:       "no resource",
			args:       extend(flags, "--resource", "*"),
			wantHeader: "resource account 111122223333 (from the principal)",
		},
		{
			name:       "an AWS managed policy belongs to AWS",
			args:       extend(flags, "--resource", "arn:aws:iam::aws:policy/AdministratorAccess"),
			wantHeader: "resource account aws (an AWS managed policy, owned by AWS)",
		},
		{
			name:       "the shipped manifest gives the bucket's account",
			args:       accountsArgs,
			wantHeader: "resource account 222222222222 (from the resource manifest testdata/accounts/resource-policies.yaml)",
		},
		{
			name:       "--resource-account wins over the manifest",
			args:       extend(accountsArgs, "--resource-account", "333333333333"),
			wantHeader: "resource account 333333333333 (from the request)",
		},
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
	const (
		version  = `{"Version": "2012-10-17", `
		userA    = `"Principal": {"AWS": "arn:aws:iam::111122223333:user/a"}`
		readRole = "(read as a trust policy, detected because every statement names a Principal " +
			"and only role actions (sts:AssumeRole*, sts:TagSession...)"
		readResource = "(read as a resource policy, detected because some statement names a non-role action " +
			"or no statement names a Principal; "
	)
	trustWithResource := write("trust-with-resource.json",
		version+`"Statement": [{"Effect": "Allow", `+userA+`, "Action": "sts:AssumeRole", "Resource": "*"}]}`)
	trustWithS3 := write("trust-with-s3.json",
		version+`"Statement": [{"Effect": "Allow", `+userA+`, "Action": ["sts:AssumeRole", "s3:GetObject"]}]}`)
	noPrincipal := write("no-principal.json",
		version+`"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)
	request := []string{
		"eval",
		"--principal", "arn:aws:iam::111122223333:user/a",
		"--action", "sts:AssumeRole",
		"--resource", "arn:aws:iam::111122223333:role/r",
	}
	tests := []struct {
		name       string
		file, kind string
		wantCode   int
		wantStderr string
	}{
		{
			name:       "detected trust, refused",
			file:       trustWithResource,
			wantCode:   ExitInput,
			wantStderr: readRole + "; give --resource-policy-type resource to read it otherwise)",
		},
		{
			name:     "read as resource on request",
			file:     trustWithResource,
			kind:     "resource",
			wantCode: ExitOK,
		},
		{
			name:     "detected resource, refused",
			file:     trustWithS3,
			wantCode: ExitInput,
			wantStderr: readResource + "a trust policy grants only role actions (sts:AssumeRole*, sts:TagSession...) " +
				"and this one names others, so --resource-policy-type trust would not help)",
		},
		{
			name:     "read as trust on request",
			file:     trustWithS3,
			kind:     "trust",
			wantCode: ExitOK,
		},
		{
			name:     "no Principal: a trust policy would not help",
			file:     noPrincipal,
			wantCode: ExitInput,
			wantStderr: "E019 statements of resource-based policies need a Principal " +
				readResource + "a trust policy needs the same, so --resource-policy-type trust would not help)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := extend(request, "--resource-policy", tt.file)
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
	code, _, stderr := run(t, "",
		"simulate-custom-policy",
		"--policy-input-list", version+`"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`,
		"--action-names", "sts:AssumeRole",
		"--resource-arns", "arn:aws:iam::111122223333:role/r",
		"--resource-policy", "file://"+trustWithResource)
	if want := readRole + ")"; code != ExitInput || !strings.Contains(stderr, want) {
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
	const tail = ", the principal's, since the resource ARN names no account and nothing gave one: " +
		"the request is decided as same-account; give the owner with --resource-owner"
	custom := []string{
		"simulate-custom-policy",
		"--policy-input-list", "file://testdata/policies/identity-s3-home-dirs.json",
		"--action-names", "s3:GetObject", "s3:PutObject",
	}
	principal := []string{
		"simulate-principal-policy",
		"--account-details", "testdata/accounts/222222222222.json",
		"--policy-source-arn", "arn:aws:iam::222222222222:user/alice",
		"--action-names", "s3:GetObject",
		"--resource-arns", "arn:aws:s3:::acme-dev-data/home/alice/x",
	}
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{
			name: "custom, S3",
			args: extend(custom, "--resource-arns", "arn:aws:s3:::mybucket/alice/x", "arn:aws:sqs:us-east-1:111122223333:q"),
			wantStderr: "iamsim: warning: arn:aws:s3:::mybucket/alice/x: " +
				"the resource account was assumed to be 123456789012" + tail + "\n",
		},
		{
			name: "custom, --resource-owner",
			args: extend(custom, "--resource-arns", "arn:aws:s3:::mybucket/alice/x", "--resource-owner", "111122223333"),
		},
		{
			name: "principal, no manifest",
			args: principal,
			wantStderr: "iamsim: warning: arn:aws:s3:::acme-dev-data/home/alice/x: " +
				"the resource account was assumed to be 222222222222" + tail +
				", or account: for the resource in the resource manifest (--resource-policies)\n",
		},
		{
			name: "principal, the manifest gives it",
			args: extend(principal, "--resource-policies", "testdata/accounts"),
		},
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
