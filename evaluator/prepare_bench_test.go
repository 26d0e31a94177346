package evaluator

import "testing"

// BenchmarkPreparer measures Preparer.Prepare on a request whose
// principal and action it has seen: what a batch of requests costs.
func BenchmarkPreparer(b *testing.B) {
	req := &Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/alice/notes.txt", Context: Context{}}
	req.Context.Set("aws:securetransport", "true")
	pr := NewPreparer()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pr.Prepare(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrepareInto measures Preparer.PrepareInto reusing one
// Prepared for requests with the same context key names.
func BenchmarkPrepareInto(b *testing.B) {
	req := &Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/alice/notes.txt", Context: Context{}}
	req.Context.Set("aws:securetransport", "true")
	pr := NewPreparer()
	var p Prepared
	b.ReportAllocs()
	for b.Loop() {
		if err := pr.PrepareInto(req, &p); err != nil {
			b.Fatal(err)
		}
	}
}
