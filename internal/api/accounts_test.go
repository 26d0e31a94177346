package api

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
)

// estate is the synthetic organization of testdata/accounts.
var estate = AccountSources{
	AccountDetails:   []string{"../../testdata/accounts/111111111111.json,../../testdata/accounts/222222222222.json", "../../testdata/accounts/333333333333.json"},
	Org:              "../../testdata/accounts/organization.yaml",
	ResourcePolicies: "../../testdata/accounts",
}

// estateContext is the context every request of testdata/accounts/README.md
// carries.
func estateContext() evaluator.Context {
	ctx := evaluator.Context{}
	ctx.Add("aws:RequestedRegion", []string{"eu-west-1"}, false)
	ctx.Add("aws:SecureTransport", []string{"true"}, false)
	return ctx
}

func TestWhoCan(t *testing.T) {
	t.Parallel()
	ans, err := Engine{}.WhoCan(estate, WhoCanOptions{
		Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-prod-data/releases/web-1.4.2.tar.gz", ResourceAccount: "333333333333",
		Context: estateContext(),
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range ans.Principals {
		got = append(got, a.Principal+" "+a.Type)
	}
	want := []string{"arn:aws:iam::222222222222:role/deploy role", "arn:aws:iam::333333333333:user/ops user"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("principals mismatch (-want +got):\n%s", diff)
	}
	wantBasis := Basis{Accounts: []string{"111111111111", "222222222222", "333333333333"}, Organization: "o-a1b2c3d4e5 (../../testdata/accounts/organization.yaml)", ResourcePolicies: true}
	if diff := cmp.Diff(wantBasis, ans.Basis); diff != "" {
		t.Errorf("basis mismatch (-want +got):\n%s", diff)
	}
	if ans.Checked != 12 {
		t.Errorf("checked %d principals, want 12", ans.Checked)
	}
}

// TestWhoCanWarnings checks that the warnings on the action, the
// resource and the context keys become notes of the answer.
func TestWhoCanWarnings(t *testing.T) {
	t.Parallel()
	ctx := estateContext()
	ctx.Add("aws:SecureTransprot", []string{"true"}, false)
	ans, err := Engine{}.WhoCan(estate, WhoCanOptions{
		Action: "s3:GetObjectt", Resource: "arn:aws:s3:::acme-dev-data", Context: ctx, AllowUnknownActions: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Notes) < 2 {
		t.Fatalf("notes %q: want the action's and the context key's warnings", ans.Notes)
	}
	for _, n := range ans.Notes[len(ans.Notes)-2:] {
		if n.Code != NoteWarning {
			t.Errorf("note %q: want a warning", n)
		}
	}
}

// TestWhoCanUnknownAction checks that an unknown action is refused
// before any account file is read.
func TestWhoCanUnknownAction(t *testing.T) {
	t.Parallel()
	_, err := Engine{}.WhoCan(AccountSources{AccountDetails: []string{"no-such-file.json"}}, WhoCanOptions{Action: "s3:GetObjectt", Resource: "*"})
	var le *Problems
	if err == nil || errors.As(err, &le) {
		t.Fatalf("error %v: want the action's, before the files are read", err)
	}
}

func TestCan(t *testing.T) {
	t.Parallel()
	ans, err := Engine{}.Can(estate, CanOptions{
		Principal: "arn:aws:iam::222222222222:user/alice", Services: []string{"s3"}, Context: estateContext(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Grants) == 0 {
		t.Fatal("no grant: alice reads her home prefix")
	}
	for _, g := range ans.Grants {
		if !strings.HasPrefix(g.Action, "s3:") {
			t.Errorf("grant of %s: want s3 actions only", g.Action)
		}
	}
	if len(ans.Basis.Accounts) != 3 {
		t.Errorf("basis %+v: want the 3 accounts", ans.Basis)
	}
}

// TestLoadError checks that a problem reading the account files comes
// back as Problems: a missing file, an export over --max-export-size.
func TestLoadProblems(t *testing.T) {
	t.Parallel()
	_, err := Engine{}.Can(AccountSources{AccountDetails: []string{"no-such-file.json"}}, CanOptions{Principal: "arn:aws:iam::222222222222:user/alice"})
	var le *Problems
	if !errors.As(err, &le) {
		t.Fatalf("error %v: want Problems", err)
	}
	limited := Engine{MaxExportSize: 10}
	_, err = limited.Can(estate, CanOptions{Principal: "arn:aws:iam::222222222222:user/alice"})
	if !errors.As(err, &le) {
		t.Fatalf("error %v: want Problems for an export over --max-export-size", err)
	}
	if !strings.Contains(err.Error(), "--max-export-size") {
		t.Errorf("error %q: want it to name --max-export-size", err)
	}
}
