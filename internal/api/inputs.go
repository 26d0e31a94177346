package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/scenario"
	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// ParseContext adds to ctx the entries of --context key=value flags:
// key=v1,v2 or a repeated key gives a multi-valued key.
func ParseContext(ctx evaluator.Context, flags []string) error {
	for _, f := range flags {
		key, value, ok := strings.Cut(f, "=")
		if !ok || key == "" {
			return fmt.Errorf("--context %q: want key=value, or key=v1,v2 for a multi-valued key", f)
		}
		values := strings.Split(value, ",")
		ctx.Add(key, values, len(values) > 1)
	}
	return nil
}

// parseContextFile reads a JSON or YAML map of keys to a value or a list
// (docs/cli.md), reading no more of it than lim allows.
func parseContextFile(ctx evaluator.Context, path string, lim source.Limits) error {
	src, err := lim.ReadFile(path)
	if err != nil {
		return err
	}
	file, err := scenario.ParseContext(path, src)
	if err != nil {
		return InputProblems(err)
	}
	for k, v := range file {
		ctx.Add(k, v.Values, v.Multi)
	}
	return nil
}

// awsContextEntry is one entry of the AWS CLI's --context-entries.
type awsContextEntry struct {
	ContextKeyName   string
	ContextKeyValues []string
	ContextKeyType   string
}

// contextEntriesError says why a JSON --context-entries value could not
// be read: a syntax error at its column, in the words policies get.
func contextEntriesError(value string, err error) error {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		found := typ.Value
		if typ.Field != "" {
			found += " in " + typ.Field
		}
		return fmt.Errorf("--context-entries: want a JSON list of objects with ContextKeyName, ContextKeyValues (a list of strings) and ContextKeyType, found %s", found)
	}
	at, msg := policy.SyntaxMessage([]byte(value), err)
	return fmt.Errorf("--context-entries:1:%d: %s", utf8.RuneCountInString(value[:min(at, len(value))])+1, msg)
}

// parseContextEntries reads --context-entries as the AWS CLI takes them:
// the shorthand ContextKeyName=k,ContextKeyValues=v1,v2,ContextKeyType=t
// or a JSON list of such objects. A type ending in "List" makes the key
// multi-valued; a type given must be one of AWS's, and each value valid
// for it, as in a batch's contextEntries.
func parseContextEntries(ctx evaluator.Context, flags []string) error {
	for _, f := range flags {
		var entries []awsContextEntry
		if strings.HasPrefix(strings.TrimSpace(f), "[") {
			if err := json.Unmarshal([]byte(f), &entries); err != nil {
				return contextEntriesError(f, err)
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
			multi, err := checkContextEntry(e)
			if err != nil {
				return fmt.Errorf("--context-entries %q: context key %q: %w", f, e.ContextKeyName, err)
			}
			ctx.Add(e.ContextKeyName, e.ContextKeyValues, multi)
		}
	}
	return nil
}

// checkContextEntry checks an entry's type and values, when it gives a
// type (AWS's ContextEntry does not require one), and reports whether the
// key is multi-valued.
func checkContextEntry(e awsContextEntry) (multi bool, err error) {
	if e.ContextKeyType == "" {
		return false, nil
	}
	base, list, ok := evaluator.ContextKeyType(e.ContextKeyType)
	if !ok {
		return false, fmt.Errorf("unknown context key type %q (want %s)", e.ContextKeyType, evaluator.ContextKeyTypes)
	}
	for _, v := range e.ContextKeyValues {
		if !evaluator.ValidContextValue(base, v) {
			return false, fmt.Errorf("%q is not a valid %s", v, base)
		}
	}
	if !list && len(e.ContextKeyValues) != 1 {
		return false, fmt.Errorf("type %s takes one value, not %d (use %sList)", base, len(e.ContextKeyValues), base)
	}
	return list, nil
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
// instant, or "now" for the clock, time.Now when nil) unless the request
// supplies them.
func applyNow(ctx evaluator.Context, now string, clock func() time.Time) error {
	if now == "" {
		return nil
	}
	var t time.Time
	if now == "now" {
		if clock == nil {
			clock = time.Now
		}
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
