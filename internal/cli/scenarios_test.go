package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestShippedScenarios runs every scenario in testdata/scenarios in each
// output format and compares with its golden file; every request must
// get its expected decision (exit 0).
func TestShippedScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "scenarios", "*.yaml"))
	if err != nil || len(files) < 10 {
		t.Fatalf("want the ten shipped scenarios, found %d (%v)", len(files), err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		rel := filepath.Join("testdata", "scenarios", filepath.Base(file))
		for _, format := range []string{"text", "json", "aws"} {
			t.Run(name+"/"+format, func(t *testing.T) {
				code, stdout, stderr := run(t, "", "eval", "--format", format, "--scenario", rel)
				if code != ExitOK {
					t.Fatalf("exit code %d: %s", code, stderr)
				}
				suffix := ".golden"
				if format != "text" {
					suffix = "." + format + ".golden"
				}
				golden(t, "scenarios/"+name+suffix, stdout)
			})
		}
	}
}
