package api

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSimulateCustom(t *testing.T) {
	t.Parallel()
	var warnings []string
	cases, err := Engine{}.Simulate(SimulateOptions{
		Custom:       true,
		PolicyInputs: []string{readS3},
		ActionNames:  []string{"s3:GetObject", "s3:DeleteObject"},
		ResourceARNs: []string{"arn:aws:s3:::mybucket/a"},
		Warn:         func(w string) { warnings = append(warnings, w) },
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cases {
		got = append(got, c.Request.Principal+" "+c.Request.Action+" "+c.Result.Decision.String())
	}
	want := []string{
		"arn:aws:iam::123456789012:user/simulated-user s3:GetObject allowed",
		"arn:aws:iam::123456789012:user/simulated-user s3:DeleteObject implicitDeny",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	// The bucket's ARN names no account: the caller's is assumed, once.
	if len(warnings) != 1 || !strings.HasPrefix(warnings[0], "arn:aws:s3:::mybucket/a: the resource account was assumed to be 123456789012") ||
		!strings.HasSuffix(warnings[0], "give the owner with --resource-owner") {
		t.Errorf("warnings %q", warnings)
	}
}

func TestSimulatePrincipal(t *testing.T) {
	t.Parallel()
	opts := SimulateOptions{
		PolicySourceARN: "arn:aws:iam::222222222222:user/alice",
		AccountSources:  AccountSources{AccountDetails: []string{"../../testdata/accounts/222222222222.json"}, ResourcePolicies: "../../testdata/accounts"},
		ActionNames:     []string{"s3:PutObject"},
		ResourceARNs:    []string{"arn:aws:s3:::acme-dev-data/home/alice/notes.txt", "arn:aws:s3:::acme-dev-data/home/bob/notes.txt"},
	}
	cases, err := Engine{}.Simulate(opts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cases {
		got = append(got, c.Request.Resource+" "+c.Result.Decision.String())
	}
	want := []string{"arn:aws:s3:::acme-dev-data/home/alice/notes.txt allowed", "arn:aws:s3:::acme-dev-data/home/bob/notes.txt implicitDeny"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	opts.PolicySourceARN = "arn:aws:iam::222222222222:user/nobody"
	if _, err := (Engine{}).Simulate(opts); err == nil {
		t.Error("a principal the data does not hold was simulated")
	}
}
