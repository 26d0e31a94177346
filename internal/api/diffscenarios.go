package api

import (
	"fmt"

	"github.com/iamsim/iamsim/internal/diff"
	"github.com/iamsim/iamsim/internal/scenario"
	"github.com/iamsim/iamsim/policy"
)

// diffLayer is one layer of OLD and NEW to compare: the policies AWS
// evaluates together in it, on each side.
type diffLayer struct {
	// old and new label the sides; "" for a side that lacks the layer's
	// subject (a principal added or removed).
	old, new string
	subject  string
	kind     policy.Kind
	oldDocs  []*policy.Document
	newDocs  []*policy.Document
	// capped compares identity policies within each side's permissions
	// boundary (nil: none) with diff.CompareCapped.
	capped                   bool
	oldBoundary, newBoundary *policy.Document
}

// compareLayers compares each layer with diff.CompareSets.
func compareLayers(layers []diffLayer, opts DiffOptions) ([]DiffPair, error) {
	var pairs []DiffPair
	for _, l := range layers {
		o := diff.Options{Kind: l.kind, Narrowings: opts.Narrowings}
		var res *diff.Report
		var err error
		if l.capped {
			res, err = diff.CompareCapped(diff.Capped{Identity: l.oldDocs, Boundary: l.oldBoundary}, diff.Capped{Identity: l.newDocs, Boundary: l.newBoundary}, o)
		} else {
			res, err = diff.CompareSets(l.oldDocs, l.newDocs, o)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.subject, err)
		}
		pairs = append(pairs, DiffPair{Old: l.old, New: l.new, Subject: l.subject, Kind: l.kind, DiffResult: res})
	}
	return pairs, nil
}

// diffScenarios compares the policies of two scenarios layer by layer:
// identity, resource, boundary, session, endpoint, and each level of
// SCPs and RCPs. A layer that neither scenario has is left out; a
// boundary, session policy, endpoint policy or SCP/RCP level that one
// side lacks stands as a policy that allows everything there, since its
// absence limits nothing (reference_policies_evaluation-logic.html).
func (e Engine) diffScenarios(old, new diffInput, opts DiffOptions) ([]DiffPair, error) {
	ld := scenario.Loader{Limits: e.Limits}
	var sides [2]*scenario.Scenario
	for i, in := range []diffInput{old, new} {
		s, err := ld.Parse(in.name, in.src)
		if err != nil {
			return nil, InputProblems(firstProblem(err))
		}
		sides[i] = s
	}
	o, n := sides[0].Policies, sides[1].Policies
	var layers []diffLayer
	add := func(what string, kind policy.Kind, od, nd []*policy.Document) {
		if len(od) == 0 && len(nd) == 0 {
			return
		}
		layers = append(layers, diffLayer{old: old.name, new: new.name, subject: what, kind: kind, oldDocs: od, newDocs: nd})
	}
	// addCapping adds a layer that limits: a side without it is
	// unlimited there.
	addCapping := func(what string, kind policy.Kind, od, nd []*policy.Document) error {
		od, err := unlimited(kind, od)
		if err != nil {
			return err
		}
		nd, err = unlimited(kind, nd)
		if err != nil {
			return err
		}
		add(what, kind, od, nd)
		return nil
	}
	add("identity policies", policy.Identity, o.Identity, n.Identity)
	if o.Resource != nil || n.Resource != nil {
		kind := policy.Resource
		if r := pickDoc(n.Resource, o.Resource); r.Kind == policy.Trust {
			kind = policy.Trust
		}
		add(kind.String()+" policy", kind, docs(o.Resource), docs(n.Resource))
	}
	for _, l := range []struct {
		what     string
		kind     policy.Kind
		old, new *policy.Document
	}{
		{"permissions boundary", policy.Boundary, o.Boundary, n.Boundary},
		{"session policy", policy.Session, o.Session, n.Session},
		{"VPC endpoint policy", policy.Endpoint, o.Endpoint, n.Endpoint},
	} {
		if l.old != nil || l.new != nil {
			if err := addCapping(l.what, l.kind, docs(l.old), docs(l.new)); err != nil {
				return nil, err
			}
		}
	}
	for _, org := range []struct {
		what     string
		kind     policy.Kind
		old, new [][]*policy.Document
	}{{"SCPs", policy.SCP, o.SCPs, n.SCPs}, {"RCPs", policy.RCP, o.RCPs, n.RCPs}} {
		for i := 0; i < max(len(org.old), len(org.new)); i++ {
			if err := addCapping(fmt.Sprintf("%s of level %d", org.what, i+1), org.kind, level(org.old, i), level(org.new, i)); err != nil {
				return nil, err
			}
		}
	}
	return compareLayers(layers, opts)
}

// pickDoc returns a, or b when a is nil.
func pickDoc(a, b *policy.Document) *policy.Document {
	if a != nil {
		return a
	}
	return b
}

// docs is the set of one document, empty for none.
func docs(d *policy.Document) []*policy.Document {
	if d == nil {
		return nil
	}
	return []*policy.Document{d}
}

// level returns level i of an SCP or RCP chain, nil past its end.
func level(chain [][]*policy.Document, i int) []*policy.Document {
	if i < len(chain) {
		return chain[i]
	}
	return nil
}

// unlimitedName labels the policy that stands for a limit a side lacks.
const unlimitedName = "(none: no limit)"

// unlimited returns set, or when it is empty the policy that stands for
// a limiting layer a side lacks: one that allows every request.
func unlimited(kind policy.Kind, set []*policy.Document) ([]*policy.Document, error) {
	if len(set) > 0 {
		return set, nil
	}
	principal := ""
	if kind == policy.Endpoint {
		principal = `"Principal":"*",`
	}
	src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` + principal + `"Action":"*","Resource":"*"}]}`
	d, err := policy.Parse(unlimitedName, []byte(src), kind)
	if err != nil {
		return nil, fmt.Errorf("the policy that allows everything as a %s policy: %w", kind, err)
	}
	return []*policy.Document{d}, nil
}
