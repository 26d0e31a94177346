package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// condFinding is what the condition tests compare of a finding.
type condFinding struct {
	Rule, Level, Path, Message, Suggestion string
}

func condFindingOf(f Finding) condFinding {
	return condFinding{f.Rule.ID, f.Level.String(), f.Path, f.Message, f.Suggestion}
}

// condPolicy is a one-statement identity policy with the given Effect and
// Condition block.
func condPolicy(effect, condition string) string {
	return `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "` + effect + `",
        "Action": "s3:GetObject",
        "Resource": "*",
        "Condition": ` + condition + `
    }
}`
}

type condCase = ruleCase[condFinding]

// runConditionCases compares the findings of every condition rule: a
// case shows which of them fire.
func runConditionCases(t *testing.T, tests []condCase) {
	t.Helper()
	runRuleCases(t, conditionRules, condFindingOf, tests)
}

func TestWildcardWithoutLike(t *testing.T) {
	t.Parallel()
	const id = "condition-wildcard-without-like"
	runConditionCases(t, []condCase{
		{
			name: "StringEquals with a star",
			src:  condPolicy("Allow", `{"StringEquals": {"s3:prefix": "home/*"}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.StringEquals.s3:prefix[0]",
				`StringEquals compares "home/*" literally: "*" is not a wildcard here; use StringLike for a pattern`, "StringLike"}},
		},
		{
			name: "StringNotEquals in a Deny, second value",
			src:  condPolicy("Deny", `{"StringNotEquals": {"aws:PrincipalTag/team": ["data", "dev?"]}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.StringNotEquals.aws:PrincipalTag/team[1]",
				`StringNotEquals compares "dev?" literally: "?" is not a wildcard here; use StringNotLike for a pattern`, "StringNotLike"}},
		},
		{
			name: "qualifier and IfExists are kept, IgnoreCase notes case",
			src:  condPolicy("Allow", `{"ForAnyValue:StringEqualsIgnoreCaseIfExists": {"aws:TagKeys": "team-*"}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.ForAnyValue:StringEqualsIgnoreCaseIfExists.aws:TagKeys[0]",
				`ForAnyValue:StringEqualsIgnoreCaseIfExists compares "team-*" literally: "*" is not a wildcard here; use ForAnyValue:StringLikeIfExists for a pattern (StringLike is case-sensitive)`,
				"ForAnyValue:StringLikeIfExists"}},
		},
		{
			name: "StringNotEqualsIgnoreCase",
			src:  condPolicy("Deny", `{"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": "d*"}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.StringNotEqualsIgnoreCase.aws:PrincipalTag/team[0]",
				`StringNotEqualsIgnoreCase compares "d*" literally: "*" is not a wildcard here; use StringNotLike for a pattern (StringLike is case-sensitive)`,
				"StringNotLike"}},
		},
		{
			name: "star and question mark",
			src:  condPolicy("Allow", `{"StringEquals": {"aws:PrincipalTag/team": "*-dev?"}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.StringEquals.aws:PrincipalTag/team[0]",
				`StringEquals compares "*-dev?" literally: "*" and "?" are not wildcards here; use StringLike for a pattern`, "StringLike"}},
		},
		{
			name: "one finding per value",
			src:  condPolicy("Allow", `{"StringEquals": {"s3:prefix": ["a/*", "b", "c/*"]}}`),
			want: []condFinding{
				{id, "warning", "Statement[0].Condition.StringEquals.s3:prefix[0]",
					`StringEquals compares "a/*" literally: "*" is not a wildcard here; use StringLike for a pattern`, "StringLike"},
				{id, "warning", "Statement[0].Condition.StringEquals.s3:prefix[2]",
					`StringEquals compares "c/*" literally: "*" is not a wildcard here; use StringLike for a pattern`, "StringLike"},
			},
		},
		{
			name: "a star after a variable",
			src:  condPolicy("Allow", `{"StringEquals": {"s3:prefix": "home/${aws:username}/*"}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.StringEquals.s3:prefix[0]",
				`StringEquals compares "home/${aws:username}/*" literally: "*" is not a wildcard here; use StringLike for a pattern`, "StringLike"}},
		},
		{
			name: "URL with a star is flagged",
			kind: policy.Resource,
			src: `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*",
        "Condition": {"StringEquals": {"aws:Referer": "https://www.example.com/*"}}
    }
}`,
			want: []condFinding{{id, "warning", "Statement[0].Condition.StringEquals.aws:Referer[0]",
				`StringEquals compares "https://www.example.com/*" literally: "*" is not a wildcard here; use StringLike for a pattern`, "StringLike"}},
		},
		{name: "StringLike", src: condPolicy("Allow", `{"StringLike": {"s3:prefix": "home/*"}}`)},
		{name: "StringNotLikeIfExists", src: condPolicy("Deny", `{"StringNotLikeIfExists": {"s3:prefix": "home/?"}}`)},
		{name: "ArnEquals matches wildcards", src: condPolicy("Allow", `{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::*:role/ops-*"}}`)},
		{name: "ArnNotEquals matches wildcards", src: condPolicy("Deny", `{"ArnNotEquals": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*"}}`)},
		{name: "no wildcard", src: condPolicy("Allow", `{"StringEquals": {"s3:prefix": ["", "home/"]}}`)},
		{name: "literal star and question mark", src: condPolicy("Allow", `{"StringEquals": {"s3:prefix": ["a${*}b", "${?}"]}}`)},
		{name: "star in a default value", src: condPolicy("Allow", `{"StringEquals": {"aws:PrincipalTag/team": "${aws:PrincipalTag/dept, 'all*'}"}}`)},
		{name: "query string in a URL", src: condPolicy("Allow", `{"StringEquals": {"aws:Referer": "https://www.example.com/page?id=1"}}`)},
		{
			name: "literal star under Version 2008",
			src: `{
    "Version": "2008-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "${*}"}}}
}`,
		},
		{name: "malformed variable is the parser's", src: condPolicy("Allow", `{"StringEquals": {"s3:prefix": "${aws:username*"}}`)},
		{name: "numeric operator", src: condPolicy("Allow", `{"NumericLessThan": {"s3:max-keys": "*"}}`)},
		{name: "unknown operator", src: condPolicy("Allow", `{"StringEqualz": {"s3:prefix": "home/*"}}`)},
	})
}

