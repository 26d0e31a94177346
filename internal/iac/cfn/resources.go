package cfn

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// A docProp is a property of a resource type that holds a policy
// document, as the type's page of the CloudFormation Template Reference
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html)
// documents it.
type docProp struct {
	// path leads to the document from Properties: {"KeyPolicy"},
	// {"ResourcePolicy", "PolicyDocument"}.
	path []string
	kind policy.Kind
	// own is set when the document is what the resource is for (an
	// AWS::IAM::ManagedPolicy, a bucket policy): its Policy.Path is "".
	own bool
	// list is set for a list of {PolicyName, PolicyDocument}, an IAM
	// principal's inline Policies.
	list bool
	// nameProp is the property that names the policy.
	nameProp string
}

// docProps lists, per resource type, the properties read as policies.
// docs/iac-cloudformation.md has the same table for users.
var docProps = map[string][]docProp{
	"AWS::IAM::Policy":        {{path: p("PolicyDocument"), kind: policy.Identity, own: true, nameProp: "PolicyName"}},
	"AWS::IAM::ManagedPolicy": {{path: p("PolicyDocument"), kind: policy.Identity, own: true, nameProp: "ManagedPolicyName"}},
	"AWS::IAM::RolePolicy":    {{path: p("PolicyDocument"), kind: policy.Identity, own: true, nameProp: "PolicyName"}},
	"AWS::IAM::UserPolicy":    {{path: p("PolicyDocument"), kind: policy.Identity, own: true, nameProp: "PolicyName"}},
	"AWS::IAM::GroupPolicy":   {{path: p("PolicyDocument"), kind: policy.Identity, own: true, nameProp: "PolicyName"}},
	"AWS::IAM::Role": {
		{path: p("AssumeRolePolicyDocument"), kind: policy.Trust},
		{path: p("Policies"), kind: policy.Identity, list: true},
	},
	"AWS::IAM::User":  {{path: p("Policies"), kind: policy.Identity, list: true}},
	"AWS::IAM::Group": {{path: p("Policies"), kind: policy.Identity, list: true}},

	"AWS::S3::BucketPolicy":                 own("PolicyDocument"),
	"AWS::S3Express::BucketPolicy":          own("PolicyDocument"),
	"AWS::S3Outposts::BucketPolicy":         own("PolicyDocument"),
	"AWS::S3::AccessPoint":                  prop("Policy"),
	"AWS::S3::MultiRegionAccessPointPolicy": own("Policy"),
	"AWS::S3Express::AccessPoint":           prop("Policy"),
	"AWS::S3Tables::TableBucketPolicy":      own("ResourcePolicy"),
	"AWS::SQS::QueuePolicy":                 own("PolicyDocument"),
	"AWS::SQS::QueueInlinePolicy":           own("PolicyDocument"),
	"AWS::SNS::TopicPolicy":                 own("PolicyDocument"),
	"AWS::SNS::TopicInlinePolicy":           own("PolicyDocument"),
	"AWS::KMS::Key":                         prop("KeyPolicy"),
	"AWS::KMS::ReplicaKey":                  prop("KeyPolicy"),
	"AWS::SecretsManager::ResourcePolicy":   own("ResourcePolicy"),
	"AWS::ECR::Repository":                  prop("RepositoryPolicyText"),
	"AWS::ECR::PublicRepository":            prop("RepositoryPolicyText"),
	"AWS::ECR::RegistryPolicy":              own("PolicyText"),
	"AWS::Logs::ResourcePolicy":             {{path: p("PolicyDocument"), kind: policy.Resource, own: true, nameProp: "PolicyName"}},
	"AWS::Logs::Destination":                prop("DestinationPolicy"),
	"AWS::ApiGateway::RestApi":              prop("Policy"),
	"AWS::EFS::FileSystem":                  prop("FileSystemPolicy"),
	"AWS::Backup::BackupVault":              prop("AccessPolicy"),
	"AWS::CodeArtifact::Domain":             prop("PermissionsPolicyDocument"),
	"AWS::CodeArtifact::Repository":         prop("PermissionsPolicyDocument"),
	"AWS::Events::EventBus":                 prop("Policy"),
	"AWS::OpenSearchService::Domain":        prop("AccessPolicies"),
	"AWS::Elasticsearch::Domain":            prop("AccessPolicies"),
	"AWS::Glacier::Vault":                   prop("AccessPolicy"),
	"AWS::DynamoDB::Table":                  prop("ResourcePolicy", "PolicyDocument"),
	"AWS::Kinesis::ResourcePolicy":          own("ResourcePolicy"),
	"AWS::EC2::VPCEndpoint":                 {{path: p("PolicyDocument"), kind: policy.Endpoint}},
	"AWS::SSO::PermissionSet":               {{path: p("InlinePolicy"), kind: policy.Identity}},
}

