package account

import "github.com/iamsim/iamsim/policy"

// Documents lists every policy document of the loaded data: the
// accounts' inline, managed and trust policies, the manifest's resource
// policies, and the organization's SCPs and RCPs.
func (d *Data) Documents() []*policy.Document {
	var docs []*policy.Document
	add := func(ps ...Policy) {
		for _, p := range ps {
			docs = append(docs, p.Doc)
		}
	}
	for _, id := range d.AccountIDs() {
		a := d.Accounts[id]
		for _, u := range a.Users {
			add(u.Inline...)
		}
		for _, g := range a.Groups {
			add(g.Inline...)
		}
		for _, r := range a.Roles {
			add(r.Inline...)
			if r.Trust != nil {
				add(*r.Trust)
			}
		}
		for _, mp := range a.Policies {
			add(mp.Default)
		}
	}
	for _, arn := range d.Resources.ARNs() {
		if p, ok := d.Resources.For(arn); ok {
			add(p)
		}
	}
	if d.Org != nil {
		for _, m := range d.Org.Members() {
			for _, chain := range []Chain{d.Org.SCPs(m), d.Org.RCPs(m)} {
				for _, level := range chain {
					add(level...)
				}
			}
		}
	}
	return docs
}
