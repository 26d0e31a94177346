package lint

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/iamsim/iamsim/policy"
)

// documentRules look at the document as a whole: its Version, Sids, size
// and empty elements. None needs the catalog.
var documentRules = []*Rule{
	{
		ID: "version-missing", Title: "no Version element", Level: Warning,
		AccessAnalyzer: []string{"MISSING_VERSION", "VARIABLE_UNSUPPORTED_IN_VERSION"},
		Description: "Without `Version`, AWS reads the policy under the 2008-10-17 language, in which policy variables such as " +
			"`${aws:username}` are literal text (reference_policies_elements_version.md: \"If you do not include a Version " +
			"element, the value defaults to 2008-10-17\"). A Resource written for one user then matches a key literally named " +
			"`${aws:username}`. The finding is a warning, and says so when the policy uses variables.",
		Fix: "Add `\"Version\": \"2012-10-17\"` as the first element.",
		Bad: Example{policy.Identity, `{
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"}
}`},
		check: checkVersionMissing,
	},
	{
		ID: "version-old", Title: "Version 2008-10-17", Level: Warning,
		AccessAnalyzer: []string{"VARIABLE_UNSUPPORTED_IN_VERSION"},
		Description: "`2008-10-17` is the older policy language, kept for old policies; it has no policy variables, so " +
			"`${aws:username}` is literal text (reference_policies_elements_version.md: \"Do not use this version for any new policies\").",
		Fix: "Use `\"Version\": \"2012-10-17\"`; check that no `${` in the policy was meant literally (write `${$}` for a literal `$`).",
		Bad: Example{policy.Identity, `{
    "Version": "2008-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}
}`},
		check: checkVersionOld,
	},
	{
		ID: "sid-duplicate", Title: "two statements with the same Sid", Level: Warning,
		AccessAnalyzer: []string{"UNIQUE_SIDS_RECOMMENDED", "UNIQUE_SIDS_REQUIRED"},
		Description: "IAM requires unique Sids (reference_policies_elements_sid.md: \"In IAM, the Sid value must be unique " +
			"within a JSON policy\"), so the finding is an error in the policies IAM stores: identity-based policies, permissions " +
			"boundaries and trust policies. Elsewhere it is a warning: services such as SQS and SNS treat the Sid as a sub-ID of the " +
			"policy and may have their own rules, and a repeated Sid makes findings and reviews ambiguous.",
		Fix: "Give each statement its own Sid.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
        {"Sid": "Read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports"}
    ]
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "ReadObjects", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
        {"Sid": "ListBucket", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports"}
    ]
}`},
		check: checkSidDuplicate,
	},
	{
		ID: "sid-invalid", Title: "a Sid IAM does not accept", Level: Error,
		AccessAnalyzer: []string{"UNSUPPORTED_SID", "EMPTY_SID_VALUE"},
		Description: "In IAM the Sid supports ASCII letters and digits only (reference_policies_elements_sid.md), and an empty " +
			"Sid is rejected. The rule checks the policies IAM stores: identity-based policies, permissions boundaries and " +
			"trust policies. Other services have their own rules (the default KMS key policy has Sids such as " +
			"`Enable IAM User Permissions`), so resource-based policies, SCPs and the rest are not checked.",
		Fix: "Write the Sid in letters and digits, such as `AllowReadReports`.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Sid": "allow-read reports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Sid": "AllowReadReports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}
}`},
		check: checkSidInvalid,
	},
	{
		ID: "empty-block", Title: "an empty Action, Resource, Principal or condition value", Level: Note,
		AccessAnalyzer: []string{"EMPTY_ARRAY_ACTION", "EMPTY_ARRAY_RESOURCE", "EMPTY_OBJECT_PRINCIPAL", "EMPTY_ARRAY_CONDITION"},
		Description: "An empty array or object where the statement needs values: `\"Action\": []` matches no action, so the " +
			"statement does nothing; `\"NotAction\": []` or `\"NotResource\": []` match everything; a condition key with `[]` " +
			"has no value to compare. It is usually a template left half filled in.",
		Fix: "Fill in the values, or remove the element or the statement.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": [], "Resource": "*"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": ["s3:ListAllMyBuckets"], "Resource": "*"}
}`},
		check: checkEmptyBlocks,
	},
	{
		ID: "policy-size", Title: "larger than AWS's size quota for this kind of policy", Level: Error,
		AccessAnalyzer: []string{"POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA"},
		Description: "AWS rejects policies over its size quotas (reference_iam-quotas.md; the Organizations quotas page). " +
			"IAM does not count white space outside strings, and neither does iamsim for the policies IAM stores and " +
			"session policies; Organizations counts every character, white space and line breaks included, so iamsim " +
			"does too for SCPs and RCPs. The quotas checked:\n\n" +
			"| kind | quota | finding |\n|---|---|---|\n" +
			"| identity | 6,144 (managed policy, also over the user and group inline quotas); 10,240 (role inline, the largest) | warning over 6,144, error over 10,240 |\n" +
			"| boundary | 6,144 (a boundary is a managed policy) | error |\n" +
			"| trust | 2,048 by default, raisable to 4,096 | warning over 2,048, error over 4,096 |\n" +
			"| session | 2,048 | error |\n" +
			"| scp | 10,240 (doubled from 5,120 on 2026-05-15), white space included | error |\n" +
			"| rcp | 5,120, white space included | error |\n\n" +
			"A resource-based policy has its service's quota. iamsim knows the service when every Action of the policy " +
			"names one (a policy of `*` actions is not checked) and checks these, counting the document's bytes:\n\n" +
			"| service | quota | source |\n|---|---|---|\n" +
			"| s3 (bucket policy) | 20 KB | S3 User Guide, Bucket policies and user policies |\n" +
			"| kms (key policy) | 32,768 bytes | KMS Developer Guide, Key policy format |\n" +
			"| sqs (queue policy) | 8,192 bytes, 20 statements | SQS Developer Guide, Amazon SQS policy quotas |\n" +
			"| sns (topic policy) | 30 KB, 100 statements | SNS Developer Guide, Policy quotas |\n" +
			"| lambda (function policy) | 20 KB | Lambda quotas |\n" +
			"| dynamodb (table or stream policy) | 20 KB, white space included | DynamoDB PutResourcePolicy |\n\n" +
			"Only DynamoDB says that it counts white space; for the others an error means the policy is too large even " +
			"without white space outside strings, and a warning that it is too large only as written. " +
			"AWS managed policies are exempt from the managed-policy quota, so some of them exceed it.",
		Fix: "Shorten the policy: group actions with wildcards (`iamsim expand` shows what a pattern covers), merge " +
			"statements with the same resources, or split it into several policies.",
		Bad: Example{policy.Session, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": [` + longResourceList(120) + `]}
}`},
		Good: Example{policy.Session, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}
}`},
		check: checkPolicySize,
	},
	{
		ID: "arn-field-invalid", Title: "a Resource ARN with a partition, service, Region or account AWS does not have", Level: Error,
		AccessAnalyzer: []string{"INVALID_PARTITION", "INVALID_ARN_SERVICE_CASE", "INVALID_ARN_REGION", "INVALID_ARN_ACCOUNT"},
		Description: "An ARN is `arn:partition:service:region:account-id:resource` (reference-arns.md). A partition other than " +
			"`aws`, `aws-cn`, `aws-us-gov`, `aws-eusc` and the isolated `aws-iso*` ones, a service prefix with upper-case " +
			"letters, a Region that is not of the form `us-east-1`, or an account that is not 12 digits (or `aws`, the owner " +
			"of AWS managed resources such as `arn:aws:iam::aws:policy/ReadOnlyAccess`) matches no resource, so the statement " +
			"silently does nothing for it. Fields with a wildcard or a policy variable are not checked.",
		Fix: "Correct the field: `arn:aws:...`, a lower-case service, a Region code, the 12-digit account ID.",
		Bad: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:1111-2222-3333:orders"}
}`},
		Good: Example{policy.Identity, `{
    "Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:orders"}
}`},
		check: checkARNFields,
	},
}

