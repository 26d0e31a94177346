// Security rules about role trust policies: trust-any-principal and
// trust-oidc-unconstrained.

package lint

import (
	"strings"

	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// trustRules flag role trust policies that let too many callers assume
// the role.
var trustRules = []*Rule{
	{
		ID:             "trust-any-principal",
		Title:          "role assumable by any AWS principal",
		Level:          Error,
		Security:       SecurityCritical,
		AccessAnalyzer: []string{"ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"},
		Description: "Flags an `Allow` statement of a role trust policy whose principal is `\"*\"` or `{\"AWS\": \"*\"}`: " +
			"any principal of any AWS account can assume the role. Without a condition the finding is an error " +
			"(cloudsplaining's AssumableByAnyPrincipal). With a condition that limits the caller with a positive operator and fixed values " +
			"(`aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceAccount`, `aws:SourceArn`, " +
			"`aws:SourceOrgID`, `aws:SourceOrgPaths`, `aws:SourceOwner`, `aws:userid`) nothing is reported; with other conditions the finding is a warning " +
			"asking for review (AssumableByAnyPrincipalWithConditions). `sts:ExternalId` alone does not limit the caller: the external ID " +
			"is not a secret, it guards against the confused deputy problem " +
			"([external IDs](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html)).",
		Fix: "Name the accounts, roles or users that assume the role in `Principal`, or keep `\"*\"` and add a condition such as " +
			"`\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}`.",
		Bad: Example{Kind: policy.Trust, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {
                "AWS": "*"
            },
            "Action": "sts:AssumeRole"
        }
    ]
}`},
		Good: Example{Kind: policy.Trust, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {
                "AWS": "arn:aws:iam::111122223333:role/deploy"
            },
            "Action": "sts:AssumeRole"
        }
    ]
}`},
		check: checkTrustAnyPrincipal,
	},
	{
		ID:             "trust-oidc-unconstrained",
		Title:          "OpenID Connect principal without a subject condition",
		Level:          Error,
		Security:       SecurityHigh,
		AccessAnalyzer: []string{"MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", "MISSING_GITHUB_REPO_CONDITION_KEY"},
		Description: "Flags a role trust policy statement that allows `sts:AssumeRoleWithWebIdentity` to an OpenID Connect identity provider " +
			"without a condition that limits which identities of the provider may assume the role. Most providers issue tokens to anyone " +
			"who signs up: without a condition on the subject, every GitHub Actions workflow, every GitLab project or every " +
			"Kubernetes service account that the provider vouches for can assume the role. " +
			"For GitHub (`token.actions.githubusercontent.com`) a positive condition on `token.actions.githubusercontent.com:sub` is needed, " +
			"and with a `Like` operator its values must name a repository owner: the claim is `repo:OWNER/REPO:...`, and a wildcard " +
			"before the owner ends admits repositories of any owner, whether at the start (`\"*octo-org/app*\"`), inside `repo:` " +
			"(`\"repo*\"`) or in the owner (`\"repo:*\"` admits every repository on GitHub) " +
			"([GitHub's OpenID Connect reference](https://docs.github.com/en/actions/reference/security/oidc)). " +
			"For other IAM OIDC providers a condition on `<provider>:sub` is needed, with a value that is not only wildcards. " +
			"For an Amazon EKS cluster's provider (`oidc.eks.REGION.amazonaws.com/id/ID`, IAM roles for service accounts) the claim is " +
			"`system:serviceaccount:NAMESPACE:NAME`, and a `Like` value with a wildcard in or before the namespace " +
			"(`\"system:serviceaccount:*:*\"`, `\"system:serviceaccount:*\"`) admits service accounts of every namespace; any service account of one " +
			"namespace (`\"system:serviceaccount:orders:*\"`) is accepted " +
			"([assigning IAM roles to Kubernetes service accounts](https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html)). " +
			"Several conditions on one `sub` key are AND'ed, so one that limits it is enough. " +
			"For Amazon Cognito a condition on `cognito-identity.amazonaws.com:aud` is needed " +
			"(the identity pool); for Google, Facebook and Login with Amazon one on any of the provider's keys " +
			"([creating a role for OIDC federation](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html)).",
		Fix: "Add a `StringEquals` (or `StringLike`) condition on the provider's `sub` claim naming the repository, branch, project or service account, " +
			"for GitHub `\"token.actions.githubusercontent.com:sub\": \"repo:example-org/example-repo:ref:refs/heads/main\"`, " +
			"alongside the `aud` condition.",
		Bad: Example{Kind: policy.Trust, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {
                "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
            },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": {
                    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"
                }
            }
        }
    ]
}`},
		Good: Example{Kind: policy.Trust, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {
                "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
            },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": {
                    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                    "token.actions.githubusercontent.com:sub": "repo:example-org/example-repo:ref:refs/heads/main"
                }
            }
        }
    ]
}`},
		check: checkTrustOIDC,
	},
}

