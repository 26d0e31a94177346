package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

	"github.com/iamsim/iamsim/internal/source"
)

// A hostile input is a file iamsim must refuse with exit 2 and one clear
// problem: one line that names the file (and its line:col when the
// problem has a position), followed for a policy problem by the source
// line and a caret, indented by four spaces. A file with several
// problems gets one such block per problem; the inputs here hold one
// each. lint reports a damaged policy as one error finding in its report
// and a file it cannot read as one line before its summary line.
type hostileInput struct {
	name string
	path string // relative to the repository root, or made in a temporary directory
	pos  string // "line:col" of the problem; "" when it has none
	want string // what the message must say
}

// hostileFiles makes the inputs that cannot be committed: a directory, an
// unreadable file and a file past the default size limit (sparse, so
// nothing is written).
func hostileFiles(t *testing.T) (dir, unreadable, large string) {
	tmp := t.TempDir()
	dir = filepath.Join(tmp, "dir.json")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	unreadable = filepath.Join(tmp, "unreadable.json")
	if err := os.WriteFile(unreadable, []byte("{}"), 0o000); err != nil {
		t.Fatal(err)
	}
	large = filepath.Join(tmp, "large.json")
	f, err := os.Create(large)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(source.DefaultMaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return dir, unreadable, large
}

// fileInputs are the problems any input file can have, and a file past
// the size limit. (A directory where lint and test take one is searched:
// an empty one holds no file to read, which the message says.)
func fileInputs(t *testing.T) (files []hostileInput, large hostileInput) {
	dir, unreadable, largePath := hostileFiles(t)
	files = []hostileInput{
		{name: "missing", path: "testdata/hostile/missing.json", want: "no such file or directory"},
		{name: "directory", path: dir, want: "directory"},
	}
	if os.Geteuid() != 0 { // root reads any file
		files = append(files, hostileInput{name: "unreadable", path: unreadable, want: "permission denied"})
	}
	large = hostileInput{
		name: "too large",
		path: largePath,
		want: "the file is larger than 1 MiB, the most iamsim reads of one file (raise it with --max-file-size)",
	}
	return files, large
}

// policyInputs are damaged policy documents.
var policyInputs = []hostileInput{
	{name: "empty", path: "testdata/hostile/empty.json", pos: "1:1", want: "empty input"},
	{name: "byte order mark", path: "testdata/hostile/bom.json", pos: "1:1", want: "byte order mark"},
	{name: "invalid UTF-8", path: "testdata/hostile/invalid-utf8.json", pos: "1:78", want: "invalid UTF-8"},
	{name: "trailing data", path: "testdata/hostile/trailing.json", pos: "2:1", want: "data after the end"},
	{name: "duplicate key", path: "testdata/hostile/duplicate-key.json", pos: "3:37", want: `duplicate key "Effect"`},
	{name: "trailing comma", path: "testdata/hostile/trailing-comma.json", pos: "2:64", want: trailingComma},
}

// trailingComma is what every JSON reader says of a comma before a
// closing brace (policy.SyntaxMessage), at the comma.
const trailingComma = "trailing comma before }: JSON allows no comma after the last entry"

// yamlInputs are damaged YAML or JSON files, as scenarios and context
// files; scenarioOnly are problems only a scenario has.
var (
	yamlInputs = []hostileInput{
		{name: "empty", path: "testdata/hostile/empty.yaml", pos: "1:1", want: "empty"},
		{name: "byte order mark", path: "testdata/hostile/bom.yaml", pos: "1:1", want: "byte order mark"},
		{name: "invalid UTF-8", path: "testdata/hostile/invalid-utf8.yaml", pos: "1:16", want: "invalid UTF-8"},
		{name: "control character", path: "testdata/hostile/control-character.yaml", pos: "1:16", want: "control character U+0007"},
		{name: "tab in indentation", path: "testdata/hostile/tab.yaml", pos: "3:1", want: "a tab in the indentation"},
		{name: "undefined alias", path: "testdata/hostile/undefined-alias.yaml", pos: "2:11", want: "alias *shared names no anchor"},
		{name: "alias inside its anchor", path: "testdata/hostile/alias-cycle.yaml", pos: "1:14", want: "inside its own anchor"},
		{name: "billion laughs", path: "testdata/hostile/billion-laughs.yaml", pos: "6:10", want: "expand it by more than 100000 nodes"},
		{name: "second document", path: "testdata/hostile/second-document.yaml", pos: "2:1", want: "a second YAML document"},
		{name: "data after a JSON document", path: "testdata/hostile/trailing-document.json", pos: "2:1", want: "data after the end of the document"},
		{name: "duplicate key", path: "testdata/hostile/duplicate-key.yaml", pos: "2:1", want: `duplicate`},
	}
	scenarioOnly = []hostileInput{
		{name: "wrong type", path: "testdata/hostile/wrong-type.yaml", pos: "2:11", want: "requests must be a list"},
		{name: "unknown key", path: "testdata/hostile/unknown-key.yaml", pos: "2:1", want: `unknown key "request"`},
	}
	contextOnly = []hostileInput{
		{
			name: "wrong type",
			path: "testdata/hostile/context-wrong-type.yaml",
			pos:  "2:9",
			want: "a context value is a single value or a list of them, not a mapping",
		},
	}
	// accountInputs are damaged account exports.
	accountInputs = []hostileInput{
		{name: "empty", path: "testdata/hostile/empty.json", pos: "1:1", want: "unexpected end of input: the document is not closed"},
		{name: "trailing data", path: "testdata/hostile/export-trailing.json", pos: "2:1", want: "data after the end of the document"},
		{name: "trailing comma", path: "testdata/hostile/export-trailing-comma.json", pos: "2:36", want: trailingComma},
		{name: "byte order mark", path: "testdata/hostile/export-bom.json", pos: "1:1", want: "byte order mark"},
		{name: "invalid UTF-8", path: "testdata/hostile/export-invalid-utf8.json", pos: "1:50", want: "invalid UTF-8"},
		{name: "duplicate key", path: "testdata/hostile/export-duplicate-key.json", pos: "1:35", want: `duplicate key "Path"`},
	}
	// orgInputs are damaged organization files, manifestInputs damaged
	// resource-policy manifests.
	orgInputs = []hostileInput{
		{name: "empty", path: "testdata/hostile/empty.yaml", pos: "1:1", want: "empty organization file"},
		{name: "tab in indentation", path: "testdata/hostile/org-tab.yaml", pos: "3:1", want: "a tab in the indentation"},
		{name: "undefined alias", path: "testdata/hostile/org-undefined-alias.yaml", pos: "1:20", want: "alias *x names no anchor"},
		{name: "duplicate key", path: "testdata/hostile/org-duplicate-key.yaml", pos: "2:1", want: `duplicate key "id"`},
		{name: "byte order mark", path: "testdata/hostile/org-bom.yaml", pos: "1:1", want: "byte order mark"},
		{name: "second document", path: "testdata/hostile/org-second-document.yaml", pos: "4:1", want: "a second YAML document"},
		{name: "invalid UTF-8", path: "testdata/hostile/org-invalid-utf8.yaml", pos: "4:12", want: "invalid UTF-8"},
		{name: "billion laughs", path: "testdata/hostile/billion-laughs.yaml", pos: "6:10", want: "expand it by more than 100000 nodes"},
	}
	manifestInputs = []hostileInput{
		{name: "empty", path: "testdata/hostile/empty.yaml", pos: "1:1", want: "the manifest is empty"},
		{name: "tab in indentation", path: "testdata/hostile/manifest-tab.yaml", pos: "2:1", want: "a tab in the indentation"},
		{name: "duplicate key", path: "testdata/hostile/manifest-duplicate-key.yaml", pos: "2:1", want: `duplicate key "resources"`},
		{name: "second document", path: "testdata/hostile/manifest-second-document.yaml", pos: "2:1", want: "a second YAML document"},
		{name: "byte order mark", path: "testdata/hostile/bom.yaml", pos: "1:1", want: "byte order mark"},
	}
)

// largeExport makes a sparse export one byte past the default export
// limit: nothing is written, and nothing may be read.
func largeExport(t *testing.T) hostileInput {
	path := filepath.Join(t.TempDir(), "large-export.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(source.DefaultMaxExportSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return hostileInput{
		name: "too large",
		path: path,
		want: "the file is larger than 1 GiB, the most iamsim reads of one file (raise it with --max-export-size)",
	}
}

// hostileCommand is a command line with {} where the hostile file goes.
type hostileCommand struct {
	name   string
	args   []string
	inputs []hostileInput
}

const (
	testPrincipal = "arn:aws:iam::111122223333:user/alice"
	validExport   = "testdata/accounts/111111111111.json"
	// orgAdminPrincipal is a user of validExport's account.
	orgAdminPrincipal = "arn:aws:iam::111111111111:user/org-admin"
)

func hostileCommands(t *testing.T) []hostileCommand {
	files, large := fileInputs(t)
	exports := append(append([]hostileInput{largeExport(t)}, files...), accountInputs...)
	with := func(sets ...[]hostileInput) []hostileInput {
		out := append([]hostileInput{large}, files...)
		for _, s := range sets {
			out = append(out, s...)
		}
		return out
	}
	// manifests are the inputs of a resource-policy manifest: a missing
	// file, a file too large and the damaged manifests.
	manifests := append([]hostileInput{files[0], large}, manifestInputs...)
	request := []string{"eval", "--principal", testPrincipal, "--action", "s3:GetObject", "--resource", "*"}
	orgAdminRequest := []string{
		"eval",
		"--principal", orgAdminPrincipal,
		"--action", "s3:GetObject",
		"--resource", "*",
		"--account-details", validExport,
	}
	cmds := []hostileCommand{
		{
			name:   "eval --context-file",
			args:   extend(request, "--context-file", "{}"),
			inputs: with(yamlInputs, contextOnly),
		},
		{
			name:   "eval --scenario",
			args:   []string{"eval", "--scenario", "{}"},
			inputs: with(yamlInputs, scenarioOnly),
		},
		{
			name:   "eval --format json --scenario",
			args:   []string{"eval", "--format", "json", "--scenario", "{}"},
			inputs: with(yamlInputs, scenarioOnly),
		},
		{
			name:   "test",
			args:   []string{"test", "{}"},
			inputs: with(yamlInputs, scenarioOnly),
		},
		{
			name:   "lint",
			args:   []string{"lint", "{}"},
			inputs: with(policyInputs),
		},
		{
			name:   "simulate-custom-policy",
			args:   []string{"simulate-custom-policy", "--action-names", "s3:GetObject", "--policy-input-list", "file://{}"},
			inputs: with(policyInputs),
		},
		{
			name: "simulate-custom-policy --resource-policy",
			args: []string{
				"simulate-custom-policy",
				"--action-names", "s3:GetObject",
				"--policy-input-list", "testdata/hostile/policy.json",
				"--resource-policy", "file://{}",
			},
			inputs: with(policyInputs[:3]),
		},
		{
			name:   "eval --account-details",
			args:   extend(request, "--account-details", "{}"),
			inputs: exports,
		},
		{
			name:   "can",
			args:   []string{"can", "--principal", testPrincipal, "--account-details", "{}"},
			inputs: exports,
		},
		{
			name:   "who-can",
			args:   []string{"who-can", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k", "--account-details", "{}"},
			inputs: exports,
		},
		{
			name: "simulate-principal-policy",
			args: []string{
				"simulate-principal-policy",
				"--policy-source-arn", testPrincipal,
				"--action-names", "s3:GetObject",
				"--account-details", "{}",
			},
			inputs: exports,
		},
		{
			name:   "eval --org",
			args:   extend(orgAdminRequest, "--org", "{}"),
			inputs: with(orgInputs),
		},
		{
			name:   "can --resource-policies",
			args:   []string{"can", "--principal", orgAdminPrincipal, "--account-details", validExport, "--resource-policies", "{}"},
			inputs: manifests,
		},
		{
			name:   "eval --resource-policies",
			args:   extend(orgAdminRequest, "--resource-policies", "{}"),
			inputs: manifests,
		},
	}
	for _, flag := range []string{"--identity", "--resource-policy", "--boundary", "--session-policy", "--endpoint-policy", "--scp", "--rcp"} {
		inputs := with(policyInputs)
		if flag == "--resource-policy" || flag == "--endpoint-policy" || flag == "--rcp" {
			// The fixtures have no Principal: past the problems that stop
			// the parse, these kinds would add "need a Principal" to the
			// one problem.
			inputs = with(policyInputs[:3])
		}
		cmds = append(cmds, hostileCommand{name: "eval " + flag, args: extend(request, flag, "{}"), inputs: inputs})
	}
	return cmds
}

// crash matches what a Go panic prints.
var crash = regexp.MustCompile(`panic|goroutine \d|\.go:\d+`)

// TestHostileInput runs every command that reads files with every
// problem a file can have and checks that each is one clear problem with
// exit 2.
func TestHostileInput(t *testing.T) {
	for _, cmd := range hostileCommands(t) {
		for _, in := range cmd.inputs {
			t.Run(cmd.name+"/"+in.name, func(t *testing.T) {
				args := make([]string, len(cmd.args))
				for i, a := range cmd.args {
					args[i] = strings.ReplaceAll(a, "{}", in.path)
				}
				code, stdout, stderr := run(t, "", args...)
				if code != ExitInput {
					t.Errorf("exit code = %d, want %d", code, ExitInput)
				}
				if crash.MatchString(stdout + stderr) {
					t.Fatalf("the output shows a crash:\n%s%s", stdout, stderr)
				}
				problem := stderr
				if cmd.name == "lint" {
					problem = lintProblem(t, stdout, stderr, in)
				} else if !strings.HasPrefix(stderr, "iamsim: ") {
					t.Errorf("the error does not start with iamsim: %q", stderr)
				}
				checkProblem(t, problem, in)
			})
		}
	}
}

// checkProblem checks that out is one problem about in: a first line
// naming the file (at its position) and saying what is wrong, and at most
// the source line and caret under it.
func checkProblem(t *testing.T, out string, in hostileInput) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	head := strings.TrimPrefix(lines[0], "iamsim: ")
	prefix := in.path + ":"
	if in.pos != "" {
		prefix += in.pos + ":"
	}
	if !strings.HasPrefix(head, prefix) {
		t.Errorf("the problem does not start with %s:\n%s", prefix, out)
	}
	if !strings.Contains(head, in.want) {
		t.Errorf("the problem does not say %q:\n%s", in.want, out)
	}
	if len(lines) != 1 && len(lines) != 3 {
		t.Errorf("want one line, or one line with the source line and a caret; got %d lines:\n%s", len(lines), out)
	}
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "    ") {
			t.Errorf("line %q under the problem is not its indented source line or caret:\n%s", l, out)
		}
	}
}

