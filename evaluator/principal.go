package evaluator

import (
	"strings"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// principalMatch is how one statement's Principal names the caller.
type principalMatch struct {
	kind  MatchKind
	how   matchHow
	entry string // the principal value that matched
}

// matchHow says which rule matched a principal entry; rendered only for
// explanations, so that matching does not allocate.
type matchHow int

const (
	howNone matchHow = iota
	howAny
	howAWSAny
	howRootAccount
	howAccount
	howUniqueUser
	howUniqueRole
	howCaller
	howRole
	howParent
	howService
	howFederated
)

// isAny reports whether the match came from "*" or {"AWS": "*"}.
func (m principalMatch) isAny() bool { return m.how == howAny || m.how == howAWSAny }

// describe says how the match came about.
func (m principalMatch) describe() Message {
	switch m.how {
	case howAny:
		return message(msg.MatchPrincipalAny)
	case howAWSAny:
		return message(msg.MatchPrincipalAWSAny)
	case howRootAccount:
		return message(msg.MatchPrincipalRoot, m.entry)
	case howAccount:
		return message(msg.MatchPrincipalAccount, m.entry)
	case howUniqueUser:
		return message(msg.MatchUniqueUser, m.entry)
	case howUniqueRole:
		return message(msg.MatchUniqueRole, m.entry)
	case howCaller:
		return message(msg.MatchPrincipalCaller, m.entry)
	case howRole:
		return message(msg.MatchPrincipalRole, m.entry)
	case howParent:
		return message(msg.MatchPrincipalParent, m.entry)
	case howService:
		return message(msg.MatchServicePrincipal, m.entry)
	case howFederated:
		return message(msg.MatchFederated, m.entry)
	}
	return message(msg.MatchPrincipalNone)
}

// matchPrincipal says how the Principal of a statement names the caller
// (iam-user-guide reference_policies_elements_principal.md; the choices
// where it leaves room are in docs/evaluation-logic.md, "Choices iamsim
// makes"). resourceAccount is the
// account of the resource, which names OIDC providers in trust policies.
func (e *evaluation) matchPrincipal(st *matcher.Statement, layer Layer) principalMatch {
	c := &e.req.principal
	federated := c.kind == PrincipalSAML || c.kind == PrincipalOIDC
	if st.Source.Principal.Any {
		return principalMatch{kind: MatchDirect, how: howAny}
	}
	var best principalMatch
	for i := range st.Principals {
		en := &st.Principals[i]
		v := en.Text
		var m principalMatch
		switch en.Type {
		case policy.PrincipalAWS:
			if v != "*" {
				m = e.matchAWSEntry(en, layer)
			} else if !federated {
				m = principalMatch{kind: MatchDirect, how: howAWSAny}
			}
		case policy.PrincipalService:
			if c.kind == PrincipalService && c.name == v {
				m = principalMatch{kind: MatchDirect, how: howService}
			}
		case policy.PrincipalFederated:
			if e.matchesProvider(v) {
				m = principalMatch{kind: MatchDirect, how: howFederated}
			}
		}
		if m.kind > best.kind {
			best, best.entry = m, v
		}
	}
	return best
}

// matchAWSEntry matches one "AWS" principal entry other than "*".
func (e *evaluation) matchAWSEntry(en *matcher.PrincipalEntry, layer Layer) principalMatch {
	c := &e.req.principal
	v := en.Text
	if !c.hasAccount() {
		return principalMatch{}
	}
	if v == c.account || v == c.rootARN {
		switch {
		case c.kind == PrincipalRoot:
			return principalMatch{kind: MatchDirect, how: howRootAccount}
		case layer == LayerEndpoint:
			// An account in an endpoint policy stands for its root user
			// only (VPC User Guide, "Control access to VPC endpoints
			// using endpoint policies"; docs/evaluation-logic.md).
			return principalMatch{}
		}
		return principalMatch{kind: MatchAccount, how: howAccount}
	}
	if e.req.uniqueID != "" && v == e.req.uniqueID {
		if c.kind == PrincipalUser {
			return principalMatch{kind: MatchDirect, how: howUniqueUser}
		}
		return principalMatch{kind: MatchRole, how: howUniqueRole}
	}
	f := &en.ARN
	if !en.IsARN || f[4] != c.account {
		return principalMatch{}
	}
	res := f[5]
	switch {
	case v == c.arn && (c.kind == PrincipalUser || c.kind == PrincipalRoleSession || c.kind == PrincipalFederatedUser):
		return principalMatch{kind: MatchDirect, how: howCaller}
	case f[2] == "iam" && strings.HasPrefix(res, "role/") && (c.kind == PrincipalRoleSession || c.kind == PrincipalRole) && lastName(res) == c.name:
		if e.req.roleARNKnown && v != c.roleARN {
			return principalMatch{} // same name, another path
		}
		return principalMatch{kind: MatchRole, how: howRole}
	case f[2] == "iam" && strings.HasPrefix(res, "user/") && c.kind == PrincipalFederatedUser && v == e.req.federatingUser:
		return principalMatch{kind: MatchParent, how: howParent}
	case f[2] == "sts" && strings.HasPrefix(res, "assumed-role/") && c.kind == PrincipalRole && strings.HasPrefix(res, "assumed-role/"+c.name+"/"):
		e.note(NoteSessionNotGiven)
	}
	return principalMatch{}
}

// matchesProvider reports whether a Federated principal value names the
// caller's identity provider (iam-user-guide
// reference_policies_elements_principal.md, "Federated user
// principals"; docs/evaluation-logic.md): a SAML caller by its provider
// ARN, an OIDC caller by its host, or by the ARN of the IAM OIDC provider
// for that host in the resource's account.
func (e *evaluation) matchesProvider(v string) bool {
	c := &e.req.principal
	switch c.kind {
	case PrincipalSAML:
		return v == c.name
	case PrincipalOIDC:
		if v == c.name {
			return true
		}
		f, ok := policy.SplitARN(v)
		return ok && f[2] == "iam" && f[4] == e.req.resourceAccount && f[5] == "oidc-provider/"+c.name
	}
	return false
}

// exemptByNotPrincipal reports whether a NotPrincipal list exempts the
// caller: only the caller's own ARN counts (iam-user-guide
// reference_policies_elements_notprincipal.md), an
// anonymous caller is never exempt, and neither is an IAM principal with a
// permissions boundary.
func (e *evaluation) exemptByNotPrincipal(pr *policy.Principal) bool {
	c := &e.req.principal
	if pr.Any || c.kind == PrincipalAnonymous {
		return pr.Any && c.kind != PrincipalAnonymous
	}
	if c.isIAM() && e.set.boundary != nil {
		return false
	}
	for _, en := range pr.Entries {
		v := en.Text
		switch en.Type {
		case policy.PrincipalAWS:
			switch c.kind {
			case PrincipalRoot:
				if v == c.account || v == c.rootARN {
					return true
				}
			case PrincipalRole:
				// The session name is not given: the role's own ARN
				// stands for the caller.
				if v == c.roleARN || v == c.arn {
					return true
				}
			case PrincipalUser, PrincipalRoleSession, PrincipalFederatedUser:
				if v == c.arn {
					return true
				}
			}
		case policy.PrincipalService:
			if c.kind == PrincipalService && v == c.name {
				return true
			}
		case policy.PrincipalFederated:
			if e.matchesProvider(v) {
				return true
			}
		}
	}
	return false
}
