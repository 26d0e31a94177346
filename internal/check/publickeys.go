package check

import (
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// keyKind says what a restricting condition key names, which decides
// when a value with wildcards still names one caller or source.
type keyKind int

const (
	keyAccount keyKind = iota + 1 // a 12-digit account ID
	keyARN                        // an ARN
	keyOrgID                      // an organization ID, o-...
	keyOrgPath                    // an organization path, o-.../r-.../ou-...
	keyID                         // a VPC, VPC endpoint, unique or application ID
	keyUserID                     // aws:userid: UNIQUEID or UNIQUEID:session
	keyIP                         // an IP address range
)

// restrictingKeys are the condition keys that, compared with fixed
// values, restrict a "*" principal to an account, organization, network
// or source, so that the statement is not public. They are the condition
// keys Access Analyzer's findings name (access-analyzer-reference-filter-
// keys.md: aws:PrincipalArn, aws:PrincipalOrgID, aws:PrincipalOrgPaths,
// aws:SourceIp, aws:SourceVpc, aws:UserId, kms:CallerAccount and the web
// identity providers' audience keys) and those of Amazon S3's meaning of
// public (access-control-block-public-access.html: aws:SourceArn,
// aws:SourceVpce, aws:SourceOwner, aws:SourceAccount,
// s3:DataAccessPointArn, s3:DataAccessPointAccount), with the account
// and organization keys that name a caller's or a source's account since
// (aws:PrincipalAccount, aws:SourceOrgID, aws:SourceOrgPaths). Lower
// case. kms:ViaService is not one: a service serves every account.
var restrictingKeys = map[string]keyKind{
	"aws:principalaccount":               keyAccount,
	"aws:sourceaccount":                  keyAccount,
	"aws:sourceowner":                    keyAccount,
	"kms:calleraccount":                  keyAccount,
	"s3:dataaccesspointaccount":          keyAccount,
	"aws:principalarn":                   keyARN,
	"aws:sourcearn":                      keyARN,
	"s3:dataaccesspointarn":              keyARN,
	"aws:principalorgid":                 keyOrgID,
	"aws:sourceorgid":                    keyOrgID,
	"aws:principalorgpaths":              keyOrgPath,
	"aws:sourceorgpaths":                 keyOrgPath,
	"aws:sourcevpc":                      keyID,
	"aws:sourcevpce":                     keyID,
	"aws:userid":                         keyUserID,
	"cognito-identity.amazonaws.com:aud": keyID,
	"accounts.google.com:aud":            keyID,
	"graph.facebook.com:app_id":          keyID,
	"www.amazon.com:app_id":              keyID,
	"aws:sourceip":                       keyIP,
}

// restricts reports whether a condition restricts the caller to what its
// key names: a restricting key, a positive operator that the key's
// absence does not satisfy (not negated, not ...IfExists, not
// ForAllValues:), and only fixed values (the values are OR'ed, so one
// open value opens the statement).
func restricts(cond *policy.Condition) bool {
	kind, ok := restrictingKeys[strings.ToLower(cond.Key.Text)]
	op := cond.Operator
	if !ok || op.Negated || op.IfExists || op.Qualifier == policy.ForAllValues || len(cond.Values) == 0 {
		return false
	}
	switch {
	case kind == keyIP && op.Family != policy.FamilyIP:
		return false
	case kind != keyIP && op.Family != policy.FamilyString && op.Family != policy.FamilyARN:
		return false
	}
	for _, v := range cond.Values {
		if !fixed(kind, op, v.Text) {
			return false
		}
	}
	return true
}

// fixed reports whether one value names one caller or source. An exact
// comparison names what it says (any value but ""); a Like pattern must
// keep the identifying part literal: the whole account, organization or
// ID, the account of an ARN (or, for an ARN without one, such as an S3
// bucket's, the whole ARN), the organization at the start of a path, the
// unique ID before a session name. An IP range must not be every address.
func fixed(kind keyKind, op policy.Operator, v string) bool {
	if v == "" || strings.Contains(v, "${") {
		return false
	}
	if kind == keyIP {
		p, ok := policy.ParseIPRange(v)
		return ok && p.Bits() > 0
	}
	if op.Compare != policy.CompareLike || !strings.ContainsAny(v, "*?") {
		return true
	}
	switch kind {
	case keyARN:
		f, ok := policy.SplitARN(v)
		return ok && policy.IsAccountID(f[4])
	case keyOrgPath:
		org, _, ok := strings.Cut(v, "/")
		return ok && strings.HasPrefix(org, "o-") && !strings.ContainsAny(org, "*?")
	case keyUserID:
		id, _, ok := strings.Cut(v, ":")
		return ok && id != "" && !strings.ContainsAny(id, "*?")
	}
	return false
}

// deniesOutside reports whether a Deny statement denies every caller its
// conditions do not name: each of its conditions compares a restricting
// key with a negated operator (StringNotEquals, ArnNotLike, NotIpAddress,
// with or without IfExists, since an absent key is denied too) and fixed
// values. Such a Deny, for "*", is how AWS's examples restrict an Allow
// to "*" (a bucket to an organization, an API to a VPC endpoint).
func deniesOutside(s *statement) bool {
	if s.Effect != policy.Deny || !s.Principal.IsAnyone() || len(s.Conditions) == 0 || s.variable {
		return false
	}
	for _, cond := range s.Conditions {
		kind, ok := restrictingKeys[strings.ToLower(cond.Key.Text)]
		op := cond.Operator
		if !ok || !op.Negated || op.Qualifier != policy.NoQualifier || len(cond.Values) == 0 || (kind == keyIP) != (op.Family == policy.FamilyIP) {
			return false
		}
		for _, v := range cond.Values {
			if !fixed(kind, op, v.Text) {
				return false
			}
		}
	}
	return true
}
