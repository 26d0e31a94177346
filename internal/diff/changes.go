package diff

// changes counts the findings of each statement responsible, by access
// level, in the order the findings come.
func changes(found []Finding, narrowing bool) []Change {
	var out []Change
	at := map[int]int{}
	for _, f := range found {
		i, ok := at[f.Statement.Index]
		if !ok {
			i = len(out)
			at[f.Statement.Index] = i
			out = append(out, Change{Statement: f.Statement, Narrowing: narrowing, ByLevel: map[string]int{}})
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
