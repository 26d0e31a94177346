package cli

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/iamsim/iamsim/internal/api"
)

// TestEvalFlags checks flag parsing apart from the evaluation.
func TestEvalFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    evalOptions
		wantErr bool
	}{
		{
			name: "repeatable flags",
			args: []string{
				"--principal", "p",
				"--action", "s3:GetObject", "--action", "s3:PutObject",
				"--resource", "r",
				"--identity", "a.json", "--identity", "b.json",
				"--scp", "root.json", "--scp", "ou.json,deny.json",
				"--context", "k=v",
			},
			want: evalOptions{
				EvalOptions: api.EvalOptions{
					Principal: "p",
					Actions:   []string{"s3:GetObject", "s3:PutObject"},
					Resources: []string{"r"},
					Identity:  []string{"a.json", "b.json"},
					SCPs:      []string{"root.json", "ou.json,deny.json"},
					Context:   []string{"k=v"},
				},
				Format: "text",
			},
		},
		{
			name: "scenario and format",
			args: []string{
				"--scenario", "s.yaml", "--format", "json", "--verbose", "--no-color",
				"--expect", "allowed", "--now", "now",
			},
			want: evalOptions{
				EvalOptions: api.EvalOptions{Scenario: "s.yaml", Now: "now"},
				Format:      "json",
				Verbose:     true,
				NoColor:     true,
				Expect:      "allowed",
			},
		},
		{
			name:    "positional arguments are refused",
			args:    []string{"extra"},
			wantErr: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseOptions(newEvalCmd, tt.args)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			ignored := cmpopts.IgnoreFields(evalOptions{}, "EvalOptions.Stdin", "Stdout", "Stderr", "EvalOptions.Clock", "Color")
			if diff := cmp.Diff(tt.want, *got, ignored); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// extend returns a new slice of base followed by more and leaves base as
// it is, so that cases can share the start of a command line.
func extend(base []string, more ...string) []string {
	return slices.Concat(base, more)
}

// unreliable is what eval says on standard error when a Deny did not
// apply only because a request value has the wrong type.
const unreliable = "iamsim: 1 of 1 decision unreliable: " +
	"a Deny statement did not apply only because a request value has the wrong type\n"

func TestEval(t *testing.T) {
	const homeScenario = "testdata/cases/s3-home-dirs.yaml"
	// home is eval with alice and the S3 home directories policy.
	home := []string{
		"eval",
		"--principal", testPrincipal,
		"--identity", "file://testdata/policies/identity-s3-home-dirs.json",
	}
	// homeAndIP is eval of alice's notes with the S3 home directories
	// and the IP restriction policies, given a bad aws:ViaAWSService.
	homeAndIP := []string{
		"--principal", testPrincipal,
		"--action", "s3:GetObject",
		"--resource", "arn:aws:s3:::mybucket/alice/notes.txt",
		"--identity", "testdata/policies/identity-s3-home-dirs.json",
		"--identity", "testdata/policies/identity-ip-restriction.json",
		"--context", "aws:SourceIp=198.18.0.1",
		"--context", "aws:ViaAWSService=yes",
	}
	runCases(t, []cliCase{
		{
			name:   "scenario text",
			args:   []string{"eval", "--scenario", homeScenario},
			golden: "eval-s3-home-dirs.golden",
		},
		{
			name:   "scenario verbose",
			args:   []string{"eval", "--verbose", "--scenario", homeScenario},
			golden: "eval-s3-home-dirs-verbose.golden",
		},
		{
			name:   "scenario json",
			args:   []string{"eval", "--format", "json", "--scenario", homeScenario},
			golden: "eval-s3-home-dirs.json.golden",
		},
		{
			name: "flags: every action × resource pair",
			args: extend(home,
				"--action", "s3:GetObject",
				"--action", "s3:DeleteObject",
				"--resource", "arn:aws:s3:::mybucket/alice/a",
				"--resource", "arn:aws:s3:::mybucket/bob/b",
				"--format", "json"),
			golden: "eval-pairs.json.golden",
		},
		{
			name: "expect met",
			args: extend(home,
				"--action", "s3:GetObject",
				"--resource", "arn:aws:s3:::mybucket/alice/a",
				"--expect", "allowed",
				"--format", "json"),
			golden: "eval-expect.json.golden",
		},
		{
			name: "expect not met",
			args: extend(home,
				"--action", "s3:GetObject",
				"--resource", "arn:aws:s3:::mybucket/bob/a",
				"--expect", "allowed",
				"--format", "json"),
			wantCode:   ExitFindings,
			golden:     "eval-expect-unmet.json.golden",
			wantStderr: "1 of 1 request did not get the expected decision\n",
		},
		{
			name: "policy from standard input, AWS CLI context entries",
			stdin: `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",` +
				` "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}}`,
			args: []string{
				"eval",
				"--principal", testPrincipal,
				"--identity", "-",
				"--action", "s3:GetObject",
				"--resource", "arn:aws:s3:::b/k",
				"--context-entries", "ContextKeyName=aws:SourceIp,ContextKeyValues=203.0.113.5,ContextKeyType=ip",
			},
			golden: "eval-stdin.golden",
		},
		{
			name: "a malformed policy is an input error with its position",
			args: []string{
				"eval",
				"--principal", testPrincipal,
				"--identity", "testdata/policies/bad/identity-bad-effect.json",
				"--action", "s3:GetObject",
				"--resource", "*",
			},
			wantCode: ExitInput,
			wantStderr: "iamsim: testdata/policies/bad/identity-bad-effect.json:6:23: " +
				"E008 Effect \"allow\" must be exactly \"Allow\" or \"Deny\"; did you mean \"Allow\"?\n" +
				"                \"Effect\": \"allow\",\n" +
				"                          ^\n",
		},
		{
			name:       "a Deny kept from applying by a bad request value is unreliable",
			args:       slices.Concat([]string{"eval"}, homeAndIP),
			wantCode:   ExitFindings,
			golden:     "eval-unreliable.golden",
			wantStderr: unreliable,
		},
		{
			name:       "bad values in JSON",
			args:       slices.Concat([]string{"eval", "--format", "json"}, homeAndIP),
			wantCode:   ExitFindings,
			golden:     "eval-unreliable.json.golden",
			wantStderr: unreliable,
		},
		{
			name:       "missing request flags",
			args:       []string{"eval", "--principal", testPrincipal},
			wantCode:   ExitInput,
			wantStderr: "iamsim: eval needs --action and --resource (or --scenario FILE)\n",
		},
		{
			name:     "scenario mixed with request flags",
			args:     []string{"eval", "--scenario", "x.yaml", "--action", "s3:GetObject"},
			wantCode: ExitInput,
			wantStderr: "iamsim: --scenario gives the policies and requests: do not combine it with --action " +
				"(only --now, --format, --verbose, --expect, --allow-unknown-actions)\n",
		},
		{
			name:     "bad principal",
			args:     []string{"eval", "--principal", "alice", "--action", "s3:GetObject", "--resource", "*"},
			wantCode: ExitInput,
			wantStderr: "iamsim: --principal \"alice\": want an IAM user, role, " +
				"role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), federated user or root ARN, " +
				"a service principal such as s3.amazonaws.com, \"*\" for anonymous, a saml-provider ARN, " +
				"or an OIDC provider host\n",
		},
		{
			name:       "unknown format",
			args:       []string{"eval", "--scenario", "x.yaml", "--format", "xml"},
			wantCode:   ExitInput,
			wantStderr: "iamsim: --format \"xml\": want text, json or aws\n",
		},
	})
}

// TestTestFlags checks `iamsim test` flag parsing apart from running.
func TestTestFlags(t *testing.T) {
	got, err := parseOptions(newTestCmd, []string{"--format", "junit", "--run", "home", "a.yaml", "dir"})
	if err != nil {
		t.Fatal(err)
	}
	want := testOptions{Paths: []string{"a.yaml", "dir"}, Format: "junit", Run: "home"}
	if diff := cmp.Diff(want, *got, cmpopts.IgnoreFields(testOptions{}, "Stdout", "Stderr")); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if _, err := parseOptions(newTestCmd, nil); err == nil {
		t.Error("test without paths was accepted")
	}
}

func TestTestCommand(t *testing.T) {
	runCases(t, []cliCase{
		{
			name:   "text",
			args:   []string{"test", "testdata/cases/s3-home-dirs.yaml"},
			golden: "test-s3-home-dirs.golden",
		},
		{
			name:       "junit with a filter",
			args:       []string{"test", "--format", "junit", "--run", "own prefix", "testdata/cases/s3-home-dirs.yaml"},
			golden:     "test-junit.golden",
			wantStderr: "1 passed, 0 failed\n",
		},
		{
			name:     "a failing expectation",
			args:     []string{"test", "testdata/golden/inputs/failing-scenario.yaml"},
			wantCode: ExitFindings,
			golden:   "test-failing.golden",
		},
	})
}