// lintProblem returns lint's report of in: the one error finding for a
// damaged policy, or the one line before the summary for a file lint
// cannot read.
func lintProblem(t *testing.T, stdout, stderr string, in hostileInput) string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	summary := regexp.MustCompile(`^\d+ errors?, \d+ warnings?, \d+ notes? in \d+ files?$`)
	if !summary.MatchString(lines[len(lines)-1]) {
		// No file could be read: the errors alone, no report and no
		// summary (docs/cli.md, iamsim lint).
		if stdout != "" {
			t.Errorf("a file that cannot be read gave a report:\n%s", stdout)
		}
		return strings.Join(lines, "\n")
	}
	if len(lines) > 1 {
		if stdout != "" {
			t.Errorf("a file that cannot be read gave a report:\n%s", stdout)
		}
		return strings.Join(lines[:len(lines)-1], "\n")
	}
	var finding []string
	for _, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		switch {
		case !strings.HasPrefix(l, " "):
			if strings.Contains(l, ": error ") {
				finding = append(finding, l)
			}
		case len(finding) > 0 && strings.Contains(finding[len(finding)-1], ": error "):
			// the source line and caret of the last error
			last := &finding[len(finding)-1]
			if strings.Count(*last, "\n") < 2 {
				*last += "\n" + l
			}
		}
	}
	if len(finding) != 1 {
		t.Fatalf("want one error finding, got %d:\n%s", len(finding), stdout)
	}
	return finding[0]
}

