package cli

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const newPolicy = "testdata/batch/identity-app-new.json"

// TestBatch runs `iamsim eval --requests` on the request and CloudTrail
// files of testdata/batch.
func TestBatch(t *testing.T) {
	home := `{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::example-home-directories/alice/notes.txt"}
{"principal": "arn:aws:iam::111122223333:user/bob", "action": "s3:GetObject", "resource": "arn:aws:s3:::example-home-directories/alice/notes.txt"}
`
	runCases(t, []cliCase{
		{name: "requests", args: []string{"eval", "--requests", "testdata/batch/requests.jsonl", "--identity", newPolicy},
			wantCode: ExitInput, golden: "batch-requests.golden", wantStderr: "8 of 13 requests were malformed\n"},
		{name: "strict", args: []string{"eval", "--requests", "testdata/batch/requests.jsonl", "--identity", newPolicy, "--strict"},
			wantCode: ExitInput, golden: "batch-strict.golden", wantStderr: "iamsim: stopped at the first malformed request (--strict)\n"},
		{name: "cloudtrail", args: []string{"eval", "--requests", "testdata/batch/cloudtrail-2026-11-20.json", "--identity", newPolicy},
			wantCode: ExitInput, golden: "batch-cloudtrail.golden", wantStderr: "1 of 14 requests was malformed\n"},
		{name: "scenario policies from stdin, verbose", args: []string{"eval", "--requests", "-", "--scenario", "testdata/scenarios/s3-home-dirs.yaml", "--verbose", "--expect", "allowed"},
			stdin: home, wantCode: ExitFindings, golden: "batch-verbose.golden", wantStderr: "1 of 2 requests did not get the expected decision\n"},
		{name: "default context and --now", args: []string{"eval", "--requests", "-", "--identity", newPolicy, "--context", "aws:RequestedRegion=us-east-1", "--now", "2026-11-20T00:00:00Z"},
			stdin:    `{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::example-app-data/k"}` + "\n",
			wantCode: ExitOK, golden: "batch-defaults.golden"},
		{name: "malformed lines and mismatches are both counted", args: []string{"eval", "--requests", "-", "--scenario", "testdata/scenarios/s3-home-dirs.yaml"},
			stdin: `{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::example-home-directories/bob/notes.txt", "expect": "allowed"}
{"principal": "arn:aws:iam::111122223333:user/alice"}
{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObjekt", "resource": "arn:aws:s3:::example-home-directories/alice/notes.txt", "expect": "allowed"}
`,
			wantCode: ExitInput, golden: "batch-malformed-and-mismatched.golden",
			wantStderr: "2 of 3 requests were malformed\n1 of 1 request did not get the expected decision\n"},
		{name: "request flags", args: []string{"eval", "--requests", "-", "--identity", newPolicy, "--principal", "arn:aws:iam::111122223333:user/alice"},
			wantCode: ExitInput, wantStderr: "iamsim: --requests gives the requests: do not combine it with --principal, --principal-resource, --action, --resource, --resource-account or --role-arn\n"},
		{name: "format", args: []string{"eval", "--requests", "-", "--identity", newPolicy, "--format", "aws"},
			wantCode: ExitInput, wantStderr: "iamsim: --requests writes JSON lines: --format \"aws\" does not apply\n"},
		{name: "strict alone", args: []string{"eval", "--strict", "--identity", newPolicy},
			wantCode: ExitInput, wantStderr: "iamsim: --strict applies to batch mode: give --requests FILE\n"},
		{name: "stdin twice", args: []string{"eval", "--requests", "-", "--identity", "-"},
			wantCode: ExitInput, wantStderr: "iamsim: standard input (-) can be read only once: it holds a policy, so --requests cannot be -\n"},
		{name: "no requests", args: []string{"eval", "--requests", "-", "--identity", newPolicy}, stdin: "\n",
			wantCode: ExitInput, wantStderr: "iamsim: 0 requests: --requests - holds none, so nothing was decided\n"},
		{name: "missing file", args: []string{"eval", "--requests", "testdata/batch/none.jsonl", "--identity", newPolicy},
			wantCode: ExitInput, wantStderr: "iamsim: testdata/batch/none.jsonl: no such file or directory\n"},
	})
}

