package catalog

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// This file decides whether a resource can be one an action acts on, from
// the ARN formats of the action's resource types. lint's rule
// resource-action-mismatch asks it of a statement's Resource entries, and
// reqcheck of a request's resource.

// arnToken is one element of a resource pattern or ARN format: a literal
// character, or a wildcard.
type arnToken struct {
	kind tokenKind
	r    rune // the literal character; for tokVar a character it may not contain (0: none)
}

type tokenKind uint8

const (
	tokLit  tokenKind = iota
	tokOne            // ? in a policy: one character
	tokStar           // * or a policy variable: any run of characters
	tokVar            // ${...} in an ARN format: any run of characters except r
)

// ARNPattern is a resource, a Resource entry of a policy or the ARN of a
// request, ready to be matched against ARN formats.
type ARNPattern struct {
	tokens  []arnToken
	service string // the lower-case service field, "" when it has a wildcard
}

// NewARNPattern reads a Resource entry, lower-cased: * and ? are
// wildcards, and with variables policy variables match anything. It fails
// for an entry with a malformed variable, which the parser reports.
func NewARNPattern(text string, variables bool) (ARNPattern, bool) {
	t, err := policy.ParseTemplate(text, variables)
	if err != nil {
		return ARNPattern{}, false
	}
	var out []arnToken
	for _, s := range t {
		switch s.Kind {
		case policy.SegmentVariable:
			out = append(out, arnToken{kind: tokStar})
		case policy.SegmentLiteral:
			for _, r := range strings.ToLower(s.Text) {
				out = append(out, arnToken{kind: tokLit, r: r})
			}
		default:
			for _, r := range strings.ToLower(s.Text) {
				switch r {
				case '*':
					out = append(out, arnToken{kind: tokStar})
				case '?':
					out = append(out, arnToken{kind: tokOne})
				default:
					out = append(out, arnToken{kind: tokLit, r: r})
				}
			}
		}
	}
	return ARNPattern{out, arnService(text, false)}, true
}

// LiteralARN reads the resource of a request: every character is itself,
// since a request names one resource (an object key may well be "*").
func LiteralARN(arn string) ARNPattern {
	lower := strings.ToLower(arn)
	out := make([]arnToken, 0, len(lower))
	for _, r := range lower {
		out = append(out, arnToken{kind: tokLit, r: r})
	}
	svc := ""
	if _, rest, ok := strings.Cut(lower, ":"); ok {
		if _, rest, ok = strings.Cut(rest, ":"); ok {
			if s, _, ok := strings.Cut(rest, ":"); ok {
				svc = s
			}
		}
	}
	return ARNPattern{out, svc}
}

// ARNFormat is an ARN format of the catalog ready for matching.
type ARNFormat struct {
	tokens  []arnToken
	service string
}

// CompileARNFormat turns an ARN format of c
// (arn:${Partition}:s3:::${BucketName}/${ObjectName}) into tokens, lower
// case. A variable in the first five fields matches no colon. In the
// resource part a variable matches no '/' or ':' when that character
// follows it; a variable that ends the format matches anything (role
// names have paths, object names slashes), except a '/' when a longer
// format of the catalog extends this one with '/': since the reference
// has both arn:${Partition}:s3:::${BucketName} and
// arn:${Partition}:s3:::${BucketName}/${ObjectName}, a bucket name has no
// '/'.
func (c *Catalog) CompileARNFormat(format string) ARNFormat {
	return ARNFormat{formatTokens(format, c.slashExtended()), arnService(format, true)}
}

// slashExtended returns the lower-case ARN formats of c that a longer
// format extends with '/' and more (arn:${partition}:s3:::${bucketname},
// which arn:${partition}:s3:::${bucketname}/${objectname} extends).
func (c *Catalog) slashExtended() map[string]bool {
	c.extendedOnce.Do(func() {
		m := map[string]bool{}
		for _, s := range c.services { // resource types only: no service's actions need reading
			for _, r := range s.ResourceTypes {
				f := strings.ToLower(r.ARN)
				for i := 1; i+1 < len(f); i++ {
					if f[i] == '/' {
						m[f[:i]] = true
					}
				}
			}
		}
		c.extended = m
	})
	return c.extended
}

func formatTokens(format string, extended map[string]bool) []arnToken {
	lf := strings.ToLower(format)
	var out []arnToken
	colons := 0
	for i := 0; i < len(lf); {
		if strings.HasPrefix(lf[i:], "${") {
			if j := strings.IndexByte(lf[i:], '}'); j > 0 {
				i += j + 1
				var excl rune
				switch {
				case colons < 5:
					excl = ':'
				case i < len(lf) && (lf[i] == '/' || lf[i] == ':'):
					excl = rune(lf[i])
				case i == len(lf):
					excl = extensionSeparator(lf, extended)
				}
				out = append(out, arnToken{kind: tokVar, r: excl})
				continue
			}
		}
		r := rune(lf[i])
		if r == ':' {
			colons++
		}
		out = append(out, arnToken{kind: tokLit, r: r})
		i++
	}
	return out
}

