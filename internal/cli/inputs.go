package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/managedpolicies"
	"github.com/iamsim/iamsim/internal/scenario"
	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/internal/textdist"
	"github.com/iamsim/iamsim/policy"
)

// policyReader reads policy arguments (policyArg) for every command that
// takes them: eval's policy flags and simulate-*'s policy lists.
type policyReader struct {
	stdin     io.Reader
	stdinUsed bool
	limits    source.Limits // how much of one file is read, and of each policy
	problems  policy.ErrorList
	err       error // the first error that is not a policy problem
	// kindFlag is the flag that overrides a detected kind ("" when the
	// command has none), named in problems the detection caused; when
	// kindGiven is set that flag was given, so a resource policy is read
	// as the kind asked for, not detected.
	kindFlag  string
	kindGiven bool
}

// policyArg reads one policy argument, in any of its forms: an AWS
// managed policy ARN (arn:aws:iam::aws:policy/ReadOnlyAccess, from
// iamsim's snapshot, named by its ARN in explanations), inline JSON (a
// value starting with "{", named label in positions: --identity:1:15),
// file://path as the AWS CLI takes it, a path, or - for standard input
// (once). A resource policy that reads as a role trust policy becomes
// one. The first error that is not about a policy's content (a missing
// file, an unknown ARN) is kept in r.err and stops further reading;
// problems in the policies are collected in r.problems.
func (r *policyReader) policyArg(arg, label string, kind policy.Kind) *policy.Document {
	if r.err != nil {
		return nil
	}
	name, src, err := r.source(arg, label)
	if err != nil {
		r.err = err
		return nil
	}
	var doc *policy.Document
	if kind == policy.Resource && !r.kindGiven {
		doc, err = scenario.ParseDetected(name, src, r.kindFlag, r.limits.Policy)
	} else {
		doc, err = r.limits.Policy.Parse(name, src, kind)
	}
	if err != nil {
		r.problems = append(r.problems, err.(policy.ErrorList)...)
		return nil
	}
	return doc
}

// source returns a policy argument's name in positions and its text.
func (r *policyReader) source(arg, label string) (string, []byte, error) {
	trimmed := strings.TrimSpace(arg)
	switch {
	case strings.HasPrefix(trimmed, "{"):
		return label, []byte(arg), nil
	case strings.HasPrefix(trimmed, managedpolicies.ARNPrefix+"/"):
		src, err := managedPolicy(trimmed)
		if err != nil {
			return "", nil, fmt.Errorf("%s %s: %w", label, trimmed, err)
		}
		return trimmed, src, nil
	}
	name := strings.TrimPrefix(arg, "file://")
	if name != "-" {
		src, err := r.limits.ReadFile(name)
		if _, serr := os.Stat(name); err != nil && errors.Is(serr, fs.ErrNotExist) {
			// Perhaps not meant as a file: say what else the flag takes.
			flag, _, _ := strings.Cut(label, "[")
			err = fmt.Errorf("%w (%s takes a policy file, inline JSON starting with {, - for standard input, or an AWS managed policy ARN)", err, flag)
		}
		return name, src, err
	}
	if r.stdinUsed {
		return "", nil, fmt.Errorf("%s -: standard input can be read only once", label)
	}
	r.stdinUsed = true
	src, err := r.limits.Read("<stdin>", r.stdin)
	return "<stdin>", src, err
}

// managedPolicy returns the document of an AWS managed policy from
// iamsim's snapshot; for an ARN it does not hold, an error with the
// nearest policy's ARN.
func managedPolicy(arn string) ([]byte, error) {
	snap, err := managedpolicies.Embedded()
	if err != nil {
		return nil, err
	}
	if p, ok := snap.ByARN(arn); ok {
		return p.Document, nil
	}
	name := strings.ToLower(arn[strings.LastIndexByte(arn, '/')+1:])
	names := make([]string, len(snap.Policies))
	for i, p := range snap.Policies {
		names[i] = strings.ToLower(p.Name)
	}
	msg := fmt.Sprintf("not an AWS managed policy in iamsim's snapshot (data of %s)", snap.Info.Date)
	if i := textdist.NearestWithin(name, names, len(name)/3+2); i >= 0 {
		msg += fmt.Sprintf("; did you mean %s?", snap.Policies[i].ARN)
	}
	return nil, errors.New(msg)
}

// snapshotNotes says, for the result's notes, which of the policies came
// from iamsim's snapshot of AWS managed policies, with their version and
// the snapshot's date: AWS may have changed them since.
func snapshotNotes(p evaluator.Policies) []string {
	snap, err := managedpolicies.Embedded()
	if err != nil {
		return nil
	}
	docs := append([]*policy.Document{p.Resource, p.Boundary, p.Session, p.Endpoint}, p.Identity...)
	for _, levels := range [][][]*policy.Document{p.SCPs, p.RCPs} {
		for _, level := range levels {
			docs = append(docs, level...)
		}
	}
	var notes []string
	seen := map[string]bool{}
	for _, d := range docs {
		if d == nil || seen[d.Name] {
			continue
		}
		seen[d.Name] = true
		if mp, ok := snap.ByARN(d.Name); ok {
			notes = append(notes, fmt.Sprintf("%s is version %s from iamsim's snapshot of AWS managed policies (data of %s)", mp.ARN, mp.VersionID, snap.Info.Date))
		}
	}
	return notes
}

// argLabel names the i-th of n values of a policy flag in positions:
// --identity when it is given once, --identity[1] for the second of
// several.
func argLabel(flag string, i, n int) string {
	if n == 1 {
		return flag
	}
	return fmt.Sprintf("%s[%d]", flag, i)
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
		return inputProblems(err)
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
// multi-valued.
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
			multi := strings.HasSuffix(strings.ToLower(e.ContextKeyType), "list")
			ctx.Add(e.ContextKeyName, e.ContextKeyValues, multi)
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