func TestLiteralWildcards(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, value, want string
	}{
		{"none", "home/", ""},
		{"star", "home/*", `"*" is not a wildcard`},
		{"question", "a?", `"?" is not a wildcard`},
		{"both", "*?", `"*" and "?" are not wildcards`},
		{"literal star", "${*}", ""},
		{"literal question", "${?}x", ""},
		{"variable then star", "${aws:username}*", `"*" is not a wildcard`},
		{"default with star", "${aws:username, '*'}", ""},
		{"unclosed variable", "${aws:username*", ""},
		{"URL query", "http://example.com/?a=1", ""},
		{"URL star and query", "http://example.com/*?a=1", `"*" is not a wildcard`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, literalWildcards(tt.value)); diff != "" {
				t.Errorf("literalWildcards(%q) mismatch (-want +got):\n%s", tt.value, diff)
			}
		})
	}
}

func TestNullMisuse(t *testing.T) {
	t.Parallel()
	const id = "condition-null-misuse"
	runConditionCases(t, []condCase{
		{
			name: "true and false",
			src:  condPolicy("Allow", `{"Null": {"aws:RequestTag/team": ["true", "false"]}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.Null.aws:RequestTag/team",
				`Null lists both true and false for "aws:RequestTag/team", so the condition matches whether or not the key is present and restricts nothing`, ""}},
		},
		{
			name: "true and false as JSON booleans, in a Deny",
			src:  condPolicy("Deny", `{"Null": {"aws:RequestTag/team": [false, true]}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.Null.aws:RequestTag/team",
				`Null lists both true and false for "aws:RequestTag/team", so the condition matches whether or not the key is present and restricts nothing`, ""}},
		},
		{
			name: "absent and equal",
			src:  condPolicy("Allow", `{"Null": {"aws:ResourceTag/team": "true"}, "StringEquals": {"aws:resourcetag/team": "data"}}`),
			want: []condFinding{{id, "error", "Statement[0].Condition.StringEquals.aws:resourcetag/team",
				`StringEquals on "aws:resourcetag/team" needs the key to be present, but Null requires it to be absent in the same statement, so Statement[0] can never apply`, ""}},
		},
		{
			name: "absent and ForAnyValue, with a Sid",
			src: `{
    "Version": "2012-10-17",
    "Statement": {
        "Sid": "Tagging", "Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*",
        "Condition": {"Null": {"aws:TagKeys": true}, "ForAnyValue:StringLike": {"aws:TagKeys": "team*"}}
    }
}`,
			want: []condFinding{{id, "error", "Statement[0].Condition.ForAnyValue:StringLike.aws:TagKeys",
				`ForAnyValue:StringLike on "aws:TagKeys" needs the key to be present, but Null requires it to be absent in the same statement, so Statement[0] (Sid Tagging) can never apply`, ""}},
		},
		{
			name: "absent and Bool",
			src:  condPolicy("Deny", `{"Null": {"aws:SecureTransport": "true"}, "Bool": {"aws:SecureTransport": "false"}}`),
			want: []condFinding{{id, "error", "Statement[0].Condition.Bool.aws:SecureTransport",
				`Bool on "aws:SecureTransport" needs the key to be present, but Null requires it to be absent in the same statement, so Statement[0] can never apply`, ""}},
		},
		{name: "one value", src: condPolicy("Allow", `{"Null": {"aws:RequestTag/team": "false"}}`)},
		{name: "present and equal", src: condPolicy("Allow", `{"Null": {"aws:ResourceTag/team": "false"}, "StringEquals": {"aws:ResourceTag/team": "data"}}`)},
		{name: "absent and IfExists", src: condPolicy("Allow", `{"Null": {"aws:ResourceTag/team": "true"}, "StringEqualsIfExists": {"aws:ResourceTag/team": "data"}}`)},
		{name: "absent and negated", src: condPolicy("Deny", `{"Null": {"aws:ResourceTag/team": "true"}, "StringNotEquals": {"aws:ResourceTag/team": "data"}}`)},
		{name: "absent and ForAllValues", src: condPolicy("Allow", `{"Null": {"aws:TagKeys": "true"}, "ForAllValues:StringEquals": {"aws:TagKeys": "team"}}`)},
		{name: "absent and another key", src: condPolicy("Allow", `{"Null": {"aws:ResourceTag/team": "true"}, "StringEquals": {"aws:ResourceTag/owner": "data"}}`)},
		{
			name: "absent and equal in two statements",
			src: `{
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Null": {"aws:ResourceTag/team": "true"}}},
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "data"}}}
    ]
}`,
		},
		{name: "NullIfExists is the parser's", src: condPolicy("Allow", `{"NullIfExists": {"aws:ResourceTag/team": ["true", "false"]}}`)},
		{name: "qualified Null is the parser's", src: condPolicy("Allow", `{"ForAnyValue:Null": {"aws:TagKeys": ["true", "false"]}}`)},
		{name: "bad value is the parser's", src: condPolicy("Allow", `{"Null": {"aws:ResourceTag/team": ["true", "maybe"]}}`)},
	})
}

