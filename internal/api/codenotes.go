package api

import (
	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/internal/reqcheck"
	"github.com/iamsim/iamsim/policy"
)

// NotePlaceholder: a policy holds a value of infrastructure code that is
// unknown until deploy, which matches only itself (args: the policy,
// the placeholder as written, its name).
const NotePlaceholder evaluator.NoteCode = "code-placeholder"

// placeholderNotes says, for the result's notes, which values of the
// policies are placeholders for what infrastructure code leaves unknown
// until deploy (docs/iac.md): each one once per policy.
func placeholderNotes(p evaluator.Policies) []evaluator.Note {
	var notes []evaluator.Note
	for _, d := range documents(p) {
		seen := map[string]bool{}
		eachValue(d, func(v string) {
			for _, name := range policydoc.PlaceholderNames(v) {
				if !seen[name] {
					seen[name] = true
					notes = append(notes, evaluator.Note{Code: NotePlaceholder, Args: []any{d.Name, policydoc.Placeholder(name), name}})
				}
			}
		})
	}
	return notes
}

// documents returns every document of p (reqcheck.Documents), each once.
func documents(p evaluator.Policies) []*policy.Document {
	var docs []*policy.Document
	seen := map[*policy.Document]bool{}
	for _, d := range reqcheck.Documents(p) {
		if d != nil && !seen[d] {
			seen[d] = true
			docs = append(docs, d)
		}
	}
	return docs
}

// eachValue calls fn with every value of d's statements that a request
// is matched against: actions, resources, principals, condition keys and
// values.
func eachValue(d *policy.Document, fn func(string)) {
	for _, st := range d.Statements {
		for _, l := range []*policy.List{st.Action, st.Resource} {
			if l != nil {
				for _, v := range l.Items {
					fn(v.Text)
				}
			}
		}
		if st.Principal != nil {
			for _, e := range st.Principal.Entries {
				fn(e.Text)
			}
		}
		for _, c := range st.Conditions {
			fn(c.Key.Text)
			for _, v := range c.Values {
				fn(v.Text)
			}
		}
	}
}