func checkTrustAnyPrincipal(c *checker) {
	if !c.kindIs(isTrust) {
		return
	}
	for _, st := range c.doc.Statements {
		pos, end, path, ok := anyPrincipal(st)
		if !ok {
			continue
		}
		switch {
		case len(st.Conditions) == 0:
			c.report(pos, end, path, "%s lets any AWS principal (\"*\") assume the role", statementName(st))
		case limitingCondition(st, trustLimitingKeys) == nil:
			c.reportAt(Warning, pos, end, path, "%s lets any AWS principal (\"*\") assume the role when its conditions hold, and none of them limits the caller's account, organization or ARN; review them", statementName(st))
		}
	}
}

// OpenID Connect providers AWS knows by host name rather than by an IAM
// OIDC provider ARN.
const (
	githubOIDCHost  = "token.actions.githubusercontent.com"
	cognitoOIDCHost = "cognito-identity.amazonaws.com"
)

var webIdentityHosts = map[string]bool{"accounts.google.com": true, "graph.facebook.com": true, "www.amazon.com": true}

// oidcHost returns the host (and path) of an OpenID Connect federated
// principal as written, which prefixes the provider's condition keys, or
// "".
func oidcHost(principal string) string {
	if f, ok := policy.SplitARN(principal); ok {
		if host, ok := strings.CutPrefix(f[5], "oidc-provider/"); ok && f[2] == "iam" {
			return host
		}
		return ""
	}
	if lower := strings.ToLower(principal); lower == cognitoOIDCHost || webIdentityHosts[lower] {
		return principal
	}
	return ""
}

func checkTrustOIDC(c *checker) {
	if !c.kindIs(isTrust) {
		return
	}
	for _, st := range c.doc.Statements {
		if st.Effect != policy.Allow || st.Action == nil || st.Principal == nil || st.Principal.Not {
			continue
		}
		if _, ok := newActionPatterns(c.linter, st).grants("sts:assumerolewithwebidentity"); !ok {
			continue
		}
		n := 0
		for _, e := range st.Principal.Entries {
			if e.Type != policy.PrincipalFederated {
				continue
			}
			path := principalPath(st, policy.PrincipalFederated, n)
			n++
			host := oidcHost(e.Text)
			lower := strings.ToLower(host)
			switch {
			case host == "":
				continue
			case lower == githubOIDCHost || strings.HasPrefix(lower, githubOIDCHost+"/"):
				checkGitHubSubject(c, st, e, path, host)
			case lower == cognitoOIDCHost:
				if len(positiveConditionsOn(st, host+":aud")) == 0 {
					c.reportValue(e.Value, path, "%s lets identities of any Amazon Cognito identity pool assume the role: no condition on %q", statementName(st), host+":aud")
				}
			case webIdentityHosts[lower]:
				if !hasProviderCondition(st, host) {
					c.reportValue(e.Value, path, "%s lets any user of %s assume the role: no condition on a %q key", statementName(st), host, host+":")
				}
			default:
				checkOIDCSubject(c, st, e, path, host)
			}
		}
	}
}

// hasProviderCondition reports whether st limits any key of the provider
// (host:...) with a positive string operator.
func hasProviderCondition(st *policy.Statement, host string) bool {
	for _, cond := range st.Conditions {
		if isPositiveStringCondition(cond) && len(cond.Values) > 0 && len(cond.Key.Text) > len(host)+1 &&
			strings.EqualFold(cond.Key.Text[:len(host)+1], host+":") {
			return true
		}
	}
	return false
}

// checkGitHubSubject wants token.actions.githubusercontent.com:sub limited
// to named repository owners.
func checkGitHubSubject(c *checker, st *policy.Statement, e policy.PrincipalEntry, path, host string) {
	key := host + ":sub"
	conds := positiveConditionsOn(st, key)
	if len(conds) == 0 {
		c.reportValue(e.Value, path, "%s lets any GitHub Actions workflow of any repository assume the role: no condition on %q", statementName(st), key)
		return
	}
	// Conditions on one key in different operators are AND'ed: one that
	// names owners is enough.
	var broad *policy.Condition
	var broadValue policy.Value
	for _, cond := range conds {
		v, ok := anyRepositoryValue(cond)
		if !ok {
			return
		}
		if broad == nil {
			broad, broadValue = cond, v
		}
	}
	c.reportValue(broadValue, conditionPath(st, broad), "%s lets a GitHub Actions workflow of any repository assume the role: %q admits %q", statementName(st), broad.Key.Text, broadValue.Text)
}