// TestBatchCloudTrailGzip checks that a gzip-compressed log gives the
// results of the plain one.
func TestBatchCloudTrailGzip(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "batch", "cloudtrail-2026-11-20.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(src)
	zw.Close()
	_, plain, _ := run(t, string(src), "eval", "--requests", "-", "--identity", newPolicy)
	code, zipped, stderr := run(t, gz.String(), "eval", "--requests", "-", "--identity", newPolicy)
	if code != ExitInput || stderr != "1 of 14 requests was malformed\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if diff := cmp.Diff(plain, zipped); diff != "" || !strings.Contains(plain, `"eventID"`) {
		t.Errorf("mismatch (-plain +gzip):\n%s", diff)
	}
}

// TestBatchWhatWouldTheNewPolicyDeny answers the question batch mode
// is for: which of the calls of a day of CloudTrail would the new policy
// refuse? The log's calls were all made; the new policy is tighter.
func TestBatchWhatWouldTheNewPolicyDeny(t *testing.T) {
	_, out, _ := run(t, "", "eval", "--requests", "testdata/batch/cloudtrail-2026-11-20.json", "--identity", newPolicy)
	var denied []string
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var r struct{ EventID, Action, Decision, ErrorCode, Error string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		if r.Decision != "" && r.Decision != "allowed" && r.ErrorCode == "" {
			denied = append(denied, r.EventID[len(r.EventID)-4:]+" "+r.Action+" "+r.Decision)
		}
	}
	want := []string{
		"0003 dynamodb:PutItem implicitDeny",         // the new policy only reads orders
		"0004 s3:PutObject explicitDeny",             // written from outside 203.0.113.0/24
		"0005 s3:ListAllMyBuckets implicitDeny",      // not granted any more
		"0006 cloudwatch:PutMetricData explicitDeny", // us-east-1
		"0007 lambda:GetFunction implicitDeny",       // not granted (and no resource in the record)
		"0009 sts:AssumeRole implicitDeny",
		"0010 s3:GetObject implicitDeny",        // another account: it needs a bucket policy too
		"0011 kms:GenerateDataKey implicitDeny", // S3 for its caller: needs the key policy
	}
	if diff := cmp.Diff(want, denied); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestBatchAccounts decides every row of the expected-decisions table of
// testdata/accounts/README.md in one batch, each line with its expected
// decision: the policies of each principal and resource come from the
// account data, as in TestAccountDecisions.
func TestBatchAccounts(t *testing.T) {
	rows := accountRows(t)
	var in strings.Builder
	for _, r := range rows {
		line := map[string]any{"name": "row " + r.n, "principal": r.principal, "action": r.action, "resource": r.resource, "expect": r.expect}
		if r.owner != "" {
			line["resourceAccount"] = r.owner
		}
		ctx := map[string]any{}
		for _, c := range r.context {
			k, v, _ := strings.Cut(c, "=")
			if values := strings.Split(v, ","); len(values) > 1 {
				ctx[k] = values
			} else {
				ctx[k] = v
			}
		}
		line["context"] = ctx
		b, err := json.Marshal(line)
		if err != nil {
			t.Fatal(err)
		}
		in.Write(append(b, '\n'))
	}
	args := append([]string{"eval", "--requests", "-"}, accountFlags...)
	code, out, stderr := run(t, in.String(), args...)
	if code != ExitOK || strings.Count(out, "\n") != len(rows) {
		t.Errorf("exit %d, %d results for %d rows, stderr %q\n%s", code, strings.Count(out, "\n"), len(rows), stderr, out)
	}
}

// TestBatchAccountProblems checks that batch mode says every problem of
// the account files as eval does: one line each, each after "iamsim: ".
func TestBatchAccountProblems(t *testing.T) {
	dir := t.TempDir()
	bad, unclosed := filepath.Join(dir, "bad.json"), filepath.Join(dir, "unclosed.json")
	os.WriteFile(bad, []byte(`{"UserDetailList": [{"UserName": 5}], "RoleDetailList": 7}`), 0o644)
	os.WriteFile(unclosed, []byte(`{"UserDetailList": []`), 0o644)
	want := "iamsim: " + bad + ":1:34: UserName must be a string\n" +
		"iamsim: " + bad + ":1:21: Arn is missing\n" +
		"iamsim: " + bad + ":1:57: RoleDetailList must be an array\n" +
		"iamsim: " + unclosed + ":1:22: unexpected end of input: the document is not closed\n"
	details := []string{"--account-details", bad + "," + unclosed}
	runCases(t, []cliCase{
		{name: "eval", args: append([]string{"eval", "--principal", "arn:aws:iam::111111111111:user/a", "--action", "s3:GetObject", "--resource", "*"}, details...),
			wantCode: ExitInput, wantStderr: want},
		{name: "batch", args: append([]string{"eval", "--requests", "-"}, details...), stdin: "{}\n",
			wantCode: ExitInput, wantStderr: want},
	})
}

// TestBatchSessionPolicy checks that batch mode with account data refuses
// a session policy for a request whose principal is not a role session,
// as eval does: the request's line is an error, and --strict stops there.
func TestBatchSessionPolicy(t *testing.T) {
	const session = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`
	lines := `{"principal": "arn:aws:iam::222222222222:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::acme-dev-data/home/alice/a", "resourceAccount": "222222222222"}
{"principal": "arn:aws:sts::222222222222:assumed-role/deploy/gha-web-app-1842", "action": "s3:PutObject", "resource": "arn:aws:s3:::acme-dev-artifacts/web/build-1842.zip", "resourceAccount": "222222222222"}
`
	refusal := "--session-policy: arn:aws:iam::222222222222:user/alice is not a role session; AWS applies session policies to role sessions (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) and federated users"
	args := []string{"eval", "--account-details", "testdata/accounts/222222222222.json", "--session-policy", session}
	code, _, stderr := run(t, "", append(args, "--principal", "arn:aws:iam::222222222222:user/alice",
		"--action", "s3:GetObject", "--resource", "arn:aws:s3:::acme-dev-data/home/alice/a")...)
	if code != ExitInput || stderr != "iamsim: "+refusal+"\n" {
		t.Fatalf("eval: exit %d, stderr %q", code, stderr)
	}
	code, out, stderr := run(t, lines, append(args, "--requests", "-")...)
	want := []string{`{"line":1,"error":"<stdin>:1: ` + refusal + `"}`, `{"line":2,"decision":"allowed"`}
	got := strings.Split(out, "\n")
	if code != ExitInput || stderr != "1 of 2 requests was malformed\n" || len(got) != 3 || got[0] != want[0] || !strings.HasPrefix(got[1], want[1]) {
		t.Errorf("batch: exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
	code, out, stderr = run(t, lines, append(args, "--requests", "-", "--strict")...)
	if code != ExitInput || stderr != "iamsim: stopped at the first malformed request (--strict)\n" || out != want[0]+"\n" {
		t.Errorf("batch --strict: exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
}

// TestReplaySessionPolicyFlag checks that a replay diff's refusal of a
// baseline session policy for a principal that is not a role session
// names the flag that gave it.
func TestReplaySessionPolicyFlag(t *testing.T) {
	const session = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`
	line := `{"principal": "arn:aws:iam::222222222222:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::acme-dev-data/home/alice/a", "resourceAccount": "222222222222"}` + "\n"
	_, out, _ := run(t, line, "eval", "--account-details", "testdata/accounts/222222222222.json", "--baseline-session-policy", session, "--requests", "-")
	want := `{"line":1,"error":"<stdin>:1: baseline: --baseline-session-policy: arn:aws:iam::222222222222:user/alice is not a role session; ` +
		`AWS applies session policies to role sessions (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) and federated users"}` + "\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}
