package source

import "testing"

func TestName(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		arg, name string
		stdin     bool
	}{
		{arg: "policy.json", name: "policy.json"},
		{arg: "file://policy.json", name: "policy.json"},
		{arg: "file:///tmp/p.json", name: "/tmp/p.json"},
		{arg: "-", name: Stdin, stdin: true},
		{arg: "file://-", name: Stdin, stdin: true},
		{arg: "--", name: "--"},
	} {
		if name, stdin := Name(tt.arg); name != tt.name || stdin != tt.stdin {
			t.Errorf("Name(%q) = %q, %v; want %q, %v", tt.arg, name, stdin, tt.name, tt.stdin)
		}
	}
}
