package account

import (
	"sort"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// external decides the principals of accounts that are not loaded that an
// Allow statement of the resource policy covering the action names:
// account IDs (as their
// root user, which stands for the account), principal ARNs and "*" (as an
// anonymous caller, so that conditions on the caller's account or
// organization keep it out). Each is evaluated with the resource's side
// only: the resource policy, the RCPs and, for an account of the
// organization, its SCPs; it is listed when that side allows.
func (d *Data) external(doc *policy.Document, q WhoCanQuery, owner string, r *Resolver, cache *docCache) ([]Access, error) {
	partition := "aws"
	if f, ok := policy.SplitARN(q.Resource); ok && f[1] != "" {
		partition = f[1]
	}
	service, name, _ := strings.Cut(strings.ToLower(q.Action), ":")
	seen := map[string]bool{}
	var cands []string
	for _, cst := range cache.allow(doc) {
		st := cst.Source()
		if st.Principal == nil || st.Principal.Not || !cst.CoversAction(service, name) {
			continue
		}
		if st.Principal.Any {
			cands = appendNew(cands, seen, "*")
			continue
		}
		for _, e := range st.Principal.Entries {
			if e.Type != policy.PrincipalAWS {
				continue
			}
			v := e.Text
			switch {
			case v == "*":
				cands = appendNew(cands, seen, "*")
			case policy.IsAccountID(v):
				if _, loaded := d.Accounts[v]; !loaded {
					cands = appendNew(cands, seen, "arn:"+partition+":iam::"+v+":root")
				}
			default:
				f, ok := policy.SplitARN(v)
				if !ok || !policy.IsAccountID(f[4]) {
					continue
				}
				if _, loaded := d.Accounts[f[4]]; !loaded {
					cands = appendNew(cands, seen, v)
				}
			}
		}
	}
	sort.Strings(cands)
	var out []Access
	for _, arn := range cands {
		account := ""
		if arn != "*" {
			f, _ := policy.SplitARN(arn)
			account = f[4]
		}
		res, ok, err := newDecider(r, cache, d.outsider(arn, account)).decide(q.Action, q.Resource, owner)
		if err == nil && ok && res.ServiceRule != nil && strings.HasSuffix(arn, ":root") {
			// The root user stands for its account here, but a service
			// rule refuses the root user itself (sts:AssumeRole): decide
			// for an IAM principal of the account instead.
			stand := d.outsider("arn:"+partition+":iam::"+account+":role/"+accountStandIn, account)
			res, ok, err = newDecider(r, cache, stand).decide(q.Action, q.Resource, owner)
		}
		if err != nil {
			return nil, err
		}
		if !ok || !resourceSideAllows(res) {
			continue
		}
		acc := Access{Principal: arn, Type: principalType(arn), Summary: "the resource's side allows; the caller's own account's policies are not loaded and must allow too"}
		for _, s := range res.Deciding {
			if s.Layer == evaluator.LayerResource {
				acc.Deciding = append(acc.Deciding, s)
			}
		}
		out = append(out, acc)
	}
	return out, nil
}

// outsider is a principal of an account that is not loaded ("" for
// "*"): no identity policies, and, when the organization holds its
// account, the organization's keys (aws:PrincipalOrgID,
// aws:PrincipalOrgPaths) that AWS gives each of its callers.
func (d *Data) outsider(arn, account string) *Principal {
	p := &Principal{ARN: arn, Account: account}
	if d.Org != nil && d.Org.ID != "" && d.Org.Contains(account) {
		p.OrgID, p.OrgPath = d.Org.ID, d.Org.Path(account)
	}
	return p
}

// accountStandIn names the role that stands for an outside account's IAM
// principals when the account's root user cannot make the request.
const accountStandIn = "any-principal-of-the-account"

// resourceSideAllows reports whether a request of a principal without
// loaded identity policies got past every explicit deny and guardrail and
// was granted by the resource-based policy: allowed, or denied only for
// want of the caller's identity-based policies.
func resourceSideAllows(r *evaluator.Result) bool {
	switch r.Decision {
	case evaluator.Allowed:
		return true
	case evaluator.ExplicitDeny:
		return false
	}
	for _, s := range r.Deciding {
		if s.Layer == evaluator.LayerResource && s.Effect == policy.Allow {
			return true
		}
	}
	return false
}
