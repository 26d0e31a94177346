package check

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/textdist"
	"github.com/iamsim/iamsim/policy"
)

// resourceTypes are the resource types CheckNoPublicAccess takes
// (API_CheckNoPublicAccess.html, resourceType's valid values), each with
// the action prefix of the service whose actions reach it.
var resourceTypes = map[string]string{
	"AWS::ApiGateway::RestApi":           "execute-api",
	"AWS::Backup::BackupVault":           "backup",
	"AWS::CloudTrail::Dashboard":         "cloudtrail",
	"AWS::CloudTrail::EventDataStore":    "cloudtrail",
	"AWS::CodeArtifact::Domain":          "codeartifact",
	"AWS::DynamoDB::Stream":              "dynamodb",
	"AWS::DynamoDB::Table":               "dynamodb",
	"AWS::EFS::FileSystem":               "elasticfilesystem",
	"AWS::IAM::AssumeRolePolicyDocument": "sts",
	"AWS::KMS::Key":                      "kms",
	"AWS::Kinesis::Stream":               "kinesis",
	"AWS::Kinesis::StreamConsumer":       "kinesis",
	"AWS::Lambda::Function":              "lambda",
	"AWS::OpenSearchService::Domain":     "es",
	"AWS::S3::AccessPoint":               "s3",
	"AWS::S3::Bucket":                    "s3",
	"AWS::S3::Glacier":                   "glacier",
	"AWS::S3Express::AccessPoint":        "s3express",
	"AWS::S3Express::DirectoryBucket":    "s3express",
	"AWS::S3Outposts::AccessPoint":       "s3-outposts",
	"AWS::S3Outposts::Bucket":            "s3-outposts",
	"AWS::S3Tables::Table":               "s3tables",
	"AWS::S3Tables::TableBucket":         "s3tables",
	"AWS::SNS::Topic":                    "sns",
	"AWS::SQS::Queue":                    "sqs",
	"AWS::SecretsManager::Secret":        "secretsmanager",
}

// ResourceTypes lists the resource types NoPublicAccess takes, sorted.
func ResourceTypes() []string {
	out := make([]string, 0, len(resourceTypes))
	for t := range resourceTypes {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// ResourceTypeKind is the policy kind of a resource type's policy: a
// role trust policy for AWS::IAM::AssumeRolePolicyDocument, else a
// resource-based policy. The error is a type Access Analyzer does not
// take, with the nearest one.
func ResourceTypeKind(t string) (policy.Kind, error) {
	if _, ok := resourceTypes[t]; !ok {
		msg := fmt.Sprintf("--resource-type %q: not a resource type Access Analyzer checks for public access", t)
		if near := textdist.Nearest(t, ResourceTypes()); near != "" {
			return 0, fmt.Errorf("%s; did you mean %s?", msg, near)
		}
		return 0, fmt.Errorf("%s (want one of %s)", msg, strings.Join(ResourceTypes(), ", "))
	}
	if t == "AWS::IAM::AssumeRolePolicyDocument" {
		return policy.Trust, nil
	}
	return policy.Resource, nil
}

// webIdentityProviders are the identity providers whose federated users
// anyone can become, by the key that names an application of theirs
// (access-analyzer-reference-filter-keys.md): a trust policy that trusts
// one without a condition on that key is public.
var webIdentityProviders = map[string]string{
	"cognito-identity.amazonaws.com": "cognito-identity.amazonaws.com:aud",
	"accounts.google.com":            "accounts.google.com:aud",
	"graph.facebook.com":             "graph.facebook.com:app_id",
	"www.amazon.com":                 "www.amazon.com:app_id",
}

// NoPublicAccess answers CheckNoPublicAccess for a resource policy of
// the resource type: FAIL when an Allow statement grants one of the
// type's service's actions to the public, that is to "*" ({"AWS": "*"}),
// or in a trust policy to the users of a web identity provider, with no condition that
// restricts the caller (restricts) and no Deny to "*" that takes the
// access away from every caller (a Deny without conditions, or one that
// denies every caller its conditions do not name: deniesOutside).
func NoPublicAccess(cat *catalog.Catalog, doc *policy.Document, resourceType string) (*Result, error) {
	prefix, ok := resourceTypes[resourceType]
	if !ok {
		_, err := ResourceTypeKind(resourceType)
		return nil, err
	}
	q, err := NewAccessQuery(cat, Access{Actions: []string{prefix + ":*"}})
	if err != nil {
		return nil, err
	}
	cands := q.candidates(doc)
	stmts := compileStatements(doc)
	var denies []*statement
	for _, s := range stmts {
		if s.isSureDeny() || deniesOutside(s) {
			denies = append(denies, s)
		}
	}
	w := newWitnesses(doc, stmts)
	res := &Result{Result: Pass}
	for _, s := range stmts {
		who := publicPrincipal(s)
		if s.Effect != policy.Allow || who == "" || slices.ContainsFunc(s.Conditions, restricts) {
			continue
		}
		g := q.grantOf(s, cands, denies)
		d := fmt.Sprintf("%s allows %s %s on %s", statementName(s.Statement), who, describeActions(g.actions), describeResources(s))
		if len(s.Conditions) > 0 {
			d += ": none of its conditions restricts the caller to an account, organization, network or source"
		}
		if r, ok := g.reason(s, d, w); ok {
			res.Reasons = append(res.Reasons, r)
		}
	}
	if len(res.Reasons) == 0 {
		res.Message = fmt.Sprintf("The policy grants no public access to %s.", resourceType)
		return res, nil
	}
	res.Result = Fail
	res.Message = fmt.Sprintf("The policy might grant public access to %s: %s.", resourceType, countStatements(len(res.Reasons)))
	return res, nil
}

// publicPrincipal says whom a statement's Principal opens it to, when
// that is the public: "any principal (\"*\")", or the users of a web
// identity provider without a condition on its key; "" otherwise.
func publicPrincipal(s *statement) string {
	p := s.Principal
	switch {
	case p == nil || p.Not: // Allow with NotPrincipal does not parse (E020)
		return ""
	case p.IsAnyone():
		return `any principal ("*")`
	}
	for _, e := range p.Entries {
		key, ok := webIdentityProviders[strings.ToLower(e.Text)]
		if e.Type != policy.PrincipalFederated || !ok {
			continue
		}
		named := slices.ContainsFunc(s.Conditions, func(c *policy.Condition) bool {
			return strings.EqualFold(c.Key.Text, key) && restricts(c)
		})
		if !named {
			return fmt.Sprintf("any user of %s (no condition on %s)", e.Text, key)
		}
	}
	return ""
}

// describeActions names the actions granted.
func describeActions(actions []string) string {
	if len(actions) == 1 {
		return actions[0]
	}
	return fmt.Sprintf("%d actions (%s)", len(actions), listSome(actions, 3))
}
