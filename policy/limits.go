package policy

import (
	"fmt"
	"sync/atomic"
)

// Limits bounds what Parse reads of one policy document, so that hostile
// or broken input gets a clear error instead of unbounded time or memory
// (docs/limits.md). A document in an account export is checked on its
// own, not the export as a whole.
type Limits struct {
	// Bytes is the size of the largest document, in bytes (E025).
	Bytes int
	// Depth is the deepest nesting of JSON arrays and objects (E024). A
	// policy needs about six levels. It cannot exceed MaxDepth.
	Depth int
	// Statements is the most statements a document may have (E026).
	Statements int
	// Values is the most entries one list may have: an Action,
	// NotAction, Resource or NotResource list, the list of one principal
	// type, or a condition's values (E027).
	Values int
}

// DefaultLimits are the limits Parse applies until SetLimits is called.
// Each is several times what the largest AWS managed policy needs (230 KB,
// 162 statements, 1,548 actions in one list, 6 levels of nesting), and
// those are far larger than the policies customers may store.
var DefaultLimits = Limits{Bytes: 1 << 20, Depth: 64, Statements: 1000, Values: 10000}

// MaxDepth is the largest Limits.Depth: encoding/json, which locates
// syntax errors, reads no deeper.
const MaxDepth = maxSyntaxDepth

// limits holds the limits SetLimits set, nil before.
var limits atomic.Pointer[Limits]

// SetLimits sets the limits of every Parse that starts after it returns,
// in every goroutine. Every limit must be at least 1, and Depth at most
// MaxDepth; SetLimits returns an error and changes nothing otherwise.
func SetLimits(l Limits) error {
	for _, f := range []struct {
		name  string
		value int
	}{{"Bytes", l.Bytes}, {"Depth", l.Depth}, {"Statements", l.Statements}, {"Values", l.Values}} {
		if f.value < 1 {
			return fmt.Errorf("policy limit %s is %d: a limit must be at least 1", f.name, f.value)
		}
	}
	if l.Depth > MaxDepth {
		return fmt.Errorf("policy limit Depth is %d: it cannot exceed %d", l.Depth, MaxDepth)
	}
	limits.Store(&l)
	return nil
}

// CurrentLimits returns the limits Parse applies.
func CurrentLimits() Limits {
	if l := limits.Load(); l != nil {
		return *l
	}
	return DefaultLimits
}
