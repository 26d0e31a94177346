package matcher

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// BenchmarkParseCompile parses, validates and compiles a policy of 10
// statements with actions, resources and conditions.
func BenchmarkParseCompile(b *testing.B) {
	var sts []string
	for i := 0; i < 10; i++ {
		sts = append(sts, fmt.Sprintf(`{"Sid": "S%d", "Effect": "Allow", "Action": ["svc%d:Get*", "svc%d:List*"], "Resource": "arn:aws:svc%d:::thing-%d/${aws:username}/*",
			"Condition": {"StringEquals": {"aws:PrincipalTag/team": "t%d"}, "IpAddress": {"aws:SourceIp": "10.%d.0.0/16"}, "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}}`, i, i, i, i, i, i, i))
	}
	src := []byte(`{"Version": "2012-10-17", "Statement": [` + strings.Join(sts, ",") + `]}`)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := policy.Parse("p.json", src, policy.Identity)
		if err != nil {
			b.Fatal(err)
		}
		Compile(doc)
	}
}
