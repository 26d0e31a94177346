package policy_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/policy"
)

// condition returns a Condition member spread over three lines. As the
// fourth member of stmt (see condStmt) its operator is at 6:5, its key at
// 7:7 and its value at 7:(11+len(key)).
func condition(op, key, value string) string {
	return "\"Condition\": {\n    \"" + op + "\": {\n      \"" + key + "\": " + value + "}}"
}

// condStmt is stmt(allow, action, anyRes, condition(op, key, value)).
func condStmt(op, key, value string) string {
	return stmt(allow, action, anyRes, condition(op, key, value))
}

type errorCase struct {
	name string
	kind policy.Kind
	src  string
	// want lists every problem as "line:col CODE", in the sorted order.
	want []string
	// contains, if set, must occur in the message of one of the problems
	// (used for suggestions).
	contains string
}

// Doc references: page names are files of the IAM User Guide; AA stands for
// access-analyzer-reference-policy-checks.md, SCPSYN and RCPSYN for the
// Organizations SCP and RCP syntax pages.
var errorCases = []errorCase{
	// E022 invalid encoding.
	// reference_iam-quotas.md: "Policy documents can contain only the following Unicode characters: horizontal tab (U+0009), linefeed (U+000A), carriage return (U+000D), and characters in the range U+0020 to U+00FF."
	// RFC 8259 section 8.1: JSON text "MUST be encoded using UTF-8"; "Implementations MUST NOT add a byte order mark (U+FEFF)".
	{name: "empty input", kind: policy.Identity, src: "", want: []string{"1:1 E022"}},
	{name: "white space only", kind: policy.Identity, src: " \n\t\r\n ", want: []string{"1:1 E022"}},
	{name: "byte order mark", kind: policy.Identity, src: "\xef\xbb\xbf" + stmt(allow, action, anyRes), want: []string{"1:1 E022"}},
	{name: "invalid UTF-8 after a multi-byte character", kind: policy.Identity, src: "{\n  \"Id\": \"é\xff\"\n}", want: []string{"2:11 E022"}},
	{name: "truncated UTF-8 sequence after a tab", kind: policy.Identity, src: "{\"Id\":\n\t\"€\xe2\x82\"}", want: []string{"2:4 E022"}},

	// E001 invalid JSON: the position is where the JSON parser gave up.
	{name: "missing comma", kind: policy.Identity, src: "{\"Version\": \"2012-10-17\"\n  \"Statement\": []}", want: []string{"2:3 E001"}, contains: `expected , or } after a value, found '"': is a comma missing?`},
	{name: "unexpected end of input", kind: policy.Identity, src: "{\"Version\": \"2012-10-17\",\n  \"Statement\": [\n\n", want: []string{"2:17 E001"}},
	{name: "unterminated string", kind: policy.Identity, src: `{"Id": "abc`, want: []string{"1:12 E001"}},
	// A trailing comma is reported at the comma, in iamsim's words.
	{name: "trailing comma", kind: policy.Identity, src: `{"Id": "a",}`, want: []string{"1:11 E001"}, contains: "trailing comma before }"},
	{name: "trailing comma in an array, on the line before", kind: policy.Identity, src: "{\"Statement\": [{\"Effect\": \"Allow\"},\n  ]}", want: []string{"1:35 E001"}, contains: "trailing comma before ]"},
	{name: "single quotes", kind: policy.Identity, src: `{'Version': '2012-10-17'}`, want: []string{"1:2 E001"}, contains: "JSON writes keys and strings in double quotes, not single quotes"},
	{name: "comment", kind: policy.Identity, src: "{\n  // JSON has no comments\n}", want: []string{"2:3 E001"}, contains: "JSON has no comments: remove the text from / to the end of the comment"},
	{name: "missing colon", kind: policy.Identity, src: `{"Version" "2012-10-17"}`, want: []string{"1:12 E001"}, contains: "expected : after a key, found '\"'"},
	{name: "missing value", kind: policy.Identity, src: `{"Version": }`, want: []string{"1:13 E001"}, contains: "expected a value (a string in double quotes, a number, true, false, null, an object or an array), found '}'"},

	// E002 trailing data.
	{name: "extra closing brace", kind: policy.Identity, src: stmt(allow, action, anyRes) + "\n}", want: []string{"6:1 E002"}},
	{name: "second document", kind: policy.Identity, src: stmt(allow, action, anyRes) + " {}", want: []string{"5:4 E002"}},

	// E003 duplicate key.
	// reference_policies_grammar.md: "Individual elements must not contain multiple instances of the same key. For example, you cannot include the Effect block twice in the same statement."
	{
		name: "duplicate key at top level", kind: policy.Identity,
		src:  "{\"Version\": \"2012-10-17\",\n \"Version\": \"2008-10-17\",\n \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}",
		want: []string{"2:2 E003"},
	},
	{name: "duplicate key in a statement", kind: policy.Identity, src: stmt(allow, allow, action, anyRes), want: []string{"3:3 E003"}},
	{
		name: "duplicate condition operator", kind: policy.Identity,
		src:  stmt(allow, action, anyRes, `"Condition": {"StringEquals": {"aws:username": "a"}, "StringEquals": {"aws:username": "b"}}`),
		want: []string{"5:56 E003"},
	},
	{
		name: "duplicate condition key", kind: policy.Identity,
		src:  stmt(allow, action, anyRes, `"Condition": {"StringEquals": {"aws:username": "a", "aws:username": "b"}}`),
		want: []string{"5:55 E003"},
	},
	{
		name: "duplicate principal type", kind: policy.Resource,
		src:  stmt(allow, `"Principal": {"AWS": "111122223333", "AWS": "444455556666"}`, action, anyRes),
		want: []string{"3:40 E003"},
	},

	// E004 unknown element.
	// reference_policies_grammar.md, conventions: "Elements that must be literal strings are enclosed in double quotation marks"; AA "Error – Invalid policy element": "The policy element {{element}} is not valid."
	{
		name: "unknown top-level element", kind: policy.Identity,
		src:  `{"Version": "2012-10-17", "Statements": []}`,
		want: []string{"1:1 E007", "1:27 E004"}, contains: `did you mean "Statement"?`,
	},
	{
		name: "unknown statement element", kind: policy.Identity,
		src:  stmt(allow, `"Actions": "s3:GetObject"`, anyRes),
		want: []string{"1:40 E009", "3:3 E004"}, contains: `did you mean "Action"?`,
	},
	{
		name: "element name in the wrong case", kind: policy.Identity,
		src:  stmt(`"effect": "Allow"`, action, anyRes),
		want: []string{"1:40 E008", "2:3 E004"}, contains: `did you mean "Effect"?`,
	},
	{name: "element with no near name", kind: policy.Identity, src: stmt(allow, action, anyRes, `"Description": "x"`), want: []string{"5:3 E004"}},

	// E005 wrong JSON type.
	// reference_policies_elements_statement.md: "Each individual statement block must be enclosed in curly braces { }. For multiple statements, the array must be enclosed in square brackets [ ]."
	// reference_policies_elements_effect.md: "Valid values for Effect are Allow and Deny."
	// reference_policies_grammar.md: "Quotation marks are optional for numeric and Boolean values." (condition values; everything else is a string, a list of strings or an object)
	{name: "policy is an array", kind: policy.Identity, src: "[\n]", want: []string{"1:1 E005"}, contains: "not an array"},
	{name: "policy is a string", kind: policy.Identity, src: `  "policy"`, want: []string{"1:3 E005"}, contains: "not a string"},
	{name: "Effect is a number", kind: policy.Identity, src: stmt(`"Effect": 1`, action, anyRes), want: []string{"2:13 E005"}},
	{name: "Statement is a string", kind: policy.Identity, src: `{"Version": "2012-10-17", "Statement": "Allow everything"}`, want: []string{"1:40 E005"}},
	{name: "Statement is null", kind: policy.Identity, src: `{"Version": "2012-10-17", "Statement": null}`, want: []string{"1:40 E005"}},
	{
		name: "Statement entries are not objects", kind: policy.Identity,
		src:  "{\"Version\": \"2012-10-17\", \"Statement\": [\n  \"x\",\n  null]}",
		want: []string{"2:3 E005", "3:3 E005"},
	},
	{name: "Version is a number", kind: policy.Identity, src: "{\"Version\": 2012,\n\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}", want: []string{"1:13 E005"}},
	{name: "Id is a number", kind: policy.Resource, src: "{\"Id\": 7,\n\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\"}}", want: []string{"1:8 E005"}},
	{name: "Sid is a number", kind: policy.Identity, src: stmt(`"Sid": 1`, allow, action, anyRes), want: []string{"2:10 E005"}},
	{name: "Action entry is a number", kind: policy.Identity, src: stmt(allow, `"Action": ["s3:GetObject", 7]`, anyRes), want: []string{"3:30 E005"}},
	{name: "Action is an object", kind: policy.Identity, src: stmt(allow, `"Action": {"s3": "GetObject"}`, anyRes), want: []string{"3:13 E005"}},
	{name: "Resource is a boolean", kind: policy.Identity, src: stmt(allow, action, `"Resource": true`), want: []string{"4:15 E005"}},
	{name: "Principal is a number", kind: policy.Resource, src: stmt(allow, `"Principal": 1`, action, anyRes), want: []string{"3:16 E005"}},
	{name: "Principal value is a number", kind: policy.Resource, src: stmt(allow, `"Principal": {"AWS": 111122223333}`, action, anyRes), want: []string{"3:24 E005"}},
	{name: "Condition is an array", kind: policy.Identity, src: stmt(allow, action, anyRes, `"Condition": ["aws:SecureTransport"]`), want: []string{"5:16 E005"}},
	{name: "condition operator maps to a string", kind: policy.Identity, src: stmt(allow, action, anyRes, `"Condition": {"Bool": "true"}`), want: []string{"5:25 E005"}},
	{name: "condition value is an object", kind: policy.Identity, src: condStmt("StringEquals", "aws:username", `{"a": "b"}`), want: []string{"7:23 E005"}},
	{name: "condition value is null", kind: policy.Identity, src: condStmt("StringEquals", "aws:username", `null`), want: []string{"7:23 E005"}},
	{name: "condition value list holds a list", kind: policy.Identity, src: condStmt("StringEquals", "aws:username", `["a", ["b"]]`), want: []string{"7:29 E005"}},

	// E006 invalid Version.
	// reference_policies_grammar.md: <version_block> = "Version" : ("2008-10-17" | "2012-10-17"); AA INVALID_VERSION: "The version {{version}} is not valid."
	{name: "Version 2012-10-18", kind: policy.Identity, src: "{\"Version\": \"2012-10-18\",\n\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}", want: []string{"1:13 E006"}},
	{name: "Version empty", kind: policy.Identity, src: "{\"Version\": \"\",\n\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}", want: []string{"1:13 E006"}},
	// SCPSYN: "Every SCP must include a Version element with the value "2012-10-17"."
	{name: "SCP without Version", kind: policy.SCP, src: `{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}`, want: []string{"1:1 E006"}},
	{name: "SCP with Version 2008-10-17", kind: policy.SCP, src: "{\"Version\": \"2008-10-17\",\n\"Statement\": {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}}", want: []string{"1:13 E006"}},
	// RCPSYN: "Every RCP must include a Version element with the value "2012-10-17"."
	{name: "RCP without Version", kind: policy.RCP, src: `{"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}}`, want: []string{"1:1 E006"}},
	{name: "RCP with Version 2008-10-17", kind: policy.RCP, src: "{\"Version\": \"2008-10-17\",\n\"Statement\": {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}", want: []string{"1:13 E006"}},

	// E007 missing Statement.
	// AA MISSING_STATEMENT: "A JSON policy must include a statement."; reference_policies_grammar.md: "Arrays can take one or more values."
	{name: "no Statement", kind: policy.Identity, src: `{"Version": "2012-10-17"}`, want: []string{"1:1 E007"}},
	{name: "empty Statement list", kind: policy.Identity, src: `{"Version": "2012-10-17", "Statement": []}`, want: []string{"1:40 E007"}},

	// E008 missing or invalid Effect.
	// reference_policies_elements_effect.md: "Valid values for Effect are Allow and Deny. The Effect value is case sensitive."
	{name: "Effect missing", kind: policy.Identity, src: stmt(action, anyRes), want: []string{"1:40 E008"}},
	{name: "Effect allow in lower case", kind: policy.Identity, src: stmt(`"Effect": "allow"`, action, anyRes), want: []string{"2:13 E008"}, contains: `did you mean "Allow"?`},
	{name: "Effect DENY in upper case", kind: policy.Identity, src: stmt(`"Effect": "DENY"`, action, anyRes), want: []string{"2:13 E008"}, contains: `did you mean "Deny"?`},
	{name: "Effect Permit", kind: policy.Identity, src: stmt(`"Effect": "Permit"`, action, anyRes), want: []string{"2:13 E008"}},

	// E009 missing Action.
	// AA MISSING_ACTION: "AWS JSON policies must include an Action or NotAction element."
	{name: "Action missing", kind: policy.Identity, src: stmt(allow, anyRes), want: []string{"1:40 E009"}},

	// E010 missing Resource, per kind.
	// AA MISSING_RESOURCE: "All policies except role trust policies must include a Resource or NotResource element."
	{name: "Resource missing in identity policy", kind: policy.Identity, src: stmt(allow, action), want: []string{"1:40 E010"}},
	{name: "Resource missing in boundary", kind: policy.Boundary, src: stmt(allow, action), want: []string{"1:40 E010"}},
	{name: "Resource missing in session policy", kind: policy.Session, src: stmt(allow, action), want: []string{"1:40 E010"}},
	// SCPSYN: "Each statement in an SCP must include a Resource or NotResource element."
	{name: "Resource missing in SCP", kind: policy.SCP, src: stmt(deny, action), want: []string{"1:40 E010"}},
	{name: "Resource missing in resource policy", kind: policy.Resource, src: stmt(allow, anyPrin, action), want: []string{"1:40 E010"}},
	// RCPSYN: "Each statement must contain the Resource or NotResource element."
	{name: "Resource missing in RCP", kind: policy.RCP, src: stmt(deny, anyPrin, action), want: []string{"1:40 E010"}},
	{name: "Resource missing in endpoint policy", kind: policy.Endpoint, src: stmt(allow, anyPrin, action), want: []string{"1:40 E010"}},

	// E011 conflicting elements: the position is the second half.
	// AA UNSUPPORTED_ELEMENT_COMBINATION: "you cannot use both Action and NotAction in the same policy statement. Other pairs that are mutually exclusive include Principal/NotPrincipal and Resource/NotResource."
	{name: "Action and NotAction", kind: policy.Identity, src: stmt(allow, action, `"NotAction": "s3:PutObject"`, anyRes), want: []string{"4:3 E011"}},
	{name: "Resource and NotResource", kind: policy.Identity, src: stmt(allow, action, anyRes, `"NotResource": "arn:aws:s3:::b"`), want: []string{"5:3 E011"}},
	{name: "Principal and NotPrincipal", kind: policy.Resource, src: stmt(deny, anyPrin, `"NotPrincipal": {"AWS": "111122223333"}`, action, anyRes), want: []string{"4:3 E011"}},

	// E012 unknown condition operator.
	// AA "Error – Invalid condition operator": "The condition operator {{operator}} is not valid. Use a valid condition operator."
	{name: "operator StringEqualz", kind: policy.Identity, src: condStmt("StringEqualz", "aws:username", `"a"`), want: []string{"6:5 E012"}, contains: `did you mean "StringEquals"?`},
	// docs/policy-language.md "Choices where the documentation leaves room": names match exactly (reference_policies_elements_condition_operators.md spells each one way); IAM answers "Invalid Condition type : stringEquals" (third-party report).
	{name: "operator in the wrong case", kind: policy.Identity, src: condStmt("stringEquals", "aws:username", `"a"`), want: []string{"6:5 E012"}, contains: `did you mean "StringEquals"?`},
	// reference_policies_elements_condition_operators.md lists BinaryEquals only (no BinaryNotEquals).
	{name: "operator BinaryNotEquals", kind: policy.Identity, src: condStmt("BinaryNotEquals", "aws:userid", `"QQ=="`), want: []string{"6:5 E012"}},
	{name: "empty operator", kind: policy.Identity, src: condStmt("", "aws:username", `"a"`), want: []string{"6:5 E012"}},
	{name: "operator IfExists alone", kind: policy.Identity, src: condStmt("IfExists", "aws:username", `"a"`), want: []string{"6:5 E012"}},
	{name: "operator with IfExists twice", kind: policy.Identity, src: condStmt("StringEqualsIfExistsIfExists", "aws:username", `"a"`), want: []string{"6:5 E012"}},

	// E013 malformed qualifier.
	// reference_policies_elements_condition_operators.md spells the qualifiers ForAllValues: and ForAnyValue:; awsdocs/iam-user-guide#162: "ForAnyValues is not a valid set operator, it should be ForAnyValue (not plural)".
	{name: "qualifier ForAllValue", kind: policy.Identity, src: condStmt("ForAllValue:StringEquals", "aws:TagKeys", `"a"`), want: []string{"6:5 E013"}, contains: `did you mean "ForAllValues"?`},
	{name: "qualifier in lower case", kind: policy.Identity, src: condStmt("forallvalues:StringEquals", "aws:TagKeys", `"a"`), want: []string{"6:5 E013"}, contains: `did you mean "ForAllValues"?`},
	{name: "qualifier ForAnyValues", kind: policy.Identity, src: condStmt("ForAnyValues:StringEquals", "aws:TagKeys", `"a"`), want: []string{"6:5 E013"}, contains: `did you mean "ForAnyValue"?`},
	{name: "qualifier without operator", kind: policy.Identity, src: condStmt("ForAllValues:", "aws:TagKeys", `"a"`), want: []string{"6:5 E013"}},
	// reference_policies_elements_condition_operators.md: "You can add IfExists to the end of any condition operator name except the Null condition"; AA NULL_WITH_IF_EXISTS: "The Null condition operator cannot be used with the IfExists suffix."
	{name: "NullIfExists", kind: policy.Identity, src: condStmt("NullIfExists", "aws:TokenIssueTime", `"true"`), want: []string{"6:5 E013"}},
	{name: "ForAllValues:NullIfExists", kind: policy.Identity, src: condStmt("ForAllValues:NullIfExists", "aws:TokenIssueTime", `"true"`), want: []string{"6:5 E013"}},
	// The operators page documents qualified forms for String, Bool and Arn only, never for Null.
	{name: "ForAnyValue:Null", kind: policy.Identity, src: condStmt("ForAnyValue:Null", "aws:TokenIssueTime", `"true"`), want: []string{"6:5 E013"}},

	// E014 invalid condition value.
	// reference_policies_elements_condition_operators.md, Numeric: "comparing a key to an integer or decimal value".
	{
		name: "Numeric values that are not decimals", kind: policy.Identity,
		src:  condStmt("NumericLessThan", "s3:max-keys", `["1e3", "0x10", " 1", "ten"]`),
		want: []string{"7:23 E014", "7:30 E014", "7:38 E014", "7:44 E014"},
	},
	{name: "Numeric value with a unit", kind: policy.Identity, src: condStmt("NumericEqualsIfExists", "s3:max-keys", `"10s"`), want: []string{"7:22 E014"}},
	// Same page, Date: "You must specify date/time values with one of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time."
	{
		name: "Date values that are not ISO 8601", kind: policy.Identity,
		src:  condStmt("DateLessThan", "aws:CurrentTime", `["31/12/2025", "2025-13-01"]`),
		want: []string{"7:27 E014", "7:41 E014"},
	},
	// Same page, Date: "Policy variables – Not supported".
	{name: "Date value with a variable", kind: policy.Identity, src: condStmt("DateGreaterThan", "aws:CurrentTime", `"${aws:TokenIssueTime}"`), want: []string{"7:26 E014"}},
	// Same page, Boolean: "comparing a key to true or false".
	{name: "Bool value yes", kind: policy.Identity, src: condStmt("Bool", "aws:SecureTransport", `"yes"`), want: []string{"7:30 E014"}},
	// Same page, Null: "use either true (the key doesn't exist — it is null) or false"; "You can not use a policy variable with the Null condition operator."
	{name: "Null value maybe", kind: policy.Identity, src: condStmt("Null", "aws:TokenIssueTime", `"maybe"`), want: []string{"7:29 E014"}},
	{name: "Null value with a variable", kind: policy.Identity, src: condStmt("Null", "aws:TokenIssueTime", `"${aws:username}"`), want: []string{"7:29 E014"}},
	// Same page, Binary: "a base-64 encoded representation of the binary value in the policy".
	{name: "Binary value not base-64", kind: policy.Identity, src: condStmt("BinaryEquals", "aws:userid", `"not base64!"`), want: []string{"7:21 E014"}},
	// Same page, IP address: "The value must be in the standard CIDR format (for example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64)."
	{
		name: "IpAddress values that are not CIDR", kind: policy.Identity,
		src:  condStmt("IpAddress", "aws:SourceIp", `["1.2.3.4/33", "1.2.3"]`),
		want: []string{"7:24 E014", "7:38 E014"},
	},
	// Same page, ARN: "Each of the six colon-delimited components of the ARN is checked separately".
	{name: "ArnLike value with three fields", kind: policy.Identity, src: condStmt("ArnLike", "aws:SourceArn", `"arn:aws:s3"`), want: []string{"7:24 E014"}},

	// E015 malformed policy variable. Positions point at the "${".
	// reference_policies_variables.md: "Variables are marked using a $ prefix followed by a pair of curly braces ({ }) that include the variable name".
	// AA MISSING_BRACE_IN_VARIABLE: "The policy variable is missing a closing curly brace."
	{name: "unclosed variable in Resource", kind: policy.Identity, src: stmt(allow, action, `"Resource": "arn:aws:s3:::b/${aws:username/*"`), want: []string{"4:31 E015"}},
	{name: "unclosed variable in a String condition", kind: policy.Identity, src: condStmt("StringLike", "aws:username", `"home/${aws:username"`), want: []string{"7:29 E015"}},
	// AA EMPTY_VARIABLE: "Empty policy variable. Remove the ${ } variable structure".
	{name: "empty variable", kind: policy.Identity, src: stmt(allow, action, `"Resource": "arn:aws:s3:::b/${}"`), want: []string{"4:31 E015"}},
	{name: "empty variable after a multi-byte character", kind: policy.Identity, src: stmt(allow, action, `"Resource": "arn:aws:s3:::é/${}"`), want: []string{"4:31 E015"}},
	{name: "empty variable in an ARN condition", kind: policy.Identity, src: condStmt("ArnLike", "aws:SourceArn", `"arn:aws:iam::111122223333:user/${}"`), want: []string{"7:56 E015"}},
	{name: "empty variable in NotResource", kind: policy.Identity, src: stmt(deny, action, `"NotResource": "arn:aws:s3:::b/${}"`), want: []string{"4:34 E015"}},
	// AA UNSUPPORTED_SPACE_IN_VARIABLE: "you cannot include a space in the variable name".
	{name: "space in a variable name", kind: policy.Identity, src: stmt(allow, action, `"Resource": "arn:aws:s3:::b/${aws:user name}"`), want: []string{"4:31 E015"}},
	{name: "space before a variable name", kind: policy.Identity, src: stmt(allow, action, `"Resource": "arn:aws:s3:::b/${ aws:username}"`), want: []string{"4:31 E015"}},
	// reference_policies_variables.md: "surround the default value with single quotes (' ')"; AA MISSING_QUOTE_IN_VARIABLE.
	{name: "default without quotes", kind: policy.Identity, src: stmt(allow, action, `"Resource": "arn:aws:s3:::b/${aws:username, x}"`), want: []string{"4:31 E015"}},
	// With escapes in the JSON string the position is the string's.
	{name: "default in double quotes", kind: policy.Identity, src: stmt(allow, action, `"Resource": "arn:aws:s3:::b/${aws:username, \"x\"}"`), want: []string{"4:15 E015"}},
	{name: "variable key without prefix", kind: policy.Identity, src: stmt(allow, action, `"Resource": "arn:aws:s3:::b/${username}"`), want: []string{"4:31 E015"}},
	// reference_policies_elements_version.md: under 2008-10-17 "variables such as ${aws:username} aren't recognized as variables and are instead treated as literal strings".
	{
		name: "variables are literal under 2008-10-17", kind: policy.Identity,
		src: `{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/${aws:username", "Condition": {"StringLike": {"s3:prefix": ["${}", "${ x}"]}}}}`,
	},
	// reference_policies_variables.md: "If you don't include the Version element ..., variables like ${aws:username} are treated as literal strings".
	{
		name: "variables are literal without Version", kind: policy.Identity,
		src: `{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/${aws:username, x}"}}`,
	},

	// E016 invalid resource ARN.
	// reference_policies_elements_resource.md: "You specify a resource using an Amazon Resource Name (ARN)."; AA INVALID_ARN_PREFIX.
	{name: "Resource without arn prefix", kind: policy.Identity, src: stmt(allow, action, `"Resource": "s3:::b"`), want: []string{"4:15 E016"}},
	{name: "NotResource bucket name", kind: policy.Identity, src: stmt(deny, action, `"NotResource": ["*", "example-bucket"]`), want: []string{"4:24 E016"}},
	{name: "Resource empty string", kind: policy.Identity, src: stmt(allow, action, `"Resource": ""`), want: []string{"4:15 E016"}},
	// reference_policies_grammar.md resource_string: "When you specify an incomplete ARN ... in an identity-based policy, AWS automatically completes the ARN ... However, session policies ... do not support incomplete ARNs."
	{name: "incomplete ARN in identity policy", kind: policy.Identity, src: stmt(allow, `"Action": "sqs:SendMessage"`, `"Resource": "arn:aws:sqs"`)},
	{name: "incomplete ARN in boundary", kind: policy.Boundary, src: stmt(allow, `"Action": "sqs:SendMessage"`, `"Resource": "arn:aws:sqs"`)},
	{name: "incomplete ARN in session policy", kind: policy.Session, src: stmt(allow, `"Action": "sqs:SendMessage"`, `"Resource": "arn:aws:sqs"`), want: []string{"4:15 E016"}},
	// API Gateway developer guide, apigateway-resource-policies-examples: "you can specify the resource execute-api:/stage-name/GET/pets
	// in a resource policy"; "You can use execute-api:/* to represent all stages, methods, and paths in the current API".
	{name: "API Gateway shorthand in resource policy", kind: policy.Resource, src: stmt(allow, anyPrin, `"Action": "execute-api:Invoke"`, `"Resource": ["execute-api:/*", "execute-api:/stage-name/GET/pets"]`)},
	{name: "API Gateway shorthand in NotResource", kind: policy.Resource, src: stmt(deny, anyPrin, `"Action": "execute-api:Invoke"`, `"NotResource": "execute-api:/prod/*"`)},
	{name: "API Gateway shorthand in identity policy", kind: policy.Identity, src: stmt(allow, `"Action": "execute-api:Invoke"`, `"Resource": "execute-api:/*"`), want: []string{"4:15 E016"}},
	{name: "API Gateway shorthand without the slash", kind: policy.Resource, src: stmt(allow, anyPrin, `"Action": "execute-api:Invoke"`, `"Resource": "execute-api:*"`), want: []string{"5:15 E016"}},
	// AA MISSING_ARN_FIELD: "Resource ARNs must include at least {{fields}} fields".
	{name: "incomplete ARN in resource policy", kind: policy.Resource, src: stmt(allow, anyPrin, `"Action": "sqs:SendMessage"`, `"Resource": "arn:aws:sqs"`), want: []string{"5:15 E016"}},
	{name: "incomplete ARN in SCP", kind: policy.SCP, src: stmt(deny, `"Action": "sqs:SendMessage"`, `"Resource": "arn:aws:sqs"`), want: []string{"4:15 E016"}},

	// E017 invalid principal.
	// reference_policies_elements_principal.md: "Principal": { "AWS": "arn:aws:iam::123456789012:root" } (12-digit account).
	{name: "principal with a bad account ID", kind: policy.Resource, src: stmt(allow, `"Principal": {"AWS": "arn:aws:iam::12345:root"}`, action, anyRes), want: []string{"3:24 E017"}},
	{name: "principal short account ID", kind: policy.Resource, src: stmt(allow, `"Principal": {"AWS": "12345"}`, action, anyRes), want: []string{"3:24 E017"}},
	// Same page: "You cannot use a wildcard to match part of a principal name or ARN."
	{name: "principal with a partial wildcard", kind: policy.Resource, src: stmt(allow, `"Principal": {"AWS": "arn:aws:iam::111122223333:role/*"}`, action, anyRes), want: []string{"3:24 E017"}},
	// Same page: "You cannot identify a user group as a principal in a policy".
	{name: "principal group ARN", kind: policy.Resource, src: stmt(allow, `"Principal": {"AWS": "arn:aws:iam::111122223333:group/Admins"}`, action, anyRes), want: []string{"3:24 E017"}},
	// Same page: the service principal format is "usually" service-name.amazonaws.com.
	{name: "service principal not a host", kind: policy.Resource, src: stmt(allow, `"Principal": {"Service": "s3"}`, action, anyRes), want: []string{"3:28 E017"}},
	// Same page: "The service principal in an IAM policy can't be "Service": "*"."
	{name: "service principal star", kind: policy.Resource, src: stmt(allow, `"Principal": {"Service": "*"}`, action, anyRes), want: []string{"3:28 E017"}},
	// AA "Error – Invalid principal key": "The following are supported principal keys: AWS, CanonicalUser, Federated, Service".
	{name: "unknown principal type", kind: policy.Resource, src: stmt(allow, `"Principal": {"Aws": "*"}`, action, anyRes), want: []string{"3:17 E017"}, contains: `did you mean "AWS"?`},
	// reference_policies_grammar.md principal_id_string: "you can use * only to specify "everyone/anonymous.""
	{name: "Principal string not star", kind: policy.Resource, src: stmt(allow, `"Principal": "111122223333"`, action, anyRes), want: []string{"3:16 E017"}},
	{name: "canonical user not 64 hex digits", kind: policy.Resource, src: stmt(allow, `"Principal": {"CanonicalUser": "abc"}`, action, anyRes), want: []string{"3:34 E017"}},
	// AA INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY: "Update the federated principal to a domain name or a SAML metadata ARN."
	{name: "federated principal user ARN", kind: policy.Trust, src: stmt(allow, `"Principal": {"Federated": "arn:aws:iam::111122223333:user/x"}`, assume), want: []string{"3:30 E017"}},
	// RCPSYN: "You can only specify "*" in the Principal element of an RCP."
	{name: "RCP principal account", kind: policy.RCP, src: stmt(deny, `"Principal": {"AWS": "111122223333"}`, action, anyRes), want: []string{"3:24 E017"}},
	{name: "RCP principal string account", kind: policy.RCP, src: stmt(deny, `"Principal": "111122223333"`, action, anyRes), want: []string{"3:16 E017"}},
	{name: "RCP service principal", kind: policy.RCP, src: stmt(deny, `"Principal": {"Service": "s3.amazonaws.com"}`, action, anyRes), want: []string{"3:28 E017"}},

	// E018 element not allowed in this policy kind.
	// reference_policies_grammar.md: "The principal_block element ... must not be included in identity-based policies."
	{name: "Principal in identity policy", kind: policy.Identity, src: stmt(allow, anyPrin, action, anyRes), want: []string{"3:3 E018"}},
	{name: "Principal in boundary", kind: policy.Boundary, src: stmt(allow, anyPrin, action, anyRes), want: []string{"3:3 E018"}},
	{name: "Principal in session policy", kind: policy.Session, src: stmt(allow, anyPrin, action, anyRes), want: []string{"3:3 E018"}},
	// SCPSYN "Unsupported elements": NotPrincipal, Principal.
	{name: "Principal in SCP", kind: policy.SCP, src: stmt(deny, `"Principal": {"AWS": "111122223333"}`, action, anyRes), want: []string{"3:3 E018"}},
	{name: "NotPrincipal in SCP", kind: policy.SCP, src: stmt(deny, `"NotPrincipal": {"AWS": "111122223333"}`, action, anyRes), want: []string{"3:3 E018"}},
	// AA ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL: "Role trust policies do not support NotPrincipal."
	{name: "NotPrincipal in trust policy", kind: policy.Trust, src: stmt(deny, `"NotPrincipal": {"AWS": "111122223333"}`, assume), want: []string{"3:3 E018"}},
	// RCPSYN: NotPrincipal is unsupported.
	{name: "NotPrincipal in RCP", kind: policy.RCP, src: stmt(deny, `"NotPrincipal": {"AWS": "*"}`, action, anyRes), want: []string{"3:3 E018"}},
	{name: "NotPrincipal in endpoint policy", kind: policy.Endpoint, src: stmt(deny, `"NotPrincipal": {"AWS": "111122223333"}`, action, anyRes), want: []string{"3:3 E018"}},
	// AA ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE: "Role trust policies apply to the role that they are attached to. You cannot specify a resource."
	{name: "Resource in trust policy", kind: policy.Trust, src: stmt(allow, `"Principal": {"AWS": "111122223333"}`, assume, anyRes), want: []string{"5:3 E018"}},
	{name: "NotResource in trust policy", kind: policy.Trust, src: stmt(allow, `"Principal": {"AWS": "111122223333"}`, assume, `"NotResource": "*"`), want: []string{"5:3 E018"}},
	// reference_policies_elements_principal.md: "OIDC federated principals are not supported in policy types other than role trust policies."; AA FEDERATED_PRINCIPAL_NOT_SUPPORTED.
	{name: "Federated in resource policy", kind: policy.Resource, src: stmt(allow, `"Principal": {"Federated": "accounts.google.com"}`, action, anyRes), want: []string{"3:17 E018"}},
	// AA RCP_SYNTAX_ERROR_ALLOW: "RCPs only support specifying all principals ("*") in the Principal element, all resources ("*") in the Resource element, and no Condition element with an effect of Allow."
	{name: "RCP Allow for one action", kind: policy.RCP, src: stmt(allow, anyPrin, action, anyRes), want: []string{"2:13 E018"}},
	{name: "RCP Allow for one bucket", kind: policy.RCP, src: stmt(allow, anyPrin, `"Action": "*"`, bucket), want: []string{"2:13 E018"}},
	{name: "RCP Allow with NotAction", kind: policy.RCP, src: stmt(allow, anyPrin, `"NotAction": "*"`, anyRes), want: []string{"2:13 E018"}},
	{
		name: "RCP Allow with a condition", kind: policy.RCP,
		src:  stmt(allow, anyPrin, `"Action": "*"`, anyRes, `"Condition": {"Bool": {"aws:SecureTransport": "true"}}`),
		want: []string{"2:13 E018"},
	},
	{name: "RCP full access", kind: policy.RCP, src: stmt(allow, anyPrin, `"Action": ["*"]`, anyRes)},

	// E019 missing Principal.
	// reference_policies_grammar.md: "The principal_block element is required in resource-based policies ... and in trust policies for IAM roles."
	{name: "Principal missing in resource policy", kind: policy.Resource, src: stmt(allow, action, anyRes), want: []string{"1:40 E019"}},
	{name: "Principal missing in trust policy", kind: policy.Trust, src: stmt(allow, assume), want: []string{"1:40 E019"}},
	// RCPSYN: "Each statement must contain the Principal element."
	{name: "Principal missing in RCP", kind: policy.RCP, src: stmt(deny, action, anyRes), want: []string{"1:40 E019"}},
	{name: "Principal missing in endpoint policy", kind: policy.Endpoint, src: stmt(allow, action, anyRes), want: []string{"1:40 E019"}},

	// E020 NotPrincipal with Allow.
	// reference_policies_elements_notprincipal.md (docs/errors.md E020): NotPrincipal is supported only with "Effect": "Deny".
	{name: "NotPrincipal with Allow", kind: policy.Resource, src: stmt(allow, `"NotPrincipal": {"AWS": "111122223333"}`, action, anyRes), want: []string{"3:3 E020"}},
	{name: "NotPrincipal with Allow in trust policy", kind: policy.Trust, src: stmt(allow, `"NotPrincipal": {"AWS": "111122223333"}`, assume), want: []string{"3:3 E018", "3:3 E020"}},

	// E021 invalid action.
	// reference_policies_elements_action.md: "The prefix and the action name are case insensitive. For example, iam:ListAccessKeys is the same as IAM:listaccesskeys." (an action is prefix:name; docs/errors.md E021)
	{name: "action without colon", kind: policy.Identity, src: stmt(allow, `"Action": "s3"`, anyRes), want: []string{"3:13 E021"}},
	{name: "action without service", kind: policy.Identity, src: stmt(allow, `"Action": ":Get"`, anyRes), want: []string{"3:13 E021"}},
	{name: "action without name", kind: policy.Identity, src: stmt(allow, `"Action": "s3:"`, anyRes), want: []string{"3:13 E021"}},
	{name: "action with two colons", kind: policy.Identity, src: stmt(allow, `"Action": "s3:Get:Object"`, anyRes), want: []string{"3:13 E021"}, contains: "an action name has one colon, between the service prefix and the action name"},
	{name: "action with a space", kind: policy.Identity, src: stmt(allow, `"Action": "s3 :Get"`, anyRes), want: []string{"3:13 E021"}, contains: "an action name cannot contain white space"},
	{name: "action service with underscore", kind: policy.Identity, src: stmt(allow, `"Action": "s_3:Get"`, anyRes), want: []string{"3:13 E021"}, contains: "a service prefix has only letters, digits and hyphens, not '_'"},
	{name: "NotAction entry invalid", kind: policy.Identity, src: stmt(deny, `"NotAction": ["iam:*", "iam"]`, anyRes), want: []string{"3:26 E021"}},
	{
		name: "invalid action after a tab and multi-byte characters", kind: policy.Identity,
		src:  "{\"Version\": \"2012-10-17\", \"Statement\": {\n\t\"Sid\": \"Ünïcode\", \"Effect\": \"Allow\", \"Action\": \"s3\", \"Resource\": \"*\"}}",
		want: []string{"2:49 E021"},
	},

	// E023 invalid condition key.
	// reference_policies_elements_condition.md: "including the aws:SourceIP context key is equivalent to testing for AWS:SourceIp" — keys are prefix:name (docs/errors.md E023; AA INVALID_CONDITION_KEY_FORMAT).
	{name: "condition key without prefix", kind: policy.Identity, src: condStmt("StringEquals", "username", `"a"`), want: []string{"7:7 E023"}},
	{name: "condition key with empty prefix", kind: policy.Identity, src: condStmt("StringEquals", ":username", `"a"`), want: []string{"7:7 E023"}},
	{name: "condition key with empty name", kind: policy.Identity, src: condStmt("StringEquals", "aws:", `"a"`), want: []string{"7:7 E023"}},
	{name: "condition key with a space in its prefix", kind: policy.Identity, src: condStmt("StringEquals", "a ws:username", `"a"`), want: []string{"7:7 E023"}},

	// E024-E027, the limits of docs/limits.md, with their defaults;
	// limits_test.go has the cases just under and just over each.
	{name: "nesting deeper than 64 levels", kind: policy.Identity, src: strings.Repeat("[", 10001), want: []string{"1:65 E024"}},
	{name: "document larger than 1 MiB", kind: policy.Identity, src: stmt(allow, action, anyRes) + strings.Repeat(" ", 1<<20), want: []string{"5:1048469 E025"}},
	{name: "more than 1000 statements", kind: policy.Identity, src: statements(1001), want: []string{"1002:1 E026"}},
	{name: "more than 10000 actions", kind: policy.Identity, src: stmt(allow, listOf(`"Action"`, `"s3:GetObject"`, 10001), anyRes), want: []string{"10004:1 E027"}},

	// Several problems are all reported, sorted by position.
	{
		name: "every problem at once", kind: policy.Identity,
		src:  stmt(`"Effect": "allow"`, `"Action": "s3"`, `"NotAction": "s3:*"`, `"Resource": "s3:::b"`, condition("StringEqualz", "username", `"x"`)),
		want: []string{"2:13 E008", "3:13 E021", "4:3 E011", "5:15 E016", "7:5 E012", "8:7 E023"},
	},
}

