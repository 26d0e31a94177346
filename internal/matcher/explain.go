package matcher

// ResourceEntries renders the Resource or NotResource entries with
// variables filled in from ctx, for explanations.
func (s *Statement) ResourceEntries(ctx Context) []string {
	out := make([]string, len(s.Resource.patterns))
	for i := range s.Resource.patterns {
		out[i], _ = s.Resource.patterns[i].render(ctx)
	}
	return out
}
