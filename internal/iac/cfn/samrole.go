package cfn

import (
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/internal/source"
	"github.com/iamsim/iamsim/policy"
)

// readServerless reads the Policies of a SAM function or state machine
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-policies):
// each item is an AWS managed policy's name or a policy's ARN, a policy
// document, or a SAM policy template with its parameters. SAM puts them
// in the role it creates, <LogicalId>Role, which is added as a
// principal; with a Role property SAM creates none and ignores Policies.
// The role also gets what SAM gives it beyond Policies (roleDefaults).
func (rd *reader) readServerless(r *resource) {
	if r.prop("Role") != nil {
		return
	}
	role := policydoc.Principal{Resource: r.id + "Role", Type: "AWS::IAM::Role",
		Pos: rd.t.pos(rd.t.content(r.key)), Boundary: -1, Trust: -1}
	rd.roleDefaults(r, &role)
	if b := rd.samProp(r, "PermissionsBoundary"); b != nil {
		if doc := rd.managedDoc(b); doc >= 0 {
			role.Boundary = doc
		} else {
			role.BoundaryARN = rd.name(b)
		}
	}
	n := r.prop("Policies")
	var items []*yaml.Node
	switch {
	case n == nil:
	case n.Kind == yaml.SequenceNode:
		items = n.Content
	default:
		items = []*yaml.Node{n}
	}
	for i, item := range items {
		item, ok := rd.t.branch(item)
		if !ok || item == nil {
			continue
		}
		path := fmt.Sprintf("Policies[%d]", i)
		if n.Kind != yaml.SequenceNode {
			path = "Policies"
		}
		name := fmt.Sprintf("%sRolePolicy%d", r.id, i)
		switch fn, _ := intrinsic(item); {
		case fn != "" || item.Kind == yaml.ScalarNode:
			if doc := rd.managedDoc(item); doc >= 0 {
				role.Attached = appendNew(role.Attached, doc)
			} else if arn := rd.name(item); arn != "" {
				role.ManagedARNs = appendNewString(role.ManagedARNs, rd.managedARN(arn))
			}
		case item.Kind == yaml.MappingNode && lookup(item, "Statement") != nil:
			if doc := rd.add(r, path, name, policy.Identity, item, top); doc >= 0 {
				role.Inline = append(role.Inline, doc)
			}
		case item.Kind == yaml.MappingNode && len(item.Content) == 2:
			if doc := rd.expand(r, path, name, item); doc >= 0 {
				role.Inline = append(role.Inline, doc)
			}
		default:
			rd.t.fail(item, top, "%s of %s should be a managed policy, a policy document or one SAM policy template, not %s", path, r.id, source.NodeKind(item))
		}
	}
	rd.set.Principals = append(rd.set.Principals, role)
}

// samProp returns a property of a SAM resource, or, for a function that
// does not set it, the one the Globals section gives every function
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html).
func (rd *reader) samProp(r *resource, name string) *yaml.Node {
	if n := r.prop(name); n != nil || r.typ != "AWS::Serverless::Function" {
		return n
	}
	return lookup(lookup(rd.t.globals, "Function"), name)
}

