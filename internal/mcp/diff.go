package mcp

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/api"
)

// DiffInput are the arguments of the diff tool: two versions of a
// policy, each a path (a policy file, a directory, a scenario, an account
// export, FILE#SELECTOR of code) or inline JSON.
type DiffInput struct {
	Old  string `json:"old" jsonschema:"the old version: a path, a FILE#SELECTOR reference, or the policy as JSON text (named old in positions)"`
	New  string `json:"new" jsonschema:"the new version: a path, a FILE#SELECTOR reference, or the policy as JSON text (named new in positions)"`
	Kind string `json:"kind,omitempty" jsonschema:"identity, resource, trust, boundary, session, scp, rcp or endpoint; detected when not given"`
	// Narrowings asks for what NEW no longer allows too.
	Narrowings bool `json:"narrowings,omitempty" jsonschema:"list the narrowings too"`
}

// DiffOutput is what NEW allows that OLD did not (and with Narrowings
// the reverse), pair by pair of policies compared.
type DiffOutput struct {
	Widenings  []Change `json:"widenings"`
	Narrowings []Change `json:"narrowings,omitempty"`
	// Possible are the statements the analysis could not settle.
	Possible []Unsettled `json:"possible,omitempty"`
}

// Change is one action whose access changed, with a witness request.
type Change struct {
	// Old and New are the policies compared (files, or old and new for
	// inline policies); Subject says what of two scenarios or exports.
	Old          string   `json:"old,omitempty"`
	New          string   `json:"new,omitempty"`
	Subject      string   `json:"subject,omitempty"`
	Action       string   `json:"action"`
	AccessLevels []string `json:"accessLevels"`
	Witness      Witness  `json:"witness"`
	// Statement is the change responsible: for a widening, NEW's Allow
	// statement that allows the witness (or OLD's Deny that no longer
	// applies, with Other).
	Statement Statement `json:"statement"`
	Other     bool      `json:"other,omitempty" jsonschema:"the statement stands in the other version: a Deny that no longer applies, or a limit removed"`
}

// Witness is a request the two versions decide differently.
type Witness struct {
	Principal string              `json:"principal"`
	Action    string              `json:"action"`
	Resource  string              `json:"resource"`
	Context   map[string][]string `json:"context,omitempty"`
	RoleARN   string              `json:"roleArn,omitempty"`
	// Absent are context keys whose absence is part of the witness.
	Absent []string `json:"absent,omitempty"`
}

// Unsettled is a statement whose effect the analysis could not settle.
type Unsettled struct {
	Statement Statement `json:"statement"`
	Why       string    `json:"why"`
	Narrowing bool      `json:"narrowing,omitempty"`
}

// diffTool compares in.Old and in.New (api.Engine.Diff). An inline
// policy is written to a file of a temporary directory, read within the
// engine's limits like any file, and named old or new in the answer.
func diffTool(e api.Engine, in DiffInput) (DiffOutput, string, error) {
	out := DiffOutput{Widenings: []Change{}}
	if strings.TrimSpace(in.Old) == "" || strings.TrimSpace(in.New) == "" {
		return out, "", fmt.Errorf("old and new: give both versions, each a path or the policy as JSON text")
	}
	if err := noStdin("old and new", []string{in.Old, in.New}); err != nil {
		return out, "", err
	}
	kind, err := api.LintKind(in.Kind)
	if err != nil {
		return out, "", fmt.Errorf("kind %q: want identity, resource, trust, boundary, session, scp, rcp or endpoint", in.Kind)
	}
	files, err := newInlineFiles()
	if err != nil {
		return out, "", err
	}
	defer files.remove()
	oldPath, err := files.path(in.Old, "old")
	if err != nil {
		return out, "", err
	}
	newPath, err := files.path(in.New, "new")
	if err != nil {
		return out, "", err
	}
	report, err := e.Diff(api.DiffOptions{Old: oldPath, New: newPath, Kind: kind, Narrowings: in.Narrowings})
	if err != nil {
		return out, "", errors.New(files.rename(err.Error()))
	}
	var text strings.Builder
	for _, p := range report.Pairs {
		if p.DiffResult == nil {
			continue
		}
		for _, f := range p.Widenings {
			out.Widenings = append(out.Widenings, files.change(p, f))
		}
		for _, f := range p.Narrowings {
			out.Narrowings = append(out.Narrowings, files.change(p, f))
		}
		for _, u := range p.Possible {
			out.Possible = append(out.Possible, Unsettled{Statement: files.statement(u.Statement), Why: u.Why, Narrowing: u.Narrowing})
		}
	}
	fmt.Fprintf(&text, "%d %s\n", len(out.Widenings), pluralWidening(len(out.Widenings)))
	for _, c := range out.Widenings {
		fmt.Fprintf(&text, "  %s (%s): %s on %s, allowed by %s\n", c.Action, strings.Join(c.AccessLevels, ", "), c.Witness.Principal, c.Witness.Resource, c.Statement.Position)
	}
	if len(out.Possible) > 0 {
		fmt.Fprintf(&text, "%d statements could not be settled\n", len(out.Possible))
	}
	return out, text.String(), nil
}

// pluralWidening says widening for one, widenings otherwise.
func pluralWidening(n int) string {
	if n == 1 {
		return "widening"
	}
	return "widenings"
}

// inlineFiles holds the inline policies of one call as files of a
// temporary directory, with the names they go by in the answer.
type inlineFiles struct {
	dir   string
	names map[string]string // file path to name
}

// newInlineFiles makes the temporary directory.
func newInlineFiles() (*inlineFiles, error) {
	dir, err := os.MkdirTemp("", "iamsim-mcp-")
	if err != nil {
		return nil, err
	}
	return &inlineFiles{dir: dir, names: map[string]string{}}, nil
}

// remove deletes the directory.
func (f *inlineFiles) remove() { os.RemoveAll(f.dir) }

// path returns arg as a path: arg itself, or for inline JSON (starting
// with "{") the file it was written to, named name.
func (f *inlineFiles) path(arg, name string) (string, error) {
	if !strings.HasPrefix(strings.TrimSpace(arg), "{") {
		return arg, nil
	}
	path := filepath.Join(f.dir, name+".json")
	if err := os.WriteFile(path, []byte(arg), 0o600); err != nil {
		return "", err
	}
	f.names[path] = name
	return path, nil
}

// rename puts the names of inline policies for their files in s.
func (f *inlineFiles) rename(s string) string {
	for path, name := range f.names {
		s = strings.ReplaceAll(s, path, name)
	}
	return s
}

// statement converts a statement reference, naming an inline policy.
func (f *inlineFiles) statement(ref evaluator.StatementRef) Statement {
	s := statementsOf([]evaluator.StatementRef{ref})[0]
	s.Policy, s.Position = f.rename(s.Policy), f.rename(s.Position)
	return s
}

// change converts one finding of a pair.
func (f *inlineFiles) change(p api.DiffPair, d api.DiffFinding) Change {
	w := Witness{Principal: d.Witness.Principal, Action: d.Witness.Action, Resource: d.Witness.Resource, RoleARN: d.Witness.RoleARN, Absent: d.Witness.Absent}
	if len(d.Witness.Context) > 0 {
		w.Context = map[string][]string{}
		for k, v := range d.Witness.Context {
			w.Context[k] = v.Values
		}
	}
	levels := d.AccessLevels
	if levels == nil {
		levels = []string{}
	}
	return Change{Old: f.rename(p.Old), New: f.rename(p.New), Subject: p.Subject, Action: d.Witness.Action, AccessLevels: levels, Witness: w,
		Statement: f.statement(d.Statement), Other: d.Other}
}
