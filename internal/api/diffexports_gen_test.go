package api

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// genExport writes an account export of n principals (users and roles
// in turn), each with an inline policy of its own and one of eight
// managed policies attached; the principals i with changed(i) get a
// wider inline policy (s3:Get* for s3:GetObject on their prefix), and
// managed policy team-<wider> (when 0 to 7) a wider queue pattern.
func genExport(n int, changed func(int) bool, wider int) map[string]any {
	const acct = "111122223333"
	stmt := func(action, resource string) map[string]any {
		return map[string]any{"Effect": "Allow", "Action": action, "Resource": resource}
	}
	doc := func(sts ...map[string]any) map[string]any {
		return map[string]any{"Version": "2012-10-17", "Statement": sts}
	}
	var users, roles, policies []map[string]any
	for m := 0; m < 8; m++ {
		name := fmt.Sprintf("team-%d", m)
		queue := fmt.Sprintf("arn:aws:sqs:us-east-1:%s:team-%d-*", acct, m)
		if m == wider {
			queue = fmt.Sprintf("arn:aws:sqs:us-east-1:%s:*", acct)
		}
		policies = append(policies, map[string]any{
			"PolicyName": name, "PolicyId": fmt.Sprintf("ANPA%017d", m), "Arn": "arn:aws:iam::" + acct + ":policy/" + name,
			"Path": "/", "DefaultVersionId": "v1", "AttachmentCount": n / 8, "IsAttachable": true,
			"PolicyVersionList": []map[string]any{{"VersionId": "v1", "IsDefaultVersion": true, "Document": doc(
				stmt("sqs:SendMessage", queue),
				stmt("dynamodb:GetItem", fmt.Sprintf("arn:aws:dynamodb:us-east-1:%s:table/team-%d", acct, m)),
			)}},
		})
	}
	for i := 0; i < n; i++ {
		action := "s3:GetObject"
		if changed(i) {
			action = "s3:Get*"
		}
		name := fmt.Sprintf("p%04d", i)
		inline := []map[string]any{{"PolicyName": "own", "PolicyDocument": doc(
			stmt(action, "arn:aws:s3:::example-data/"+name+"/*"),
			stmt("s3:ListBucket", "arn:aws:s3:::example-data"),
		)}}
		attached := []map[string]any{{"PolicyName": fmt.Sprintf("team-%d", i%8), "PolicyArn": fmt.Sprintf("arn:aws:iam::%s:policy/team-%d", acct, i%8)}}
		if i%2 == 0 {
			users = append(users, map[string]any{"Path": "/", "UserName": name, "UserId": fmt.Sprintf("AIDA%017d", i), "Arn": "arn:aws:iam::" + acct + ":user/" + name,
				"UserPolicyList": inline, "GroupList": []string{}, "AttachedManagedPolicies": attached})
		} else {
			roles = append(roles, map[string]any{"Path": "/", "RoleName": name, "RoleId": fmt.Sprintf("AROA%017d", i), "Arn": "arn:aws:iam::" + acct + ":role/" + name,
				"AssumeRolePolicyDocument": doc(map[string]any{"Effect": "Allow", "Principal": map[string]any{"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}),
				"RolePolicyList":           inline, "AttachedManagedPolicies": attached})
		}
	}
	return map[string]any{"UserDetailList": users, "GroupDetailList": []any{}, "RoleDetailList": roles, "Policies": policies}
}

// writeExports writes an OLD export of n principals and a NEW one in
// which every twentieth principal (5%) is wider, or with wider from 0
// to 7 in which that managed policy is, and returns their paths.
func writeExports(tb testing.TB, n, wider int) (string, string) {
	dir := tb.TempDir()
	var paths []string
	for _, side := range []struct {
		name    string
		changed func(int) bool
		wider   int
	}{{"old.json", func(int) bool { return false }, -1}, {"new.json", func(i int) bool { return wider < 0 && i%20 == 0 }, wider}} {
		src, err := json.Marshal(genExport(n, side.changed, side.wider))
		if err != nil {
			tb.Fatal(err)
		}
		path := filepath.Join(dir, side.name)
		if err := os.WriteFile(path, src, 0o644); err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, path)
	}
	return paths[0], paths[1]
}

// BenchmarkDiffExports compares two exports of 1,000 principals of which
// 5% changed, reading and parsing both (issue 15: at most 5 s).
func BenchmarkDiffExports(b *testing.B) {
	old, new := writeExports(b, 1000, -1)
	for b.Loop() {
		r, err := Engine{}.Diff(DiffOptions{Old: old, New: new})
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Pairs) != 50 {
			b.Fatalf("%d principals compared, want 50", len(r.Pairs))
		}
	}
}

// BenchmarkDiffExportsManaged compares two exports of 1,000 principals
// in which one customer managed policy, attached to 125 of them beside an
// inline policy of each one's own, is wider.
func BenchmarkDiffExportsManaged(b *testing.B) {
	old, new := writeExports(b, 1000, 3)
	for b.Loop() {
		r, err := Engine{}.Diff(DiffOptions{Old: old, New: new})
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Pairs) != 1 {
			b.Fatalf("%d entries, want the 125 principals of team-3 as one", len(r.Pairs))
		}
	}
}

// TestDiffExportsGenerated checks the generated exports' comparison: the
// 5% of principals that changed, each with its widening witnessed by
// itself, and nothing for the others.
func TestDiffExportsGenerated(t *testing.T) {
	old, new := writeExports(t, 100, -1)
	r, err := Engine{}.Diff(DiffOptions{Old: old, New: new})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pairs) != 5 {
		t.Fatalf("%d pairs, want 5", len(r.Pairs))
	}
	for i, p := range r.Pairs {
		name := fmt.Sprintf("p%04d", i*20)
		if len(p.Widenings) == 0 {
			t.Errorf("%s: no widening", p.Subject)
		}
		for _, f := range p.Widenings {
			if f.Witness.Principal != "arn:aws:iam::111122223333:user/"+name {
				t.Errorf("%s: witness principal %s, want the user %s", p.Subject, f.Witness.Principal, name)
				break
			}
		}
	}
}

// TestDiffExportsGrouped checks that a managed policy change shared by
// many principals is compared and reported once, naming them all.
func TestDiffExportsGrouped(t *testing.T) {
	old, new := writeExports(t, 80, 3)
	r, err := Engine{}.Diff(DiffOptions{Old: old, New: new})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pairs) != 1 {
		t.Fatalf("%d pairs, want 1 for the 10 principals of team-3", len(r.Pairs))
	}
	p := r.Pairs[0]
	want := `role p0003, role p0011, role p0019, role p0027, role p0035, role p0043, role p0051, role p0059, role p0067, role p0075: policies changed "managed policy team-3"`
	if p.Subject != want || len(p.Widenings) == 0 {
		t.Errorf("subject %q with %d widenings; want %q and some", p.Subject, len(p.Widenings), want)
	}
	for _, f := range p.Widenings {
		if f.Witness.Principal != "arn:aws:sts::111122223333:assumed-role/p0003/diff-session" || f.Witness.RoleARN != "arn:aws:iam::111122223333:role/p0003" {
			t.Errorf("witness caller %s (role %s), want a session of role p0003", f.Witness.Principal, f.Witness.RoleARN)
		}
	}
}
