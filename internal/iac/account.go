package iac

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/account"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// DefaultAccountID is the account a template's principals are put in
// when nothing gives one (--var AWS::AccountId=ID): AWS's documentation
// example account. Every answer that rests on it says so.
const DefaultAccountID = "123456789012"

// Account returns the account that code would create, as account mode
// reads an export: each role, user and group of the set with its inline
// policies, the managed policies attached to it (customer managed
// policies of the set; any other ARN, such as an AWS managed policy, for
// account mode to find), its permissions boundary and a role's trust
// policy, every document parsed within limits with its positions in the
// code. id is the account's ID and file names the code. A principal is
// named by its name in the code (RoleName, name = ...), else by its
// resource (logical ID or address).
func Account(set *policydoc.Set, id, file string, limits policy.Limits) (*account.Account, error) {
	a := &account.Account{ID: id, File: file, Users: map[string]*account.User{}, Groups: map[string]*account.Group{},
		Roles: map[string]*account.Role{}, Policies: map[string]*account.ManagedPolicy{}}
	b := &accountBuilder{set: set, acct: a, limits: limits}
	for i := range set.Principals {
		b.principal(&set.Principals[i])
	}
	return a, b.problems.Err()
}

type accountBuilder struct {
	set      *policydoc.Set
	acct     *account.Account
	limits   policy.Limits
	problems policy.ErrorList
}

// PrincipalName is the IAM name of a principal of code: the name the
// code gives it, else its resource.
func PrincipalName(p *policydoc.Principal) string {
	if p.Name != "" {
		return p.Name
	}
	return p.Resource
}

// PrincipalARN is the ARN the principal would have in account id.
func PrincipalARN(p *policydoc.Principal, id string) string {
	return fmt.Sprintf("arn:aws:iam::%s:%s/%s", id, PrincipalKind(p), PrincipalName(p))
}

// PrincipalKind is what a principal is: "user", "group" or "role", its
// ARN's resource type.
func PrincipalKind(p *policydoc.Principal) string {
	t := strings.ToLower(p.Type)
	switch {
	case strings.Contains(t, "user"):
		return "user"
	case strings.Contains(t, "group"):
		return "group"
	}
	return "role"
}

func (b *accountBuilder) principal(p *policydoc.Principal) {
	name, arn := PrincipalName(p), PrincipalARN(p, b.acct.ID)
	owner := PrincipalKind(p) + " " + name
	inline := b.documents(p.Inline, policy.Identity, owner)
	attached := b.managed(p.Attached)
	attached = append(attached, p.ManagedARNs...)
	boundary := p.BoundaryARN
	if p.Boundary >= 0 {
		if arns := b.managed([]int{p.Boundary}); len(arns) == 1 {
			boundary = arns[0]
		}
	}
	switch PrincipalKind(p) {
	case "user":
		u := &account.User{Name: name, ARN: arn, Path: "/", Inline: inline, Attached: attached, Boundary: boundary}
		for _, g := range p.Groups {
			u.Groups = append(u.Groups, PrincipalName(&b.set.Principals[g]))
		}
		b.acct.Users[name] = u
	case "group":
		b.acct.Groups[name] = &account.Group{Name: name, ARN: arn, Path: "/", Inline: inline, Attached: attached}
	default:
		r := &account.Role{Name: name, ARN: arn, Path: "/", Inline: inline, Attached: attached, Boundary: boundary}
		if p.Trust >= 0 {
			if trust := b.documents([]int{p.Trust}, policy.Trust, owner); len(trust) == 1 {
				r.Trust = &trust[0]
			}
		}
		b.acct.Roles[name] = r
	}
}

// documents parses the set's policies at indexes as kind, each named for
// the explanation by where it stands in the code.
func (b *accountBuilder) documents(indexes []int, kind policy.Kind, owner string) []account.Policy {
	var out []account.Policy
	for _, i := range indexes {
		p := &b.set.Policies[i]
		doc, err := p.Parse(b.limits, kind)
		if err != nil {
			b.problems = append(b.problems, err.(policy.ErrorList)...)
			continue
		}
		out = append(out, account.Policy{Doc: doc, Origin: owner + ", " + p.Name()})
	}
	return out
}

// managed adds the set's policies at indexes as customer managed policies
// of the account, once each, and returns their ARNs.
func (b *accountBuilder) managed(indexes []int) []string {
	var arns []string
	for _, i := range indexes {
		p := &b.set.Policies[i]
		name := p.PolicyName
		if name == "" {
			name = p.Resource
		}
		arn := fmt.Sprintf("arn:aws:iam::%s:policy/%s", b.acct.ID, name)
		arns = append(arns, arn)
		if _, ok := b.acct.Policies[arn]; ok {
			continue
		}
		doc, err := p.Parse(b.limits, policy.Identity)
		if err != nil {
			b.problems = append(b.problems, err.(policy.ErrorList)...)
			continue
		}
		b.acct.Policies[arn] = &account.ManagedPolicy{Name: name, ARN: arn, Path: "/", Default: account.Policy{Doc: doc, Origin: "managed policy " + p.Name()}}
	}
	return arns
}
