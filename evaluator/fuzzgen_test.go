package evaluator_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/evaluator"
	"github.com/iamsim/iamsim/policy"
)

// fuzzBytes hands out the fuzz input one choice at a time; once the
// input is used up every choice is the first.
type fuzzBytes []byte

// pick returns a number in [0, n).
func (b *fuzzBytes) pick(n int) int {
	if len(*b) == 0 || n <= 1 {
		return 0
	}
	v := int((*b)[0])
	*b = (*b)[1:]
	return v % n
}

// chance is true once in n choices, and false once the input is used
// up, so that a short input makes a small case.
func (b *fuzzBytes) chance(n int) bool { return b.pick(n) == 1 }

// one picks an element of list.
func one[T any](b *fuzzBytes, list []T) T { return list[b.pick(len(list))] }

// The accounts of the generated requests: the caller's, another one, and
// the organization's management account.
const (
	acctA = "111122223333"
	acctB = "444455556666"
	acctM = "999988887777"
)

// fuzzCaller is a request principal of the vocabulary, with what the
// docs' table of applicable policies needs to know about it.
type fuzzCaller struct {
	arn, roleARN, federatingUser, uniqueID string
	kind                                   evaluator.PrincipalKind
	account                                string // "" for callers without one
	slr                                    bool
}

var fuzzCallers = []fuzzCaller{
	{arn: "arn:aws:iam::" + acctA + ":user/alice", kind: evaluator.PrincipalUser, account: acctA},
	{arn: "arn:aws:iam::" + acctA + ":user/alice", uniqueID: "AIDAEXAMPLEALICE", kind: evaluator.PrincipalUser, account: acctA},
	{arn: "arn:aws:sts::" + acctA + ":assumed-role/dev/s1", kind: evaluator.PrincipalRoleSession, account: acctA},
	{arn: "arn:aws:sts::" + acctA + ":assumed-role/dev/s1", roleARN: "arn:aws:iam::" + acctA + ":role/team/dev", uniqueID: "AROAEXAMPLEDEV", kind: evaluator.PrincipalRoleSession, account: acctA},
	{arn: "arn:aws:iam::" + acctA + ":role/dev", kind: evaluator.PrincipalRole, account: acctA},
	{arn: "arn:aws:sts::" + acctA + ":assumed-role/AWSServiceRoleForSupport/s", roleARN: "arn:aws:iam::" + acctA + ":role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", kind: evaluator.PrincipalRoleSession, account: acctA, slr: true},
	{arn: "arn:aws:sts::" + acctA + ":federated-user/fed", federatingUser: "arn:aws:iam::" + acctA + ":user/alice", kind: evaluator.PrincipalFederatedUser, account: acctA},
	{arn: "arn:aws:iam::" + acctA + ":root", kind: evaluator.PrincipalRoot, account: acctA},
	{arn: "arn:aws:iam::" + acctM + ":user/admin", kind: evaluator.PrincipalUser, account: acctM},
	{arn: "arn:aws:iam::" + acctB + ":user/carol", kind: evaluator.PrincipalUser, account: acctB},
	{arn: "s3.amazonaws.com", kind: evaluator.PrincipalService},
	{arn: "*", kind: evaluator.PrincipalAnonymous},
	{arn: "arn:aws:iam::" + acctA + ":saml-provider/corp", kind: evaluator.PrincipalSAML},
	{arn: "token.actions.githubusercontent.com", kind: evaluator.PrincipalOIDC},
}

