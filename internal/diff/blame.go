package diff

import (
	"sort"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// blame finds the changes responsible for a finding of a whole
// comparison, which the allowing side (from) allows and the other does
// not: each layer, or SCP or RCP level, whose verdict on the witness is
// more permissive on the allowing side (rank). Such a layer is blamed
// on the allowing side's Allow statement that matched there, unless
// the other side has the same statement and a Deny of its own matched:
// then on that Deny, removed or narrowed. When the allowing side has no
// statement there, it is blamed on the other side's Deny statement that
// matched, or on the other side's policy of the layer, which the
// allowing side lacks (Cause.Removed). The allowing side's
// own statements come first, grants before limits; Grant names the
// grant when the first cause is not it.
func (s *search) blame(f *Finding) {
	req := f.Witness.Request()
	from, err := s.from.set.Evaluate(req, evaluator.Options{})
	if err != nil {
		return
	}
	to, err := s.to.set.Evaluate(req, evaluator.Options{})
	if err != nil {
		return
	}
	var causes []Cause
	toLayers := layerResults(to)
	fromLayers := layerResults(from)
	keys := make([]layerLevel, 0, len(fromLayers)+len(toLayers))
	for k := range fromLayers {
		keys = append(keys, k)
	}
	for k := range toLayers {
		if _, ok := fromLayers[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		mine, theirs := fromLayers[k], toLayers[k]
		if rank(k.layer, verdictOf(mine)) <= rank(k.layer, verdictOf(theirs)) {
			continue
		}
		if c, ok := s.cause(k, mine, theirs); ok {
			causes = append(causes, c)
		}
	}
	sort.SliceStable(causes, func(i, j int) bool {
		if causes[i].Other != causes[j].Other {
			return !causes[i].Other
		}
		return blameOrder[causes[i].Statement.Layer] < blameOrder[causes[j].Statement.Layer] ||
			blameOrder[causes[i].Statement.Layer] == blameOrder[causes[j].Statement.Layer] && causes[i].Statement.Level < causes[j].Statement.Level
	})
	grant, granted := grantOf(from)
	switch {
	case len(causes) > 0:
		f.Cause, f.Also = causes[0], causes[1:]
	case granted:
		f.Cause = Cause{Statement: grant}
	}
	if len(f.Also) == 0 {
		f.Also = nil
	}
	if granted && (f.Cause.Other || !sameStatement(f.Cause.Statement, grant)) && !f.hasCause(grant) {
		f.Grant = &grant
	}
}

// blameOrder orders the layers of causes: grants first, then the limits
// nearest the principal.
var blameOrder = map[evaluator.Layer]int{
	evaluator.LayerIdentity: 0, evaluator.LayerResource: 1, evaluator.LayerBoundary: 2, evaluator.LayerSession: 3,
	evaluator.LayerEndpoint: 4, evaluator.LayerSCP: 5, evaluator.LayerRCP: 6,
}

// layerResults indexes a result's layers by layer and level.
func layerResults(r *evaluator.Result) map[layerLevel]*evaluator.LayerResult {
	out := make(map[layerLevel]*evaluator.LayerResult, len(r.Layers))
	for i := range r.Layers {
		lr := &r.Layers[i]
		out[layerLevel{lr.Layer, lr.Level}] = lr
	}
	return out
}

// verdictOf is a layer's verdict; NotApplicable for one the result lacks.
func verdictOf(lr *evaluator.LayerResult) evaluator.Verdict {
	if lr == nil {
		return evaluator.NotApplicable
	}
	return lr.Verdict
}

// rank orders verdicts by how much they let through: a Deny least, then
// silence, then an Allow. A layer that does not apply grants nothing when
// it grants (identity- and resource-based policies) and limits nothing
// when it limits (the others).
func rank(l evaluator.Layer, v evaluator.Verdict) int {
	switch v {
	case evaluator.Denies:
		return 0
	case evaluator.Silent:
		return 1
	case evaluator.Allows:
		return 2
	}
	if l == evaluator.LayerIdentity || l == evaluator.LayerResource {
		return 1
	}
	return 2
}

// cause is the change of one layer that lets a witness through: the
// allowing side's Allow statement there, else the other side's Deny or
// the other side's policy that the allowing side lacks.
func (s *search) cause(k layerLevel, mine, theirs *evaluator.LayerResult) (Cause, bool) {
	if verdictOf(mine) == evaluator.Allows {
		if st, ok := firstOf(mine, policy.Allow); ok {
			// An Allow statement both sides have did not change: the
			// other side's Deny, removed or narrowed, did.
			deny, denied := firstOf(theirs, policy.Deny)
			if stmt := s.statementOf(st); !denied || stmt == nil || !s.u.hasTwin(s.to.all, stmt) {
				return Cause{Statement: st}, true
			}
			return Cause{Statement: deny, Other: true}, true
		}
	}
	_, has := s.from.layers[k]
	c := Cause{Other: true, Removed: !has}
	if st, ok := firstOf(theirs, policy.Deny); ok {
		c.Statement = st
		return c, true
	}
	docs := s.to.layers[k]
	if len(docs) == 0 {
		return Cause{}, false
	}
	d := docs[0]
	c.Statement = evaluator.StatementRef{Layer: k.layer, Level: k.level, Policy: d.Name, Index: -1, Pos: d.Pos}
	return c, true
}

// firstOf is the first statement of an effect that matched in a layer.
func firstOf(lr *evaluator.LayerResult, e policy.Effect) (evaluator.StatementRef, bool) {
	if lr == nil {
		return evaluator.StatementRef{}, false
	}
	for _, st := range lr.Statements {
		if st.Effect == e {
			return st, true
		}
	}
	return evaluator.StatementRef{}, false
}

// grantOf is the identity- or resource-based Allow statement that
// decided an allowed request.
func grantOf(r *evaluator.Result) (evaluator.StatementRef, bool) {
	for _, st := range r.Deciding {
		if st.Effect == policy.Allow && (st.Layer == evaluator.LayerIdentity || st.Layer == evaluator.LayerResource) {
			return st, true
		}
	}
	return evaluator.StatementRef{}, false
}

// hasCause reports whether a statement is among a finding's causes.
func (f *Finding) hasCause(st evaluator.StatementRef) bool {
	if !f.Cause.Other && sameStatement(f.Cause.Statement, st) {
		return true
	}
	for _, c := range f.Also {
		if !c.Other && sameStatement(c.Statement, st) {
			return true
		}
	}
	return false
}

// sameStatement reports whether two references name one statement.
func sameStatement(a, b evaluator.StatementRef) bool {
	return a.Policy == b.Policy && a.Index == b.Index && a.Pos == b.Pos
}
