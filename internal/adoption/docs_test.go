package adoption

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The examples of README.md and docs/ci.md are ```yaml blocks. A step that
// uses this repository's action (uses: iamsim/iamsim@REF) runs with its
// with: inputs through the stand-in runner; a comment "# exit N" on its
// uses: line gives the status the step fails with (none: it passes), as
// for the commands the doc-commands test runs (internal/cli).

// yamlBlock is one ```yaml block of a document.
type yamlBlock struct {
	file  string
	line  int    // the line of its first line
	where string // file:line
	text  string
	root  *yaml.Node
}

var yamlFence = regexp.MustCompile("(?s)```yaml\n(.*?)```")

// yamlBlocks parses the ```yaml blocks of a document of the repository.
func yamlBlocks(t *testing.T, rel string) []yamlBlock {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, rel))
	if err != nil {
		t.Fatal(err)
	}
	var out []yamlBlock
	for _, m := range yamlFence.FindAllStringSubmatchIndex(string(src), -1) {
		b := yamlBlock{file: rel, line: strings.Count(string(src[:m[2]]), "\n") + 1, text: string(src[m[2]:m[3]])}
		b.where = fmt.Sprintf("%s:%d", rel, b.line)
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(b.text), &doc); err != nil {
			t.Fatalf("%s: %v", b.where, err)
		}
		if len(doc.Content) == 1 {
			b.root = doc.Content[0]
		}
		out = append(out, b)
	}
	return out
}

// mappings calls visit for every mapping node under n.
func mappings(n *yaml.Node, visit func(*yaml.Node)) {
	if n == nil {
		return
	}
	if n.Kind == yaml.MappingNode {
		visit(n)
	}
	for _, c := range n.Content {
		mappings(c, visit)
	}
}

// key returns the value node of a mapping's key, or nil.
func key(m *yaml.Node, k string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			return m.Content[i+1]
		}
	}
	return nil
}

var commentExit = regexp.MustCompile(`^#\s*exit (\d+)\b`)

// exitOf reads the status a "# exit N" comment gives, 0 without one.
func exitOf(n *yaml.Node) int {
	if m := commentExit.FindStringSubmatch(n.LineComment); m != nil {
		code, _ := strconv.Atoi(m[1])
		return code
	}
	return 0
}

// TestDocActionExamples runs every step of README.md and docs/ci.md that
// uses the action, with its inputs, and checks a workflow that holds one:
// the repository is checked out first, a SARIF upload has its permission,
// and a diff against a base revision checks out the history.
func TestDocActionExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds iamsim with the action's go build: run without -short")
	}
	head := gitHead(t)
	n := 0
	for _, rel := range []string{"README.md", "docs/ci.md"} {
		for _, b := range yamlBlocks(t, rel) {
			if key(b.root, "jobs") != nil {
				checkWorkflow(t, b)
			}
			mappings(b.root, func(m *yaml.Node) {
				uses := key(m, "uses")
				if uses == nil || !strings.HasPrefix(uses.Value, "iamsim/iamsim@") {
					return
				}
				n++
				where := fmt.Sprintf("%s:%d", b.file, b.line+uses.Line-1)
				inputs := map[string]string{}
				if with := key(m, "with"); with != nil {
					if err := with.Decode(&inputs); err != nil {
						t.Fatalf("%s: with: %v", where, err)
					}
				}
				t.Run(where, func(t *testing.T) {
					t.Parallel()
					if strings.Contains(inputs["diff-base"], "${{") && head == "HEAD" {
						t.Skip("not a git checkout with a commit: diff --base has no revision to read")
					}
					r := runAction(t, evalWith(t, inputs, head), nil, repoRoot)
					if want := exitOf(uses); r.failed != want {
						t.Errorf("the step failed with %d, the doc says %d (a comment \"# exit N\" on its uses: line)\nstdout:\n%s", r.failed, want, r.stdout.String())
					}
					r.annotations(t)
				})
			})
		}
	}
	if n < 4 {
		t.Errorf("found %d steps using the action in README.md and docs/ci.md, want at least 4: has the example syntax changed?", n)
	}
}

// evalWith evaluates the github context expressions a documented with:
// holds: the pull request's base commit stands for the commit checked out.
func evalWith(t *testing.T, with map[string]string, head string) map[string]string {
	t.Helper()
	known := map[string]string{"github.event.pull_request.base.sha": head}
	out := map[string]string{}
	for k, v := range with {
		out[k] = exprRef.ReplaceAllStringFunc(v, func(m string) string {
			x := exprRef.FindStringSubmatch(m)[1]
			val, ok := known[x]
			if !ok {
				t.Fatalf("with %s: %s is not a value the stand-in knows", k, m)
			}
			return val
		})
	}
	return out
}

// checkWorkflow checks a documented workflow file around the action's step.
func checkWorkflow(t *testing.T, b yamlBlock) {
	t.Helper()
	var wf struct {
		Name        string
		On          any
		Permissions map[string]string
		Jobs        map[string]struct {
			RunsOn      string `yaml:"runs-on"`
			Permissions map[string]string
			Steps       []struct {
				Uses string
				With map[string]string
			}
		}
	}
	if err := b.root.Decode(&wf); err != nil {
		t.Fatalf("%s: %v", b.where, err)
	}
	if wf.Name == "" || wf.On == nil || !strings.HasPrefix(b.text, "# .github/workflows/") {
		t.Errorf("%s: a workflow file starts with a comment naming its path, and has name and on", b.where)
	}
	for name, job := range wf.Jobs {
		perms := wf.Permissions
		if job.Permissions != nil {
			perms = job.Permissions
		}
		checkedOut, history := false, false
		for _, s := range job.Steps {
			switch {
			case s.Uses == "actions/checkout@v6":
				checkedOut, history = true, s.With["fetch-depth"] == "0"
			case strings.HasPrefix(s.Uses, "iamsim/iamsim@"):
				if !checkedOut {
					t.Errorf("%s: job %s uses the action before actions/checkout@v6", b.where, name)
				}
				if s.With["sarif"] == "true" && perms["security-events"] != "write" {
					t.Errorf("%s: job %s uploads SARIF without permissions security-events: write", b.where, name)
				}
				if s.With["diff-base"] != "" && !history {
					t.Errorf("%s: job %s diffs against a base revision without fetch-depth: 0 on its checkout", b.where, name)
				}
			}
		}
	}
}