// longResourceList returns n distinct bucket ARNs as JSON strings, for the
// policy-size example.
func longResourceList(n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = fmt.Sprintf(`"arn:aws:s3:::reports-%03d/*"`, i)
	}
	return strings.Join(items, ", ")
}

func checkVersionMissing(c *checker) {
	if c.doc.Version.Pos.IsValid() || c.kindIs(isOrganizations) {
		return // SCPs and RCPs without Version are parser errors
	}
	msg := "the policy has no Version, so it is read as 2008-10-17"
	if v, ok := firstVariable(c.doc); ok {
		msg += fmt.Sprintf("; policy variables such as %q are literal text", v)
	}
	c.report(c.doc.Pos, c.doc.Pos, "", "%s", msg)
}

func checkVersionOld(c *checker) {
	v := c.doc.Version
	if v.Text != policy.Version2008 {
		return
	}
	msg := "Version 2008-10-17 is the old policy language"
	if name, ok := firstVariable(c.doc); ok {
		msg += fmt.Sprintf(", in which policy variables such as %q are literal text", name)
	}
	c.reportValue(v, "Version", "%s; use %q", msg, policy.Version2012)
}

// firstVariable returns the first ${...} in a Resource or condition value,
// which only Version 2012-10-17 substitutes.
func firstVariable(doc *policy.Document) (string, bool) {
	find := func(s string) (string, bool) {
		i := strings.Index(s, "${")
		if i < 0 {
			return "", false
		}
		if j := strings.IndexByte(s[i:], '}'); j > 0 {
			return s[i : i+j+1], true
		}
		return s[i:], true
	}
	for _, st := range doc.Statements {
		if st.Resource != nil {
			for _, item := range st.Resource.Items {
				if v, ok := find(item.Text); ok {
					return v, true
				}
			}
		}
		for _, cond := range st.Conditions {
			for _, v := range cond.Values {
				if name, ok := find(v.Text); ok {
					return name, true
				}
			}
		}
	}
	return "", false
}

