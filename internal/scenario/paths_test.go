package scenario

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFilePaths checks that a policy file: path is relative to the
// scenario's directory, and taken as it is when absolute (it was once
// joined to the directory all the same).
func TestFilePaths(t *testing.T) {
	t.Parallel()
	policy, err := filepath.Abs(filepath.Join("..", "..", "testdata", "policies", "identity-s3-home-dirs.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "policies"), 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(policy)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "policies", "mine.json"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{policy, "policies/mine.json"} {
		path := filepath.Join(dir, "s.yaml")
		text := "policies:\n  identity:\n    - file: " + file + "\nrequests:\n  - principal: arn:aws:iam::111122223333:user/alice\n    action: s3:GetObject\n    resource: arn:aws:s3:::b/alice/x\n"
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Load(path)
		if err != nil {
			t.Fatalf("file: %s: %v", file, err)
		}
		if n := len(s.Policies.Identity); n != 1 {
			t.Errorf("file: %s: %d identity policies, want 1", file, n)
		}
	}
}
