package mcp

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/iamsim/iamsim/evaluator"
)

// contextValue is one key of a request context argument.
type contextValue struct {
	key    string
	values []string
	multi  bool
}

// contextValues reads a context argument, keys in order: a string (or a
// number or boolean, written as JSON writes it) is a single value, a list
// of them a multi-valued key.
func contextValues(ctx map[string]any) ([]contextValue, error) {
	keys := make([]string, 0, len(ctx))
	for k := range ctx {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]contextValue, 0, len(keys))
	for _, k := range keys {
		list, multi := ctx[k].([]any)
		if !multi {
			list = []any{ctx[k]}
		}
		if len(list) == 0 {
			return nil, fmt.Errorf("context key %q: the list is empty", k)
		}
		values := make([]string, 0, len(list))
		for _, item := range list {
			s, ok := scalar(item)
			if !ok {
				return nil, fmt.Errorf("context key %q: want a string or a list of strings, found %s", k, jsonText(item))
			}
			values = append(values, s)
		}
		out = append(out, contextValue{k, values, multi})
	}
	return out, nil
}

// requestContext reads a context argument as a request context.
func requestContext(ctx map[string]any) (evaluator.Context, error) {
	values, err := contextValues(ctx)
	if err != nil {
		return nil, err
	}
	out := evaluator.Context{}
	for _, v := range values {
		out.Add(v.key, v.values, v.multi)
	}
	return out, nil
}

// scalar returns a string, number or boolean as text.
func scalar(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case float64, bool, json.Number:
		return jsonText(x), true
	}
	return "", false
}

// jsonText writes v as JSON.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
