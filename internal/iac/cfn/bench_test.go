package cfn

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
)

// template200 returns a YAML template of 200 resources: 50 buckets with
// a bucket policy each, and 50 roles with a trust policy and two inline
// policies that name the buckets with Fn::Sub, Fn::GetAtt and Fn::Join.
func template200() []byte {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  Env: {Type: String, Default: prod}\nResources:\n")
	for i := range 50 {
		fmt.Fprintf(&b, `  Bucket%[1]d:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${Env}-data-%[1]d"
  Bucket%[1]dPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket%[1]d
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: [!GetAtt Bucket%[1]d.Arn, !Sub "${Bucket%[1]d.Arn}/*"]
            Condition: {Bool: {aws:SecureTransport: false}}
  Role%[1]d:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub "${Env}-role-%[1]d"
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
      Policies:
        - PolicyName: data
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject]
                Resource: !Join ["", [!GetAtt Bucket%[1]d.Arn, "/*"]]
        - PolicyName: logs
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [logs:CreateLogStream, logs:PutLogEvents]
                Resource: !Sub arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/app/%[1]d:*
  Topic%[1]d:
    Type: AWS::SNS::Topic
`, i)
	}
	return []byte(b.String())
}

// BenchmarkRead reads a 200-resource template with 200 policies.
func BenchmarkRead(b *testing.B) { benchRead(b, "bench.yaml", template200()) }

// benchRead reads a template of 200 policies b.N times.
func benchRead(b *testing.B, name string, src []byte) {
	set, err := Read(name, src, policydoc.Options{})
	if err != nil || len(set.Policies) != 200 {
		b.Fatalf("want 200 policies, got %d (%v)", len(set.Policies), err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(name, src, policydoc.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// cdkTemplate200 returns a JSON template in CDK's shape of 200
// resources: 100 roles, each with a default policy whose ARNs are
// Fn::Join and Fn::GetAtt, as cdk synth writes them.
func cdkTemplate200() []byte {
	var b strings.Builder
	b.WriteString("{\n \"Resources\": {\n")
	for i := range 100 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `  "Role%[1]dABCD1234": {
   "Type": "AWS::IAM::Role",
   "Properties": {
    "AssumeRolePolicyDocument": {
     "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}}],
     "Version": "2012-10-17"
    },
    "ManagedPolicyArns": [{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]]}]
   },
   "Metadata": {"aws:cdk:path": "Stack/Fn%[1]d/ServiceRole/Resource"}
  },
  "Role%[1]dDefaultPolicyEF567890": {
   "Type": "AWS::IAM::Policy",
   "Properties": {
    "PolicyDocument": {
     "Statement": [
      {
       "Action": ["s3:GetObject*", "s3:GetBucket*", "s3:List*"],
       "Effect": "Allow",
       "Resource": [
        {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":s3:::bucket-%[1]d"]]},
        {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":s3:::bucket-%[1]d/*"]]}
       ]
      },
      {
       "Action": "sqs:SendMessage",
       "Effect": "Allow",
       "Resource": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":sqs:", {"Ref": "AWS::Region"}, ":", {"Ref": "AWS::AccountId"}, ":queue-%[1]d"]]}
      }
     ],
     "Version": "2012-10-17"
    },
    "PolicyName": "Role%[1]dDefaultPolicyEF567890",
    "Roles": [{"Ref": "Role%[1]dABCD1234"}]
   },
   "Metadata": {"aws:cdk:path": "Stack/Fn%[1]d/ServiceRole/DefaultPolicy/Resource"}
  }`, i)
	}
	b.WriteString("\n }\n}\n")
	return []byte(b.String())
}

// BenchmarkReadCDK reads a 200-resource JSON template in CDK's shape,
// with 200 policies.
func BenchmarkReadCDK(b *testing.B) { benchRead(b, "cdk.template.json", cdkTemplate200()) }
