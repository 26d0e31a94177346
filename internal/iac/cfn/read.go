// Package cfn reads the policies of CloudFormation, SAM and CDK
// templates, JSON or YAML, as policy documents placed in the template:
// every value of a document it returns is mapped back to the line and
// column it was read from, so that iamsim's parser, linter and
// explanations point into the user's own file.
//
// Intrinsic functions are resolved with the template's parameters (their
// Default, or the values Options gives), its Mappings and Conditions, and
// what the template determines of its resources (a bucket's name, a
// role's ARN); a value unknown until deploy becomes a named placeholder
// (policydoc.Placeholder). docs/iac-cloudformation.md lists the resource
// types, properties and functions read.
package cfn

import (
	"bytes"
	"regexp"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// Read reads the policies of a template named name, each with the CDK
// construct that made its resource when the template says (aws:cdk:path
// metadata). A template that
// cannot be read (malformed YAML or JSON, an unknown intrinsic function
// or logical ID, an argument of the wrong shape) gives a policy.ErrorList
// with one positioned problem each, code policy.CodeInfrastructure; the Set then
// holds the policies read without a problem. Problems of the policy
// documents themselves are left to policy.Parse, at template positions.
func Read(name string, src []byte, opts policydoc.Options) (*policydoc.Set, error) {
	set, _, err := read(name, src, opts, nesting{state: &nestState{}})
	return set, err
}

// read reads a template, nested as nest says. It also
// returns the CDK construct path of each resource that has one, those of
// nested stacks under their prefixed names.
func read(name string, src []byte, opts policydoc.Options, nest nesting) (*policydoc.Set, map[string]string, error) {
	t, err := parseTemplate(name, src, opts, nest)
	if err != nil {
		return &policydoc.Set{}, nil, err
	}
	rd := &reader{t: t, set: &policydoc.Set{}, docs: map[string]map[string]int{}, constructs: constructs(t)}
	var deployed, serverless []*resource
	for _, id := range t.order {
		r := t.resources[id]
		if !relevant(r.typ) || !rd.deployed(r) {
			continue
		}
		deployed = append(deployed, r)
		switch {
		case r.typ == "AWS::CloudFormation::Stack" || r.typ == "AWS::Serverless::Application":
			rd.readNested(r)
		case isServerless(r.typ):
			// Read once every managed policy of the template is, since
			// their Policies may refer to one.
			serverless = append(serverless, r)
		default:
			rd.readResource(r)
		}
	}
	rd.principals(deployed)
	for _, r := range serverless {
		rd.readServerless(r)
	}
	for i := range rd.set.Policies {
		p := &rd.set.Policies[i]
		if p.Construct == "" {
			p.Construct = rd.constructs[p.Resource]
		}
	}
	if len(t.errs) > 0 {
		return rd.set, rd.constructs, distinct(t.errs)
	}
	return rd.set, rd.constructs, nil
}

// distinct sorts a list of problems and drops repeats: a template
// nested twice reports its problems once.
func distinct(list policy.ErrorList) policy.ErrorList {
	list.Sort()
	out := list[:0]
	for _, e := range list {
		if len(out) == 0 || *e != *out[len(out)-1] {
			out = append(out, e)
		}
	}
	return out
}

// relevant reports whether resources of type typ hold policies or
// principals: the Condition of no other resource is evaluated, since it
// may depend on values unknown until deploy (CDK's CDKMetadataAvailable
// tests the region).
func relevant(typ string) bool {
	if _, ok := docProps[typ]; ok {
		return true
	}
	switch typ {
	case "AWS::Organizations::Policy", "AWS::Events::EventBusPolicy", "AWS::Serverless::Function",
		"AWS::Serverless::StateMachine", "AWS::IAM::UserToGroupAddition", "AWS::CloudFormation::Stack",
		"AWS::Serverless::Application":
		return true
	}
	return false
}

// typeLine finds a resource type of AWS's, in YAML or JSON.
var typeLine = regexp.MustCompile(`"?Type"?\s*:\s*["']?AWS::`)

// IsTemplate reports, cheaply, whether src looks like a CloudFormation or
// SAM template: it names AWSTemplateFormatVersion or the SAM transform,
// or has a Resources section with an AWS:: resource type.
func IsTemplate(src []byte) bool {
	if bytes.Contains(src, []byte("AWSTemplateFormatVersion")) || bytes.Contains(src, []byte("AWS::Serverless-2016-10-31")) {
		return true
	}
	return bytes.Contains(src, []byte("Resources")) && typeLine.Match(src)
}