func TestMFAAntipattern(t *testing.T) {
	t.Parallel()
	const id = "condition-mfa-antipattern"
	denyBool := `Deny with Bool aws:MultiFactorAuthPresent "false" does not deny requests made with long-term access keys, which carry no aws:MultiFactorAuthPresent key; use BoolIfExists to deny every request without MFA`
	runConditionCases(t, []condCase{
		{
			name: "Deny Bool false",
			src:  condPolicy("Deny", `{"Bool": {"aws:MultiFactorAuthPresent": "false"}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.Bool.aws:MultiFactorAuthPresent", denyBool, "BoolIfExists"}},
		},
		{
			name: "Deny Bool false as a JSON boolean, other key case",
			src:  condPolicy("Deny", `{"Bool": {"aws:multifactorauthpresent": false}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.Bool.aws:multifactorauthpresent",
				`Deny with Bool aws:multifactorauthpresent "false" does not deny requests made with long-term access keys, which carry no aws:MultiFactorAuthPresent key; use BoolIfExists to deny every request without MFA`,
				"BoolIfExists"}},
		},
		{
			name: "Deny Bool false in an SCP with NotAction",
			kind: policy.SCP,
			src: `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Deny", "NotAction": "iam:ChangePassword", "Resource": "*",
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": ["false"]}}
    }
}`,
			want: []condFinding{{id, "warning", "Statement[0].Condition.Bool.aws:MultiFactorAuthPresent", denyBool, "BoolIfExists"}},
		},
		{
			name: "Deny Null true",
			src:  condPolicy("Deny", `{"Null": {"aws:MultiFactorAuthPresent": "true"}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.Null.aws:MultiFactorAuthPresent",
				`Deny with Null aws:MultiFactorAuthPresent "true" denies only requests without the key, so temporary credentials used without MFA are not denied; use BoolIfExists aws:MultiFactorAuthPresent "false"`, ""}},
		},
		{
			name: "Allow Null false",
			src:  condPolicy("Allow", `{"Null": {"aws:MultiFactorAuthPresent": "false"}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.Null.aws:MultiFactorAuthPresent",
				`Allow with Null aws:MultiFactorAuthPresent "false" allows every request made with temporary credentials, whether or not MFA was used; use Bool aws:MultiFactorAuthPresent "true" to require MFA`, ""}},
		},
		{
			name: "Allow Bool false",
			src:  condPolicy("Allow", `{"Bool": {"aws:MultiFactorAuthPresent": "false"}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.Bool.aws:MultiFactorAuthPresent",
				`Allow with Bool aws:MultiFactorAuthPresent "false" allows only requests not authenticated with MFA; use Bool aws:MultiFactorAuthPresent "true" to require MFA`, ""}},
		},
		{
			name: "Allow BoolIfExists false in a trust policy",
			kind: policy.Trust,
			src: `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole",
        "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
    }
}`,
			want: []condFinding{{id, "warning", "Statement[0].Condition.BoolIfExists.aws:MultiFactorAuthPresent",
				`Allow with BoolIfExists aws:MultiFactorAuthPresent "false" allows only requests not authenticated with MFA; use Bool aws:MultiFactorAuthPresent "true" to require MFA`, ""}},
		},
		{
			name: "Deny Bool false with a Deny Null true in another policy statement is still flagged when alone",
			src: `{
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
        {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Null": {"aws:MultiFactorAuthPresent": "true"}}}
    ]
}`,
			want: []condFinding{{id, "warning", "Statement[0].Condition.Bool.aws:MultiFactorAuthPresent", denyBool, "BoolIfExists"}},
		},
		{
			name: "Deny Bool false paired with Deny Null true",
			src: `{
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
        {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Null": {"aws:MultiFactorAuthPresent": "true"}}}
    ]
}`,
		},
		{name: "Deny BoolIfExists false", src: condPolicy("Deny", `{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}`)},
		{name: "Allow Bool true", src: condPolicy("Allow", `{"Bool": {"aws:MultiFactorAuthPresent": "true"}}`)},
		{name: "Allow BoolIfExists true", src: condPolicy("Allow", `{"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}`)},
		{name: "Deny Null false", src: condPolicy("Deny", `{"Null": {"aws:MultiFactorAuthPresent": "false"}}`)},
		{name: "Allow Null true", src: condPolicy("Allow", `{"Null": {"aws:MultiFactorAuthPresent": "true"}}`)},
		{name: "both values", src: condPolicy("Deny", `{"Bool": {"aws:MultiFactorAuthPresent": ["true", "false"]}}`)},
		{name: "another Bool key", src: condPolicy("Deny", `{"Bool": {"aws:SecureTransport": "false"}}`)},
		{name: "qualified Bool", src: condPolicy("Deny", `{"ForAnyValue:Bool": {"aws:MultiFactorAuthPresent": "false"}}`)},
		{name: "bad value is the parser's", src: condPolicy("Deny", `{"Bool": {"aws:MultiFactorAuthPresent": "no"}}`)},
		{name: "invalid Effect", src: condPolicy("deny", `{"Bool": {"aws:MultiFactorAuthPresent": "false"}}`)},
	})
}

func TestPrivateSourceIP(t *testing.T) {
	t.Parallel()
	const id = "condition-private-sourceip"
	runConditionCases(t, []condCase{
		{
			name: "IpAddress, private only",
			src:  condPolicy("Allow", `{"IpAddress": {"aws:SourceIp": "10.0.0.0/16"}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.IpAddress.aws:SourceIp[0]",
				`"10.0.0.0/16" is a private range, which aws:SourceIp never holds (it has the caller's public address, and is absent for requests through a VPC endpoint): this IpAddress condition never matches; use aws:VpcSourceIp for addresses inside a VPC`, ""}},
		},
		{
			name: "NotIpAddress in a Deny, private only",
			src:  condPolicy("Deny", `{"NotIpAddress": {"aws:SourceIp": ["192.168.0.0/24", "172.31.0.0/16"]}}`),
			want: []condFinding{
				{id, "warning", "Statement[0].Condition.NotIpAddress.aws:SourceIp[0]",
					`"192.168.0.0/24" is a private range, which aws:SourceIp never holds (it has the caller's public address, and is absent for requests through a VPC endpoint): this NotIpAddress condition matches every request; use aws:VpcSourceIp for addresses inside a VPC`, ""},
				{id, "warning", "Statement[0].Condition.NotIpAddress.aws:SourceIp[1]",
					`"172.31.0.0/16" is a private range, which aws:SourceIp never holds (it has the caller's public address, and is absent for requests through a VPC endpoint): this NotIpAddress condition matches every request; use aws:VpcSourceIp for addresses inside a VPC`, ""},
			},
		},
		{
			name: "IpAddress, public and private",
			src:  condPolicy("Allow", `{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "10.1.2.3"]}}`),
			want: []condFinding{{id, "note", "Statement[0].Condition.IpAddress.aws:SourceIp[1]",
				`"10.1.2.3" is a private range, which aws:SourceIp never holds (it has the caller's public address, and is absent for requests through a VPC endpoint): the value never matches; use aws:VpcSourceIp for addresses inside a VPC`, ""}},
		},
		{
			name: "NotIpAddress, public and loopback",
			src:  condPolicy("Deny", `{"NotIpAddress": {"aws:SourceIp": ["198.51.100.0/24", "127.0.0.1/32"]}}`),
			want: []condFinding{{id, "note", "Statement[0].Condition.NotIpAddress.aws:SourceIp[1]",
				`"127.0.0.1/32" is a loopback range, which aws:SourceIp never holds (it has the caller's public address, and is absent for requests through a VPC endpoint): excluding it has no effect; use aws:VpcSourceIp for addresses inside a VPC`, ""}},
		},
		{
			name: "IPv6 unique local, link-local and loopback; other key case; IfExists",
			src:  condPolicy("Allow", `{"IpAddressIfExists": {"AWS:SourceIP": ["fd12:3456::/48", "fe80::1", "::1"]}}`),
			want: []condFinding{
				{id, "warning", "Statement[0].Condition.IpAddressIfExists.AWS:SourceIP[0]",
					`"fd12:3456::/48" is a unique local (private) range, which AWS:SourceIP never holds (it has the caller's public address, and is absent for requests through a VPC endpoint): this IpAddressIfExists condition never matches; use aws:VpcSourceIp for addresses inside a VPC`, ""},
				{id, "warning", "Statement[0].Condition.IpAddressIfExists.AWS:SourceIP[1]",
					`"fe80::1" is a link-local range, which AWS:SourceIP never holds (it has the caller's public address, and is absent for requests through a VPC endpoint): this IpAddressIfExists condition never matches; use aws:VpcSourceIp for addresses inside a VPC`, ""},
				{id, "warning", "Statement[0].Condition.IpAddressIfExists.AWS:SourceIP[2]",
					`"::1" is the loopback range, which AWS:SourceIP never holds (it has the caller's public address, and is absent for requests through a VPC endpoint): this IpAddressIfExists condition never matches; use aws:VpcSourceIp for addresses inside a VPC`, ""},
			},
		},
		{
			name: "link-local IPv4 in a bucket policy",
			kind: policy.Resource,
			src: `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/*",
        "Condition": {"IpAddress": {"aws:SourceIp": "169.254.169.254"}}
    }
}`,
			want: []condFinding{{id, "warning", "Statement[0].Condition.IpAddress.aws:SourceIp[0]",
				`"169.254.169.254" is a link-local range, which aws:SourceIp never holds (it has the caller's public address, and is absent for requests through a VPC endpoint): this IpAddress condition never matches; use aws:VpcSourceIp for addresses inside a VPC`, ""}},
		},
		{
			name: "a bad value does not make the rest all private",
			src:  condPolicy("Allow", `{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "10.0.0.300"]}}`),
			want: []condFinding{{id, "note", "Statement[0].Condition.IpAddress.aws:SourceIp[0]",
				`"10.0.0.0/8" is a private range, which aws:SourceIp never holds (it has the caller's public address, and is absent for requests through a VPC endpoint): the value never matches; use aws:VpcSourceIp for addresses inside a VPC`, ""}},
		},
		{name: "public ranges", src: condPolicy("Allow", `{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32", "172.32.0.0/16"]}}`)},
		{name: "range wider than a private block", src: condPolicy("Allow", `{"IpAddress": {"aws:SourceIp": ["10.0.0.0/7", "0.0.0.0/0"]}}`)},
		{name: "aws:VpcSourceIp", src: condPolicy("Allow", `{"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}`)},
		{name: "another operator family", src: condPolicy("Allow", `{"StringEquals": {"aws:SourceIp": "10.0.0.1"}}`)},
	})
}

func TestNonPublicRange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, value, want string
	}{
		{"10/8", "10.0.0.0/8", "a private"},
		{"host in 172.16/12", "172.20.1.1", "a private"},
		{"just outside 172.16/12", "172.32.0.1", ""},
		{"192.168/16 subnet", "192.168.10.0/24", "a private"},
		{"loopback", "127.0.0.1", "a loopback"},
		{"IPv4 link-local", "169.254.0.0/16", "a link-local"},
		{"public", "203.0.113.7", ""},
		{"wider than the block", "192.168.0.0/15", ""},
		{"unique local", "fd00::/8", "a unique local (private)"},
		{"IPv6 loopback", "::1", "the loopback"},
		{"IPv6 link-local", "fe80::/64", "a link-local"},
		{"IPv6 public", "2001:db8::1", ""},
		{"not an address", "corp-network", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, nonPublicRange(tt.value)); diff != "" {
				t.Errorf("nonPublicRange(%q) mismatch (-want +got):\n%s", tt.value, diff)
			}
		})
	}
}

