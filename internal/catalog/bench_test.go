package catalog

import "testing"

var (
	benchCatalog *Catalog
	benchActions []*Action
)

// BenchmarkLoad reads the whole embedded catalog, every service's
// actions included, as a command that looks at every service does.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(embedded)))
	for b.Loop() {
		c, err := decodeAll(embedded)
		if err != nil {
			b.Fatal(err)
		}
		benchCatalog = c
	}
}

// BenchmarkLoadFirstUse is what Load reads, then one service's actions
// for a look-up: what a command about a few services pays.
func BenchmarkLoadFirstUse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, err := decode(embedded)
		if err != nil {
			b.Fatal(err)
		}
		if _, ok := c.Action("s3:GetObject"); !ok {
			b.Fatal("no s3:GetObject")
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