// roleDefaults adds to the role SAM creates what SAM gives it beyond
// Policies, as SAM's translator builds it: a function's role gets
// AWSLambdaBasicExecutionRole (AWSLambdaBasicDurableExecutionRolePolicy
// with DurableConfig), the X-Ray policy with Tracing on,
// AWSLambdaVPCAccessExecutionRole with VpcConfig, and an inline
// DeadLetterQueuePolicy with DeadLetterQueue; a state machine's, the
// X-Ray policy with Tracing enabled. Its trust policy is the function's
// AssumeRolePolicyDocument, else SAM's, which lets Lambda (or Step
// Functions) assume it, placed at the resource's logical ID.
func (rd *reader) roleDefaults(r *resource, role *policydoc.Principal) {
	partition := rd.t.pseudoString("AWS::Partition")
	aws := func(name string) string { return "arn:" + partition + ":iam::aws:policy/" + name }
	xray := aws("AWSXrayWriteOnlyAccess")
	if partition != "aws" {
		xray = aws("AWSXRayDaemonWriteAccess")
	}
	service := "states.amazonaws.com"
	if r.typ == "AWS::Serverless::Function" {
		service = "lambda.amazonaws.com"
		basic := "service-role/AWSLambdaBasicExecutionRole"
		if rd.samProp(r, "DurableConfig") != nil {
			basic = "service-role/AWSLambdaBasicDurableExecutionRolePolicy"
		}
		role.ManagedARNs = appendNewString(role.ManagedARNs, aws(basic))
		if tr := rd.samProp(r, "Tracing"); tr != nil && rd.name(tr) != "Disabled" {
			role.ManagedARNs = appendNewString(role.ManagedARNs, xray)
		}
		if rd.samProp(r, "VpcConfig") != nil {
			role.ManagedARNs = appendNewString(role.ManagedARNs, aws("service-role/AWSLambdaVPCAccessExecutionRole"))
		}
		if dlq := rd.samProp(r, "DeadLetterQueue"); dlq != nil {
			if doc := rd.deadLetterPolicy(r, dlq); doc >= 0 {
				role.Inline = append(role.Inline, doc)
			}
		}
		if n := r.prop("AssumeRolePolicyDocument"); n != nil {
			role.Trust = rd.add(r, "AssumeRolePolicyDocument", "", policy.Trust, n, top)
			return
		}
	} else if enabled := lookup(r.prop("Tracing"), "Enabled"); enabled != nil && rd.name(enabled) == "true" {
		role.ManagedARNs = appendNewString(role.ManagedARNs, xray)
	}
	at := rd.t.content(r.key)
	str := func(s string) *val { return strVal(s, at) }
	list := func(v *val) *val { return &val{kind: kList, at: at, items: []*val{v}} }
	statement := object(at, "Action", list(str("sts:AssumeRole")), "Effect", str("Allow"),
		"Principal", object(at, "Service", list(str(service))))
	role.Trust = rd.addVal(r, "AssumeRolePolicyDocument", "", policy.Trust,
		object(at, "Version", str("2012-10-17"), "Statement", list(statement)))
}

// deadLetterPolicy adds the inline policy SAM writes for a function's
// DeadLetterQueue, allowing it to send to the queue or topic, placed
// at the DeadLetterQueue key (in Globals when that gives it, its
// mapping) and its target where the template gives it.
func (rd *reader) deadLetterPolicy(r *resource, dlq *yaml.Node) int {
	action := map[string]string{"SQS": "sqs:SendMessage", "SNS": "sns:Publish"}[rd.name(lookup(dlq, "Type"))]
	target := lookup(dlq, "TargetArn")
	if action == "" || target == nil {
		rd.t.fail(dlq, top, "the DeadLetterQueue of %s should have Type SQS or SNS and a TargetArn", r.id)
		return -1
	}
	arn, ok := rd.t.evalString(target, top, 0, "the TargetArn of "+r.id)
	if !ok {
		return -1
	}
	at := rd.t.offset(dlq)
	if k := keyNode(r.props, "DeadLetterQueue"); k != nil {
		at = rd.t.content(k)
	}
	statement := object(at, "Action", strVal(action, at), "Resource", arn, "Effect", strVal("Allow", at))
	doc := object(at, "Version", strVal("2012-10-17", at), "Statement", &val{kind: kList, at: at, items: []*val{statement}})
	return rd.addVal(r, "DeadLetterQueue", "DeadLetterQueuePolicy", policy.Identity, doc)
}

// object builds a mapping placed at at from keys and values in turn.
func object(at int, kv ...any) *val {
	v := &val{kind: kMap, at: at}
	for i := 0; i+1 < len(kv); i += 2 {
		v.keys = append(v.keys, mapKey{kv[i].(string), at})
		v.items = append(v.items, kv[i+1].(*val))
	}
	return v
}

// appendNewString appends s to list unless it is there, as SAM adds each
// managed policy ARN once.
func appendNewString(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
