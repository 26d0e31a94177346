package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeFirstCommand builds the iamsim binary and runs the first
// command of the README's set-up block with it, as a newcomer would.
func TestReadmeFirstCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)```sh\n(.*?)```").FindSubmatch(readme)
	if block == nil {
		t.Fatal("README.md has no ```sh block")
	}
	first := strings.TrimSpace(strings.SplitN(string(block[1]), "#", 2)[0])
	args, ok := strings.CutPrefix(first, "go run ./cmd/iamsim ")
	if !ok {
		t.Fatalf("README's first command %q does not start with go run ./cmd/iamsim", first)
	}
	bin := filepath.Join(t.TempDir(), "iamsim")
	build := exec.Command("go", "build", "-o", bin, "./cmd/iamsim")
	build.Dir = repoRoot
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, strings.Fields(args)...)
	cmd.Dir = repoRoot
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", first, err, out)
	}
	for _, want := range []string{"Evaluation, in AWS's order:", "Decision: allowed", "Decision: implicitDeny"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
