package policy_test

import (
	"net/netip"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// reference_policies_elements_condition_operators.md, Numeric: "comparing a
// key to an integer or decimal value". Exponents, hex, signs other than a
// leading minus and white space are not decimals (docs/errors.md E014).
func TestParseNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want policy.Decimal
		ok   bool
	}{
		{name: "integer", in: "10", want: policy.Decimal{Whole: "10"}, ok: true},
		{name: "negative", in: "-3", want: policy.Decimal{Neg: true, Whole: "3"}, ok: true},
		{name: "fraction with trailing zero", in: "10.50", want: policy.Decimal{Whole: "10", Frac: "5"}, ok: true},
		{name: "leading zeros", in: "007", want: policy.Decimal{Whole: "7"}, ok: true},
		{name: "zero", in: "0", want: policy.Decimal{}, ok: true},
		{name: "minus zero is zero", in: "-0", want: policy.Decimal{}, ok: true},
		{name: "minus zero with fraction is zero", in: "-0.000", want: policy.Decimal{}, ok: true},
		{name: "pure fraction", in: "0.25", want: policy.Decimal{Frac: "25"}, ok: true},
		{name: "negative fraction", in: "-0.5", want: policy.Decimal{Neg: true, Frac: "5"}, ok: true},
		{name: "long", in: "123456789012345678901234567890.000000000000000000001", want: policy.Decimal{Whole: "123456789012345678901234567890", Frac: "000000000000000000001"}, ok: true},
		{name: "exponent", in: "1e3"},
		{name: "hex", in: "0x10"},
		{name: "leading space", in: " 1"},
		{name: "trailing space", in: "1 "},
		{name: "word", in: "ten"},
		{name: "unit", in: "3600s"},
		{name: "empty", in: ""},
		{name: "minus only", in: "-"},
		{name: "plus sign", in: "+1"},
		{name: "no whole part", in: ".5"},
		{name: "no fraction digits", in: "5."},
		{name: "two points", in: "1.2.3"},
		{name: "two minus signs", in: "--1"},
		{name: "NaN", in: "NaN"},
		{name: "Infinity", in: "Infinity"},
		{name: "comma decimal", in: "1,5"},
		{name: "non-ASCII digit", in: "١"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := policy.ParseNumber(tc.in)
			if ok != tc.ok {
				t.Fatalf("ParseNumber(%q) ok = %v, want %v", tc.in, ok, tc.ok)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecimalCmp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{name: "less", a: "1", b: "2", want: -1},
		{name: "greater", a: "2", b: "1", want: 1},
		{name: "more digits", a: "10", b: "9", want: 1},
		{name: "negative more digits", a: "-10", b: "-9", want: -1},
		{name: "signs", a: "-1", b: "1", want: -1},
		{name: "fractions compare by digits", a: "0.5", b: "0.25", want: 1},
		{name: "trailing zeros", a: "1.50", b: "1.5", want: 0},
		{name: "leading zeros", a: "007", b: "7", want: 0},
		{name: "minus zero", a: "-0", b: "0", want: 0},
		{name: "zero forms", a: "0", b: "-0.0", want: 0},
		{name: "negative fractions", a: "-0.5", b: "-0.25", want: -1},
		{name: "whole beats fraction", a: "100", b: "99.999", want: 1},
		{name: "tiny positive", a: "0.001", b: "0", want: 1},
		{name: "tiny negative", a: "-0.001", b: "0", want: -1},
		{name: "beyond float64", a: "123456789012345678901234567890", b: "123456789012345678901234567891", want: -1},
		{name: "beyond float64 fraction", a: "0.10000000000000000000000000001", b: "0.1", want: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, aok := policy.ParseNumber(tc.a)
			b, bok := policy.ParseNumber(tc.b)
			if !aok || !bok {
				t.Fatalf("ParseNumber(%q, %q) ok = %v, %v", tc.a, tc.b, aok, bok)
			}
			if got := a.Cmp(b); got != tc.want {
				t.Errorf("%s.Cmp(%s) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
			if got := b.Cmp(a); got != -tc.want {
				t.Errorf("%s.Cmp(%s) = %d, want %d", tc.b, tc.a, got, -tc.want)
			}
		})
	}
}

// reference_policies_elements_condition_operators.md, Date: "You must
// specify date/time values with one of the W3C implementations of the ISO
// 8601 date formats or in epoch (UNIX) time." The W3C NOTE-datetime
// profiles are YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mmTZD,
// YYYY-MM-DDThh:mm:ssTZD and YYYY-MM-DDThh:mm:ss.sTZD.
func TestParseDate(t *testing.T) {
	t.Parallel()
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		name string
		in   string
		want time.Time
		ok   bool
	}{
		{name: "year", in: "2025", want: utc(2025, 1, 1, 0, 0, 0, 0), ok: true},
		{name: "year with leading zero", in: "0999", want: utc(999, 1, 1, 0, 0, 0, 0), ok: true},
		{name: "year and month", in: "2025-07", want: utc(2025, 7, 1, 0, 0, 0, 0), ok: true},
		{name: "complete date", in: "1997-07-16", want: utc(1997, 7, 16, 0, 0, 0, 0), ok: true},
		{name: "hours and minutes Z", in: "1997-07-16T19:20Z", want: utc(1997, 7, 16, 19, 20, 0, 0), ok: true},
		{name: "hours and minutes offset", in: "1997-07-16T19:20+01:00", want: utc(1997, 7, 16, 18, 20, 0, 0), ok: true},
		{name: "seconds Z", in: "2020-01-01T00:00:01Z", want: utc(2020, 1, 1, 0, 0, 1, 0), ok: true},
		{name: "seconds offset", in: "1997-07-16T19:20:30+01:00", want: utc(1997, 7, 16, 18, 20, 30, 0), ok: true},
		{name: "negative offset", in: "1997-07-16T19:20:30-05:30", want: utc(1997, 7, 17, 0, 50, 30, 0), ok: true},
		{name: "fraction offset", in: "1997-07-16T19:20:30.45+01:00", want: utc(1997, 7, 16, 18, 20, 30, 450000000), ok: true},
		{name: "nanoseconds Z", in: "2025-07-16T19:20:30.123456789Z", want: utc(2025, 7, 16, 19, 20, 30, 123456789), ok: true},
		{name: "seconds without zone is UTC", in: "2025-07-16T19:20:30", want: utc(2025, 7, 16, 19, 20, 30, 0), ok: true},
		{name: "minutes without zone is UTC", in: "2025-07-16T19:20", want: utc(2025, 7, 16, 19, 20, 0, 0), ok: true},
		{name: "fraction without zone is UTC", in: "2025-07-16T19:20:30.5", want: utc(2025, 7, 16, 19, 20, 30, 500000000), ok: true},
		{name: "epoch zero", in: "0", want: utc(1970, 1, 1, 0, 0, 0, 0), ok: true},
		{name: "epoch seconds", in: "1700000000", want: utc(2023, 11, 14, 22, 13, 20, 0), ok: true},
		{name: "epoch three digits", in: "123", want: utc(1970, 1, 1, 0, 2, 3, 0), ok: true},
		{name: "epoch five digits", in: "12345", want: utc(1970, 1, 1, 3, 25, 45, 0), ok: true},
		{name: "epoch fraction", in: "1700000000.5", want: utc(2023, 11, 14, 22, 13, 20, 500000000), ok: true},
		{name: "epoch fraction beyond nanoseconds", in: "1700000000.1234567899", want: utc(2023, 11, 14, 22, 13, 20, 123456789), ok: true},
		// A four-digit number is a year; with a fraction it is epoch seconds.
		{name: "four digits with fraction are epoch", in: "2025.5", want: utc(1970, 1, 1, 0, 33, 45, 500000000), ok: true},
		{name: "epoch end of year 9999", in: "253402300799", want: utc(9999, 12, 31, 23, 59, 59, 0), ok: true},
		{name: "epoch after year 9999", in: "253402300800"},
		{name: "epoch overflow", in: "99999999999999999999"},
		{name: "negative epoch", in: "-1"},
		{name: "day first", in: "31/12/2025"},
		{name: "day first with time", in: "31/12/2025 23:59"},
		{name: "month 13", in: "2025-13-01"},
		{name: "February 30", in: "2025-02-30"},
		{name: "one-digit month", in: "2025-7-16"},
		{name: "space instead of T", in: "2025-07-16 19:20:30"},
		{name: "hour 25", in: "2025-07-16T25:00Z"},
		{name: "offset without colon", in: "2025-07-16T19:20:30+0100"},
		{name: "two zones", in: "2025-07-16T19:20:30ZZ"},
		{name: "hours only", in: "2025-07-16T19"},
		{name: "leading space", in: " 2025-07-16"},
		{name: "word", in: "yesterday"},
		{name: "empty", in: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := policy.ParseDate(tc.in)
			if ok != tc.ok {
				t.Fatalf("ParseDate(%q) ok = %v, want %v (time %v)", tc.in, ok, tc.ok, got)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// reference_policies_elements_condition_operators.md, IP address: "The value
// must be in the standard CIDR format (for example, 203.0.113.0/24 or
// 2001:DB8:1234:5678::/64). If you specify an IP address without the
// associated routing prefix, IAM uses the default prefix value of /32."
// IPv6 without a prefix is /128, which the docs leave open
// (docs/policy-language.md, "Choices where the documentation leaves room").
func TestParseIPRange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string // the prefix, or "" when invalid
	}{
		{name: "IPv4 CIDR", in: "203.0.113.0/24", want: "203.0.113.0/24"},
		{name: "IPv4 CIDR with host bits is masked", in: "203.0.113.77/24", want: "203.0.113.0/24"},
		{name: "bare IPv4 is /32", in: "203.0.113.5", want: "203.0.113.5/32"},
		{name: "IPv4 everything", in: "0.0.0.0/0", want: "0.0.0.0/0"},
		{name: "IPv6 upper case", in: "2001:DB8:1234:5678::/64", want: "2001:db8:1234:5678::/64"},
		{name: "IPv6 lower case", in: "2001:db8:1234:5678::/64", want: "2001:db8:1234:5678::/64"},
		{name: "bare IPv6 is /128", in: "2001:DB8::1", want: "2001:db8::1/128"},
		{name: "IPv6 everything", in: "::/0", want: "::/0"},
		{name: "IPv4-mapped IPv6", in: "::ffff:203.0.113.5", want: "::ffff:203.0.113.5/128"},
		{name: "IPv4 prefix too long", in: "1.2.3.4/33"},
		{name: "IPv6 prefix too long", in: "::/129"},
		{name: "three octets", in: "1.2.3"},
		{name: "octet too big", in: "1.2.3.256"},
		{name: "leading zero octet", in: "01.2.3.4"},
		{name: "empty prefix length", in: "203.0.113.0/"},
		{name: "prefix length only", in: "/24"},
		{name: "negative prefix length", in: "1.2.3.4/-1"},
		{name: "zone", in: "fe80::1%eth0"},
		{name: "zone with prefix", in: "fe80::1%eth0/64"},
		{name: "trailing space", in: "203.0.113.0/24 "},
		{name: "host name", in: "example.com"},
		{name: "empty", in: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := policy.ParseIPRange(tc.in)
			if tc.want == "" {
				if ok {
					t.Errorf("ParseIPRange(%q) = %v, want invalid", tc.in, got)
				}
				return
			}
			if !ok {
				t.Fatalf("ParseIPRange(%q) is invalid, want %s", tc.in, tc.want)
			}
			if diff := cmp.Diff(netip.MustParsePrefix(tc.want), got, cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// Boolean: "comparing a key to true or false"; the docs show lower case
// only, and iamsim accepts any case (docs/policy-language.md, "Choices
// where the documentation leaves room").
func TestParseBool(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in        string
		value, ok bool
	}{
		{"true", true, true},
		{"True", true, true},
		{"TRUE", true, true},
		{"tRuE", true, true},
		{"false", false, true},
		{"False", false, true},
		{"FALSE", false, true},
		{"yes", false, false},
		{"no", false, false},
		{"1", false, false},
		{"0", false, false},
		{"t", false, false},
		{" true", false, false},
		{"true ", false, false},
		{"", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			value, ok := policy.ParseBool(tc.in)
			if value != tc.value || ok != tc.ok {
				t.Errorf("ParseBool(%q) = %v, %v; want %v, %v", tc.in, value, ok, tc.value, tc.ok)
			}
		})
	}
}

// Binary: "a base-64 encoded representation of the binary value in the
// policy" (example "QmluYXJ5VmFsdWVJbkJhc2U2NA==").
func TestParseBinary(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []byte
		ok   bool
	}{
		{name: "doc example", in: "QmluYXJ5VmFsdWVJbkJhc2U2NA==", want: []byte("BinaryValueInBase64"), ok: true},
		{name: "one byte", in: "QQ==", want: []byte("A"), ok: true},
		{name: "binary bytes", in: "AP8=", want: []byte{0x00, 0xff}, ok: true},
		{name: "empty", in: "", want: []byte{}, ok: true},
		{name: "not base-64", in: "not base64!"},
		{name: "missing padding", in: "QQ"},
		{name: "URL alphabet", in: "-_8="},
		{name: "white space", in: "QQ= ="},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := policy.ParseBinary(tc.in)
			if ok != tc.ok {
				t.Fatalf("ParseBinary(%q) ok = %v, want %v", tc.in, ok, tc.ok)
			}
			if !tc.ok {
				return
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// reference-arns.md: arn:partition:service:region:account-id:resource, where
// the resource may hold further colons (resource-type:resource-id).
func TestSplitARN(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want [policy.ARNFields]string
		ok   bool
	}{
		{name: "S3 object", in: "arn:aws:s3:::b/k", want: [6]string{"arn", "aws", "s3", "", "", "b/k"}, ok: true},
		{name: "IAM role", in: "arn:aws:iam::111122223333:role/x", want: [6]string{"arn", "aws", "iam", "", "111122223333", "role/x"}, ok: true},
		{name: "resource with colons", in: "arn:aws:logs:us-east-1:111122223333:log-group:g:*", want: [6]string{"arn", "aws", "logs", "us-east-1", "111122223333", "log-group:g:*"}, ok: true},
		{name: "wildcards", in: "arn:aws:*:*:*:*", want: [6]string{"arn", "aws", "*", "*", "*", "*"}, ok: true},
		{name: "all empty", in: ":::::", want: [6]string{}, ok: true},
		{name: "three fields", in: "arn:aws:s3"},
		{name: "five fields", in: "arn:aws:s3::"},
		{name: "no colon", in: "bucket"},
		{name: "empty", in: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := policy.SplitARN(tc.in)
			if ok != tc.ok {
				t.Fatalf("SplitARN(%q) ok = %v, want %v", tc.in, ok, tc.ok)
			}
			if !tc.ok {
				return
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIsAccountID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"111122223333", true},
		{"000000000000", true},
		{"11112222333", false},
		{"1111222233334", false},
		{"11112222333a", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := policy.IsAccountID(tc.in); got != tc.want {
			t.Errorf("IsAccountID(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
