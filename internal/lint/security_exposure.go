// Security rules about unscoped actions from cloudsplaining's lists:
// resource-exposure, credentials-exposure and data-exfiltration.

package lint

import (
	"fmt"
	"sort"

	"github.com/iamsim/iamsim/policy"
)

// exposureRules flag permissions-management, credential-returning and
// data-read actions allowed on every resource.
var exposureRules = []*Rule{
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