var (
	fuzzActions = []string{"s3:GetObject", "s3:PutObject", "S3:listbucket", "s3:ListAllMyBuckets", "sqs:SendMessage",
		"ec2:RunInstances", "sts:AssumeRole", "sts:AssumeRoleWithSAML", "kms:Decrypt", "kms:RetireGrant", "iam:PassRole", "sts:GetCallerIdentity",
		"iam:DeleteRole", "iam:DeletePolicy"}
	fuzzResources = []string{"arn:aws:s3:::bucket/alice/notes.txt", "arn:aws:s3:::bucket", "arn:aws:sqs:us-east-1:" + acctA + ":queue1",
		"arn:aws:sqs:us-east-1:" + acctB + ":queue1", "arn:aws:iam::" + acctA + ":role/dev", "arn:aws:kms:us-east-1:" + acctA + ":key/k1",
		"arn:aws:ec2:us-east-1:" + acctA + ":instance/i-1", "arn:aws:iam::" + acctA + ":role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", "*",
		"arn:aws:iam::aws:policy/ReadOnlyAccess"}
	fuzzResourceAccounts = []string{"", "", acctA, acctB, acctM}

	fuzzPolicyActions = []string{"*", "s3:*", "s3:Get*", "s3:GetObject", "S3:getobject", "s3:List*", "s3:?utObject", "sqs:*",
		"sts:AssumeRole*", "kms:*", "ec2:Run?nstances", "iam:PassRole", "sts:GetCallerIdentity", "s3:GetObjectAcl"}
	fuzzPolicyResources = []string{"*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/${aws:username}/*",
		"arn:aws:s3:::Bucket/*", "arn:aws:sqs:*:*:queue1", "arn:aws:sqs:us-east-1:" + acctA + ":*", "arn:aws:iam::" + acctA + ":role/dev",
		"arn:aws:kms:*:" + acctA + ":key/*", "arn:aws:ec2:*:*:instance/*", "arn:aws:iam::*:role/*", "arn:aws:s3:::bucket/alice/notes.tx?",
		"arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:queue1", "arn:aws:sqs:us-east-1:${aws:username}:*"}
	fuzzPolicyPrincipals = []string{`"*"`, `{"AWS": "*"}`, `{"AWS": "` + acctA + `"}`, `{"AWS": "arn:aws:iam::` + acctA + `:root"}`,
		`{"AWS": "arn:aws:iam::` + acctA + `:user/alice"}`, `{"AWS": "arn:aws:iam::` + acctA + `:role/dev"}`,
		`{"AWS": "arn:aws:iam::` + acctA + `:role/team/dev"}`, `{"AWS": "arn:aws:sts::` + acctA + `:assumed-role/dev/s1"}`,
		`{"AWS": ["arn:aws:iam::` + acctB + `:user/carol", "AIDAEXAMPLEALICE"]}`, `{"AWS": "arn:aws:sts::` + acctA + `:federated-user/fed"}`,
		`{"Service": "s3.amazonaws.com"}`, `{"Federated": "arn:aws:iam::` + acctA + `:saml-provider/corp"}`,
		`{"Federated": "token.actions.githubusercontent.com"}`, `{"AWS": "` + acctB + `"}`, `{"AWS": "arn:aws:iam::` + acctM + `:user/admin"}`}
)

// fuzzKey is a context key of the vocabulary and the values a request
// may give it.
type fuzzKey struct {
	name   string
	values []string
	multi  bool // given as a list
}

var fuzzContextKeys = []fuzzKey{
	{name: "aws:SourceIp", values: []string{"203.0.113.7", "10.1.2.3", "2001:db8::1", "bogus"}},
	{name: "aws:SecureTransport", values: []string{"true", "false", "TRUE"}},
	{name: "aws:PrincipalTag/team", values: []string{"blue", "Blue", "red", ""}},
	{name: "aws:TagKeys", values: []string{"env", "team", "other"}, multi: true},
	{name: "aws:CurrentTime", values: []string{"2026-03-01T12:00:00Z", "1767225600", "soon"}},
	{name: "s3:prefix", values: []string{"home/alice/", "", "home/*"}},
	{name: "aws:SourceVpce", values: []string{"vpce-1a2b3c4d"}},
	{name: "aws:MultiFactorAuthAge", values: []string{"300", "7200", "x"}},
	{name: "aws:PrincipalArn", values: []string{"arn:aws:iam::" + acctA + ":user/bob"}},
}

// The condition keys policies name: the context keys and some derived or
// never supplied ones.
var fuzzConditionKeys = []string{"aws:SourceIp", "aws:SecureTransport", "aws:PrincipalTag/team", "aws:TagKeys", "aws:CurrentTime",
	"s3:prefix", "aws:SourceVpce", "aws:MultiFactorAuthAge", "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType",
	"aws:userid", "aws:username", "aws:PrincipalServiceName", "aws:ResourceTag/owner", "AWS:SourceIP"}

