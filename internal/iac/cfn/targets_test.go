package cfn

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iamsim/iamsim/internal/iac/policydoc"
)

// A resource policy knows the resources it is attached to when the
// template determines them: a bucket by name, a queue by URL, a topic
// by ARN; a value left to deploy (a queue in an unknown account) is
// left out.
func TestTargets(t *testing.T) {
	src := `Resources:
  B: {Type: AWS::S3::Bucket, Properties: {BucketName: my-b}}
  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: jobs}}
  T: {Type: AWS::SNS::Topic, Properties: {TopicName: news}}
  BP:
    Type: AWS::S3::BucketPolicy
    Properties: {Bucket: !Ref B, PolicyDocument: ` + doc + `}
  QP:
    Type: AWS::SQS::QueuePolicy
    Properties: {Queues: [!Ref Q], PolicyDocument: ` + doc + `}
  TP:
    Type: AWS::SNS::TopicPolicy
    Properties: {Topics: [!Ref T], PolicyDocument: ` + doc + `}
`
	read := func(values map[string]string) map[string][]string {
		set, err := Read("t.yaml", []byte(src), policydoc.Options{Values: values})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, p := range set.Policies {
			got[p.Name()] = p.Targets
		}
		return got
	}
	want := map[string][]string{"BP": {"arn:aws:s3:::my-b"}, "QP": nil, "TP": nil}
	if diff := cmp.Diff(want, read(nil)); diff != "" {
		t.Errorf("without account and Region (-want +got):\n%s", diff)
	}
	want = map[string][]string{
		"BP": {"arn:aws:s3:::my-b"},
		"QP": {"arn:aws:sqs:eu-west-1:111122223333:jobs"},
		"TP": {"arn:aws:sns:eu-west-1:111122223333:news"},
	}
	if diff := cmp.Diff(want, read(map[string]string{"AWS::AccountId": "111122223333", "AWS::Region": "eu-west-1"})); diff != "" {
		t.Errorf("with them (-want +got):\n%s", diff)
	}
}
