package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/internal/source"
)

// scenarioFiles expands the paths: files as given, directories
// recursively, in lexical order.
func scenarioFiles(paths []string, lim source.Limits) ([]string, error) {
	var files []string
	for _, path := range paths {
		info, err := os.Stat(path)
		if err != nil {
			return nil, source.FileError(path, err)
		}
		if !info.IsDir() {
			files = append(files, path)
			continue
		}
		var found []string
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return source.FileError(p, err)
			}
			if !d.IsDir() && isScenarioFile(p, lim) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no scenario files in this directory (*.yaml, *.yml, or *.json with requests)", path)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

// isScenarioFile reports whether a file found in a directory is a
// scenario: YAML files are; JSON files only with a "requests" key, so that
// policy documents next to scenarios are passed over. A JSON file that
// cannot be read counts, and so does one that is not valid JSON but names
// "requests", so that loading reports it rather than skipping a broken
// test.
func isScenarioFile(path string, lim source.Limits) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return true
	case ".json":
		src, err := lim.ReadFile(path)
		if err != nil {
			return true
		}
		if !json.Valid(src) {
			return bytes.Contains(src, []byte(`"requests"`))
		}
		var m map[string]json.RawMessage
		return json.Unmarshal(src, &m) == nil && m["requests"] != nil
	}
	return false
}