func TestDeprecatedKey(t *testing.T) {
	t.Parallel()
	const id = "condition-deprecated-key"
	runConditionCases(t, []condCase{
		{
			name: "aws:ARN",
			src:  condPolicy("Allow", `{"ArnEquals": {"aws:ARN": "arn:aws:iam::111122223333:role/Reporting"}}`),
			want: []condFinding{{id, "error", "Statement[0].Condition.ArnEquals.aws:ARN",
				`condition key "aws:ARN" is no longer supported, so the request never has it; use aws:PrincipalArn for the principal's ARN or aws:SourceArn for the resource a service acts for`, ""}},
		},
		{
			name: "other case in a Deny with a negated operator",
			kind: policy.Resource,
			src: `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Deny", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:jobs",
        "Condition": {"ArnNotLike": {"AWS:arn": "arn:aws:sns:us-east-1:111122223333:*"}}
    }
}`,
			want: []condFinding{{id, "error", "Statement[0].Condition.ArnNotLike.AWS:arn",
				`condition key "AWS:arn" is no longer supported, so the request never has it; use aws:PrincipalArn for the principal's ARN or aws:SourceArn for the resource a service acts for`, ""}},
		},
		{name: "aws:PrincipalArn", src: condPolicy("Allow", `{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/*"}}`)},
		{name: "aws:SourceArn", src: condPolicy("Allow", `{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*"}}`)},
		{name: "a service key ending in arn", src: condPolicy("Allow", `{"ArnEquals": {"lambda:FunctionArn": "arn:aws:lambda:us-east-1:111122223333:function:f"}}`)},
	})
}

