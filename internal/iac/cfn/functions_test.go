package cfn

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
)

// resolveResource returns the Resource of a one-statement managed
// policy whose Resource is expr, in a template with the given sections
// before Resources and the given other resources.
func resolveResource(t *testing.T, sections, resources, expr string, values map[string]string) (any, error) {
	t.Helper()
	src := sections + "Resources:\n" + resources +
		"  Probe:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObject\n            Resource: " + expr + "\n"
	set, err := Read("t.yaml", []byte(src), policydoc.Options{Values: values})
	if err != nil {
		return nil, err
	}
	probe := set.Policies[len(set.Policies)-1]
	if probe.Resource != "Probe" {
		t.Fatalf("the last policy is %s's, not Probe's", probe.Resource)
	}
	var doc struct{ Statement []map[string]any }
	if err := json.Unmarshal(probe.Doc, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Statement[0]["Resource"], nil
}

const (
	params = `Parameters:
  Env: {Type: String, Default: prod}
  Names: {Type: CommaDelimitedList, Default: "a,b,c"}
  Open: {Type: String}
  Ssm: {Type: "AWS::SSM::Parameter::Value<String>", Default: /app/bucket}
Mappings:
  Regions:
    prod: {Bucket: prod-logs}
    dev: {Bucket: dev-logs}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: {"Fn::Not": [{Condition: IsProd}]}
  Both: !And [!Condition IsProd, !Equals [a, a]]
  Either: !Or [!Condition IsDev, !Equals [!Ref Env, prod]]
  InUsEast: !Equals [!Ref "AWS::Region", us-east-1]
`
	resources = `  Bucket:
    Type: AWS::S3::Bucket
    Properties: {BucketName: data}
  Anon:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
    Properties: {RoleName: app, Path: /svc/, AssumeRolePolicyDocument: {Statement: []}}
  User:
    Type: AWS::IAM::User
    Properties: {UserName: bob}
  Group:
    Type: AWS::IAM::Group
    Properties: {GroupName: ops}
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties: {ManagedPolicyName: mp, PolicyDocument: {Statement: []}}
  Queue:
    Type: AWS::SQS::Queue
    Properties: {QueueName: jobs}
  Topic:
    Type: AWS::SNS::Topic
    Properties: {TopicName: alerts}
  Key:
    Type: AWS::KMS::Key
  Table:
    Type: AWS::DynamoDB::Table
    Properties: {TableName: orders}
  Fn:
    Type: AWS::Lambda::Function
    Properties: {FunctionName: worker}
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties: {Name: db}
  Other:
    Type: AWS::EC2::Instance
`
)

// TestIntrinsics resolves each intrinsic function, short and long form.
func TestIntrinsics(t *testing.T) {
	acct := policydoc.Placeholder("AWS::AccountId")
	region := policydoc.Placeholder("AWS::Region")
	tests := []struct {
		name   string
		expr   string
		values map[string]string
		want   any
	}{
		{"Ref parameter default", "!Ref Env", nil, "prod"},
		{"Ref parameter value", "!Ref Env", map[string]string{"Env": "dev"}, "dev"},
		{"Ref parameter without default", "!Ref Open", nil, "{{Open}}"},
		{"Ref SSM parameter", "!Ref Ssm", nil, "{{Ssm}}"},
		{"Ref list parameter", "!Ref Names", nil, []any{"a", "b", "c"}},
		{"Ref long form", `{"Ref": "Env"}`, nil, "prod"},
		{"Ref AWS::Partition", "!Ref AWS::Partition", nil, "aws"},
		{"Ref AWS::Partition in China", "!Ref AWS::Partition", map[string]string{"AWS::Region": "cn-north-1"}, "aws-cn"},
		{"Ref AWS::URLSuffix", "!Ref AWS::URLSuffix", nil, "amazonaws.com"},
		{"Ref AWS::AccountId", "!Ref AWS::AccountId", nil, acct},
		{"Ref AWS::AccountId given", "!Ref AWS::AccountId", map[string]string{"AWS::AccountId": "111122223333"}, "111122223333"},
		{"Ref AWS::StackName", "!Ref AWS::StackName", nil, "{{AWS::StackName}}"},
		{"Sub", "!Sub arn:${AWS::Partition}:s3:::${Env}-data/*", nil, "arn:aws:s3:::prod-data/*"},
		{"Sub long form", `{"Fn::Sub": "${Env}-x"}`, nil, "prod-x"},
		{"Sub with variables", "!Sub [\"${A}/${Bucket}\", {A: !Ref Env}]", nil, "prod/data"},
		{"Sub literal", "!Sub ${!Literal}-${Env}", nil, "${Literal}-prod"},
		{"Sub attribute", "!Sub ${Bucket.Arn}/*", nil, "arn:aws:s3:::data/*"},
		{"Join", "!Join ['', [arn:aws:s3:::, !Ref Bucket, /*]]", nil, "arn:aws:s3:::data/*"},
		{"Join long form", `{"Fn::Join": [":", ["a", {"Ref": "Env"}]]}`, nil, "a:prod"},
		{"Join a list parameter", "!Join ['-', !Ref Names]", nil, "a-b-c"},
		{"Select", "!Select [1, !Ref Names]", nil, "b"},
		{"Select of a split", "!Select [2, !Split [':', 'x:y:z']]", nil, "z"},
		{"Select of an unknown list", "!Select [5, !Split [':', !Ref Open]]", nil, "{{Open.split(:)[5]}}"},
		{"Split", "!Split [',', 'a,b']", nil, []any{"a", "b"}},
		{"If true", "!If [IsProd, yes, no]", nil, "yes"},
		{"If false", "!If [IsProd, yes, no]", map[string]string{"Env": "dev"}, "no"},
		{"If on Not and Condition", "!If [IsDev, yes, no]", nil, "no"},
		{"If on And", "!If [Both, yes, no]", nil, "yes"},
		{"If on Or", "!If [Either, yes, no]", nil, "yes"},
		{"If on a given region", "!If [InUsEast, yes, no]", map[string]string{"AWS::Region": "us-east-1"}, "yes"},
		{"If removes an item", "[a, !If [IsProd, !Ref AWS::NoValue, b], c]", nil, []any{"a", "c"}},
		{"FindInMap", "!FindInMap [Regions, !Ref Env, Bucket]", nil, "prod-logs"},
		{"FindInMap default", "!FindInMap [Regions, test, Bucket, {DefaultValue: none}]", nil, "none"},
		{"ImportValue", "!ImportValue shared-BucketArn", nil, "{{shared-BucketArn}}"},
		{"ImportValue of a Sub", "!ImportValue {\"Fn::Sub\": \"${AWS::StackName}-Arn\"}", nil, "{{AWS::StackName-Arn}}"},
		{"Base64", "!Base64 abc", nil, "YWJj"},
		{"Length", "!Length [a, b]", nil, float64(2)},
		{"bucket Ref", "!Ref Bucket", nil, "data"},
		{"bucket Arn", "!GetAtt Bucket.Arn", nil, "arn:aws:s3:::data"},
		{"bucket Arn, list form", "!GetAtt [Bucket, Arn]", nil, "arn:aws:s3:::data"},
		{"bucket without a name", "!GetAtt Anon.Arn", nil, "{{Anon.Arn}}"},
		{"bucket Ref without a name", "!Ref Anon", nil, "{{Anon}}"},
		{"role Ref", "!Ref Role", nil, "app"},
		{"role Arn with a path", "!GetAtt Role.Arn", nil, "arn:aws:iam::" + acct + ":role/svc/app"},
		{"role Id", "!GetAtt Role.RoleId", nil, "{{Role.RoleId}}"},
		{"user Arn", "!GetAtt User.Arn", nil, "arn:aws:iam::" + acct + ":user/bob"},
		{"group Arn", "!GetAtt Group.Arn", nil, "arn:aws:iam::" + acct + ":group/ops"},
		{"managed policy Ref", "!Ref Managed", nil, "arn:aws:iam::" + acct + ":policy/mp"},
		{"queue Ref", "!Ref Queue", nil, "https://sqs." + region + ".amazonaws.com/" + acct + "/jobs"},
		{"queue Arn", "!GetAtt Queue.Arn", nil, "arn:aws:sqs:" + region + ":" + acct + ":jobs"},
		{"topic Ref", "!Ref Topic", nil, "arn:aws:sns:" + region + ":" + acct + ":alerts"},
		{"key Arn", "!GetAtt Key.Arn", nil, "arn:aws:kms:" + region + ":" + acct + ":key/{{Key}}"},
		{"key Ref", "!Ref Key", nil, "{{Key}}"},
		{"table Arn", "!GetAtt Table.Arn", nil, "arn:aws:dynamodb:" + region + ":" + acct + ":table/orders"},
		{"function Arn", "!GetAtt Fn.Arn", map[string]string{"AWS::Region": "eu-west-1", "AWS::AccountId": "111122223333"}, "arn:aws:lambda:eu-west-1:111122223333:function:worker"},
		{"secret Ref", "!Ref Secret", nil, "{{Secret}}"},
		{"other type", "!GetAtt Other.PrivateIp", nil, "{{Other.PrivateIp}}"},
		{"placeholder given", "!GetAtt Anon.Arn", map[string]string{"Anon.Arn": "arn:aws:s3:::given"}, "arn:aws:s3:::given"},
		{"key ID given", "!GetAtt Key.Arn", map[string]string{"Key": "1234abcd"}, "arn:aws:kms:" + region + ":" + acct + ":key/1234abcd"},
		{"export given", "!ImportValue shared-BucketArn", map[string]string{"shared-BucketArn": "arn:aws:s3:::shared"}, "arn:aws:s3:::shared"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := resolveResource(t, params, resources, tt.expr, tt.values)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestIntrinsicErrors checks that each misuse is one error at the
// function's position.
func TestIntrinsicErrors(t *testing.T) {

	tests := []struct {
		name, expr, want string
	}{
		{"unknown logical ID", "!Ref Buckt", `t.yaml:60:23: E028 Ref to "Buckt", which is not a parameter or resource of this template (did you mean "Bucket"?)`},
		{"GetAtt of an unknown ID", "!GetAtt Tabel.Arn", `t.yaml:60:23: E028 Fn::GetAtt to "Tabel", which is not a resource of this template (did you mean "Table"?)`},
		{"unknown function", "!Subb x", `t.yaml:60:23: E028 unknown intrinsic function Fn::Subb (did you mean Fn::Sub?)`},
		{"unknown long form", `{"Fn::Joinn": ["", []]}`, `t.yaml:60:23: E028 unknown intrinsic function Fn::Joinn (did you mean Fn::Join?)`},
		{"If on an unknown condition", "!If [Nope, a, b]", `t.yaml:60:28: E028 condition "Nope" is not defined in the Conditions section`},
		{"If on an undecidable condition", "!If [InUsEast, a, b]", `t.yaml:60:28: E028 condition InUsEast cannot be decided before deploy: it depends on AWS::Region; give its value`},
		{"Join of a mapping", "!Join ['', {a: b}]", `t.yaml:60:34: E028 the values of Fn::Join should be a list, not a mapping`},
		{"Join wrong arguments", "!Join [a]", `t.yaml:60:23: E028 Fn::Join takes a list of 2 arguments, not 1`},
		{"Select past the end", "!Select [3, !Ref Names]", `t.yaml:60:32: E028 Fn::Select index 3 is past the end of a list of 3`},
		{"Sub unclosed", "!Sub 'a${Env'", `t.yaml:60:23: E028 Fn::Sub: ${ at byte 1 is not closed by }`},
		{"Sub of a list", "!Sub ${Names}", `t.yaml:60:28: E028 Fn::Sub: ${Names} is a list, not a string`},
		{"FindInMap missing key", "!FindInMap [Regions, test, Bucket]", `t.yaml:60:44: E028 Fn::FindInMap: "Regions" has no key "test"`},
		{"Equals outside Conditions", "!Equals [a, b]", `t.yaml:60:23: E028 Fn::Equals belongs in the Conditions section or in the condition of Fn::If`},
		{"GetAZs", "!GetAZs ''", `t.yaml:60:23: E028 Fn::GetAZs is not supported in a policy: write the value it stands for`},
		{"GetAtt without attribute", "!GetAtt Bucket", `t.yaml:60:23: E028 Fn::GetAtt takes LogicalId.Attribute, not "Bucket"`},
		{"unknown pseudo parameter", "!Ref AWS::Nothing", `t.yaml:60:23: E028 unknown pseudo parameter AWS::Nothing`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := resolveResource(t, params, resources, tt.expr, nil)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if list, ok := err.(interface{ Unwrap() []error }); !ok || len(list.Unwrap()) != 1 {
				t.Errorf("want one error, got %v", err)
			}
		})
	}
}

// A self-referencing name and a condition cycle are errors, not loops.
func TestCycles(t *testing.T) {
	src := `Conditions:
  A: !Condition B
  B: !Not [!Condition A]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !GetAtt Bucket.Arn}
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{Effect: Allow, Action: "*", Resource: [!GetAtt Bucket.Arn, !If [A, x, y]]}]
`
	_, err := Read("c.yaml", []byte(src), policydoc.Options{})
	if err == nil || !strings.Contains(err.Error(), "Bucket.Arn refers to itself") {
		t.Errorf("want a self-reference error, got %v", err)
	}
	src = strings.Replace(src, "!GetAtt Bucket.Arn, ", "", 1)
	_, err = Read("c.yaml", []byte(src), policydoc.Options{})
	if err == nil || !strings.Contains(err.Error(), "depends on itself") {
		t.Errorf("want a condition cycle error, got %v", err)
	}
}

// A template whose aliases repeat a function that builds a long string
// is stopped by the bound on what functions build, not run for minutes.
func TestBuildBound(t *testing.T) {
	long := strings.Repeat("x", 1<<19)
	src := "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n" +
		"          - Resource: &j !Join ['', [" + long + ", " + long + "]]\n" +
		"            NotResource: &k [*j, *j, *j, *j, *j, *j, *j, *j, *j, *j, *j, *j, *j, *j, *j, *j]\n" +
		"            Action: [*k, *k, *k, *k, *k, *k, *k, *k]\n"
	_, err := Read("b.yaml", []byte(src), policydoc.Options{})
	if err == nil || !strings.Contains(err.Error(), "build more than 67108864 bytes") {
		t.Errorf("want the build bound, got %.200v", err)
	}
}
