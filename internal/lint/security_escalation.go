// Security rule privilege-escalation: sets of unscoped actions that let a
// principal raise its own permissions (cloudsplaining's methods).

package lint

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/iamsim/iamsim/internal/catalog"
	"github.com/iamsim/iamsim/policy"
)

// escalationRules flag combinations of actions that allow privilege
// escalation.
var escalationRules = []*Rule{
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
