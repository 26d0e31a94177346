package batch

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// compileIdentity compiles one identity policy, named name.
func compileIdentity(t *testing.T, name, src string) *evaluator.PolicySet {
	t.Helper()
	d, err := policy.Parse(name, []byte(src), policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	set, err := evaluator.Compile(evaluator.Policies{Identity: []*policy.Document{d}}, evaluator.Organization{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestReplayDiff checks a replay diff over many chunks and workers: each
// line's decisions on both sides are those of a plain batch with either
// set, only the changed lines are written, in input order, and the
// counts add up.
func TestReplayDiff(t *testing.T) {
	t.Parallel()
	const n = 3*chunkItems + 11
	input := simpleLines(n)
	oldSet, newSet := loadSet(t, "identity-app-old.json"), loadSet(t, "identity-app-new.json")
	decisions := func(set *evaluator.PolicySet) []string {
		out, _, err := runLines(t, input, Options{Resolve: fixed(set)})
		if err != nil {
			t.Fatal(err)
		}
		var ds []string
		for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			var r struct{ Decision string }
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				t.Fatal(err)
			}
			ds = append(ds, r.Decision)
		}
		return ds
	}
	olds, news := decisions(oldSet), decisions(newSet)
	var want []string
	var wantCounts Changes
	for i := range olds {
		if c := wantCounts.count(decision(t, olds[i]), decision(t, news[i])); c != "" {
			want = append(want, strings.Join([]string{strconv.Itoa(i + 1), olds[i], news[i], c}, " "))
		}
	}
	out, stats, err := runLines(t, input, Options{Resolve: fixed(newSet), Workers: 3,
		Baseline: func(*evaluator.Request) (*evaluator.PolicySet, error) { return oldSet, nil }})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var r struct {
			Line     int
			Change   string
			Old, New struct{ Decision string }
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%v\n%s", err, l)
		}
		got = append(got, strings.Join([]string{strconv.Itoa(r.Line), r.Old.Decision, r.New.Decision, r.Change}, " "))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if stats.Records != n || stats.Changes != wantCounts || wantCounts.NewlyDenied == 0 {
		t.Errorf("stats %+v, want %d records and %+v", stats, n, wantCounts)
	}
}

// TestReplayDiffUnreliable checks that a line whose decision does not
// change is still written when a side is unreliable, without "change".
func TestReplayDiffUnreliable(t *testing.T) {
	t.Parallel()
	const deny = `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
  {"Sid": "Small", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericGreaterThan": {"s3:max-keys": "10"}}}]}`
	const allow = `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`
	input := []byte(`{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333", "context": {"s3:max-keys": "many"}}` + "\n")
	old := compileIdentity(t, "allow.json", allow)
	out, stats, err := runLines(t, input, Options{Resolve: fixed(compileIdentity(t, "deny.json", deny)),
		Baseline: func(*evaluator.Request) (*evaluator.PolicySet, error) { return old, nil }})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Changed != 0 || stats.Unreliable != 1 || !strings.Contains(out, `"new":{"decision":"allowed"`) ||
		!strings.Contains(out, `"unreliable":true`) || strings.Contains(out, `"change"`) {
		t.Errorf("stats %+v, output %s", stats, out)
	}
}

// decision parses a decision of a result line.
func decision(t *testing.T, s string) evaluator.Decision {
	t.Helper()
	d, err := evaluator.ParseDecision(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
