package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// transcriptBlock finds a transcript in the docs: a console block after a
// <!-- transcript --> marker, whose first line is the command.
var transcriptBlock = regexp.MustCompile("(?s)<!-- transcript -->\n```console\n(\\$ iamsim [^\n]*)\n(.*?)```")

// TestTranscripts re-runs every command shown in docs/evaluation-order.md
// and compares its output with the transcript, so the tutorial never
// drifts from the code; -update rewrites the transcripts.
func TestTranscripts(t *testing.T) {
	path := filepath.Join(repoRoot, "docs", "evaluation-order.md")
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	updated := transcriptBlock.ReplaceAllStringFunc(string(doc), func(block string) string {
		m := transcriptBlock.FindStringSubmatch(block)
		command, want := m[1], m[2]
		n++
		args := strings.Fields(strings.TrimPrefix(command, "$ iamsim "))
		_, stdout, stderr := run(t, "", args...)
		got := stdout + stderr
		if !*update {
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: transcript mismatch (-doc +iamsim):\n%s", command, diff)
			}
		}
		return "<!-- transcript -->\n```console\n" + command + "\n" + got + "```"
	})
	if n < 10 {
		t.Errorf("found %d transcripts, want one per rule (at least 10)", n)
	}
	if *update {
		if err := os.WriteFile(path, []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