// storedByIAM reports whether IAM itself stores policies of this kind, so
// its rules for Sids apply.
func storedByIAM(k policy.Kind) bool {
	switch k {
	case policy.Identity, policy.Boundary, policy.Trust:
		return true
	}
	return false
}

func checkSidDuplicate(c *checker) {
	level := Warning
	if c.kindIs(storedByIAM) {
		level = Error
	}
	first := map[string]*policy.Statement{}
	for _, st := range c.doc.Statements {
		sid := st.Sid.Text
		if sid == "" {
			continue
		}
		if prev, ok := first[sid]; ok {
			c.reportAt(level, st.Sid.Pos, st.Sid.End, statementPath(st)+".Sid",
				"Sid %q is already used by Statement[%d]", sid, prev.Index)
			continue
		}
		first[sid] = st
	}
}

func checkSidInvalid(c *checker) {
	if !c.kindIs(storedByIAM) {
		return
	}
	for _, st := range c.doc.Statements {
		if !st.Sid.Pos.IsValid() {
			continue
		}
		path := statementPath(st) + ".Sid"
		switch bad := firstNonAlphanumeric(st.Sid.Text); {
		case st.Sid.Text == "":
			c.reportValue(st.Sid, path, "the Sid is empty; remove it or name the statement")
		case bad >= 0:
			c.reportValue(st.Sid, path, "Sid %q has %q; IAM accepts only ASCII letters and digits", st.Sid.Text, string(bad))
		}
	}
}

// firstNonAlphanumeric returns the first character of s that is not an
// ASCII letter or digit, or -1.
func firstNonAlphanumeric(s string) rune {
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return r
		}
	}
	return -1
}

func checkEmptyBlocks(c *checker) {
	for _, st := range c.doc.Statements {
		for _, l := range []struct {
			list *policy.List
			base string
		}{{st.Action, "Action"}, {st.Resource, "Resource"}} {
			if l.list == nil || len(l.list.Items) > 0 {
				continue
			}
			name, effect := l.base, "matches nothing, so the statement has no effect"
			if l.list.Not {
				name, effect = "Not"+l.base, "excludes nothing, so the statement applies to every "+strings.ToLower(l.base)
			}
			c.report(l.list.Pos, l.list.Pos, statementPath(st)+"."+name, "%s is empty: it %s", name, effect)
		}
		if pr := st.Principal; pr != nil && !pr.Any && len(pr.Entries) == 0 {
			name := "Principal"
			if pr.Not {
				name = "NotPrincipal"
			}
			c.report(pr.Pos, pr.Pos, statementPath(st)+"."+name, "%s names no principal", name)
		}
		for _, cond := range st.Conditions {
			if len(cond.Values) == 0 && cond.Operator.Family != 0 {
				c.reportValue(cond.Key, conditionPath(st, cond), "condition key %q has no values to compare", cond.Key.Text)
			}
		}
	}
}

// sizeQuota is AWS's size quota for one kind of policy, in characters:
// over warn is a warning, over max an error. IAM counts characters other
// than white space outside strings; Organizations counts them all.
type sizeQuota struct {
	warn, max  int
	what       string
	whitespace bool // white space counts
}

