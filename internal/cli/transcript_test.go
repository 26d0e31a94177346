package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// transcriptBlock finds a transcript in the docs: a console block after a
// <!-- transcript expect=D --> marker, whose first line is the command.
// The marker is matched loosely here, so that one without expect= is
// found and reported rather than skipped.
var transcriptBlock = regexp.MustCompile("(?s)(<!-- transcript[^>]*-->)\n```console\n(\\$ iamsim [^\n]*)\n(.*?)```")

// transcriptMarker is a transcript's marker: expect= lists the decisions
// the lesson's prose promises, in the order the command prints them
// (comma-separated for a scenario of several requests).
var transcriptMarker = regexp.MustCompile(`^<!-- transcript expect=([A-Za-z]+(?:,[A-Za-z]+)*) -->$`)

// decisionLine is a decision as the text output prints it.
var decisionLine = regexp.MustCompile(`(?m)^Decision: ([A-Za-z]+)`)

// TestTranscripts re-runs every command shown in docs/evaluation-order.md
// and compares its output with the transcript, so the tutorial never
// drifts from the code; -update rewrites the transcripts. Each transcript
// carries the decisions its prose promises (expect=), which are checked
// against what the command prints even with -update: a regenerated
// transcript can never silently contradict the text around it.
func TestTranscripts(t *testing.T) {
	path := filepath.Join(repoRoot, "docs", "evaluation-order.md")
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	updated := transcriptBlock.ReplaceAllStringFunc(string(doc), func(block string) string {
		m := transcriptBlock.FindStringSubmatch(block)
		marker, command, want := m[1], m[2], m[3]
		n++
		args := strings.Fields(strings.TrimPrefix(command, "$ iamsim "))
		_, stdout, stderr := run(t, "", args...)
		got := stdout + stderr
		if err := checkPromised(marker, got); err != nil {
			t.Errorf("%s: %v", command, err)
		}
		if !*update {
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: transcript mismatch (-doc +iamsim):\n%s", command, diff)
			}
		}
		return marker + "\n```console\n" + command + "\n" + got + "```"
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

// checkPromised compares the decisions a transcript's marker promises
// with those the command printed.
func checkPromised(marker, output string) error {
	m := transcriptMarker.FindStringSubmatch(marker)
	if m == nil {
		return fmt.Errorf("marker %q does not say what the prose promises: want <!-- transcript expect=DECISION[,DECISION...] -->", marker)
	}
	want := strings.Split(m[1], ",")
	var got []string
	for _, d := range decisionLine.FindAllStringSubmatch(output, -1) {
		got = append(got, d[1])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		return fmt.Errorf("the prose promises other decisions than the command prints (-marker +iamsim):\n%s", diff)
	}
	return nil
}

// TestCheckPromised shows that a transcript whose decision contradicts
// its marker, or that has no expect=, is reported.
func TestCheckPromised(t *testing.T) {
	tests := []struct {
		name, marker, output string
		fails                bool
	}{
		{"agrees", "<!-- transcript expect=allowed -->", "...\nDecision: allowed\n  allowed: ...\n", false},
		{"several in order", "<!-- transcript expect=allowed,implicitDeny -->", "Decision: allowed\nDecision: implicitDeny\n", false},
		{"contradicts", "<!-- transcript expect=allowed -->", "Decision: implicitDeny\n", true},
		{"order differs", "<!-- transcript expect=implicitDeny,allowed -->", "Decision: allowed\nDecision: implicitDeny\n", true},
		{"one missing", "<!-- transcript expect=allowed,allowed -->", "Decision: allowed\n", true},
		{"no expect", "<!-- transcript -->", "Decision: allowed\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkPromised(tt.marker, tt.output)
			if (err != nil) != tt.fails {
				t.Errorf("checkPromised = %v, want an error: %v", err, tt.fails)
			}
		})
	}
}
