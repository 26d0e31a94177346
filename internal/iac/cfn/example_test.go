package cfn_test

import (
	"fmt"

	"github.com/iamsim/iamsim/internal/iac/cfn"
	"github.com/iamsim/iamsim/internal/iac/policydoc"
	"github.com/iamsim/iamsim/policy"
)

// Read returns the policies of a template, each parsed with its Locator
// so that positions are the template's.
func ExampleRead() {
	template := `Parameters:
  Env: {Type: String, Default: prod}
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub ${Env}-logs
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: write-logs
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: s3:PutObjekt
                Resource: !Sub ${Logs.Arn}/*
`
	set, err := cfn.Read("template.yaml", []byte(template), policydoc.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range set.Policies {
		fmt.Println(p.Name(), p.Kind, string(p.Doc))
	}
	role := set.Principals[0]
	fmt.Println(role.Resource, "inline", role.Inline, "trust", role.Trust)

	inline := set.Policies[role.Inline[0]]
	doc, _ := inline.Locator(policy.DefaultLimits).ParseEmbedded(0, len(inline.Doc), inline.Kind)
	st := doc.Statements[0]
	fmt.Println(st.Action.Items[0].Text, "at", st.Action.Items[0].Pos)
	fmt.Println(st.Resource.Items[0].Text, "at", st.Resource.Items[0].Pos)
	// Output:
	// AppRole.AssumeRolePolicyDocument trust {"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}
	// AppRole.Policies[0] identity {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObjekt","Resource":"arn:aws:s3:::prod-logs/*"}]}
	// AppRole inline [1] trust 0
	// s3:PutObjekt at template.yaml:22:25
	// arn:aws:s3:::prod-logs/* at template.yaml:23:27
}
