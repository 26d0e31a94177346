package diff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// benchPolicies writes two identity policies of 100 statements, each
// granting two catalog actions on resources of their own, some under a
// condition; NEW differs from OLD in one wildcard: s3:GetObject becomes
// s3:Get*.
func benchPolicies(tb testing.TB) (*policy.Document, *policy.Document) {
	cat, err := catalog.Load()
	if err != nil {
		tb.Fatal(err)
	}
	var sts []string
	services := cat.Services()
	for i := 0; i < 99; i++ {
		s := services[(i*7)%len(services)]
		a1, a2 := s.Actions[0].FullName(), s.Actions[len(s.Actions)/2].FullName()
		st := fmt.Sprintf(`{"Sid": "S%d", "Effect": "Allow", "Action": [%q, %q], "Resource": "arn:aws:%s:us-east-1:111122223333:thing-%d/*"`, i, a1, a2, s.Prefix, i)
		if i%5 == 0 {
			st += `, "Condition": {"StringEquals": {"aws:ResourceTag/team": "blue"}}`
		}
		sts = append(sts, st+"}")
	}
	last := `{"Sid": "Reports", "Effect": "Allow", "Action": "%s", "Resource": "arn:aws:s3:::reports/*"}`
	mk := func(action string) *policy.Document {
		src := `{"Version": "2012-10-17", "Statement": [` + strings.Join(append(sts, fmt.Sprintf(last, action)), ",\n") + `]}`
		d, err := policy.Parse("p.json", []byte(src), policy.Identity)
		if err != nil {
			tb.Fatal(err)
		}
		return d
	}
	return mk("s3:GetObject"), mk("s3:Get*")
}

// BenchmarkDiff compares two 100-statement identity policies that differ
// by one wildcard (the target is 100 ms with the catalog's load, which
// catalog's BenchmarkLoad measures: Load decodes it once per process).
func BenchmarkDiff(b *testing.B) {
	old, new := benchPolicies(b)
	b.ReportAllocs()
	for b.Loop() {
		r, err := Compare(old, new, Options{Kind: policy.Identity})
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Widenings) == 0 {
			b.Fatal("no widening")
		}
	}
}
