package catalog

import (
	"strings"

	"github.com/iamsim/iamsim/internal/textdist"
)

// SuggestAction returns the documented action name nearest to an unknown
// one ("s3:GetObjekt" gives "s3:GetObject"), for "did you mean" messages.
// A misspelt service prefix is corrected too ("s4:GetObject"). It returns
// false when nothing is close enough.
func (c *Catalog) SuggestAction(name string) (string, bool) {
	ln := strings.ToLower(name)
	svc, act, ok := strings.Cut(ln, ":")
	if !ok {
		return "", false
	}
	var services []*Service
	if s, ok := c.byPrefix[svc]; ok {
		services = []*Service{s}
	} else {
		best := maxDistance(svc)
		for _, s := range c.services {
			d := textdist.Levenshtein(svc, strings.ToLower(s.Prefix))
			if d < best {
				best, services = d, services[:0]
			}
			if d == best {
				services = append(services, s)
			}
		}
	}
	var best textdist.Rank
	for _, s := range services {
		sd := textdist.Levenshtein(svc, strings.ToLower(s.Prefix))
		for _, a := range c.loaded(s).Actions {
			r := textdist.RankAt(ln, a.FullName(), sd+textdist.Levenshtein(act, strings.ToLower(a.Name)))
			if r.Dist <= maxDistance(act) && (best.Name == "" || r.Before(best)) {
				best = r
			}
		}
	}
	return best.Name, best.Name != "" && !strings.EqualFold(best.Name, name)
}

// SuggestConditionKey returns the documented condition key nearest to an
// unknown one ("aws:SourceIP4" gives "aws:SourceIp"). For keys with a
// variable part the user's suffix is kept: "aws:RequestTags/Owner" gives
// "aws:RequestTag/Owner". It returns false when nothing is close enough.
func (c *Catalog) SuggestConditionKey(name string) (string, bool) {
	ln := strings.ToLower(name)
	prefix, _, _ := strings.Cut(ln, ":")
	head, _, hasTail := strings.Cut(ln, "/")
	_, origTail, _ := strings.Cut(name, "/")
	var best textdist.Rank
	consider := func(k *ConditionKey, samePrefix bool) {
		lk := strings.ToLower(k.Name)
		cand, d := k.Name, 0
		if th, tt, ok := strings.Cut(lk, "/"); ok && hasTail && (strings.HasPrefix(tt, "${") || strings.HasPrefix(tt, "<")) {
			// aws:RequestTag/${TagKey}: compare the fixed part and keep
			// the user's tag key.
			cand = k.Name[:len(th)+1] + origTail
			d = textdist.Levenshtein(head, th)
		} else {
			d = textdist.Levenshtein(ln, lk)
		}
		if !samePrefix {
			d++
		}
		if r := textdist.RankAt(ln, cand, d); r.Dist <= maxDistance(ln) && (best.Name == "" || r.Before(best)) {
			best = r
		}
	}
	for lk, k := range c.keys {
		p, _, _ := strings.Cut(lk, ":")
		consider(k, p == prefix)
	}
	return best.Name, best.Name != "" && !strings.EqualFold(best.Name, name)
}

// Suggest returns the nearest action or condition key name for an unknown
// one, whichever is closer; use SuggestAction or SuggestConditionKey when
// the kind of name is known.
func (c *Catalog) Suggest(name string) (string, bool) {
	a, aok := c.SuggestAction(name)
	k, kok := c.SuggestConditionKey(name)
	switch {
	case aok && kok:
		ln := strings.ToLower(name)
		if textdist.Levenshtein(ln, strings.ToLower(k)) < textdist.Levenshtein(ln, strings.ToLower(a)) {
			return k, true
		}
		return a, true
	case aok:
		return a, true
	default:
		return k, kok
	}
}

// maxDistance is how many edits a suggestion may be away from s.
func maxDistance(s string) int {
	return 2 + len(s)/6
}