// fuzzOperators are condition operators by family, with values valid
// for the family.
var fuzzOperators = []struct {
	ops    []string
	values []string
}{
	{[]string{"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"},
		[]string{"blue", "Blue", "env", "home/${aws:username}/*", "*", "", "203.0.113.7", "true", "User", "vpce-*", "${aws:PrincipalTag/team}"}},
	{[]string{"NumericLessThan", "NumericGreaterThanEquals", "NumericEquals", "NumericNotEquals"}, []string{"3600", "10", "-1.5"}},
	{[]string{"DateLessThan", "DateGreaterThan", "DateNotEquals"}, []string{"2026-01-01T00:00:00Z", "1767225600", "2030-01-01"}},
	{[]string{"Bool"}, []string{"true", "false"}},
	{[]string{"IpAddress", "NotIpAddress"}, []string{"203.0.113.0/24", "10.0.0.0/8", "2001:db8::/32"}},
	{[]string{"ArnLike", "ArnNotEquals", "ArnEquals", "ArnNotLike"}, []string{"arn:aws:iam::" + acctA + ":user/*", "arn:aws:iam::*:role/dev", "arn:aws:sts::" + acctA + ":assumed-role/dev/*"}},
	{[]string{"Null"}, []string{"true", "false"}},
}

// fuzzCase is one generated request and the policies in play.
type fuzzCase struct {
	caller   fuzzCaller
	request  evaluator.Request
	policies evaluator.Policies
	org      evaluator.Organization
	// trust is set when the resource-based policy is a role trust policy.
	trust bool
}

// genCase builds a request and its policies from the fuzz input. It
// returns an error only when a generated policy does not parse, which is
// a bug of the generator.
func genCase(b *fuzzBytes) (*fuzzCase, error) {
	c := &fuzzCase{caller: one(b, fuzzCallers)}
	r := &c.request
	r.Principal, r.RoleARN, r.FederatingUser, r.UniqueID = c.caller.arn, c.caller.roleARN, c.caller.federatingUser, c.caller.uniqueID
	r.Action, r.Resource, r.ResourceAccount = one(b, fuzzActions), one(b, fuzzResources), one(b, fuzzResourceAccounts)
	r.AWSManagedKey = strings.HasPrefix(r.Action, "kms:") && b.chance(4)
	r.Context = evaluator.Context{}
	for _, k := range fuzzContextKeys {
		if !b.chance(2) {
			continue
		}
		switch {
		case k.multi || b.chance(8):
			var vals []string
			for n := b.pick(3); n > 0; n-- {
				vals = append(vals, one(b, k.values))
			}
			r.Context.SetList(k.name, vals...)
		default:
			r.Context.Set(k.name, one(b, k.values))
		}
	}
	switch b.pick(4) {
	case 1:
		c.org.ManagementAccount = acctM
	case 2:
		c.org = evaluator.Organization{ManagementAccount: acctM, Members: []string{acctA, acctB}}
	case 3:
		c.org = evaluator.Organization{ManagementAccount: acctM, Members: []string{acctB}}
	}
	c.trust = strings.HasPrefix(strings.ToLower(r.Action), "sts:") && strings.HasPrefix(r.Resource, "arn:aws:iam::") && strings.Contains(r.Resource, ":role/")

	g := policyGen{b: b}
	p := &c.policies
	for n := b.pick(3); n > 0; n-- {
		p.Identity = append(p.Identity, g.doc(policy.Identity))
	}
	if b.chance(2) {
		if c.trust {
			p.Resource = g.doc(policy.Trust)
		} else {
			p.Resource = g.doc(policy.Resource)
		}
	}
	if b.chance(3) {
		p.Boundary = g.doc(policy.Boundary)
	}
	if b.chance(3) {
		p.Session = g.doc(policy.Session)
	}
	if b.chance(6) {
		p.Endpoint = g.doc(policy.Endpoint)
	}
	p.SCPs, p.RCPs = g.chain(policy.SCP), g.chain(policy.RCP)
	return c, g.err
}

// policyGen writes and parses policies from the fuzz input.
type policyGen struct {
	b   *fuzzBytes
	n   int // documents so far, to name them
	err error
}

// chain builds 0 to 2 levels of SCPs or RCPs, each of one or two
// policies.
func (g *policyGen) chain(kind policy.Kind) [][]*policy.Document {
	var levels [][]*policy.Document
	for n := g.b.pick(3); n > 0; n-- {
		level := []*policy.Document{g.doc(kind)}
		if g.b.chance(3) {
			level = append(level, g.doc(kind))
		}
		levels = append(levels, level)
	}
	return levels
}

// doc writes and parses a policy of the kind with one to three
// statements.
func (g *policyGen) doc(kind policy.Kind) *policy.Document {
	var sts []string
	for i, n := 0, 1+g.b.pick(3); i < n; i++ {
		sts = append(sts, g.statement(kind, i))
	}
	version := policy.Version2012
	if kind != policy.RCP && kind != policy.SCP && g.b.chance(8) {
		version = policy.Version2008
	}
	g.n++
	return g.parse(fmt.Sprintf("%s%d.json", kind, g.n), kind, `{"Version": "`+version+`", "Statement": [`+"\n"+strings.Join(sts, ",\n")+"\n]}")
}

