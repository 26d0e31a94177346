package policy

import (
	"encoding/base64"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Decimal is an exact decimal number from a Numeric condition.
type Decimal struct {
	Neg   bool
	Whole string // digits without leading zeros; "" for zero
	Frac  string // digits without trailing zeros
}

// ParseNumber parses a Numeric condition value: an optional minus sign,
// digits, and an optional fraction (10, -3, 10.50). Other forms such as
// 1e3, 0x10, NaN or " 1" are no numbers. It does not allocate.
func ParseNumber(s string) (Decimal, bool) {
	if !isDecimal(s) {
		return Decimal{}, false
	}
	var d Decimal
	s, d.Neg = strings.CutPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	d.Whole = strings.TrimLeft(whole, "0")
	d.Frac = strings.TrimRight(frac, "0")
	if d.Whole == "" && d.Frac == "" {
		d.Neg = false // -0 is 0
	}
	return d, true
}

// Cmp compares d and e: -1 when d < e, 0 when equal, +1 when d > e.
func (d Decimal) Cmp(e Decimal) int {
	if d.Neg != e.Neg {
		if d.Neg {
			return -1
		}
		return 1
	}
	c := cmpMagnitude(d, e)
	if d.Neg {
		return -c
	}
	return c
}

func cmpMagnitude(d, e Decimal) int {
	if len(d.Whole) != len(e.Whole) {
		if len(d.Whole) < len(e.Whole) {
			return -1
		}
		return 1
	}
	if c := strings.Compare(d.Whole, e.Whole); c != 0 {
		return c
	}
	return strings.Compare(d.Frac, e.Frac)
}

// isDecimal reports whether s is -?digits(.digits)?
func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	return allDigits(whole) && (!hasFrac || allDigits(frac))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseDate parses a Date condition value: a W3C profile of ISO 8601
// (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.s+]] with Z or ±hh:mm;
// a time without zone is read as UTC) or epoch seconds (digits, with an
// optional fraction).
func ParseDate(s string) (time.Time, bool) {
	if isDecimal(s) && !strings.HasPrefix(s, "-") && (strings.Contains(s, ".") || len(s) != 4) {
		whole, frac, _ := strings.Cut(s, ".")
		sec, err := strconv.ParseInt(whole, 10, 64)
		if err != nil || sec > maxEpoch {
			return time.Time{}, false
		}
		var nsec int64
		if frac != "" {
			nsec, _ = strconv.ParseInt((frac + "000000000")[:9], 10, 64)
		}
		return time.Unix(sec, nsec).UTC(), true
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// maxEpoch is the largest epoch second accepted: the end of year 9999,
// the last year ISO 8601 dates can write with four digits.
const maxEpoch = 253402300799

// dateLayouts are the accepted ISO 8601 forms, most common first. A bare
// four-digit number is a year (YYYY), not epoch seconds.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01",
	"2006",
}

// ParseIPRange parses an IpAddress condition value: an IPv4 or IPv6 CIDR,
// or a bare address, which means that one host (/32 or /128; docs/policy-language.md,
// "Choices where the documentation leaves room").
func ParseIPRange(s string) (netip.Prefix, bool) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}

// ParseBool parses a Bool or Null condition value: true or false in any
// letter case (docs/policy-language.md, "Choices where the documentation
// leaves room").
func ParseBool(s string) (value, ok bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

// ParseBinary decodes a BinaryEquals condition value, standard base-64.
func ParseBinary(s string) ([]byte, bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	return b, err == nil
}

// ARNFields is the number of colon-separated fields of an ARN: arn,
// partition, service, region, account and resource (which may hold more
// colons).
const ARNFields = 6

// SplitARN splits s into its six ARN fields. The last field keeps any
// further colons. It reports false when s has fewer than six fields.
func SplitARN(s string) ([ARNFields]string, bool) {
	var f [ARNFields]string
	for i := 0; i < ARNFields-1; i++ {
		j := strings.IndexByte(s, ':')
		if j < 0 {
			return f, false
		}
		f[i], s = s[:j], s[j+1:]
	}
	f[ARNFields-1] = s
	return f, true
}
