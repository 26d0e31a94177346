package adoption

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// This file is a stand-in for GitHub's runner of a composite action, as far
// as action.yml needs one: it evaluates the expressions the action uses,
// runs each run: step with bash as GitHub does for shell: bash, passes step
// outputs through GITHUB_OUTPUT, and checks each uses: step instead of
// running it. How GitHub runs composite actions:
// https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions

// repoRoot is the repository's root, two levels above this package.
var repoRoot = func() string {
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		panic(err)
	}
	return dir
}()

// action is the part of action.yml the runner reads.
type action struct {
	Name        string
	Description string
	Author      string
	Branding    struct{ Icon, Color string }
	Inputs      map[string]struct {
		Description string
		Required    bool
		Default     *string
	}
	Outputs map[string]struct{ Description, Value string }
	Runs    struct {
		Using string
		Steps []actionStep
	}
}

// actionStep is one step of a composite action.
type actionStep struct {
	Name  string
	ID    string
	If    string
	Uses  string
	Shell string
	Run   string
	With  map[string]string
	Env   map[string]string
}

func loadAction(t *testing.T) action {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

// usesCheck checks the inputs of a uses: step the runner does not run.
type usesCheck func(t *testing.T, r *run, with map[string]string)

// knownActions are the actions action.yml may use, with the version meant,
// and what their inputs must be.
var knownActions = map[string]usesCheck{
	"actions/setup-go@v6": func(t *testing.T, r *run, with map[string]string) {
		wantKeys(t, "actions/setup-go", with, "go-version-file", "cache-dependency-path")
		for _, k := range []string{"go-version-file", "cache-dependency-path"} {
			if _, err := os.Stat(with[k]); err != nil {
				t.Errorf("actions/setup-go %s: %v", k, err)
			}
		}
		if filepath.Base(with["go-version-file"]) != "go.mod" {
			t.Errorf("actions/setup-go go-version-file = %q, want iamsim's go.mod", with["go-version-file"])
		}
	},
	"github/codeql-action/upload-sarif@v4": func(t *testing.T, r *run, with map[string]string) {
		wantKeys(t, "upload-sarif", with, "sarif_file", "category")
		checkSARIF(t, with["sarif_file"])
		r.uploads = append(r.uploads, with["category"])
	},
}

func wantKeys(t *testing.T, what string, with map[string]string, keys ...string) {
	t.Helper()
	var got []string
	for k := range with {
		got = append(got, k)
	}
	sort.Strings(got)
	sort.Strings(keys)
	if fmt.Sprint(got) != fmt.Sprint(keys) {
		t.Errorf("%s with: %q, want %q", what, got, keys)
	}
}

// checkSARIF checks that a file is SARIF 2.1.0 with at least one run.
func checkSARIF(t *testing.T, path string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("SARIF file: %v", err)
	}
	var log struct {
		Version string
		Runs    []json.RawMessage
	}
	if err := json.Unmarshal(src, &log); err != nil || log.Version != "2.1.0" || len(log.Runs) == 0 {
		t.Errorf("%s is not SARIF 2.1.0 with a run (%v): %.200s", path, err, src)
	}
}

// run is one run of the action.
type run struct {
	action    action
	inputs    map[string]string
	github    map[string]string // the github context: action_path, event...
	outputs   map[string]map[string]string
	env       []string // GITHUB_* and RUNNER_* variables
	path      []string // directories steps added to PATH, newest first
	failed    int      // exit status of the step that failed, 0 if none
	uploads   []string // SARIF categories uploaded
	stdout    bytes.Buffer
	summary   string
	workspace string
}

// runAction runs action.yml with the given inputs from the workspace, as a
// workflow step `uses: iamsim/iamsim@REF` with `with: inputs` would.
// actionRef is the ref the stand-in runner runs the action at, as
// uses: iamsim/iamsim@REF gives it; the action stamps its build with it.
const actionRef = "v0.0.0-action-test"

