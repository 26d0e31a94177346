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
	if !gjson.ValidBytes(src) {
		return Identity
	}
	statements := gjson.GetBytes(src, "Statement")
	if statements.IsObject() {
		statements = gjson.Parse("[" + statements.Raw + "]")
	}
	hasPrincipal, allTrust, anyAction := false, true, false
	statements.ForEach(func(_, st gjson.Result) bool {
		if !st.IsObject() {
			return true
		}
		st.ForEach(func(key, value gjson.Result) bool {
			switch key.Str {
			case "Principal", "NotPrincipal":
				hasPrincipal = true
			case "Action", "NotAction":
				value.ForEach(func(_, a gjson.Result) bool {
					anyAction = true
					if !isTrustAction(a.Str) {
						allTrust = false
					}
					return true
				})
			}
			return true
		})
		return true
	})
	switch {
	case !hasPrincipal:
		return Identity
	case allTrust && anyAction:
		return Trust
	}
	return Resource
}

// isTrustAction reports whether a is an action a role trust policy grants.
func isTrustAction(a string) bool {
	a = strings.ToLower(a)
	return strings.HasPrefix(a, "sts:assumerole") || a == "sts:tagsession" || a == "sts:setsourceidentity" || a == "sts:setcontext"
}
