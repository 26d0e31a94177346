package evaluator_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
)

// TestContextOneSpellingPerKey checks that Context's methods keep one
// entry per key whatever the case it is given in: AWS compares key names
// without regard to case (iam-user-guide
// reference_policies_elements_condition.md: "Condition key names are not
// case-sensitive").
func TestContextOneSpellingPerKey(t *testing.T) {
	one := func(v string) evaluator.ContextValue { return evaluator.ContextValue{Values: []string{v}} }
	tests := []struct {
		name string
		do   func(evaluator.Context)
		want evaluator.Context
	}{
		{"Set replaces another spelling", func(c evaluator.Context) {
			c.Set("aws:PrincipalOrgID", "o-1")
			c.Set("aws:principalorgid", "o-2")
		}, evaluator.Context{"aws:principalorgid": one("o-2")}},
		{"Add makes a list under the first spelling", func(c evaluator.Context) {
			c.Add("aws:SourceIp", []string{"1.1.1.1"}, false)
			c.Add("AWS:SOURCEIP", []string{"2.2.2.2"}, false)
		}, evaluator.Context{"aws:SourceIp": {Values: []string{"1.1.1.1", "2.2.2.2"}, Multi: true}}},
		{"SetDefault keeps the value given", func(c evaluator.Context) {
			c.Set("aws:principalorgid", "o-other")
			if name, v, set := c.SetDefault("aws:PrincipalOrgID", one("o-org")); set || name != "aws:principalorgid" || v.Values[0] != "o-other" {
				t.Errorf("SetDefault = %q, %v, %v; want the given key", name, v, set)
			}
		}, evaluator.Context{"aws:principalorgid": one("o-other")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evaluator.Context{}
			tt.do(got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got)\n%s", diff)
			}
		})
	}
}

// TestPrepareRefusesTwoSpellings checks that a Context built by hand with
// one key in two spellings is an error, with and without a Preparer:
// which value won would otherwise depend on map order.
func TestPrepareRefusesTwoSpellings(t *testing.T) {
	req := evaluator.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "*",
		Context: evaluator.Context{"aws:PrincipalOrgID": {Values: []string{"o-1"}}, "aws:principalorgid": {Values: []string{"o-2"}}}}
	const want = `context key "aws:PrincipalOrgID" is given 2 times ("aws:PrincipalOrgID", "aws:principalorgid"): AWS compares key names without regard to case, so give it once`
	for i := 0; i < 20; i++ {
		if _, err := evaluator.Prepare(&req); err == nil || err.Error() != want {
			t.Fatalf("Prepare: %v; want %s", err, want)
		}
		pr := evaluator.NewPreparer()
		if _, err := pr.Prepare(&req); err == nil || err.Error() != want {
			t.Fatalf("Preparer.Prepare: %v; want %s", err, want)
		}
	}
}
