package evaluator

import "testing"

// TestContextKeyType checks the twelve ContextKeyType values of AWS's
// ContextEntry (IAM API reference) and that nothing else is one.
func TestContextKeyType(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"string", "numeric", "boolean", "ip", "binary", "date"} {
		if b, list, ok := ContextKeyType(base); !ok || list || b != base {
			t.Errorf("ContextKeyType(%q) = %q, %v, %v", base, b, list, ok)
		}
		if b, list, ok := ContextKeyType(base + "List"); !ok || !list || b != base {
			t.Errorf("ContextKeyType(%q) = %q, %v, %v", base+"List", b, list, ok)
		}
	}
	for _, bad := range []string{"", "int", "String", "stringlist", "List", "ipv4", "dateLists"} {
		if _, _, ok := ContextKeyType(bad); ok {
			t.Errorf("ContextKeyType(%q) is ok, want not a type", bad)
		}
	}
}

func TestValidContextValue(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		base, value string
		want        bool
	}{
		{"numeric", "1.5", true}, {"numeric", "one", false},
		{"boolean", "true", true}, {"boolean", "True", false},
		{"ip", "203.0.113.5", true}, {"ip", "203.0.113.0/24", true}, {"ip", "2001:db8::/32", true}, {"ip", "host", false},
		{"date", "2026-12-07T10:00:00Z", true}, {"date", "1765100000", true}, {"date", "yesterday", false},
		{"string", "anything", true}, {"binary", "QUJD", true},
	} {
		if got := ValidContextValue(tt.base, tt.value); got != tt.want {
			t.Errorf("ValidContextValue(%q, %q) = %v, want %v", tt.base, tt.value, got, tt.want)
		}
	}
}
