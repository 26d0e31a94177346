package matcher

// ActionPattern returns the Action or NotAction entry, as written, that
// covers the action (service and name in lower case), for explanations.
func (s *Statement) ActionPattern(service, name string) (string, bool) {
	for i := range s.Action.patterns {
		p := &s.Action.patterns[i]
		if p.any || p.service.Match(service) && p.name.Match(name) {
			return s.Source.Action.Items[i].Text, true
		}
	}
	return "", false
}

// ResourcePattern returns the Resource or NotResource entry, as written,
// that covers the resource, for explanations.
func (s *Statement) ResourcePattern(resource string, ctx Context) (string, bool) {
	for i := range s.Resource.patterns {
		if s.Resource.patterns[i].matchLike(ctx, resource) {
			return s.Source.Resource.Items[i].Text, true
		}
	}
	return "", false
}

// ResourceEntries renders the Resource or NotResource entries with
// variables filled in from ctx, for explanations.
func (s *Statement) ResourceEntries(ctx Context) []string {
	out := make([]string, len(s.Resource.patterns))
	for i := range s.Resource.patterns {
		out[i], _ = s.Resource.patterns[i].render(ctx)
	}
	return out
}
