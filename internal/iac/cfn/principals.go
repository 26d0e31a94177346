package cfn

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
)

// principalNames are the properties that name the IAM principal types
// (aws-resource-iam-role.html, -user.html, -group.html).
var principalNames = map[string]string{
	"AWS::IAM::Role":  "RoleName",
	"AWS::IAM::User":  "UserName",
	"AWS::IAM::Group": "GroupName",
}

// inlineOwners gives, for the resources that add one inline policy to
// one principal, the property naming it and its type.
var inlineOwners = map[string][2]string{
	"AWS::IAM::RolePolicy":  {"RoleName", "AWS::IAM::Role"},
	"AWS::IAM::UserPolicy":  {"UserName", "AWS::IAM::User"},
	"AWS::IAM::GroupPolicy": {"GroupName", "AWS::IAM::Group"},
}

// principals gathers the template's roles, users and groups with the
// policies that apply to each, as IAM attaches them:
//   - a role's, user's or group's own Policies, and the AWS::IAM::Policy
//     and AWS::IAM::RolePolicy/UserPolicy/GroupPolicy resources naming
//     it, are its inline policies;
//   - an AWS::IAM::ManagedPolicy of the template is attached to those its
//     Roles, Users and Groups name and to those whose ManagedPolicyArns
//     refer to it; any other ARN there is kept as an ARN;
//   - PermissionsBoundary is its boundary, AssumeRolePolicyDocument a
//     role's trust policy;
//   - a user's Groups and AWS::IAM::UserToGroupAddition put it in groups.
//
// A SAM function or state machine without a Role gets the role SAM
// creates for it, <LogicalId>Role.
func (rd *reader) principals(deployed []*resource) {
	byID := map[string]int{}
	for _, r := range deployed {
		nameProp, ok := principalNames[r.typ]
		if !ok {
			continue
		}
		pr := policydoc.Principal{Resource: r.id, Type: r.typ, Name: rd.name(r.prop(nameProp)),
			Pos: rd.t.pos(rd.t.content(r.key)), Boundary: -1, Trust: -1}
		for path, i := range rd.docs[r.id] {
			if path == "AssumeRolePolicyDocument" {
				pr.Trust = i
			} else {
				pr.Inline = append(pr.Inline, i)
			}
		}
		slices.Sort(pr.Inline)
		rd.set.Principals = append(rd.set.Principals, pr)
		byID[r.id] = len(rd.set.Principals) - 1
	}
	for _, r := range deployed {
		if i, ok := byID[r.id]; ok {
			rd.attachManaged(&rd.set.Principals[i], r)
		}
	}
	for _, r := range deployed {
		switch r.typ {
		case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
			doc, ok := rd.docs[r.id][""]
			if !ok {
				continue
			}
			for _, list := range [][2]string{{"Roles", "AWS::IAM::Role"}, {"Users", "AWS::IAM::User"}, {"Groups", "AWS::IAM::Group"}} {
				for _, item := range rd.items(r.prop(list[0])) {
					if pi := rd.target(item, list[1], byID); pi >= 0 {
						p := &rd.set.Principals[pi]
						if r.typ == "AWS::IAM::Policy" {
							p.Inline = appendNew(p.Inline, doc)
						} else {
							p.Attached = appendNew(p.Attached, doc)
						}
					}
				}
			}
		case "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy":
			doc, ok := rd.docs[r.id][""]
			if !ok {
				continue
			}
			owner := inlineOwners[r.typ]
			if pi := rd.target(r.prop(owner[0]), owner[1], byID); pi >= 0 {
				rd.set.Principals[pi].Inline = appendNew(rd.set.Principals[pi].Inline, doc)
			}
		case "AWS::IAM::UserToGroupAddition":
			g := rd.target(r.prop("GroupName"), "AWS::IAM::Group", byID)
			if g < 0 {
				continue
			}
			for _, item := range rd.items(r.prop("Users")) {
				if u := rd.target(item, "AWS::IAM::User", byID); u >= 0 {
					rd.set.Principals[u].Groups = appendNew(rd.set.Principals[u].Groups, g)
				}
			}
		case "AWS::IAM::User":
			for _, item := range rd.items(r.prop("Groups")) {
				if g := rd.target(item, "AWS::IAM::Group", byID); g >= 0 {
					u := byID[r.id]
					rd.set.Principals[u].Groups = appendNew(rd.set.Principals[u].Groups, g)
				}
			}
		}
	}
}

// attachManaged reads a principal's ManagedPolicyArns and
// PermissionsBoundary.
func (rd *reader) attachManaged(pr *policydoc.Principal, r *resource) {
	for _, item := range rd.items(r.prop("ManagedPolicyArns")) {
		if doc := rd.managedDoc(item); doc >= 0 {
			pr.Attached = appendNew(pr.Attached, doc)
		} else if arn := rd.name(item); arn != "" {
			pr.ManagedARNs = append(pr.ManagedARNs, arn)
		}
	}
	if b := r.prop("PermissionsBoundary"); b != nil {
		if doc := rd.managedDoc(b); doc >= 0 {
			pr.Boundary = doc
		} else {
			pr.BoundaryARN = rd.name(b)
		}
	}
}

// managedDoc returns the index of the document of the template's
// AWS::IAM::ManagedPolicy that node n refers to (Ref gives its ARN), or -1.
func (rd *reader) managedDoc(n *yaml.Node) int {
	id := refTarget(n)
	if r, ok := rd.t.resources[id]; ok && r.typ == "AWS::IAM::ManagedPolicy" {
		if i, ok := rd.docs[id][""]; ok {
			return i
		}
	}
	return -1
}

// items returns the item nodes of a list property, or nil.
func (rd *reader) items(n *yaml.Node) []*yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// target returns the principal of type typ that node n names: by Ref to
// its logical ID, or by its name.
func (rd *reader) target(n *yaml.Node, typ string, byID map[string]int) int {
	if n == nil {
		return -1
	}
	if i, ok := byID[refTarget(n)]; ok && rd.set.Principals[i].Type == typ {
		return i
	}
	name := rd.name(n)
	for i, p := range rd.set.Principals {
		if p.Type == typ && p.Name != "" && p.Name == name {
			return i
		}
	}
	return -1
}

// refTarget returns the logical ID that a Ref or Fn::GetAtt node names, or "".
func refTarget(n *yaml.Node) string {
	n = deref(n)
	if n == nil {
		return ""
	}
	fn, arg := intrinsic(n)
	switch {
	case fn == "Ref" && arg.Kind == yaml.ScalarNode:
		return arg.Value
	case fn == "Fn::GetAtt" && arg.Kind == yaml.ScalarNode:
		id, _, _ := strings.Cut(arg.Value, ".")
		return id
	case fn == "Fn::GetAtt" && arg.Kind == yaml.SequenceNode && len(arg.Content) > 0:
		return deref(arg.Content[0]).Value
	}
	return ""
}

func appendNew(list []int, i int) []int {
	for _, j := range list {
		if j == i {
			return list
		}
	}
	return append(list, i)
}
