package evaluator

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/internal/matcher"
	"github.com/iamsim/iamsim/internal/msg"
	"github.com/iamsim/iamsim/policy"
)

// Prepared is a request checked and ready to evaluate: the principal
// parsed, the action split and lower-cased, the resource account resolved
// and the context merged with the keys derived from the principal.
// Preparing allocates; evaluating a prepared request does not.
type Prepared struct {
	Request Request

	principal principal
	// service and name are the action's parts in lower case.
	service, name string
	serviceKey    matcher.Key // service, to look up
	// resourceAccount is "" when unknown; accountFrom says where it came
	// from: "request", "resource ARN", "principal" or "unknown".
	resourceAccount string
	accountFrom     string
	// awsOwned is set when the resource ARN's account is "aws": the
	// resource is AWS's own (an AWS managed policy), and resourceAccount
	// is "aws".
	awsOwned bool
	ctx      *requestContext
	ctxStore requestContext // what ctx points to

	roleARNKnown   bool
	uniqueID       string
	federatingUser string
	// trust and key are set when the resource-based policy is a role trust
	// policy (an sts: action on a role) or a KMS key policy (a kms: action
	// on a key): both must allow, even in the same account
	// (iam-user-guide reference_policies_evaluation-logic-cross-account.md
	// and id_roles_terms-and-concepts.md, "Trust policy"; KMS Developer
	// Guide, "Key policies").
	trust, key bool
	// rcpService is set when the action's service supports RCPs;
	// rcpUnsupported says so when it does not.
	rcpService     bool
	rcpUnsupported Message
	// slrResource is set when the resource is a service-linked role.
	slrResource bool
}

// rcpServices are the service prefixes whose resources RCPs govern:
// Organizations User Guide, "Resource control policies (RCPs)", "List of
// AWS services that support RCPs", as published on 2026-09-26 (62
// services). Other services' resources ignore RCPs.
var rcpServices = map[string]bool{
	"aoss": true, "appconfig": true, "appstream": true, "autoscaling": true,
	"autoscaling-plans": true, "budgets": true, "clouddirectory": true, "cloudfront": true,
	"cloudsearch": true, "cloudtrail-data": true, "codeartifact": true, "codebuild": true,
	"codecommit": true, "codepipeline": true, "cognito-identity": true, "cognito-idp": true,
	"comprehend": true, "comprehendmedical": true, "compute-optimizer": true,
	"cost-optimization-hub": true, "dax": true, "dsql": true, "dynamodb": true, "ecr": true,
	"ecr-public": true, "events": true, "firehose": true, "fis": true, "fms": true,
	"gamelift": true, "health": true, "inspector-scan": true, "kendra": true,
	"kinesisvideo": true, "kms": true, "logs": true, "memorydb": true, "networkmonitor": true,
	"notifications": true, "opensearch": true, "pca-connector-ad": true, "personalize": true,
	"polly": true, "pricing": true, "resource-groups": true, "rolesanywhere": true, "s3": true,
	"secretsmanager": true, "servicediscovery": true, "signin": true, "sqs": true, "sts": true,
	"support": true, "swf": true, "textract": true, "timestream-influxdb": true,
	"transcribe": true, "transfer": true, "translate": true, "wafv2": true, "workspaces": true,
	"xray": true,
}

// Prepare checks a request and prepares it for evaluation.
func Prepare(req *Request) (*Prepared, error) {
	p := &Prepared{}
	if err := prepare(req, nil, p); err != nil {
		return nil, err
	}
	return p, nil
}

// Preparer prepares requests like Prepare, remembering the principals and
// actions it has parsed: a batch of requests that repeat callers and
// actions prepares faster. It holds at most PreparerCacheSize entries of
// each kind, forgetting them all when full. A Preparer is not safe for
// concurrent use; give each goroutine its own.
type Preparer struct {
	principals map[principalKey]*cachedPrincipal
	actions    map[string]action
}

// cachedPrincipal is a parsed principal with the table of the context
// keys derived from it for one unique ID, made when first needed.
type cachedPrincipal struct {
	principal
	uniqueID string
	derived  *matcher.Values
}

// PreparerCacheSize bounds how many principals and how many actions a
// Preparer remembers.
const PreparerCacheSize = 4096

