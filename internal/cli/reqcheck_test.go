package cli

import (
	"slices"
	"strings"
	"testing"
)

// getObjectTypes are the resource types of s3:GetObject, as
// reqcheck's resource warnings name them.
const getObjectTypes = "accesspointobject: " +
	"arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}; " +
	"object: arn:${Partition}:s3:::${BucketName}/${ObjectName}"

// reqcheckHome are the flags of a request decided by the S3 home
// directories policy.
var reqcheckHome = []string{
	"--principal", testPrincipal,
	"--resource", "arn:aws:s3:::mybucket/alice/notes.txt",
	"--identity", "testdata/policies/identity-s3-home-dirs.json",
}

// Warnings that reqcheck's tests expect in more than one place.
const (
	// secureTransprotWarning is the warning for the context key
	// aws:SecureTransprot, a typo.
	secureTransprotWarning = "unknown context key \"aws:SecureTransprot\": not a global condition key, " +
		"and no supplied policy uses it (did you mean \"aws:SecureTransport\"?)"
	// neverAuthorized ends the warning for a resource its action does not
	// act on.
	neverAuthorized = "AWS never authorizes this request as written"
	// assumeRoleTypes are the resource types of sts:AssumeRole.
	assumeRoleTypes = "role: arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"
)

// TestUnknownActions checks that every command that decides requests
// refuses an action the service catalog does not know, naming where it
// came from, so that a typo cannot make a deny test pass; and that
// --allow-unknown-actions (or a scenario's allowUnknownActions) decides
// it with a warning in the output.
func TestUnknownActions(t *testing.T) {
	const (
		home        = "file://testdata/policies/identity-s3-home-dirs.json"
		aliceNotes  = "arn:aws:s3:::acme-dev-data/home/alice/notes.txt"
		typoYAML    = "testdata/reqcheck/typo.yaml"
		newerYAML   = "testdata/reqcheck/newer-service.yaml"
		requests    = "testdata/reqcheck/requests.jsonl"
		homeFile    = "testdata/policies/identity-s3-home-dirs.json"
		typo        = `unknown action "s3:GetObjectt" (did you mean "s3:GetObject"?)`
		decidedAsIs = "decided as given, since unknown actions are allowed"
	)
	// eval is eval of the request reqcheckHome gives, with flags before it.
	eval := func(flags ...string) []string {
		return slices.Concat([]string{"eval"}, flags, reqcheckHome)
	}
	runCases(t, []cliCase{
		{
			name:       "eval",
			args:       eval("--action", "s3:GetObjectt", "--expect", "implicitDeny"),
			wantCode:   ExitInput,
			wantStderr: "iamsim: --action: " + typo + "\n",
		},
		{
			name:     "eval, unknown service",
			args:     eval("--action", "s4:GetObject"),
			wantCode: ExitInput,
			wantStderr: "iamsim: --action: unknown action \"s4:GetObject\": " +
				"no service has the prefix \"s4\" (did you mean \"s3:GetObject\"?)\n",
		},
		{
			name:     "eval, allowed",
			args:     eval("--action", "newservice:StartThing", "--allow-unknown-actions", "--expect", "implicitDeny"),
			wantCode: ExitOK,
			golden:   "reqcheck/eval-allowed.golden",
		},
		{
			name:     "eval, allowed, json",
			args:     eval("--action", "s3:GetObjectt", "--allow-unknown-actions", "--format", "json"),
			wantCode: ExitOK,
			golden:   "reqcheck/eval-allowed.json.golden",
		},
		{
			name:     "eval, wildcard",
			args:     eval("--action", "s3:Get*", "--allow-unknown-actions"),
			wantCode: ExitInput,
			wantStderr: "iamsim: --action: action \"s3:Get*\" has a wildcard: " +
				"a request names one action (iamsim expand \"s3:Get*\" lists those it matches)\n",
		},
		{
			name:       "eval --scenario",
			args:       []string{"eval", "--scenario", typoYAML},
			wantCode:   ExitInput,
			wantStderr: "iamsim: testdata/reqcheck/typo.yaml:8:13: " + typo + "\n",
		},
		{
			name:     "eval --scenario, allowed",
			args:     []string{"eval", "--scenario", typoYAML, "--allow-unknown-actions", "--format", "json"},
			wantCode: ExitOK,
			golden:   "reqcheck/eval-scenario-allowed.json.golden",
		},
		{
			name:       "test",
			args:       []string{"test", typoYAML},
			wantCode:   ExitInput,
			golden:     "reqcheck/test-typo.golden",
			wantStderr: "iamsim: testdata/reqcheck/typo.yaml:8:13: " + typo + "\n",
		},
		{
			name:     "test, allowed",
			args:     []string{"test", typoYAML, "--allow-unknown-actions"},
			wantCode: ExitOK,
			golden:   "reqcheck/test-allowed.golden",
		},
		{
			name:     "test, allowed by the scenario",
			args:     []string{"test", newerYAML},
			wantCode: ExitOK,
			golden:   "reqcheck/test-scenario-allowed.golden",
		},
		{
			name:     "test, allowed by the scenario, junit",
			args:     []string{"test", "--format", "junit", newerYAML},
			wantCode: ExitOK,
			golden:   "reqcheck/test-scenario-allowed.junit.golden",
			wantStderr: "iamsim: warning: testdata/reqcheck/newer-service.yaml:9:13: " +
				"action \"newservice:StartThing\" is not in iamsim's service catalog; " + decidedAsIs + "\n" +
				"iamsim: warning: testdata/reqcheck/newer-service.yaml:16:15: " + secureTransprotWarning + "\n" +
				"2 passed, 0 failed\n",
		},
		{
			name:       "simulate-custom-policy",
			args:       []string{"simulate-custom-policy", "--policy-input-list", home, "--action-names", "s3:GetObject", "s3:GetObjectt"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --action-names: " + typo + "\n",
		},
		{
			name: "simulate-custom-policy, allowed",
			args: []string{
				"simulate-custom-policy",
				"--policy-input-list", home,
				"--action-names", "s3:GetObjectt",
				"--allow-unknown-actions",
			},
			wantCode: ExitOK,
			golden:   "reqcheck/simulate-custom-allowed.golden",
			wantStderr: "iamsim: warning: action \"s3:GetObjectt\" is not in iamsim's service catalog " +
				"(did you mean \"s3:GetObject\"?); " + decidedAsIs + "\n",
		},
		{
			name: "simulate-principal-policy",
			args: []string{
				"simulate-principal-policy",
				"--account-details", "testdata/accounts/222222222222.json",
				"--policy-source-arn", "arn:aws:iam::222222222222:user/alice",
				"--action-names", "s3:GetObjectt",
			},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --action-names: " + typo + "\n",
		},
		{
			name:       "who-can",
			args:       estateArgs("who-can", "--action", "s3:GetObjectt", "--resource", aliceNotes),
			wantCode:   ExitInput,
			wantStderr: "iamsim: --action: " + typo + "\n",
		},
		{
			name: "who-can, allowed",
			args: estateArgs("who-can",
				"--action", "s3:GetObjectt",
				"--resource", aliceNotes,
				"--allow-unknown-actions",
				"--format", "json"),
			wantCode: ExitOK,
			golden:   "reqcheck/who-can-allowed.json.golden",
		},
		{
			name:       "batch",
			args:       []string{"eval", "--requests", requests, "--identity", homeFile},
			wantCode:   ExitInput,
			golden:     "reqcheck/batch.golden",
			wantStderr: "2 of 5 requests were malformed\n1 of 3 requests did not get the expected decision\n",
		},
		{
			name:       "batch, allowed",
			args:       []string{"eval", "--requests", requests, "--identity", homeFile, "--allow-unknown-actions"},
			wantCode:   ExitInput,
			golden:     "reqcheck/batch-allowed.golden",
			wantStderr: "1 of 5 requests was malformed\n1 of 4 requests did not get the expected decision\n",
		},
		{
			name: "batch, scenario policies, allowed by the flag",
			args: []string{"eval", "--requests", "-", "--scenario", typoYAML, "--allow-unknown-actions"},
			stdin: `{"principal": "arn:aws:iam::111122223333:user/bob", "action": "s3:GetObjectt",` +
				` "resource": "arn:aws:s3:::mybucket/alice/notes.txt"}` + "\n",
			wantCode: ExitOK,
			golden:   "reqcheck/batch-scenario-allowed.golden",
		},
	})
}

// TestResourceWarnings checks that a request whose resource is none its
// action acts on (s3:GetObject on a bucket, sts:AssumeRole on an S3
// object) is decided as written, with a warning, in eval's text and JSON,
// test's warn lines and JUnit, batch result lines, who-can's notes and
// simulate-*'s standard error.
func TestResourceWarnings(t *testing.T) {
	const (
		resourcesYAML = "testdata/reqcheck/resources.yaml"
		bucketRead    = "testdata/reqcheck/bucket-read.json"
	)
	bucket := []string{
		"--principal", testPrincipal,
		"--resource", "arn:aws:s3:::mybucket",
		"--resource-account", "111122223333",
		"--identity", bucketRead,
	}
	runCases(t, []cliCase{
		{
			name:     "eval",
			args:     slices.Concat([]string{"eval", "--action", "s3:GetObject"}, bucket),
			wantCode: ExitOK,
			golden:   "reqcheck/eval-resource.golden",
		},
		{
			name:     "eval, json",
			args:     slices.Concat([]string{"eval", "--action", "s3:GetObject", "--format", "json"}, bucket),
			wantCode: ExitOK,
			golden:   "reqcheck/eval-resource.json.golden",
		},
		{
			name:     "eval --scenario",
			args:     []string{"eval", "--scenario", resourcesYAML, "--format", "json"},
			wantCode: ExitOK,
			golden:   "reqcheck/eval-scenario-resource.json.golden",
		},
		{
			name:     "test",
			args:     []string{"test", resourcesYAML},
			wantCode: ExitOK,
			golden:   "reqcheck/test-resource.golden",
		},
		{
			name:     "test, junit",
			args:     []string{"test", "--format", "junit", resourcesYAML},
			wantCode: ExitOK,
			golden:   "reqcheck/test-resource.junit.golden",
			wantStderr: "iamsim: warning: testdata/reqcheck/resources.yaml:9:15: " +
				"resource \"arn:aws:s3:::mybucket\" is not a resource s3:GetObject acts on " +
				"(" + getObjectTypes + "); " + neverAuthorized + "\n" +
				"iamsim: warning: testdata/reqcheck/resources.yaml:19:15: " +
				"resource \"arn:aws:s3:::mybucket/report.csv\" is not a resource sts:AssumeRole acts on " +
				"(" + assumeRoleTypes + "); " + neverAuthorized + "\n" +
				"3 passed, 0 failed\n",
		},
		{
			name:     "batch",
			args:     []string{"eval", "--requests", "testdata/reqcheck/resources.jsonl", "--identity", bucketRead},
			wantCode: ExitOK,
			golden:   "reqcheck/batch-resource.golden",
		},
		{
			name:     "who-can",
			args:     estateArgs("who-can", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::acme-dev-data", "--format", "json"),
			wantCode: ExitOK,
			golden:   "reqcheck/who-can-resource.json.golden",
		},
		{
			name: "simulate-custom-policy, an action no resource fits",
			args: []string{
				"simulate-custom-policy",
				"--policy-input-list", "file://" + bucketRead,
				"--action-names", "s3:GetObject", "sts:AssumeRole",
				"--resource-arns", "arn:aws:s3:::mybucket/report.csv",
				"--resource-owner", "111122223333",
			},
			wantCode: ExitOK,
			golden:   "reqcheck/simulate-custom-resource.golden",
			wantStderr: "iamsim: warning: resource \"arn:aws:s3:::mybucket/report.csv\" is not a resource sts:AssumeRole acts on " +
				"(" + assumeRoleTypes + "); " + neverAuthorized + "\n",
		},
	})
}

// TestUnknownContextKeys checks that a context key no condition could
// read (a typo) is warned about, with "did you mean", in text and JSON
// output, and that the request is still decided.
func TestUnknownContextKeys(t *testing.T) {
	typo := []string{"--context", "aws:SecureTransprot=false", "--context", "aws:PrincipalTag/team=a"}
	// eval is eval of the request reqcheckHome gives, with the typo, and
	// flags before both.
	eval := func(flags ...string) []string {
		return slices.Concat([]string{"eval"}, flags, reqcheckHome, typo)
	}
	runCases(t, []cliCase{
		{
			name:     "eval",
			args:     eval("--action", "s3:GetObject"),
			wantCode: ExitOK,
			golden:   "reqcheck/eval-context.golden",
		},
		{
			name:     "eval, json",
			args:     eval("--action", "s3:GetObject", "--format", "json"),
			wantCode: ExitOK,
			golden:   "reqcheck/eval-context.json.golden",
		},
		{
			name:       "eval, aws",
			args:       eval("--action", "s3:GetObject", "--format", "aws"),
			wantCode:   ExitOK,
			golden:     "reqcheck/eval-context.aws.golden",
			wantStderr: "iamsim: warning: " + secureTransprotWarning + "\n",
		},
		{
			name: "eval, a key a policy uses",
			args: []string{
				"eval",
				"--action", "s3:ListBucket",
				"--context", "s3:prefix=alice/",
				"--context", "kms:ViaService=x",
				"--principal", testPrincipal,
				"--resource", "arn:aws:s3:::mybucket",
				"--identity", "testdata/policies/identity-s3-home-dirs.json",
			},
			wantCode: ExitOK,
			golden:   "reqcheck/eval-context-other-service.golden",
		},
		{
			name:     "eval --scenario",
			args:     []string{"eval", "--scenario", "testdata/reqcheck/newer-service.yaml"},
			wantCode: ExitOK,
			golden:   "reqcheck/eval-scenario-context.golden",
		},
		{
			name: "simulate-custom-policy",
			args: []string{
				"simulate-custom-policy",
				"--policy-input-list", "file://testdata/policies/identity-s3-home-dirs.json",
				"--action-names", "s3:GetObject",
				"--context-entries", "ContextKeyName=aws:SecureTransprot,ContextKeyValues=false,ContextKeyType=boolean",
			},
			wantCode: ExitOK,
			golden:   "reqcheck/simulate-custom-context.golden",
			wantStderr: "iamsim: warning: " + secureTransprotWarning + "\n" +
				"iamsim: warning: resource \"*\" is not a resource s3:GetObject acts on " +
				"(" + getObjectTypes + "); " + neverAuthorized + "\n",
		},
	})
}

// TestAccountPolicyContextKeys checks that with account data a context
// key is not reported when a policy that applies to the request's
// principal uses it (the role deploy's PassRole statement reads
// iam:PassedToService), in eval and in batch mode, and still is for a
// principal none of whose policies reads it (alice).
func TestAccountPolicyContextKeys(t *testing.T) {
	const (
		warned = `context key \"iam:PassedToService\" is a key of iam, not of s3, and no supplied policy uses it`
		res    = "arn:aws:s3:::acme-dev-data/home/alice/notes.txt"
		deploy = "arn:aws:iam::222222222222:role/deploy"
		alice  = "arn:aws:iam::222222222222:user/alice"
	)
	for _, tt := range []struct {
		principal string
		warn      bool
	}{
		{principal: deploy, warn: false},
		{principal: alice, warn: true},
	} {
		args := append([]string{
			"eval",
			"--principal", tt.principal,
			"--action", "s3:GetObject",
			"--resource", res,
			"--context", "iam:PassedToService=ecs-tasks.amazonaws.com",
			"--format", "json",
		}, accountFlags...)
		_, out, stderr := run(t, "", args...)
		if got := strings.Contains(out, warned); got != tt.warn {
			t.Errorf("eval %s: warned %v, want %v\n%s%s", tt.principal, got, tt.warn, out, stderr)
		}
	}
	// line is a request line of principal's, with iam:PassedToService.
	line := func(principal string) string {
		return `{"principal": "` + principal + `", "action": "s3:GetObject", "resource": "` + res + `",` +
			` "context": {"iam:PassedToService": "x"}}` + "\n"
	}
	lines := line(deploy) + line(alice) + line(deploy)
	_, out, stderr := run(t, lines, append([]string{"eval", "--requests", "-"}, accountFlags...)...)
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(got) != 3 {
		t.Fatalf("got %d result lines, want 3 (stderr %q)\n%s", len(got), stderr, out)
	}
	for i, want := range []bool{false, true, false} {
		if w := strings.Contains(got[i], warned); w != want {
			t.Errorf("batch line %d: warned %v, want %v\n%s", i+1, w, want, got[i])
		}
	}
}

// TestBatchNotes checks that batch result lines say what eval's notes
// say: that the request's context overrides a value the account data
// derives (named as the line spells it), and that the resource account
// was assumed; and that the notes are absent when there is nothing to
// say.
func TestBatchNotes(t *testing.T) {
	const (
		alice = `"principal": "arn:aws:iam::222222222222:user/alice", "action": "s3:PutObject"`
		notes = `arn:aws:s3:::acme-dev-data/home/alice/notes.txt`
	)
	lines := `{` + alice + `, "resource": "` + notes + `", "context": {"aws:principalOrgID": "o-other"}}
{` + alice + `, "resource": "` + notes + `"}
{` + alice + `, "resource": "arn:aws:s3:::unlisted-bucket/x"}
{` + alice + `, "resource": "arn:aws:s3:::unlisted-bucket/x", "resourceAccount": "222222222222"}
`
	_, out, stderr := run(t, lines, append([]string{"eval", "--requests", "-"}, accountFlags...)...)
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(got) != 4 {
		t.Fatalf("got %d result lines, want 4 (stderr %q)\n%s", len(got), stderr, out)
	}
	want := []string{
		`"notes":["the request's context aws:principalOrgID=o-other ` +
			`overrides the value o-a1b2c3d4e5 derived from the organization"]}`,
		``,
		`"notes":["the resource account was assumed to be 222222222222, the principal's, ` +
			`since the resource ARN names no account and nothing gave one: the request is decided as same-account; ` +
			`give the owner with \"resourceAccount\" in the request line, ` +
			`or account: for the resource in the resource manifest (--resource-policies)"]}`,
		``,
	}
	for i, w := range want {
		if w == "" {
			if strings.Contains(got[i], `"notes"`) {
				t.Errorf("line %d: got notes, want none\n%s", i+1, got[i])
			}
		} else if !strings.HasSuffix(got[i], w) {
			t.Errorf("line %d:\n got %s\nwant it to end with %s", i+1, got[i], w)
		}
	}
	// Without account data, the request line is the one way to give it.
	line := `{"principal": "` + testPrincipal + `", "action": "s3:GetObject",` +
		` "resource": "arn:aws:s3:::mybucket/alice/notes.txt"}` + "\n"
	_, out, _ = run(t, line, "eval", "--requests", "-", "--identity", "testdata/policies/identity-s3-home-dirs.json")
	w := `give the owner with \"resourceAccount\" in the request line"]}`
	if !strings.HasSuffix(strings.TrimSpace(out), w) {
		t.Errorf("got %s\nwant it to end with %s", out, w)
	}
}

// TestQueryContextKeys checks that who-can and can warn of a --context
// key no condition could read, with "did you mean", as eval does: who-can
// against its action, can (which decides every service's actions)
// against any service; a key a loaded policy reads is not reported.
func TestQueryContextKeys(t *testing.T) {
	const res = "arn:aws:s3:::acme-dev-data/home/alice/notes.txt"
	tests := []struct {
		name       string
		args       []string
		want, dont []string
	}{
		{
			name: "who-can",
			args: estateArgs("who-can",
				"--action", "s3:GetObject",
				"--resource", res,
				"--format", "json",
				"--context", "aws:SecureTransprot=true",
				"--context", "iam:PassedToService=x",
				"--context", "dynamodb:LeadingKeys=x"),
			want: []string{
				`"warning: unknown context key \"aws:SecureTransprot\": not a global condition key, ` +
					`and no supplied policy uses it (did you mean \"aws:SecureTransport\"?)"`,
				`"warning: context key \"dynamodb:LeadingKeys\" is a key of dynamodb, not of s3, ` +
					`and no supplied policy uses it"`,
			},
			dont: []string{`iam:PassedToService`},
		},
		{
			name: "can",
			args: estateArgs("can",
				"--principal", "arn:aws:iam::222222222222:user/alice",
				"--service", "s3",
				"--format", "json",
				"--context", "aws:RequestedRegoin=eu-west-1",
				"--context", "s3:prefixx=a",
				"--context", "dynamodb:LeadingKeys=x"),
			want: []string{
				`"warning: unknown context key \"aws:RequestedRegoin\": not a global condition key, ` +
					`and no supplied policy uses it (did you mean \"aws:RequestedRegion\"?)"`,
				`"warning: unknown context key \"s3:prefixx\": not a key of s3, ` +
					`and no supplied policy uses it (did you mean \"s3:prefix\"?)"`,
			},
			dont: []string{`dynamodb:LeadingKeys\"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := run(t, "", tt.args...)
			if code != ExitOK {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %s\n%s", w, out)
				}
			}
			for _, d := range tt.dont {
				if strings.Contains(out, d) {
					t.Errorf("output has %s\n%s", d, out)
				}
			}
		})
	}
}