func runAction(t *testing.T, inputs, github map[string]string, workspace string) *run {
	t.Helper()
	a := loadAction(t)
	r := &run{action: a, inputs: map[string]string{}, github: map[string]string{"action_path": repoRoot}, outputs: map[string]map[string]string{}, workspace: workspace}
	for k, v := range github {
		r.github[k] = v
	}
	for name, in := range a.Inputs {
		if in.Default != nil {
			r.inputs[name] = *in.Default
		}
	}
	for k, v := range inputs {
		if _, ok := a.Inputs[k]; !ok {
			t.Fatalf("input %q is not an input of action.yml", k)
		}
		r.inputs[k] = v
	}
	tmp := t.TempDir()
	summary := filepath.Join(tmp, "step-summary.md")
	for _, f := range []string{summary, filepath.Join(tmp, "path"), filepath.Join(tmp, "env")} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	runnerTemp := filepath.Join(tmp, "runner-temp")
	if err := os.Mkdir(runnerTemp, 0o755); err != nil {
		t.Fatal(err)
	}
	r.env = []string{
		"GITHUB_ACTIONS=true", "CI=true",
		"GITHUB_ACTION_PATH=" + repoRoot,
		"GITHUB_ACTION_REF=" + actionRef,
		"GITHUB_WORKSPACE=" + workspace,
		"GITHUB_STEP_SUMMARY=" + summary,
		"GITHUB_PATH=" + filepath.Join(tmp, "path"),
		"GITHUB_ENV=" + filepath.Join(tmp, "env"),
		"RUNNER_TEMP=" + runnerTemp,
	}
	for i, s := range a.Runs.Steps {
		r.step(t, i, s, tmp)
	}
	b, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	r.summary = string(b)
	return r
}

