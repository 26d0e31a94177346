package cli

import "testing"

// TestFlagValueErrors checks that a flag value iamsim refuses is reported
// as the flag's, in one form for every command: `iamsim: --flag "value":
// what it wants`, with exit 2.
func TestFlagValueErrors(t *testing.T) {
	const (
		user     = "arn:aws:iam::111111111111:user/org-admin"
		policy   = "testdata/hostile/policy.json"
		resource = "arn:aws:s3:::b/k"
	)
	eval := func(args ...string) []string {
		return append([]string{"eval", "--principal", user, "--action", "s3:GetObject", "--resource", resource, "--identity", policy}, args...)
	}
	can := func(args ...string) []string {
		return append([]string{"can", "--account-details", validExport, "--principal", user}, args...)
	}
	whoCan := func(args ...string) []string {
		return append([]string{"who-can", "--account-details", validExport}, args...)
	}
	custom := func(args ...string) []string {
		return append([]string{"simulate-custom-policy", "--policy-input-list", "file://" + policy}, args...)
	}
	principal := func(args ...string) []string {
		return append([]string{"simulate-principal-policy", "--account-details", validExport}, args...)
	}
	const (
		principalWant  = `want an IAM user, role, role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), federated user or root ARN, a service principal such as s3.amazonaws.com, "*" for anonymous, a saml-provider ARN, or an OIDC provider host`
		loadedWant     = "want the ARN of a user, role, role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) or account root"
		actionWant     = "an action is service:ActionName, without wildcards"
		resourceWant   = `a resource is an ARN (arn:partition:service:region:account:resource) or "*"`
		accountWant    = "want a 12-digit account ID"
		roleSessionARN = "arn:aws:sts::111111111111:assumed-role/dev/s"
	)
	cases := []cliCase{
		{name: "eval --resource-account", args: eval("--resource-account", "aws"), wantStderr: `iamsim: --resource-account "aws": ` + accountWant + "\n"},
		{name: "eval --management-account", args: eval("--management-account", "1234"), wantStderr: `iamsim: --management-account "1234": ` + accountWant + "\n"},
		{name: "eval --principal", args: []string{"eval", "--principal", "bob", "--action", "s3:GetObject", "--resource", "*", "--identity", policy},
			wantStderr: `iamsim: --principal "bob": ` + principalWant + "\n"},
		{name: "eval --action", args: []string{"eval", "--principal", user, "--action", "s3", "--resource", "*", "--identity", policy},
			wantStderr: `iamsim: --action "s3": ` + actionWant + "\n"},
		{name: "eval --resource", args: []string{"eval", "--principal", user, "--action", "s3:GetObject", "--resource", "b/k", "--identity", policy},
			wantStderr: `iamsim: --resource "b/k": ` + resourceWant + "\n"},
		{name: "eval --role-arn", args: []string{"eval", "--principal", roleSessionARN, "--action", "s3:GetObject", "--resource", "*", "--identity", policy, "--role-arn", "arn:aws:iam::111111111111:role/ops"},
			wantStderr: `iamsim: --role-arn "arn:aws:iam::111111111111:role/ops": want the ARN of role "dev" in account 111111111111 (arn:aws:iam::111111111111:role/dev, with the role's path if it has one)` + "\n"},
		{name: "eval --expect", args: eval("--expect", "yes"), wantStderr: `iamsim: --expect "yes": want allowed, explicitDeny or implicitDeny` + "\n"},
		{name: "eval --expect with a policy word", args: eval("--expect", "Allow"),
			wantStderr: `iamsim: --expect "Allow": want allowed, explicitDeny or implicitDeny; did you mean allowed?` + "\n"},
		{name: "eval --format", args: eval("--format", "xml"), wantStderr: `iamsim: --format "xml": want text, json or aws` + "\n"},
		{name: "can --resource-account", args: can("--resource", resource, "--resource-account", "aws"), wantStderr: `iamsim: --resource-account "aws": ` + accountWant + "\n"},
		{name: "can --resource", args: can("--resource", "b/k"), wantStderr: `iamsim: --resource "b/k": ` + resourceWant + "\n"},
		{name: "can --principal", args: []string{"can", "--account-details", validExport, "--principal", "bob"}, wantStderr: `iamsim: --principal "bob": ` + loadedWant + "\n"},
		{name: "who-can --action", args: whoCan("--action", "s3", "--resource", resource), wantStderr: `iamsim: --action "s3": ` + actionWant + "\n"},
		{name: "who-can --resource-account", args: whoCan("--action", "s3:GetObject", "--resource", resource, "--resource-account", "aws"),
			wantStderr: `iamsim: --resource-account "aws": ` + accountWant + "\n"},
		{name: "simulate-custom-policy --caller-arn", args: custom("--action-names", "s3:GetObject", "--caller-arn", "bob"), wantStderr: `iamsim: --caller-arn "bob": ` + principalWant + "\n"},
		{name: "simulate-custom-policy --action-names", args: custom("--action-names", "s3"), wantStderr: `iamsim: --action-names "s3": ` + actionWant + "\n"},
		// simulate-* take no SCPs, so they have no management account.
		{name: "simulate-custom-policy --management-account", args: custom("--action-names", "s3:GetObject", "--management-account", "aws"),
			wantStderr: "iamsim: simulate-custom-policy: unknown flag --management-account (iamsim simulate-custom-policy --help lists the flags)\n"},
		{name: "simulate-principal-policy --policy-source-arn", args: principal("--policy-source-arn", "bob", "--action-names", "s3:GetObject"),
			wantStderr: `iamsim: --policy-source-arn "bob": ` + loadedWant + "\n"},
		{name: "simulate-principal-policy --resource-arns", args: principal("--policy-source-arn", user, "--action-names", "s3:GetObject", "--resource-arns", "b/k"),
			wantStderr: `iamsim: --resource-arns "b/k": ` + resourceWant + "\n"},
		{name: "lint --format", args: []string{"lint", "--format", "xml", policy}, wantStderr: `iamsim: --format "xml": want text, json, sarif, github or markdown` + "\n"},
		{name: "lint --type", args: []string{"lint", "--type", "group", policy}, wantStderr: `iamsim: --type "group": want identity, resource, trust, boundary, session, scp, rcp or endpoint` + "\n"},
		{name: "lint --fail-on", args: []string{"lint", "--fail-on", "high", policy}, wantStderr: `iamsim: --fail-on "high": want error, warning or note` + "\n"},
		{name: "test --run", args: []string{"test", "--run", "(", "testdata/cases"}, wantStderr: `iamsim: --run "(": not a regular expression: missing closing )` + "\n"},
		{name: "test --format", args: []string{"test", "--format", "xml", "testdata/cases"}, wantStderr: `iamsim: --format "xml": want text, junit, github or markdown` + "\n"},
		{name: "expand --format", args: []string{"expand", "--format", "xml", "s3:Get*"}, wantStderr: `iamsim: --format "xml": want text or json` + "\n"},
		{name: "eval --identity with no such file", args: []string{"eval", "--principal", user, "--action", "s3:GetObject", "--resource", "*", "--identity", "s3:GetObject"},
			wantStderr: "iamsim: s3:GetObject: no such file or directory (--identity takes a policy file, inline JSON starting with {, - for standard input, or an AWS managed policy ARN)\n"},
		{name: "a size too large to count", args: []string{"--max-file-size", "99999999999GiB", "lint", policy},
			wantStderr: `iamsim: --max-file-size "99999999999GiB": too large: a size is at most 8 EiB` + "\n"},
		{name: "a limit", args: []string{"lint", "--max-depth", "deep", policy}, wantStderr: `iamsim: --max-depth "deep": want a whole number` + "\n"},
		{name: "--context-entries as JSON", args: eval("--context-entries", `[{"ContextKeyName": "aws:SourceIp",}]`),
			wantStderr: "iamsim: --context-entries:1:35: trailing comma before }: JSON allows no comma after the last entry\n"},
		// AWS's ContextEntry takes twelve types, spelled as its API
		// reference spells them, and a batch line refuses any other.
		{name: "--context-entries with an unknown type", args: eval("--context-entries", "ContextKeyName=aws:MultiFactorAuthAge,ContextKeyValues=3600,ContextKeyType=int"),
			wantStderr: `iamsim: --context-entries "ContextKeyName=aws:MultiFactorAuthAge,ContextKeyValues=3600,ContextKeyType=int": context key "aws:MultiFactorAuthAge": ` +
				`unknown context key type "int" (want string, numeric, boolean, ip, binary or date, or one of them with List)` + "\n"},
		{name: "--context-entries with a type in another case", args: eval("--context-entries", "ContextKeyName=aws:TagKeys,ContextKeyValues=a,b,ContextKeyType=StringList"),
			wantStderr: `iamsim: --context-entries "ContextKeyName=aws:TagKeys,ContextKeyValues=a,b,ContextKeyType=StringList": context key "aws:TagKeys": ` +
				`unknown context key type "StringList" (want string, numeric, boolean, ip, binary or date, or one of them with List)` + "\n"},
		{name: "--context-entries with a value not of its type", args: eval("--context-entries", `[{"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["home"], "ContextKeyType": "ip"}]`),
			wantStderr: `iamsim: --context-entries "[{\"ContextKeyName\": \"aws:SourceIp\", \"ContextKeyValues\": [\"home\"], \"ContextKeyType\": \"ip\"}]": context key "aws:SourceIp": "home" is not a valid ip` + "\n"},
		{name: "--context-entries with two values of a single type", args: eval("--context-entries", "ContextKeyName=aws:SourceIp,ContextKeyValues=203.0.113.5,203.0.113.6,ContextKeyType=ip"),
			wantStderr: `iamsim: --context-entries "ContextKeyName=aws:SourceIp,ContextKeyValues=203.0.113.5,203.0.113.6,ContextKeyType=ip": context key "aws:SourceIp": type ip takes one value, not 2 (use ipList)` + "\n"},
	}
	for i := range cases {
		cases[i].wantCode = ExitInput
	}
	runCases(t, cases)
}
