package batch

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// loadSet compiles identity policies of testdata/batch.
func loadSet(tb testing.TB, files ...string) *evaluator.PolicySet {
	tb.Helper()
	var p evaluator.Policies
	for _, f := range files {
		path := filepath.Join("..", "..", "testdata", "batch", f)
		src, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		d, err := policy.Parse(f, src, policy.Identity)
		if err != nil {
			tb.Fatal(err)
		}
		p.Identity = append(p.Identity, d)
	}
	set, err := evaluator.Compile(p, evaluator.Organization{})
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

// fixed resolves every request to one set.
func fixed(set *evaluator.PolicySet) func(*evaluator.Request, *Resolution) (*evaluator.PolicySet, error) {
	return func(*evaluator.Request, *Resolution) (*evaluator.PolicySet, error) { return set, nil }
}

// simpleLines returns n request lines of the shape of testdata/batch/gen.
func simpleLines(n int) []byte {
	actions := []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetObject", "dynamodb:GetItem", "s3:DeleteObject", "s3:GetObject", "cloudwatch:PutMetricData"}
	regions := []string{"eu-west-1", "eu-west-1", "eu-west-1", "us-east-1"}
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"principal":"arn:aws:iam::111122223333:user/user%d","action":"%s","resource":"arn:aws:s3:::example-app-data/data/obj-%d.json","resourceAccount":"111122223333","context":{"aws:RequestedRegion":"%s","aws:SourceIp":"203.0.113.%d"}}`+"\n",
			i%100, actions[i%len(actions)], i, regions[i%len(regions)], i%250)
	}
	return b.Bytes()
}

// BenchmarkRun decides 100,000 simple request lines end to end, JSON in
// and JSON out, on all cores; decisions/s is the throughput.
func BenchmarkRun(b *testing.B) {
	const n = 100000
	input := simpleLines(n)
	opts := Options{Resolve: fixed(loadSet(b, "identity-app-new.json"))}
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run("bench.jsonl", bytes.NewReader(input), io.Discard, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}

// BenchmarkRunCloudTrail decides a CloudTrail log of 14,000 records
// (testdata/batch's day, repeated), gzip-compressed as CloudTrail writes
// it.
func BenchmarkRunCloudTrail(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "batch", "cloudtrail-2026-11-20.json"))
	if err != nil {
		b.Fatal(err)
	}
	body := bytes.TrimSuffix(bytes.TrimSpace(bytes.TrimPrefix(bytes.TrimSpace(src), []byte(`{`))), []byte(`}`))
	body = bytes.TrimSuffix(bytes.TrimSpace(bytes.TrimPrefix(bytes.TrimSpace(body), []byte(`"Records":`))), []byte(`]`))
	body = bytes.TrimPrefix(bytes.TrimSpace(body), []byte(`[`))
	const copies = 1000
	var log bytes.Buffer
	log.WriteString(`{"Records":[`)
	for i := range copies {
		if i > 0 {
			log.WriteByte(',')
		}
		log.Write(body)
	}
	log.WriteString("]}")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(log.Bytes())
	zw.Close()
	opts := Options{Resolve: fixed(loadSet(b, "identity-app-new.json"))}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		stats, err := Run("bench.json.gz", bytes.NewReader(gz.Bytes()), io.Discard, opts)
		if err != nil || stats.Records != 14*copies {
			b.Fatal(stats, err)
		}
	}
	b.ReportMetric(14*copies*float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}

// BenchmarkReplayDiff decides 100,000 simple request lines against two
// policy sets, the baseline (identity-app-old.json) and the current
// (identity-app-new.json), end to end: each line is read and prepared
// once and decided twice; pairs/s is the throughput. About a third of
// the decisions change, so the output is not empty. pairs/cpu-s divides
// by the CPU time the process used instead (user and system, every
// goroutine and the collector): on a shared machine the wall clock
// counts other processes' turns, and GOMAXPROCS times pairs/cpu-s bounds
// what the cores would do alone.
func BenchmarkReplayDiff(b *testing.B) {
	const n = 100000
	input := simpleLines(n)
	old := loadSet(b, "identity-app-old.json")
	opts := Options{Resolve: fixed(loadSet(b, "identity-app-new.json")),
		Baseline: func(*evaluator.Request) (*evaluator.PolicySet, error) { return old, nil }}
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		stats, err := Run("bench.jsonl", bytes.NewReader(input), io.Discard, opts)
		if err != nil || stats.Records != n || stats.Changed == 0 {
			b.Fatal(stats, err)
		}
	}
	pairs := float64(n) * float64(b.N)
	b.ReportMetric(pairs/b.Elapsed().Seconds(), "pairs/s")
	if cpu := cpuTime() - cpu; cpu > 0 {
		b.ReportMetric(pairs/cpu.Seconds(), "pairs/cpu-s")
	}
}
