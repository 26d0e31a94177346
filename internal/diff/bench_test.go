package diff

import (
	"testing"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/policytest"
	"github.com/iamsim/iamsim/policy"
)

// benchPolicies parses the two identity policies of 100 statements, each
// granting two catalog actions on resources of their own, some under a
// condition; NEW differs from OLD in one wildcard: s3:GetObject becomes
// s3:Get*.
func benchPolicies(tb testing.TB) (*policy.Document, *policy.Document) {
	cat, err := catalog.Load()
	if err != nil {
		tb.Fatal(err)
	}
	oldSrc, newSrc := policytest.WidenedPair(cat)
	parse := func(src []byte) *policy.Document {
		d, err := policy.Parse("p.json", src, policy.Identity)
		if err != nil {
			tb.Fatal(err)
		}
		return d
	}
	return parse(oldSrc), parse(newSrc)
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