var sizeQuotas = map[policy.Kind]sizeQuota{
	policy.Identity: {6144, 10240, "identity-based policies (6,144 for a managed policy; 10,240 for the largest, a role's inline policy)", false},
	policy.Boundary: {6144, 6144, "permissions boundaries, which are managed policies", false},
	policy.Trust:    {2048, 4096, "role trust policies (2,048 by default, 4,096 at most)", false},
	policy.Session:  {2048, 2048, "session policies", false},
	policy.SCP:      {10240, 10240, "service control policies", true},
	policy.RCP:      {5120, 5120, "resource control policies", true},
}

// resourceQuota is a service's quota for its resource-based policies:
// bytes, and statements when the service limits them (0: no limit).
type resourceQuota struct {
	bytes, statements int
	what              string
	whitespace        bool // the service says that white space counts
}

var resourceQuotas = map[string]resourceQuota{
	"s3":       {20 * 1024, 0, "S3 bucket policies", false},
	"kms":      {32768, 0, "KMS key policies", false},
	"sqs":      {8192, 20, "SQS queue policies", false},
	"sns":      {30 * 1024, 100, "SNS topic policies", false},
	"lambda":   {20 * 1024, 0, "Lambda function policies", false},
	"dynamodb": {20 * 1024, 0, "DynamoDB resource-based policies", true},
}

func checkPolicySize(c *checker) {
	if c.kindIs(isResource) {
		checkResourcePolicySize(c)
		return
	}
	compact := -1 // policySize(c.src), counted once
	f := kindValue(c, func(k policy.Kind) sizeFinding {
		q, ok := sizeQuotas[k]
		if !ok || len(c.src) <= q.warn {
			return sizeFinding{} // no more characters than bytes
		}
		var n int
		counted := "characters other than white space"
		if q.whitespace {
			n, counted = utf8.RuneCount(c.src), "characters, white space included"
		} else {
			if compact < 0 {
				compact = policySize(c.src)
			}
			n = compact
		}
		if n <= q.warn {
			return sizeFinding{}
		}
		level := Warning
		if n > q.max {
			level = Error
		}
		return sizeFinding{level, fmt.Sprintf("the policy has %d %s; the quota for %s is %d", n, counted, q.what, q.warn)}
	})
	if f.level != 0 {
		c.reportAt(f.level, c.doc.Pos, c.doc.Pos, "", "%s", f.msg)
	}
}

// sizeFinding is what policy-size reports for one kind of policy: a
// message at a level, or a zero level for nothing.
type sizeFinding struct {
	level Level
	msg   string
}

// checkResourcePolicySize checks a resource-based policy against the quota
// of the one service its actions name.
func checkResourcePolicySize(c *checker) {
	q, ok := resourceQuotas[resourceService(c.doc)]
	if !ok {
		return
	}
	if n := len(c.doc.Statements); q.statements > 0 && n > q.statements {
		c.report(c.doc.Pos, c.doc.Pos, "", "the policy has %d statements; the quota for %s is %d", n, q.what, q.statements)
	}
	written := len(c.src)
	if written <= q.bytes {
		return
	}
	if q.whitespace {
		c.report(c.doc.Pos, c.doc.Pos, "", "the policy has %d bytes, white space included; the quota for %s is %d", written, q.what, q.bytes)
		return
	}
	if compact := compactBytes(c.src); compact > q.bytes {
		c.report(c.doc.Pos, c.doc.Pos, "", "the policy has %d bytes even without white space outside strings; the quota for %s is %d", compact, q.what, q.bytes)
		return
	}
	c.reportAt(Warning, c.doc.Pos, c.doc.Pos, "", "the policy has %d bytes as written; the quota for %s is %d: remove the white space outside strings before attaching it", written, q.what, q.bytes)
}

// resourceService returns the service prefix that every Action entry of a
// resource-based policy names, or "" when they name several, a wildcard
// service, or none (NotAction).
func resourceService(doc *policy.Document) string {
	service := ""
	for _, st := range doc.Statements {
		if st.Action == nil || st.Action.Not {
			return ""
		}
		for _, a := range st.Action.Items {
			prefix, _, found := strings.Cut(a.Text, ":")
			prefix = strings.ToLower(prefix)
			if !found || strings.ContainsAny(prefix, "*?") || (service != "" && prefix != service) {
				return ""
			}
			service = prefix
		}
	}
	return service
}

