package api

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/iamsim/iamsim/internal/iac"
	"github.com/iamsim/iamsim/internal/source"
)

// lintInput is one document to lint.
type lintInput struct {
	name string
	src  []byte
	// named is set for a file named on the command line (or standard
	// input), clear for one a directory or a glob gave.
	named bool
	// code is the format of infrastructure code (iac.None for a policy
	// file or an account export); a Terraform module or a CDK cloud
	// assembly is a directory, with no src.
	code iac.Format
	// selector, for a reference FILE#SELECTOR, names the policies of the
	// code to lint (iac.Select).
	selector string
}

// isPolicyFile reports whether a file a directory or glob gave, not an
// account export (account.IsExport), is to be linted: anything but a
// JSON object with neither Statement nor Version (package.json,
// tsconfig.json). Invalid
// JSON is linted, so that a broken policy is reported, unless it is an
// object that names none of those keys (a tsconfig.json with comments).
func isPolicyFile(src []byte) bool {
	if !gjson.ValidBytes(src) {
		if !bytes.HasPrefix(bytes.TrimLeft(src, " \t\r\n"), []byte("{")) {
			return true
		}
		for _, key := range []string{`"Statement"`, `"Version"`, `DetailList"`, `"Policies"`} {
			if bytes.Contains(src, []byte(key)) {
				return true
			}
		}
		return false
	}
	root := gjson.ParseBytes(src)
	return !root.IsObject() || root.Get("Statement").Exists() || root.Get("Version").Exists()
}

// collectInputs reads every path: files as given, directories recursively
// (*.json files and infrastructure code, in lexical order), globs,
// references to policies of code (FILE#SELECTOR), and "-" from stdin. Paths that
// cannot be read are returned as errors; the others are still linted.
func collectInputs(paths []string, stdin io.Reader, lim source.Limits) ([]lintInput, []error) {
	var inputs []lintInput
	var errs []error
	seen := map[string]bool{}
	add := func(path string, named bool) {
		clean := filepath.Clean(path)
		if seen[clean] {
			return // named twice: lint it once
		}
		seen[clean] = true
		src, err := lim.ReadFile(path)
		if err != nil {
			errs = append(errs, err)
			return
		}
		code := iac.DetectFile(path, src)
		if !named && code == iac.None && !isJSONName(path) {
			return // YAML that is no template: a walk looks at it only for templates
		}
		inputs = append(inputs, lintInput{name: path, src: src, named: named, code: code})
	}
	addCode := func(dir string, format iac.Format, named bool) {
		if clean := filepath.Clean(dir); !seen[clean] {
			seen[clean] = true
			inputs = append(inputs, lintInput{name: dir, named: named, code: format})
		}
	}
	for _, path := range paths {
		if path == "-" {
			src, err := lim.Read(source.Stdin, stdin)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			inputs = append(inputs, lintInput{name: source.Stdin, src: src, named: true})
			continue
		}
		if file, selector, ok := iac.SplitRef(path); ok {
			if seen[path] {
				continue
			}
			seen[path] = true
			format := (&iac.Reader{Limits: lim}).Format(file)
			if format == iac.None {
				errs = append(errs, fmt.Errorf("%s: #%s names a policy of infrastructure code, and %s is none (docs/iac.md)", path, selector, file))
				continue
			}
			inputs = append(inputs, lintInput{name: file, named: true, code: format, selector: selector})
			continue
		}
		matches, err := expandPath(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, m := range matches {
			info, err := os.Stat(m)
			switch {
			case err != nil:
				errs = append(errs, source.FileError(m, err))
			case info.IsDir() && iac.DetectDir(m) != iac.None:
				addCode(m, iac.DetectDir(m), true)
			case info.IsDir():
				files, modules, walkErrs := policyFiles(m)
				errs = append(errs, walkErrs...)
				for _, f := range files {
					add(f, false)
				}
				for _, dir := range modules {
					addCode(dir, iac.Terraform, false)
				}
			default:
				add(m, m == path) // a glob's matches are not named
			}
		}
	}
	return inputs, errs
}

// expandPath returns the path itself, or for a glob that names no file the
// paths it matches.
func expandPath(path string) ([]string, error) {
	if _, err := os.Lstat(path); err == nil || !strings.ContainsAny(path, "*?[") {
		return []string{path}, nil
	}
	matches, err := filepath.Glob(path)
	if err != nil {
		return nil, fmt.Errorf("%s: malformed glob: %v", path, err)
	}
	if len(matches) == 0 {
		return nil, fmt.Errorf("%s: no file matches this pattern", path)
	}
	return matches, nil
}

// policyFiles returns the files under dir that may hold policies, in
// lexical order: *.json files, and YAML and .template files, which may
// be CloudFormation templates; and the directories that hold *.tf files,
// each a Terraform module.
func policyFiles(dir string) (files, modules []string, errs []error) {
	walkErr := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, source.FileError(p, err))
			return nil
		}
		if d.IsDir() {
			if d.Name() == ".terraform" && p != dir {
				return filepath.SkipDir // downloaded modules and providers
			}
			return nil
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".json", ".yaml", ".yml", ".template":
			files = append(files, p)
		case ".tf":
			if m := filepath.Dir(p); len(modules) == 0 || modules[len(modules)-1] != m {
				modules = append(modules, m)
			}
		}
		return nil
	})
	if walkErr != nil {
		errs = append(errs, walkErr)
	}
	if len(files) == 0 && len(modules) == 0 {
		errs = append(errs, fmt.Errorf("%s: no policy files (*.json) or infrastructure code (templates, *.tf) in this directory", dir))
	}
	sort.Strings(files)
	return files, modules, errs
}

// jsonFiles returns the *.json files under dir in lexical order.
func jsonFiles(dir string) ([]string, []error) {
	var files []string
	var errs []error
	walkErr := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, source.FileError(p, err))
			return nil
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".json") {
			files = append(files, p)
		}
		return nil
	})
	if walkErr != nil {
		errs = append(errs, walkErr)
	}
	if len(files) == 0 {
		errs = append(errs, fmt.Errorf("%s: no *.json files in this directory", dir))
	}
	sort.Strings(files)
	return files, errs
}
