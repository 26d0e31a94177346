package evaluator

import (
	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/policy"
)

// Statement is a compiled statement of a policy document, for questions
// asked of a policy before any request is decided: which actions it
// could cover, and on which resources (iamsim's can and who-can pick the
// requests to decide with it). Compiler.Statements gives them.
type Statement struct{ st *matcher.Statement }

// Statements returns the compiled statements of d, in order. The
// Compiler compiles each statement list once, for its policy sets and
// for Statements alike.
func (c *Compiler) Statements(d *policy.Document) []Statement {
	mp := c.document(d)
	out := make([]Statement, len(mp.Statements))
	for i, st := range mp.Statements {
		out[i] = Statement{st}
	}
	return out
}

// Source returns the statement as parsed.
func (s Statement) Source() *policy.Statement { return s.st.Source }

// CoversAction reports whether the statement's Action or NotAction
// element covers an action, given as its service prefix and name in
// lower case ("s3", "getobject").
func (s Statement) CoversAction(service, name string) bool {
	return s.st.Action.Match(service, name)
}

// Resources returns the entries of the statement's Resource element as
// it matches them, policy variables filled in from ctx; an entry with a
// variable ctx gives no single value is left as written. A statement
// with NotResource, or with neither element, has none.
func (s Statement) Resources(ctx Context) []string {
	if s.st.Resource.Not || s.st.Resource.Absent {
		return nil
	}
	return s.st.ResourceEntries(contextLookup(ctx))
}

// contextLookup is a Context as the matcher reads it: a key, named in
// lower case, is found whatever its case in the Context.
type contextLookup Context

func (c contextLookup) Lookup(key string) ([]string, bool, bool) {
	_, v, ok := Context(c).Find(key)
	return v.Values, v.Multi, ok
}
