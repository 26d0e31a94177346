package diff

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// variableToken stands for every policy variable in a representative
// built from a pattern; each variable's key gets it among its values, so
// that a representative can match the variable (docs/diff.md). It is the
// name of the home user, so that ${aws:username} needs no context key.
const variableToken = "alice"

// instantiate returns strings that a policy string matches: each * filled
// with a distinct run of characters (x1, x2...) and each ? with one
// character, then with every * empty; variables (under Version
// 2012-10-17) become variableToken. With wildcards false (StringEquals),
// * and ? are themselves. The second result lists the variable keys it
// met.
func instantiate(s string, variables, wildcards bool) ([]string, []string) {
	t, err := policy.ParseTemplate(s, variables)
	if err != nil {
		return []string{s}, nil
	}
	var keys []string
	var filled, empty strings.Builder
	n := 0
	for _, seg := range t {
		switch seg.Kind {
		case policy.SegmentVariable:
			keys = append(keys, seg.Text)
			filled.WriteString(variableToken)
			empty.WriteString(variableToken)
		case policy.SegmentLiteral:
			filled.WriteString(seg.Text)
			empty.WriteString(seg.Text)
		default:
			for _, r := range seg.Text {
				switch {
				case wildcards && r == '*':
					n++
					filled.WriteString("x" + strconv.Itoa(n))
				case wildcards && r == '?':
					filled.WriteByte('q')
					empty.WriteByte('q')
				default:
					filled.WriteRune(r)
					empty.WriteRune(r)
				}
			}
		}
	}
	out := []string{filled.String()}
	if e := empty.String(); e != out[0] {
		out = append(out, e)
	}
	return out, keys
}

// formatVariable is a ${...} slot of a catalog ARN format.
var formatVariable = regexp.MustCompile(`\$\{[^}]*\}`)

// instantiateFormat fills a catalog ARN format, such as
// arn:${Partition}:s3:::${BucketName}/${ObjectName}, with values that
// belong to the home account and that no policy names.
func instantiateFormat(format string) string {
	return formatVariable.ReplaceAllStringFunc(format, func(v string) string {
		switch v {
		case "${Partition}":
			return "aws"
		case "${Region}":
			return "us-east-1"
		case "${Account}":
			return HomeAccount
		}
		return "x"
	})
}
