package catalog_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/policytest"
)

// BenchmarkProcess runs whole iamsim commands, one process per iteration,
// so each iteration pays for the catalog's load as a user does, in a fresh
// heap: `iamsim --version` (it prints the catalog's release, so it loads
// it) and `iamsim diff OLD NEW`, whose target for two 100-statement
// identity policies that differ by one wildcard is 100 ms, catalog load
// included. The policies are the shape of internal/diff's BenchmarkDiff;
// diff-examples is the pair docs/diff.md shows. It builds cmd/iamsim first.
func BenchmarkProcess(b *testing.B) {
	bin := buildIamsim(b)
	dir := b.TempDir()
	old, new := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	writePolicies(b, old, new)
	root := moduleRoot(b)
	for _, c := range []struct {
		name string
		args []string
		exit int
	}{
		{"version", []string{"--version"}, 0},
		{"diff/statements=100", []string{"diff", old, new}, 1},
		{"diff/diff-examples", []string{"diff", filepath.Join(root, "testdata/diff-examples/old.json"), filepath.Join(root, "testdata/diff-examples/new.json")}, 1},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				err := exec.Command(bin, c.args...).Run()
				code := 0
				if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
					code = ee.ExitCode()
				} else if err != nil {
					b.Fatal(err)
				}
				if code != c.exit {
					b.Fatalf("iamsim %s: exit %d, want %d", strings.Join(c.args, " "), code, c.exit)
				}
			}
		})
	}
}

func moduleRoot(tb testing.TB) string {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(out)) == "" {
		tb.Skipf("go env GOMOD: %v", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

func buildIamsim(tb testing.TB) string {
	bin := filepath.Join(tb.TempDir(), "iamsim")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/iamsim")
	cmd.Dir = moduleRoot(tb)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// writePolicies writes two identity policies of 100 statements, each
// granting two catalog actions on resources of their own, some under a
// condition; NEW differs from OLD in one wildcard: s3:GetObject becomes
// s3:Get*.
func writePolicies(tb testing.TB, old, new string) {
	oldSrc, newSrc := policytest.WidenedPair(catalog.Default())
	for file, src := range map[string][]byte{old: oldSrc, new: newSrc} {
		if err := os.WriteFile(file, src, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}
