// Package matcher compiles parsed policy statements into matchers for
// actions, resources and conditions, so that evaluating a request does no
// JSON work and allocates nothing. The evaluator decides; this package
// only answers "does this part of the statement match?".
package matcher

import "strings"

// Context gives conditions and policy variables the request's context keys.
type Context interface {
	// Lookup returns the values of the key named in lower case. multi is
	// set when the request gave the key as a list (a multi-valued key);
	// ok is false when the key is absent.
	Lookup(key string) (values []string, multi, ok bool)
}

// MapContext is a Context backed by a map whose keys are lower case.
type MapContext map[string]ContextValue

// ContextValue is the value of one context key.
type ContextValue struct {
	Values []string
	Multi  bool
}

// Lookup implements Context.
func (m MapContext) Lookup(key string) ([]string, bool, bool) {
	v, ok := m[key]
	return v.Values, v.Multi, ok
}

// Set stores a single-valued key.
func (m MapContext) Set(key, value string) {
	m[strings.ToLower(key)] = ContextValue{Values: []string{value}}
}

// SetList stores a multi-valued key.
func (m MapContext) SetList(key string, values ...string) {
	m[strings.ToLower(key)] = ContextValue{Values: values, Multi: true}
}
