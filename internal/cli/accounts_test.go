package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// accountFlags load the synthetic estate of testdata/accounts.
var accountFlags = []string{
	"--account-details", "testdata/accounts/111111111111.json",
	"--account-details", "testdata/accounts/222222222222.json,testdata/accounts/333333333333.json",
	"--org", "testdata/accounts/organization.yaml",
	"--resource-policies", "testdata/accounts",
}

// accountRow is one row of the expected-decisions table of
// testdata/accounts/README.md.
type accountRow struct {
	n, principal, action, resource, owner, expect string
	context                                       []string
}

var (
	rowPattern   = regexp.MustCompile(`^\| (\d+) \| ` + "`([^`]+)`" + ` \| ` + "`([^`]+)`" + ` \| ` + "`([^`]+)`" + `(?: \((\d{12})\))? \| ([^|]*) \| \*\*(\w+)\*\* \|`)
	contextEntry = regexp.MustCompile("`([^`=]+=[^`]*)`")
)

func accountRows(t *testing.T) []accountRow {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "accounts", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []accountRow
	for _, line := range strings.Split(string(src), "\n") {
		m := rowPattern.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		r := accountRow{n: m[1], principal: m[2], action: m[3], resource: m[4], owner: m[5], expect: m[7]}
		ctx := m[6]
		if !strings.HasPrefix(strings.TrimSpace(ctx), "D") {
			t.Fatalf("row %s: the context %q does not start with D", r.n, ctx)
		}
		// D: the region and TLS every request carries, unless the row
		// overrides them or says the region is absent.
		defaults := map[string]string{"aws:RequestedRegion": "eu-west-1", "aws:SecureTransport": "true"}
		if strings.Contains(ctx, "no `aws:RequestedRegion`") {
			delete(defaults, "aws:RequestedRegion")
		}
		for _, e := range contextEntry.FindAllStringSubmatch(ctx, -1) {
			key, _, _ := strings.Cut(e[1], "=")
			delete(defaults, key)
			r.context = append(r.context, e[1])
		}
		for k, v := range defaults {
			r.context = append(r.context, k+"="+v)
		}
		rows = append(rows, r)
	}
	return rows
}

// TestAccountDecisions runs every request of the expected-decisions table
// of testdata/accounts/README.md through `iamsim eval --account-details`:
// principals resolved from the exports (group policies, default managed
// policy versions, AWS managed policies from the snapshot, boundaries,
// tags), trust policies of roles, resource policies from the manifest, SCP
// and RCP chains and organization keys from the organization. Each row
// cites the rule that decides it. Every row runs twice, with the
// organization file and with the same organization as AWS CLI output
// (testdata/accounts/aws-organization): both forms must give the same
// decisions.
func TestAccountDecisions(t *testing.T) {
	rows := accountRows(t)
	if len(rows) < 60 {
		t.Fatalf("read %d rows of the README's table, want all 62", len(rows))
	}
	for _, org := range []string{"testdata/accounts/organization.yaml", "testdata/accounts/aws-organization"} {
		flags := withOrg(org)
		for _, r := range rows {
			t.Run(filepath.Base(org)+"/row "+r.n, func(t *testing.T) {
				args := append([]string{"eval"}, flags...)
				args = append(args, "--principal", r.principal, "--action", r.action, "--resource", r.resource, "--expect", r.expect)
				if r.owner != "" {
					args = append(args, "--resource-account", r.owner)
				}
				for _, c := range r.context {
					args = append(args, "--context", c)
				}
				code, out, stderr := run(t, "", args...)
				if code != ExitOK {
					t.Errorf("want %s; exit %d, stderr %q\n%s", r.expect, code, stderr, out)
				}
			})
		}
	}
}

// withOrg returns accountFlags with another --org.
func withOrg(org string) []string {
	flags := append([]string(nil), accountFlags...)
	for i := range flags {
		if flags[i] == "--org" {
			flags[i+1] = org
		}
	}
	return flags
}

// TestAccountSessionPolicies decides requests of role sessions of the
// README's table again with a session policy (eval --session-policy), the
// policy passed to AssumeRole: it is one more layer that must allow on top
// of the role's policies and boundary, a Deny in it wins, and a
// resource-based policy that names the session itself (not its role) is not
// limited by it (iam-user-guide access_policies.md, "Session Policies").
func TestAccountSessionPolicies(t *testing.T) {
	byRow := map[string]accountRow{}
	for _, r := range accountRows(t) {
		byRow[r.n] = r
	}
	const dir = "testdata/accounts/session-policies/"
	tests := []struct {
		name, row, session, resourcePolicy, want string
	}{
		{"the session policy allows what the role allows", "21", "publish-web-artifacts.json", "", "allowed"},
		{"the session policy is silent: nothing beyond it", "21", "read-only-s3.json", "", "implicitDeny"},
		{"cross account: the identity side needs the session policy too", "25", "read-only-s3.json", "", "allowed"},
		{"cross account: a Deny in the session policy wins", "25", "everything-but-prod-data.json", "", "explicitDeny"},
		{"a key policy naming the role is limited by the session policy", "56", "read-only-s3.json", "", "implicitDeny"},
		{"a key policy naming the session is not", "56", "read-only-s3.json", dir + "key-policy-naming-the-session.json", "allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := byRow[tt.row]
			if !ok || !strings.Contains(r.principal, ":assumed-role/") {
				t.Fatalf("row %s of the README is not a role session's request", tt.row)
			}
			args := append([]string{"eval"}, accountFlags...)
			args = append(args, "--principal", r.principal, "--action", r.action, "--resource", r.resource,
				"--session-policy", dir+tt.session, "--expect", tt.want)
			if tt.resourcePolicy != "" {
				args = append(args, "--resource-policy", tt.resourcePolicy)
			}
			if r.owner != "" {
				args = append(args, "--resource-account", r.owner)
			}
			for _, c := range r.context {
				args = append(args, "--context", c)
			}
			if code, out, stderr := run(t, "", args...); code != ExitOK {
				t.Errorf("want %s; exit %d, stderr %q\n%s", tt.want, code, stderr, out)
			}
		})
	}
}

func TestAccountSessionPolicyNeedsASession(t *testing.T) {
	args := append([]string{"eval"}, accountFlags...)
	args = append(args, "--principal", "arn:aws:iam::222222222222:user/alice", "--action", "s3:GetObject", "--resource", "*",
		"--session-policy", "testdata/accounts/session-policies/read-only-s3.json")
	code, _, stderr := run(t, "", args...)
	want := "iamsim: --session-policy: arn:aws:iam::222222222222:user/alice is not a role session; AWS applies session policies to role sessions (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) and federated users\n"
	if code != ExitInput || stderr != want {
		t.Errorf("exit %d, stderr %q; want %d, %q", code, stderr, ExitInput, want)
	}
}
