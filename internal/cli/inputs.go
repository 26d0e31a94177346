package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/scenario"
	"github.com/iamsim/iamsim/policy"
)

// policyReader reads policy arguments: a path, file://path (AWS CLI
// style), or - for standard input (once).
type policyReader struct {
	stdin     io.Reader
	stdinUsed bool
	limits    scenario.Limits // how much of one file is read
	problems  policy.ErrorList
	err       error // the first file error of readInline
	// kindFlag is the flag that overrides a detected kind ("" when the
	// command has none), named in problems the detection caused.
	kindFlag string
}

// read loads and parses one policy argument; problems are collected.
func (r *policyReader) read(arg string, kind policy.Kind, detect bool) (*policy.Document, error) {
	name := strings.TrimPrefix(arg, "file://")
	var src []byte
	var err error
	if name == "-" {
		if r.stdinUsed {
			return nil, fmt.Errorf("standard input (-) can be read only once")
		}
		r.stdinUsed = true
		name = "<stdin>"
		src, err = r.limits.Read(name, r.stdin)
	} else {
		src, err = r.limits.ReadFile(name)
	}
	if err != nil {
		return nil, err
	}
	if detect {
		if k := policy.DetectKind(src); k == policy.Trust {
			kind = k
		}
	}
	doc, perr := policy.Parse(name, src, kind)
	if perr != nil {
		problems := perr.(policy.ErrorList)
		if detect {
			problems = detectedKindProblems(problems, kind, r.kindFlag)
		}
		r.problems = append(r.problems, problems...)
		return nil, nil
	}
	return doc, nil
}

// readInline reads a policy argument as the AWS CLI takes it: inline
// JSON, or file://path (a plain path and - work too). label names inline
// JSON in positions. The first file error is kept in r.err; problems in
// the policies are collected.
func (r *policyReader) readInline(arg, label string, kind policy.Kind) *policy.Document {
	if r.err != nil {
		return nil
	}
	if !strings.HasPrefix(strings.TrimSpace(arg), "{") {
		d, err := r.read(arg, kind, kind == policy.Resource)
		if err != nil {
			r.err = err
		}
		return d
	}
	detect := kind == policy.Resource
	if detect && policy.DetectKind([]byte(arg)) == policy.Trust {
		kind = policy.Trust
	}
	doc, err := policy.Parse(label, []byte(arg), kind)
	if err != nil {
		problems := err.(policy.ErrorList)
		if detect {
			problems = detectedKindProblems(problems, kind, r.kindFlag)
		}
		r.problems = append(r.problems, problems...)
		return nil
	}
	return doc
}

// parseContext reads --context key=value flags: key=v1,v2 or a repeated
// key gives a multi-valued key.
func parseContext(ctx evaluator.Context, flags []string) error {
	for _, f := range flags {
		key, value, ok := strings.Cut(f, "=")
		if !ok || key == "" {
			return fmt.Errorf("--context %q: want key=value, or key=v1,v2 for a multi-valued key", f)
		}
		values := strings.Split(value, ",")
		addContext(ctx, key, values, len(values) > 1)
	}
	return nil
}

// addContext adds values to a key; a key given twice, in any case,
// becomes a list.
func addContext(ctx evaluator.Context, key string, values []string, multi bool) {
	ctx.Add(key, values, multi)
}

// parseContextFile reads a JSON or YAML map of keys to a value or a list
// (docs/cli.md), reading no more of it than lim allows.
func parseContextFile(ctx evaluator.Context, path string, lim scenario.Limits) error {
	src, err := lim.ReadFile(path)
	if err != nil {
		return err
	}
	file, err := scenario.ParseContext(path, src)
	if err != nil {
		return inputProblems(err)
	}
	for k, v := range file {
		addContext(ctx, k, v.Values, v.Multi)
	}
	return nil
}

// awsContextEntry is one entry of the AWS CLI's --context-entries.
type awsContextEntry struct {
	ContextKeyName   string
	ContextKeyValues []string
	ContextKeyType   string
}

// parseContextEntries reads --context-entries as the AWS CLI takes them:
// the shorthand ContextKeyName=k,ContextKeyValues=v1,v2,ContextKeyType=t
// or a JSON list of such objects. A type ending in "List" makes the key
// multi-valued.
func parseContextEntries(ctx evaluator.Context, flags []string) error {
	for _, f := range flags {
		var entries []awsContextEntry
		if strings.HasPrefix(strings.TrimSpace(f), "[") {
			if err := json.Unmarshal([]byte(f), &entries); err != nil {
				return fmt.Errorf("--context-entries: %v", err)
			}
		} else {
			e, err := parseShorthandEntry(f)
			if err != nil {
				return err
			}
			entries = append(entries, e)
		}
		for _, e := range entries {
			if e.ContextKeyName == "" || len(e.ContextKeyValues) == 0 {
				return fmt.Errorf("--context-entries %q: ContextKeyName and ContextKeyValues are required", f)
			}
			multi := strings.HasSuffix(strings.ToLower(e.ContextKeyType), "list")
			addContext(ctx, e.ContextKeyName, e.ContextKeyValues, multi)
		}
	}
	return nil
}

var shorthandFields = []string{"ContextKeyName=", "ContextKeyValues=", "ContextKeyType="}

// parseShorthandEntry splits the AWS CLI shorthand at its field names, so
// that ContextKeyValues may hold commas between values.
func parseShorthandEntry(s string) (awsContextEntry, error) {
	var e awsContextEntry
	type field struct {
		name  string
		start int
	}
	var fields []field
	for _, name := range shorthandFields {
		i := strings.Index(s, name)
		if i >= 0 && (i == 0 || s[i-1] == ',') {
			fields = append(fields, field{name, i})
		}
	}
	if len(fields) == 0 {
		return e, fmt.Errorf("--context-entries %q: want ContextKeyName=KEY,ContextKeyValues=V1,V2,ContextKeyType=TYPE", s)
	}
	for _, f := range fields {
		end := len(s)
		for _, g := range fields {
			if g.start > f.start && g.start-1 < end {
				end = g.start - 1
			}
		}
		value := s[f.start+len(f.name) : end]
		switch f.name {
		case "ContextKeyName=":
			e.ContextKeyName = value
		case "ContextKeyValues=":
			value = strings.TrimSuffix(strings.TrimPrefix(value, "["), "]")
			e.ContextKeyValues = strings.Split(value, ",")
		case "ContextKeyType=":
			e.ContextKeyType = value
		}
	}
	return e, nil
}

// applyNow sets aws:CurrentTime and aws:EpochTime from --now (an RFC 3339
// instant, or "now" for the clock) unless the request supplies them.
func applyNow(ctx evaluator.Context, now string, clock func() time.Time) error {
	if now == "" {
		return nil
	}
	var t time.Time
	if now == "now" {
		t = clock().UTC()
	} else {
		var err error
		if t, err = time.Parse(time.RFC3339, now); err != nil {
			return fmt.Errorf("--now %q: want an RFC 3339 instant such as 2026-01-31T12:00:00Z, or now", now)
		}
	}
	for _, k := range []string{"aws:CurrentTime", "aws:EpochTime"} {
		if existing, _, ok := ctx.Find(k); ok {
			return fmt.Errorf("--now and a supplied %s conflict: give one of them", existing)
		}
	}
	ctx.Set("aws:CurrentTime", t.UTC().Format(time.RFC3339))
	ctx.Set("aws:EpochTime", fmt.Sprint(t.Unix()))
	return nil
}
