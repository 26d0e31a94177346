package diff

import "github.com/iamsim/iamsim/evaluator"

// changes counts the findings of each cause (statement responsible), by access
// level, in the order the findings come.
func changes(found []Finding, narrowing bool) []Change {
	var out []Change
	at := map[Cause]int{}
	for _, f := range found {
		key := f.Cause.key()
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, Change{Cause: f.Cause, Narrowing: narrowing, ByLevel: map[string]int{}})
		}
		c := &out[i]
		c.Actions++
		if len(f.AccessLevels) == 0 {
			c.ByLevel["Unknown"]++
		}
		for _, l := range f.AccessLevels {
			c.ByLevel[l]++
		}
	}
	return out
}

// key is the part of a cause that tells causes apart: its side, and
// which statement or policy, not how a resource policy matched.
func (c Cause) key() Cause {
	c.Statement = evaluator.StatementRef{Policy: c.Statement.Policy, Index: c.Statement.Index, Pos: c.Statement.Pos}
	return c
}

// Same reports whether two causes are one change: one statement, or one
// policy removed, on one side.
func (c Cause) Same(o Cause) bool { return c.key() == o.key() }
