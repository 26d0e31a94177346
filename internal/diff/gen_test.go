package diff

import (
	"fmt"
	"math/rand"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// chooser picks among n choices: from a seeded source in the property
// test, from the fuzzer's bytes in FuzzDiff.
type chooser interface{ intn(n int) int }

type randChooser struct{ r *rand.Rand }

func (c randChooser) intn(n int) int { return c.r.Intn(n) }

// byteChooser reads choices from bytes; past their end every choice is
// the first.
type byteChooser struct{ b []byte }

func (c *byteChooser) intn(n int) int {
	if len(c.b) == 0 {
		return 0
	}
	v := int(c.b[0])
	c.b = c.b[1:]
	return v % n
}

func pick[T any](c chooser, xs []T) T { return xs[c.intn(len(xs))] }

// The small universe of the soundness test: a handful of actions, the
// patterns the generator writes for them, and the condition shapes it
// writes, over a few keys.
var (
	smallActions  = []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket", "iam:PassRole", "ec2:DescribeInstances"}
	genActions    = []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket", "iam:PassRole", "ec2:DescribeInstances", "s3:Get*", "s3:*", "*", "s3:*Object", "iam:Pass?ole", "S3:getobject"}
	genResources  = []string{"*", "arn:aws:s3:::b1/*", "arn:aws:s3:::b1*", "arn:aws:s3:::b?/k1", "arn:aws:s3:::b1", "arn:aws:s3:::b1/k1", "arn:aws:iam::111122223333:role/r*", "arn:aws:iam::111122223333:role/r1"}
	genPrincipals = []string{`"*"`, `{"AWS": "111122223333"}`, `{"AWS": "arn:aws:iam::444455556666:role/r1"}`, `{"AWS": ["arn:aws:iam::444455556666:root", "arn:aws:iam::111122223333:user/alice"]}`, `{"Service": "s3.amazonaws.com"}`}
	genConditions = []string{
		`"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}`,
		`"NotIpAddress": {"aws:SourceIp": ["10.1.0.0/16"]}`,
		`"IpAddressIfExists": {"aws:SourceIp": "10.1.0.0/16"}`,
		`"StringEquals": {"aws:RequestTag/team": "a"}`,
		`"StringEqualsIgnoreCase": {"aws:RequestTag/team": "A"}`,
		`"StringLike": {"aws:RequestTag/team": "a*"}`,
		`"StringNotEquals": {"aws:RequestTag/team": ["a", "b"]}`,
		`"StringNotLikeIfExists": {"aws:RequestTag/team": "b*"}`,
		`"Bool": {"aws:MultiFactorAuthPresent": "true"}`,
		`"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}`,
		`"NumericLessThan": {"s3:max-keys": "10"}`,
		`"NumericGreaterThanEquals": {"s3:max-keys": "5"}`,
		`"DateLessThan": {"aws:CurrentTime": "2024-01-01T00:00:00Z"}`,
		`"DateGreaterThan": {"aws:CurrentTime": "2023-06-01T00:00:00Z"}`,
		`"Null": {"aws:RequestTag/team": "true"}`,
		`"Null": {"aws:SourceIp": "false"}`,
		`"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}`,
		`"ForAnyValue:StringEquals": {"aws:TagKeys": "a"}`,
		`"ForAnyValue:StringLike": {"aws:TagKeys": "b*"}`,
		`"ArnLike": {"aws:SourceArn": "arn:aws:s3:::b1*"}`,
		`"ArnNotEquals": {"aws:SourceArn": "arn:aws:s3:::b1"}`,
	}
)

// genKinds are the kinds the generator writes policies of.
var genKinds = []policy.Kind{policy.Identity, policy.Resource, policy.SCP}

// genPair writes two policies of one kind, whose conditions are on at
// most two keys (so that the enumeration stays small).
func genPair(c chooser) (policy.Kind, string, string) {
	kind := pick(c, genKinds)
	conds := []string{pick(c, genConditions), pick(c, genConditions)}
	return kind, genPolicy(c, kind, conds), genPolicy(c, kind, conds)
}

// genPolicy writes a policy of one to three statements.
func genPolicy(c chooser, kind policy.Kind, conds []string) string {
	n := 1 + c.intn(3)
	var sts []string
	for i := 0; i < n; i++ {
		sts = append(sts, genStatement(c, kind, conds))
	}
	return `{"Version": "2012-10-17", "Statement": [` + strings.Join(sts, ", ") + `]}`
}

func genStatement(c chooser, kind policy.Kind, conditions []string) string {
	effect := "Allow"
	if c.intn(4) == 0 {
		effect = "Deny"
	}
	parts := []string{fmt.Sprintf(`"Effect": %q`, effect)}
	if kind == policy.Resource {
		parts = append(parts, `"Principal": `+pick(c, genPrincipals))
	}
	parts = append(parts, genList(c, "Action", genActions), genList(c, "Resource", genResources))
	if c.intn(2) == 0 {
		conds := []string{pick(c, conditions)}
		if c.intn(3) == 0 {
			conds = append(conds, pick(c, conditions))
		}
		parts = append(parts, `"Condition": {`+mergeConditions(conds)+`}`)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// mergeConditions joins condition entries, dropping a second entry of an
// operator already written (a JSON object names a key once).
func mergeConditions(conds []string) string {
	seen := map[string]bool{}
	var out []string
	for _, c := range conds {
		op := strings.SplitN(c, ":", 2)[0]
		if c[1:4] == "For" {
			op = c[:strings.Index(c, "{")]
		}
		if !seen[op] {
			seen[op] = true
			out = append(out, c)
		}
	}
	return strings.Join(out, ", ")
}

// genList writes an Action or Resource element, or its Not form, of one
// or two entries.
func genList(c chooser, name string, values []string) string {
	if c.intn(5) == 0 {
		name = "Not" + name
	}
	if c.intn(3) == 0 {
		return fmt.Sprintf(`%q: [%q, %q]`, name, pick(c, values), pick(c, values))
	}
	return fmt.Sprintf(`%q: %q`, name, pick(c, values))
}
