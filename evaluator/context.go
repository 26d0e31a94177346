package evaluator

import (
	"strings"

	"github.com/iamsim/iamsim/internal/matcher"
)

// Origin says where a context value came from.
type Origin int

// The origins.
const (
	Supplied Origin = iota + 1 // given in the request
	Derived                    // derived from the principal
)

// derivedKey is a context key AWS sets from the principal: its name as
// AWS spells it and its Key, hashed once.
type derivedKey struct {
	name string
	key  matcher.Key
}

func newDerivedKey(name string) derivedKey {
	return derivedKey{name: name, key: matcher.NewKey(strings.ToLower(name))}
}

// The keys AWS derives from the principal (SPEC §2.6;
// reference_policies_condition-keys.md, "Principal properties").
var (
	keyUsername         = newDerivedKey("aws:username")
	keyUserid           = newDerivedKey("aws:userid")
	keyPrincipalArn     = newDerivedKey("aws:PrincipalArn")
	keyPrincipalType    = newDerivedKey("aws:PrincipalType")
	keyPrincipalAccount = newDerivedKey("aws:PrincipalAccount")
	keyIsAWSService     = newDerivedKey("aws:PrincipalIsAWSService")
	keyServiceName      = newDerivedKey("aws:PrincipalServiceName")
)

// maxDerived is the most keys derivedKeys sets for one principal.
const maxDerived = 6

// derivedValue is one derived key with its value.
type derivedValue struct {
	key   *derivedKey
	value string
}

// derivedKeys returns the context keys AWS sets from the principal, in
// the order they are added; a key is never given twice.
func derivedKeys(p *principal, uniqueID string) ([maxDerived]derivedValue, int) {
	var keys [maxDerived]derivedValue
	n := 0
	add := func(k *derivedKey, v string) { keys[n] = derivedValue{k, v}; n++ }
	switch p.kind {
	case PrincipalUser:
		add(&keyUsername, p.name)
		if uniqueID != "" {
			add(&keyUserid, uniqueID)
		}
		add(&keyPrincipalArn, p.arn)
		add(&keyPrincipalType, "User")
	case PrincipalRoleSession, PrincipalRole:
		if uniqueID != "" {
			switch {
			case p.slr:
				add(&keyUserid, uniqueID)
			case p.kind == PrincipalRoleSession:
				add(&keyUserid, uniqueID+":"+p.session)
			}
		}
		add(&keyPrincipalArn, p.roleARN)
		add(&keyPrincipalType, "AssumedRole")
	case PrincipalFederatedUser:
		add(&keyUserid, p.account+":"+p.name)
		add(&keyPrincipalArn, p.arn)
		add(&keyPrincipalType, "FederatedUser")
	case PrincipalRoot:
		add(&keyUserid, p.account)
		add(&keyPrincipalArn, p.arn)
		add(&keyPrincipalType, "Account")
	case PrincipalService:
		add(&keyIsAWSService, "true")
		add(&keyServiceName, p.name)
	case PrincipalAnonymous:
		add(&keyUserid, "anonymous")
		add(&keyPrincipalAccount, "anonymous")
		add(&keyPrincipalType, "Anonymous")
	}
	if p.hasAccount() {
		add(&keyPrincipalAccount, p.account)
		add(&keyIsAWSService, "false")
	}
	return keys, n
}

// requestContext is the context conditions see: supplied keys, then
// derived ones, under lower-case names. It implements matcher.Context and
// matcher.KeyedContext.
type requestContext struct {
	*matcher.Values
	// derived holds the derived keys' values, which the table's entries
	// slice, so that they need no allocation of their own.
	derived [maxDerived]string
}

// init fills the context from the request's keys and the principal's.
func (c *requestContext) init(p *principal, req *Request) {
	derived, nd := derivedKeys(p, req.UniqueID)
	c.Values = matcher.NewValues(len(req.Context) + nd)
	for k, v := range req.Context {
		c.Set(matcher.NewKey(strings.ToLower(k)), matcher.ContextValue{Values: v.Values, Multi: v.Multi})
	}
	for i, d := range derived[:nd] {
		if _, _, ok := c.LookupKey(d.key.key); ok {
			continue // a supplied value beats a derived one
		}
		c.derived[i] = d.value
		c.Set(d.key.key, matcher.ContextValue{Values: c.derived[i : i+1 : i+1]})
	}
}

// origin says whether a key, named in lower case, was supplied or derived.
func (p *Prepared) origin(lower string) (Origin, bool) {
	for k := range p.Request.Context {
		if strings.ToLower(k) == lower {
			return Supplied, true
		}
	}
	derived, nd := derivedKeys(&p.principal, p.Request.UniqueID)
	for _, d := range derived[:nd] {
		if d.key.key.Name == lower {
			return Derived, true
		}
	}
	return 0, false
}
