package evaluator

import (
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// ContextKeyTypes names the ContextKeyType values of AWS's simulation
// API, for messages (IAM API reference, "ContextEntry").
const ContextKeyTypes = "string, numeric, boolean, ip, binary or date, or one of them with List"

// ContextKeyType reads a ContextKeyType of AWS's simulation API
// ("string", "stringList", "numeric", ..., IAM API reference,
// "ContextEntry"): its base type, and whether it is a list. ok is false
// for any other name, in any other case.
func ContextKeyType(name string) (base string, list, ok bool) {
	base, list = strings.CutSuffix(name, "List")
	switch base {
	case "string", "numeric", "boolean", "ip", "binary", "date":
		return base, list, true
	}
	return "", false, false
}

// ValidContextValue reports whether s is a valid value of a context key
// of base type (ContextKeyType): a number, true or false, an IP address
// or CIDR block, an RFC 3339 date or epoch seconds; any string for
// string and binary.
func ValidContextValue(base, s string) bool {
	switch base {
	case "numeric":
		_, err := strconv.ParseFloat(s, 64)
		return err == nil
	case "boolean":
		return s == "true" || s == "false"
	case "ip":
		if _, err := netip.ParseAddr(s); err == nil {
			return true
		}
		_, err := netip.ParsePrefix(s)
		return err == nil
	case "date":
		if _, err := time.Parse(time.RFC3339, s); err == nil {
			return true
		}
		_, err := strconv.ParseInt(s, 10, 64)
		return err == nil
	}
	return true
}
