package catalog

import "testing"

var (
	benchCatalog *Catalog
	benchActions []*Action
)

// BenchmarkLoad decompresses and decodes the whole embedded catalog.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(embedded)))
	for b.Loop() {
		c, err := decode(embedded)
		if err != nil {
			b.Fatal(err)
		}
		benchCatalog = c
	}
}

func BenchmarkMatchActions(b *testing.B) {
	c := mustLoad(b)
	for _, p := range []string{"s3:GetObject", "s3:Get*", "ec2:Describe*", "*:Describe*", "*"} {
		b.Run(p, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchActions = c.MatchActions(p)
			}
		})
	}
}

func BenchmarkConditionKey(b *testing.B) {
	c := mustLoad(b)
	for _, k := range []string{"aws:SourceIp", "aws:RequestTag/Owner", "s3:nosuchkey"} {
		b.Run(k, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = c.ConditionKey(k)
			}
		})
	}
}
