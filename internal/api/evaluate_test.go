package api

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
)

// readS3 allows reading the objects of one bucket.
const readS3 = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::mybucket/*"}]}`

// decisions lists each case's action, resource and decision.
func decisions(cases []Case) []string {
	var out []string
	for _, c := range cases {
		out = append(out, c.Request.Action+" "+c.Request.Resource+" "+c.Result.Decision.String())
	}
	return out
}

func TestEvaluate(t *testing.T) {
	t.Parallel()
	cases, err := Engine{}.Evaluate(EvalOptions{
		Principal: "arn:aws:iam::111122223333:user/alice",
		Actions:   []string{"s3:GetObject", "s3:PutObject"},
		Resources: []string{"arn:aws:s3:::mybucket/a", "arn:aws:s3:::other/b"},
		Identity:  []string{readS3, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"s3:GetObject arn:aws:s3:::mybucket/a allowed",
		"s3:GetObject arn:aws:s3:::other/b allowed",
		"s3:PutObject arn:aws:s3:::mybucket/a implicitDeny",
		"s3:PutObject arn:aws:s3:::other/b implicitDeny",
	}
	if diff := cmp.Diff(want, decisions(cases)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	// The notes say which policy came from the snapshot, and that the
	// resource account was assumed.
	for _, want := range []struct {
		code evaluator.NoteCode
		arg  int
		is   string
	}{
		{NoteSnapshotVersion, 0, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"},
		{NoteAccountAssumed, 1, "--resource-account"},
	} {
		if !slices.ContainsFunc(cases[0].Result.Notes, func(n evaluator.Note) bool {
			return n.Code == want.code && len(n.Args) > want.arg && fmt.Sprint(n.Args[want.arg]) == want.is
		}) {
			t.Errorf("no %s note with %q: notes %q", want.code, want.is, cases[0].Result.Notes)
		}
	}
	if cases[0].Prepared == nil || len(cases[0].Result.Trace) == 0 {
		t.Error("a case lacks its prepared request or its trace")
	}
}

func TestEvaluateScenario(t *testing.T) {
	t.Parallel()
	cases, err := Engine{}.Evaluate(EvalOptions{Scenario: "../../testdata/scenarios/s3-home-dirs.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range cases {
		if c.Name == "" || c.Expect == nil || *c.Expect != c.Result.Decision {
			t.Errorf("%q: decision %s, expect %v", c.Name, c.Result.Decision, c.Expect)
		}
	}
}

func TestEvaluateErrors(t *testing.T) {
	t.Parallel()
	alice := EvalOptions{Principal: "arn:aws:iam::222222222222:user/alice", Actions: []string{"s3:GetObject"}, Resources: []string{"*"}}
	tests := []struct {
		name string
		opts func(EvalOptions) EvalOptions
		want string
	}{
		{name: "a policy problem", opts: func(o EvalOptions) EvalOptions {
			o.Identity = []string{`{"Statement": [{"Effect": "Allw"}]}`}
			return o
		},
			want: "--identity:1:"},
		{name: "a session policy for a user", opts: func(o EvalOptions) EvalOptions {
			o.AccountDetails, o.SessionPolicy = []string{"../../testdata/accounts/222222222222.json"}, readS3
			return o
		}, want: "--session-policy: arn:aws:iam::222222222222:user/alice is not a role session"},
		{name: "an organization without exports", opts: func(o EvalOptions) EvalOptions { o.Org = "org.yaml"; return o },
			want: "--org and --resource-policies describe real accounts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Engine{}.Evaluate(tt.opts(alice))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v, want one starting %q", err, tt.want)
			}
		})
	}
	// Problems in policies come one a line.
	_, err := Engine{}.Evaluate(EvalOptions{Principal: alice.Principal, Actions: alice.Actions, Resources: alice.Resources,
		Identity: []string{`{"Statement": [{"Effect": "Allw"}]}`}, Boundary: `{"Statement": 5}`})
	var p *Problems
	if !errors.As(err, &p) || len(p.Lines) < 2 {
		t.Errorf("error %v, want Problems of both policies", err)
	}
}

func TestEvaluateAccounts(t *testing.T) {
	t.Parallel()
	cases, err := Engine{}.Evaluate(EvalOptions{
		Principal:      "arn:aws:iam::222222222222:user/alice",
		Actions:        []string{"s3:PutObject"},
		Resources:      []string{"arn:aws:s3:::acme-dev-data/home/alice/notes.txt"},
		AccountSources: AccountSources{AccountDetails: []string{"../../testdata/accounts/222222222222.json"}, ResourcePolicies: "../../testdata/accounts"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 1 || cases[0].Result.Decision != evaluator.Allowed || !strings.HasPrefix(cases[0].AccountFrom, "the resource manifest ") {
		t.Errorf("got %+v", cases)
	}
}
