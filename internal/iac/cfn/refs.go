package cfn

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/source"

	"github.com/iamsim/iamsim/internal/textdist"
)

// ref resolves Ref name: a SAM policy template's parameter, a pseudo
// parameter, a template parameter or a resource.
func (t *template) ref(name string, at int, sc *scope) (*val, bool) {
	if v, ok := sc.refs[name]; ok {
		return v, true
	}
	if strings.HasPrefix(name, "AWS::") {
		return t.pseudo(name, at)
	}
	if p, ok := t.params[name]; ok {
		return t.paramValue(name, p, at)
	}
	if _, ok := t.resources[name]; ok {
		return t.attribute(name, "", at, sc)
	}
	if t.implicit(name) != nil {
		return strVal(t.valueOf(name), at), true
	}
	return t.unknownName(name, at, "Ref")
}

// unknownName reports a Ref or Fn::GetAtt of a name the template does
// not define.
func (t *template) unknownName(name string, at int, fn string) (*val, bool) {
	names := slices.Clone(t.order)
	what := "a resource"
	if fn == "Ref" {
		for p := range t.params {
			names = append(names, p)
		}
		what = "a parameter or resource"
	}
	sort.Strings(names)
	msg := fmt.Sprintf("%s to %q, which is not %s of this template", fn, name, what)
	if near := textdist.Nearest(name, names); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return t.failAt(at, "%s", msg)
}

// The pseudo parameters
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html).
// AWS::Partition and AWS::URLSuffix follow the region when Values gives
// one, and are the commercial partition's otherwise; the others are
// placeholders unless Values gives them.
func (t *template) pseudo(name string, at int) (*val, bool) {
	if v, ok := t.opts.Values[name]; ok {
		return strVal(v, at), true
	}
	region := t.opts.Values["AWS::Region"]
	switch name {
	case "AWS::NoValue":
		return &val{kind: kNoValue, at: at}, true
	case "AWS::Partition":
		switch {
		case strings.HasPrefix(region, "cn-"):
			return strVal("aws-cn", at), true
		case strings.HasPrefix(region, "us-gov-"):
			return strVal("aws-us-gov", at), true
		}
		return strVal("aws", at), true
	case "AWS::URLSuffix":
		if strings.HasPrefix(region, "cn-") {
			return strVal("amazonaws.com.cn", at), true
		}
		return strVal("amazonaws.com", at), true
	case "AWS::AccountId", "AWS::Region", "AWS::StackName", "AWS::StackId":
		return placeholderVal(name, at), true
	case "AWS::NotificationARNs":
		return &val{kind: kList, at: at, items: []*val{placeholderVal(name, at)}}, true
	}
	return t.failAt(at, "unknown pseudo parameter %s", name)
}

// pseudoString returns a pseudo parameter's value as text, for the ARNs
// built here.
func (t *template) pseudoString(name string) string {
	v, _ := t.pseudo(name, 0)
	return v.s
}

// paramValue returns a template parameter's value: from Values, else its
// Default, else a placeholder named after it. A list type's value is a
// list; an SSM parameter type's value is read from Parameter Store at
// deploy, so its Default (the parameter's name) is not its value.
func (t *template) paramValue(name string, p *param, at int) (*val, bool) {
	s, given := t.opts.Values[name]
	if !given && p.def != nil && !strings.HasPrefix(p.typ, "AWS::SSM::Parameter::Value") {
		d := deref(p.def)
		if d.Kind == yaml.SequenceNode {
			v := &val{kind: kList, at: at}
			for _, c := range d.Content {
				v.items = append(v.items, strVal(deref(c).Value, at))
			}
			return v, true
		}
		if d.Kind != yaml.ScalarNode {
			return t.fail(d, top, "the Default of parameter %s should be a value, not %s", name, source.NodeKind(d))
		}
		s, given = d.Value, true
	}
	if !given {
		s = "{{" + name + "}}"
	}
	if strings.HasPrefix(p.typ, "List<") || p.typ == "CommaDelimitedList" || strings.HasPrefix(p.typ, "AWS::SSM::Parameter::Value<List<") {
		v := &val{kind: kList, at: at}
		if !given {
			v.unknown = name
		}
		for _, part := range strings.Split(s, ",") {
			v.items = append(v.items, strVal(strings.TrimSpace(part), at))
		}
		return v, true
	}
	return strVal(s, at), true
}

// implicit returns, for the logical ID of a role SAM creates for a
// function or state machine (<Function>Role), that function; else nil.
func (t *template) implicit(id string) *resource {
	base, ok := strings.CutSuffix(id, "Role")
	if !ok || !t.sam {
		return nil
	}
	if r, ok := t.resources[base]; ok && isServerless(r.typ) && r.prop("Role") == nil {
		return r
	}
	return nil
}

// attribute resolves Ref (attr "") or Fn::GetAtt of a resource.
func (t *template) attribute(id, attr string, at int, sc *scope) (*val, bool) {
	r, ok := t.resources[id]
	if !ok {
		if t.implicit(id) != nil {
			return strVal(t.valueOf(id+"."+attr), at), true
		}
		return t.unknownName(id, at, "Fn::GetAtt")
	}
	if v, done := r.attrs[attr]; done {
		if v == nil {
			return nil, false
		}
		return relocate(v, at), true
	}
	if r.busy[attr] {
		return t.failAt(at, "%s refers to itself", refName(id, attr))
	}
	r.busy[attr] = true
	s, known, ok := t.resourceValue(r, attr)
	delete(r.busy, attr)
	if !ok {
		r.attrs[attr] = nil
		return nil, false
	}
	if !known {
		s = t.valueOf(refName(id, attr))
	}
	r.attrs[attr] = strVal(s, at)
	return strVal(s, at), true
}