// TestScenarioPolicyProblems checks the files a scenario names: a
// directory or a missing file is one problem at the file: key.
func TestScenarioPolicyProblems(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "dir.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "s.yaml")
	src := "policies:\n  identity: [{file: dir.json}, {file: missing.json}]\nrequests: []\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("iamsim: %[1]s:2:21: %[2]s: is a directory, not a file\n"+
		"iamsim: %[1]s:2:39: %[3]s: no such file or directory\n",
		file, filepath.Join(dir, "dir.json"), filepath.Join(dir, "missing.json"))
	// iamsim test counts the file as an error in its summary.
	summary := map[string]string{"test": "0 passed, 0 failed, 1 error\n"}
	for _, args := range [][]string{{"test", file}, {"eval", "--scenario", file}} {
		code, stdout, stderr := run(t, "", args...)
		if code != ExitInput || stdout != summary[args[0]] {
			t.Errorf("%s: exit code %d, output %q", args[0], code, stdout)
		}
		if diff := cmp.Diff(want, stderr); diff != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", args[0], diff)
		}
	}
}

// TestInternalError checks that a panic becomes one line and exit 2, with
// the stack trace only behind IAMSIM_DEBUG=1.
func TestInternalError(t *testing.T) {
	for _, debug := range []string{"", "1"} {
		t.Run("IAMSIM_DEBUG="+debug, func(t *testing.T) {
			t.Setenv(debugEnv, debug)
			var stdout, stderr bytes.Buffer
			root := newRootCmd(strings.NewReader(""), &stdout, &stderr)
			root.AddCommand(&cobra.Command{Use: "crash", RunE: func(*cobra.Command, []string) error {
				var m map[string]int
				m["x"]++ // a nil map: a bug of the kind the net catches
				return nil
			}})
			code := execute(root, []string{"crash"}, &stderr)
			if code != ExitInput {
				t.Errorf("exit code = %d, want %d", code, ExitInput)
			}
			lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
			want := "iamsim: internal error: assignment to entry in nil map (please report it; IAMSIM_DEBUG=1 shows where)"
			if lines[0] != want {
				t.Errorf("first line = %q, want %q", lines[0], want)
			}
			trace := strings.Contains(stderr.String(), "goroutine ")
			if debug == "" && (len(lines) != 1 || trace) {
				t.Errorf("want one line without a stack trace, got:\n%s", stderr.String())
			}
			if debug == "1" && !trace {
				t.Errorf("IAMSIM_DEBUG=1 gave no stack trace:\n%s", stderr.String())
			}
		})
	}
}