// problems returns the problems of err as "line:col CODE" strings, and
// checks that err is a sorted ErrorList whose positions name file.
func problems(t *testing.T, file string, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var list policy.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %T is not a policy.ErrorList: %v", err, err)
	}
	var got []string
	for _, e := range list {
		if e.Pos.File != file {
			t.Errorf("%v: file %q, want %q", e, e.Pos.File, file)
		}
		got = append(got, fmt.Sprintf("%d:%d %s", e.Pos.Line, e.Pos.Col, e.Code))
	}
	return got
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range errorCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := policy.Parse("bad.json", []byte(tc.src), tc.kind)
			got := problems(t, "bad.json", err)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s\nerrors:\n%v", diff, err)
			}
			if tc.contains != "" && !strings.Contains(fmt.Sprint(err), tc.contains) {
				t.Errorf("no message contains %q:\n%v", tc.contains, err)
			}
		})
	}
}

// TestParseErrorsCoverEveryCode makes sure the table above has a case for
// every code, so that a new code comes with a test. E028 is the readers'
// of infrastructure code (internal/iac/cfn and internal/iac/terraform,
// whose malformed-input tests produce it), not the parser's.
func TestParseErrorsCoverEveryCode(t *testing.T) {
	t.Parallel()
	seen := map[policy.Code]bool{policy.CodeInfrastructure: true}
	for _, tc := range errorCases {
		for _, w := range tc.want {
			seen[policy.Code(w[strings.LastIndexByte(w, ' ')+1:])] = true
		}
	}
	for _, c := range policy.Codes {
		if !seen[c.Code] {
			t.Errorf("no error case produces %s (%s)", c.Code, c.Title)
		}
	}
}
