// Package policydoc is what the readers of infrastructure code
// (CloudFormation, SAM and CDK templates; Terraform) find in it: policy
// documents written as JSON, each placed in the user's own file by a
// source map, and the users, roles and groups that carry them. The rest
// of iamsim reads these documents as it reads policy files, so every
// position it prints is a line and column of the template or .tf file.
package policydoc

import (
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// A Policy is one policy document found in infrastructure code.
type Policy struct {
	// File names the file the document is written in, as positions name
	// it, and Text is that file's content: a template, a .tf file, or a
	// policy file a template reads (Terraform's file()).
	File string
	Text []byte
	// Resource is the resource that holds the document: a logical ID
	// ("AppRole") or a Terraform address ("aws_iam_role.app",
	// "data.aws_iam_policy_document.assume", "module.net.aws_iam_policy.p").
	Resource string
	// Type is that resource's type: "AWS::IAM::Role", "aws_iam_role",
	// "aws_iam_policy_document".
	Type string
	// Path is where the document stands within the resource, in the
	// resource's own property names: "Policies[0]",
	// "AssumeRolePolicyDocument", "inline_policy[0]", "" when the
	// resource is the document (an AWS::IAM::ManagedPolicy's
	// PolicyDocument, an aws_iam_policy_document).
	Path string
	// PolicyName is the policy's own name where the code gives one
	// (PolicyName, ManagedPolicyName, a Terraform name attribute).
	PolicyName string
	// Construct is, for a template CDK synthesized, the path of the
	// construct that made the resource ("IngestStack/Handler/ServiceRole"),
	// which CDK users know it by; "" otherwise.
	Construct string
	// Kind is the kind of policy the property holds: Identity for a
	// role's inline policy, Trust for AssumeRolePolicyDocument, Resource
	// for a bucket policy, SCP or RCP by an Organizations policy's type.
	Kind policy.Kind
	// KindDetected says no property gives the kind (a Terraform
	// aws_iam_policy_document no resource uses): Kind is what
	// policy.DetectKind finds in the document, and output says so.
	KindDetected bool
	// Doc is the document as JSON, every value resolved that could be
	// (parameters, variables, Fn::Sub, jsonencode); Spans place it in Text.
	Doc   []byte
	Spans []policy.Span
	// Pos is where the document starts in File.
	Pos policy.Pos
	// Placeholders are the values Doc holds that are unknown until
	// deploy, each written in Doc as Placeholder(name).
	Placeholders []string
	// Targets are, for a resource-based policy, the ARNs of the resources
	// it is attached to (a bucket policy's bucket), when the code
	// determines them.
	Targets []string
}

// Name names the policy in output: its resource and path,
// "AppRole.Policies[0]", or the resource alone.
func (p *Policy) Name() string {
	if p.Path == "" {
		return p.Resource
	}
	return p.Resource + "." + p.Path
}

// Label names the policy for people: its Name, with the CDK construct
// that made it when there is one ("Stack.RoleABC.Policies[0] (construct
// Stack/Handler/ServiceRole)").
func (p *Policy) Label() string {
	if p.Construct == "" {
		return p.Name()
	}
	return p.Name() + " (construct " + strings.TrimSuffix(p.Construct, "/Resource") + ")"
}

// Locator returns the Locator that parses the document, within limits,
// with every position in File.
func (p *Policy) Locator(limits policy.Limits) *policy.Locator {
	return limits.NewMappedLocator(p.File, p.Text, p.Doc, p.Spans)
}

// Placeholder returns the text that stands in a document for a value
// unknown until deploy, named as the code names it ("AWS::AccountId",
// "Bucket.Arn", "aws_s3_bucket.logs.arn"): the name between double
// braces, "{{aws_s3_bucket.logs.arn}}". The evaluator reads it as plain
// text: no request value holds "{{" (no ARN, account, key or tag
// does), so a request never matches it by accident, even where the name
// holds a Terraform splat, aws_sqs_queue.q[*].arn, whose * a pattern
// would read as a wildcard.
func Placeholder(name string) string { return "{{" + name + "}}" }

// PlaceholderNames returns the names of the placeholders in s, in order.
func PlaceholderNames(s string) []string {
	var names []string
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			return names
		}
		j := strings.Index(s[i+2:], "}}")
		if j < 0 {
			return names
		}
		names = append(names, s[i+2:i+2+j])
		s = s[i+2+j+2:]
	}
}

// A Principal is an IAM user, role or group the code declares, with the
// policies that apply to it: iamsim evaluates them together as account
// mode evaluates a principal of an account export.
type Principal struct {
	// Resource is its logical ID or Terraform address, Type its resource
	// type, Name its RoleName/UserName/GroupName or name attribute when
	// the code sets one, Pos where it is declared.
	Resource string
	Type     string
	Name     string
	Pos      policy.Pos
	// Inline are its inline policies and Attached the customer managed
	// policies of the same code attached to it, as indexes into
	// Set.Policies. Boundary is its permissions boundary and Trust a
	// role's trust policy, -1 when it has none or it is not in Set.
	Inline   []int
	Attached []int
	Boundary int
	Trust    int
	// ManagedARNs are the ARNs of the managed policies attached to it that
	// the code does not define (AWS managed policies, resolved by the
	// caller against iamsim's snapshot, or unknown ones), and
	// BoundaryARN a boundary given by ARN.
	ManagedARNs []string
	BoundaryARN string
	// Groups are, for a user, the groups of the same code it is in, as
	// indexes into Set.Principals.
	Groups []int
}

// A Set is everything read from one input: a template, a Terraform
// module, a plan.
type Set struct {
	Policies   []Policy
	Principals []Principal
}

// Options are what a reader is told beyond the code itself.
type Options struct {
	// Values bind names the code leaves open: CloudFormation parameters
	// and pseudo parameters ("AWS::AccountId"), Terraform variables (by
	// name, as -var gives them), and any placeholder name
	// ("aws_s3_bucket.logs.arn"). A CloudFormation parameter's Default
	// and a Terraform variable's default apply when Values has no entry.
	Values map[string]string
	// ReadFile reads a file the code refers to (a nested template, a
	// Terraform file() or module), within iamsim's size limits.
	ReadFile func(path string) ([]byte, error)
	// Note, when set, is told what the code names but the reader does
	// not read (a nested stack's template on S3, a Terraform module from
	// a registry), at the place that names it: an answer about the code
	// rests on it being irrelevant, and says so.
	Note func(pos policy.Pos, msg string)
}

// Parse parses the document as kind within limits, with every position
// in File, and names it as the policy is named for people (Label), which
// the explanation prints beside its positions.
func (p *Policy) Parse(limits policy.Limits, kind policy.Kind) (*policy.Document, error) {
	doc, err := p.Locator(limits).ParseEmbedded(0, len(p.Doc), kind)
	if doc != nil {
		doc.Name = p.Label()
	}
	return doc, err
}
