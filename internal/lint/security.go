package lint

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/internal/wildcard"
	"github.com/iamsim/iamsim/policy"
)

// securityRules are the rules of this file: grants that are broader than
// they look (cloudsplaining's risk categories, Access Analyzer's security
// warnings) and principals that let too many callers in.
//
// Which kinds they look at: service control policies, resource control
// policies, permissions boundaries, session policies and VPC endpoint
// policies never grant anything, they only cap what other policies grant,
// so "Allow everything" there is the normal pattern (FullAWSAccess) and the
// grant rules skip them. The rules about unscoped actions (passrole-broad,
// privilege-escalation, resource-exposure, credentials-exposure,
// data-exfiltration) read identity-based policies only: in a resource-based
// policy Resource "*" means the resource the policy is attached to, not
// every resource.
var securityRules = []*Rule{
	{
		ID:       "admin-star",
		Title:    "every action allowed on every resource",
		Level:    Error,
		Security: SecurityCritical,
		Description: "Flags an `Allow` statement with `\"Action\": \"*\"` (or `\"*:*\"`) and `\"Resource\": \"*\"` and no `Condition`: " +
			"full administrator access, including the right to change its own permissions, delete any resource and read any data. " +
			"Identity-based policies and resource-based policies are checked. " +
			"Service control policies, resource control policies, permissions boundaries, session policies and VPC endpoint policies are not: " +
			"they never grant permissions, and allowing everything in them is the documented way to leave other policies in charge " +
			"([permissions boundaries](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html), " +
			"[policy evaluation logic](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html); " +
			"access_policies.md: \"Session policies limit permissions for a created session, but do not grant permissions\"). " +
			"In a resource-based policy a statement whose principals are all whole accounts (an account ID or `arn:aws:iam::111122223333:root`) " +
			"is not flagged either: it hands the decision to that account's IAM policies, as the " +
			"[default KMS key policy](https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html) does; " +
			"there `\"Resource\": \"*\"` is the resource the policy is attached to, and the message says so.\n\n" +
			"A statement whose conditions are all on keys that say nothing about who the caller is or which resources it reaches " +
			"(`aws:SecureTransport`, `aws:RequestedRegion`, `aws:CurrentTime`, `aws:EpochTime`, `aws:MultiFactorAuthPresent`, " +
			"`aws:MultiFactorAuthAge`, `aws:ViaAWSService`, `aws:CalledVia`, `aws:CalledViaFirst`, `aws:CalledViaLast`) is reported as a warning: " +
			"requiring TLS, MFA, a Region, a time window or a calling service still gives full administrator access to every request that meets it " +
			"([global condition keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)). " +
			"Any other condition silences the rule.",
		Fix: "Grant the actions and resources the principal needs. If it really is an administrator, attach the AWS managed policy " +
			"`AdministratorAccess` rather than an inline copy, so that reviews and Access Analyzer recognise it, " +
			"or add a `Condition` that limits the callers or the resources (for example `aws:PrincipalArn` or `aws:ResourceTag/...`); " +
			"a condition on MFA, TLS, the Region or the time alone does not.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Everything",
            "Effect": "Allow",
            "Action": "*",
            "Resource": "*"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadReports",
            "Effect": "Allow",
            "Action": [
                "s3:GetObject",
                "s3:ListBucket"
            ],
            "Resource": [
                "arn:aws:s3:::example-reports",
                "arn:aws:s3:::example-reports/*"
            ]
        }
    ]
}`},
		check: checkAdminStar,
	},
	{
		ID:       "service-wildcard",
		Title:    "every action of a service allowed",
		Level:    Warning,
		Security: SecurityMedium,
		Description: "Flags each `Action` entry of an `Allow` statement without a `Condition` that grants every action of a service (`\"s3:*\"`), " +
			"or every action of every service (`\"*\"`) where `admin-star` does not already report it (the statement lists resources or uses `NotResource`). " +
			"A service wildcard grants the service's permissions-management and delete actions along with the ones the principal uses, " +
			"and every action AWS adds to the service later (cloudsplaining's ServiceWildcard category). " +
			"The policy kinds are those of `admin-star`, with the same exception for resource-based policies that grant to whole accounts.",
		Fix: "List the actions the principal calls. The IAM console's last-accessed information, or Access Analyzer policy generation, " +
			"shows which actions a principal has used.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Queues",
            "Effect": "Allow",
            "Action": "sqs:*",
            "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Queues",
            "Effect": "Allow",
            "Action": [
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage"
            ],
            "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"
        }
    ]
}`},
		check: checkServiceWildcard,
	},
	{
		ID:       "allow-notaction-notresource",
		Title:    "allow statement with NotAction or NotResource",
		Level:    Warning,
		Security: SecurityMedium,
		Description: "Flags `NotAction` and `NotResource` in an `Allow` statement of an identity-based or resource-based policy. " +
			"`NotAction` with `Allow` grants every action except the listed ones, including actions of services the author never thought of " +
			"and every action AWS adds later; `NotResource` with `Allow` grants the actions on every resource except the listed ones " +
			"([NotAction](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html), " +
			"[NotResource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html)). " +
			"Service control policies, resource control policies, permissions boundaries, session policies and VPC endpoint policies are not checked: " +
			"there an `Allow` with `NotAction` only sets an upper limit, which is a documented allow-list idiom.",
		Fix: "List the actions (or resources) to allow. To allow most of a service while excluding a few actions, allow the service's actions " +
			"and add a `Deny` statement with `Action` for the exceptions.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllButIAM",
            "Effect": "Allow",
            "NotAction": "iam:*",
            "Resource": "*"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Functions",
            "Effect": "Allow",
            "Action": [
                "lambda:GetFunction",
                "lambda:InvokeFunction"
            ],
            "Resource": "arn:aws:lambda:us-east-1:111122223333:function:orders"
        }
    ]
}`},
		check: checkAllowNot,
	},
	{
		ID:       "passrole-broad",
		Title:    "iam:PassRole allowed on every role",
		Level:    Error,
		Security: SecurityHigh,
		AccessAnalyzer: []string{
			"PASS_ROLE_WITH_STAR_IN_RESOURCE",
			"PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
			"PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
			"PASS_ROLE_WITH_NOT_RESOURCE",
			"PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
			"PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
		},
		Description: "Flags an `Allow` statement of an identity-based policy that grants `iam:PassRole` " +
			"(by name, through a wildcard such as `iam:*` or `*`, or through `NotAction`) on every role: `\"Resource\": \"*\"`, " +
			"an ARN whose role part is a bare wildcard (`arn:aws:iam::111122223333:role/*`), or `NotResource`, " +
			"without an `iam:PassedToService` condition naming specific services: a condition with a negated operator " +
			"(`StringNotEquals`), or one whose values are mostly wildcard (`\"StringLike\": {\"iam:PassedToService\": \"*.amazonaws.com\"}`), does not count. " +
			"Passing a role to a service lets the service act with the role's permissions, so a principal that can pass any role " +
			"to, say, Lambda or EC2 can run code with the most privileged role in the account " +
			"([passing a role to a service](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html)). " +
			"Access Analyzer reports the same problem as six security warnings, one for each way of writing the action and the resource.",
		Fix: "List the ARNs of the roles the principal passes in `Resource`, or a path or name prefix that only those roles use " +
			"(`arn:aws:iam::111122223333:role/service-role/app-*`), and add an `iam:PassedToService` condition naming the service that receives the role.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PassAnyRole",
            "Effect": "Allow",
            "Action": "iam:PassRole",
            "Resource": "*"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PassLambdaRole",
            "Effect": "Allow",
            "Action": "iam:PassRole",
            "Resource": "arn:aws:iam::111122223333:role/service-role/orders-function",
            "Condition": {
                "StringEquals": {
                    "iam:PassedToService": "lambda.amazonaws.com"
                }
            }
        }
    ]
}`},
		check: checkPassRole,
	},
	{
		ID:       "privilege-escalation",
		Title:    "actions that let a principal raise its own permissions",
		Level:    Error,
		Security: SecurityHigh,
		Description: "Flags a combination of actions that lets a principal gain more permissions than the policy grants, when the policy " +
			"allows all of them on every resource (`\"Resource\": \"*\"` or `NotResource`) without a condition, possibly across statements. " +
			"Actions that an unconditional `Deny` on `\"*\"` removes do not count, and statements with a `Condition` are not considered. " +
			"The methods are cloudsplaining's: the 22 of Rhino Security Labs' research (permissions on other users such as `iam:CreateAccessKey`; " +
			"permissions on policies such as `iam:CreatePolicyVersion` or `iam:AttachRolePolicy`; `iam:UpdateAssumeRolePolicy`; " +
			"`iam:PassRole` with a service that runs code, such as `ec2:RunInstances` or `lambda:CreateFunction` with `lambda:InvokeFunction`; " +
			"changing an existing resource that runs with a role, such as `lambda:UpdateFunctionCode`) and the further paths of " +
			"[pathfinding.cloud](https://pathfinding.cloud). A method is reported once, at the first statement that contributes to it; " +
			"a method that includes all the actions of another reported method is left out, and methods reported at the same `Action` entry " +
			"and allowed by the same statements make one finding that names them (`\"iam:*\"` allows thirteen). " +
			"Identity-based policies are checked; session policies, like permissions boundaries, grant nothing and are not.",
		Fix: "Scope the actions to the users, roles, policies and functions the principal manages (`Resource` ARNs with a path or name prefix), " +
			"add conditions such as `iam:PassedToService` or `iam:PermissionsBoundary`, or move the actions to a separate, closely held role.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ManagePolicies",
            "Effect": "Allow",
            "Action": [
                "iam:CreatePolicyVersion",
                "iam:GetPolicy"
            ],
            "Resource": "*"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ManageAppPolicies",
            "Effect": "Allow",
            "Action": [
                "iam:CreatePolicyVersion",
                "iam:GetPolicy"
            ],
            "Resource": "arn:aws:iam::111122223333:policy/app/*"
        }
    ]
}`},
		check: checkPrivilegeEscalation,
	},
	{
		ID:       "resource-exposure",
		Title:    "permissions-management actions allowed on every resource",
		Level:    Warning,
		Security: SecurityHigh,
		Description: "Flags an `Allow` statement of an identity-based policy that grants actions of the " +
			"\"Permissions management\" access level on every resource (`\"Resource\": \"*\"` or `NotResource`) without a condition: " +
			"actions that change resource-based policies, grants and shares (`s3:PutBucketPolicy`, `kms:CreateGrant`, `ram:CreateResourceShare`, " +
			"`iam:UpdateAssumeRolePolicy`, ...), with which a principal can expose any resource to other accounts or to the public " +
			"(cloudsplaining's ResourceExposure category; [access levels](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html)). " +
			"Actions that an unconditional `Deny` on `\"*\"` removes do not count. One finding per statement names up to three of the actions.",
		Fix: "Scope the actions to the resources the principal administers, or add a condition (for example on `aws:ResourceTag`) that limits them.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "BucketPolicies",
            "Effect": "Allow",
            "Action": "s3:PutBucketPolicy",
            "Resource": "*"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "BucketPolicies",
            "Effect": "Allow",
            "Action": "s3:PutBucketPolicy",
            "Resource": "arn:aws:s3:::example-reports"
        }
    ]
}`},
		check: checkResourceExposure,
	},
	{
		ID:       "credentials-exposure",
		Title:    "actions that return credentials allowed on every resource",
		Level:    Warning,
		Security: SecurityHigh,
		Description: "Flags an `Allow` statement of an identity-based policy that grants, on every resource and without a condition, " +
			"actions whose response carries credentials or tokens: `iam:CreateAccessKey`, `sts:AssumeRole`, `codeartifact:GetAuthorizationToken`, " +
			"`ec2:GetPasswordData`, `redshift:GetClusterCredentials`, `rds-db:connect` and the rest of cloudsplaining's " +
			"`ACTIONS_THAT_RETURN_CREDENTIALS` list (cloudsplaining's CredentialsExposure category). " +
			"Actions whose credentials give the caller nothing it does not already have are left out: `sts:GetSessionToken` needs no permission, " +
			"so allowing it changes nothing ([permissions for GetSessionToken](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html)); " +
			"Amazon Cognito's `GetOpenIdToken` and `GetCredentialsForIdentity` are public APIs; and `ecr:GetAuthorizationToken` returns a registry token " +
			"that carries the caller's own permissions, and cannot be scoped to a resource. " +
			"Actions that an unconditional `Deny` on `\"*\"` removes do not count. One finding per statement names up to three of the actions.",
		Fix: "Scope the actions to the roles, users, clusters or instances the principal needs credentials for (for `sts:AssumeRole`, the ARNs of the roles it assumes).",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AssumeRoles",
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Resource": "*"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AssumeDeployRole",
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Resource": "arn:aws:iam::111122223333:role/deploy"
        }
    ]
}`},
		check: checkCredentialsExposure,
	},
	{
		ID:       "data-exfiltration",
		Title:    "data-read actions allowed on every resource",
		Level:    Warning,
		Security: SecurityMedium,
		Description: "Flags an `Allow` statement of an identity-based policy that grants `s3:GetObject`, `ssm:GetParameter`, " +
			"`ssm:GetParameters`, `ssm:GetParametersByPath` or `secretsmanager:GetSecretValue` on every resource without a condition: " +
			"read access to every object, parameter and secret in the account, the way most data leaks start " +
			"(cloudsplaining's DataExfiltration category, `READ_ONLY_DATA_EXFILTRATION_ACTIONS`). " +
			"Actions that an unconditional `Deny` on `\"*\"` removes do not count.",
		Fix: "Scope the actions to the buckets, object prefixes, parameter paths and secrets the principal reads.",
		Bad: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadSecrets",
            "Effect": "Allow",
            "Action": "secretsmanager:GetSecretValue",
            "Resource": "*"
        }
    ]
}`},
		Good: Example{Kind: policy.Identity, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadAppSecrets",
            "Effect": "Allow",
            "Action": "secretsmanager:GetSecretValue",
            "Resource": "arn:aws:secretsmanager:us-east-1:111122223333:secret:orders/*"
        }
    ]
}`},
		check: checkDataExfiltration,
	},
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
	{
		ID:             "service-principal-confused-deputy",
		Title:          "service principal allowed without a source condition",
		Level:          Warning,
		Security:       SecurityMedium,
		AccessAnalyzer: []string{"RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"},
		Description: "Flags an `Allow` statement of a resource-based policy that grants access to a service principal " +
			"(`sns.amazonaws.com`, `events.amazonaws.com`, ...) without a condition on `aws:SourceArn`, `aws:SourceAccount`, " +
			"`aws:SourceOrgID` or `aws:SourceOrgPaths` (or the older `aws:SourceOwner`). The service acts for all of its customers: " +
			"without a source condition, another account can configure the service to use your resource on its behalf " +
			"(the cross-service [confused deputy problem](https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html)). " +
			"Role trust policies are not checked: many AWS service roles are trusted without these keys, and AWS's own examples omit them.",
		Fix: "Add a condition that names the resource or account the service acts for, such as " +
			"`\"ArnEquals\": {\"aws:SourceArn\": \"arn:aws:sns:us-east-1:111122223333:orders\"}` or " +
			"`\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}`.",
		Bad: Example{Kind: policy.Resource, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "TopicToQueue",
            "Effect": "Allow",
            "Principal": {
                "Service": "sns.amazonaws.com"
            },
            "Action": "sqs:SendMessage",
            "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"
        }
    ]
}`},
		Good: Example{Kind: policy.Resource, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "TopicToQueue",
            "Effect": "Allow",
            "Principal": {
                "Service": "sns.amazonaws.com"
            },
            "Action": "sqs:SendMessage",
            "Resource": "arn:aws:sqs:us-east-1:111122223333:orders",
            "Condition": {
                "ArnEquals": {
                    "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:orders-events"
                }
            }
        }
    ]
}`},
		check: checkServicePrincipal,
	},
	{
		ID:       "resource-policy-public",
		Title:    "resource open to any principal",
		Level:    Error,
		Security: SecurityCritical,
		Description: "Flags an `Allow` statement of a resource-based policy whose principal is `\"*\"` or `{\"AWS\": \"*\"}` " +
			"without a condition that limits the caller: anyone, including anonymous callers where the service allows them, gets the access. " +
			"A condition limits the caller when it uses a positive operator (`StringEquals`, `StringLike`, `ArnEquals`, `ArnLike`, `IpAddress`; " +
			"not the negated ones, not `...IfExists`, not `ForAllValues:`) with fixed values (no value that is only wildcards, " +
			"no ARN with a wildcard account, no `0.0.0.0/0`) on one of the keys that tie a request to an account, organization or network: " +
			"`aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalServiceName`, `aws:userid`, " +
			"`aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOwner`, `aws:SourceOrgID`, `aws:SourceOrgPaths`, `aws:SourceIp`, `aws:SourceVpc`, " +
			"`aws:SourceVpcArn`, `aws:SourceVpce`, `aws:VpceAccount`, `aws:VpceOrgID`, `aws:VpceOrgPaths`, `s3:DataAccessPointAccount`, " +
			"`s3:DataAccessPointArn` or `kms:CallerAccount` (after Amazon S3's " +
			"[meaning of \"public\"](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status)). " +
			"`aws:username` and `kms:ViaService` do not count: user names repeat across accounts, and a service serves every account.\n\n" +
			"An `Allow` is also limited by a `Deny` statement with principal `\"*\"` (or `{\"AWS\": \"*\"}`) that covers its actions " +
			"(the same ones, `\"*\"`, the service's wildcard such as `\"s3:*\"`, or a `NotAction` that does not exclude them) and its resources " +
			"(the same entries, `\"*\"` or a wildcard that contains them), and whose conditions all use a negated operator " +
			"(`StringNotEquals`, `StringNotLike`, `ArnNotEquals`, `ArnNotLike`, `NotIpAddress` or their `...IfExists` forms) " +
			"with fixed values on one of the keys above: it denies every caller that the keys do not name. This is how the " +
			"API Gateway developer guide writes a private API's policy (apigateway-resource-policies-examples: a `Deny` to `\"*\"` " +
			"with `StringNotEquals` on `aws:SourceVpce`, then an `Allow` to `\"*\"`), and how a bucket is opened to an organization " +
			"(`Allow` `s3:GetObject` to `\"*\"`, `Deny` with `StringNotEquals` on `aws:PrincipalOrgID`). A `Deny` with other conditions " +
			"(including positive ones such as `IpAddress`, which deny only the callers they name) or with `NotResource` does not count.",
		Fix: "Name the accounts or roles that need access in `Principal`, or keep `\"*\"` and add a condition such as " +
			"`\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}` or `\"StringEquals\": {\"aws:SourceVpce\": \"vpce-1a2b3c4d\"}`.",
		Bad: Example{Kind: policy.Resource, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PublicRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::example-reports/*"
        }
    ]
}`},
		Good: Example{Kind: policy.Resource, Policy: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "OrganizationRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::example-reports/*",
            "Condition": {
                "StringEquals": {
                    "aws:PrincipalOrgID": "o-a1b2c3d4e5"
                }
            }
        }
    ]
}`},
		check: checkResourcePublic,
	},
}

// Policy kinds.

// kindGrants reports whether Allow statements of policies of kind k grant
// permissions. SCPs, RCPs, permissions boundaries, session policies and
// VPC endpoint policies only set the most that other policies can grant
// (access_policies.md: "Session policies limit permissions for a created
// session, but do not grant permissions"); trust policies grant sts:
// actions only, which rules of their own check.
func kindGrants(k policy.Kind) bool {
	return k == policy.Identity || k == policy.Resource
}

// kindIdentityLike reports whether Resource "*" in a policy of kind k
// means every resource of the account and the policy grants it: identity-
// based policies.
func kindIdentityLike(k policy.Kind) bool {
	return k == policy.Identity
}

// Actions and resources.

// isEveryAction reports whether an Action entry names every action: "*",
// "*:*" or more stars.
func isEveryAction(s string) bool {
	svc, act, ok := strings.Cut(s, ":")
	if !ok {
		return s != "" && strings.Trim(s, "*") == ""
	}
	return svc != "" && act != "" && strings.Trim(svc, "*") == "" && strings.Trim(act, "*") == ""
}

// starItem returns the index of the "*" entry of a Resource (not
// NotResource) element, or -1.
func starItem(l *policy.List) int {
	if l == nil || l.Not {
		return -1
	}
	for i, v := range l.Items {
		if v.Text == "*" {
			return i
		}
	}
	return -1
}

// coversEveryResource reports whether a statement applies to every
// resource: Resource "*", or NotResource (which covers every resource but
// the listed ones) unless NotResource itself lists "*".
func coversEveryResource(st *policy.Statement) bool {
	r := st.Resource
	if r == nil {
		return false
	}
	if !r.Not {
		return starItem(r) >= 0
	}
	for _, v := range r.Items {
		if v.Text == "*" {
			return false
		}
	}
	return true
}

// isUnscoped reports whether st allows its actions on every resource
// without a condition: cloudsplaining's "without resource constraints".
func isUnscoped(st *policy.Statement) bool {
	return st.Effect == policy.Allow && st.Action != nil && len(st.Conditions) == 0 && coversEveryResource(st)
}

// resourcePhrase says which resources an unscoped statement covers.
func resourcePhrase(st *policy.Statement) string {
	if st.Resource.Not {
		return "every resource outside NotResource"
	}
	return `every resource ("*")`
}

// elementPath is the JSON path of a statement's Action, NotAction,
// Resource or NotResource element as a whole.
func elementPath(st *policy.Statement, l *policy.List, base string) string {
	if l.Not {
		base = "Not" + base
	}
	return statementPath(st) + "." + base
}

// elementEnd is where an Action or Resource element ends: past its last
// value, or its key when it has none.
func elementEnd(l *policy.List) policy.Pos {
	if n := len(l.Items); n > 0 {
		return l.Items[n-1].End
	}
	return l.Pos
}

// actionPatterns is a statement's Action or NotAction entries, ready to
// test many lower-case action names against. Long lists are indexed by
// service prefix.
type actionPatterns struct {
	linter  *Linter
	st      *policy.Statement
	not     bool
	entries []actionEntry    // one per Action entry
	anySvc  bool             // some entry has no literal service prefix
	index   map[string][]int // service prefix -> indexes of its entries, for long lists
	wild    []int            // with index: the entries without a literal prefix
}

// actionEntry is one entry of actionPatterns.
type actionEntry struct {
	service string            // the literal service prefix, lower case; "" when it has a wildcard
	match   *wildcard.Pattern // compiled by Linter.actionPattern on first use
}

// indexFrom is the length from which an Action list is indexed.
const indexFrom = 16

func newActionPatterns(l *Linter, st *policy.Statement) *actionPatterns {
	n := len(st.Action.Items)
	a := &actionPatterns{linter: l, st: st, not: st.Action.Not, entries: make([]actionEntry, n)}
	if n >= indexFrom {
		a.index = map[string][]int{}
	}
	for i, v := range st.Action.Items {
		if j := strings.IndexAny(v.Text, ":*?"); j > 0 && v.Text[j] == ':' {
			a.entries[i].service = strings.ToLower(v.Text[:j])
		} else {
			a.anySvc = true
		}
		if a.index != nil {
			if svc := a.entries[i].service; svc != "" {
				a.index[svc] = append(a.index[svc], i)
			} else {
				a.wild = append(a.wild, i)
			}
		}
	}
	return a
}

// match reports whether entry i matches the lower-case action name.
func (a *actionPatterns) match(i int, name string) bool {
	e := &a.entries[i]
	if e.match == nil {
		e.match = a.linter.actionPattern(a.st.Action.Items[i].Text)
	}
	return e.match.Match(name)
}

// firstMatch returns the index of the first entry that matches the
// lower-case action name, or -1.
func (a *actionPatterns) firstMatch(name string) int {
	svc, _, _ := strings.Cut(name, ":")
	if a.index == nil {
		for i, e := range a.entries {
			if (e.service == "" || e.service == svc) && a.match(i, name) {
				return i
			}
		}
		return -1
	}
	best := -1
	for _, i := range a.index[svc] {
		if a.match(i, name) {
			best = i
			break
		}
	}
	for _, i := range a.wild {
		if best >= 0 && i > best {
			break
		}
		if a.match(i, name) {
			best = i
			break
		}
	}
	return best
}

// grants reports whether the statement's Action element covers the
// lower-case action name, and which entry matches it (-1 for NotAction,
// where it is the absence of a match that grants).
func (a *actionPatterns) grants(name string) (item int, ok bool) {
	i := a.firstMatch(name)
	if a.not {
		return -1, i < 0
	}
	return i, i >= 0
}

// candidates returns the indexes into t of the actions the statement may
// grant: those of the services its entries name, or all of them for
// NotAction and entries with a wildcard service prefix. They are in list
// order.
func (a *actionPatterns) candidates(t *actionTable) []int {
	if a.not || a.anySvc {
		return t.all
	}
	var out []int
	seen := map[string]bool{}
	for _, e := range a.entries {
		if svc := e.service; !seen[svc] {
			seen[svc] = true
			out = append(out, t.byService[svc]...)
		}
	}
	sort.Ints(out)
	return out
}

// actionPattern compiles an Action entry for matching against lower-case
// action names, remembering it for later documents. IAM matches action
// names ignoring case; the entry is lower-cased in ASCII only, since
// action names are ASCII, so that no other letter (the Kelvin sign, which
// Unicode lowers to k) can come to match one.
func (l *Linter) actionPattern(text string) *wildcard.Pattern {
	return l.compiledActions.get(text, func() *wildcard.Pattern { return wildcard.Compile(lowerASCII(text)) })
}

// lowerASCII maps A-Z in s to a-z and leaves every other byte alone.
func lowerASCII(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return 'A' <= r && r <= 'Z' })
	if i < 0 {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// actionTable is a list of actions this file checks for, limited to those
// the catalog knows.
type actionTable struct {
	names     []string // lower case, in list order
	display   []string // as the catalog spells them
	all       []int    // 0..len(names)-1
	byService map[string][]int
}

func newActionTable(cat *catalog.Catalog, names []string) *actionTable {
	t := &actionTable{byService: map[string][]int{}}
	for _, n := range names {
		a, ok := cat.Action(n)
		if !ok {
			continue
		}
		i := len(t.names)
		t.names = append(t.names, strings.ToLower(n))
		t.display = append(t.display, a.FullName())
		t.all = append(t.all, i)
		svc := strings.ToLower(a.Service)
		t.byService[svc] = append(t.byService[svc], i)
	}
	return t
}

// securityTables are the action lists of this file for one catalog.
type securityTables struct {
	permissions, credentials, dataRead *actionTable
	// methods are the escalation methods whose actions the catalog has.
	methods []escalationMethod
}

// securityTables returns the action lists of this file for the linter's
// catalog.
func (l *Linter) securityTables() *securityTables {
	return l.tables.get(func() *securityTables { return newSecurityTables(l.catalog) })
}

func newSecurityTables(cat *catalog.Catalog) *securityTables {
	var pm []string
	for _, s := range cat.Services() {
		for _, a := range s.Actions {
			if a.HasAccessLevel(catalog.PermissionsManagement) {
				pm = append(pm, strings.ToLower(a.FullName()))
			}
		}
	}
	t := &securityTables{
		permissions: newActionTable(cat, pm),
		credentials: newActionTable(cat, credentialActions),
		dataRead:    newActionTable(cat, dataExfiltrationActions),
	}
	for _, m := range escalationMethods {
		known := true
		for _, a := range m.actions {
			if _, ok := cat.Action(a); !ok {
				known = false
				break
			}
		}
		if known {
			t.methods = append(t.methods, m)
		}
	}
	return t
}

// unconditionalDenials returns the Deny statements that deny their actions
// on every resource ("*") without a condition. What they deny is taken out
// of what a policy allows unscoped, as cloudsplaining does.
func unconditionalDenials(c *checker) []*actionPatterns {
	var out []*actionPatterns
	for _, st := range c.doc.Statements {
		if st.Effect == policy.Deny && st.Action != nil && len(st.Conditions) == 0 && starItem(st.Resource) >= 0 {
			out = append(out, newActionPatterns(c.linter, st))
		}
	}
	return out
}

func deniedByAny(denials []*actionPatterns, name string) bool {
	for _, d := range denials {
		if _, ok := d.grants(name); ok {
			return true
		}
	}
	return false
}

// reportAtAction reports a finding at the Action entry of st with index
// item, or at the whole NotAction element when item is -1.
func reportAtAction(c *checker, st *policy.Statement, item int, msg string) {
	if item >= 0 && item < len(st.Action.Items) {
		c.reportValue(st.Action.Items[item], listPath(st, st.Action, "Action", item), "%s", msg)
		return
	}
	c.report(st.Action.Pos, elementEnd(st.Action), elementPath(st, st.Action, "Action"), "%s", msg)
}

// Principals.

// delegatesToAccounts reports whether every principal of st is a whole
// AWS account (an account ID or its root ARN). A resource-based policy
// that grants to an account leaves the decision to the account's IAM
// policies, as the default KMS key policy does.
func delegatesToAccounts(st *policy.Statement) bool {
	p := st.Principal
	if p == nil || p.Not || p.Any || len(p.Entries) == 0 {
		return false
	}
	for _, e := range p.Entries {
		if e.Type != policy.PrincipalAWS {
			return false
		}
		if policy.IsAccountID(e.Text) {
			continue
		}
		f, ok := policy.SplitARN(e.Text)
		if !ok || f[2] != "iam" || f[5] != "root" || !policy.IsAccountID(f[4]) {
			return false
		}
	}
	return true
}

// anyPrincipal finds the "*" principal of an Allow statement: "Principal":
// "*" or {"AWS": "*"}. It returns where it stands and its path.
func anyPrincipal(st *policy.Statement) (pos, end policy.Pos, path string, ok bool) {
	p := st.Principal
	if st.Effect != policy.Allow || p == nil || p.Not {
		return
	}
	if p.Any {
		return p.Pos, p.Pos, statementPath(st) + ".Principal", true
	}
	n := 0
	for _, e := range p.Entries {
		if e.Type != policy.PrincipalAWS {
			continue
		}
		if e.Text == "*" {
			return e.Pos, e.End, fmt.Sprintf("%s.Principal.AWS[%d]", statementPath(st), n), true
		}
		n++
	}
	return
}

// principalPath is the JSON path of the i-th principal of one type.
func principalPath(st *policy.Statement, typ policy.PrincipalType, i int) string {
	return fmt.Sprintf("%s.Principal.%s[%d]", statementPath(st), typ, i)
}

// Conditions.

// Keys whose condition, with a positive operator and fixed values, limits
// who can call: in role trust policies (trustLimitingKeys) and in
// resource-based policies (publicLimitingKeys). Lower case.
var (
	trustLimitingKeys = keySet(
		"aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",
		"aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceOwner",
		"aws:userid",
	)
	// After Amazon S3's meaning of "public" (fixed aws:SourceIp ranges,
	// aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner,
	// aws:SourceAccount, aws:userid), with the organization, principal and
	// VPC endpoint keys added since, and KMS's kms:CallerAccount.
	publicLimitingKeys = keySet(
		"aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
		"aws:PrincipalServiceName", "aws:userid",
		"aws:SourceAccount", "aws:SourceArn", "aws:SourceOwner", "aws:SourceOrgID", "aws:SourceOrgPaths",
		"aws:SourceIp", "aws:SourceVpc", "aws:SourceVpcArn", "aws:SourceVpce",
		"aws:VpceAccount", "aws:VpceOrgID", "aws:VpceOrgPaths",
		"s3:DataAccessPointAccount", "s3:DataAccessPointArn", "kms:CallerAccount",
	)
	// The keys Access Analyzer names for service principals
	// (RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL), and the older
	// aws:SourceOwner.
	sourceKeys = keySet("aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceOwner")
)

func keySet(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[strings.ToLower(k)] = true
	}
	return m
}

// limitingCondition returns the first condition of st on one of keys
// that limits the key to fixed values with a positive operator, or nil.
// Negated operators, IfExists (true when the key is absent, as it is for
// anonymous callers) and ForAllValues (likewise) do not limit.
func limitingCondition(st *policy.Statement, keys map[string]bool) *policy.Condition {
	for _, cond := range st.Conditions {
		op := cond.Operator
		if !keys[strings.ToLower(cond.Key.Text)] || op.Negated || op.IfExists || op.Qualifier == policy.ForAllValues {
			continue
		}
		switch op.Family {
		case policy.FamilyString, policy.FamilyARN, policy.FamilyIP:
		default:
			continue
		}
		if len(cond.Values) > 0 && allFixedValues(cond) {
			return cond
		}
	}
	return nil
}

// allFixedValues reports whether every value of a condition is fixed
// enough to limit the caller; the values are OR'ed, so one broad value
// admits everyone.
func allFixedValues(cond *policy.Condition) bool {
	for _, v := range cond.Values {
		if !fixedValue(cond.Operator, v.Text) {
			return false
		}
	}
	return true
}

// fixedValue reports whether a condition value names something specific:
// not a pattern that admits nearly anything ("*", "o-*", "vpce-*"), not an
// ARN with a wildcard account, not an IP range that covers every address.
// A Like pattern counts as fixed when it is an ARN with a literal account
// (or, without an account, a literal start of the resource part), or when
// its literal start is long enough to pin one organization, role or
// endpoint down ("o-a1b2c3d4e5/*", "AROAEXAMPLEID:*").
func fixedValue(op policy.Operator, v string) bool {
	if op.Family == policy.FamilyIP {
		p, ok := policy.ParseIPRange(v)
		return !ok || p.Bits() > 0
	}
	if v == "" {
		return false
	}
	if op.Compare != policy.CompareLike || !wildcard.HasWildcard(v) {
		return true
	}
	if f, ok := policy.SplitARN(v); ok && f[0] == "arn" {
		if policy.IsAccountID(f[4]) {
			return true
		}
		return f[4] == "" && f[5] != "" && !wildcard.HasWildcard(f[5][:1])
	}
	return strings.IndexAny(v, "*?") >= minFixedPrefix
}

// minFixedPrefix is how many literal characters a pattern needs before
// its first wildcard to count as fixed: an organization ID (o- and at
// least 10 characters) passes, a resource-type prefix such as "vpce-"
// does not.
const minFixedPrefix = 8

// conditionsOn returns the conditions of st on the key, ignoring case.
func conditionsOn(st *policy.Statement, key string) []*policy.Condition {
	var out []*policy.Condition
	for _, cond := range st.Conditions {
		if strings.EqualFold(cond.Key.Text, key) {
			out = append(out, cond)
		}
	}
	return out
}

// isPositiveStringCondition reports whether a condition compares its key
// with a positive string operator, the only kind that can limit a claim.
func isPositiveStringCondition(cond *policy.Condition) bool {
	return cond.Operator.Family == policy.FamilyString && !cond.Operator.Negated
}

// Checks.

func checkAdminStar(c *checker) {
	if !c.kindIs(kindGrants) {
		return
	}
	// In a resource-based policy "*" is the resource the policy is
	// attached to.
	where := `every resource ("*")`
	if c.kindIs(isResource) {
		where = `the resource the policy is attached to ("*")`
	}
	for _, st := range c.doc.Statements {
		i := c.adminItem(st)
		if i < 0 {
			continue
		}
		v := st.Action.Items[i]
		path := listPath(st, st.Action, "Action", i)
		if len(st.Conditions) == 0 {
			c.reportValue(v, path, "%s allows every action (%q) on %s without a condition", statementName(st), v.Text, where)
			continue
		}
		keys, ok := nonLimitingConditionKeys(st)
		if !ok {
			continue
		}
		noun, verb := "condition", "does"
		if len(keys) > 1 {
			noun, verb = "conditions", "do"
		}
		c.reportAt(Warning, v.Pos, v.End, path, "%s allows every action (%q) on %s; its %s on %s %s not limit the grant",
			statementName(st), v.Text, where, noun, listSome(keys, 3), verb)
	}
}

// nonLimitingKeys are condition keys that say nothing about who the
// caller is or which resources a request reaches: they require TLS, MFA,
// a Region, a time or a calling service. Lower case; aws:CalledVia,
// aws:CalledViaFirst and aws:CalledViaLast are matched by prefix.
var nonLimitingKeys = keySet(
	"aws:SecureTransport", "aws:RequestedRegion", "aws:CurrentTime", "aws:EpochTime",
	"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "aws:ViaAWSService",
)

// nonLimitingConditionKeys returns the keys of st's conditions, each once
// as first written, when every one of them is a key of nonLimitingKeys.
func nonLimitingConditionKeys(st *policy.Statement) ([]string, bool) {
	var keys []string
	seen := map[string]bool{}
	for _, cond := range st.Conditions {
		lower := strings.ToLower(cond.Key.Text)
		if !nonLimitingKeys[lower] && !strings.HasPrefix(lower, "aws:calledvia") {
			return nil, false
		}
		if !seen[lower] {
			seen[lower] = true
			keys = append(keys, cond.Key.Text)
		}
	}
	return keys, len(keys) > 0
}

// fullAdminItem returns the Action entry by which st allows every action
// on every resource without a condition (what admin-star reports as an
// error), or -1. The rules for narrower risks (iam:PassRole, privilege
// escalation, exposure) leave such statements to admin-star: one finding
// says it all.
func (c *checker) fullAdminItem(st *policy.Statement) int {
	if len(st.Conditions) > 0 {
		return -1
	}
	return c.adminItem(st)
}

// adminItem returns the Action entry by which st allows every action on
// Resource "*", whatever its conditions, or -1.
func (c *checker) adminItem(st *policy.Statement) int {
	if st.Effect != policy.Allow || st.Action == nil || st.Action.Not || starItem(st.Resource) < 0 {
		return -1
	}
	if delegatesToAccounts(st) && c.kindIs(isResource) {
		return -1
	}
	for i, v := range st.Action.Items {
		if isEveryAction(v.Text) {
			return i
		}
	}
	return -1
}

func checkServiceWildcard(c *checker) {
	if !c.kindIs(kindGrants) {
		return
	}
	for _, st := range c.doc.Statements {
		if st.Effect != policy.Allow || st.Action == nil || st.Action.Not || len(st.Conditions) > 0 {
			continue
		}
		if delegatesToAccounts(st) && c.kindIs(isResource) {
			continue
		}
		adminStar := starItem(st.Resource) >= 0
		for i, v := range st.Action.Items {
			path := listPath(st, st.Action, "Action", i)
			if isEveryAction(v.Text) {
				if !adminStar {
					c.reportValue(v, path, "%s allows every action of every service (%q)", statementName(st), v.Text)
				}
				continue
			}
			svc, act, ok := strings.Cut(v.Text, ":")
			if !ok || svc == "" || wildcard.HasWildcard(svc) || act == "" || strings.Trim(act, "*") != "" {
				continue
			}
			s, known := c.linter.catalog.Service(svc)
			if !known {
				continue // action-unknown-service reports it; it grants nothing
			}
			c.reportValue(v, path, "%s allows every action of service %s (%q)", statementName(st), s.Prefix, v.Text)
		}
	}
}

func checkAllowNot(c *checker) {
	if !c.kindIs(kindGrants) {
		return
	}
	for _, st := range c.doc.Statements {
		if st.Effect != policy.Allow {
			continue
		}
		if a := st.Action; a != nil && a.Not {
			c.report(a.Pos, elementEnd(a), elementPath(st, a, "Action"), "%s allows every action that NotAction does not list, including actions AWS adds later", statementName(st))
		}
		if r := st.Resource; r != nil && r.Not {
			c.report(r.Pos, elementEnd(r), elementPath(st, r, "Resource"), "%s allows its actions on every resource that NotResource does not list", statementName(st))
		}
	}
}

// checkPassRole reports iam:PassRole on every role. The six Access
// Analyzer variants are the ways of spelling the action (iam:PassRole, a
// wildcard, NotAction) times the ways of spelling the resource ("*" or a
// role wildcard, NotResource).
func checkPassRole(c *checker) {
	if !c.kindIs(kindIdentityLike) {
		return
	}
	if _, ok := c.linter.catalog.Action("iam:PassRole"); !ok {
		return
	}
	for _, st := range c.doc.Statements {
		if st.Effect != policy.Allow || st.Action == nil || st.Resource == nil || limitsPassedToService(st) || c.fullAdminItem(st) >= 0 {
			continue
		}
		item, ok := newActionPatterns(c.linter, st).grants("iam:passrole")
		if !ok {
			continue
		}
		var how string
		switch {
		case st.Action.Not:
			how = " (through NotAction)"
		case !strings.EqualFold(st.Action.Items[item].Text, "iam:PassRole"):
			how = fmt.Sprintf(" (through %q)", st.Action.Items[item].Text)
		}
		r := st.Resource
		if r.Not {
			if !coversEveryResource(st) {
				continue
			}
			c.report(r.Pos, elementEnd(r), elementPath(st, r, "Resource"), "%s allows iam:PassRole%s on every role that NotResource does not list, without an iam:PassedToService condition naming specific services", statementName(st), how)
			continue
		}
		for i, v := range r.Items {
			if isEveryRole(v.Text) {
				c.reportValue(v, listPath(st, r, "Resource", i), "%s allows iam:PassRole%s on %q without an iam:PassedToService condition naming specific services", statementName(st), how, v.Text)
				break
			}
		}
	}
}

// isEveryRole reports whether a Resource entry matches every role of an
// account: "*", or an IAM ARN whose resource part matches any role name
// ("role/*", "*"). A name or path prefix ("role/app-*", the service role
// conventions Access Analyzer accepts such as "role/Service*") is a scope.
func isEveryRole(resource string) bool {
	if strings.Trim(resource, "*") == "" {
		return resource != ""
	}
	f, ok := policy.SplitARN(resource)
	if !ok || !wildcard.MatchPieces([]wildcard.Piece{{Text: f[2]}}, "iam") {
		return false
	}
	// A made-up role name that no scope would list.
	return wildcard.MatchPieces([]wildcard.Piece{{Text: f[5]}}, "role/zq7-any-role-name")
}

// limitsPassedToService reports whether st limits iam:PassedToService with
// a positive string operator to named services.
func limitsPassedToService(st *policy.Statement) bool {
	for _, cond := range positiveConditionsOn(st, "iam:PassedToService") {
		if allFixedValues(cond) {
			return true
		}
	}
	return false
}

// escalationMethod is a set of actions that together let a principal
// raise its own permissions.
type escalationMethod struct {
	name    string
	actions []string // lower case
}

// escalationMethods are cloudsplaining's PRIVILEGE_ESCALATION_METHODS
// (salesforce/cloudsplaining, cloudsplaining/shared/constants.py, BSD
// 3-Clause; the action names are AWS's): the 22 methods of Rhino Security
// Labs' research, then the paths of pathfinding.cloud.
var escalationMethods = []escalationMethod{
	// 1. Permissions on other users.
	{"CreateAccessKey", []string{"iam:createaccesskey"}},
	{"CreateLoginProfile", []string{"iam:createloginprofile"}},
	{"UpdateLoginProfile", []string{"iam:updateloginprofile"}},
	{"AddUserToGroup", []string{"iam:addusertogroup"}},
	// 2. Permissions on policies.
	{"CreateNewPolicyVersion", []string{"iam:createpolicyversion"}},
	{"SetExistingDefaultPolicyVersion", []string{"iam:setdefaultpolicyversion"}},
	{"AttachUserPolicy", []string{"iam:attachuserpolicy"}},
	{"AttachGroupPolicy", []string{"iam:attachgrouppolicy"}},
	{"AttachRolePolicy", []string{"iam:attachrolepolicy"}},
	{"PutUserPolicy", []string{"iam:putuserpolicy"}},
	{"PutGroupPolicy", []string{"iam:putgrouppolicy"}},
	{"PutRolePolicy", []string{"iam:putrolepolicy"}},
	// 3. Updating a trust policy.
	{"UpdateRolePolicyToAssumeIt", []string{"iam:updateassumerolepolicy"}},
	// 4. Passing a role to a new compute or workflow resource.
	{"CreateEC2WithExistingIP", []string{"iam:passrole", "ec2:runinstances"}},
	{"PassExistingRoleToNewLambdaThenInvoke", []string{"iam:passrole", "lambda:createfunction", "lambda:invokefunction"}},
	{"PassExistingRoleToNewLambdaThenTriggerWithNewDynamo", []string{"iam:passrole", "lambda:createfunction", "lambda:createeventsourcemapping", "dynamodb:createtable", "dynamodb:putitem"}},
	{"PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo", []string{"iam:passrole", "lambda:createfunction", "lambda:createeventsourcemapping"}},
	{"PassExistingRoleToNewGlueDevEndpoint", []string{"iam:passrole", "glue:createdevendpoint"}},
	{"PassExistingRoleToCloudFormation", []string{"iam:passrole", "cloudformation:createstack"}},
	{"PassExistingRoleToNewDataPipeline", []string{"iam:passrole", "datapipeline:createpipeline"}},
	// 5. Changing an existing resource that runs with a role.
	{"UpdateExistingGlueDevEndpoint", []string{"glue:updatedevendpoint"}},
	{"EditExistingLambdaFunctionWithRole", []string{"lambda:updatefunctioncode"}},
	// pathfinding.cloud: existing resources.
	{"AccessExistingBedrockCodeInterpreterSession", []string{"bedrock-agentcore:startcodeinterpretersession", "bedrock-agentcore:invokecodeinterpreter"}},
	{"ExecuteCloudFormationChangeSet", []string{"cloudformation:createchangeset", "cloudformation:executechangeset"}},
	{"ModifyEC2InstanceUserDataThenRestart", []string{"ec2:modifyinstanceattribute", "ec2:stopinstances", "ec2:startinstances"}},
	{"ModifyExistingEC2LaunchTemplate", []string{"ec2:createlaunchtemplateversion", "ec2:modifylaunchtemplate"}},
	{"EC2InstanceConnectSendSSHPublicKey", []string{"ec2-instance-connect:sendsshpublickey", "ec2:describeinstances"}},
	{"ECSExecuteCommandOnRunningTask", []string{"ecs:executecommand", "ecs:describetasks"}},
	{"UpdateAndInvokeLambdaFunction", []string{"lambda:updatefunctioncode", "lambda:invokefunction"}},
	{"UpdateLambdaFunctionAndAddPermission", []string{"lambda:updatefunctioncode", "lambda:addpermission"}},
	{"CreatePresignedSageMakerNotebookUrl", []string{"sagemaker:createpresignednotebookinstanceurl"}},
	{"UpdateSageMakerNotebookLifecycleConfig", []string{"sagemaker:createnotebookinstancelifecycleconfig", "sagemaker:stopnotebookinstance", "sagemaker:updatenotebookinstance", "sagemaker:startnotebookinstance"}},
	// pathfinding.cloud: passing a role to a new resource.
	{"PassExistingRoleToNewAppRunnerService", []string{"iam:passrole", "apprunner:createservice"}},
	{"PassExistingRoleToNewBedrockCodeInterpreter", []string{"iam:passrole", "bedrock-agentcore:createcodeinterpreter", "bedrock-agentcore:startcodeinterpretersession", "bedrock-agentcore:invokecodeinterpreter"}},
	{"PassExistingRoleToNewCloudFormationStackSet", []string{"iam:passrole", "cloudformation:createstackset", "cloudformation:createstackinstances"}},
	{"PassRoleToUpdateCloudFormationStackSet", []string{"iam:passrole", "cloudformation:updatestackset"}},
	{"PassExistingRoleToNewCodeBuildProjectThenBuild", []string{"iam:passrole", "codebuild:createproject", "codebuild:startbuild"}},
	{"PassExistingRoleToNewCodeBuildProjectThenBuildBatch", []string{"iam:passrole", "codebuild:createproject", "codebuild:startbuildbatch"}},
	{"PassExistingRoleToNewEC2SpotInstance", []string{"iam:passrole", "ec2:requestspotinstances"}},
	{"PassExistingRoleToNewECSClusterServiceTask", []string{"iam:passrole", "ecs:createcluster", "ecs:registertaskdefinition", "ecs:createservice"}},
	{"PassExistingRoleToNewECSClusterRunTask", []string{"iam:passrole", "ecs:createcluster", "ecs:registertaskdefinition", "ecs:runtask"}},
	{"PassExistingRoleToNewECSService", []string{"iam:passrole", "ecs:registertaskdefinition", "ecs:createservice"}},
	{"PassExistingRoleToNewECSTaskViaRunTask", []string{"iam:passrole", "ecs:registertaskdefinition", "ecs:runtask"}},
	{"PassExistingRoleToNewECSTaskViaStartTask", []string{"iam:passrole", "ecs:registertaskdefinition", "ecs:starttask"}},
	{"PassExistingRoleToNewGlueJobThenRun", []string{"iam:passrole", "glue:createjob", "glue:startjobrun"}},
	{"PassExistingRoleToNewGlueJobViaTrigger", []string{"iam:passrole", "glue:createjob", "glue:createtrigger"}},
	{"PassExistingRoleToUpdatedGlueJobThenRun", []string{"iam:passrole", "glue:updatejob", "glue:startjobrun"}},
	{"PassExistingRoleToUpdatedGlueJobViaTrigger", []string{"iam:passrole", "glue:updatejob", "glue:createtrigger"}},
	{"PassExistingRoleToNewLambdaThenAddPermission", []string{"iam:passrole", "lambda:createfunction", "lambda:addpermission"}},
	{"PassExistingRoleToNewSageMakerNotebookInstance", []string{"iam:passrole", "sagemaker:createnotebookinstance"}},
	{"PassExistingRoleToNewSageMakerTrainingJob", []string{"iam:passrole", "sagemaker:createtrainingjob"}},
	{"PassExistingRoleToNewSageMakerProcessingJob", []string{"iam:passrole", "sagemaker:createprocessingjob"}},
	// pathfinding.cloud: principal access.
	{"CreateAndRotateAccessKey", []string{"iam:createaccesskey", "iam:deleteaccesskey"}},
	{"AttachUserPolicyThenCreateAccessKey", []string{"iam:attachuserpolicy", "iam:createaccesskey"}},
	{"CreatePolicyVersionThenAssumeRole", []string{"iam:createpolicyversion", "sts:assumerole"}},
	{"PutUserPolicyThenCreateAccessKey", []string{"iam:putuserpolicy", "iam:createaccesskey"}},
	{"AttachRolePolicyThenUpdateAssumeRolePolicy", []string{"iam:attachrolepolicy", "iam:updateassumerolepolicy"}},
	{"CreatePolicyVersionThenUpdateAssumeRolePolicy", []string{"iam:createpolicyversion", "iam:updateassumerolepolicy"}},
	{"PutRolePolicyThenUpdateAssumeRolePolicy", []string{"iam:putrolepolicy", "iam:updateassumerolepolicy"}},
}

// unscopedGrant is where a policy allows an action unscoped: the statement
// (an index into the unscoped statements) and its Action entry (-1 for
// NotAction).
type unscopedGrant struct {
	set, item int
	ok        bool
}

// unscopedGrants finds, for lower-case action names of the catalog, the
// first unscoped Allow statement that grants them and no unconditional
// Deny removes.
type unscopedGrants struct {
	cat     *catalog.Catalog
	allows  []*actionPatterns
	denials []*actionPatterns
	seen    map[string]unscopedGrant
}

func newUnscopedGrants(c *checker) *unscopedGrants {
	g := &unscopedGrants{cat: c.linter.catalog, seen: map[string]unscopedGrant{}}
	for _, st := range c.doc.Statements {
		if isUnscoped(st) && c.fullAdminItem(st) < 0 {
			g.allows = append(g.allows, newActionPatterns(c.linter, st))
		}
	}
	if len(g.allows) > 0 {
		g.denials = unconditionalDenials(c)
	}
	return g
}

func (g *unscopedGrants) lookup(name string) unscopedGrant {
	if r, ok := g.seen[name]; ok {
		return r
	}
	var r unscopedGrant
	if !deniedByAny(g.denials, name) {
		for i, a := range g.allows {
			if item, ok := a.grants(name); ok {
				r = unscopedGrant{set: i, item: item, ok: true}
				break
			}
		}
	}
	g.seen[name] = r
	return r
}

// displayName returns the catalog's spelling of a lower-case action name.
func displayName(cat *catalog.Catalog, name string) string {
	if a, ok := cat.Action(name); ok {
		return a.FullName()
	}
	return name
}

func checkPrivilegeEscalation(c *checker) {
	if !c.kindIs(kindIdentityLike) {
		return
	}
	g := newUnscopedGrants(c)
	if len(g.allows) == 0 {
		return
	}
	methods := c.linter.securityTables().methods
	var found []int
	for mi, m := range methods {
		all := true
		for _, a := range m.actions {
			if !g.lookup(a).ok {
				all = false
				break
			}
		}
		if all {
			found = append(found, mi)
		}
	}
	found = minimalMethods(methods, found)
	if len(found) == 0 {
		return
	}
	// Methods reported at the same Action entry and allowed by the same
	// statements make one finding: "iam:*" allows thirteen methods, and
	// one message naming them says as much as thirteen.
	type group struct {
		set, item int
		with      string   // the other statements, for the message
		names     []string // method names
		msg       string   // the message of the first method
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, mi := range found {
		m := methods[mi]
		first, item := -1, -1
		var others []int
		for _, a := range m.actions {
			r := g.seen[a]
			if first < 0 || r.set < first {
				first, item = r.set, r.item
			}
		}
		for _, a := range m.actions {
			if r := g.seen[a]; r.set != first && !slices.Contains(others, r.set) {
				others = append(others, r.set)
			}
		}
		sort.Ints(others)
		with := ""
		if len(others) > 0 {
			names := make([]string, len(others))
			for i, o := range others {
				names[i] = statementName(g.allows[o].st)
			}
			with = " (with " + strings.Join(names, ", ") + ")"
		}
		key := fmt.Sprint(first, item, others)
		gr, ok := byKey[key]
		if !ok {
			actions := make([]string, len(m.actions))
			for i, a := range m.actions {
				actions[i] = displayName(g.cat, a)
			}
			msg := fmt.Sprintf("%s allows privilege escalation by %s: %s%s", statementName(g.allows[first].st), m.name, strings.Join(actions, ", "), with)
			gr = &group{set: first, item: item, with: with, msg: msg}
			byKey[key] = gr
			groups = append(groups, gr)
		}
		gr.names = append(gr.names, m.name)
	}
	for _, gr := range groups {
		st := g.allows[gr.set].st
		msg := gr.msg
		if len(gr.names) > 1 {
			msg = fmt.Sprintf("%s allows privilege escalation by %d methods: %s%s", statementName(st), len(gr.names), listSome(gr.names, 3), gr.with)
		}
		reportAtAction(c, st, gr.item, msg)
	}
}

// minimalMethods drops the found methods (indexes into methods) that
// include every action of another found method: granting
// iam:CreateAccessKey already escalates, so CreateAndRotateAccessKey adds
// nothing. Of two methods with the same actions the first stays.
func minimalMethods(methods []escalationMethod, found []int) []int {
	var out []int
	for _, mi := range found {
		subsumed := false
		for _, mj := range found {
			if mj != mi && includesAll(methods[mi].actions, methods[mj].actions) &&
				(len(methods[mj].actions) < len(methods[mi].actions) || mj < mi) {
				subsumed = true
				break
			}
		}
		if !subsumed {
			out = append(out, mi)
		}
	}
	return out
}

// includesAll reports whether every element of sub is in set.
func includesAll(set, sub []string) bool {
	for _, s := range sub {
		if !slices.Contains(set, s) {
			return false
		}
	}
	return true
}

func checkResourceExposure(c *checker) {
	checkListedUnscoped(c, c.linter.securityTables().permissions, "permissions-management actions")
}

// credentialActions are the actions whose response carries credentials:
// cloudsplaining's ACTIONS_THAT_RETURN_CREDENTIALS (salesforce/cloudsplaining,
// cloudsplaining/shared/constants.py, BSD 3-Clause; the action names are
// AWS's), with its misspelt gamelist: prefix corrected to gamelift:, and
// without the actions whose credentials give the caller nothing it does
// not have: sts:GetSessionToken needs no permission; Amazon Cognito's
// GetOpenIdToken and GetCredentialsForIdentity are public APIs that need
// none either; ecr:GetAuthorizationToken and
// ecr-public:GetAuthorizationToken return a token that carries the
// caller's own permissions (checkov leaves the former out for that
// reason). Names the catalog does not list (connect:GetFederationTokens,
// sso:GetRoleCredentials, whose portal API IAM does not authorize) are
// skipped when linting.
var credentialActions = []string{
	"airflow:createclitoken",
	"airflow:createweblogintoken",
	"appsync:createapikey",
	"chime:createapikey",
	"cloud9:createenvironmenttoken",
	"codeartifact:getauthorizationtoken",
	"codepipeline:pollforjobs",
	"cognito-identity:getopenidtokenfordeveloperidentity",
	"cognito-idp:getsigningcertificate",
	"connect:getfederationtoken",
	"connect:getfederationtokens",
	"ec2:getpassworddata",
	"emr-containers:getmanagedendpointsessioncredentials",
	"finspace-api:getprogrammaticaccesscredentials",
	"gamelift:requestuploadcredentials",
	"gamelift:getinstanceaccess",
	"gamelift:getcomputeaccess",
	"gamelift:getcomputeauthtoken",
	"grafana:createworkspaceapikey",
	"iam:createaccesskey",
	"iam:createloginprofile",
	"iam:createservicespecificcredential",
	"iam:resetservicespecificcredential",
	"iam:updateaccesskey",
	"license-manager:getaccesstoken",
	"lightsail:getinstanceaccessdetails",
	"lightsail:downloaddefaultkeypair",
	"lightsail:createbucketaccesskey",
	"lightsail:getrelationaldatabasemasteruserpassword",
	"mediapackage:rotatechannelcredentials",
	"mediapackage:rotateingestendpointcredentials",
	"rds-db:connect",
	"redshift:getclustercredentials",
	"redshift:getclustercredentialswithiam",
	"redshift-serverless:getcredentials",
	"sso:getrolecredentials",
	"sts:assumerole",
	"sts:assumerolewithsaml",
	"sts:assumerolewithwebidentity",
	"sts:getfederationtoken",
}

// dataExfiltrationActions are cloudsplaining's
// READ_ONLY_DATA_EXFILTRATION_ACTIONS.
var dataExfiltrationActions = []string{
	"s3:getobject",
	"ssm:getparameter",
	"ssm:getparameters",
	"ssm:getparametersbypath",
	"secretsmanager:getsecretvalue",
}

// checkListedUnscoped reports each unscoped statement that grants actions
// of the table, naming up to three of them in the order of the Action
// entries that grant them; what is the category's wording ("actions that
// return credentials").
func checkListedUnscoped(c *checker, t *actionTable, what string) {
	if !c.kindIs(kindIdentityLike) {
		return
	}
	g := newUnscopedGrants(c)
	if len(g.allows) == 0 {
		return
	}
	type hit struct {
		item int // the Action entry, -1 for NotAction
		name int // index into t
	}
	denied := map[int]bool{}
	for _, a := range g.allows {
		var hits []hit
		for _, i := range a.candidates(t) {
			item, ok := a.grants(t.names[i])
			if !ok {
				continue
			}
			d, seen := denied[i]
			if !seen {
				d = deniedByAny(g.denials, t.names[i])
				denied[i] = d
			}
			if !d {
				hits = append(hits, hit{item, i})
			}
		}
		if len(hits) == 0 {
			continue
		}
		sort.SliceStable(hits, func(x, y int) bool { return hits[x].item < hits[y].item })
		names := make([]string, len(hits))
		for j, h := range hits {
			names[j] = t.display[h.name]
		}
		st := a.st
		if len(names) == 1 {
			reportAtAction(c, st, hits[0].item, fmt.Sprintf("%s allows %s on %s: %s", statementName(st), what, resourcePhrase(st), names[0]))
			continue
		}
		reportAtAction(c, st, hits[0].item, fmt.Sprintf("%s allows %d %s on %s: %s", statementName(st), len(names), what, resourcePhrase(st), listSome(names, 3)))
	}
}

func checkCredentialsExposure(c *checker) {
	checkListedUnscoped(c, c.linter.securityTables().credentials, "actions that return credentials")
}

func checkDataExfiltration(c *checker) {
	checkListedUnscoped(c, c.linter.securityTables().dataRead, "data-read actions")
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

// positiveConditionsOn returns the conditions of st that compare the key
// with a positive string operator and have values.
func positiveConditionsOn(st *policy.Statement, key string) []*policy.Condition {
	var out []*policy.Condition
	for _, cond := range conditionsOn(st, key) {
		if isPositiveStringCondition(cond) && len(cond.Values) > 0 {
			out = append(out, cond)
		}
	}
	return out
}

func checkServicePrincipal(c *checker) {
	if !c.kindIs(isResource) {
		return
	}
	for _, st := range c.doc.Statements {
		if st.Effect != policy.Allow || st.Principal == nil || st.Principal.Not || hasSourceCondition(st) {
			continue
		}
		var services []string
		var first policy.Value
		for _, e := range st.Principal.Entries {
			if e.Type == policy.PrincipalService {
				if services == nil {
					first = e.Value
				}
				services = append(services, fmt.Sprintf("%q", e.Text))
			}
		}
		if len(services) == 0 {
			continue
		}
		noun := "service principal"
		if len(services) > 1 {
			noun = "service principals"
		}
		c.reportValue(first, principalPath(st, policy.PrincipalService, 0), "%s allows %s %s without a condition on aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths", statementName(st), noun, strings.Join(services, ", "))
	}
}

// hasSourceCondition reports whether st names the source a service acts
// for, with a positive operator.
func hasSourceCondition(st *policy.Statement) bool {
	for _, cond := range st.Conditions {
		if sourceKeys[strings.ToLower(cond.Key.Text)] && !cond.Operator.Negated && cond.Operator.Family != policy.FamilyNull && cond.Operator.Family != 0 && len(cond.Values) > 0 {
			return true
		}
	}
	return false
}

func checkResourcePublic(c *checker) {
	if !c.kindIs(isResource) {
		return
	}
	denials := limitingDenials(c.doc)
	for _, st := range c.doc.Statements {
		pos, end, path, ok := anyPrincipal(st)
		if !ok || limitingCondition(st, publicLimitingKeys) != nil || deniedOutsideLimits(c.linter, denials, st) {
			continue
		}
		if len(st.Conditions) == 0 {
			c.report(pos, end, path, "%s allows any principal (\"*\"), including anonymous callers where the service accepts them", statementName(st))
			continue
		}
		c.report(pos, end, path, "%s allows any principal (\"*\"): none of its conditions limits the caller's account, organization or network", statementName(st))
	}
}

// negatedLimitingOperators are the negated operators with which a Deny
// statement limits the callers of a resource-based policy to those a
// limiting key names: it denies everyone else.
var negatedLimitingOperators = map[string]bool{
	"StringNotEquals": true, "StringNotLike": true, "ArnNotEquals": true, "ArnNotLike": true, "NotIpAddress": true,
}

// limitingDenials returns the Deny statements of doc that deny every caller
// the limiting keys do not name: their principal is "*" (or {"AWS": "*"})
// and each of their conditions compares one of publicLimitingKeys with a
// negated operator (or its IfExists form; no set qualifier) and fixed
// values. Conditions are AND'ed, so such a statement denies every request
// that none of the keys admits.
func limitingDenials(doc *policy.Document) []*policy.Statement {
	var out []*policy.Statement
	for _, st := range doc.Statements {
		if st.Effect != policy.Deny || !isAnyone(st.Principal) || len(st.Conditions) == 0 {
			continue
		}
		limits := true
		for _, cond := range st.Conditions {
			op := cond.Operator
			if !negatedLimitingOperators[op.Base] || op.Qualifier != policy.NoQualifier ||
				!publicLimitingKeys[strings.ToLower(cond.Key.Text)] || len(cond.Values) == 0 || !allFixedValues(cond) {
				limits = false
				break
			}
		}
		if limits {
			out = append(out, st)
		}
	}
	return out
}

// isAnyone reports whether a Principal element is "*" or has {"AWS": "*"}.
func isAnyone(p *policy.Principal) bool {
	if p == nil || p.Not {
		return false
	}
	if p.Any {
		return true
	}
	for _, e := range p.Entries {
		if e.Type == policy.PrincipalAWS && e.Text == "*" {
			return true
		}
	}
	return false
}

// deniedOutsideLimits reports whether one of the limiting Deny statements
// covers every action and every resource of the Allow statement st.
func deniedOutsideLimits(l *Linter, denials []*policy.Statement, st *policy.Statement) bool {
	for _, d := range denials {
		if actionsCovered(l, d.Action, st.Action) && resourcesCovered(d.Resource, st.Resource) {
			return true
		}
	}
	return false
}

// actionsCovered reports whether a Deny statement's Action or NotAction
// (deny) covers every action of an Allow statement's (allow). Only sure
// answers count: an Allow with NotAction is covered by "*" alone.
func actionsCovered(l *Linter, deny, allow *policy.List) bool {
	if deny == nil || allow == nil || len(allow.Items) == 0 {
		return false
	}
	if allow.Not {
		if deny.Not {
			return false
		}
		for _, d := range deny.Items {
			if isEveryAction(d.Text) {
				return true
			}
		}
		return false
	}
	for _, a := range allow.Items {
		if !actionCovered(l, deny, a.Text) {
			return false
		}
	}
	return true
}

// actionCovered reports whether a Deny statement's Action or NotAction
// covers the Allow entry a: for Action, an entry that is "*", the same
// entry, the wildcard of a's service ("s3:*" for "s3:Get*") or a pattern
// that matches a (when a has no wildcard); for NotAction, no entry that
// can match an action of a.
func actionCovered(l *Linter, deny *policy.List, a string) bool {
	lower := lowerASCII(a)
	literal := !wildcard.HasWildcard(a)
	svc, _, ok := strings.Cut(lower, ":")
	literalSvc := ok && svc != "" && !wildcard.HasWildcard(svc)
	if deny.Not {
		for _, d := range deny.Items {
			if literal {
				if l.actionPattern(d.Text).Match(lower) {
					return false
				}
				continue
			}
			dsvc, _, _ := strings.Cut(lowerASCII(d.Text), ":")
			if !literalSvc || wildcard.HasWildcard(dsvc) || dsvc == svc {
				return false
			}
		}
		return true
	}
	for _, d := range deny.Items {
		switch dsvc, dact, dok := strings.Cut(lowerASCII(d.Text), ":"); {
		case isEveryAction(d.Text), lowerASCII(d.Text) == lower:
			return true
		case dok && literalSvc && dsvc == svc && dact != "" && strings.Trim(dact, "*") == "":
			return true
		case literal && l.actionPattern(d.Text).Match(lower):
			return true
		}
	}
	return false
}

// resourcesCovered reports whether a Deny statement's Resource (deny)
// covers every entry of an Allow statement's Resource (allow): "*", the
// same entry, a pattern that ends in * after a literal start of the entry,
// or a pattern that matches an entry without wildcards. NotResource in
// the Deny never counts, and an Allow with NotResource is covered by "*"
// alone.
func resourcesCovered(deny, allow *policy.List) bool {
	if deny == nil || allow == nil || deny.Not || len(allow.Items) == 0 {
		return false
	}
	if starItem(deny) >= 0 {
		return true
	}
	if allow.Not {
		return false
	}
	for _, a := range allow.Items {
		covered := false
		for _, d := range deny.Items {
			if resourceCovered(d.Text, a.Text) {
				covered = true
				break
			}
		}
		if !covered {
			return false
		}
	}
	return true
}

// resourceCovered reports whether the Deny entry d covers the Allow entry
// a. An entry with a policy variable counts only when it is the same text.
func resourceCovered(d, a string) bool {
	if d == a {
		return true
	}
	if strings.Contains(d, "${") {
		return false
	}
	if prefix, ok := strings.CutSuffix(d, "*"); ok && !wildcard.HasWildcard(prefix) && strings.HasPrefix(a, prefix) {
		return true
	}
	return !wildcard.HasWildcard(a) && !strings.Contains(a, "${") && wildcard.Compile(d).Match(a)
}