// TestDeterminism runs lint, test and eval twice under each of one and
// two processors and wants the same bytes every time.
func TestDeterminism(t *testing.T) {
	runs := [][]string{
		{"lint", "testdata/lint"},
		{"lint", "--format", "sarif", "testdata/lint"},
		{"test", "testdata/scenarios"},
		{"eval", "--format", "json", "--scenario", "testdata/scenarios/scp-deny-regions.yaml"},
		{"eval", "--format", "json", "--scenario", "testdata/scenarios/tag-enforcement.yaml"},
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, args := range runs {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var first string
			for i, procs := range []int{1, 1, 2, 2} {
				runtime.GOMAXPROCS(procs)
				code, stdout, stderr := run(t, "", args...)
				got := fmt.Sprintf("exit %d\n%s\n%s", code, stdout, stderr)
				if i == 0 {
					first = got
					continue
				}
				if diff := cmp.Diff(first, got); diff != "" {
					t.Fatalf("run %d (GOMAXPROCS %d) differs from the first (-first +this):\n%s", i+1, procs, diff)
				}
			}
		})
	}
}

// TestBatchSyntaxLikePolicies checks that a request line with a JSON
// syntax error reads as the same fault in a policy or an export does, at
// the comma.
func TestBatchSyntaxLikePolicies(t *testing.T) {
	lines := `{"principal": "` + testPrincipal + `", "action": "s3:GetObject", "resource": "*"}` + "\n" +
		`{"principal": "` + testPrincipal + `",}` + "\n"
	path := filepath.Join(t.TempDir(), "requests.jsonl")
	if err := os.WriteFile(path, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stdout, _ := run(t, "", "eval", "--requests", path, "--identity", "testdata/hostile/policy.json", "--format", "json")
	want := fmt.Sprintf(`{"line":2,"error":"%s:2:53: %s"}`, path, trailingComma)
	if !strings.Contains(stdout, want) {
		t.Errorf("the output does not contain %s:\n%s", want, stdout)
	}
}
