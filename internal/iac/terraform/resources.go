package terraform

import (
	"github.com/iamsim/iamsim/policy"
)

// A policyAttr is an argument of a resource type that holds a policy
// document.
type policyAttr struct {
	// name is the argument; block, when set, the nested block type that
	// holds it (aws_iam_role's inline_policy).
	name, block string
	kind        policy.Kind
	// whole is set when the resource is the policy, so that the policy's
	// Path is "".
	whole bool
}

// policyAttrs lists the resource types of the AWS provider
// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs)
// whose arguments hold IAM policy documents, with the kind of each.
// aws_organizations_policy's kind follows its type argument.
var policyAttrs = map[string][]policyAttr{
	"aws_iam_policy":       {{name: "policy", kind: policy.Identity, whole: true}},
	"aws_iam_role_policy":  {{name: "policy", kind: policy.Identity, whole: true}},
	"aws_iam_user_policy":  {{name: "policy", kind: policy.Identity, whole: true}},
	"aws_iam_group_policy": {{name: "policy", kind: policy.Identity, whole: true}},
	"aws_iam_role": {
		{name: "assume_role_policy", kind: policy.Trust},
		{name: "policy", block: "inline_policy", kind: policy.Identity},
	},
	"aws_ssoadmin_permission_set_inline_policy": {{name: "inline_policy", kind: policy.Identity, whole: true}},
	"aws_transfer_user":                         {{name: "policy", kind: policy.Session}},
	"aws_organizations_policy":                  {{name: "content", kind: policy.SCP, whole: true}},

	"aws_s3_bucket_policy":                            {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_s3_bucket":                                   {{name: "policy", kind: policy.Resource}},
	"aws_s3_access_point":                             {{name: "policy", kind: policy.Resource}},
	"aws_s3control_bucket_policy":                     {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_s3control_access_point_policy":               {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_s3control_object_lambda_access_point_policy": {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_s3control_multi_region_access_point_policy":  {{name: "policy", block: "details", kind: policy.Resource}},
	"aws_sqs_queue_policy":                            {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_sqs_queue":                                   {{name: "policy", kind: policy.Resource}},
	"aws_sns_topic_policy":                            {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_sns_topic":                                   {{name: "policy", kind: policy.Resource}},
	"aws_kms_key":                                     {{name: "policy", kind: policy.Resource}},
	"aws_kms_key_policy":                              {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_ecr_repository_policy":                       {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_ecr_registry_policy":                         {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_ecrpublic_repository_policy":                 {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_secretsmanager_secret_policy":                {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_secretsmanager_secret":                       {{name: "policy", kind: policy.Resource}},
	"aws_cloudwatch_log_resource_policy":              {{name: "policy_document", kind: policy.Resource, whole: true}},
	"aws_cloudwatch_log_destination_policy":           {{name: "access_policy", kind: policy.Resource, whole: true}},
	"aws_cloudwatch_event_bus_policy":                 {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_opensearch_domain_policy":                    {{name: "access_policies", kind: policy.Resource, whole: true}},
	"aws_opensearch_domain":                           {{name: "access_policies", kind: policy.Resource}},
	"aws_elasticsearch_domain_policy":                 {{name: "access_policies", kind: policy.Resource, whole: true}},
	"aws_elasticsearch_domain":                        {{name: "access_policies", kind: policy.Resource}},
	"aws_efs_file_system_policy":                      {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_backup_vault_policy":                         {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_glacier_vault":                               {{name: "access_policy", kind: policy.Resource}},
	"aws_glacier_vault_lock":                          {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_api_gateway_rest_api_policy":                 {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_api_gateway_rest_api":                        {{name: "policy", kind: policy.Resource}},
	"aws_codeartifact_domain_permissions_policy":      {{name: "policy_document", kind: policy.Resource, whole: true}},
	"aws_codeartifact_repository_permissions_policy":  {{name: "policy_document", kind: policy.Resource, whole: true}},
	"aws_codebuild_resource_policy":                   {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_dynamodb_resource_policy":                    {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_kinesis_resource_policy":                     {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_glue_resource_policy":                        {{name: "policy", kind: policy.Resource, whole: true}},
	"aws_vpc_endpoint":                                {{name: "policy", kind: policy.Endpoint}},
	"aws_vpc_endpoint_policy":                         {{name: "policy", kind: policy.Endpoint, whole: true}},
}

// principalTypes are the resource types that declare IAM principals.
var principalTypes = map[string]bool{"aws_iam_role": true, "aws_iam_user": true, "aws_iam_group": true}

// organizationsKinds gives an aws_organizations_policy's kind by its
// type; the other types (tag, backup, AI opt-out, chatbot, declarative
// policies) hold no IAM policy.
var organizationsKinds = map[string]policy.Kind{
	"SERVICE_CONTROL_POLICY":  policy.SCP,
	"RESOURCE_CONTROL_POLICY": policy.RCP,
}
