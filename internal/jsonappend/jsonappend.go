// Package jsonappend writes JSON by appending to a byte slice: no
// reflection, no allocation once the slice has room. The batch's result
// lines and evaluator's compact statement form are written with it.
package jsonappend

import (
	"strconv"
	"unicode/utf8"
)

// String appends s as a JSON string. Invalid UTF-8 becomes U+FFFD, as
// encoding/json writes it; unlike encoding/json, <, >, &, U+2028 and
// U+2029 are left as they are, and \b and \f are written as \u0008 and
// \u000c.
func String(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Key appends the separator and "name": a comma unless b ends an
// object's or array's opening, then the key, which must need no
// escaping.
func Key(b []byte, name string) []byte {
	if len(b) > 0 && b[len(b)-1] != '{' && b[len(b)-1] != '[' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

// Field appends ,"name":"value" (without the comma first in an object).
func Field(b []byte, name, value string) []byte {
	b = Key(b, name)
	return String(b, value)
}

// IntField appends ,"name":n (without the comma first in an object).
func IntField(b []byte, name string, n int) []byte {
	b = Key(b, name)
	return strconv.AppendInt(b, int64(n), 10)
}
