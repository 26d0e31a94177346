package account

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var testAccounts = filepath.Join("..", "..", "testdata", "accounts")

// chainShape renders a chain as its statements: per level, per policy,
// Effect and Sid of each statement.
func chainShape(c Chain) [][]string {
	var out [][]string
	for _, level := range c {
		var l []string
		for _, p := range level {
			var s []string
			for _, st := range p.Doc.Statements {
				s = append(s, fmt.Sprintf("%s %s", st.Effect, st.Sid.Text))
			}
			l = append(l, strings.Join(s, "; "))
		}
		out = append(out, l)
	}
	return out
}

// TestOrganizationDirMatchesFile checks that the AWS CLI output of
// testdata/accounts/aws-organization describes the same organization as
// organization.yaml: IDs, paths, and the SCP and RCP chain of every account.
func TestOrganizationDirMatchesFile(t *testing.T) {
	file, err := LoadOrganizationAny(filepath.Join(testAccounts, "organization.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir, err := LoadOrganizationAny(filepath.Join(testAccounts, "aws-organization"))
	if err != nil {
		t.Fatal(err)
	}
	if file.ID != dir.ID || file.ManagementAccount != dir.ManagementAccount {
		t.Errorf("organization %s managed by %s, want %s managed by %s", dir.ID, dir.ManagementAccount, file.ID, file.ManagementAccount)
	}
	if diff := cmp.Diff(file.Members(), dir.Members()); diff != "" {
		t.Errorf("members (-file +dir):\n%s", diff)
	}
	for _, acct := range []string{"111111111111", "222222222222", "333333333333"} {
		if file.Path(acct) != dir.Path(acct) {
			t.Errorf("account %s: path %q, want %q", acct, dir.Path(acct), file.Path(acct))
		}
		if diff := cmp.Diff(chainShape(file.SCPs(acct)), chainShape(dir.SCPs(acct))); diff != "" {
			t.Errorf("account %s: SCP chain (-file +dir):\n%s", acct, diff)
		}
		if diff := cmp.Diff(chainShape(file.RCPs(acct)), chainShape(dir.RCPs(acct))); diff != "" {
			t.Errorf("account %s: RCP chain (-file +dir):\n%s", acct, diff)
		}
	}
	var got []string
	for _, p := range dir.SCPs("333333333333")[2] {
		got = append(got, p.Origin)
	}
	want := []string{"FullAWSAccess attached to OU Production", "protect-prod-buckets attached to OU Production"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("origins (-want +got):\n%s", diff)
	}
	if pos := dir.SCPs("333333333333")[2][1].Doc.Statements[0].Pos; !strings.Contains(pos.String(), "describe-policy/p-7h1j6d4r9t.json (policy p-7h1j6d4r9t protect-prod-buckets, Content):4:9") {
		t.Errorf("statement position %s, want one in the decoded Content, labelled with the file and policy", pos)
	}
}

// copyDir copies the synthetic organization directory to a temporary one
// for a test to damage.
func copyDir(t *testing.T) string {
	t.Helper()
	src := filepath.Join(testAccounts, "aws-organization")
	dst := t.TempDir()
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestOrganizationDirErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(dir string) error
		want string
	}{
		{"no describe-organization", func(d string) error { return os.Remove(filepath.Join(d, "describe-organization.json")) },
			"no describe-organization.json: a directory given to --org holds the output of the aws organizations commands"},
		{"bad JSON", func(d string) error {
			return os.WriteFile(filepath.Join(d, "list-roots.json"), []byte("{\n    \"Roots\": [\n        {\"Id\": }\n"), 0o644)
		}, "list-roots.json:3:16: expected a value"},
		{"missing accounts of an OU", func(d string) error {
			return os.Remove(filepath.Join(d, "list-accounts-for-parent", "ou-a1b2-wk7p2x9q.json"))
		}, "list-accounts-for-parent/ou-a1b2-wk7p2x9q.json: no such file or directory"},
		{"missing policy", func(d string) error { return os.Remove(filepath.Join(d, "describe-policy", "p-3v8n5c2w6e.json")) },
			"describe-policy/p-3v8n5c2w6e.json: no such file or directory"},
		{"bad account ID", func(d string) error {
			p := filepath.Join(d, "list-accounts-for-parent", "r-a1b2.json")
			b, _ := os.ReadFile(p)
			return os.WriteFile(p, []byte(strings.Replace(string(b), `"Id": "111111111111"`, `"Id": "1111"`, 1)), 0o644)
		}, `list-accounts-for-parent/r-a1b2.json:4:19: Id "1111": want a 12-digit account ID`},
		{"bad Content", func(d string) error {
			p := filepath.Join(d, "describe-policy", "p-7h1j6d4r9t.json")
			b, _ := os.ReadFile(p)
			return os.WriteFile(p, []byte(strings.Replace(string(b), `\"Deny\"`, `\"Dany\"`, 1)), 0o644)
		}, "describe-policy/p-7h1j6d4r9t.json:11:20: policy p-7h1j6d4r9t (protect-prod-buckets), listed in"},
		{"bad Content position", func(d string) error {
			p := filepath.Join(d, "describe-policy", "p-7h1j6d4r9t.json")
			b, _ := os.ReadFile(p)
			return os.WriteFile(p, []byte(strings.Replace(string(b), `\"Deny\"`, `\"Dany\"`, 1)), 0o644)
		}, "p-7h1j6d4r9t.json (policy p-7h1j6d4r9t protect-prod-buckets, Content):6:23"},
		{"Roots not a list", func(d string) error {
			return os.WriteFile(filepath.Join(d, "list-roots.json"), []byte(`{"Roots": "r-a1b2"}`), 0o644)
		}, "list-roots.json:1:1: Roots is missing or not an array: want the output of aws organizations list-roots"},
		{"a root without an Id", func(d string) error {
			return os.WriteFile(filepath.Join(d, "list-roots.json"), []byte(`{"Roots": [{"Name": "Root"}]}`), 0o644)
		}, "list-roots.json:1:12: Id is missing or not a string"},
		{"a policy file of another policy", func(d string) error {
			b, err := os.ReadFile(filepath.Join(d, "describe-policy", "p-9k2m4x7q1a.json"))
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(d, "describe-policy", "p-3v8n5c2w6e.json"), b, 0o644)
		}, `describe-policy/p-3v8n5c2w6e.json:2:15: this describes policy "p-9k2m4x7q1a", not p-3v8n5c2w6e`},
		{"an RCP in a list of SCPs", func(d string) error {
			src := filepath.Join(d, "list-policies-for-target", "RESOURCE_CONTROL_POLICY", "r-a1b2.json")
			b, err := os.ReadFile(src)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(d, "list-policies-for-target", "SERVICE_CONTROL_POLICY", "r-a1b2.json"), b, 0o644)
		}, "SERVICE_CONTROL_POLICY/r-a1b2.json:8:21: policy p-RCPFullAWSAccess is of type RESOURCE_CONTROL_POLICY, in a list of SERVICE_CONTROL_POLICY"},
		{"an OU under two parents", func(d string) error {
			b, err := os.ReadFile(filepath.Join(d, "list-organizational-units-for-parent", "ou-a1b2-wk7p2x9q.json"))
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(d, "list-organizational-units-for-parent", "ou-a1b2-pr4d8m3z.json"), b, 0o644)
		}, "OU ou-a1b2-pr4d8m3z appears twice in the organization"},
		{"empty policy list", func(d string) error {
			return os.WriteFile(filepath.Join(d, "list-policies-for-target", "SERVICE_CONTROL_POLICY", "r-a1b2.json"), []byte(`{"Policies": []}`), 0o644)
		}, "r-a1b2.json:1:1: the root has no SCPs: AWS requires at least one at every node"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyDir(t)
			if err := tt.edit(dir); err != nil {
				t.Fatal(err)
			}
			_, err := LoadOrganizationDir(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestOrganizationDirDefaults: AWS's full-access policies need no
// describe-policy file, and a policy type not enabled in the root is not
// evaluated.
func TestOrganizationDirDefaults(t *testing.T) {
	dir := copyDir(t)
	if err := os.Remove(filepath.Join(dir, "describe-policy", "p-FullAWSAccess.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "list-policies-for-target", "RESOURCE_CONTROL_POLICY")); err != nil {
		t.Fatal(err)
	}
	roots := filepath.Join(dir, "list-roots.json")
	b, _ := os.ReadFile(roots)
	if err := os.WriteFile(roots, []byte(strings.Replace(string(b), `"Type": "RESOURCE_CONTROL_POLICY",
                    "Status": "ENABLED"`, `"Type": "RESOURCE_CONTROL_POLICY",
                    "Status": "PENDING_ENABLE"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	org, err := LoadOrganizationDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if c := org.RCPs("222222222222"); c != nil {
		t.Errorf("RCPs are not enabled, yet the chain is %v", chainShape(c))
	}
	if got := chainShape(org.SCPs("222222222222"))[2]; !cmp.Equal(got, []string{"Allow "}) {
		t.Errorf("account SCPs %v, want FullAWSAccess", got)
	}
}

// TestExportOrganizationScript runs testdata/accounts/export-organization.sh
// with a stand-in for the AWS CLI that answers from the synthetic
// organization, and checks that it writes exactly that directory.
func TestExportOrganizationScript(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	data, _ := filepath.Abs(filepath.Join(testAccounts, "aws-organization"))
	bin := t.TempDir()
	// aws organizations COMMAND [--parent-id|--target-id|--policy-id ID] [--filter TYPE] --output json
	fake := `#!/bin/sh
[ "$1" = organizations ] || exit 9
cmd=$2; shift 2
id=; filter=
while [ $# -gt 0 ]; do
	case $1 in
	--parent-id|--target-id|--policy-id) id=$2; shift 2 ;;
	--filter) filter=$2/; shift 2 ;;
	--output) [ "$2" = json ] || exit 9; shift 2 ;;
	*) exit 9 ;;
	esac
done
if [ -n "$id" ]; then f=` + data + `/$cmd/$filter$id.json; else f=` + data + `/$cmd.json; fi
echo "$f" >>"$AWS_LOG"
cat "$f"
`
	if err := os.WriteFile(filepath.Join(bin, "aws"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "org")
	cmd := exec.Command(sh, filepath.Join(testAccounts, "export-organization.sh"), out)
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "AWS_LOG="+filepath.Join(bin, "log"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("export-organization.sh: %v\n%s", err, b)
	}
	list := func(root string) map[string]string {
		files := map[string]string{}
		filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				rel, _ := filepath.Rel(root, path)
				b, _ := os.ReadFile(path)
				files[rel] = string(b)
			}
			return nil
		})
		return files
	}
	if diff := cmp.Diff(list(data), list(out)); diff != "" {
		t.Errorf("the script's directory differs from testdata/accounts/aws-organization (-want +got):\n%s", diff)
	}
}
