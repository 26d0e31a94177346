package cli

import (
	"strings"
	"testing"
)

// TestExplainServiceRule checks that the explanation shows step 0 when a
// service rule refuses the request, citing the AWS page (STS API
// Reference, AssumeRole: "You cannot use AWS account root user
// credentials to call AssumeRole"), and that requests no rule refuses
// start at step 1.
func TestExplainServiceRule(t *testing.T) {
	code, out, stderr := run(t, "", "eval", "--principal", "arn:aws:iam::111122223333:root", "--action", "sts:AssumeRole",
		"--resource", "arn:aws:iam::444455556666:role/dev", "--expect", "implicitDeny")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %q\n%s", code, stderr, out)
	}
	for _, want := range []string{"  0. Service rules ", "You cannot use AWS account root user credentials to call AssumeRole", "no policy can allow it"} {
		if !strings.Contains(out, want) {
			t.Errorf("the explanation lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = run(t, "", "eval", "--principal", "arn:aws:iam::111122223333:user/alice", "--action", "sts:AssumeRole",
		"--resource", "arn:aws:iam::444455556666:role/dev")
	if strings.Contains(out, "0. Service rules") {
		t.Errorf("step 0 shown though no rule refuses:\n%s", out)
	}
}