// anyRepositoryValue returns a value of a condition on the GitHub sub
// claim that admits repositories of any owner: a Like pattern with a
// wildcard before the owner ends (the claim is repo:OWNER/REPO:...), so a
// wildcard at the start ("*octo-org/app*"), inside "repo:" ("re?o:*",
// "repo*"), or in the owner ("repo:*", "repo:octo-*/app"), or an empty
// owner. Customized subject claims, which do not start with "repo:", are
// not judged.
func anyRepositoryValue(cond *policy.Condition) (policy.Value, bool) {
	if cond.Operator.Compare != policy.CompareLike {
		return policy.Value{}, false
	}
	for _, v := range cond.Values {
		if strings.Trim(v.Text, "*?") == "" {
			return v, true
		}
		rest, wild, ok := cutClaimPrefix(v.Text, "repo:")
		if wild {
			return v, true
		}
		if !ok {
			continue
		}
		owner, _, _ := strings.Cut(rest, "/")
		owner, _, _ = strings.Cut(owner, ":")
		if owner == "" || wildcard.HasWildcard(owner) {
			return v, true
		}
	}
	return policy.Value{}, false
}

// cutClaimPrefix compares a Like pattern with the fixed start of a claim
// ("repo:", "system:serviceaccount:"). It returns the rest of the pattern
// and ok when the pattern starts with the prefix literally, and wild when
// a wildcard stands at or before the end of the prefix, so that the
// pattern can match claims whatever follows (a pattern shorter than the
// prefix and without wildcards matches no such claim).
func cutClaimPrefix(pattern, prefix string) (rest string, wild, ok bool) {
	for i := 0; i < len(prefix); i++ {
		if i == len(pattern) {
			return "", false, false
		}
		switch pattern[i] {
		case '*', '?':
			return "", true, false
		case prefix[i]:
		default:
			return "", false, false
		}
	}
	return pattern[len(prefix):], false, true
}

// checkOIDCSubject wants the sub claim of an IAM OIDC provider limited;
// for an Amazon EKS cluster's provider, to one namespace at least.
func checkOIDCSubject(c *checker, st *policy.Statement, e policy.PrincipalEntry, path, host string) {
	key := host + ":sub"
	conds := positiveConditionsOn(st, key)
	if len(conds) == 0 {
		c.reportValue(e.Value, path, "%s lets any identity of OIDC provider %s assume the role: no condition on %q", statementName(st), host, key)
		return
	}
	// Conditions on one key in different operators are AND'ed: one that
	// limits the subject is enough.
	eks := isEKSHost(host)
	var broad *policy.Condition
	var broadValue policy.Value
	var anyNamespace bool
	for _, cond := range conds {
		v, namespace, ok := broadSubjectValue(cond, eks)
		if !ok {
			return
		}
		if broad == nil {
			broad, broadValue, anyNamespace = cond, v, namespace
		}
	}
	if anyNamespace {
		c.reportValue(broadValue, conditionPath(st, broad), "%s lets service accounts of any namespace of EKS cluster OIDC provider %s assume the role: %q admits %q", statementName(st), host, broad.Key.Text, broadValue.Text)
		return
	}
	c.reportValue(broadValue, conditionPath(st, broad), "%s lets any identity of OIDC provider %s assume the role: %q admits %q", statementName(st), host, broad.Key.Text, broadValue.Text)
}

// isEKSHost reports whether an OIDC provider is an Amazon EKS cluster's
// issuer, oidc.eks.REGION.amazonaws.com/id/ID (amazonaws.com.cn in the
// China Regions): the host and path of the cluster's OIDC issuer URL,
// which IAM roles for service accounts trust.
func isEKSHost(host string) bool {
	rest, ok := strings.CutPrefix(strings.ToLower(host), "oidc.eks.")
	if !ok {
		return false
	}
	region, rest, ok := strings.Cut(rest, ".amazonaws.com")
	if !ok || region == "" {
		return false
	}
	id, ok := strings.CutPrefix(strings.TrimPrefix(rest, ".cn"), "/id/")
	return ok && id != ""
}

// broadSubjectValue returns a value of a condition on an OIDC provider's
// sub claim that admits far more than one subject: a Like pattern of
// wildcards only, or for an EKS cluster (eks set) a pattern that admits
// service accounts of any namespace (namespace set): the claim is
// system:serviceaccount:NAMESPACE:NAME, and a wildcard in or before the
// namespace ("system:serviceaccount:*:*", "system:serviceaccount:*")
// lets anyone who can create a service account in some namespace of the
// cluster assume the role. Any service account of one namespace
// ("system:serviceaccount:orders:*") is a scope.
func broadSubjectValue(cond *policy.Condition, eks bool) (v policy.Value, namespace, ok bool) {
	if cond.Operator.Compare != policy.CompareLike {
		return policy.Value{}, false, false
	}
	for _, v := range cond.Values {
		if strings.Trim(v.Text, "*?") == "" {
			return v, false, true
		}
		if !eks {
			continue
		}
		rest, wild, ok := cutClaimPrefix(v.Text, "system:serviceaccount:")
		if wild {
			return v, true, true
		}
		if !ok {
			continue
		}
		if ns, _, _ := strings.Cut(rest, ":"); wildcard.HasWildcard(ns) {
			return v, true, true
		}
	}
	return policy.Value{}, false, false
}
