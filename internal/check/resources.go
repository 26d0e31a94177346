package check

// maxBranches bounds the combinations of patterns grantedResource tries;
// past it the answer is unknown.
const maxBranches = 4096

// grantedResource finds a resource the Allow statement a grants that one
// of the listed patterns matches (any resource when none is listed) and
// none of the Deny statements denies; the denies already apply to the
// action and the principal. Resource entries are OR'ed, so each choice
// of one listed pattern, one entry of a, and, for a Deny with
// NotResource, one of its entries (which spares what it matches) is
// tried in turn.
//
// The searches share budget (solve).
func grantedResource(a *statement, listed []pattern, denies []*statement, budget *int) (string, solution) {
	var forbidden []pattern
	var choices [][]pattern // one pattern of each list must match
	if len(listed) > 0 {
		choices = append(choices, listed)
	}
	switch {
	case a.anyResource:
	case a.notResource:
		forbidden = append(forbidden, a.resources...)
	default:
		choices = append(choices, a.resources)
	}
	for _, d := range denies {
		switch {
		case d.anyResource:
			return "", none
		case d.notResource:
			choices = append(choices, d.resources)
		default:
			forbidden = append(forbidden, d.resources...)
		}
	}
	branches := 1
	for _, c := range choices {
		if branches *= len(c); branches > maxBranches || len(c) == 0 {
			if len(c) == 0 {
				return "", none
			}
			return "", unknown
		}
	}
	outcome := none
	required := make([]pattern, len(choices))
	var try func(i int) (string, bool)
	try = func(i int) (string, bool) {
		if i == len(choices) {
			s, sol := solve(required, forbidden, budget)
			if sol == unknown {
				outcome = unknown
			}
			return s, sol == found
		}
		for _, p := range choices[i] {
			required[i] = p
			if s, ok := try(i + 1); ok {
				return s, true
			}
		}
		return "", false
	}
	if s, ok := try(0); ok {
		return s, found
	}
	return "", outcome
}
