package evaluator

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// Request is one request to decide: who calls which action on which
// resource, with the request context.
type Request struct {
	// Principal is the caller: an IAM user, role, role session,
	// federated-user or root ARN, a service principal (s3.amazonaws.com),
	// "*" for anonymous, or the identity provider of a SAML or web
	// identity federation call (a saml-provider ARN, or an OIDC issuer
	// host such as token.actions.githubusercontent.com).
	Principal string
	// Action is service:ActionName.
	Action string
	// Resource is the resource ARN, or "*" for actions without one.
	Resource string
	// ResourceAccount is the account that owns the resource. Needed for
	// S3, whose ARNs carry no account; by default the account in the
	// resource ARN, else the principal's account.
	ResourceAccount string
	// Context holds the request's context keys. Keys derived from the
	// principal (aws:username, aws:PrincipalArn...) are added when absent.
	Context Context

	// RoleARN is the full ARN (with path) of the role behind a role
	// session, which session ARNs omit. A /aws-service-role/ path marks a
	// service-linked role.
	RoleARN string
	// UniqueID is the user's or role's unique ID (AIDA..., AROA...), for
	// aws:userid.
	UniqueID string
	// FederatingUser is the ARN of the IAM user that called
	// GetFederationToken, for a federated-user principal.
	FederatingUser string
	// AWSManagedKey marks the KMS key of the request as AWS managed: such
	// keys are not subject to RCPs.
	AWSManagedKey bool
}

// ContextValue is the value of one context key: one value, or a list for
// a multi-valued key such as aws:TagKeys.
type ContextValue struct {
	Values []string
	Multi  bool
}

// Context maps context key names to values. AWS compares key names
// without regard to case, and so does iamsim: a Context holds each key
// once, under the name as it was first spelled (for display). Its methods
// keep it so; a Context built by hand with two spellings of one key is
// refused by Prepare.
type Context map[string]ContextValue

// CanonicalKey returns the form of a context key name under which names
// that differ only in case are the same key. It is the one definition of
// key equality: every other comparison of key names goes through it or
// through Context's methods.
func CanonicalKey(name string) string { return strings.ToLower(name) }

// Find returns the name a key is stored under, whatever the case of
// key, and its value.
func (c Context) Find(key string) (string, ContextValue, bool) {
	if v, ok := c[key]; ok {
		return key, v, true
	}
	for k, v := range c { // one spelling at most: see Context
		if strings.EqualFold(k, key) {
			return k, v, true
		}
	}
	return "", ContextValue{}, false
}

// Put stores a key's value, replacing the key in whatever case it is
// stored: the new spelling is kept.
func (c Context) Put(key string, v ContextValue) {
	if name, _, ok := c.Find(key); ok && name != key {
		delete(c, name)
	}
	c[key] = v
}

// Set stores a single-valued key, replacing the key in any case.
func (c Context) Set(key, value string) { c.Put(key, ContextValue{Values: []string{value}}) }

// SetList stores a multi-valued key, replacing the key in any case.
func (c Context) SetList(key string, values ...string) {
	c.Put(key, ContextValue{Values: values, Multi: true})
}

// Add adds values to a key: a key given again, in any case, becomes a
// list under its first spelling.
func (c Context) Add(key string, values []string, multi bool) {
	if name, v, ok := c.Find(key); ok {
		c[name] = ContextValue{Values: append(v.Values[:len(v.Values):len(v.Values)], values...), Multi: true}
		return
	}
	c[key] = ContextValue{Values: values, Multi: multi}
}

// SetDefault stores a key unless the context has it in some case. When
// it has, SetDefault returns the name it is stored under, its value and
// false.
func (c Context) SetDefault(key string, v ContextValue) (string, ContextValue, bool) {
	if name, have, ok := c.Find(key); ok {
		return name, have, false
	}
	c[key] = v
	return key, v, true
}