// principalKey is what a parsed principal depends on.
type principalKey struct{ principal, roleARN string }

// action is a request action split and lower-cased.
type action struct {
	service, name  string
	serviceKey     matcher.Key
	rcpService     bool
	rcpUnsupported Message
}

// NewPreparer returns a Preparer with empty caches.
func NewPreparer() *Preparer {
	return &Preparer{principals: map[principalKey]*cachedPrincipal{}, actions: map[string]action{}}
}

// Prepare checks a request and prepares it for evaluation, as the
// function Prepare does.
func (pr *Preparer) Prepare(req *Request) (*Prepared, error) {
	p := &Prepared{}
	if err := prepare(req, pr, p); err != nil {
		return nil, err
	}
	return p, nil
}

// PrepareInto is Prepare into p, reusing its storage: when the request
// has the same context key names as the one p held, preparing allocates
// nothing. p must not be in use by an evaluation, and is unusable after
// an error.
func (pr *Preparer) PrepareInto(req *Request, p *Prepared) error { return prepare(req, pr, p) }

// derivedValues returns the table of the context keys derived from the
// principal for a unique ID, made once.
func (cp *cachedPrincipal) derivedValues(uniqueID string) *matcher.Values {
	if cp.derived != nil && cp.uniqueID == uniqueID {
		return cp.derived
	}
	cp.uniqueID = strings.Clone(uniqueID) // as for principals
	derived, nd := derivedKeys(&cp.principal, cp.uniqueID)
	cp.derived = matcher.NewValues(nd)
	for _, d := range derived[:nd] {
		cp.derived.Set(d.key.key, matcher.ContextValue{Values: []string{d.value}})
	}
	return cp.derived
}

// principal parses the request's principal, or recalls it.
func (pr *Preparer) principal(req *Request) (*cachedPrincipal, error) {
	k := principalKey{req.Principal, req.RoleARN}
	if cp, ok := pr.principals[k]; ok {
		return cp, nil
	}
	// The cache keeps its own copies: the request's strings may be slices
	// of a large buffer that must not stay alive.
	k = principalKey{strings.Clone(req.Principal), strings.Clone(req.RoleARN)}
	p, err := parsePrincipal(&Request{Principal: k.principal, RoleARN: k.roleARN})
	if err != nil {
		return nil, err
	}
	if len(pr.principals) >= PreparerCacheSize {
		clear(pr.principals)
	}
	cp := &cachedPrincipal{principal: p}
	pr.principals[k] = cp
	return cp, nil
}

// action splits and lower-cases the request's action, or recalls it.
func (pr *Preparer) action(s string) (action, error) {
	if pr != nil {
		if a, ok := pr.actions[s]; ok {
			return a, nil
		}
	}
	if pr != nil {
		s = strings.Clone(s) // as for principals
	}
	a, err := parseAction(s)
	if err == nil && pr != nil {
		if len(pr.actions) >= PreparerCacheSize {
			clear(pr.actions)
		}
		pr.actions[s] = a
	}
	return a, err
}

// parseAction splits an action service:ActionName and lower-cases it.
func parseAction(s string) (action, error) {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i == len(s)-1 || strings.ContainsAny(s, "*? \t") || strings.IndexByte(s[i+1:], ':') >= 0 {
		return action{}, &RequestError{Field: FieldAction, Value: s, Msg: "an action is service:ActionName, without wildcards"}
	}
	lower := strings.ToLower(s)
	a := action{service: lower[:i], name: lower[i+1:]}
	a.serviceKey = matcher.NewKey(a.service)
	a.rcpService = rcpServices[a.service]
	if !a.rcpService {
		// Made once per action, so that evaluating does not allocate.
		a.rcpUnsupported = message(msg.WhyRCPUnsupported, a.service)
	}
	return a, nil
}

