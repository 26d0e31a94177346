package batch

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// lineError is a problem with one input line or record, at a byte offset
// of it (-1 when no column is known).
type lineError struct {
	offset int
	msg    string
}

func (e *lineError) Error() string { return e.msg }

func errorAt(offset int, format string, args ...any) *lineError {
	return &lineError{offset: offset, msg: fmt.Sprintf(format, args...)}
}

// column returns the 1-based column, in characters, of a byte offset of
// the line, or 0 when the offset is unknown.
func column(line string, offset int) int {
	if offset < 0 || offset > len(line) {
		return 0
	}
	return utf8.RuneCountInString(line[:offset]) + 1
}

// syntaxError describes why a line is not valid JSON, in the words policy
// files get (policy.SyntaxMessage): only malformed lines pay for it.
func syntaxError(line string) *lineError {
	var v any
	src := []byte(line)
	at, msg := policy.SyntaxMessage(src, json.Unmarshal(src, &v))
	return errorAt(at, "%s", msg)
}

// lineFields are the fields of a request line, as in a scenario's
// requests (docs/scenarios.md), plus contextEntries in the AWS form.
const lineFields = "name, principal, action, resource, resourceAccount, context, contextEntries, expect, roleArn, uniqueId, federatingUser, awsManagedKey"

// decodeLine reads one request line into the worker's request.
func (w *worker) decodeLine(line string) *lineError {
	if !gjson.Valid(line) {
		return syntaxError(line)
	}
	obj := gjson.Parse(line)
	if !obj.IsObject() {
		return errorAt(obj.Index, "a request is a JSON object, not %s", typeName(obj))
	}
	r := &w.req
	var seen [3]bool // principal, action, resource
	var err *lineError
	obj.ForEach(func(k, v gjson.Result) bool {
		name := k.Str
		if w.seenField(name) {
			err = errorAt(k.Index, "duplicate field %q", name)
			return false
		}
		switch name {
		case "context":
			err = w.context(v)
			return err == nil
		case "contextEntries":
			err = w.contextEntries(v)
			return err == nil
		case "awsManagedKey":
			if !v.IsBool() {
				err = errorAt(v.Index, "awsManagedKey must be true or false, not %s", typeName(v))
				return false
			}
			r.AWSManagedKey = v.Bool()
			return true
		}
		var dst *string
		switch name {
		case "name":
			dst = &w.name
		case "principal":
			dst, seen[0] = &r.Principal, true
		case "action":
			dst, seen[1], w.actionAt = &r.Action, true, v.Index
		case "resource":
			dst, seen[2] = &r.Resource, true
		case "resourceAccount":
			dst = &r.ResourceAccount
		case "roleArn":
			dst = &r.RoleARN
		case "uniqueId":
			dst = &r.UniqueID
		case "federatingUser":
			dst = &r.FederatingUser
		case "expect":
			if v.Type != gjson.String {
				err = errorAt(v.Index, "expect must be a string, not %s", typeName(v))
				return false
			}
			d, perr := evaluator.ParseDecision(v.Str)
			if perr != nil {
				err = errorAt(v.Index, "%v", perr)
				return false
			}
			w.expect, w.hasExpect = d, true
			return true
		default:
			err = errorAt(k.Index, "unknown field %q (want %s)", name, lineFields)
			return false
		}
		if v.Type != gjson.String {
			err = errorAt(v.Index, "%s must be a string, not %s", name, typeName(v))
			return false
		}
		*dst = v.Str
		return true
	})
	if err != nil {
		return err
	}
	for i, f := range [...]string{"principal", "action", "resource"} {
		if !seen[i] {
			return errorAt(obj.Index, "the request has no %s", f)
		}
	}
	return nil
}

// seenField records a top-level field name and reports whether it was
// seen before on this line.
func (w *worker) seenField(name string) bool {
	for _, f := range w.fields {
		if f == name {
			return true
		}
	}
	w.fields = append(w.fields, name)
	return false
}

// context reads "context": key to a value or a list. Numbers and
// booleans are kept as their text, as in scenarios.
func (w *worker) context(v gjson.Result) *lineError {
	if !v.IsObject() {
		return errorAt(v.Index, "context must be an object of keys to values, not %s", typeName(v))
	}
	var err *lineError
	v.ForEach(func(k, val gjson.Result) bool {
		if val.IsArray() {
			start := len(w.values)
			val.ForEach(func(_, item gjson.Result) bool {
				s, ok := scalar(item)
				if !ok {
					err = errorAt(item.Index, "context key %q: a list holds strings, numbers or booleans, not %s", k.Str, typeName(item))
					return false
				}
				w.values = append(w.values, s)
				return true
			})
			if err == nil {
				err = w.setContext(k, evaluator.ContextValue{Values: w.values[start:len(w.values):len(w.values)], Multi: true})
			}
			return err == nil
		}
		s, ok := scalar(val)
		if !ok {
			err = errorAt(val.Index, "context key %q: want a string, number, boolean or a list of them, not %s", k.Str, typeName(val))
			return false
		}
		w.values = append(w.values, s)
		n := len(w.values)
		err = w.setContext(k, evaluator.ContextValue{Values: w.values[n-1 : n : n]})
		return err == nil
	})
	return err
}

