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

// The keys AWS derives from the principal (iam-user-guide
// reference_policies_condition-keys.md, "Properties of the principal").
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
	// supplied holds the request's keys, and the derived keys too when
	// derived is nil.
	supplied *matcher.Values
	// derived holds the keys derived from the principal, shared by the
	// requests of one caller (see Preparer).
	derived *matcher.Values
	// derivedVals holds the derived keys' values when they are in
	// supplied, so that they need no allocation of their own.
	derivedVals [maxDerived]string
	// keys are the lower-case names of supplied's keys when derived is
	// set: a request with the same names reuses the table.
	keys []string
	// scratch holds the request's keys while init runs.
	scratch []suppliedKey
}

// Lookup implements matcher.Context.
func (c *requestContext) Lookup(key string) ([]string, bool, bool) {
	return c.LookupKey(matcher.NewKey(key))
}

// LookupKey implements matcher.KeyedContext.
func (c *requestContext) LookupKey(k matcher.Key) ([]string, bool, bool) {
	if v, multi, ok := c.supplied.LookupKey(k); ok || c.derived == nil {
		return v, multi, ok
	}
	return c.derived.LookupKey(k)
}

// init fills the context from the request's keys and the principal's:
// all in one table without a Preparer (cp nil); with one, the derived
// keys come from its cache and the supplied table is reused when the
// request has the same key names as the last one prepared into this
// context. A key the request gives in two spellings is an error: which
// value won would depend on map order.
func (c *requestContext) init(p *principal, req *Request, cp *cachedPrincipal) error {
	if cp == nil {
		derived, nd := derivedKeys(p, req.UniqueID)
		c.supplied, c.derived, c.keys = matcher.NewValues(len(req.Context)+nd), nil, nil
		for k, v := range req.Context {
			key := matcher.NewKey(CanonicalKey(k))
			if _, _, dup := c.supplied.LookupKey(key); dup {
				return req.Context.duplicateKey(key.Name)
			}
			c.supplied.Set(key, matcher.ContextValue{Values: v.Values, Multi: v.Multi})
		}
		for i, d := range derived[:nd] {
			if _, _, ok := c.supplied.LookupKey(d.key.key); ok {
				continue // a supplied value beats a derived one
			}
			c.derivedVals[i] = d.value
			c.supplied.Set(d.key.key, matcher.ContextValue{Values: c.derivedVals[i : i+1 : i+1]})
		}
		return nil
	}
	c.scratch = c.scratch[:0]
	for k, v := range req.Context {
		c.scratch = append(c.scratch, suppliedKey{matcher.NewKey(CanonicalKey(k)), v})
	}
	reuse := c.derived != nil && c.sameKeys()
	c.derived = cp.derivedValues(req.UniqueID)
	if !reuse {
		c.supplied = matcher.NewValues(len(c.scratch))
		c.keys = c.keys[:0]
		for _, s := range c.scratch {
			if _, _, dup := c.supplied.LookupKey(s.key); dup {
				c.derived = nil // the table is incomplete: never reuse it
				return req.Context.duplicateKey(s.key.Name)
			}
			c.supplied.Set(s.key, matcher.ContextValue{})
			c.keys = append(c.keys, s.key.Name)
		}
	}
	for _, s := range c.scratch {
		c.supplied.Set(s.key, matcher.ContextValue{Values: s.value.Values, Multi: s.value.Multi})
	}
	return nil
}

// suppliedKey is one key of the request, its name in lower case.
type suppliedKey struct {
	key   matcher.Key
	value ContextValue
}

// sameKeys reports whether the supplied table holds exactly the keys in
// scratch, so that setting them overwrites every entry. keys are
// distinct, so scratch, as long and found in keys both ways, is keys in
// some order, without a key given twice.
func (c *requestContext) sameKeys() bool {
	if len(c.keys) != len(c.scratch) {
		return false
	}
	for _, s := range c.scratch {
		if !c.hasKey(s.key.Name) {
			return false
		}
	}
	for _, have := range c.keys {
		found := false
		for _, s := range c.scratch {
			if s.key.Name == have {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// hasKey reports whether keys holds a name.
func (c *requestContext) hasKey(name string) bool {
	for _, have := range c.keys {
		if have == name {
			return true
		}
	}
	return false
}

// origin says whether a key, named in lower case, was supplied or derived.
func (p *Prepared) origin(lower string) (Origin, bool) {
	for k := range p.Request.Context { // one spelling per key: see init
		if CanonicalKey(k) == lower {
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