// prepare prepares a request into p, keeping p's context storage.
func prepare(req *Request, pr *Preparer, p *Prepared) error {
	ctx := p.ctxStore
	*p = Prepared{Request: *req}
	var cp *cachedPrincipal
	var err error
	if pr == nil {
		p.principal, err = parsePrincipal(req)
	} else if cp, err = pr.principal(req); err == nil {
		p.principal = cp.principal
	}
	if err != nil {
		return err
	}
	a, err := pr.action(req.Action)
	if err != nil {
		return err
	}
	p.service, p.name, p.serviceKey, p.rcpService, p.rcpUnsupported = a.service, a.name, a.serviceKey, a.rcpService, a.rcpUnsupported
	fields, isARN := policy.SplitARN(req.Resource)
	if req.Resource != "*" && (!isARN || fields[0] != "arn") {
		return &RequestError{Field: FieldResource, Value: req.Resource, Msg: `a resource is an ARN (arn:partition:service:region:account:resource) or "*"`}
	}
	switch {
	case req.ResourceAccount != "":
		if !policy.IsAccountID(req.ResourceAccount) {
			return &RequestError{Field: FieldResourceAccount, Value: req.ResourceAccount, Msg: "want a 12-digit account ID"}
		}
		p.resourceAccount, p.accountFrom = req.ResourceAccount, "request"
	case isARN && policy.IsAccountID(fields[4]):
		p.resourceAccount, p.accountFrom = fields[4], "resource ARN"
	case isARN && fields[4] == "aws":
		// arn:aws:iam::aws:policy/NAME, an AWS managed policy: "created
		// and administered by AWS" (access_policies_managed-vs-inline.md),
		// so owned by no customer account (docs/evaluation-logic.md,
		// "AWS-owned resources").
		p.resourceAccount, p.accountFrom, p.awsOwned = "aws", "resource ARN", true
	case p.principal.hasAccount():
		p.resourceAccount, p.accountFrom = p.principal.account, "principal"
	default:
		p.accountFrom = "unknown"
	}
	if req.UniqueID != "" {
		p.uniqueID = req.UniqueID
	}
	p.roleARNKnown = req.RoleARN != ""
	if req.FederatingUser != "" {
		if p.principal.kind != PrincipalFederatedUser {
			return &RequestError{Field: FieldFederatingUser, Value: req.FederatingUser,
				Msg: fmt.Sprintf("only a federated user (arn:aws:sts::ACCOUNT:federated-user/NAME) has a federating user, and principal %q is not one", req.Principal)}
		}
		p.federatingUser = req.FederatingUser
	}
	if isARN {
		p.trust = p.service == "sts" && fields[2] == "iam" && strings.HasPrefix(fields[5], "role/")
		p.key = p.service == "kms" && fields[2] == "kms" && strings.HasPrefix(fields[5], "key/")
		p.slrResource = fields[2] == "iam" && strings.HasPrefix(fields[5], "role/aws-service-role/")
	}
	p.ctxStore = ctx
	if err := p.ctxStore.init(&p.principal, req, cp); err != nil {
		return err
	}
	p.ctx = &p.ctxStore
	return nil
}

// PrincipalKind returns the kind of the caller.
func (p *Prepared) PrincipalKind() PrincipalKind { return p.principal.kind }

// ResourceAccount returns the resource's account and where it came from:
// "request", "resource ARN", "principal" or "unknown". For a resource AWS
// owns (IsAWSOwned) the account is "aws".
func (p *Prepared) ResourceAccount() (string, string) { return p.resourceAccount, p.accountFrom }

// AssumedResourceAccount returns the resource account when it was
// assumed to be the principal's, because the resource ARN names none (as
// S3's do not) and the request gave none; ok is false otherwise, and for
// resource "*", which has no owner to assume.
func (p *Prepared) AssumedResourceAccount() (account string, ok bool) {
	if p.accountFrom != "principal" || p.Request.Resource == "*" {
		return "", false
	}
	return p.resourceAccount, true
}

// IsAWSOwned reports whether the resource ARN names the account "aws", as
// an AWS managed policy's does (arn:aws:iam::aws:policy/NAME): no customer
// account owns the resource, and the caller's own policies decide the
// request as in the caller's account.
func (p *Prepared) IsAWSOwned() bool { return p.awsOwned }

// ContextOrigin says whether a context key was supplied or derived; ok is
// false when the request has no such key.
func (p *Prepared) ContextOrigin(key string) (Origin, bool) {
	return p.origin(strings.ToLower(key))
}
