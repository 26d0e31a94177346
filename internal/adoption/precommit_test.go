package adoption

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// hook is a hook of .pre-commit-hooks.yaml, or the keys of a hook in a
// .pre-commit-config.yaml that override it, with the fields pre-commit
// documents (https://pre-commit.com/#new-hooks).
type hook struct {
	ID                      string   `yaml:"id"`
	Name                    string   `yaml:"name"`
	Description             string   `yaml:"description"`
	Entry                   string   `yaml:"entry"`
	Language                string   `yaml:"language"`
	Files                   *string  `yaml:"files"`
	Exclude                 *string  `yaml:"exclude"`
	Types                   []string `yaml:"types"`
	PassFilenames           *bool    `yaml:"pass_filenames"`
	Args                    []string `yaml:"args"`
	RequireSerial           bool     `yaml:"require_serial"`
	MinimumPreCommitVersion string   `yaml:"minimum_pre_commit_version"`
	exit                    int      // from a "# exit N" comment on its id
	where                   string
}

func loadHooks(t *testing.T) map[string]hook {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []hook
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	out := map[string]hook{}
	for _, h := range hooks {
		out[h.ID] = h
	}
	return out
}

// merge applies a config's hook on top of the manifest's, as pre-commit
// does: every key given replaces the manifest's.
func merge(m, c hook) hook {
	if c.Files != nil {
		m.Files = c.Files
	}
	if c.Exclude != nil {
		m.Exclude = c.Exclude
	}
	if c.PassFilenames != nil {
		m.PassFilenames = c.PassFilenames
	}
	if c.Args != nil {
		m.Args = c.Args
	}
	if c.Entry != "" {
		m.Entry = c.Entry
	}
	m.exit, m.where = c.exit, c.where
	return m
}

// installHooks builds the hooks' executables as pre-commit does for
// language: golang, `go install ./...` in the hook repository with GOPATH
// set to the hook's environment and GOBIN unset, and returns its bin
// directory. The module cache stays the one in use, so that nothing is
// downloaded.
func installHooks(t *testing.T) string {
	t.Helper()
	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	env := t.TempDir()
	cmd := exec.Command("go", "install", "./...")
	cmd.Dir = repoRoot
	cmd.Env = append(os.Environ(), "GOPATH="+env, "GOBIN=", "GOMODCACHE="+strings.TrimSpace(string(modcache)), "GOFLAGS=-modcacherw")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go install ./...: %v\n%s", err, out)
	}
	return filepath.Join(env, "bin")
}

// runHook runs a hook in a repository whose files are files, as
// `pre-commit run --all-files` would: it is skipped when no file matches
// files and exclude, and it is given the matching files when it takes file
// names. It returns the exit status, and -1 when the hook is skipped.
func runHook(t *testing.T, h hook, bin, dir string, files []string) (int, string) {
	t.Helper()
	include := regexp.MustCompile("")
	if h.Files != nil {
		include = regexp.MustCompile(*h.Files)
	}
	exclude := regexp.MustCompile("^$")
	if h.Exclude != nil {
		exclude = regexp.MustCompile(*h.Exclude)
	}
	var matched []string
	for _, f := range files {
		if include.MatchString(f) && !exclude.MatchString(f) {
			matched = append(matched, f)
		}
	}
	if len(matched) == 0 {
		return -1, ""
	}
	argv := append(strings.Fields(h.Entry), h.Args...)
	if h.PassFilenames == nil || *h.PassFilenames {
		argv = append(argv, matched...)
	}
	cmd := exec.Command(filepath.Join(bin, argv[0]), argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PRE_COMMIT=1", "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	return exitStatus(t, strings.Join(argv, " "), err), string(out)
}

// listFiles lists the files under dir, relative to it with / separators,
// leaving out .git.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// userRepo makes a repository as a user of the hooks might have: policies
// and scenarios (the scenarios of testdata), a CloudFormation template, a
// Terraform file without policies, a workflow and a package.json.
func userRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "iam"), os.DirFS(filepath.Join(repoRoot, "testdata", "scenarios"))); err != nil {
		t.Fatal(err)
	}
	template, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "iac", "app", "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{
		".github/workflows/ci.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n",
		"package.json":             `{"name": "app", "version": "1.0.0"}` + "\n",
		"infra/main.tf":            "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\n",
		"infra/template.yaml":      string(template),
	} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestPreCommitHooks installs the hooks as pre-commit does and runs their
