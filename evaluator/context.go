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

// derivedKeys returns the context keys AWS sets from the principal (SPEC
// §2.6; reference_policies_condition-keys.md, "Principal properties"),
// named as AWS spells them.
func derivedKeys(p *principal, req *Request) [][2]string {
	var keys [][2]string
	add := func(k, v string) { keys = append(keys, [2]string{k, v}) }
	switch p.kind {
	case PrincipalUser:
		add("aws:username", p.name)
		if req.UniqueID != "" {
			add("aws:userid", req.UniqueID)
		}
		add("aws:PrincipalArn", p.arn)
		add("aws:PrincipalType", "User")
	case PrincipalRoleSession, PrincipalRole:
		if req.UniqueID != "" {
			switch {
			case p.slr:
				add("aws:userid", req.UniqueID)
			case p.kind == PrincipalRoleSession:
				add("aws:userid", req.UniqueID+":"+p.session)
			}
		}
		add("aws:PrincipalArn", p.roleARN)
		add("aws:PrincipalType", "AssumedRole")
	case PrincipalFederatedUser:
		add("aws:userid", p.account+":"+p.name)
		add("aws:PrincipalArn", p.arn)
		add("aws:PrincipalType", "FederatedUser")
	case PrincipalRoot:
		add("aws:userid", p.account)
		add("aws:PrincipalArn", p.arn)
		add("aws:PrincipalType", "Account")
	case PrincipalService:
		add("aws:PrincipalIsAWSService", "true")
		add("aws:PrincipalServiceName", p.name)
	case PrincipalAnonymous:
		add("aws:userid", "anonymous")
		add("aws:PrincipalAccount", "anonymous")
		add("aws:PrincipalType", "Anonymous")
	}
	if p.hasAccount() {
		add("aws:PrincipalAccount", p.account)
		add("aws:PrincipalIsAWSService", "false")
	}
	return keys
}

// requestContext is the context conditions see: supplied keys, then
// derived ones, under lower-case names. It implements matcher.Context and
// matcher.KeyedContext.
type requestContext struct {
	*matcher.Values
	origins map[string]Origin
	names   map[string]string // lower case → as written
}

func newRequestContext(p *principal, req *Request) *requestContext {
	derived := derivedKeys(p, req)
	n := len(req.Context) + len(derived)
	c := &requestContext{
		Values:  matcher.NewValues(n),
		origins: make(map[string]Origin, n),
		names:   make(map[string]string, n),
	}
	for k, v := range req.Context {
		lk := strings.ToLower(k)
		c.Set(matcher.NewKey(lk), matcher.ContextValue{Values: v.Values, Multi: v.Multi})
		c.origins[lk], c.names[lk] = Supplied, k
	}
	for _, kv := range derived {
		lk := strings.ToLower(kv[0])
		if _, ok := c.origins[lk]; ok {
			continue // a supplied value beats a derived one
		}
		c.Set(matcher.NewKey(lk), matcher.ContextValue{Values: []string{kv[1]}})
		c.origins[lk], c.names[lk] = Derived, kv[0]
	}
	return c
}
