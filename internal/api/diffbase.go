package api

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// basePairs pairs the working tree's NEW (a file, or the *.json files of
// a directory) with the same files at the git revision base, read with
// git show in NEW's directory: nothing is checked out. A file that base
// lacks is compared with no policy, and so is a file of base that the
// working tree lacks. OLD is named REF:PATH in positions.
func (e Engine) basePairs(base, newPath string) ([][2]diffInput, error) {
	if strings.HasPrefix(base, "-") {
		return nil, fmt.Errorf("--base %q: want a git revision", base)
	}
	dir, err := isDir(newPath)
	if err != nil {
		return nil, err
	}
	gitDir := newPath
	if !dir {
		gitDir = filepath.Dir(newPath)
	}
	if _, err := git(gitDir, "rev-parse", "--verify", "--quiet", base+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--base %s: not a git revision of the repository of %s", base, newPath)
	}
	if !dir {
		src, err := e.Limits.ReadFile(newPath)
		if err != nil {
			return nil, err
		}
		old, err := gitShow(filepath.Dir(newPath), base, filepath.Base(newPath), newPath)
		if err != nil {
			return nil, err
		}
		return [][2]diffInput{{old, {newPath, src}}}, nil
	}
	rels := map[string]bool{}
	files, errs := jsonFiles(newPath)
	if len(errs) > 0 && len(files) > 0 {
		return nil, errors.Join(errs...)
	}
	for _, f := range files {
		rel, err := filepath.Rel(newPath, f)
		if err != nil {
			return nil, err
		}
		rels[filepath.ToSlash(rel)] = true
	}
	listed, err := git(newPath, "ls-tree", "-r", "--name-only", base, "--", ".")
	if err != nil {
		return nil, fmt.Errorf("--base %s: %v", base, err)
	}
	for _, rel := range strings.Split(strings.TrimSpace(string(listed)), "\n") {
		if strings.HasSuffix(strings.ToLower(rel), ".json") {
			rels[rel] = true
		}
	}
	names := make([]string, 0, len(rels))
	for r := range rels {
		names = append(names, r)
	}
	sort.Strings(names)
	var out [][2]diffInput
	for _, rel := range names {
		path := filepath.Join(newPath, filepath.FromSlash(rel))
		old, err := gitShow(newPath, base, rel, path)
		if err != nil {
			return nil, err
		}
		var cur diffInput
		if src, err := e.Limits.ReadFile(path); err == nil {
			cur = diffInput{path, src}
		}
		out = append(out, [2]diffInput{old, cur})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no *.json files in this directory or at %s", newPath, base)
	}
	return out, nil
}

// gitShow reads file rel of directory dir at revision base, naming it
// REF:path in positions: no policy (nil text) when base lacks it.
func gitShow(dir, base, rel, path string) (diffInput, error) {
	name := base + ":" + filepath.ToSlash(path)
	if _, err := git(dir, "cat-file", "-e", base+":./"+rel); err != nil {
		return diffInput{}, nil
	}
	src, err := git(dir, "show", base+":./"+rel)
	if err != nil {
		return diffInput{}, fmt.Errorf("--base %s: %v", base, err)
	}
	return diffInput{name, src}, nil
}

// git runs a git command in dir and returns its standard output; an
// error carries the first line git wrote on standard error.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(msg)
	}
	return out, nil
}