// entries with the files pre-commit would pass: with the manifest's
// defaults in a user's repository, and as docs/ci.md configures them, in
// this one.
func TestPreCommitHooks(t *testing.T) {
	hooks := loadHooks(t)
	for _, id := range []string{"iamsim-lint", "iamsim-test"} {
		h, ok := hooks[id]
		if !ok {
			t.Fatalf(".pre-commit-hooks.yaml has no hook %s", id)
		}
		if h.Language != "golang" || !strings.HasPrefix(h.Entry, "iamsim ") || h.Name == "" || h.Description == "" {
			t.Errorf("hook %s: language %q, entry %q: want golang, an iamsim command, a name and a description", id, h.Language, h.Entry)
		}
	}
	if testing.Short() {
		t.Skip("builds every command with go install ./...: run without -short")
	}
	bin := installHooks(t)

	repo := userRepo(t)
	defaults := []struct {
		name   string
		hook   hook
		exit   int
		output string
	}{
		{"lint with the default args lints the repository", hooks["iamsim-lint"], 1, "iam/policies/identity-administrator-access.json:7:23: error admin-star"},
		{"test without args asks for the scenarios", hooks["iamsim-test"], 2, "iamsim: test needs a scenario FILE or DIR"},
		{"test with the scenario directory", merge(hooks["iamsim-test"], hook{Args: []string{"iam"}}), 0, "34 passed, 0 failed"},
	}
	for _, tc := range defaults {
		t.Run(tc.name, func(t *testing.T) {
			code, out := runHook(t, tc.hook, bin, repo, listFiles(t, repo))
			if code != tc.exit || !strings.Contains(out, tc.output) {
				t.Errorf("exit status %d, want %d, and output with %q:\n%s", code, tc.exit, tc.output, out)
			}
		})
	}

	configs := docHookConfigs(t)
	if len(configs) < 3 {
		t.Errorf("found %d hook configurations in docs/ci.md, want at least 3: has the example syntax changed?", len(configs))
	}
	files := listFiles(t, repoRoot)
	for _, c := range configs {
		t.Run(c.where, func(t *testing.T) {
			m, ok := hooks[c.ID]
			if !ok {
				t.Fatalf("docs/ci.md configures hook %q, which .pre-commit-hooks.yaml does not define", c.ID)
			}
			h := merge(m, c)
			code, out := runHook(t, h, bin, repoRoot, files)
			if code != h.exit {
				t.Errorf("exit status %d, the doc says %d (a comment \"# exit N\" on its id):\n%s", code, h.exit, out)
			}
		})
	}
}

// docHookConfigs reads the hooks docs/ci.md configures: the hooks of a
// .pre-commit-config.yaml for this repository, and blocks that are lists
// of hooks.
func docHookConfigs(t *testing.T) []hook {
	t.Helper()
	var out []hook
	for _, b := range yamlBlocks(t, "docs/ci.md") {
		if !strings.Contains(b.text, "id: iamsim-") {
			continue
		}
		list := b.root
		if repos := key(b.root, "repos"); repos != nil {
			for _, r := range repos.Content {
				if key(r, "repo").Value != "https://github.com/iamsim/iamsim" || key(r, "rev") == nil {
					t.Errorf("%s: want repo https://github.com/iamsim/iamsim with a rev", b.where)
				}
				list = key(r, "hooks")
			}
		}
		for _, n := range list.Content {
			var h hook
			if err := n.Decode(&h); err != nil {
				t.Fatalf("%s: %v", b.where, err)
			}
			h.exit = exitOf(key(n, "id"))
			h.where = "docs/ci.md:" + strconv.Itoa(b.line+n.Line-1)
			out = append(out, h)
		}
	}
	return out
}
