package cfn

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// found is what a test wants of one policy read.
type found struct {
	Resource, Type, Path, PolicyName string
	Kind                             policy.Kind
	Doc                              string
}

func readFound(t *testing.T, src string) []found {
	t.Helper()
	set, err := Read("r.yaml", []byte(src), policydoc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []found
	for _, p := range set.Policies {
		got = append(got, found{p.Resource, p.Type, p.Path, p.PolicyName, p.Kind, string(p.Doc)})
	}
	return got
}

const doc = `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`

// TestResourceTypes reads the document of every resource type listed in
// docProps, at its path, as its kind.
func TestResourceTypes(t *testing.T) {
	for typ, props := range docProps {
		for _, dp := range props {
			t.Run(typ+"."+joinPath(dp.path), func(t *testing.T) {
				value := doc
				if dp.list {
					value = fmt.Sprintf(`[{"PolicyName": "inline", "PolicyDocument": %s}]`, doc)
				}
				for i := len(dp.path) - 1; i >= 0; i-- {
					value = fmt.Sprintf(`{%q: %s}`, dp.path[i], value)
				}
				extra := ""
				if dp.nameProp != "" {
					extra = fmt.Sprintf(", %q: named", dp.nameProp)
				}
				src := fmt.Sprintf("Resources:\n  R:\n    Type: %s\n    Properties: %s\n", typ, strings.TrimSuffix(value, "}")+extra+"}")
				want := found{Resource: "R", Type: typ, Path: joinPath(dp.path), Kind: dp.kind, Doc: doc}
				switch {
				case dp.list:
					want.Path, want.PolicyName = joinPath(dp.path)+"[0]", "inline"
				case dp.own:
					want.Path = ""
				}
				if dp.nameProp != "" {
					want.PolicyName = "named"
				}
				if diff := cmp.Diff([]found{want}, readFound(t, src)); diff != "" {
					t.Errorf("mismatch (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// TestSpecialResources covers the types read by their own rules.
func TestSpecialResources(t *testing.T) {
	tests := []struct {
		name, src string
		want      []found
	}{
		{"SCP", "Resources:\n  P:\n    Type: AWS::Organizations::Policy\n    Properties: {Name: n, Type: SERVICE_CONTROL_POLICY, Content: " + doc + "}\n",
			[]found{{"P", "AWS::Organizations::Policy", "", "n", policy.SCP, doc}}},
		{"RCP as a JSON string", "Resources:\n  P:\n    Type: AWS::Organizations::Policy\n    Properties: {Name: n, Type: RESOURCE_CONTROL_POLICY, Content: '" + doc + "'}\n",
			[]found{{"P", "AWS::Organizations::Policy", "", "n", policy.RCP, doc}}},
		{"tag policy left out", "Resources:\n  P:\n    Type: AWS::Organizations::Policy\n    Properties: {Name: n, Type: TAG_POLICY, Content: {tags: {}}}\n", nil},
		{"event bus statement", "Resources:\n  P:\n    Type: AWS::Events::EventBusPolicy\n    Properties:\n      StatementId: s\n      Statement: {Effect: Allow, Principal: {AWS: '111122223333'}, Action: events:PutEvents, Resource: '*'}\n",
			[]found{{"P", "AWS::Events::EventBusPolicy", "", "s", policy.Resource, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"events:PutEvents","Resource":"*"}}`}}},
		{"lambda permission is no document", "Resources:\n  P:\n    Type: AWS::Lambda::Permission\n    Properties: {Action: lambda:InvokeFunction, FunctionName: f, Principal: s3.amazonaws.com}\n", nil},
		{"resource left out by its condition", "Parameters:\n  On: {Type: String, Default: 'no'}\nConditions:\n  IsOn: !Equals [!Ref On, 'yes']\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Condition: IsOn\n    Properties: {PolicyDocument: " + doc + "}\n", nil},
		{"document removed by NoValue", "Resources:\n  P:\n    Type: AWS::KMS::Key\n    Properties: {KeyPolicy: !Ref AWS::NoValue}\n", nil},
		{"SAM state machine", "Transform: AWS::Serverless-2016-10-31\nResources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Policies:\n        - LambdaInvokePolicy: {FunctionName: f}\n",
			[]found{samTrust("M", "AWS::Serverless::StateMachine", "states"), {"M", "AWS::Serverless::StateMachine", "Policies[0]", "MRolePolicy0", policy.Identity,
				`{"Statement":[{"Action":["lambda:InvokeFunction"],"Effect":"Allow","Resource":"arn:aws:lambda:{{AWS::Region}}:{{AWS::AccountId}}:function:f*"}]}`}}},
		{"SAM items chosen by Fn::If", "Transform: AWS::Serverless-2016-10-31\nParameters:\n  Env: {Type: String, Default: prod}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Policies:\n        - !If [IsProd, !Ref AWS::NoValue, " + doc + "]\n        - !If [IsProd, {SQSPollerPolicy: {QueueName: q}}, AWSLambdaExecute]\n",
			[]found{samTrust("F", "AWS::Serverless::Function", "lambda"), {"F", "AWS::Serverless::Function", "Policies[1]", "FRolePolicy1", policy.Identity,
				`{"Statement":[{"Action":["sqs:ChangeMessageVisibility","sqs:ChangeMessageVisibilityBatch","sqs:DeleteMessage","sqs:DeleteMessageBatch","sqs:GetQueueAttributes","sqs:ReceiveMessage"],"Effect":"Allow","Resource":"arn:aws:sqs:{{AWS::Region}}:{{AWS::AccountId}}:q"}]}`}}},
		{"SAM inline document alone", "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Policies: " + doc + "\n",
			[]found{samTrust("F", "AWS::Serverless::Function", "lambda"), {"F", "AWS::Serverless::Function", "Policies", "FRolePolicy0", policy.Identity, doc}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, readFound(t, tt.src)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// samTrust is the trust policy SAM gives the role it creates.
func samTrust(id, typ, service string) found {
	return found{id, typ, "AssumeRolePolicyDocument", "", policy.Trust,
		`{"Version":"2012-10-17","Statement":[{"Action":["sts:AssumeRole"],"Effect":"Allow","Principal":{"Service":["` + service + `.amazonaws.com"]}}]}`}
}

// TestPrincipals attaches policies to roles, users and groups as IAM
// does.
func TestPrincipals(t *testing.T) {
	src := `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
      PermissionsBoundary: arn:aws:iam::111122223333:policy/boundary
      ManagedPolicyArns: [!Ref Managed, arn:aws:iam::aws:policy/ReadOnlyAccess]
      Policies: [{PolicyName: own, PolicyDocument: {Statement: []}}]
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Users: [bob]
      PolicyDocument: {Statement: []}
  Shared:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: shared
      Roles: [app]
      Groups: [!Ref Ops]
      PolicyDocument: {Statement: []}
  ForRole:
    Type: AWS::IAM::RolePolicy
    Properties: {RoleName: !Ref Role, PolicyName: rp, PolicyDocument: {Statement: []}}
  Bound:
    Type: AWS::IAM::ManagedPolicy
    Properties: {PolicyDocument: {Statement: []}}
  Bob:
    Type: AWS::IAM::User
    Properties: {UserName: bob, PermissionsBoundary: !Ref Bound}
  Ops:
    Type: AWS::IAM::Group
    Properties: {GroupName: ops}
  Add:
    Type: AWS::IAM::UserToGroupAddition
    Properties: {GroupName: ops, Users: [!Ref Bob]}
`
	set, err := Read("p.yaml", []byte(src), policydoc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	index := map[string]int{}
	for i, p := range set.Policies {
		index[p.Name()] = i
	}
	pos := func(line int) policy.Pos { return policy.Pos{File: "p.yaml", Line: line, Col: 3} }
	want := []policydoc.Principal{
		{Resource: "Role", Type: "AWS::IAM::Role", Name: "app", Pos: pos(2),
			Inline: []int{index["Role.Policies[0]"], index["Shared"], index["ForRole"]}, Attached: []int{index["Managed"]},
			Boundary: -1, Trust: index["Role.AssumeRolePolicyDocument"],
			ManagedARNs: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"}, BoundaryARN: "arn:aws:iam::111122223333:policy/boundary"},
		{Resource: "Bob", Type: "AWS::IAM::User", Name: "bob", Pos: pos(28), Attached: []int{index["Managed"]},
			Boundary: index["Bound"], Trust: -1, Groups: []int{2}},
		{Resource: "Ops", Type: "AWS::IAM::Group", Name: "ops", Pos: pos(31), Inline: []int{index["Shared"]}, Boundary: -1, Trust: -1},
	}
	if diff := cmp.Diff(want, set.Principals); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestSAMRole gives a SAM function the role SAM creates, with managed
// policies named as SAM names them.
func TestSAMRole(t *testing.T) {
	src := `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    PermissionsBoundary: arn:aws:iam::111122223333:policy/boundary
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - AWSLambdaVPCAccessExecutionRole
        - AmazonS3ReadOnlyAccess
        - !Ref Shared
        - !Sub arn:${AWS::Partition}:iam::111122223333:policy/team
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties: {PolicyDocument: {Statement: []}}
  Own:
    Type: AWS::Serverless::Function
    Properties:
      Role: arn:aws:iam::111122223333:role/own
      Policies: [AmazonS3ReadOnlyAccess]
`
	set, err := Read("s.yaml", []byte(src), policydoc.Options{Values: map[string]string{"AWS::Region": "cn-north-1"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []policydoc.Principal{{
		Resource: "FnRole", Type: "AWS::IAM::Role", Pos: policy.Pos{File: "s.yaml", Line: 6, Col: 3},
		Attached: []int{0}, Boundary: -1, Trust: 1,
		ManagedARNs: []string{
			"arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
			"arn:aws-cn:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
			"arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess",
			"arn:aws-cn:iam::111122223333:policy/team",
		},
		BoundaryARN: "arn:aws:iam::111122223333:policy/boundary",
	}}
	if diff := cmp.Diff(want, set.Principals); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