func refName(id, attr string) string {
	if attr == "" {
		return id
	}
	return id + "." + attr
}

// relocate returns a copy of a memoized value placed at at.
func relocate(v *val, at int) *val {
	c := *v
	c.at = at
	return &c
}

// arnRule says how the Ref value and attributes of one resource type
// follow from its name, as the resource's "Return values" section in the
// CloudFormation Template Reference documents them
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html).
type arnRule struct {
	nameProp string
	// values maps "" (Ref) and attribute names to a function of the
	// resolved name (without nameProp, a placeholder named after the
	// logical ID), partition, region, account and path.
	values map[string]func(a arnParts) string
}

type arnParts struct{ name, partition, region, account, urlSuffix, path string }

var iamPath = func(kind string) func(a arnParts) string {
	return func(a arnParts) string {
		return "arn:" + a.partition + ":iam::" + a.account + ":" + kind + a.path + a.name
	}
}

// regional returns the ARN of a regional service's resource: the name
// after the resource type ("function:", "table/"; nothing for SQS and
// SNS, whose resource is the name).
func regional(service, typ string) func(a arnParts) string {
	return func(a arnParts) string {
		return "arn:" + a.partition + ":" + service + ":" + a.region + ":" + a.account + ":" + typ + a.name
	}
}

func queueURL(a arnParts) string {
	return "https://sqs." + a.region + "." + a.urlSuffix + "/" + a.account + "/" + a.name
}

func nameOnly(a arnParts) string { return a.name }

var (
	lambda = arnRule{"FunctionName", map[string]func(arnParts) string{"": nameOnly, "Arn": regional("lambda", "function:")}}
	dynamo = arnRule{"TableName", map[string]func(arnParts) string{"": nameOnly, "Arn": regional("dynamodb", "table/")}}
)

// arnRules covers the types whose ARNs policies most often name. An
// attribute left out is a placeholder.
var arnRules = map[string]arnRule{
	// aws-resource-s3-bucket.html#aws-resource-s3-bucket-return-values
	"AWS::S3::Bucket": {"BucketName", map[string]func(arnParts) string{
		"":           nameOnly,
		"Arn":        func(a arnParts) string { return "arn:" + a.partition + ":s3:::" + a.name },
		"DomainName": func(a arnParts) string { return a.name + ".s3." + a.urlSuffix },
	}},
	// aws-resource-iam-role.html, -user.html, -group.html: Ref is the
	// name, Arn is arn:aws:iam::account:role/path/name.
	"AWS::IAM::Role":  {"RoleName", map[string]func(arnParts) string{"": nameOnly, "Arn": iamPath("role")}},
	"AWS::IAM::User":  {"UserName", map[string]func(arnParts) string{"": nameOnly, "Arn": iamPath("user")}},
	"AWS::IAM::Group": {"GroupName", map[string]func(arnParts) string{"": nameOnly, "Arn": iamPath("group")}},
	// aws-resource-iam-managedpolicy.html: Ref is the ARN.
	"AWS::IAM::ManagedPolicy": {"ManagedPolicyName", map[string]func(arnParts) string{"": iamPath("policy"), "PolicyArn": iamPath("policy")}},
	// aws-resource-sqs-queue.html: Ref is the queue URL.
	"AWS::SQS::Queue": {"QueueName", map[string]func(arnParts) string{
		"": queueURL, "QueueUrl": queueURL, "Arn": regional("sqs", ""), "QueueName": nameOnly,
	}},
	// aws-resource-sns-topic.html: Ref is the ARN.
	"AWS::SNS::Topic": {"TopicName", map[string]func(arnParts) string{
		"": regional("sns", ""), "TopicArn": regional("sns", ""), "TopicName": nameOnly,
	}},
	// aws-resource-kms-key.html: Ref is the key ID, which KMS chooses: the
	// placeholder named after the key's logical ID.
	"AWS::KMS::Key": {"", map[string]func(arnParts) string{"": nameOnly, "KeyId": nameOnly, "Arn": regional("kms", "key/")}},
	// aws-resource-dynamodb-table.html, aws-resource-lambda-function.html
	"AWS::DynamoDB::Table":          dynamo,
	"AWS::Serverless::SimpleTable":  dynamo,
	"AWS::Lambda::Function":         lambda,
	"AWS::Serverless::Function":     lambda,
	"AWS::SecretsManager::Secret":   {"", nil}, // Ref is the ARN, which ends in six random characters
	"AWS::CloudFormation::Stack":    {"", nil},
	"AWS::Serverless::StateMachine": {"", nil},
}

// resourceValue returns the Ref value (attr "") or attribute of a
// resource where its properties determine it; known is false where they
// do not. ok is false when reading a property recorded a problem.
func (t *template) resourceValue(r *resource, attr string) (s string, known, ok bool) {
	rule, found := arnRules[r.typ]
	if !found || rule.values[attr] == nil {
		return "", false, true
	}
	parts := arnParts{
		partition: t.pseudoString("AWS::Partition"),
		region:    t.pseudoString("AWS::Region"),
		account:   t.pseudoString("AWS::AccountId"),
		urlSuffix: t.pseudoString("AWS::URLSuffix"),
		path:      "/",
		name:      t.valueOf(r.id),
	}
	if rule.nameProp != "" {
		n := r.prop(rule.nameProp)
		if n == nil {
			return "", false, true
		}
		v, ok := t.evalString(n, top, 0, rule.nameProp+" of "+r.id)
		if !ok {
			return "", false, false
		}
		parts.name = v.s
		if p := r.prop("Path"); p != nil {
			pv, ok := t.evalString(p, top, 0, "Path of "+r.id)
			if !ok {
				return "", false, false
			}
			parts.path = pv.s
		}
	}
	return rule.values[attr](parts), true, true
}