func p(path ...string) []string { return path }

// own is a resource whose one document is what it is for.
func own(name string) []docProp {
	return []docProp{{path: p(name), kind: policy.Resource, own: true}}
}

// prop is a resource policy held in a property of another resource.
func prop(path ...string) []docProp {
	return []docProp{{path: path, kind: policy.Resource}}
}

// reader collects the policies of one template.
type reader struct {
	t   *template
	set *policydoc.Set
	// docs lists, per logical ID, the indexes of its policies by path.
	docs map[string]map[string]int
	// constructs are the CDK construct paths of the resources.
	constructs map[string]string
}

// deployed reports whether a resource is created: it has no Condition
// or its condition holds. An undecidable condition is an error.
func (rd *reader) deployed(r *resource) bool {
	if r.cond == "" {
		return true
	}
	holds, ok := rd.t.conditionHolds(r.cond, lookup(r.node, "Condition"), top)
	return ok && holds
}

// readResource adds the policies of one resource.
func (rd *reader) readResource(r *resource) {
	switch r.typ {
	case "AWS::Organizations::Policy":
		rd.readOrganizationsPolicy(r)
		return
	case "AWS::Events::EventBusPolicy":
		rd.readEventBusPolicy(r)
		return
	}
	for _, dp := range docProps[r.typ] {
		n := r.props
		for _, k := range dp.path {
			n = lookup(n, k)
		}
		if n == nil {
			continue
		}
		path := joinPath(dp.path)
		if dp.list {
			rd.readList(r, n, path, dp.kind)
			continue
		}
		if dp.own {
			path = ""
		}
		name := ""
		if dp.nameProp != "" {
			name = rd.name(r.prop(dp.nameProp))
		}
		if i := rd.add(r, path, name, dp.kind, n, top); i >= 0 && dp.kind == policy.Resource {
			rd.set.Policies[i].Targets = rd.targets(r)
		}
	}
}

// targetProps are, per resource type, the property that names the
// resources a resource policy is attached to, and how one of its values
// becomes an ARN: a bucket's name, a queue's URL, a topic's or secret's
// ARN (the types' pages of the CloudFormation Template Reference).
var targetProps = map[string]struct {
	prop string
	arn  func(partition, v string) string
}{
	"AWS::S3::BucketPolicy": {"Bucket", func(p, v string) string { return "arn:" + p + ":s3:::" + v }},
	"AWS::SQS::QueuePolicy": {"Queues", policydoc.QueueARN},
	"AWS::SNS::TopicPolicy": {"Topics", func(_, v string) string { return v }},
	"AWS::SecretsManager::ResourcePolicy": {"SecretId", func(_, v string) string {
		if strings.HasPrefix(v, "arn:") {
			return v
		}
		return "" // a secret's name: its ARN ends in a suffix Secrets Manager chooses
	}},
}

// targets returns the ARNs of the resources r's policy is attached to
// that the template determines: none that holds a placeholder.
func (rd *reader) targets(r *resource) []string {
	tp, ok := targetProps[r.typ]
	if !ok {
		return nil
	}
	n := r.prop(tp.prop)
	if n == nil {
		return nil
	}
	v, ok := rd.t.eval(n, top, 0)
	if !ok {
		return nil
	}
	values := []*val{v}
	if v.kind == kList {
		values = v.items
	}
	partition := rd.t.pseudoString("AWS::Partition")
	var arns []string
	for _, item := range values {
		s, ok := item.str()
		if !ok || policy.HasPlaceholder(s) {
			continue
		}
		if arn := tp.arn(partition, s); arn != "" {
			arns = append(arns, arn)
		}
	}
	return arns
}

func joinPath(path []string) string {
	s := path[0]
	for _, k := range path[1:] {
		s += "." + k
	}
	return s
}