func TestDuplicateKeyCase(t *testing.T) {
	t.Parallel()
	const id = "condition-duplicate-key-case"
	runConditionCases(t, []condCase{
		{
			name: "two spellings under one operator",
			src:  condPolicy("Allow", `{"StringEquals": {"aws:PrincipalTag/team": "data", "aws:principaltag/Team": "finance"}}`),
			want: []condFinding{{id, "warning", "Statement[0].Condition.StringEquals.aws:principaltag/Team",
				`condition key "aws:principaltag/Team" repeats "aws:PrincipalTag/team" under StringEquals in another letter case; key names are not case-sensitive, so both entries name one key`, ""}},
		},
		{
			name: "three spellings",
			src:  condPolicy("Deny", `{"StringNotEquals": {"aws:RequestedRegion": "eu-west-1", "AWS:RequestedRegion": "eu-west-2", "aws:requestedregion": "eu-west-3"}}`),
			want: []condFinding{
				{id, "warning", "Statement[0].Condition.StringNotEquals.AWS:RequestedRegion",
					`condition key "AWS:RequestedRegion" repeats "aws:RequestedRegion" under StringNotEquals in another letter case; key names are not case-sensitive, so both entries name one key`, ""},
				{id, "warning", "Statement[0].Condition.StringNotEquals.aws:requestedregion",
					`condition key "aws:requestedregion" repeats "aws:RequestedRegion" under StringNotEquals in another letter case; key names are not case-sensitive, so both entries name one key`, ""},
			},
		},
		{name: "one key under two operators", src: condPolicy("Allow", `{"StringLike": {"aws:PrincipalTag/team": "d*"}, "StringNotEquals": {"aws:principaltag/team": "dev"}}`)},
		{
			name: "one key in two statements",
			src: `{
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "data"}}},
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:principaltag/team": "data"}}}
    ]
}`,
		},
		{name: "exact duplicate is the parser's", src: condPolicy("Allow", `{"StringEquals": {"aws:PrincipalTag/team": "data", "aws:PrincipalTag/team": "finance"}}`)},
		{name: "different keys", src: condPolicy("Allow", `{"StringEquals": {"aws:PrincipalTag/team": "data", "aws:PrincipalTag/owner": "data"}}`)},
	})
}

