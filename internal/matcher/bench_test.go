package matcher_test

import (
	"testing"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/policy"
)

var benchSink bool

func BenchmarkCondition(b *testing.B) {
	ctx := newContext(
		one("aws:username", "alice"),
		one("s3:prefix", "home/alice/projects/"),
		one("s3:max-keys", "100"),
		one("aws:CurrentTime", "2026-03-01T12:00:00Z"),
		one("aws:SecureTransport", "true"),
		one("example:BinaryKey", "QmluYXJ5VmFsdWVJbkJhc2U2NA=="),
		one("aws:SourceIp", "203.0.113.7"),
		one("aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice"),
		list("aws:TagKeys", "environment", "cost-center", "owner"),
	)
	families := []struct {
		name   string
		op     string
		key    string
		values string
	}{
		{"String", "StringEquals", "s3:prefix", `["home/", "home/alice/projects/"]`},
		{"StringLike", "StringLike", "s3:prefix", `["", "home/", "home/*/projects/*"]`},
		{"StringVariable", "StringLike", "s3:prefix", `["", "home/", "home/${aws:username}/*"]`},
		{"Numeric", "NumericLessThanEquals", "s3:max-keys", `1000`},
		{"Date", "DateGreaterThan", "aws:CurrentTime", `"2026-01-01T00:00:00Z"`},
		{"Bool", "Bool", "aws:SecureTransport", `true`},
		{"Binary", "BinaryEquals", "example:BinaryKey", `"QmluYXJ5VmFsdWVJbkJhc2U2NA=="`},
		{"IP", "IpAddress", "aws:SourceIp", `["2001:DB8:1234:5678::/64", "203.0.113.0/24"]`},
		{"Arn", "ArnLike", "aws:PrincipalArn", `"arn:aws:iam::*:user/${aws:username}"`},
		{"Null", "Null", "aws:MultiFactorAuthPresent", `true`},
		{"ForAllValues", "ForAllValues:StringLike", "aws:TagKeys", `["env*", "cost-*", "owner"]`},
		{"ForAnyValue", "ForAnyValue:StringEquals", "aws:TagKeys", `["owner"]`},
	}
	for _, fam := range families {
		c := compileCondition(b, v2012, fam.op, fam.key, fam.values)
		b.Run(fam.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchSink = c.Eval(ctx, policy.Allow)
			}
		})
	}
}

func BenchmarkMatch(b *testing.B) {
	ctx := newContext(one("aws:username", "alice"))
	st := compileStatement(b, v2012, `"Action": ["s3:Get*", "s3:List*"], "Resource": ["arn:aws:s3:::bucket/public/*", "arn:aws:s3:::bucket/home/${aws:username}/*"]`)
	b.Run("action", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			benchSink = st.Action.Match("s3", "listbucket")
		}
	})
	b.Run("resource-variable", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			benchSink = st.Resource.Match("arn:aws:s3:::bucket/home/alice/projects/plan.txt", ctx)
		}
	})
}

// BenchmarkMemo reads a key through a Memo that remembers it, and one it
// has to look up, against a MapContext.
func BenchmarkMemo(b *testing.B) {
	ctx := newContext(one("aws:username", "alice"), one("aws:SourceIp", "203.0.113.7"))
	c := compileCondition(b, v2012, "StringEquals", "aws:username", `"alice"`)
	var memo matcher.Memo
	b.Run("remembered", func(b *testing.B) {
		memo.Reset(ctx)
		b.ReportAllocs()
		for b.Loop() {
			benchSink = c.Eval(&memo, policy.Allow)
		}
	})
	b.Run("first", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			memo.Reset(ctx)
			benchSink = c.Eval(&memo, policy.Allow)
		}
	})
	b.Run("map", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			benchSink = c.Eval(ctx, policy.Allow)
		}
	})
}
