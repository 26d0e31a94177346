package account

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
)

// refusalText renders a refusal as "who: decision by layer level sid;
// missing keys".
func refusalText(f Refusal) string {
	who := f.Principal
	if who == "" {
		who = f.Action + " on " + f.Resource
	}
	s := who + ": " + f.Decision.String()
	for _, d := range f.Denied {
		s += " by " + d.Layer.String() + " level " + strconv.Itoa(d.Level) + " " + d.Sid
	}
	for _, k := range f.Missing {
		s += "; missing " + k
	}
	return s
}

// TestWhoCanRefused checks that who-can, when nobody is allowed, names
// the nearest principals and what refused them: here the organization's
// region SCP (level 2, the Workloads OU), because aws:RequestedRegion is
// not given, which is also said.
func TestWhoCanRefused(t *testing.T) {
	t.Parallel()
	d := estate(t, true)
	ctx := evaluator.Context{}
	ctx.Set("aws:SecureTransport", "true")
	ans, err := d.WhoCan(WhoCanQuery{Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-prod-data/partner-exchange/2026-11.csv", ResourceAccount: "333333333333", Context: ctx})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Principals) != 0 {
		t.Fatalf("allowed %v, want none without aws:RequestedRegion", accessOf(ans.Principals))
	}
	if ans.RefusedCount != 12 || len(ans.Refused) != MaxRefused {
		t.Errorf("refused %d, shown %d; want 12, shown %d", ans.RefusedCount, len(ans.Refused), MaxRefused)
	}
	want := "arn:aws:iam::333333333333:user/ops: explicitDeny by scp level 2 DenyOutsideEuWest1AndEuCentral1; missing aws:RequestedRegion"
	if diff := cmp.Diff(want, refusalText(ans.Refused[0])); diff != "" {
		t.Errorf("nearest refusal mismatch (-want +got):\n%s", diff)
	}

	// With the region given, ops is allowed and no refusal is listed.
	ans, err = d.WhoCan(WhoCanQuery{Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-prod-data/partner-exchange/2026-11.csv", ResourceAccount: "333333333333", Context: estateContext()})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"arn:aws:iam::333333333333:user/ops (user): identity ProdDataBucketAdmin"}, accessOf(ans.Principals)); diff != "" {
		t.Errorf("principals mismatch (-want +got):\n%s", diff)
	}
	if ans.Refused != nil || ans.RefusedCount != 0 {
		t.Errorf("refused %d listed with a principal allowed, want none", ans.RefusedCount)
	}
}

// TestCanRefused checks the same for can: with no action allowed, each
// candidate action's nearest refusal names the SCP level that denied it
// and the missing region.
func TestCanRefused(t *testing.T) {
	t.Parallel()
	d := estate(t, true)
	ans, err := d.Can(CanQuery{Principal: "arn:aws:iam::222222222222:user/alice", Services: []string{"s3"}, Context: evaluator.Context{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Grants) != 0 {
		t.Fatalf("allowed %v, want none without aws:RequestedRegion", grantsOf(ans))
	}
	if ans.RefusedCount != ans.Candidates || len(ans.Refused) == 0 {
		t.Fatalf("refused %d (shown %d) of %d candidates, want each candidate", ans.RefusedCount, len(ans.Refused), ans.Candidates)
	}
	want := "s3:DeleteObject on arn:aws:s3:::acme-dev-data/home/alice/*: explicitDeny by scp level 2 DenyOutsideEuWest1AndEuCentral1; missing aws:RequestedRegion; missing aws:SecureTransport"
	if diff := cmp.Diff(want, refusalText(ans.Refused[0])); diff != "" {
		t.Errorf("nearest refusal mismatch (-want +got):\n%s", diff)
	}

	ans, err = d.Can(CanQuery{Principal: "arn:aws:iam::222222222222:user/alice", Services: []string{"s3"}, Context: estateContext()})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Grants) == 0 || ans.Refused != nil {
		t.Errorf("with the region: %d grants, %d refusals listed; want grants and no refusal", len(ans.Grants), len(ans.Refused))
	}
}

// TestNearer checks the order of refusals: fewer obstacles, then a grant
// stopped by a guardrail before a grant that fell short, then a missing
// context key.
func TestNearer(t *testing.T) {
	t.Parallel()
	list := []Refusal{
		{Principal: "two obstacles", Obstacles: 2, Missing: []string{"k"}},
		{Principal: "short grant", Obstacles: 1, shortfall: true, Missing: []string{"k"}},
		{Principal: "guardrail", Obstacles: 1},
		{Principal: "guardrail, missing key", Obstacles: 1, Missing: []string{"k"}},
	}
	var got []string
	for _, f := range nearest(list) {
		got = append(got, f.Principal)
	}
	want := []string{"guardrail, missing key", "guardrail", "short grant", "two obstacles"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order mismatch (-want +got):\n%s", diff)
	}
}

// TestRefusalCrossAccount checks that a refusal counts a grant that fell
// short across accounts as the evaluator decided them
// (Result.CrossAccount): the identity policy's Allow without the
// resource policy's is one more obstacle only across accounts.
func TestRefusalCrossAccount(t *testing.T) {
	t.Parallel()
	layers := []evaluator.LayerResult{
		{Layer: evaluator.LayerIdentity, Verdict: evaluator.Allows},
		{Layer: evaluator.LayerBoundary, Verdict: evaluator.Silent},
	}
	for _, tt := range []struct {
		name      string
		cross     bool
		obstacles int
		shortfall bool
	}{
		{name: "same account", obstacles: 1},
		{name: "across accounts", cross: true, obstacles: 2, shortfall: true},
	} {
		f := refusalOf(&evaluator.Result{Decision: evaluator.ImplicitDeny, Layers: layers, CrossAccount: tt.cross})
		if f.Obstacles != tt.obstacles || f.shortfall != tt.shortfall {
			t.Errorf("%s: obstacles %d, shortfall %v; want %d, %v", tt.name, f.Obstacles, f.shortfall, tt.obstacles, tt.shortfall)
		}
	}
}
