package lint

import (
	"strconv"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// The limit rules' Bad examples are built to just past the default limits
// (docs/limits.md); docs/lint-rules.md shortens their long lines. They
// are made when the package starts, by every command, so each is written
// once into a buffer of its final size: 1.4 MB in all, where joining
// parts made twice that.

func tooDeepExample() string {
	n := policy.DefaultLimits.Depth
	return `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": ` +
		strings.Repeat("[", n) + `"a"` + strings.Repeat("]", n) + `}}}}`
}

func tooLargeExample() string {
	const head, tail = `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/`, `"}}`
	var b strings.Builder
	b.Grow(len(head) + policy.DefaultLimits.Bytes + len(tail))
	b.WriteString(head)
	chunk := strings.Repeat("x", 4096)
	for n := policy.DefaultLimits.Bytes; n > 0; n -= len(chunk) {
		b.WriteString(chunk[:min(n, len(chunk))])
	}
	b.WriteString(tail)
	return b.String()
}

func tooManyStatementsExample() string {
	return numbered(`{"Version": "2012-10-17", "Statement": [`,
		`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports-`, `/*"}`,
		policy.DefaultLimits.Statements+1, `]}`)
}

func tooManyValuesExample() string {
	return numbered(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": [`,
		`"arn:aws:s3:::reports-`, `/*"`, policy.DefaultLimits.Values+1, `]}}`)
}

// numbered returns head, n items joined by ", " (each before, its
// number from 0, after) and tail.
func numbered(head, before, after string, n int, tail string) string {
	size := len(head) + len(tail)
	for i := range n {
		size += len(before) + digits(i) + len(after)
		if i > 0 {
			size += len(", ")
		}
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteString(head)
	var num []byte
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(before)
		num = strconv.AppendInt(num[:0], int64(i), 10)
		b.Write(num)
		b.WriteString(after)
	}
	b.WriteString(tail)
	return b.String()
}

// digits returns the number of decimal digits of n >= 0.
func digits(n int) int {
	d := 1
	for ; n >= 10; n /= 10 {
		d++
	}
	return d
}