// contextEntries reads "contextEntries" in the form of AWS's
// SimulateCustomPolicy: [{"ContextKeyName", "ContextKeyValues",
// "ContextKeyType"}]. Values are checked against their type.
func (w *worker) contextEntries(v gjson.Result) *lineError {
	if !v.IsArray() {
		return errorAt(v.Index, "contextEntries must be a list of {ContextKeyName, ContextKeyValues, ContextKeyType}, not %s", typeName(v))
	}
	var err *lineError
	v.ForEach(func(_, e gjson.Result) bool {
		if !e.IsObject() {
			err = errorAt(e.Index, "a context entry is an object, not %s", typeName(e))
			return false
		}
		var name, typ, values gjson.Result
		e.ForEach(func(k, val gjson.Result) bool {
			switch k.Str {
			case "ContextKeyName":
				name = val
			case "ContextKeyType":
				typ = val
			case "ContextKeyValues":
				values = val
			default:
				err = errorAt(k.Index, "unknown context entry field %q (want ContextKeyName, ContextKeyValues, ContextKeyType)", k.Str)
				return false
			}
			return true
		})
		if err != nil {
			return false
		}
		if name.Type != gjson.String || name.Str == "" {
			err = errorAt(e.Index, "a context entry needs ContextKeyName, a string")
			return false
		}
		base, list, known := evaluator.ContextKeyType(typ.Str)
		if !known || typ.Type != gjson.String {
			at := typ.Index
			if !typ.Exists() {
				at = e.Index
			}
			err = errorAt(at, "context key %q: unknown context key type %q (want %s)", name.Str, typ.String(), evaluator.ContextKeyTypes)
			return false
		}
		if !values.IsArray() {
			err = errorAt(e.Index, "context key %q: ContextKeyValues must be a list of strings", name.Str)
			return false
		}
		start := len(w.values)
		values.ForEach(func(_, item gjson.Result) bool {
			if item.Type != gjson.String {
				err = errorAt(item.Index, "context key %q: ContextKeyValues holds strings, not %s", name.Str, typeName(item))
				return false
			}
			if !evaluator.ValidContextValue(base, item.Str) {
				err = errorAt(item.Index, "context key %q: %q is not a valid %s", name.Str, item.Str, base)
				return false
			}
			w.values = append(w.values, item.Str)
			return true
		})
		if err != nil {
			return false
		}
		vals := w.values[start:len(w.values):len(w.values)]
		if !list && len(vals) != 1 {
			err = errorAt(values.Index, "context key %q: type %s takes one value, not %d (use %sList)", name.Str, base, len(vals), base)
			return false
		}
		err = w.setContext(name, evaluator.ContextValue{Values: vals, Multi: list})
		return err == nil
	})
	return err
}

// setContext adds a context key; a key given twice, in any case, is an
// error.
func (w *worker) setContext(k gjson.Result, v evaluator.ContextValue) *lineError {
	name := w.keyName(k.Str)
	if _, dup := w.ctx[name]; dup {
		return errorAt(k.Index, "duplicate context key %q (key names are case-insensitive)", k.Str)
	}
	w.ctx[name] = v
	w.given = append(w.given, k.Str)
	return nil
}

// keyName returns a context key's canonical name
// (evaluator.CanonicalKey), remembered per worker so that a name seen
// before costs no allocation.
func (w *worker) keyName(s string) string {
	if lower, ok := w.keys[s]; ok {
		return lower
	}
	lower := evaluator.CanonicalKey(strings.Clone(s))
	if len(w.keys) >= cacheSize {
		clear(w.keys)
	}
	w.keys[strings.Clone(s)] = lower
	return lower
}

// scalar returns a string, number or boolean as text.
func scalar(v gjson.Result) (string, bool) {
	switch v.Type {
	case gjson.String:
		return v.Str, true
	case gjson.Number:
		return v.Raw, true
	case gjson.True:
		return "true", true
	case gjson.False:
		return "false", true
	}
	return "", false
}

// typeName names a JSON value's type for messages.
func typeName(v gjson.Result) string {
	switch {
	case v.IsObject():
		return "an object"
	case v.IsArray():
		return "a list"
	}
	switch v.Type {
	case gjson.String:
		return "a string"
	case gjson.Number:
		return "a number"
	case gjson.True, gjson.False:
		return "a boolean"
	case gjson.Null:
		return "null"
	}
	return "nothing"
}
