package policy

import "strings"

// A placeholder stands, in a policy read from infrastructure code, for a
// value the code leaves unknown until deploy: its name between double
// braces, {{aws_s3_bucket.logs.arn}} (docs/iac.md). The evaluator reads
// it as plain text, which matches only itself. Validation judges a value
// that holds one as the deployed value could be: it does not judge a
// value that is a placeholder, and judges the rest of a value as if each
// placeholder were a valid value of its place.
const (
	placeholderOpen  = "{{"
	placeholderClose = "}}"
)

// HasPlaceholder reports whether s holds a placeholder.
func HasPlaceholder(s string) bool {
	i := strings.Index(s, placeholderOpen)
	return i >= 0 && strings.Contains(s[i+len(placeholderOpen):], placeholderClose)
}

// MaskPlaceholders returns s with each placeholder replaced by with.
func MaskPlaceholders(s, with string) string {
	if !HasPlaceholder(s) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, placeholderOpen)
		if i < 0 {
			break
		}
		j := strings.Index(s[i+len(placeholderOpen):], placeholderClose)
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteString(with)
		s = s[i+len(placeholderOpen)+j+len(placeholderClose):]
	}
	b.WriteString(s)
	return b.String()
}

// placeholderAccount stands for a placeholder while a principal is
// validated: a valid account ID, and a valid name, in any field.
const placeholderAccount = "000000000000"