// TestConditionRulesRobust lints documents with grammar problems: the
// condition rules must not panic and must not repeat the parser.
func TestConditionRulesRobust(t *testing.T) {
	t.Parallel()
	runConditionCases(t, []condCase{
		{name: "condition not an object", src: condPolicy("Allow", `"aws:SourceIp"`)},
		{name: "operator not an object", src: condPolicy("Allow", `{"IpAddress": "10.0.0.0/8"}`)},
		{name: "empty condition", src: condPolicy("Allow", `{}`)},
		{name: "empty values", src: condPolicy("Deny", `{"Bool": {"aws:MultiFactorAuthPresent": []}, "IpAddress": {"aws:SourceIp": []}, "Null": {"aws:TagKeys": []}}`)},
		{name: "object value", src: condPolicy("Allow", `{"StringEquals": {"s3:prefix": {"a": "*"}}}`)},
		{name: "unknown operator on the MFA key", src: condPolicy("Deny", `{"Boolean": {"aws:MultiFactorAuthPresent": "false"}}`)},
		{name: "statement without Effect", src: `{"Version": "2012-10-17", "Statement": {"Action": "s3:GetObject", "Resource": "*", "Condition": {"Null": {"aws:MultiFactorAuthPresent": "false"}}}}`},
		{name: "no statements", src: `{"Version": "2012-10-17", "Statement": []}`},
		{name: "not JSON", src: `{"Version": "2012-10-17", "Statement": {`},
	})
}

func TestLikeOperator(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ op, want string }{
		{"StringEquals", "StringLike"},
		{"StringNotEquals", "StringNotLike"},
		{"StringEqualsIgnoreCase", "StringLike"},
		{"StringNotEqualsIgnoreCaseIfExists", "StringNotLikeIfExists"},
		{"ForAllValues:StringNotEquals", "ForAllValues:StringNotLike"},
		{"ForAnyValue:StringEqualsIfExists", "ForAnyValue:StringLikeIfExists"},
	} {
		t.Run(tt.op, func(t *testing.T) {
			op, err := policy.ParseOperator(tt.op)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, likeOperator(op)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
