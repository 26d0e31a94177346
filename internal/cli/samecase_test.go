package cli

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"
)

// TestContextKeyCaseOneAnswer asks, many times and with 1, 2 and 4
// threads, for a request whose context gives aws:PrincipalOrgID spelled
// in lower case while the organization derives the same key: AWS
// compares key names without regard to case (iam-user-guide
// reference_policies_elements_condition.md: "Condition key names are not
// case-sensitive"), so there is one key, the request's value wins, and
// the RCP that admits only the organization's identities denies every
// time, with a note naming the value it overrides. eval and eval
// --requests must agree.
func TestContextKeyCaseOneAnswer(t *testing.T) {
	args := append([]string{"eval"}, accountFlags...)
	args = append(args,
		"--principal", "arn:aws:iam::222222222222:user/alice",
		"--action", "s3:PutObject",
		"--resource", "arn:aws:s3:::acme-dev-data/home/alice/notes.txt",
		"--resource-account", "222222222222",
		"--context", "aws:RequestedRegion=eu-west-1",
		"--context", "aws:SecureTransport=true",
		"--context", "aws:principalorgid=o-other",
		"--format", "json")
	batch := append([]string{"eval", "--requests", "-"}, accountFlags...)
	// line is the same request as a request line.
	line := `{"principal": "arn:aws:iam::222222222222:user/alice", "action": "s3:PutObject",` +
		` "resource": "arn:aws:s3:::acme-dev-data/home/alice/notes.txt", "resourceAccount": "222222222222",` +
		` "context": {"aws:RequestedRegion": "eu-west-1", "aws:SecureTransport": "true",` +
		` "aws:principalorgid": "o-other"}}` + "\n"
	const note = "the request's context aws:principalorgid=o-other " +
		"overrides the value o-a1b2c3d4e5 derived from the organization"
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		for i := 0; i < 20; i++ {
			_, out, stderr := run(t, "", args...)
			var got []struct {
				Decision string   `json:"decision"`
				Notes    []string `json:"notes"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 {
				t.Fatalf("GOMAXPROCS=%d run %d: %v, stderr %q\n%s", procs, i, err, stderr, out)
			}
			if got[0].Decision != "explicitDeny" || !contains(got[0].Notes, note) {
				t.Fatalf("GOMAXPROCS=%d run %d: decision %s, notes %q; want explicitDeny with the note %q",
					procs, i, got[0].Decision, got[0].Notes, note)
			}
			_, out, stderr = run(t, strings.Repeat(line, 8), batch...)
			if n := strings.Count(out, `"decision":"explicitDeny"`); n != 8 {
				t.Fatalf("GOMAXPROCS=%d run %d: --requests gave %d of 8 explicitDeny, stderr %q\n%s", procs, i, n, stderr, out)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
