package api

import (
	"strings"

	"github.com/iamsim/iamsim/internal/diff"
	"github.com/iamsim/iamsim/policy"
)

// sharedChange returns the one managed policy whose change is the only
// change of principal who's policies, as it was (in o) and became (in
// p): its other policies and its boundary say the same on both sides.
// Nil for any other change.
func sharedChange(who string, o, p exportPrincipal) *[2]*policy.Document {
	changed, added, removed := originChanges(who, withBoundary(o), withBoundary(p))
	if len(changed) != 1 || len(added)+len(removed) > 0 || !strings.Contains(changed[0], "managed policy ") {
		return nil
	}
	find := func(x exportPrincipal) *policy.Document {
		var found *policy.Document
		for _, pol := range x.Identity {
			if origin(who, pol) == changed[0] {
				if found != nil {
					return nil
				}
				found = pol.Doc
			}
		}
		return found
	}
	oldDoc, newDoc := find(o), find(p)
	if oldDoc == nil || newDoc == nil {
		return nil // the change is the boundary's, or the origin names two
	}
	return &[2]*policy.Document{oldDoc, newDoc}
}

// compareGroups compares each group of principals, in order: those whose
// one change is the same managed policy, as it was and became, with
// diff.CompareShared, which searches the policy once; the others each
// with diff.CompareCapped.
func compareGroups(groups []*group, opts DiffOptions) ([]DiffPair, error) {
	o := diff.Options{Narrowings: opts.Narrowings}
	out := make([]DiffPair, len(groups))
	byChange := map[string][]int{}
	var changes []string
	for i, g := range groups {
		if g.shared == nil {
			continue
		}
		k := diff.Fingerprint(g.shared[:1]) + "\x00" + diff.Fingerprint(g.shared[1:])
		if byChange[k] == nil {
			changes = append(changes, k)
		}
		byChange[k] = append(byChange[k], i)
	}
	done := make([]bool, len(groups))
	for _, k := range changes {
		members := byChange[k]
		if len(members) < 2 {
			continue
		}
		var principals []diff.Shared
		for _, i := range members {
			l := groups[i].layer
			principals = append(principals, diff.Shared{
				Old: diff.Capped{Identity: l.oldDocs, Boundary: l.oldBoundary},
				New: diff.Capped{Identity: l.newDocs, Boundary: l.newBoundary},
			})
		}
		m := groups[members[0]].shared
		reps, err := diff.CompareShared(m[0], m[1], principals, o)
		if err != nil {
			return nil, err
		}
		for j, i := range members {
			out[i] = DiffPair{Old: groups[i].layer.old, New: groups[i].layer.new, Kind: policy.Identity, DiffResult: reps[j]}
			done[i] = true
		}
	}
	for i, g := range groups {
		if done[i] {
			continue
		}
		l := g.layer
		res, err := diff.CompareCapped(diff.Capped{Identity: l.oldDocs, Boundary: l.oldBoundary}, diff.Capped{Identity: l.newDocs, Boundary: l.newBoundary}, o)
		if err != nil {
			return nil, err
		}
		out[i] = DiffPair{Old: l.old, New: l.new, Kind: policy.Identity, DiffResult: res}
	}
	return out, nil
}

// diffLayer is a principal of two account exports to compare: its
// identity policies and boundary on each side.
type diffLayer struct {
	// old and new label the sides; "" for a side that lacks the
	// principal (added or removed).
	old, new                 string
	oldDocs, newDocs         []*policy.Document
	oldBoundary, newBoundary *policy.Document
}
