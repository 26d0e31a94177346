package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The doc-commands test runs every command that README.md and docs/*.md
// show, from the repository root, so that a reader can copy any of them.
//
// What counts as a command:
//   - each line of a ```sh block (a trailing \ continues it, and so does
//     an open quote); NAME="value" lines set a variable that later
//     commands of the block use as $NAME;
//   - each line of a ```console block that starts with "$ " (a trailing \
//     continues it); the other lines are its output, a transcript that
//     must be what the command prints (conventions at the top of
//     transcript_test.go; -update rewrites them);
//   - each "- run: ..." line of a ```yaml block (the CI examples).
//
// The expected exit status is 0, unless the command's own line ends with
// a comment that starts with "exit N" (`iamsim lint dir  # exit 1: ...`).
// For a pipeline (`iamsim ... | grep ...`) it is iamsim's status.
//
// How each command runs:
//   - iamsim (and `go run ./cmd/iamsim`) runs in-process with the run
//     helper; `> FILE` is not written (the output is discarded), and
//     `< FILE` is read as standard input; what follows a | is not run;
//   - `make TARGET` is checked with `make -n TARGET` (the target exists);
//   - `go install ./cmd/iamsim` is run with GOBIN in a temporary
//     directory (not with -short);
//   - anything else must be listed in docSkips with the reason it cannot
//     run here, and be shown in a sh block.
//
// A command of a sh or yaml block is checked for its exit status only:
// its output is not shown, and golden files check the commands' output.

// docSkips are the commands of the docs that cannot run in a test, by
// the start of their text, with the reason.
var docSkips = map[string]string{
	"aws ":                       "the AWS CLI needs credentials and a network",
	"mkdir -p /tmp/mp && ":       "a benchmark recipe: writes the managed policies to /tmp with python3",
	"GOMAXPROCS=1 /usr/bin/time": "a benchmark recipe: times bin/iamsim on the files of the step above",
	"sha256sum -c SHA256SUMS":    "checks downloaded release archives: make dist-check (in CI) verifies make dist's",
	"tar -xzf iamsim_":           "unpacks a downloaded release archive: make dist-check (in CI) unpacks make dist's",
	"./iamsim_":                  "runs an unpacked release binary: make dist-check (in CI) runs the host's",
	"docker ":                    "no container runtime here: make dist-check (in CI) builds and runs the image where one works, and runs the Dockerfile's go build line where none does",
}

// docCommand is a command shown in a doc.
type docCommand struct {
	where string   // file:line
	text  string   // as shown, continuations joined, without the comment
	exit  int      // the status the doc promises
	vars  []string // NAME=value pairs set earlier in its block
	shown *shown   // console blocks: the transcript the doc shows
}

var (
	docBlock     = regexp.MustCompile("(?s)```(sh|console|yaml)\n(.*?)```")
	docExit      = regexp.MustCompile(`^exit (\d+)\b`)
	docVar       = regexp.MustCompile(`^([A-Z_][A-Z0-9_]*)=(.*)$`)
	docYAMLRun   = regexp.MustCompile(`^\s*-?\s*run:\s+(.*)$`)
	docVarInWord = regexp.MustCompile(`\$([A-Z_][A-Z0-9_]*)`)
)

// docCommands extracts the commands of a Markdown document.
func docCommands(name, doc string) []docCommand {
	var out []docCommand
	for _, m := range docBlock.FindAllStringSubmatchIndex(doc, -1) {
		lang, body := doc[m[2]:m[3]], doc[m[4]:m[5]]
		line := strings.Count(doc[:m[4]], "\n") + 1
		if lang == "console" {
			out = append(out, consoleCommands(name, doc, m[0], m[4], m[5])...)
			continue
		}
		var vars []string
		for _, l := range logicalLines(body, line) {
			text := l.text
			if lang == "yaml" {
				r := docYAMLRun.FindStringSubmatch(text)
				if r == nil {
					continue
				}
				text = r[1]
			}
			text, comment := cutComment(text)
			if text == "" {
				continue
			}
			if v := docVar.FindStringSubmatch(text); v != nil {
				// NAME=value sets a variable; NAME=value cmd is a command.
				if words, err := shellWords(v[2], nil); err == nil && len(words) == 1 {
					vars = append(vars, v[1]+"="+words[0])
					continue
				}
			}
			out = append(out, newDocCommand(fmt.Sprintf("%s:%d", name, l.line), text, comment, vars))
		}
	}
	return out
}

func newDocCommand(where, text, comment string, vars []string) docCommand {
	c := docCommand{where: where, text: text, vars: append([]string(nil), vars...)}
	if e := docExit.FindStringSubmatch(comment); e != nil {
		c.exit, _ = strconv.Atoi(e[1])
	}
	return c
}

// consoleCommands reads a console block, doc[from:to] its body and fence
// the offset of its opening fence: each line that starts with "$ " is a
// command (a trailing \ or an open quote continues it), and the lines up
// to the next command are its output, taken as they are.
func consoleCommands(name, doc string, fence, from, to int) []docCommand {
	block := &consoleBlock{where: fmt.Sprintf("%s:%d", name, strings.Count(doc[:fence], "\n")+1)}
	if before := strings.TrimSuffix(doc[:fence], "\n"); strings.HasSuffix(before, "-->") {
		if i := strings.LastIndex(before, "\n"); strings.HasPrefix(before[i+1:], "<!-- transcript") {
			block.marker = before[i+1:]
		}
	}
	var out []docCommand
	var cmd strings.Builder
	cmdLine := 0
	for off := from; off < to; {
		end := strings.IndexByte(doc[off:to], '\n')
		if end < 0 {
			end = to - off
		}
		l, next := doc[off:off+end], min(off+end+1, to)
		switch {
		case cmd.Len() > 0:
			cmd.WriteString(" " + strings.TrimLeft(l, " "))
		case strings.HasPrefix(l, "$ "):
			cmdLine = strings.Count(doc[:off], "\n") + 1
			cmd.WriteString(strings.TrimPrefix(l, "$ "))
		default:
			if len(out) == 0 {
				block.stray = true
			} else {
				out[len(out)-1].shown.to = next
			}
			off = next
			continue
		}
		off = next
		if s, ok := strings.CutSuffix(cmd.String(), `\`); ok {
			cmd.Reset()
			cmd.WriteString(strings.TrimRight(s, " "))
			continue
		}
		if openQuote(cmd.String()) {
			continue
		}
		text, comment := cutComment(cmd.String())
		cmd.Reset()
		c := newDocCommand(fmt.Sprintf("%s:%d", name, cmdLine), text, comment, nil)
		c.shown = &shown{block: block, from: off, to: off}
		out = append(out, c)
	}
	for _, c := range out {
		c.shown.text = doc[c.shown.from:c.shown.to]
	}
	return out
}

type logicalLine struct {
	line int
	text string
}

// logicalLines joins continued lines: a trailing backslash, or a quote
// left open.
func logicalLines(body string, first int) []logicalLine {
	var out []logicalLine
	var cur strings.Builder
	start := first
	for i, l := range strings.Split(body, "\n") {
		if cur.Len() == 0 {
			start = first + i
		} else {
			l = " " + strings.TrimLeft(l, " ")
		}
		if s, ok := strings.CutSuffix(l, `\`); ok {
			cur.WriteString(strings.TrimRight(s, " "))
			continue
		}
		cur.WriteString(l)
		if openQuote(cur.String()) {
			cur.WriteString("\n")
			continue
		}
		out = append(out, logicalLine{start, strings.TrimSpace(cur.String())})
		cur.Reset()
	}
	return out
}

// scanQuotes reads a shell line: where its comment starts (a # that
// starts a word outside quotes; -1 without one), and whether it ends
// inside a single- or double-quoted string.
func scanQuotes(s string) (comment int, open bool) {
	var q rune
	for i, r := range s {
		switch {
		case q != 0 && r == q:
			q = 0
		case q != 0:
		case r == '\'' || r == '"':
			q = r
		case r == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			return i, false
		}
	}
	return -1, q != 0
}

// openQuote reports whether s ends inside a quoted string; a comment
// ends the line.
func openQuote(s string) bool {
	_, open := scanQuotes(s)
	return open
}

// cutComment splits a shell line at its comment.
func cutComment(s string) (string, string) {
	i, _ := scanQuotes(s)
	if i < 0 {
		return strings.TrimSpace(s), ""
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
}

// shellWords splits a command into words as sh does for the docs' needs:
// single and double quotes, and $NAME outside single quotes, split into
// words when unquoted.
func shellWords(s string, vars map[string]string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	var q rune
	flush := func() {
		if inWord {
			words = append(words, cur.String())
		}
		cur.Reset()
		inWord = false
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case q == '\'' && r != '\'':
			cur.WriteRune(r)
		case q != 0 && r == q:
			q = 0
		case q == 0 && (r == '\'' || r == '"'):
			q, inWord = r, true
		case r == '$' && i+1 < len(rs):
			name := docVarInWord.FindStringSubmatch(string(rs[i:]))
			if name == nil {
				cur.WriteRune(r)
				inWord = true
				continue
			}
			v, ok := vars[name[1]]
			if !ok {
				return nil, fmt.Errorf("$%s is not set in the block", name[1])
			}
			i += len(name[0]) - 1
			if q == '"' {
				cur.WriteString(v)
				continue
			}
			for j, f := range strings.Fields(v) {
				if j > 0 {
					flush()
				}
				cur.WriteString(f)
				inWord = true
			}
		case q == 0 && (r == ' ' || r == '\t' || r == '\n'):
			flush()
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if q != 0 {
		return nil, fmt.Errorf("unterminated %c quote", q)
	}
	flush()
	return words, nil
}

// docFiles are the documents whose commands run: README.md and docs/*.md.
func docFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	return append([]string{filepath.Join(repoRoot, "README.md")}, files...)
}

// TestDocCommands runs every command of README.md and docs/*.md and
// compares the output of each console block with what the command prints
// (see the conventions at the top of this file and of transcript_test.go);
// -update rewrites the console blocks.
func TestDocCommands(t *testing.T) {
	skipped := map[string]bool{}
	installed := false
	n, transcripts := 0, 0
	for _, path := range docFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(repoRoot, path)
		var edits []transcriptEdit
		for _, c := range docCommands(filepath.ToSlash(rel), string(src)) {
			n++
			if prefix, ok := skipOf(c.text); ok {
				if c.shown != nil {
					t.Errorf("%s: %q is in a console block, whose output is checked, but cannot run here (%s): show it in a sh block", c.where, c.text, docSkips[prefix])
				}
				skipped[prefix] = true
				continue
			}
			t.Run(c.where, func(t *testing.T) {
				got, ran := runDocCommand(t, c, &installed)
				if c.shown == nil || !ran {
					return
				}
				transcripts++
				if e, ok := checkTranscript(t, c, got); ok {
					edits = append(edits, e)
				}
			})
		}
		checkBlocks(t, edits)
		if *update {
			if err := os.WriteFile(path, []byte(applyEdits(string(src), edits)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n < 30 {
		t.Errorf("found %d commands in the docs, want them all (at least 30): has the block syntax changed?", n)
	}
	if transcripts < 20 && !t.Failed() {
		t.Errorf("checked %d transcripts, want every console block's (at least 20): has the block syntax changed?", transcripts)
	}
	for prefix, reason := range docSkips {
		if !skipped[prefix] {
			t.Errorf("docSkips lists %q (%s), which no doc shows any more: remove it", prefix, reason)
		}
	}
}

func skipOf(text string) (string, bool) {
	for prefix := range docSkips {
		if strings.HasPrefix(text, prefix) {
			return prefix, true
		}
	}
	return "", false
}

// runDocCommand runs one command as the conventions say and checks its
// exit status. It returns what an iamsim command printed, standard
// output and standard error interleaved as a terminal shows them, and
// whether it was one that ran.
func runDocCommand(t *testing.T, c docCommand, installed *bool) (string, bool) {
	vars := map[string]string{}
	for _, kv := range c.vars {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	pipeline, rest, piped := strings.Cut(c.text, " | ")
	if piped && c.shown != nil {
		t.Fatalf("%s: a console block shows what the command prints, and what follows | (%s) is not run: show the command in a sh block", c.text, rest)
	}
	words, err := shellWords(pipeline, vars)
	if err != nil {
		t.Fatalf("%s: %v", c.text, err)
	}
	var args []string
	stdin, discard := "", ""
	for i := 0; i < len(words); i++ {
		switch w := words[i]; {
		case w == ">" || w == ">>" || w == "2>":
			if i+1 < len(words) {
				discard = w
			}
			i++ // the output is not written
		case w == "<":
			if i+1 >= len(words) {
				t.Fatalf("%s: < without a file", c.text)
			}
			b, err := os.ReadFile(filepath.Join(repoRoot, words[i+1]))
			if err != nil {
				t.Fatalf("%s: %v", c.text, err)
			}
			stdin, i = string(b), i+1
		default:
			args = append(args, w)
		}
	}
	switch {
	case len(args) > 0 && args[0] == "iamsim":
		args = args[1:]
	case len(args) > 3 && args[0] == "go" && args[1] == "run" && args[2] == "./cmd/iamsim":
		args = args[3:]
	case c.shown != nil:
		t.Fatalf("%s: a console block shows what the command prints, and only iamsim's output is checked: show the command in a sh block", c.text)
	case len(args) == 2 && args[0] == "make":
		if _, err := exec.LookPath("make"); err != nil {
			t.Skip("make is not installed")
		}
		checkExit(t, c, exec.Command("make", "-n", args[1]))
		return "", false
	case strings.Join(args, " ") == "go install ./cmd/iamsim":
		if testing.Short() || *installed {
			t.Skip("builds iamsim: run without -short (done once)")
		}
		*installed = true
		cmd := exec.Command("go", "install", "./cmd/iamsim")
		cmd.Env = append(os.Environ(), "GOBIN="+t.TempDir())
		checkExit(t, c, cmd)
		return "", false
	default:
		t.Fatalf("%s: not a command this test can run: make it an iamsim, make or go install command, or list it in docSkips with a reason", c.text)
	}
	code, stdout, stderr, both := runBoth(t, stdin, args...)
	if code != c.exit {
		t.Errorf("%s: exit status %d, the doc says %d (a comment \"# exit N\" on its line gives another)\nstdout:\n%s\nstderr:\n%s", c.text, code, c.exit, clip(stdout), stderr)
	}
	switch discard {
	case ">", ">>":
		return stderr, true
	case "2>":
		return stdout, true
	}
	return both, true
}

// runBoth is run that also returns standard output and standard error
// interleaved, in the order the command wrote them.
func runBoth(t *testing.T, stdin string, args ...string) (code int, stdout, stderr, both string) {
	t.Helper()
	t.Chdir(repoRoot)
	var out, errs, all bytes.Buffer
	code = Main(args, strings.NewReader(stdin), teeWriter{&out, &all}, teeWriter{&errs, &all})
	return code, out.String(), errs.String(), all.String()
}

// teeWriter writes to its own buffer and to a shared one.
type teeWriter struct{ own, all *bytes.Buffer }

func (w teeWriter) Write(p []byte) (int, error) {
	w.all.Write(p)
	return w.own.Write(p)
}

// checkExit runs a command other than iamsim from the repository root.
func checkExit(t *testing.T, c docCommand, cmd *exec.Cmd) {
	t.Helper()
	cmd.Dir = repoRoot
	out, err := cmd.CombinedOutput()
	code := 0
	if err != nil {
		exit, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%s: %v", cmd, err)
		}
		code = exit.ExitCode()
	}
	if code != c.exit {
		t.Errorf("%s (as %s): exit status %d, the doc says %d\n%s", c.text, cmd, code, c.exit, out)
	}
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "\n..."
	}
	return s
}

// TestDocCommandsParse checks how commands are read from a document.
func TestDocCommandsParse(t *testing.T) {
	doc := "text\n```sh\nA=\"--x 1 --y 2\"\niamsim lint p/  # exit 1: findings\niamsim eval $A \\\n  --z 'a b'   # fine\n```\n" +
		"<!-- transcript excerpt -->\n```console\n$ iamsim who-can \\\n    --q  # exit 1\n...\nAllowed: 1 of the 12\n  \"it's\n$ iamsim expand\n```\n" +
		"```yaml\n- uses: x\n- run: go install ./cmd/iamsim\n```\n"
	got := docCommands("d.md", doc)
	type cmd struct {
		where, text string
		exit        int
		vars        []string
		shown       string
	}
	var gotCmds []cmd
	for _, c := range got {
		g := cmd{where: c.where, text: c.text, exit: c.exit, vars: c.vars}
		if c.shown != nil {
			g.shown = c.shown.block.where + " " + c.shown.block.marker + " " + fmt.Sprintf("%q", c.shown.text)
			if doc[c.shown.from:c.shown.to] != c.shown.text {
				t.Errorf("%s: offsets %d:%d do not give the output shown", c.where, c.shown.from, c.shown.to)
			}
		}
		gotCmds = append(gotCmds, g)
	}
	block := "d.md:9 <!-- transcript excerpt --> "
	want := []cmd{
		{where: "d.md:4", text: "iamsim lint p/", exit: 1, vars: []string{"A=--x 1 --y 2"}},
		{where: "d.md:5", text: "iamsim eval $A --z 'a b'", vars: []string{"A=--x 1 --y 2"}},
		{where: "d.md:10", text: "iamsim who-can --q", exit: 1, shown: block + `"...\nAllowed: 1 of the 12\n  \"it's\n"`},
		{where: "d.md:15", text: "iamsim expand", shown: block + `""`},
		{where: "d.md:19", text: "go install ./cmd/iamsim"},
	}
	if diff := cmp.Diff(want, gotCmds, cmp.AllowUnexported(cmd{})); diff != "" {
		t.Errorf("docCommands mismatch (-want +got):\n%s", diff)
	}
	words, err := shellWords(`iamsim eval $A --z 'a b' "c $A"`, map[string]string{"A": "--x 1"})
	if err != nil {
		t.Fatal(err)
	}
	if w := []string{"iamsim", "eval", "--x", "1", "--z", "a b", "c --x 1"}; fmt.Sprint(w) != fmt.Sprint(words) {
		t.Errorf("shellWords = %q, want %q", words, w)
	}
}

// TestReadmeSetUp checks the README's first lines and its install step:
// the set-up block has exactly two commands (the demo, make test), and
// iamsim is installed before a command uses it bare.
func TestReadmeSetUp(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cmds := docCommands("README.md", string(src))
	first := docBlock.FindStringSubmatchIndex(string(src))
	firstEnd := strings.Count(string(src)[:first[1]], "\n") + 1
	var setUp []string
	installedAt := -1
	for i, c := range cmds {
		line, _ := strconv.Atoi(c.where[strings.LastIndex(c.where, ":")+1:])
		if line <= firstEnd {
			setUp = append(setUp, c.text)
			continue
		}
		if installedAt < 0 && (c.text == "make install" || c.text == "go install ./cmd/iamsim") {
			installedAt = i
		}
		if strings.HasPrefix(c.text, "iamsim ") && installedAt < 0 {
			t.Errorf("%s: %q uses iamsim before the README says how to install it (make install, go install ./cmd/iamsim)", c.where, c.text)
		}
	}
	if len(setUp) != 2 || !strings.HasPrefix(setUp[0], "go run ./cmd/iamsim ") || setUp[1] != "make test" {
		t.Errorf("README's set-up block = %q, want exactly two commands: the demo with go run ./cmd/iamsim, and make test", setUp)
	}
}