// duplicateKey returns an error naming the spellings of a key the
// context holds more than once, in a stable order.
func (c Context) duplicateKey(canonical string) error {
	var names []string
	for k := range c {
		if CanonicalKey(k) == canonical {
			names = append(names, strconv.Quote(k))
		}
	}
	sort.Strings(names)
	return fmt.Errorf("context key %s is given %d times (%s): AWS compares key names without regard to case, so give it once",
		names[0], len(names), strings.Join(names, ", "))
}

// RequestError is a field of a request whose value is not valid: Error
// reads `resource account "aws": want a 12-digit account ID`. A command
// line puts the flag that gave the value in place of the field's name.
type RequestError struct {
	Field RequestField
	Value string
	// Msg says what the field wants, or why the value cannot be.
	Msg string
}

// Error renders the field, its value and what is wrong with it.
func (e *RequestError) Error() string { return fmt.Sprintf("%s %q: %s", e.Field, e.Value, e.Msg) }

// RequestField names a field of Request in error messages.
type RequestField string

// The fields a RequestError can name.
const (
	FieldPrincipal       RequestField = "principal"
	FieldAction          RequestField = "action"
	FieldResource        RequestField = "resource"
	FieldResourceAccount RequestField = "resource account"
	FieldRoleARN         RequestField = "role ARN"
	FieldFederatingUser  RequestField = "federating user"
	// FieldDecision is an expected decision (ParseDecision).
	FieldDecision RequestField = "decision"
)

// PrincipalKind is the kind of caller.
type PrincipalKind int

// The principal kinds (iam-user-guide reference_policies_elements_principal.md).
const (
	PrincipalUser          PrincipalKind = iota + 1 // IAM user
	PrincipalRoleSession                            // arn:aws:sts::A:assumed-role/R/S
	PrincipalRole                                   // a session of the role, name not given
	PrincipalFederatedUser                          // arn:aws:sts::A:federated-user/N
	PrincipalRoot                                   // arn:aws:iam::A:root
	PrincipalService                                // s3.amazonaws.com
	PrincipalAnonymous                              // "*"
	PrincipalSAML                                   // caller of AssumeRoleWithSAML
	PrincipalOIDC                                   // caller of AssumeRoleWithWebIdentity
)

var principalKindNames = [...]msg.ID{"", msg.KindUser, msg.KindRoleSession, msg.KindRole, msg.KindFederatedUser, msg.KindRoot, msg.KindService, msg.KindAnonymous, msg.KindSAML, msg.KindOIDC}

// String names the kind in English: "IAM user", "role session".
func (k PrincipalKind) String() string { return k.Message().String() }

// Message names the kind.
func (k PrincipalKind) Message() Message { return message(principalKindNames[k]) }

// principal is a parsed request principal.
type principal struct {
	kind      PrincipalKind
	arn       string // as given
	partition string
	account   string // "" for service, anonymous and federated callers
	// name is the user name, role name, federated user name, service
	// principal or provider (SAML ARN or OIDC host).
	name    string
	session string // role session name
	// roleARN is the role behind a session or role principal.
	roleARN string
	// rootARN is the root user ARN of the account.
	rootARN string
	slr     bool // service-linked role
}

// hasAccount reports whether the caller belongs to an AWS account.
func (p *principal) hasAccount() bool { return p.account != "" }

// isIAMPrincipal reports whether the caller is an IAM user or role
// session of a member account, to which boundaries and SCPs apply.
func (p *principal) isIAM() bool {
	switch p.kind {
	case PrincipalUser, PrincipalRoleSession, PrincipalRole, PrincipalFederatedUser:
		return true
	}
	return false
}

// knownOIDCProviders are web identity providers named by host whose host
// ends in amazonaws.com like a service principal would
// (id_roles_create_for-idp_oidc.md).
var knownOIDCProviders = map[string]bool{"cognito-identity.amazonaws.com": true}