func (g *policyGen) parse(name string, kind policy.Kind, src string) *policy.Document {
	d, err := policy.Parse(name, []byte(src), kind)
	if err != nil && g.err == nil {
		g.err = fmt.Errorf("generated %s policy does not parse: %v\n%s", kind, err, src)
	}
	if d == nil {
		d = &policy.Document{Name: name, Kind: kind}
	}
	return d
}

// statement writes a statement of a policy of the kind; i makes its Sid.
func (g *policyGen) statement(kind policy.Kind, i int) string {
	b := g.b
	effect := one(b, []string{"Allow", "Deny"})
	if kind == policy.RCP && effect == "Allow" {
		// The only Allow RCPs support.
		return `{"Sid": "FullAccess", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}`
	}
	if effect == "Allow" && b.chance(3) {
		// Guardrails mostly hold a full-access Allow, as
		// FullAWSAccess; identity policies often grant broadly.
		switch kind {
		case policy.SCP, policy.Identity, policy.Boundary, policy.Session:
			return fmt.Sprintf(`{"Sid": "S%d", "Effect": "Allow", "Action": "*", "Resource": "*"}`, i)
		case policy.Endpoint:
			return fmt.Sprintf(`{"Sid": "S%d", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}`, i)
		}
	}
	parts := []string{fmt.Sprintf(`"Sid": "S%d"`, i), `"Effect": "` + effect + `"`}
	principals := fuzzPolicyPrincipals
	if kind != policy.Trust {
		// Federated principals belong in trust policies only (E018).
		principals = slices.DeleteFunc(slices.Clone(principals), func(p string) bool { return strings.Contains(p, "Federated") })
	}
	switch {
	case kind == policy.RCP:
		parts = append(parts, `"Principal": "*"`)
	case kind == policy.Resource && effect == "Deny" && b.chance(4):
		parts = append(parts, `"NotPrincipal": `+one(b, principals[2:]))
	case kind.HasPrincipal():
		parts = append(parts, `"Principal": `+one(b, principals))
	}
	list := func(vocab []string) string {
		items := []string{one(b, vocab)}
		if b.chance(3) {
			items = append(items, one(b, vocab))
		}
		out, _ := json.Marshal(items)
		return string(out)
	}
	element := func(name string) string {
		if b.chance(5) {
			return "Not" + name
		}
		return name
	}
	parts = append(parts, `"`+element("Action")+`": `+list(fuzzPolicyActions))
	if kind != policy.Trust {
		parts = append(parts, `"`+element("Resource")+`": `+list(fuzzPolicyResources))
	}
	if cond := g.condition(); cond != "" {
		parts = append(parts, `"Condition": `+cond)
	}
	return "  {" + strings.Join(parts, ", ") + "}"
}

// condition writes a Condition block of up to two operators with one or
// two keys each, or "".
func (g *policyGen) condition() string {
	b := g.b
	var ops []string
	seen := map[string]bool{}
	for n := b.pick(4) - 1; n > 0; n-- {
		fam := one(b, fuzzOperators)
		op := one(b, fam.ops)
		if op != "Null" {
			if b.chance(4) {
				op += "IfExists"
			}
			switch b.pick(5) {
			case 0:
				op = "ForAnyValue:" + op
			case 1:
				op = "ForAllValues:" + op
			}
		}
		if seen[op] {
			continue
		}
		seen[op] = true
		var keys []string
		seenKey := map[string]bool{}
		for k := 1 + b.pick(2); k > 0; k-- {
			key := one(b, fuzzConditionKeys)
			if seenKey[strings.ToLower(key)] {
				continue
			}
			seenKey[strings.ToLower(key)] = true
			vals := []string{one(b, fam.values)}
			if b.chance(3) {
				vals = append(vals, one(b, fam.values))
			}
			var v []byte
			if len(vals) == 1 && b.chance(2) {
				v, _ = json.Marshal(vals[0])
			} else {
				v, _ = json.Marshal(vals)
			}
			keys = append(keys, fmt.Sprintf("%q: %s", key, v))
		}
		ops = append(ops, fmt.Sprintf("%q: {%s}", op, strings.Join(keys, ", ")))
	}
	if len(ops) == 0 {
		return ""
	}
	return "{" + strings.Join(ops, ", ") + "}"
}
