package diff

import (
	"regexp"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// roleARN reads a role ARN: its account, path and name.
var roleARN = regexp.MustCompile(`^arn:aws:iam::(\d{12}):role/(?:.*/)?([^/]+)$`)

// statementPrincipals are the callers a statement's Principal or
// NotPrincipal names (docs/diff.md, "Principals"): an account as its root
// and one of its users; a role as itself and one of its sessions; a
// wildcard ARN filled in; a service or identity provider as itself. A
// CanonicalUser, or a value the evaluator refuses as a caller, cannot be
// tried: the statement is marked inexact.
func (u *universe) statementPrincipals(st *policy.Statement, f *stmtFacts) []principal {
	if st.Principal == nil {
		return nil
	}
	if st.Principal.Any {
		return []principal{{arn: "*"}}
	}
	var out []principal
	for _, e := range st.Principal.Entries {
		switch e.Type {
		case policy.PrincipalAWS:
			out = append(out, awsPrincipals(e.Text)...)
		case policy.PrincipalService:
			out = append(out, principal{arn: e.Text})
		case policy.PrincipalFederated:
			out = append(out, principal{arn: e.Text})
			if _, host, ok := strings.Cut(e.Text, ":oidc-provider/"); ok {
				out = append(out, principal{arn: host})
			}
		default:
			if f.inexact == "" {
				f.inexact = "a " + string(e.Type) + " principal, which iamsim cannot take as a caller"
			}
		}
	}
	var callers []principal
	for _, p := range out {
		req := &evaluator.Request{Principal: p.arn, RoleARN: p.role, Action: "s3:GetObject", Resource: "*"}
		if _, err := evaluator.Prepare(req); err != nil {
			if f.inexact == "" {
				f.inexact = "the principal " + p.arn + ", which iamsim cannot take as a caller"
			}
			continue
		}
		callers = append(callers, p)
	}
	return callers
}

// awsPrincipals are the callers an AWS principal value stands for.
func awsPrincipals(v string) []principal {
	if v == "*" {
		return []principal{{arn: "*"}}
	}
	if len(v) == 12 && strings.Trim(v, "0123456789") == "" {
		v = "arn:aws:iam::" + v + ":root"
	}
	reps, _ := instantiate(v, false, true)
	var out []principal
	for _, r := range reps {
		out = append(out, principal{arn: r})
		if acct, ok := strings.CutSuffix(r, ":root"); ok {
			out = append(out, principal{arn: acct + ":user/diff-user"})
		}
		if m := roleARN.FindStringSubmatch(r); m != nil {
			out = append(out, principal{arn: "arn:aws:sts::" + m[1] + ":assumed-role/" + m[2] + "/diff-session", role: r})
		}
	}
	return out
}

// callers lists the principals of the universe in order: for a policy
// without a Principal element the one caller it is written for; else
// those the policies name, a user of the home account, one of another
// account, and an anonymous caller.
func (u *universe) callers(named map[principal]bool) []principal {
	switch u.kind {
	case policy.Session:
		return []principal{{arn: homeSession, role: homeRole}}
	case policy.Resource, policy.Trust, policy.RCP, policy.Endpoint:
	default:
		return []principal{{arn: homeUser}}
	}
	named[principal{arn: homeUser}] = true
	named[principal{arn: "arn:aws:iam::" + OutsideAccount + ":user/outsider"}] = true
	named[principal{arn: "*"}] = true
	out := make([]principal, 0, len(named))
	for p := range named {
		out = append(out, p)
	}
	// An account's root user comes after the other callers, so that a
	// witness is a user or role where one serves: AWS refuses some
	// requests of the root user whatever the policies say (a root user
	// cannot call sts:AssumeRole, STS API reference, AssumeRole).
	sort.Slice(out, func(i, j int) bool {
		if ri, rj := isRoot(out[i].arn), isRoot(out[j].arn); ri != rj {
			return rj
		}
		if out[i].arn != out[j].arn {
			return out[i].arn < out[j].arn
		}
		return out[i].role < out[j].role
	})
	return out
}

// isRoot reports whether arn names an account's root user.
func isRoot(arn string) bool { return strings.HasSuffix(arn, ":root") }
