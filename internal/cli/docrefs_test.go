package cli

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// privateDigest matches a citation of the team's private digest of the
// IAM User Guide or of its sections: its name as a word, or the section
// sign. The pattern is built from pieces so that this file does not cite
// it itself.
var privateDigest = regexp.MustCompile(`\bS` + `PEC\b|\x{00A7}`)

// TestDocsAreSelfContained checks that every text file of the repository
// (code, tests, test data and docs) cites AWS pages and iamsim's own docs,
// never the team's private digest or its section numbers; that every link
// into docs/evaluation-logic.md names a heading there; and that every
// choice label (D1, D2...) cited next to a link to the choices table, or
// in docs/evaluation-logic.md itself, is a row of that table.
func TestDocsAreSelfContained(t *testing.T) {
	anchors := headingAnchors(t)
	choices := choiceLabels(t)
	link := regexp.MustCompile(`evaluation-logic\.md#([a-z0-9-]+)`)
	label := regexp.MustCompile(`\bD[0-9]+\b`)
	for _, rel := range textFiles(t) {
		src, err := os.ReadFile(filepath.Join(repoRoot, rel))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.IndexByte(src, 0) >= 0 {
			continue // binary
		}
		choicesDoc := filepath.ToSlash(rel) == "docs/evaluation-logic.md"
		for i, line := range strings.Split(string(src), "\n") {
			if m := privateDigest.FindString(line); m != "" {
				t.Errorf("%s:%d: cites %q of the private digest; cite the AWS page or a section of docs/: %s", rel, i+1, m, strings.TrimSpace(line))
			}
			for _, m := range link.FindAllStringSubmatch(line, -1) {
				if !anchors[m[1]] {
					t.Errorf("%s:%d: links evaluation-logic.md#%s, which has no such heading", rel, i+1, m[1])
				}
			}
			if choicesDoc || strings.Contains(line, "evaluation-logic.md#choices-iamsim-makes") {
				for _, d := range label.FindAllString(line, -1) {
					if !choices[d] {
						t.Errorf("%s:%d: cites choice %s, which docs/evaluation-logic.md's choices table does not define", rel, i+1, d)
					}
				}
			}
		}
	}
}

// textFiles returns the repository's tracked files, relative to its root,
// leaving out compressed ones. Outside a git checkout it walks the tree
// instead, skipping .git.
func textFiles(t *testing.T) []string {
	var files []string
	out, err := exec.Command("git", "-C", repoRoot, "ls-files", "-z").Output()
	if err == nil {
		for _, f := range strings.Split(string(out), "\x00") {
			if f != "" {
				files = append(files, filepath.FromSlash(f))
			}
		}
	} else {
		err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == ".git" {
					return filepath.SkipDir
				}
				return nil
			}
			rel, err := filepath.Rel(repoRoot, path)
			files = append(files, rel)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var text []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".gz") {
			text = append(text, f)
		}
	}
	if len(text) < 100 {
		t.Fatalf("found only %d files under %s", len(text), repoRoot)
	}
	return text
}

// choiceLabels returns the labels (D1, D2...) that the "Choices iamsim
// makes" table of docs/evaluation-logic.md defines, one per row.
func choiceLabels(t *testing.T) map[string]bool {
	src, err := os.ReadFile(filepath.Join(repoRoot, "docs", "evaluation-logic.md"))
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`(?m)^\| (D[0-9]+) \|`)
	out := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(string(src), -1) {
		out[m[1]] = true
	}
	if len(out) == 0 {
		t.Fatal("docs/evaluation-logic.md defines no choice labels")
	}
	return out
}

// headingAnchors returns the anchors GitHub gives the headings of
// docs/evaluation-logic.md: lower case, spaces to hyphens, other
// punctuation dropped.
func headingAnchors(t *testing.T) map[string]bool {
	src, err := os.ReadFile(filepath.Join(repoRoot, "docs", "evaluation-logic.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, line := range strings.Split(string(src), "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		title := strings.ToLower(strings.TrimSpace(strings.TrimLeft(line, "#")))
		var b strings.Builder
		for _, r := range title {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
				b.WriteRune(r)
			}
		}
		out[b.String()] = true
	}
	return out
}
