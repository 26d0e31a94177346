package adoption

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// gitlabJob is the part of a GitLab CI job the test reads
// (https://docs.gitlab.com/ci/yaml/).
type gitlabJob struct {
	Image     string
	Variables map[string]string
	Script    yaml.Node
	Artifacts struct {
		When    string
		Paths   []string
		Reports struct {
			Junit string
		}
	}
}

// installLine is the job's install of iamsim from this repository's module.
var installLine = regexp.MustCompile(`^go install (\S+)@\$IAMSIM_VERSION$`)

// TestGitLabJob runs the script of docs/ci.md's .gitlab-ci.yml job line by
// line, as GitLab's runner does in the golang image, from a project
// directory that holds this repository's test data, and checks the reports
// it declares. The go install of the module at a revision needs the module
// proxy: the stand-in installs the same command from this checkout.
func TestGitLabJob(t *testing.T) {
	if testing.Short() {
		t.Skip("builds iamsim: run without -short")
	}
	var block *yamlBlock
	for _, b := range yamlBlocks(t, "docs/ci.md") {
		if strings.HasPrefix(b.text, "# .gitlab-ci.yml\n") {
			block = &b
		}
	}
	if block == nil {
		t.Fatal("docs/ci.md has no ```yaml block starting with # .gitlab-ci.yml")
	}
	var jobs map[string]gitlabJob
	if err := block.root.Decode(&jobs); err != nil {
		t.Fatalf("%s: %v", block.where, err)
	}
	job, ok := jobs["iamsim"]
	if !ok {
		t.Fatalf("%s: no job iamsim", block.where)
	}
	checkImage(t, job.Image)
	if job.Artifacts.When != "always" || job.Artifacts.Reports.Junit == "" {
		t.Errorf("%s: artifacts when %q, junit report %q: want always (reports of a failed job too) and a JUnit report", block.where, job.Artifacts.When, job.Artifacts.Reports.Junit)
	}

	project := t.TempDir()
	if err := os.Symlink(filepath.Join(repoRoot, "testdata"), filepath.Join(project, "testdata")); err != nil {
		t.Fatal(err)
	}
	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	gopath := t.TempDir()
	env := append(os.Environ(), "CI=true", "GITLAB_CI=true", "CI_PROJECT_DIR="+project,
		"GOPATH="+gopath, "GOBIN=", "GOMODCACHE="+strings.TrimSpace(string(modcache)), "GOFLAGS=-modcacherw",
		"PATH="+filepath.Join(gopath, "bin")+string(os.PathListSeparator)+os.Getenv("PATH"))
	for k, v := range job.Variables {
		env = append(env, k+"="+v)
	}
	lines := job.Script.Content
	for i, n := range lines {
		where := block.file + ":" + strconv.Itoa(block.line+n.Line-1)
		want := exitOf(n)
		if want != 0 && i != len(lines)-1 {
			t.Errorf("%s: %q fails the job (exit %d), so the lines after it never run: make it the last", where, n.Value, want)
		}
		var cmd *exec.Cmd
		if m := installLine.FindStringSubmatch(n.Value); m != nil {
			if m[1] != modulePath(t)+"/cmd/iamsim" {
				t.Errorf("%s: installs %s, want %s/cmd/iamsim", where, m[1], modulePath(t))
			}
			checkInstallable(t)
			cmd = exec.Command("go", "install", "./cmd/iamsim")
			cmd.Dir = repoRoot
		} else {
			// GitLab's runner runs the script with bash in this image, stopping at
			// the first line that fails.
			cmd = exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", n.Value)
			cmd.Dir = project
		}
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if code := exitStatus(t, where, err); code != want {
			t.Errorf("%s: %q exited %d, the doc says %d (a comment \"# exit N\" on its line):\n%s", where, n.Value, code, want, out)
		}
	}

	junit, err := os.ReadFile(filepath.Join(project, job.Artifacts.Reports.Junit))
	if err != nil {
		t.Fatalf("the JUnit report: %v", err)
	}
	var suites struct {
		XMLName xml.Name `xml:"testsuites"`
		Suites  []struct {
			Tests int `xml:"tests,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(junit, &suites); err != nil || len(suites.Suites) == 0 {
		t.Errorf("%s is not JUnit XML with test suites (%v)", job.Artifacts.Reports.Junit, err)
	}
	for _, p := range job.Artifacts.Paths {
		src, err := os.ReadFile(filepath.Join(project, p))
		if err != nil {
			t.Errorf("artifact %s: %v", p, err)
			continue
		}
		if strings.HasSuffix(p, ".sarif") && !json.Valid(src) {
			t.Errorf("artifact %s is not JSON", p)
		}
	}
}

// checkImage checks that the job's golang image has at least the Go
// version of go.mod.
func checkImage(t *testing.T, image string) {
	t.Helper()
	tag, ok := strings.CutPrefix(image, "golang:")
	if !ok {
		t.Fatalf("image %q, want golang:VERSION", image)
	}
	src := goMod(t)
	m := regexp.MustCompile(`(?m)^go (\d+)\.(\d+)`).FindStringSubmatch(src)
	v := regexp.MustCompile(`^(\d+)\.(\d+)`).FindStringSubmatch(tag)
	if m == nil || v == nil {
		t.Fatalf("image %q, go.mod's go directive %v: want both as MAJOR.MINOR", image, m)
	}
	major, _ := strconv.Atoi(v[1])
	minor, _ := strconv.Atoi(v[2])
	wantMajor, _ := strconv.Atoi(m[1])
	wantMinor, _ := strconv.Atoi(m[2])
	if major < wantMajor || (major == wantMajor && minor < wantMinor) {
		t.Errorf("image %s is older than go.mod's go %s.%s", image, m[1], m[2])
	}
}

// checkInstallable checks what the stand-in cannot: go install
// MODULE/cmd/iamsim@REVISION refuses a module whose go.mod has replace or
// exclude directives (https://go.dev/ref/mod#go-install).
func checkInstallable(t *testing.T) {
	t.Helper()
	src := goMod(t)
	if m := regexp.MustCompile(`(?m)^(replace|exclude)\b`).FindString(src); m != "" {
		t.Errorf("go.mod has a %s directive: go install of the module at a revision refuses it", m)
	}
}

// goMod is the text of the repository's go.mod.
func goMod(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// modulePath is the module path of go.mod.
func modulePath(t *testing.T) string {
	t.Helper()
	src := goMod(t)
	m := regexp.MustCompile(`(?m)^module (\S+)$`).FindStringSubmatch(src)
	if m == nil {
		t.Fatal("go.mod names no module")
	}
	return m[1]
}