// readList reads a principal's inline Policies: a list of
// {PolicyName, PolicyDocument}.
func (rd *reader) readList(r *resource, n *yaml.Node, path string, kind policy.Kind) {
	list, ok := rd.t.eval(n, top, 0)
	if !ok {
		return
	}
	if list.kind != kList {
		rd.t.fail(n, top, "%s should be a list, not %s", path, describe(list))
		return
	}
	for i, v := range list.items {
		doc := v.get("PolicyDocument")
		if doc == nil {
			rd.t.errs = append(rd.t.errs, rd.t.errAt(v.at, fmt.Sprintf("%s[%d] has no PolicyDocument", path, i)))
			continue
		}
		name, _ := v.get("PolicyName").str()
		rd.addVal(r, fmt.Sprintf("%s[%d]", path, i), name, kind, doc)
	}
}

// name returns the resolved text of a naming property, or "".
func (rd *reader) name(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	v, ok := rd.t.eval(n, top, 0)
	if !ok {
		return ""
	}
	s, _ := v.str()
	return s
}

// add resolves the document at node n and adds it.
func (rd *reader) add(r *resource, path, name string, kind policy.Kind, n *yaml.Node, sc *scope) int {
	v, ok := rd.t.document(n, sc)
	if !ok || v.kind == kNoValue {
		return -1
	}
	return rd.addVal(r, path, name, kind, v)
}

// addVal adds a resolved document; a string is read as JSON.
func (rd *reader) addVal(r *resource, path, name string, kind policy.Kind, v *val) int {
	if v.kind == kString {
		var ok bool
		if v, ok = rd.t.jsonDocument(v); !ok {
			return -1
		}
	}
	if v.kind != kMap {
		rd.t.errs = append(rd.t.errs, rd.t.errAt(v.at, fmt.Sprintf("a policy document should be a mapping or a JSON string, not %s", describe(v))))
		return -1
	}
	var w policydoc.Writer
	rd.t.write(&w, v)
	doc, spans := w.Bytes()
	pol := policydoc.Policy{
		File: rd.t.name, Text: rd.t.src, Resource: r.id, Type: r.typ, Path: path, PolicyName: name,
		Kind: kind, Doc: doc, Spans: spans, Pos: rd.t.pos(v.at), Placeholders: placeholders(doc),
	}
	rd.set.Policies = append(rd.set.Policies, pol)
	i := len(rd.set.Policies) - 1
	if rd.docs[r.id] == nil {
		rd.docs[r.id] = map[string]int{}
	}
	rd.docs[r.id][path] = i
	return i
}

// placeholders returns the names of the placeholders in a document,
// each once.
func placeholders(doc []byte) []string {
	var names []string
	seen := map[string]bool{}
	for _, n := range policydoc.PlaceholderNames(string(doc)) {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return names
}

// readOrganizationsPolicy reads an AWS::Organizations::Policy: Content is
// an SCP or an RCP by Type; the other types (tag, backup, AI opt-out,
// chatbot policies) are not IAM policies and are left out
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-organizations-policy.html).
func (rd *reader) readOrganizationsPolicy(r *resource) {
	content := r.prop("Content")
	if content == nil {
		return
	}
	var kind policy.Kind
	switch ty := rd.name(r.prop("Type")); ty {
	case "SERVICE_CONTROL_POLICY":
		kind = policy.SCP
	case "RESOURCE_CONTROL_POLICY":
		kind = policy.RCP
	default:
		return
	}
	rd.add(r, "", rd.name(r.prop("Name")), kind, content, top)
}

// readEventBusPolicy reads an AWS::Events::EventBusPolicy, whose
// Statement is one statement of the event bus's resource policy
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-events-eventbuspolicy.html);
// the document written holds it under the Version EventBridge writes.
// The older Action, Principal and Condition properties are left out.
func (rd *reader) readEventBusPolicy(r *resource) {
	n := r.prop("Statement")
	if n == nil {
		return
	}
	st, ok := rd.t.eval(n, top, 0)
	if ok && st.kind == kString {
		// Statement may be written as the JSON text of the statement.
		st, ok = rd.t.jsonDocument(st)
	}
	if !ok {
		return
	}
	key := rd.t.content(keyNode(r.props, "Statement"))
	doc := &val{kind: kMap, at: st.at, keys: []mapKey{{"Version", key}, {"Statement", key}},
		items: []*val{strVal("2012-10-17", key), st}}
	rd.addVal(r, "", rd.name(r.prop("StatementId")), policy.Resource, doc)
}

// keyNode returns the key node of key k of the mapping n, or nil.
func keyNode(n *yaml.Node, k string) *yaml.Node {
	n = deref(n)
	for i := 0; n != nil && i+1 < len(n.Content); i += 2 {
		if key := deref(n.Content[i]); key.Value == k {
			return key
		}
	}
	return nil
}