// policySize counts the characters of a JSON document other than white
// space outside strings, as IAM counts a policy's size.
func policySize(src []byte) int {
	chars, _ := compactSize(src)
	return chars
}

// compactBytes counts the bytes of a JSON document other than white space
// outside strings.
func compactBytes(src []byte) int {
	_, bytes := compactSize(src)
	return bytes
}

// compactSize counts the characters and the bytes of a JSON document
// other than white space outside strings.
func compactSize(src []byte) (chars, bytes int) {
	if !utf8.Valid(src) {
		return compactSizeDecoding(src)
	}
	// Quotes, backslashes and white space are ASCII, and no byte of a
	// multi-byte UTF-8 character is: count the white space outside
	// strings byte by byte, and take it from the whole.
	space := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case ' ', '\t', '\n', '\r':
			space++
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		}
	}
	return utf8.RuneCount(src) - space, len(src) - space
}

// compactSizeDecoding is compactSize for any bytes, decoding each
// character.
func compactSizeDecoding(src []byte) (chars, bytes int) {
	inString, escaped := false, false
	for i := 0; i < len(src); {
		// As ranging over string(src) does, without the copy.
		r, size := rune(src[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(src[i:])
		}
		i += size
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case r == '\\':
				escaped = true
			case r == '"':
				inString = false
			}
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			continue
		case r == '"':
			inString = true
		}
		chars++
		bytes += utf8.RuneLen(r)
	}
	return chars, bytes
}

// partitions are the AWS partitions (reference-arns.md).
var partitions = map[string]bool{
	"aws": true, "aws-cn": true, "aws-us-gov": true, "aws-eusc": true,
	"aws-iso": true, "aws-iso-b": true, "aws-iso-e": true, "aws-iso-f": true,
}

func checkARNFields(c *checker) {
	for _, st := range c.doc.Statements {
		if st.Resource == nil {
			continue
		}
		for i, item := range st.Resource.Items {
			if !strings.HasPrefix(item.Text, "arn:") {
				continue // "*", or API Gateway's execute-api:/... shorthand
			}
			fields, ok := policy.SplitARN(withoutVariables(c.completeARN(item.Text, c.doc.HasVariables()), c.doc.HasVariables()))
			if !ok {
				continue // arn-malformed reports it
			}
			if msg := arnFieldProblem(fields); msg != "" {
				c.reportValue(item, listPath(st, st.Resource, "Resource", i), "Resource %q: %s", item.Text, msg)
			}
		}
	}
}

// arnFieldProblem says what is wrong with the fields of an ARN, or "".
// Fields with a wildcard or a variable are not checked.
func arnFieldProblem(f [policy.ARNFields]string) string {
	fixed := func(s string) bool { return s != "" && !strings.ContainsAny(s, "*?$") }
	partition, service, region, account := f[1], f[2], f[3], f[4]
	switch {
	case fixed(partition) && !partitions[partition]:
		return fmt.Sprintf("%q is not an AWS partition (aws, aws-cn, aws-us-gov, ...)", partition)
	case fixed(service) && strings.ToLower(service) != service:
		return fmt.Sprintf("service %q must be lower case (%q)", service, strings.ToLower(service))
	case fixed(region) && !isRegionCode(region):
		return fmt.Sprintf("%q is not a Region code such as us-east-1", region)
	case fixed(account) && account != "aws" && !policy.IsAccountID(account):
		return fmt.Sprintf("account %q is not a 12-digit account ID", account)
	}
	return ""
}

// isRegionCode reports whether s has the form of a Region code: letters
// in groups joined by hyphens, then a number (us-east-1, us-gov-west-1,
// eusc-de-east-1).
func isRegionCode(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts[:len(parts)-1] {
		if p == "" || strings.Trim(p, "abcdefghijklmnopqrstuvwxyz") != "" {
			return false
		}
	}
	last := parts[len(parts)-1]
	return last != "" && strings.Trim(last, "0123456789") == ""
}

// withoutVariables replaces each policy variable of s with *, so that the
// colons of ${aws:username} do not split ARN fields.
func withoutVariables(s string, variables bool) string {
	t, err := policy.ParseTemplate(s, variables)
	if err != nil {
		return s
	}
	var b strings.Builder
	for _, seg := range t {
		if seg.Kind == policy.SegmentVariable {
			b.WriteString("*")
		} else {
			b.WriteString(seg.Text)
		}
	}
	return b.String()
}
