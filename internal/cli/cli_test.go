package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// repoRoot is where the README's commands run from, as an absolute path
// so that it survives t.Chdir.
var repoRoot = func() string {
	abs, err := filepath.Abs("../..")
	if err != nil {
		panic(err)
	}
	return abs
}()

// run runs iamsim in the repository root and returns its exit code and
// output streams.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(repoRoot)
	var stdout, stderr bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// parseOptions runs a command's flag parsing with a run function that
// only captures the options, so flags are tested apart from the logic.
func parseOptions[T any](newCmd func(func(*T) error) *cobra.Command, args []string) (*T, error) {
	var got *T
	cmd := newCmd(func(o *T) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	return got, cmd.Execute()
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(repoRoot, "testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

// cliCase is one run of iamsim and what it must produce.
type cliCase struct {
	name     string
	args     []string
	stdin    string
	wantCode int
	// golden names the file holding the expected standard output; ""
	// expects none.
	golden     string
	wantStderr string
}

// runCases runs each case and checks its exit code, standard error and
// standard output.
func runCases(t *testing.T, cases []cliCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.wantCode, stderr)
			}
			if diff := cmp.Diff(tt.wantStderr, stderr); diff != "" {
				t.Errorf("stderr mismatch (-want +got):\n%s", diff)
			}
			if tt.golden != "" {
				golden(t, tt.golden, stdout)
			} else if stdout != "" {
				t.Errorf("unexpected output:\n%s", stdout)
			}
		})
	}
}

// TestVersion checks that --version names the embedded catalog, as the
// SARIF and JSON outputs do.
func TestVersion(t *testing.T) {
	runCases(t, []cliCase{{
		name: "version", args: []string{"--version"}, wantCode: ExitOK, golden: "version.golden",
	}})
}
