package policy

import (
	"fmt"
	"strings"

	"github.com/tidwall/gjson"
)

var principalTypes = []string{string(PrincipalAWS), string(PrincipalService), string(PrincipalFederated), string(PrincipalCanonicalUser)}

func (p *parser) principal(key, value gjson.Result) *Principal {
	pr := &Principal{Not: key.Str == "NotPrincipal", Pos: p.pos(key)}
	switch {
	case value.Type == gjson.String:
		if value.Str == "*" {
			pr.Any = true
		} else if p.kindIs(isRCP) {
			p.errorf(value.Index, CodePrincipal, "resource control policies support only \"Principal\": \"*\"")
		} else {
			p.errorf(value.Index, CodePrincipal, "%s as a string must be \"*\"; name principals in a map such as {\"AWS\": %q}", key.Str, value.Str)
		}
	case value.IsObject():
		p.object(value, func(tkey, tvalue gjson.Result) {
			typ := PrincipalType(tkey.Str)
			switch typ {
			case PrincipalAWS, PrincipalService, PrincipalFederated, PrincipalCanonicalUser:
			default:
				p.errorf(tkey.Index, CodePrincipal, "unknown principal type %q (want AWS, Service, Federated or CanonicalUser)%s", tkey.Str, suggest(tkey.Str, principalTypes))
				return
			}
			if typ == PrincipalFederated && !p.kindIs(isTrust) {
				p.errorf(tkey.Index, CodeNotAllowedForKind, "Federated principals are supported only in role trust policies")
			}
			p.strings(key.Str+" "+tkey.Str, tvalue, func(item gjson.Result) {
				if !(typ == PrincipalAWS && item.Str == "*") && p.kindIs(isRCP) {
					p.errorf(item.Index, CodePrincipal, "resource control policies support only \"Principal\": \"*\"")
				} else if msg := principalProblem(typ, item.Str); msg != "" {
					p.errorf(item.Index, CodePrincipal, "%s %s %q: %s", key.Str, typ, item.Str, msg)
				}
				pr.Entries = append(pr.Entries, PrincipalEntry{Type: typ, Value: p.value(item, item.Str)})
			})
		})
	default:
		p.errorf(value.Index, CodeWrongType, "%s must be \"*\" or an object, not %s", key.Str, jsonType(value))
	}
	return pr
}

// IsAnyone reports whether a Principal element names every principal:
// "*", or an {"AWS": "*"} entry. A NotPrincipal never does.
func (p *Principal) IsAnyone() bool {
	if p == nil || p.Not {
		return false
	}
	if p.Any {
		return true
	}
	for _, e := range p.Entries {
		if e.Type == PrincipalAWS && e.Text == "*" {
			return true
		}
	}
	return false
}

// principalProblem returns what is wrong with one principal value, or ""
// (reference_policies_elements_principal.md).
func principalProblem(typ PrincipalType, v string) string {
	if HasPlaceholder(v) {
		if typ == PrincipalCanonicalUser || strings.HasPrefix(v, placeholderOpen) && strings.HasSuffix(v, placeholderClose) {
			return "" // unknown until deploy: any valid value
		}
		v = MaskPlaceholders(v, placeholderAccount)
	}
	switch typ {
	case PrincipalAWS:
		return awsPrincipalProblem(v)
	case PrincipalService:
		if v == "*" {
			return "\"Service\": \"*\" is not supported; name each service principal, or use \"Principal\": \"*\""
		}
		if !isHostName(v) {
			return "a service principal is a host name such as s3.amazonaws.com"
		}
	case PrincipalFederated:
		if strings.HasPrefix(v, "arn:") {
			f, ok := SplitARN(v)
			if !ok || f[2] != "iam" || !IsAccountID(f[4]) ||
				!(strings.HasPrefix(f[5], "saml-provider/") || strings.HasPrefix(f[5], "oidc-provider/")) {
				return "a federated principal is an IAM saml-provider or oidc-provider ARN, or an identity provider host such as accounts.google.com"
			}
			return ""
		}
		if !isHostName(v) {
			return "a federated principal is an IAM saml-provider or oidc-provider ARN, or an identity provider host such as accounts.google.com"
		}
	case PrincipalCanonicalUser:
		if len(v) != 64 || strings.Trim(strings.ToLower(v), "0123456789abcdef") != "" {
			return "a canonical user ID is 64 hexadecimal digits"
		}
	}
	return ""
}

// awsPrincipalProblem checks an "AWS" principal value: "*", an account ID,
// or the ARN of an account root, user, role, assumed-role session or
// federated user. Wildcards inside values are not supported.
func awsPrincipalProblem(v string) string {
	if v == "*" || IsAccountID(v) || isUniqueID(v) {
		return ""
	}
	if strings.ContainsAny(v, "*?") {
		return "wildcards are supported only as the whole principal \"*\"; to match many principals use \"*\" with a condition on aws:PrincipalArn"
	}
	f, ok := SplitARN(v)
	if !ok || f[0] != "arn" {
		return "an AWS principal is \"*\", a 12-digit account ID, or an IAM ARN"
	}
	if !IsAccountID(f[4]) {
		return fmt.Sprintf("account %q in the ARN is not a 12-digit account ID", f[4])
	}
	switch {
	case f[2] == "iam" && f[3] == "" && (f[5] == "root" || hasName(f[5], "user/") || hasName(f[5], "role/")):
		return ""
	case f[2] == "sts" && f[3] == "" && (isSessionPath(f[5]) || hasName(f[5], "federated-user/")):
		return ""
	}
	return "an AWS principal ARN names an account root (arn:aws:iam::123456789012:root), a user, a role, an assumed-role session or a federated user"
}

// hasName reports whether s is prefix followed by a non-empty name.
func hasName(s, prefix string) bool {
	return strings.HasPrefix(s, prefix) && len(s) > len(prefix) && !strings.HasSuffix(s, "/")
}

func isSessionPath(s string) bool {
	rest, ok := strings.CutPrefix(s, "assumed-role/")
	role, session, ok2 := strings.Cut(rest, "/")
	return ok && ok2 && role != "" && session != ""
}

// isUniqueID reports whether s looks like an IAM unique ID (AIDA... for a
// user, AROA... for a role), which AWS shows in place of a deleted
// principal's ARN.
func isUniqueID(s string) bool {
	if len(s) < 16 || !(strings.HasPrefix(s, "AIDA") || strings.HasPrefix(s, "AROA")) {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// IsAccountID reports whether s is a 12-digit AWS account ID.
func IsAccountID(s string) bool { return len(s) == 12 && allDigits(s) }

// isHostName reports whether s looks like a DNS host name with at least
// one dot, and optionally a path (OIDC issuers may have one).
func isHostName(s string) bool {
	host, _, _ := strings.Cut(s, "/")
	if !strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return false
	}
	for _, r := range host {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}
