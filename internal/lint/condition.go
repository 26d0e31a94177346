package lint

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// conditionRules look at condition blocks on their own: operators, keys
// and values whose meaning AWS documents, with no need for the catalog.
var conditionRules = []*Rule{
	{
		ID: "condition-wildcard-without-like", Title: "a * or ? in a value of an operator that compares literally", Level: Warning,
		AccessAnalyzer: []string{"WILDCARD_WITHOUT_LIKE_OPERATOR"},
		Description: "`StringEquals`, `StringNotEquals`, `StringEqualsIgnoreCase` and `StringNotEqualsIgnoreCase` compare " +
			"text exactly, so a `*` or `?` in their values matches only a literal asterisk or question mark; only " +
			"`StringLike` and `StringNotLike` treat them as wildcards (reference_policies_elements_condition_operators.md, " +
			"String condition operators). A value such as `home/*` under `StringEquals` therefore matches almost no request: " +
			"an Allow grants less than it seems to and a Deny, or a `StringNotEquals` guard, protects less. The ARN " +
			"operators are not flagged: `ArnEquals` and `ArnNotEquals` accept wildcards exactly like `ArnLike` and " +
			"`ArnNotLike` (same page, ARN condition operators). Text inside `${...}` is not policy text, so `${*}` and " +
			"`${?}` (a literal `*` or `?`) and default values of variables are ignored, and so is a `?` in a value that is " +
			"a URL (`aws:Referer` values have query strings).",
		Fix: "Use `StringLike` (or `StringNotLike` for a negated operator) when a pattern was meant; keep any " +
			"`ForAllValues:`/`ForAnyValue:` prefix and `IfExists` suffix. `StringLike` is case-sensitive, so a pattern " +
			"meant for `StringEqualsIgnoreCase` must spell out the case. Write `${*}` for a literal asterisk.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "s3:ListBucket",
        "Resource": "arn:aws:s3:::reports",
        "Condition": {"StringEquals": {"s3:prefix": "home/*"}}
    }
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "s3:ListBucket",
        "Resource": "arn:aws:s3:::reports",
        "Condition": {"StringLike": {"s3:prefix": "home/*"}}
    }
}`},
		check: checkWildcardWithoutLike,
	},
	{
		ID: "condition-null-misuse", Title: "a Null condition that always matches or contradicts another condition", Level: Error,
		Description: "`Null` tests whether a key is in the request: `true` matches when it is absent, `false` when it is " +
			"present (reference_policies_elements_condition_operators.md, Condition operator to check existence of condition " +
			"keys). Two mistakes are flagged:\n\n" +
			"* `Null` with both `true` and `false` as values: the values are OR'ed, so the condition matches every request " +
			"and restricts nothing (a warning).\n" +
			"* `Null` `true` on a key together with a positive operator on the same key without `IfExists` in the same " +
			"statement, such as `StringEquals`: the first needs the key absent, the second present (\"If the key that you " +
			"specify in a policy condition is not present in the request context, the values do not match and the condition " +
			"is false\", same page), so the statement can never apply (an error). Negated operators, `IfExists` and " +
			"`ForAllValues:` are true for an absent key and are not flagged.\n\n" +
			"`NullIfExists`, `Null` with a set qualifier and `Null` values other than `true`/`false` are grammar problems " +
			"that condition-qualifier-invalid and condition-value-invalid report.",
		Fix: "Keep one value: `\"true\"` to require the key to be absent, `\"false\"` to require it to be present. To " +
			"test a key's value only when it is present, use the operator's `IfExists` form instead of `Null`.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "ec2:CreateTags",
        "Resource": "*",
        "Condition": {"Null": {"aws:RequestTag/team": ["true", "false"]}}
    }
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "ec2:CreateTags",
        "Resource": "*",
        "Condition": {"Null": {"aws:RequestTag/team": "false"}}
    }
}`},
		check: checkNullMisuse,
	},
	{
		ID: "condition-mfa-antipattern", Title: "an aws:MultiFactorAuthPresent condition that does not require MFA", Level: Warning,
		Security: SecurityMedium,
		Description: "`aws:MultiFactorAuthPresent` is only in the request context for temporary credentials: \"The key is " +
			"not present in AWS CLI, AWS API, or AWS SDK requests that are made using long-term credentials\" " +
			"(reference_policies_condition-keys.md, aws:MultiFactorAuthPresent). That page names the combinations that " +
			"do not enforce MFA, and this rule flags them:\n\n" +
			"* `Deny` with `Bool` `false` (\"NOT RECOMMENDED\"): it does not deny requests made with access keys, which " +
			"carry no key at all.\n" +
			"* `Deny` with `Null` `true` (\"do not use\"): it denies only requests without the key, so temporary " +
			"credentials without MFA get through.\n" +
			"* `Allow` with `Null` `false` (\"USE WITH CAUTION\"): it allows every request made with temporary " +
			"credentials, whether or not MFA was used.\n" +
			"* `Allow` with `Bool` or `BoolIfExists` `false`: it allows exactly the requests that were not authenticated " +
			"with MFA, the inverse of the usual intent (Parliament BAD_PATTERN_FOR_MFA flags any `Bool` `false`).\n\n" +
			"A document with both a `Deny` `Bool` `false` and a `Deny` `Null` `true` statement covers both cases and is " +
			"not flagged. `BoolIfExists` `true` in an Allow is the IAM console's \"MFA required\" form, which the page " +
			"documents as allowing long-term access keys on purpose; it is not flagged.",
		Fix: "To deny everything not authenticated with MFA, write `\"Effect\": \"Deny\"` with " +
			"`\"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}`, as in the IAM tutorial " +
			"(tutorial_users-self-manage-mfa-and-creds.md). To allow only MFA-authenticated requests, write " +
			"`\"Effect\": \"Allow\"` with `\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}`.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Sid": "DenyWithoutMFA",
        "Effect": "Deny",
        "Action": "*",
        "Resource": "*",
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}
    }
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Sid": "DenyWithoutMFA",
        "Effect": "Deny",
        "Action": "*",
        "Resource": "*",
        "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
    }
}`},
		check: checkMFAAntipattern,
	},
	{
		ID: "condition-private-sourceip", Title: "aws:SourceIp compared with a private address range", Level: Warning,
		AccessAnalyzer: []string{"PRIVATE_IP_ADDRESS", "PRIVATE_NOT_IP_ADDRESS"},
		Description: "\"The `aws:SourceIp` condition key can only be used for public IP address ranges\", and it is absent " +
			"when \"the requester uses a VPC endpoint to make the request\" (reference_policies_condition-keys.md, " +
			"aws:SourceIp). A private (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7), loopback (127.0.0.0/8, ::1) " +
			"or link-local (169.254.0.0/16, fe80::/10) range in an `IpAddress` or `NotIpAddress` condition on it therefore " +
			"never matches a request. When every value is such a range the finding is a warning: `IpAddress` never " +
			"matches (an Allow grants nothing), and `NotIpAddress` always matches (a Deny meant to allow the corporate " +
			"network denies everyone). When the condition also lists public ranges, each private one is a note: it is " +
			"dead weight that suggests the policy restricts something it does not.",
		Fix: "For callers inside a VPC, compare `aws:VpcSourceIp` (present only for requests through a VPC endpoint) " +
			"or restrict the endpoint with `aws:SourceVpc` or `aws:SourceVpce`. Keep `aws:SourceIp` for public addresses, " +
			"such as the NAT gateway's Elastic IP.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::reports/*",
        "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/16"}}
    }
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::reports/*",
        "Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}
    }
}`},
		check: checkPrivateSourceIP,
	},
	{
		ID: "condition-deprecated-key", Title: "a global condition key AWS no longer supports", Level: Error,
		AccessAnalyzer: []string{"DEPRECATED_GLOBAL_CONDITION_KEY", "UNSUPPORTED_GLOBAL_CONDITION_KEY"},
		Description: "`aws:ARN` is the one global condition key Access Analyzer's policy checks " +
			"(access-analyzer-reference-policy-checks.md) name as retired: once a warning (\"Deprecated global condition " +
			"key\"), now an error: \"The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn " +
			"instead.\" A key AWS does not supply is absent from every request, so a positive operator on it never " +
			"matches and a negated one always does.",
		Fix: "Use `aws:PrincipalArn` to compare the ARN of the principal that made the request, or `aws:SourceArn` to " +
			"compare the ARN of the resource on whose behalf a service calls.",
		Bad: Example{policy.Resource, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::reports/*",
        "Condition": {"ArnEquals": {"aws:ARN": "arn:aws:iam::111122223333:role/Reporting"}}
    }
}`},
		Good: Example{policy.Resource, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::reports/*",
        "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/Reporting"}}
    }
}`},
		check: checkDeprecatedKey,
	},
	{
		ID: "condition-duplicate-key-case", Title: "one condition key twice under an operator, in different letter case", Level: Warning,
		AccessAnalyzer: []string{"DUPLICATE_KEYS_WITH_DIFFERENT_CASE"},
		Description: "\"Condition key *names* are not case-sensitive\" (access-analyzer-reference-policy-checks.md, " +
			"Duplicate keys with different case; reference_policies_elements_condition.md), so `aws:PrincipalTag/team` and " +
			"`aws:principaltag/Team` under one operator are the same key written twice. JSON sees two distinct members, " +
			"and AWS does not document which entry, or whether both, IAM evaluates; Access Analyzer reports the policy " +
			"as an error and asks to remove the duplicates. Under different operators the same key is fine (the " +
			"conditions are AND'ed). Exact duplicates are reported by json-duplicate-key.",
		Fix: "Keep one entry for the key and put all its values in that entry's array (the values are OR'ed). If both " +
			"entries were meant to hold, split them across two statements or use different operators.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::reports/*",
        "Condition": {
            "StringEquals": {
                "aws:PrincipalTag/team": "data",
                "aws:principaltag/team": "finance"
            }
        }
    }
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::reports/*",
        "Condition": {
            "StringEquals": {
                "aws:PrincipalTag/team": ["data", "finance"]
            }
        }
    }
}`},
		check: checkDuplicateKeyCase,
	},
}

// conditionValuePath is the JSON path of value i of a condition key. A
// single value written without an array is [0], as listPath numbers a
// single Action.
func conditionValuePath(st *policy.Statement, cond *policy.Condition, i int) string {
	return fmt.Sprintf("%s[%d]", conditionPath(st, cond), i)
}

// likeOperator returns the Like operator that does what a literal String
// operator was probably meant to do, keeping its qualifier and IfExists.
func likeOperator(op policy.Operator) string {
	name := "StringLike"
	if op.Negated {
		name = "StringNotLike"
	}
	if op.Qualifier != policy.NoQualifier {
		name = op.Qualifier.String() + ":" + name
	}
	if op.IfExists {
		name += "IfExists"
	}
	return name
}

func checkWildcardWithoutLike(c *checker) {
	for _, st := range c.doc.Statements {
		for _, cond := range st.Conditions {
			op := cond.Operator
			if op.Family != policy.FamilyString || (op.Compare != policy.CompareEquals && op.Compare != policy.CompareEqualsIgnoreCase) {
				continue
			}
			for i, v := range cond.Values {
				chars := literalWildcards(v.Text)
				if chars == "" {
					continue
				}
				like := likeOperator(op)
				caseNote := ""
				if op.Compare == policy.CompareEqualsIgnoreCase {
					caseNote = " (StringLike is case-sensitive)"
				}
				f := c.reportValue(v, conditionValuePath(st, cond, i),
					"%s compares %q literally: %s here; use %s for a pattern%s",
					op.Text, v.Text, chars, like, caseNote)
				f.Suggestion = like
			}
		}
	}
}

// literalWildcards says which wildcard characters a condition value has
// outside ${...}, as `"*" is not a wildcard`, or returns "" when there are
// none. A value whose variables do not parse is left to the parser, and a
// ? in a URL is taken for a query string.
func literalWildcards(s string) string {
	if !strings.ContainsAny(s, "*?") {
		return ""
	}
	t, err := policy.ParseTemplate(s, true)
	if err != nil {
		return ""
	}
	star, question := false, false
	for _, seg := range t {
		if seg.Kind == policy.SegmentPattern {
			star = star || strings.Contains(seg.Text, "*")
			question = question || strings.Contains(seg.Text, "?")
		}
	}
	if question && strings.Contains(s, "://") {
		question = false
	}
	switch {
	case star && question:
		return `"*" and "?" are not wildcards`
	case star:
		return `"*" is not a wildcard`
	case question:
		return `"?" is not a wildcard`
	}
	return ""
}

// boolValues reports which of true and false a Bool or Null condition
// lists; ok is false when some value is not a plain true or false.
func boolValues(cond *policy.Condition) (hasTrue, hasFalse, ok bool) {
	if len(cond.Values) == 0 {
		return false, false, false
	}
	for _, v := range cond.Values {
		b, valid := policy.ParseBool(v.Text)
		if !valid {
			return false, false, false
		}
		if b {
			hasTrue = true
		} else {
			hasFalse = true
		}
	}
	return hasTrue, hasFalse, true
}

// nullTrue reports whether cond is Null with the single meaning "the key
// is absent".
func nullTrue(cond *policy.Condition) bool {
	op := cond.Operator
	if op.Family != policy.FamilyNull || op.IfExists || op.Qualifier != policy.NoQualifier {
		return false
	}
	t, f, ok := boolValues(cond)
	return ok && t && !f
}

// requiresPresent reports whether a condition is false whenever its key is
// absent from the request: a positive operator without IfExists, without a
// qualifier or with ForAnyValue (ForAllValues is true for an absent key).
func requiresPresent(op policy.Operator) bool {
	return op.Family != 0 && op.Family != policy.FamilyNull && !op.Negated && !op.IfExists &&
		op.Qualifier != policy.ForAllValues
}

func checkNullMisuse(c *checker) {
	for _, st := range c.doc.Statements {
		for _, cond := range st.Conditions {
			op := cond.Operator
			if op.Family != policy.FamilyNull || op.IfExists || op.Qualifier != policy.NoQualifier {
				continue // NullIfExists and ForAnyValue:Null are parser errors
			}
			if t, f, ok := boolValues(cond); ok && t && f {
				c.reportAt(Warning, cond.Key.Pos, cond.Key.End, conditionPath(st, cond),
					"Null lists both true and false for %q, so the condition matches whether or not the key is present and restricts nothing",
					cond.Key.Text)
			}
		}
		for _, null := range st.Conditions {
			if !nullTrue(null) {
				continue
			}
			for _, other := range st.Conditions {
				if other == null || !requiresPresent(other.Operator) || !strings.EqualFold(other.Key.Text, null.Key.Text) {
					continue
				}
				c.reportValue(other.Key, conditionPath(st, other),
					"%s on %q needs the key to be present, but Null requires it to be absent in the same statement, so %s can never apply",
					other.Operator.Text, other.Key.Text, statementName(st))
			}
		}
	}
}

// mfaKey is the condition key that says whether MFA was used.
const mfaKey = "aws:MultiFactorAuthPresent"

// mfaForm classifies a condition on aws:MultiFactorAuthPresent.
type mfaForm int

const (
	mfaOther       mfaForm = iota
	mfaBoolFalse           // Bool false
	mfaBoolIfFalse         // BoolIfExists false
	mfaNullTrue            // Null true: the key is absent
	mfaNullFalse           // Null false: the key is present
)

func classifyMFA(cond *policy.Condition) mfaForm {
	op := cond.Operator
	if !strings.EqualFold(cond.Key.Text, mfaKey) || op.Qualifier != policy.NoQualifier {
		return mfaOther
	}
	t, f, ok := boolValues(cond)
	if !ok || t == f {
		return mfaOther
	}
	switch {
	case op.Family == policy.FamilyBool && f && op.IfExists:
		return mfaBoolIfFalse
	case op.Family == policy.FamilyBool && f:
		return mfaBoolFalse
	case op.Family == policy.FamilyNull && !op.IfExists && t:
		return mfaNullTrue
	case op.Family == policy.FamilyNull && !op.IfExists && f:
		return mfaNullFalse
	}
	return mfaOther
}

func checkMFAAntipattern(c *checker) {
	// A Deny on Bool false and a Deny on Null true together deny every
	// request without MFA, as BoolIfExists false does.
	var denyBoolFalse, denyNullTrue bool
	for _, st := range c.doc.Statements {
		if st.Effect != policy.Deny {
			continue
		}
		for _, cond := range st.Conditions {
			switch classifyMFA(cond) {
			case mfaBoolFalse:
				denyBoolFalse = true
			case mfaNullTrue:
				denyNullTrue = true
			}
		}
	}
	paired := denyBoolFalse && denyNullTrue
	for _, st := range c.doc.Statements {
		for _, cond := range st.Conditions {
			form := classifyMFA(cond)
			path := conditionPath(st, cond)
			switch {
			case st.Effect == policy.Deny && form == mfaBoolFalse && !paired:
				f := c.reportValue(cond.Key, path,
					"Deny with Bool %s \"false\" does not deny requests made with long-term access keys, which carry no %s key; use BoolIfExists to deny every request without MFA",
					cond.Key.Text, mfaKey)
				f.Suggestion = "BoolIfExists"
			case st.Effect == policy.Deny && form == mfaNullTrue && !paired:
				c.reportValue(cond.Key, path,
					"Deny with Null %s \"true\" denies only requests without the key, so temporary credentials used without MFA are not denied; use BoolIfExists %s \"false\"",
					cond.Key.Text, mfaKey)
			case st.Effect == policy.Allow && form == mfaNullFalse:
				c.reportValue(cond.Key, path,
					"Allow with Null %s \"false\" allows every request made with temporary credentials, whether or not MFA was used; use Bool %s \"true\" to require MFA",
					cond.Key.Text, mfaKey)
			case st.Effect == policy.Allow && (form == mfaBoolFalse || form == mfaBoolIfFalse):
				c.reportValue(cond.Key, path,
					"Allow with %s %s \"false\" allows only requests not authenticated with MFA; use Bool %s \"true\" to require MFA",
					cond.Operator.Text, cond.Key.Text, mfaKey)
			}
		}
	}
}

// nonPublicRanges are the address ranges aws:SourceIp never holds: private
// (RFC 1918, RFC 4193), loopback and link-local.
var nonPublicRanges = []struct {
	prefix netip.Prefix
	what   string
}{
	{netip.MustParsePrefix("10.0.0.0/8"), "a private"},
	{netip.MustParsePrefix("172.16.0.0/12"), "a private"},
	{netip.MustParsePrefix("192.168.0.0/16"), "a private"},
	{netip.MustParsePrefix("127.0.0.0/8"), "a loopback"},
	{netip.MustParsePrefix("169.254.0.0/16"), "a link-local"},
	{netip.MustParsePrefix("fc00::/7"), "a unique local (private)"},
	{netip.MustParsePrefix("::1/128"), "the loopback"},
	{netip.MustParsePrefix("fe80::/10"), "a link-local"},
}

// nonPublicRange describes the non-public block that holds the whole range
// s, or returns "" when s is not such a range (or not a range at all).
func nonPublicRange(s string) string {
	p, ok := policy.ParseIPRange(s)
	if !ok {
		return ""
	}
	for _, r := range nonPublicRanges {
		if r.prefix.Bits() <= p.Bits() && r.prefix.Contains(p.Addr()) {
			return r.what
		}
	}
	return ""
}

func checkPrivateSourceIP(c *checker) {
	for _, st := range c.doc.Statements {
		for _, cond := range st.Conditions {
			if cond.Operator.Family != policy.FamilyIP || !strings.EqualFold(cond.Key.Text, "aws:SourceIp") {
				continue
			}
			kinds := make([]string, len(cond.Values))
			all := len(cond.Values) > 0
			for i, v := range cond.Values {
				kinds[i] = nonPublicRange(v.Text)
				all = all && kinds[i] != ""
			}
			level, tail := Note, "the value never matches"
			if cond.Operator.Negated {
				tail = "excluding it has no effect"
			}
			if all {
				level, tail = Warning, fmt.Sprintf("this %s condition never matches", cond.Operator.Text)
				if cond.Operator.Negated {
					tail = fmt.Sprintf("this %s condition matches every request", cond.Operator.Text)
				}
			}
			for i, v := range cond.Values {
				if kinds[i] == "" {
					continue
				}
				c.reportAt(level, v.Pos, v.End, conditionValuePath(st, cond, i),
					"%q is %s range, which %s never holds (it has the caller's public address, and is absent for requests through a VPC endpoint): %s; use aws:VpcSourceIp for addresses inside a VPC",
					v.Text, kinds[i], cond.Key.Text, tail)
			}
		}
	}
}

// deprecatedKeys maps the lower-case name of each global condition key AWS
// no longer supports to what to use instead (Access Analyzer
// UNSUPPORTED_GLOBAL_CONDITION_KEY, formerly DEPRECATED_GLOBAL_CONDITION_KEY).
var deprecatedKeys = map[string]string{
	"aws:arn": "aws:PrincipalArn for the principal's ARN or aws:SourceArn for the resource a service acts for",
}

// deprecatedConditionKey reports whether name is a global condition key AWS
// no longer supports, and what replaces it.
func deprecatedConditionKey(name string) (replacement string, ok bool) {
	replacement, ok = deprecatedKeys[strings.ToLower(name)]
	return replacement, ok
}

func checkDeprecatedKey(c *checker) {
	for _, st := range c.doc.Statements {
		for _, cond := range st.Conditions {
			if repl, ok := deprecatedConditionKey(cond.Key.Text); ok {
				c.reportValue(cond.Key, conditionPath(st, cond),
					"condition key %q is no longer supported, so the request never has it; use %s", cond.Key.Text, repl)
			}
		}
	}
}

func checkDuplicateKeyCase(c *checker) {
	for _, st := range c.doc.Statements {
		type seen struct{ op, key string }
		first := map[seen]*policy.Condition{}
		for _, cond := range st.Conditions {
			k := seen{cond.Operator.Text, strings.ToLower(cond.Key.Text)}
			prev, ok := first[k]
			if !ok {
				first[k] = cond
				continue
			}
			if prev.Key.Text == cond.Key.Text {
				continue // an exact duplicate: json-duplicate-key
			}
			c.reportValue(cond.Key, conditionPath(st, cond),
				"condition key %q repeats %q under %s in another letter case; key names are not case-sensitive, so both entries name one key",
				cond.Key.Text, prev.Key.Text, cond.Operator.Text)
		}
	}
}
