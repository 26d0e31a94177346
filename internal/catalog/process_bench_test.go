package catalog_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/catalog"
)

// BenchmarkDiffProcess runs the whole `iamsim diff OLD NEW` command, one
// process per iteration, so each iteration pays for the catalog's load as
// a user does: the target for two 100-statement identity policies
// that differ by one wildcard is 100 ms, catalog load included. The
// policies are the shape of internal/diff's BenchmarkDiff; diff-examples
// is the pair docs/diff.md shows. It builds cmd/iamsim first.
func BenchmarkDiffProcess(b *testing.B) {
	bin := buildIamsim(b)
	dir := b.TempDir()
	old, new := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	writePolicies(b, old, new)
	root := moduleRoot(b)
	for _, c := range []struct{ name, old, new string }{
		{"statements=100", old, new},
		{"diff-examples", filepath.Join(root, "testdata/diff-examples/old.json"), filepath.Join(root, "testdata/diff-examples/new.json")},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				err := exec.Command(bin, "diff", c.old, c.new).Run()
				if ee := (*exec.ExitError)(nil); !errors.As(err, &ee) || ee.ExitCode() != 1 {
					b.Fatalf("iamsim diff: %v, want exit 1 (widenings)", err)
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
	var sts []string
	services := catalog.Default().Services()
	for i := 0; i < 99; i++ {
		s := services[(i*7)%len(services)]
		a1, a2 := s.Actions[0].FullName(), s.Actions[len(s.Actions)/2].FullName()
		st := fmt.Sprintf(`{"Sid": "S%d", "Effect": "Allow", "Action": [%q, %q], "Resource": "arn:aws:%s:us-east-1:111122223333:thing-%d/*"`, i, a1, a2, s.Prefix, i)
		if i%5 == 0 {
			st += `, "Condition": {"StringEquals": {"aws:ResourceTag/team": "blue"}}`
		}
		sts = append(sts, st+"}")
	}
	last := `{"Sid": "Reports", "Effect": "Allow", "Action": "%s", "Resource": "arn:aws:s3:::reports/*"}`
	for file, action := range map[string]string{old: "s3:GetObject", new: "s3:Get*"} {
		src := `{"Version": "2012-10-17", "Statement": [` + strings.Join(append(sts, fmt.Sprintf(last, action)), ",\n") + `]}`
		if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}
