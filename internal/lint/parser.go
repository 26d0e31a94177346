package lint

import (
	"github.com/iamsim/iamsim/policy"
)

// parserRules are the rules the parser checks, one per problem code of
// docs/errors.md. Lint turns each parser error into a finding of its rule.
var parserRules = []*Rule{
	{
		ID: "json-syntax", Title: "the file is not valid JSON", Level: Error, Code: policy.CodeSyntax,
		AccessAnalyzer: []string{"JSON_SYNTAX_ERROR"},
		Description:    "The file is not JSON. The position is where the parser gave up: a missing comma, an unquoted key, a comment (JSON has none), a trailing comma, or the end of the input when a brace or bracket is not closed. Nothing else can be checked until it parses.",
		Fix:            "Fix the syntax at the position shown; an editor with JSON support points at the same place.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17"
    "Statement": []
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]
}`},
	},
	{
		ID: "json-trailing-data", Title: "data after the JSON document", Level: Error, Code: policy.CodeTrailingData,
		Description: "Something other than white space follows the closing brace of the policy, often a second document or a stray `}`. AWS rejects such a policy, and iamsim does not guess which document was meant.",
		Fix:         "Delete what follows the document, or split two documents into two files.",
		Bad:         Example{policy.Identity, `{"Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}}}`},
		Good:        Example{policy.Identity, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}}`},
	},
	{
		ID: "json-duplicate-key", Title: "the same key twice in one object", Level: Error, Code: policy.CodeDuplicateKey,
		Description: "The same key appears twice in one object: two `Effect`s in a statement, the same condition key twice under one operator. JSON parsers silently keep one of the two, so the policy AWS stores may not be the one you read (reference_policies_grammar.md: \"Individual elements must not contain multiple instances of the same key\").",
		Fix:         "Keep one of the two keys; to give a condition key several values, write them as one array.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*", "Resource": "*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}
}`},
	},
	{
		ID: "file-encoding", Title: "empty file, byte order mark or invalid UTF-8", Level: Error, Code: policy.CodeEncoding,
		Description: "The input is empty, starts with a UTF-8 byte order mark, or is not valid UTF-8 (the position is the first invalid byte). AWS reads policies as UTF-8 JSON without a byte order mark.",
		Fix:         "Save the file as UTF-8 without a byte order mark.",
		Bad:         Example{policy.Identity, "\ufeff{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:ListAllMyBuckets\", \"Resource\": \"*\"}}"},
		Good:        Example{policy.Identity, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}}`},
	},
	{
		ID: "unknown-element", Title: "an element the policy grammar does not have", Level: Error, Code: policy.CodeUnknownElement,
		AccessAnalyzer: []string{"INVALID_POLICY_ELEMENT"},
		Description:    "An element the policy grammar does not have, at the top level (`Version`, `Id`, `Statement`) or in a statement (`Sid`, `Effect`, `Principal`, `NotPrincipal`, `Action`, `NotAction`, `Resource`, `NotResource`, `Condition`). Element names are case-sensitive: `effect` and `Actions` are unknown, and the message suggests the nearest name.",
		Fix:            "Spell the element as the grammar does, or remove it.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Actions": "s3:ListAllMyBuckets", "Resource": "*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}
}`},
	},
	{
		ID: "wrong-json-type", Title: "an element of the wrong JSON type", Level: Error, Code: policy.CodeWrongType,
		AccessAnalyzer: []string{"DATA_TYPE_MISMATCH"},
		Description:    "An element has a JSON type the grammar does not allow: a policy that is not an object, `Statement` that is a string, `Effect` or `Sid` that is not a string, an `Action` entry that is a number, a condition value that is `null`, an object or a nested array.",
		Fix:            "Write the element with the type the grammar gives it: a string or an array of strings for `Action` and `Resource`, an object for `Condition`.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": ["s3:GetObject", 7], "Resource": "*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}
}`},
	},
	{
		ID: "version-invalid", Title: "Version is not one AWS accepts here", Level: Error, Code: policy.CodeVersion,
		AccessAnalyzer: []string{"INVALID_VERSION"},
		Description:    "`Version` must be `2012-10-17` or `2008-10-17` (reference_policies_elements_version.md); service control policies and resource control policies must say `2012-10-17` (Organizations User Guide, SCP and RCP syntax).",
		Fix:            "Use `\"Version\": \"2012-10-17\"`. It is not a date you choose: it names the version of the policy language.",
		Bad: Example{policy.Identity, `{
    "Version": "2024-01-01",
    "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}
}`},
	},
	{
		ID: "statement-missing", Title: "the policy has no statements", Level: Error, Code: policy.CodeStatementMissing,
		AccessAnalyzer: []string{"MISSING_STATEMENT"},
		Description:    "The policy has no `Statement`, or an empty list of statements. It grants and denies nothing.",
		Fix:            "Add the statements the policy is meant to have.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": []
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]
}`},
	},
	{
		ID: "effect-invalid", Title: "Effect missing or not Allow or Deny", Level: Error, Code: policy.CodeEffect,
		AccessAnalyzer: []string{"MISSING_EFFECT", "INVALID_EFFECT"},
		Description:    "Every statement needs `Effect`, exactly `Allow` or `Deny`; the value is case-sensitive, so `allow` is rejected.",
		Fix:            "Write `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}
}`},
	},
	{
		ID: "action-missing", Title: "a statement without Action or NotAction", Level: Error, Code: policy.CodeActionMissing,
		AccessAnalyzer: []string{"MISSING_ACTION"},
		Description:    "Every statement needs `Action` or `NotAction`.",
		Fix:            "Name the actions the statement is about.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Resource": "*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}
}`},
	},
	{
		ID: "resource-missing", Title: "a statement without Resource or NotResource", Level: Error, Code: policy.CodeResourceMissing,
		AccessAnalyzer: []string{"MISSING_RESOURCE"},
		Description:    "Every statement needs `Resource` or `NotResource`, except in role trust policies, which apply to the role they are attached to (Access Analyzer `MISSING_RESOURCE`: \"All policies except role trust policies must include a Resource or NotResource element\").",
		Fix:            "Name the resources, or `\"*\"` for actions that do not support resource-level permissions.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}
}`},
	},
	{
		ID: "element-conflict", Title: "both halves of an exclusive pair", Level: Error, Code: policy.CodeConflict,
		AccessAnalyzer: []string{"UNSUPPORTED_ELEMENT_COMBINATION"},
		Description:    "A statement has both `Action` and `NotAction`, `Resource` and `NotResource`, or `Principal` and `NotPrincipal`. The position is the second one.",
		Fix:            "Keep one of the two; split the statement in two if both meanings are wanted.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:DeleteObject", "Resource": "*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
}`},
	},
	{
		ID: "condition-operator-unknown", Title: "a condition operator AWS does not have", Level: Error, Code: policy.CodeUnknownOperator,
		AccessAnalyzer: []string{"INVALID_CONDITION_OPERATOR"},
		Description:    "The operator is not one of the documented ones (reference_policies_elements_condition_operators.md). Names are case-sensitive (`stringEquals` is rejected); the message suggests the nearest name.",
		Fix:            "Use the documented operator name.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*",
        "Condition": {"StringEqualz": {"aws:PrincipalTag/team": "data"}}
    }
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*",
        "Condition": {"StringEquals": {"aws:PrincipalTag/team": "data"}}
    }
}`},
	},
	{
		ID: "condition-qualifier-invalid", Title: "a malformed set qualifier or IfExists", Level: Error, Code: policy.CodeQualifier,
		AccessAnalyzer: []string{"NULL_WITH_IF_EXISTS"},
		Description:    "A set qualifier other than `ForAllValues:` or `ForAnyValue:` (the plural `ForAnyValues:` is a common slip), a qualifier with no operator after it, `NullIfExists` (Null already tests presence) or a set qualifier on `Null`.",
		Fix:            "Write `ForAllValues:` or `ForAnyValue:` followed by an operator, and use `Null` on its own.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*",
        "Condition": {"ForAnyValues:StringEquals": {"aws:TagKeys": "team"}}
    }
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*",
        "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": "team"}}
    }
}`},
	},
	{
		ID: "condition-value-invalid", Title: "a condition value its operator can never accept", Level: Error, Code: policy.CodeConditionValue,
		AccessAnalyzer: []string{"INVALID_CONDITION_DATA_TYPE", "INVALID_DATE_VALUE"},
		Description:    "A value that can never be valid for its operator: a Numeric value that is not a decimal number, a Date that is neither a W3C ISO 8601 date nor epoch seconds, a Bool or Null value other than `true` or `false`, a BinaryEquals value that is not base-64, an IpAddress value that is not an address or CIDR range, or an Arn value with fewer than six fields. Such a condition never matches, so an Allow grants nothing and a Deny protects nothing.",
		Fix:            "Write the value in the operator's format: `2026-01-31T12:00:00Z`, `203.0.113.0/24`, `true`.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*",
        "Condition": {"DateLessThan": {"aws:CurrentTime": "31/12/2026"}}
    }
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*",
        "Condition": {"DateLessThan": {"aws:CurrentTime": "2026-12-31T00:00:00Z"}}
    }
}`},
	},
	{
		ID: "policy-variable-syntax", Title: "a malformed ${...} policy variable", Level: Error, Code: policy.CodeVariable,
		AccessAnalyzer: []string{"MISSING_BRACE_IN_VARIABLE", "EMPTY_VARIABLE", "UNSUPPORTED_SPACE_IN_VARIABLE", "MISSING_QUOTE_IN_VARIABLE"},
		Description:    "Under `Version` `2012-10-17`, `${...}` in a Resource or in a String, ARN or Bool condition value is a policy variable (reference_policies_variables.md). It must be closed, name a key of the form `prefix:name` with no spaces, and write a default value as `${key, 'default'}` with single quotes.",
		Fix:            "Close the brace and name the key as `${aws:username}`; write `${*}`, `${?}` or `${$}` for a literal `*`, `?` or `$`.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username/*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"}
}`},
	},
	{
		ID: "arn-malformed", Title: "a Resource that is neither an ARN nor *", Level: Error, Code: policy.CodeResourceARN,
		AccessAnalyzer: []string{"INVALID_ARN_PREFIX", "MISSING_ARN_FIELD"},
		Description:    "A `Resource` or `NotResource` entry that is neither `\"*\"` nor an ARN starting with `arn:`, or an ARN with fewer than six fields where AWS does not complete it. Identity-based policies and permissions boundaries complete a short ARN with `*` fields (reference_policies_grammar.md); session policies reject it.",
		Fix:            "Write the full ARN, `arn:partition:service:region:account:resource`.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "reports-bucket/*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports-bucket/*"}
}`},
	},
	{
		ID: "principal-invalid", Title: "a principal value AWS does not accept", Level: Error, Code: policy.CodePrincipal,
		AccessAnalyzer: []string{"INVALID_PRINCIPAL_KEY", "INVALID_PRINCIPAL_FORMAT", "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"},
		Description:    "A principal value AWS does not accept (reference_policies_elements_principal.md): `Principal` as a string other than `\"*\"`, an unknown principal type, an `AWS` value that is not `\"*\"`, an account ID or the ARN of an account, user, role, session or federated user, a partial wildcard (\"You cannot use a wildcard to match part of a principal name or ARN\"), a group ARN, `\"Service\": \"*\"`, or a malformed service, federated or canonical-user value.",
		Fix:            "Name the principal by its full ARN or account ID; to match many principals, use `\"*\"` with a condition on `aws:PrincipalArn`.",
		Bad: Example{policy.Resource, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:role/deploy-*"},
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::artifacts/*"
    }
}`},
		Good: Example{policy.Resource, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:role/deploy"},
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::artifacts/*"
    }
}`},
	},
	{
		ID: "element-not-allowed", Title: "an element this kind of policy does not allow", Level: Error, Code: policy.CodeNotAllowedForKind,
		AccessAnalyzer: []string{"UNSUPPORTED_PRINCIPAL", "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", "FEDERATED_PRINCIPAL_NOT_SUPPORTED", "RCP_SYNTAX_ERROR_ALLOW", "SCP_SYNTAX_ERROR_PRINCIPAL"},
		Description:    "`Principal` or `NotPrincipal` in an identity-based policy, permissions boundary, session policy or SCP (they apply to the principal they are attached to); `NotPrincipal` in a role trust policy, RCP or VPC endpoint policy; `Resource` in a role trust policy; `Federated` principals outside role trust policies; in a resource control policy, an `Allow` statement other than the full-access one.",
		Fix:            "Remove the element, or lint the file as the kind of policy it really is (`--type`).",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:role/deploy"},
        "Action": "s3:ListAllMyBuckets",
        "Resource": "*"
    }
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}
}`},
	},
	{
		ID: "principal-missing", Title: "a statement without the Principal its policy kind needs", Level: Error, Code: policy.CodePrincipalMissing,
		AccessAnalyzer: []string{"MISSING_PRINCIPAL"},
		Description:    "Resource-based policies, role trust policies, RCPs and VPC endpoint policies name the principal in every statement.",
		Fix:            "Add `Principal`: the accounts, roles or services the statement is about.",
		Bad: Example{policy.Trust, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole"}
}`},
		Good: Example{policy.Trust, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}
}`},
	},
	{
		ID: "allow-notprincipal", Title: "NotPrincipal with Allow", Level: Error, Code: policy.CodeNotPrincipalAllow,
		Security:       SecurityHigh,
		AccessAnalyzer: []string{"ALLOW_WITH_NOT_PRINCIPAL"},
		Description:    "`NotPrincipal` is supported only with `\"Effect\": \"Deny\"` (reference_policies_elements_notprincipal.md). An Allow with NotPrincipal would grant access to everyone not listed, anonymous users included.",
		Fix:            "Use `Principal` to name who is allowed, or write a Deny with `\"Principal\": \"*\"` and an `ArnNotEquals` condition on `aws:PrincipalArn`.",
		Bad: Example{policy.Resource, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/intruder"},
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::artifacts/*"
    }
}`},
		Good: Example{policy.Resource, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:role/deploy"},
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::artifacts/*"
    }
}`},
	},
	{
		ID: "action-malformed", Title: "an action that is not service:name", Level: Error, Code: policy.CodeAction,
		AccessAnalyzer: []string{"INVALID_ACTION"},
		Description:    "An action is `\"*\"` or `service:ActionName` with exactly one colon, no white space, and a service prefix of letters, digits and hyphens (wildcards allowed). `s3`, `:GetObject` and `s3:Get:Object` are malformed.",
		Fix:            "Write the action as `service:ActionName`; `iamsim expand` lists the actions a pattern covers.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3 GetObject", "Resource": "*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
}`},
	},
	{
		ID: "condition-key-malformed", Title: "a condition key that is not prefix:name", Level: Error, Code: policy.CodeConditionKey,
		AccessAnalyzer: []string{"INVALID_CONDITION_KEY_FORMAT"},
		Description:    "A condition key that is not of the form `prefix:name`, where the prefix is a service prefix (`aws`, `s3`) or an identity provider's host and path (`token.actions.githubusercontent.com`).",
		Fix:            "Write the key as the service documents it, such as `aws:SourceIp`.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*",
        "Condition": {"IpAddress": {"SourceIp": "203.0.113.0/24"}}
    }
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*",
        "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
    }
}`},
	},
	{
		ID: "json-too-deep", Title: "JSON nested deeper than the limit", Level: Error, Code: policy.CodeTooDeep,
		Description: "Arrays and objects nest deeper than the parser's limit, 64 levels by default; a policy needs about six. The position is the bracket that opens the first level past the limit. Nothing else is checked (docs/limits.md).",
		Fix:         "Remove the nesting: policy elements hold strings, lists of strings and, in a Condition, objects of lists.",
		Bad:         Example{policy.Identity, tooDeepExample()},
		Good:        Example{policy.Identity, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}}`},
	},
	{
		ID: "document-too-large", Title: "a policy document larger than the limit", Level: Error, Code: policy.CodeTooLarge,
		Description: "The document is larger than the parser's limit, 1 MiB by default; AWS stores policies of a few kilobytes. The position is the first byte past the limit. The limit applies to each document, so an account export may be larger. Nothing else is checked (docs/limits.md).",
		Fix:         "Split the policy, or raise the limit if the document is genuine.",
		Bad:         Example{policy.Identity, tooLargeExample()},
		Good:        Example{policy.Identity, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}}`},
	},
	{
		ID: "too-many-statements", Title: "more statements than the limit", Level: Error, Code: policy.CodeTooManyStatements,
		Description: "The Statement list has more entries than the parser's limit, 1,000 by default. The position is the first statement past the limit; those before it are checked (docs/limits.md).",
		Fix:         "Split the policy, or raise the limit if the document is genuine.",
		Bad:         Example{policy.Identity, tooManyStatementsExample()},
		Good:        Example{policy.Identity, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}}`},
	},
	{
		ID: "too-many-values", Title: "a list longer than the limit", Level: Error, Code: policy.CodeTooManyValues,
		Description: "An Action, NotAction, Resource or NotResource list, the list of one principal type, or a condition key's values has more entries than the parser's limit, 10,000 by default. The position is the first entry past the limit (docs/limits.md).",
		Fix:         "Use wildcards or split the statement, or raise the limit if the document is genuine.",
		Bad:         Example{policy.Identity, tooManyValuesExample()},
		Good:        Example{policy.Identity, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}}`},
	},
}