// extensionSeparator returns '/' when another format extends lf with a
// '/' and more, or 0. A ':' extension is not used: the reference has
// log-group:${LogGroupName} and log-group:${LogGroupName}:log-stream:...,
// but CloudWatch Logs authorizes log group actions such as
// logs:DescribeLogStreams on ARNs ending in :log-stream:, which policies
// (AWS managed ones too) match with log-group:NAME:log-stream:*.
func extensionSeparator(lf string, extended map[string]bool) rune {
	if extended[lf] {
		return '/'
	}
	return 0
}

// arnService returns the lower-case service field of an ARN or ARN
// format, or "" when it, or a field before it, has a wildcard or variable.
func arnService(arn string, format bool) string {
	f := strings.SplitN(arn, ":", 4)
	if len(f) < 4 {
		return ""
	}
	for i, field := range f[:3] {
		if format && i < 2 {
			continue // arn:${Partition}
		}
		if strings.ContainsAny(field, "*?$") {
			return ""
		}
	}
	return strings.ToLower(f[2])
}

// Fits reports whether some resource of the pattern can be an ARN of the
// format: whether the two languages intersect.
func (p ARNPattern) Fits(f ARNFormat) bool {
	if f.service != "" && p.service != "" && f.service != p.service {
		return false
	}
	return canMatch(p.tokens, f.tokens)
}

// canMatch walks the product of the two patterns, each state a pair of
// positions.
// The states seen are a bit set, and both it and the stack start in
// arrays on the goroutine's stack, large enough for a resource and a
// format of about 90 characters each: diff asks this for each resource
// and format, so most calls allocate nothing.
func canMatch(pat, format []arnToken) bool {
	n, m := len(pat), len(format)
	var seenBuf [128]uint64
	var stackBuf [64][2]int
	seen := seenBuf[:]
	if words := ((n+1)*(m+1) + 63) / 64; words > len(seen) {
		seen = make([]uint64, words)
	}
	isSeen := func(k int) bool { return seen[k/64]&(1<<(k%64)) != 0 }
	stack := append(stackBuf[:0], [2]int{0, 0})
	push := func(i, j int) {
		if !isSeen(i*(m+1) + j) {
			stack = append(stack, [2]int{i, j})
		}
	}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		i, j := s[0], s[1]
		k := i*(m+1) + j
		if isSeen(k) {
			continue
		}
		seen[k/64] |= 1 << (k % 64)
		if i == n && j == m {
			return true
		}
		// A * or a variable may match nothing.
		if i < n && pat[i].kind == tokStar {
			push(i+1, j)
		}
		if j < m && format[j].kind == tokVar {
			push(i, j+1)
		}
		if i == n || j == m {
			continue
		}
		// Both consume one character.
		p, f := pat[i], format[j]
		ok := true
		switch {
		case p.kind == tokLit && f.kind == tokLit:
			ok = p.r == f.r
		case p.kind == tokLit && f.kind == tokVar:
			ok = p.r != f.r
		}
		if !ok {
			continue
		}
		ni, nj := i, j
		if p.kind != tokStar {
			ni++
		}
		if f.kind == tokLit {
			nj++
		}
		if ni != i || nj != j {
			push(ni, nj)
		}
	}
	return false
}

// ActsOn reports whether the action can act on a resource: whether fits
// accepts the ARN format of one of its resource types (or of a
// scenario's). A resource type without a documented ARN format is
// accepted. An action without resource types acts on none.
func (a *Action) ActsOn(fits func(format string) bool) bool {
	check := func(rs []ActionResource) bool {
		for _, r := range rs {
			if r.ResourceType == nil || r.ResourceType.ARN == "" || fits(r.ResourceType.ARN) {
				return true
			}
		}
		return false
	}
	if check(a.Resources) {
		return true
	}
	for _, sc := range a.Scenarios {
		if check(sc.Resources) {
			return true
		}
	}
	return false
}

// ResourceTypeARNs names the action's documented resource types with
// their ARN formats, "object: arn:${Partition}:s3:::${BucketName}/${ObjectName}",
// at most three, then how many more.
func (a *Action) ResourceTypeARNs() string {
	var parts []string
	for _, r := range a.Resources {
		if r.ResourceType == nil {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s: %s", r.Type, r.ResourceType.ARN))
	}
	if len(parts) > 3 {
		return strings.Join(parts[:3], "; ") + fmt.Sprintf("; and %d other resource types", len(parts)-3)
	}
	return strings.Join(parts, "; ")
}