// parsePrincipal parses the request principal (iam-user-guide
// reference_identifiers.md, "IAM ARNs").
func parsePrincipal(req *Request) (principal, error) {
	s := req.Principal
	p := principal{arn: s}
	switch {
	case s == "*":
		p.kind = PrincipalAnonymous
		return p, nil
	case !strings.HasPrefix(s, "arn:"):
		if !isHost(s) {
			return p, &RequestError{Field: FieldPrincipal, Value: s, Msg: principalForms}
		}
		host, _, _ := strings.Cut(s, "/")
		if (strings.HasSuffix(host, ".amazonaws.com") || strings.HasSuffix(host, ".amazonaws.com.cn")) && !knownOIDCProviders[s] {
			p.kind, p.name = PrincipalService, s
		} else {
			p.kind, p.name = PrincipalOIDC, s
		}
		return p, nil
	}
	f, ok := policy.SplitARN(s)
	if !ok || !policy.IsAccountID(f[4]) || f[3] != "" {
		return p, &RequestError{Field: FieldPrincipal, Value: s, Msg: principalForms}
	}
	p.partition, p.account = f[1], f[4]
	p.rootARN = "arn:" + p.partition + ":iam::" + p.account + ":root"
	res := f[5]
	switch {
	case f[2] == "iam" && res == "root":
		p.kind = PrincipalRoot
	case f[2] == "iam" && strings.HasPrefix(res, "user/") && lastName(res) != "":
		p.kind, p.name = PrincipalUser, lastName(res)
	case f[2] == "iam" && strings.HasPrefix(res, "role/") && lastName(res) != "":
		p.kind, p.name, p.roleARN = PrincipalRole, lastName(res), s
	case f[2] == "sts" && strings.HasPrefix(res, "assumed-role/"):
		role, session, ok := strings.Cut(strings.TrimPrefix(res, "assumed-role/"), "/")
		if !ok || role == "" || session == "" || strings.Contains(session, "/") {
			return p, &RequestError{Field: FieldPrincipal, Value: s, Msg: "a role session ARN is arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION"}
		}
		p.kind, p.name, p.session = PrincipalRoleSession, role, session
		p.roleARN = "arn:" + p.partition + ":iam::" + p.account + ":role/" + role
	case f[2] == "sts" && strings.HasPrefix(res, "federated-user/") && lastName(res) != "":
		p.kind, p.name = PrincipalFederatedUser, strings.TrimPrefix(res, "federated-user/")
	case f[2] == "iam" && strings.HasPrefix(res, "saml-provider/") && lastName(res) != "":
		p.kind, p.name, p.account = PrincipalSAML, s, ""
	case f[2] == "iam" && strings.HasPrefix(res, "oidc-provider/") && len(res) > len("oidc-provider/"):
		p.kind, p.name, p.account = PrincipalOIDC, strings.TrimPrefix(res, "oidc-provider/"), ""
	default:
		return p, &RequestError{Field: FieldPrincipal, Value: s, Msg: principalForms}
	}
	if req.RoleARN != "" && (p.kind == PrincipalRoleSession || p.kind == PrincipalRole) {
		rf, ok := policy.SplitARN(req.RoleARN)
		if !ok || rf[2] != "iam" || rf[4] != p.account || !strings.HasPrefix(rf[5], "role/") || lastName(rf[5]) != p.name {
			return p, &RequestError{Field: FieldRoleARN, Value: req.RoleARN,
				Msg: fmt.Sprintf("want the ARN of role %q in account %s (arn:%s:iam::%s:role/%s, with the role's path if it has one)", p.name, p.account, p.partition, p.account, p.name)}
		}
		p.roleARN = req.RoleARN
	}
	if p.roleARN != "" {
		rf, _ := policy.SplitARN(p.roleARN)
		p.slr = strings.HasPrefix(rf[5], "role/aws-service-role/")
	}
	return p, nil
}

const principalForms = "want an IAM user, role, role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), federated user or root ARN, a service principal such as s3.amazonaws.com, \"*\" for anonymous, a saml-provider ARN, or an OIDC provider host"

// lastName returns the part of an IAM resource after its last slash.
func lastName(res string) string {
	i := strings.LastIndexByte(res, '/')
	return res[i+1:]
}

// isHost reports whether s looks like a host name, with an optional path.
func isHost(s string) bool {
	host, _, _ := strings.Cut(s, "/")
	if !strings.Contains(host, ".") {
		return false
	}
	for _, r := range host {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}
