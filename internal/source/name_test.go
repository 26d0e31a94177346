package source

import (
	"path/filepath"
	"testing"
)

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

// TestBeside checks that a path a file names is relative to the file's
// directory, unless it is absolute.
func TestBeside(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("scenarios", "s3")
	abs, err := filepath.Abs("policy.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ path, want string }{
		{path: "policy.json", want: filepath.Join(dir, "policy.json")},
		{path: "../policies/p.json", want: filepath.Join("scenarios", "policies", "p.json")},
		{path: abs, want: abs},
	} {
		if got := Beside(dir, tt.path); got != tt.want {
			t.Errorf("Beside(%q, %q) = %q, want %q", dir, tt.path, got, tt.want)
		}
	}
}
