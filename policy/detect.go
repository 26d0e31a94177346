package policy

import (
	"bytes"
	"strings"

	"github.com/tidwall/gjson"
)

// DetectKind guesses the kind of a policy from its content: statements
// with a Principal or NotPrincipal make a resource-based policy, or a role
// trust policy when every action they name is an sts: role-assumption or
// session action; anything else is read as an identity-based policy. It
// never fails: Parse reports the problems of the source.
func DetectKind(src []byte) Kind {
	// A key is Principal or NotPrincipal only if the source spells it,
	// Principal and its closing quote, or has a \u escape that could:
	// without either (aws:PrincipalTag does not count), it is an
	// identity-based policy, found without reading the JSON.
	if !bytes.Contains(src, []byte(`Principal"`)) && !bytes.Contains(src, []byte(`\u`)) {
		return Identity
	}
	return detectKind(src)
}

// detectKind is DetectKind, reading the JSON.
func detectKind(src []byte) Kind {
	s := scanKind(src)
	switch {
	case !s.principal:
		return Identity
	case s.onlyRoleActions():
		return Trust
	}
	return Resource
}

// kindSigns are what DetectKind reads in a document: whether a statement
// names a Principal or NotPrincipal, whether one names an action, and
// whether every action named is one a trust policy grants.
type kindSigns struct {
	principal, anyAction, allTrust bool
}

func (s kindSigns) onlyRoleActions() bool { return s.allTrust && s.anyAction }

// scanKind reads the kind signs of a document; invalid JSON has none.
func scanKind(src []byte) kindSigns {
	s := kindSigns{allTrust: true}
	if !gjson.ValidBytes(src) {
		return kindSigns{}
	}
	statements := gjson.GetBytes(src, "Statement")
	if statements.IsObject() {
		statements = gjson.Parse("[" + statements.Raw + "]")
	}
	statements.ForEach(func(_, st gjson.Result) bool {
		if !st.IsObject() {
			return true
		}
		st.ForEach(func(key, value gjson.Result) bool {
			switch key.Str {
			case "Principal", "NotPrincipal":
				s.principal = true
			case "Action", "NotAction":
				value.ForEach(func(_, a gjson.Result) bool {
					s.anyAction = true
					if !isTrustAction(a.Str) {
						s.allTrust = false
					}
					return true
				})
			}
			return true
		})
		return true
	})
	return s
}

// NamesOnlyRoleActions reports whether every Action of the document
// names an action a role trust policy grants (sts:AssumeRole*,
// sts:TagSession, sts:SetSourceIdentity, sts:SetContext), and there is
// at least one: the one kind of document that can be a trust policy.
func NamesOnlyRoleActions(src []byte) bool {
	return scanKind(src).onlyRoleActions()
}

// isTrustAction reports whether a is an action a role trust policy grants.
func isTrustAction(a string) bool {
	a = strings.ToLower(a)
	return strings.HasPrefix(a, "sts:assumerole") || a == "sts:tagsession" || a == "sts:setsourceidentity" || a == "sts:setcontext"
}