// step runs or checks one step, unless its condition is false or a step
// before it failed.
func (r *run) step(t *testing.T, i int, s actionStep, tmp string) {
	t.Helper()
	where := fmt.Sprintf("step %d (%s)", i+1, s.Name)
	ok, err := r.condition(s.If)
	if err != nil {
		t.Fatalf("%s: if: %v", where, err)
	}
	if !ok {
		return
	}
	with := map[string]string{}
	for k, v := range s.With {
		if with[k], err = r.interpolate(v); err != nil {
			t.Fatalf("%s: with %s: %v", where, k, err)
		}
	}
	if s.Uses != "" {
		check, ok := knownActions[s.Uses]
		if !ok {
			t.Fatalf("%s uses %s, which the test does not know: add it to knownActions with the inputs it needs", where, s.Uses)
		}
		check(t, r, with)
		return
	}
	if s.Shell != "bash" {
		t.Fatalf("%s: shell %q, want bash (a composite action's run step names its shell)", where, s.Shell)
	}
	script := filepath.Join(tmp, fmt.Sprintf("step%d.sh", i+1))
	output := filepath.Join(tmp, fmt.Sprintf("step%d.output", i+1))
	if err := os.WriteFile(script, []byte(s.Run), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(output, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// GitHub runs shell: bash as bash --noprofile --norc -eo pipefail {0}.
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = r.workspace
	cmd.Env = append(os.Environ(), r.env...)
	cmd.Env = append(cmd.Env, "GITHUB_OUTPUT="+output, "PATH="+strings.Join(append(r.path, os.Getenv("PATH")), string(os.PathListSeparator)))
	for k, v := range s.Env {
		val, err := r.interpolate(v)
		if err != nil {
			t.Fatalf("%s: env %s: %v", where, k, err)
		}
		cmd.Env = append(cmd.Env, k+"="+val)
	}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &r.stdout, &stderr
	if r.failed = exitStatus(t, where, cmd.Run()); r.failed != 0 {
		t.Logf("%s exited %d; stderr:\n%s", where, r.failed, stderr.String())
	}
	if s.ID != "" {
		r.outputs[s.ID] = readOutputs(t, output)
	}
	r.path = append(readLines(t, filepath.Join(tmp, "path")), r.path...)
	if err := os.WriteFile(filepath.Join(tmp, "path"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
}

// exitStatus is the exit status of a command that ran with the error err
// (nil: 0); a command that could not start fails the test.
func exitStatus(t *testing.T, what string, err error) int {
	t.Helper()
	if err == nil {
		return 0
	}
	exit, ok := err.(*exec.ExitError)
	if !ok {
		t.Fatalf("%s: %v", what, err)
	}
	return exit.ExitCode()
}

// readOutputs reads a GITHUB_OUTPUT file of name=value lines.
func readOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, l := range readLines(t, path) {
		k, v, ok := strings.Cut(l, "=")
		if !ok {
			t.Fatalf("GITHUB_OUTPUT line %q is not name=value", l)
		}
		out[k] = v
	}
	return out
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if sc.Text() != "" {
			lines = append(lines, sc.Text())
		}
	}
	return lines
}

// output is the value of one of the action's outputs after the run.
func (r *run) output(t *testing.T, name string) string {
	t.Helper()
	o, ok := r.action.Outputs[name]
	if !ok {
		t.Fatalf("action.yml has no output %q", name)
	}
	v, err := r.interpolate(o.Value)
	if err != nil {
		t.Fatalf("output %s: %v", name, err)
	}
	return v
}

var (
	exprRef   = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)
	exprTerm  = regexp.MustCompile(`^(\S+)\s*(==|!=)\s*(\S+)$`)
	exprQuote = regexp.MustCompile(`^'([^']*)'$`)
)

// interpolate replaces each ${{ expression }} of s with its value.
func (r *run) interpolate(s string) (string, error) {
	var firstErr error
	out := exprRef.ReplaceAllStringFunc(s, func(m string) string {
		v, err := r.value(exprRef.FindStringSubmatch(m)[1])
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return v
	})
	return out, firstErr
}

// value evaluates the expressions the action uses: a quoted literal,
// inputs.NAME, steps.ID.outputs.NAME and github.PATH.
func (r *run) value(x string) (string, error) {
	if m := exprQuote.FindStringSubmatch(x); m != nil {
		return m[1], nil
	}
	parts := strings.Split(x, ".")
	switch {
	case len(parts) == 2 && parts[0] == "inputs":
		if _, ok := r.action.Inputs[parts[1]]; !ok {
			return "", fmt.Errorf("%s: no such input", x)
		}
		return r.inputs[parts[1]], nil
	case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
		if !r.hasStep(parts[1]) {
			return "", fmt.Errorf("%s: no step has id %s", x, parts[1])
		}
		return r.outputs[parts[1]][parts[3]], nil
	case len(parts) >= 2 && parts[0] == "github":
		v, ok := r.github[strings.Join(parts[1:], ".")]
		if !ok {
			return "", fmt.Errorf("%s: the stand-in has no such value of the github context", x)
		}
		return v, nil
	}
	return "", fmt.Errorf("%q: not an expression the stand-in evaluates", x)
}

func (r *run) hasStep(id string) bool {
	for _, s := range r.action.Runs.Steps {
		if s.ID == id {
			return true
		}
	}
	return false
}

// condition evaluates an if: of comparisons joined by &&, with GitHub's
// implicit success(): after a failed step only always() runs.
func (r *run) condition(expr string) (bool, error) {
	expr = strings.TrimSpace(expr)
	if m := exprRef.FindStringSubmatch(expr); m != nil && m[0] == expr {
		expr = m[1]
	}
	always := false
	result := true
	if expr != "" {
		for _, term := range strings.Split(expr, "&&") {
			term = strings.TrimSpace(term)
			if term == "always()" {
				always = true
				continue
			}
			m := exprTerm.FindStringSubmatch(term)
			if m == nil {
				return false, fmt.Errorf("%q: not a condition the stand-in evaluates", term)
			}
			a, err := r.value(m[1])
			if err != nil {
				return false, err
			}
			b, err := r.value(m[3])
			if err != nil {
				return false, err
			}
			result = result && (a == b) == (m[2] == "==")
		}
	}
	if r.failed != 0 && !always {
		return false, nil
	}
	return result, nil
}

// workflowCommand is the shape of a GitHub workflow command that annotates
// a file: ::error file=F,line=L,col=C,title=T::message, properties optional.
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
var workflowCommand = regexp.MustCompile(`^::(error|warning|notice)( (file|line|endLine|col|endColumn|title)=[^,:]*(,(file|line|endLine|col|endColumn|title)=[^,:]*)*)?::\S`)

// annotations returns the workflow commands the run printed, and fails the
// test on a line that starts like one and is malformed.
func (r *run) annotations(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, l := range strings.Split(r.stdout.String(), "\n") {
		if !strings.HasPrefix(l, "::") {
			continue
		}
		if !workflowCommand.MatchString(l) {
			t.Errorf("malformed workflow command: %s", l)
		}
		out = append(out, l)
	}
	return out
}
